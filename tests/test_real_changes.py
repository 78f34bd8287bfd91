"""Changes against a base read from real reports (dev documents and scratch pages); each test is made
from the real sentence and names where it was read."""

from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.validator import validate


def growth_errors(text):
    return [f for f in validate(text).findings if f.check.startswith("growth.") and f.severity == "error"]


def test_a_rate_on_another_basis_is_not_computed_from_the_plain_amount():
    """s308: “同比减收92,021万元，剔除留抵退税后同口径下降6.07%” — no printed figure gives the 6.07%."""
    assert growth_errors(vocabulary().data["other_basis_words"]["example"]) == []
    text = "全区一般公共预算收入1,042,625万元,比2021年减收34,086万元,剔除留抵退税后同口径增长0.67%。"
    assert growth_errors(text) == []
    plain = "全区一般公共预算收入1,042,625万元,比2021年减收34,086万元,下降0.67%。"
    assert [(f.stated, f.expected) for f in growth_errors(plain)] == [("0.67%", "3.17%")]


def test_a_rate_on_the_same_basis_as_its_amount_is_still_checked():
    """r208: “按同口径同比减少63.96万元，下降5.2%” — amount and rate share the basis."""
    text = "2019年“三公”经费决算支出数为1165.08万元,按同口径同比减少63.96万元,下降5.2%。"
    assert growth_errors(text) == []
    assert [f.stated for f in growth_errors(text.replace("下降5.2%", "下降6.2%"))] == ["6.2%"]


def test_a_change_against_the_same_month_last_year_is_checked():
    """s235 (a real error the miss-hunter found): “比上年同月增收6.18亿元,增长30.09%” — every rounding
    of 26.68 and 6.18 gives 30.11%–30.19%."""
    text = "9月份,全市财政收入完成26.68亿元,比上年同月增收6.18亿元,增长30.09%。"
    assert [(f.stated, f.expected) for f in growth_errors(text)] == [("30.09%", "30.15%")]
    assert growth_errors(text.replace("30.09%", "30.15%")) == []


def test_a_comparison_after_a_clause_naming_another_item_is_only_a_note():
    """s296: “…收入比预算超收150万元,主要是非税收入增加所致,税收收入受减税降费政策影响,较年初预算减少
    6,020万元,下降11.36%” — the fall is 税收收入's (its 46,980万元 is in the next sentence)."""
    text = ("2019年地方一般公共预算收入完成107,150万元。\n从收入决算的情况看,2019年地方一般公共预算收入比预算超收150万元,"
            "主要是非税收入增加所致,税收收入受减税降费政策影响,较年初预算减少6,020万元,下降11.36%。")
    assert growth_errors(text) == []
    same_item = text.replace("税收收入受减税降费政策影响,", "")
    assert [f.stated for f in growth_errors(same_item)] == ["11.36%"]


def test_an_amount_that_fits_in_the_next_unit_says_the_unit_slipped():
    """s234: “科学技术支出259万元,比上年同期139万元增支120元” — 120万元 is meant; the reviewer is told so."""
    text = "科学技术支出259万元,比上年同期139万元增支120元。"
    (found,) = [f for f in validate(text).findings if f.check == "growth.amount"]
    assert found.severity == "error" and "按万元计正好相符" in found.message and found.expected == "120万元"
    digits = text.replace("增支120元", "增支130万元")
    assert all("单位" not in f.message for f in validate(digits).findings)


def test_a_part_that_should_be_zero_is_no_unit_slip():
    """r066: 购置及运行维护费4.02万元 with parts 0万元 and 0万元 — 4.02元 would round to 0万元, but a zero
    result has no scale: the message must not suggest the unit is wrong."""
    text = ("公务用车购置及运行维护费支出4.02万元。其中:\n公务用车购置支出0万元,购置车辆0辆。\n"
            "公务用车运行维护支出0万元,开支一般公共预算财政拨款的公务用车保有量为7辆。")
    (found,) = [f for f in validate(text).findings if f.check == "sum.parts"]
    assert found.severity == "error" and "单位" not in found.message


def test_figures_set_apart_by_spaces_are_read_as_without():
    """PDFs and Word set figures apart (“较 2022 年预算 1.50 万元增长 75 %”, r007 as exported): the
    comparison binds as in the plain text, so r007's real error (2 ÷ 1.50 is a rise of 33.33%) is
    found either way, and a right rate passes either way."""
    plain = "(二)培训费2023年预算2万元,较2022年预算1.50万元增长75%,主要原因是为了提升教师素质。"
    spaced = "(二)培训费 2023 年预算 2 万元,较 2022 年预算 1.50 万元增长 75 %,主要原因是为了提升教师素质。"
    assert [f.expected for f in growth_errors(plain)] == [f.expected for f in growth_errors(spaced)] == ["33.33%"]
    assert growth_errors(spaced.replace("75 %", "33.33 %")) == []


def test_the_changes_of_all_standard_parts_after_mainly_make_the_total_change():
    """r146 (dev): “支出预算较2025减少18.23万元,主要是基本支出预算增加91.32万元,项目支出预算减少73.09万元”
    — 基本 and 项目 are the whole of 支出, so their changes (+91.32 − 73.09 = +18.23) contradict 减少."""
    text = "支出预算较2025减少18.23万元,主要是基本支出预算增加91.32万元,项目支出预算减少73.09万元。"
    (found,) = [f for f in validate(text).findings if f.severity == "error"]
    assert found.check == "sum.changes" and "减少额" in found.message
    assert [f for f in validate(text.replace("减少18.23", "增加18.23")).findings if f.severity == "error"] == []
    only_one = "支出预算较2025减少18.23万元,主要是基本支出预算增加91.32万元。"
    assert [f for f in validate(only_one).findings if f.severity == "error"] == []


S266 = ("汇总中央和地方决算,全国财政收入61330.35亿元,比2007年增加10008.57亿元,增长19.5%,完成预算的104.9%;"
        "全国财政支出62592.66亿元,增加12811.31亿元,增长25.7%,完成预算的102%。"
        "中央财政收入33626.93亿元,增加5014.98亿元,增长17.5%,完成预算的103.4%;"
        "中央财政支出36334.93亿元,增加6574.98亿元,增长22.8%,完成预算的102.5%。")


def test_a_figure_its_change_and_its_rate_in_a_row_are_judged_without_comparison_words():
    """s266 (scratch, 2008年中央决算): the comparison word stands two clauses earlier; 6574.98 ÷ (36334.93 −
    6574.98) = 22.09%, printed 22.8% (the published amount was 6755.98)."""
    assert [(f.stated, f.expected, f.severity) for f in growth_errors(S266)] == [("22.8%", "22.09%", "error")]


def test_a_figure_moved_by_an_adjustment_keeps_its_rate_unjudged():
    """s011: “税收收入拟调整为85000万元,调减16000万元,下降9.7%” — the amount is against the budget, the rate
    against last year."""
    assert growth_errors("其中:税收收入拟调整为85000万元,调减16000万元,下降9.7%;非税收入拟调整为25000万元。") == []


def test_a_bare_spending_change_in_a_paragraph_titled_spending_budget_is_that_budgets():
    """r171 (dev): “(二)支出预算:…。支出较去年减少7.37万元,主要是基本支出减少7.37万元,项目支出减少55万元” — 基本支出
    and 项目支出 are the whole budget's parts, so their changes (−62.37) must make its change (−7.37)."""
    text = ("(二)支出预算:2026年年初预算数66.39万元,其中:一般公共服务支出46.91万元,教育支出0.48万元,社会保障和就业支出11.32万元,"
            "卫生健康支出3.84万元,住房保障支出3.84万元。支出较去年减少7.37万元,主要是基本支出减少7.37 万元,项目支出减少55万元。")
    found = [(f.expected, f.severity) for f in validate(text).findings if f.check == "sum.changes"]
    assert found == [("62.37万元", "error")]
    untitled = text.replace("(二)支出预算:", "")
    assert [f for f in validate(untitled).findings if f.check == "sum.changes"] == []


def test_a_rate_in_brackets_after_a_change_is_that_changes_rate():
    """r226 (dev, 2019 三公预算): “公务接待费2.30万元,较上年减少1.5万元(42.86%)” — 1.5 ÷ (2.30 + 1.5) = 39.47%
    (42.86% is 1.5 ÷ 3.5)."""
    text = "2、公务接待费2.30万元,较上年减少1.5万元(42.86%),减少的主要原因是厉行节约。"
    assert [(f.stated, f.expected) for f in growth_errors(text)] == [("42.86%", "39.47%")]
    assert growth_errors(text.replace("42.86%", "39.47%")) == []


def test_changes_of_the_function_classes_listed_before_make_the_budgets_change():
    """r183 (dev, 2026 单位预算): the four 类 add up to 582.44, so their increases (140.98) must make the budget's
    increase, printed 140.86."""
    text = ("2026年年初预算数582.44万元,其中:文化旅游体育与传媒支出预算462.99万元,社会保障和就业支出预算82.92万元,"
            "卫生健康支出预算18.17万元,住房保障支出预算18.35万元。支出预算比2025年增加140.86万元,主要是文化旅游体育与传媒支出"
            "增加135.66万元、社会保障和就业支出增加1.84万元、卫生健康支出增加1.65万元、住房保障支出增加1.83万元导致。")
    found = [(f.expected, f.severity) for f in validate(text).findings if f.check == "sum.changes"]
    assert found == [("140.98万元", "error")]
    fixed = text.replace("增加135.66万元", "增加135.54万元")
    assert [f for f in validate(fixed).findings if f.check == "sum.changes"] == []
