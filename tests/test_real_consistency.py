"""The same name stated twice, across funds, periods and bases, from real reports (dev documents and
scratch pages); each test is made from the real sentences and names where they were read."""

from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.validator import validate


def conflicts(text):
    return [f for f in validate(text).findings if f.check == "conflict.same-name"]


def test_line_items_of_the_general_budget_and_of_a_fund_budget_are_not_one_figure():
    """s275: each line gives one budget with the same items (上级补助收入, 收入合计)."""
    text = ("全区一般公共预算收入35.01亿元,上级补助收入11.96亿元,上年结余2.38亿元,收入合计55.60亿元。\n"
            "全区政府性基金上年结余26.38亿元,上级补助收入14.78亿元,债券转贷收入1.34亿元,收入合计42.5亿元。\n"
            "全区国有资本经营预算收入229万元,上级补助收入86万元,调出资金229万元。")
    assert conflicts(text) == []


def test_a_budget_named_by_its_section_heading_keeps_its_items_apart():
    """s310: “(一)一般公共预算。…(二)政府性基金预算。…” — the heading names the budget once."""
    text = ("(一)一般公共预算。一般公共预算收入214,304万元,上年结余31,689万元,收入总计797,636万元。\n"
            "(二)政府性基金预算。政府性基金收入127,516万元,上年结余3,004万元,收入总计184,919万元。")
    assert conflicts(text) == []


def test_one_budgets_item_stated_twice_differently_is_still_reported():
    """s275's general budget restated with a slip: the fund budget between them does not hide it."""
    text = ("全区一般公共预算收入35.01亿元,上级补助收入11.96亿元,收入合计55.60亿元。\n"
            "全区政府性基金上年结余26.38亿元,收入合计42.5亿元。\n"
            "全区一般公共预算收入35.01亿元,上级补助收入12.96亿元。")
    assert [(f.stated, f.expected) for f in conflicts(text)] == [("12.96亿元", "11.96亿元")]


def test_the_fund_words_example_keeps_its_two_budgets_apart():
    example = vocabulary().data["fund_words"]["example"]
    assert conflicts(example) == []
    one_budget = example.replace("政府性基金", "一般公共预算")
    assert {f.check for f in conflicts(one_budget)} == {"conflict.same-name"}


def test_a_change_over_the_first_months_is_not_the_years_change_restated():
    """s266: the 2008 year's 比2007年增加 and, under a heading, “今年前5个月…比2008年同期减少”."""
    text = ("汇总中央和地方决算,全国财政收入61330.35亿元,比2007年增加10008.57亿元,增长19.5%。\n"
            "今年前5个月,全国财政收入比2008年同期减少1955.7亿元\n"
            "1月至5月累计,全国财政收入27108.67亿元,比2008年同期减少1955.7亿元,同比下降6.7%。")
    assert [f for f in validate(text).findings if f.check == "conflict.change"] == []
    restated = "全国财政收入61330.35亿元,比上年增加10008.57亿元,增长19.5%。\n全国财政收入比上年增加10080.57亿元。"
    assert [f.check for f in validate(restated).findings if f.check == "conflict.change"] == ["conflict.change"]


def test_a_local_revenue_total_takes_the_local_tax_figure_not_the_whole_districts():
    """s312: 总收入 = 全区税收收入 + 非税收入, 地方收入 = 地方级税收收入 + 非税收入 — both hold."""
    text = ("1-8月,一般公共预算总收入223042万元,同比增长0.3%;地方一般公共预算收入151771万元,同比增长1.8%。"
            "全区税收收入144547万元,同比下降11.4%;地方级税收收入73276万元,同比下降18.5%;非税收入78495万元,同比增长32.5%。")
    assert [f for f in validate(text).findings if f.check == "sum.identity"] == []
    slipped = text.replace("地方级税收收入73276万元", "地方级税收收入73726万元")
    assert [f.stated for f in validate(slipped).findings if f.check == "sum.identity"] == ["151771万元"]


R149 = ("2026年部门预算情况说明\n"
        "(一)收入预算:2026年年初预算数11063429元,其中:一般公共预算拨款10421294元,政府性基金预算拨款642135元。\n"
        "三、部门预算情况说明\n"
        "2026年一般公共预算财政拨款收入11063429元,一般公共预算财政拨款支出11063429元。")


def test_the_general_budget_appropriation_restated_as_the_whole_income_is_reported():
    """r149: 一般公共预算拨款 in the 年初预算 list and 一般公共预算财政拨款收入 later are one figure."""
    assert [(f.stated, f.expected, f.severity) for f in conflicts(R149)] == [("11063429元", "10421294元", "warning")]


def test_the_same_appropriation_restated_equal_is_not_reported():
    assert conflicts(R149.replace("财政拨款收入11063429元", "财政拨款收入10421294元")) == []


def test_a_year_named_before_a_list_is_the_year_of_every_item():
    """r236 (dev, 退役军人事务部 2019 预算): “其中,2018年因公出国(境)费154万元,…,公务接待费0.96万元” is last year's
    list; this year's 公务接待费50万元 is another quantity."""
    text = ("退役军人事务部2019年部门预算\n"
            "该部门2019年“三公”经费预算数为685万元,其中因公出国(境)费620万元;公务用车购置及运行费15万元,公务接待费50万元。\n"
            "其中,2018年因公出国(境)费154万元,公务用车购置以及运行费19万元,公务接待费0.96万元。")
    assert conflicts(text) == []
    this_year = text.replace("其中,2018年因公出国(境)费154万元", "其中,因公出国(境)费154万元")
    assert {f.stated for f in conflicts(this_year)} == {"154万元", "0.96万元"}


def change_warnings(text, check):
    return [(f.stated, f.expected) for f in validate(text).findings if f.check == check and f.severity == "warning"]


R138 = ("(一)收入预算:2026年年初预算数225.12万元,其中:一般公共预算拨款139.51万元,政府性基金预算拨款85.60万元。"
        "收入较去年减少90.8万元,主要是幼儿园新建园舍及附属设施项目、设备购置,项目结束等情况,减少90.8万元。\n"
        "(二)支出预算:2026年年初预算数225.12万元,其中:教育支出110万元,社会保障和就业支出17.33万元,卫生健康支出6.26万元,"
        "住房保障支出5.93万元,其他支出85.60万元。支出较去年{}。\n")


def test_a_balanced_budgets_income_and_spending_change_alike():
    """r138 (dev): income and spending budgets are both 225.12万元, yet income fell by 90.8 and spending
    rose by 323.95; stated alike, nothing is said."""
    assert change_warnings(R138.format("增加323.95万元"), "conflict.balanced-change") == [("增加323.95万元", "减少90.8万元")]
    assert change_warnings(R138.format("减少90.8万元"), "conflict.balanced-change") == []


def test_income_and_spending_of_different_sizes_are_not_compared():
    unbalanced = R138.replace("(二)支出预算:2026年年初预算数225.12万元", "(二)支出预算:2026年年初预算数134.32万元")
    assert change_warnings(unbalanced.format("增加323.95万元"), "conflict.balanced-change") == []


def test_a_parts_change_given_as_a_reason_is_against_the_totals_base():
    """r171 (dev): “支出较去年减少7.37万元,主要是基本支出减少7.37万元” and later “基本支出66.39万元,比2025年
    增加47.63万元”: the same 基本支出 against last year, stated twice differently."""
    text = ("(二)支出预算:2026年年初预算数66.39万元。支出较去年减少7.37万元,主要是基本支出减少7.37万元,项目支出减少55万元。\n"
            "2026年一般公共预算财政拨款支出66.39万元,比2025年减少7.37万元。其中:基本支出66.39万元,比2025年{}。")
    assert change_warnings(text.format("增加47.63万元"), "conflict.change") == [("增加47.63万元", "减少7.37万元")]
    assert change_warnings(text.format("减少7.37万元"), "conflict.change") == []


def test_a_figure_named_only_by_its_measure_is_its_subjects():
    """r117 (dev): “财政拨款支出…支出决算数为2112.86万元” restates the 财政拨款支出 given as 3611.81万元 in
    another section; its label names only a measure, so it is the subject's 决算."""
    text = ("五、一般公共预算财政拨款支出决算情况说明\n(一)财政拨款支出决算总体情况\n"
            "2020年度财政拨款支出3611.81万元,占本年支出合计的93.6 %。\n(三)财政拨款支出决算具体情况\n"
            "2020年度财政拨款支出年初预算数为1255.37万元,支出决算数为{}万元。")
    found = [(f.severity, f.stated, f.expected) for f in conflicts(text.format("2112.86"))]
    assert found == [("warning", "2112.86万元", "3611.81万元")]
    assert conflicts(text.format("3611.81")) == []


def test_a_balanced_appropriation_and_its_spending_change_alike():
    """r146 (dev): 一般公共预算拨款 rose by 54.23 (a reason under the income's change), and the 一般公共预算
    财政拨款支出 of the same 2332.91万元 is said to have fallen by 54.23."""
    text = ("2026年部门预算情况说明\n(一)收入预算:2026年年初预算数2415.91万元,其中:一般公共预算拨款2332.91万元,财政专户管理资金收入83万元。"
            "收入较2025年增加18.23万元,主要是一般公共预算拨款增加54.23万元,财政专户管理资金收入减少36万元。\n"
            "2026年一般公共预算财政拨款收入2332.91万元,一般公共预算财政拨款支出2332.91万元,比2025年{}54.23万元。")
    assert change_warnings(text.format("减少"), "conflict.balanced-change") == [("减少54.23万元", "增加54.23万元")]
    assert change_warnings(text.format("增加"), "conflict.balanced-change") == []
