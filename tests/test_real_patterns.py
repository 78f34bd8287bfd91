"""Patterns from real reports (dev documents of `evals/validator/real/` and unlabelled scratch pages),
each test made from the real sentence and naming where it was read."""

import pytest

from assistant.validation.statements import read_statements
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import sentences
from assistant.validation.validator import validate
from retrieval.loaders import load_text


def statements(text, year=2023):
    return read_statements(sentences(load_text(text)), year)


def findings(text, check=None, severity=None):
    return [f for f in validate(text).findings
            if (check is None or f.check == check) and (severity is None or f.severity == severity)]


def test_shares_of_the_three_sangong_items_are_shares_of_their_sum():
    """r103: the whole is only named (“三公”经费…支出决算中); the three standard items are all of it,
    so 1.4万元 of 1.68万元 cannot be 0.02%, nor 0.28万元 0.95%."""
    text = ("2023年“三公”经费财政拨款支出决算中,因公出国(境)费支出决算0万元,占0%;"
            "公务用车购置及运行维护费支出决算1.4万元,占0.02%;公务接待费支出决算0.28万元,占0.95%。")
    wrong = findings(text, "share.of-whole", "error")
    assert sorted(f.stated for f in wrong) == ["0.02%", "0.95%"]
    assert {f.expected for f in wrong} == {"83.33%", "16.67%"}
    right = text.replace("占0.02%", "占83.33%").replace("占0.95%", "占16.67%")
    assert findings(right, severity="error") == []


def test_completion_of_the_adjusted_budget_is_not_read_against_the_initial_one():
    """s116 (麻阳 审计公告): “完成年初预算150万元的146.67%,完成调整预算的100%” — the adjusted
    budget is not printed, so the 100% has nothing to be checked against."""
    text = vocabulary().data["adjusted_budget_words"]["example"]
    assert findings(text, "rate.inputs") == []
    printed = "国有资产经营收入年初预算150万元，调整预算220万元，实际完成220万元，完成调整预算的90%。"
    assert [f.expected for f in findings(printed, "rate.inputs", "error")] == ["100.00%"]


def test_a_balance_named_without_its_fund_is_not_one_figure_across_funds():
    """s116: “当年收支结余” of the general budget and, two paragraphs on, of the social insurance funds."""
    text = ("一般公共预算财政总收入380,869万元。一般公共预算财政总支出379,347万元。当年收支结余1,522万元。\n\n"
            "全县社会保险基金收入完成64,053万元。全县社会保险基金支出62,677万元。当年收支结余1,376万元。")
    assert findings(text, "conflict.same-name") == []


def test_a_part_larger_than_its_whole_is_reported_whatever_the_list_leaves_out():
    """r411: no overlap between the parts and no part left out lets one part exceed the whole."""
    text = "单位共有公务用车0辆,其中:轿车0辆、越野车0辆、载客汽车1辆。"
    assert [f.severity for f in findings(text, "sum.parts")] == ["warning"]
    overlapping = "单位共有在职人员50人，其中：女性20人、党员30人。"  # parts of a head count may overlap
    assert findings(overlapping, "sum.parts", "warning") == findings(overlapping, "sum.parts", "error") == []


def test_a_part_larger_than_the_figure_just_before_its_list_may_belong_to_another_figure():
    """r607: “收到…补助资金合计7505萬元,已支出2171.13萬元…。其中:收到…2666萬元…；收到…520萬元”:
    the list breaks down the 7505 received, not the 2171.13 spent."""
    text = ("市收到普通公路水路建设省补助资金合计7505万元,已支出2171.13万元,资金支付率28.93%。其中:\n"
            "收到普通国省道建设补助资金2666万元,已支出39万元,资金支付率1.46%。\n"
            "收到省交通事业发展保障支出520万元,已支出388.16万元。")
    assert findings(text, "sum.parts", "error") == []


def test_a_score_table_cut_by_the_page_is_not_summed():
    """s125: a 评分标准 run of one cell per line that the page cuts before its total row; 生长情况 is
    printed without points."""
    cells = ["一级指标", "二级指标", "三级指标", "水稻种植情况(40分)", "种植面积", "(20分)", "——", "20",
             "种植面积达到可种面积的100%得20分。", "生长情况", "有专人栽培管理,生长整齐、长势良好。",
             "提升耕地质量(35分)", "培育耕层", "(5分)", "增厚土层", "平整地表,深耕深翻土壤。",
             "培肥地力", "(30分)", "增施有机肥", "25", "年亩增施商品有机肥1000公斤以上。",
             "基础设施维护(15分)", "设施管护", "(15分)", "道路田坎", "道路田坎无倒塌无"]
    assert findings("\n".join(cells), "score.points") == []


def test_a_nested_list_cut_at_a_semicolon_keeps_its_part():
    """r004 (广东省财政厅): “公务用车购置及运行维护费…其中:公务用车购置支出…;公务用车运行维护费支出决算为
    27.46万元…;公务接待费…”: the 运行维护费 after the “;” is part of 公务用车, not a fourth item of the
    “三公” list, and its change is not added to the total's twice."""
    text = ("广东省财政厅2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的73.2%,"
            "比上年决算数增加38.97万元,增长168.7%;比2019年(疫情前)决算数减少24.87万元,降低28.6%。"
            "其中:因公出国(境)费支出决算为12.02万元,完成预算12.02万元的100%,比上年决算数增加12.02万元,"
            "增长--(基数为0,不可比);公务用车购置及运行维护费支出决算为27.46万元,完成预算29.6万元的92.8%,"
            "比上年决算数增加6.32万元,增长29.9%;其中:公务用车购置支出决算为0万元,完成预算0万元的--%"
            "(基数为0,不可比),比上年决算数增加0万元,增长--(基数为0,不可比);公务用车运行维护费支出决算为"
            "27.46万元,完成预算29.6万元的92.8%,比上年决算数增加6.32万元,增长29.9%;公务接待费支出决算为"
            "22.59万元,完成预算43.2万元的52.3%,比上年决算数增加20.63万元,增长1,055.4%。\n"
            "2023年度“三公”经费财政拨款支出决算中,因公出国(境)费12.02万元,占19.4%;"
            "公务用车购置及运行维护费支出27.46万元,占44.2%;公务接待费支出22.59万元,占36.4%。")
    assert findings(text, severity="error") == []
    lists = [b for b in statements(text).breakdowns if b.total.number.text == "62.07万元"]
    assert [[p.number.text for p in b.parts] for b in lists] == [["12.02万元", "27.46万元", "22.59万元"]] * 2


def test_a_list_after_a_change_that_adds_up_to_the_total_breaks_down_the_total():
    """s137 (重庆 某卫健委 决算): the parts add up to 12638.86, so their shares are shares of it:
    1591.79 is 12.59% of it, not 21.59% (the page swapped two digits; 78.41 = 100 − 21.59)."""
    text = ("本部门2021年度支出合计12638.86万元,较上年决算数增加5117.19万元,增长68.03%,主要原因是项目支出增加。"
            "其中:基本支出1591.79万元,占21.59%;项目支出11047.07万元,占78.41%。")
    assert sorted(f.expected for f in findings(text, "share.of-whole", "error")) == ["12.59%", "87.41%"]
    right = text.replace("21.59%", "12.59%").replace("78.41%", "87.41%")
    assert findings(right, severity="error") == []


def test_a_list_of_things_is_not_a_list_of_figures():
    """r023 (天津 福彩公益金): “使用范围包括老年公寓、…、殡仪事业等;用于社区公益类1.26亿元”: what
    “包括” lists are uses, not the figures of the next clauses."""
    text = ("2015年天津福彩公益金用于养老等服务类经费和困难群众保障4.25亿元,占比为75%,使用范围包括老年公寓、"
            "居家养老政府补贴、殡仪事业等;用于社区公益类1.26亿元,占比为23%,使用范围包括公益慈善项目交流展示会、"
            "社区公益事业专项等;用于其他社会福利类0.14亿元,占比为2%,使用范围包括儿童福利机构、安宁医院等。")
    assert findings(text, severity="error") == []
    assert statements(text).breakdowns == []


def test_the_same_names_under_budget_adjustment_and_final_headings_are_different_figures():
    """s157 (璧山区大兴镇 2024年财政决算的报告): “1. …批准的年初预算草案。” “2. …批准的预算调整方案。”
    “3. 决算情况。” each state 收入总计, 本级收入 … of their own stage."""
    text = vocabulary().data["stage_headings"]["example"]
    assert findings(text, "conflict.same-name") == []
    same_stage = "3. 决算情况。\n(1)收入总计10855万元。\n(2)收入总计10585万元。"
    assert findings(same_stage, "conflict.same-name")


def test_a_figure_among_changes_that_lost_its_increase_word_is_a_change():
    """s136 (寻甸县农业农村局): “公务用车购置及运行费支出决算174,732.10元,增长176.55%” between two
    “增加…元,增长…%” items is the increase (0 + 174,732.10 + 56,716.00 = 231,448.10), not a second
    决算 figure beside the 273,702.10元 stated before."""
    text = ("寻甸县农业农村局2022年度“三公”经费支出决算为390,118.10元。其中:因公出国(境)费支出决算为0元;"
            "公务用车购置及运行费支出决算为273,702.10元;公务接待费支出决算为116,416.00元。\n"
            "2022年度“三公”经费支出决算数比2021年增加231,448.10元,增长145.87%。"
            "其中:因公出国(境)费支出决算增加0元,增长0%;公务用车购置及运行费支出决算174,732.10元,增长176.55%;"
            "公务接待费支出决算增加56,716.00元,增长95.00%。")
    assert findings(text) == []
    (item,) = [i for i in statements(text).document.items if "174,732.10" in i.sentence.clean]
    assert [f.role for f in item.facts if f.number.is_money] == ["change"] * 3


def test_a_list_naming_the_parts_of_another_list_that_adds_up_is_complete():
    """r404 (池州 自评表): the 完成 list adds up item by item (439120.67 + 152000 + 28000 + 660000 +
    50000 = 1329120.67), so the 申请 list of the same five items is complete: 1740000 ≠ 2026400."""
    text = ("本项目共申请预算资金2026400元,其中村级组织运转400000元,党小组长基本报酬252000元,村民监督委员会工资28000元,"
            "村级事务补助960000元,村级工作目标奖励100000元。"
            "本项目共完成预算资金1329120.67元,其中村级组织运转439120.67元,党小组长基本报酬152000元,"
            "村民监督委员会工资28000元,村级事务补助660000元,村级工作目标奖励50000元。")
    assert [f.expected for f in findings(text, "sum.parts", "error")] == ["1740000元"]
    alone = text.split("。")[0] + "。"  # without the other list nothing says the five are all
    assert findings(alone, "sum.parts", "error") == []


def test_figures_named_by_their_use_make_a_list():
    """r403 (池州 自评表): “其中:30万元用于…;30万元用于…;29.99万元用于…” — read as exact amounts the
    parts overshoot 89.97 by 0.02; the 申请 list of the same uses adds up, so the list is whole."""
    text = ("本项目共申请预算资金90万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;"
            "30万元用于基建工程项目设计、规划、测绘。 本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;"
            "30万元用于基建工程项目审计;29.99万元用于基建工程项目设计、规划、测绘。")
    assert [f.severity for f in findings(text, "sum.parts")] == ["warning"]
    example = statements(vocabulary().data["named_by_use"]["example"])
    assert [p.name for b in example.breakdowns for p in b.parts][:2] == ["基建工程项目预算编制", "基建工程项目审计"]


def test_a_one_unit_tail_on_whole_wan_amounts_is_a_note():
    """s039 (区 财政收入): 1423 − 1941 + 2252 = 1734, printed 1735万元 — amounts in 万元 rounded from 元."""
    text = ("截至3月31日,全区完成财政收入29612万元,较上年同期增收1735万元,同比增长6.2%。"
            "其中,国税完成11765万元,较上年同期增收1423万元,同比增长13.8%;地税完成14796万元,较上年同期减收1941万元,"
            "同比下降11.6%;财政完成3051万元,较上年同期增收2252万元,同比增长281.9%。")
    assert [f.severity for f in findings(text, "sum.changes")] == ["note"]
    assert [f.severity for f in findings(text.replace("增收1735万元", "增收1745万元"), "sum.changes")] == ["error"]


def test_average_annual_growth_follows_the_years_it_spans():
    """r815 (壤塘县): from 2015's figure to 2020's, (2468 ÷ 2007)^(1/5) − 1 = 4.22%; r016 (全国教育经费
    执行情况): 76.48% over 2015–2020 is 12.03% a year, printed 12.3%."""
    two_years = vocabulary().data["annual_growth_words"]["example"]
    (growth,) = statements(two_years).annual_growths
    assert (growth.years, growth.first.number.text, growth.last.number.text) == (5, "2007万元", "2468万元")
    assert findings(two_years) == []
    assert [f.expected for f in findings(two_years.replace("4.22%", "5.22%"), "growth.annual", "error")] == ["4.22%"]
    text = ("全国幼儿园生均一般公共预算教育经费年均增长12.3%,2020年达到9410.76元,比2015年增长76.48%;"
            "全国普通小学生均一般公共预算教育经费年均增长5.08%,2020年达到12330.58元,比2015年增长28.13%。")
    assert [(f.stated, f.expected) for f in findings(text, "growth.annual")] == [("12.3%", "12.03%")]


def test_an_allocation_named_by_its_use_is_not_the_item_stated_again():
    """“其中3.04万元用于公务接待费” spends part of some fund on 公务接待费; it does not restate the
    year's 公务接待费 (the naming by use comes from r403's “30万元用于…” lists)."""
    text = "某局2023年度部门决算\n公务接待费支出3.40万元。\n其中3.04万元用于公务接待费。"
    assert findings(text, "conflict.same-name") == []


def test_a_percentage_another_pair_of_the_sentence_explains_is_a_note_not_an_error():
    """Issue 9's list of false findings: a growth rate checked against the wrong clause's figures. When
    the stated rate misses its own inputs but two other amounts of the sentence give it exactly, the
    binding is in doubt: a note that names the other reading. A rate nothing else explains stays an error."""
    text = "基本支出决算125.60万元，比上年增加12.10万元，增长10.66%，其中人员经费113.50万元，比上年增加3.50万元，增长{}。"
    doubted = findings(text.format("10.66%"), "growth.rate")
    assert [f.severity for f in doubted] == ["note"] and "也得出10.66%" in doubted[0].message
    assert [(f.severity, f.expected) for f in findings(text.format("13.66%"), "growth.rate")] == [("error", "3.18%")]


def test_an_execution_rate_over_funds_named_sentences_before_is_checked_but_only_warned():
    """r602: the funds (“财政资金3267.28万元”) are named under no budget word, a sentence before the amount
    spent and its rate. The earlier amount is one reading of the denominator: a rate it does not give is a
    warning that says where the denominator came from."""
    text = ("2023年预算安排我局专项资金项目共计113个,财政资金3267.28万元。为了实现年初绩效目标,各主管业务科站室"
            "定期对本部门资金项目进行督导检查,至2023年底我局项目执行金额2856.63万元,执行率{}。")
    assert findings(text.format("87.43%"), "rate.inputs") == []
    wrong = findings(text.format("78.43%"), "rate.inputs")
    assert [(f.severity, f.expected) for f in wrong] == [("warning", "87.43%")] and "前文" in wrong[0].message


def test_a_yuan_figure_in_a_sentence_of_yuan_figures_is_no_unit_slip():
    """r052: a report in 元 prints one zero as “0.00万元”; its 12,000.00元 beside it is meant in 元."""
    text = ("2022年度一般公共预算财政拨款“三公”经费支出决算中,因公出国(境)费支出0.00万元,占0.00%;"
            "公务用车购置及运行维护费支出12,000.00元,占100%;公务接待费支出0.00元,占0.00%。")
    assert findings(text, "unit.yuan-among-wan") == []
    slipped = "“三公”经费支出决算3.20万元,其中公务用车运行维护费支出1.20万元,公务接待费支出2.00元。"
    assert [f.severity for f in findings(slipped, "unit.yuan-among-wan")] == ["warning"]


def test_one_name_under_different_levels_of_government_is_not_one_figure_stated_twice():
    """s200 (潍坊 预算执行报告): each sentence names its level once (全市 / 市级 / 市本级) and the
    支出 after the semicolon is that level's. The same level stated twice differently is still found."""
    text = ("全市一般公共预算收入608.3亿元,增长0.1%;一般公共预算支出889.4亿元,增长5.6%。"
            "市级(含市属开发区,下同)一般公共预算收入124.6亿元,下降8.2%;一般公共预算支出245.9亿元,增长8.6%。"
            "市本级一般公共预算收入18亿元,下降38.8%;一般公共预算支出163.3亿元,增长12.3%。")
    assert findings(text, "conflict.same-name") == []
    restated = text + "全市一般公共预算支出898.4亿元,主要用于民生。"
    assert [(f.stated, f.expected) for f in findings(restated, "conflict.same-name")] == [("898.4亿元", "889.4亿元")]


def test_a_part_of_last_years_total_is_not_compared_with_that_total():
    """s204: the whole sentence speaks of last year; 323.4亿元 after 其中 is a part of 405亿元 and its
    86.3% growth is on a prior figure the page does not print."""
    text = "去年全市基金收入完成405亿元,其中国有土地使用权出让金收入323.4亿元,增长86.3%。"
    assert findings(text) == [] or all(f.severity == "note" for f in findings(text))
    beside = "普通初中上年14383.56元,本年11662.98元,同口径增加3.72%。"
    assert [f.severity for f in findings(beside, "growth.rate")] == ["error"]


def test_a_share_of_a_total_stated_paragraphs_before_is_checked_against_it():
    """s216 (1-9月 财政收支): “全市财政支出完成267.37亿元” names the 财政支出总量 the later shares are
    of, and a part's own growth may stand between the part and its share. 42.76 of 267.37 is 16%;
    27.36 is not (the page copied the line above)."""
    text = ("1-9月,全市财政支出完成267.37亿元,为预算的84.4%,增长9.4%。\n\n"
            "医疗卫生与计划生育支出42.76亿元,增长29.4%,占财政支出总量的16%。\n\n"
            "社会保障和就业支出27.36亿元,增长12.0%,占财政支出总量的16%。")
    wrong = findings(text, "share.of-whole")
    assert [(f.severity, f.stated, f.expected) for f in wrong] == [("error", "16%", "10.23%")]
    assert "27.36" in wrong[0].message


def test_a_completion_rate_with_the_budget_inside_its_words_is_checked():
    """r004 (广东省财政厅): “支出决算为62.07万元,完成全年预算84.82万元的73.2%” — 62.07 ÷ 84.82 = 73.18%."""
    text = "2023年度“三公”经费财政拨款支出决算为62.07万元,完成全年预算84.82万元的{},比上年决算减少24.87万元。"
    assert findings(text.format("73.2%"), "rate.inputs") == []
    assert [(f.severity, f.expected) for f in findings(text.format("83.2%"), "rate.inputs")] == [("error", "73.18%")]


def test_the_budget_inside_completion_words_is_not_the_figure_compared_with_last_year():
    """s234 (1-9月 执行): the actual 37,730万元 is compared with last year's 35,285万元, not the annual
    budget 46,908万元 the completion rate names. A real unit slip in the same page is still found."""
    text = ("2023年1-9月一般公共预算收入37,730万元,为县人民代表大会批准全县全年预算46,908万元的80.43%,"
            "比上年同期35,285万元增收2,445万元,增长6.9%。")
    assert [f for f in findings(text) if f.severity in ("error", "warning")] == []
    slip = "科学技术支出259万元,比上年同期139万元增支120元,增长86.3%。"
    assert [f.check for f in findings(slip, severity="error")] == ["growth.amount"]


def test_a_paragraph_names_its_level_once_for_all_its_sentences():
    """s246: “市本级(含现代物流产业开发区,下同)…收入…。一般公共预算支出706,228万元” — the 支出 sentence
    is the 市本级's, not the 全市's stated a paragraph before."""
    text = ("全市地方一般公共预算收入1,179,747万元,增长5.95%。一般公共预算支出3,614,366万元,增长3.39%。\n\n"
            "市本级(含现代物流产业开发区,下同)地方一般公共预算收入229,138万元,下降2.76%。一般公共预算支出706,228万元。")
    assert findings(text, "conflict.same-name") == []


def test_last_years_balance_in_an_income_list_is_no_remainder_of_this_years_budget():
    """s222: “上年结余0.67亿元” is carried into this year's income, not 预算 − 支出."""
    text = ("2022年,东湖区一般公共预算收入预算数为15.39亿元,实际完成15.39亿元,加上上级补助收入13.36亿元、"
            "债券转贷收入2.05亿元、调入资金0.05亿元、动用预算稳定调节基金0.87亿元、上年结余0.67亿元,收入合计32.39亿元。")
    assert findings(text, "remainder.budget-spent") == []


def test_a_list_under_one_bullet_ends_at_the_next_bullet():
    """s250 (审计): each ● is its own finding with its own total."""
    text = ("●部分项目未公开招投标6913.53万元,其中昆明理工大学6176.37万元。\n"
            "●出借项目资金1.61亿元,其中省博物馆8101.89万元,昆明理工大学4693.61万元,云南师范大学2099.48万元。\n"
            "●挪用森林生态效益补偿基金336.98万元用于发工资。")
    assert findings(text, "sum.parts", "error") == []


def test_a_budget_the_congress_approved_as_adjusted_is_not_the_years_actual_revenue():
    """r166 (dev, 仁寿县 2023 预算执行): “会议审查批准调整全县一般公共预算收入为509257万元” is the adjusted budget;
    税收收入 270330 + 非税收入 239660 make the actual 509990, not it."""
    text = ("1.收入预算执行情况。县第十九届人大常委会第二十三次会议审查批准调整全县一般公共预算收入为509257万元。"
            "2023年全县一般公共预算收入完成509990万元,为调整预算的100.1%,同比增长1.5%。\n"
            "全县主要收入结构情况。税收收入270330万元,包括:增值税73440万元,企业所得税23601万元。\n"
            "非税收入完成239660万元。")
    assert findings(text, "sum.identity") == []


R243_AS_PDF = """(一)总体情况。截至2023年底,全市行政事业性资产总额13822.1亿元,同比增长6.2%;
负债总额2981.4亿元,同比减少0.8%;净资产总额10840.7亿元,同比增长8.3%。从单
位性质看:行政单位资产总额4347.5亿元,负债总额1143.8亿元,净资产总额3203.7亿
元;事业单位资产总额9474.6亿元,负债总额1837.6亿元,净资产总额7637亿元。从重
点行业看:教育行业资产总额1823.4亿元,负债总额173亿元,净资产总额1650.4亿元;
卫生行业资产总额1469.5亿元,负债总额492.9亿元,净资产总额976.6亿元。"""


def test_a_pdf_line_that_runs_to_the_edge_on_a_semicolon_goes_on_in_the_next_line():
    """r243 (dev) set in a PDF: the paragraph's first line ends on “6.2%;”; the next lines are the same
    paragraph, whose 全市 opening names whose 负债总额 2981.4 is, so the units' figures are not that one."""
    assert [f for f in findings(R243_AS_PDF) if f.severity == "error"] == []
    one_item_per_line = "1.资产总额13822.1亿元,同比增长6.2%;\n2.负债总额2981.4亿元,同比减少0.8%;\n"
    assert [s.paragraph for s in sentences(load_text(one_item_per_line))] == [0, 1]


R914_AS_PDF = """(一)全旗一般公共预算收入预算安排2022年,全旗一般公共预算收入安排290000万元
(其中:旗本级257800万元,达拉特开发区32200万元),比人代会预算数增加60000万元
(其中:旗本级58800万元,开发区1200万元),增长26.1%。(见附件1)
(二)全旗政府性基金收入预算2022年,全旗政府性基金收入预算安排45000万元(其中:
旗本级35900万元,下降8%;开发区9100万元,下降2.8%),比人代会预算安排数减少
25000万元,(其中:旗本级减少29100万元,开发区增加4100万元),下降35.7%。收入
减少的原因主要是今年土地交易量减少,国有土地使用权出让收入减少所致。另基金属于
列收列支项目,若有超收部分,则安排相应支出。
综上,2022年全旗地方财政收入调整预算安排共计335000万元(其中:一般公共预算收入
290000万元,政府性基金收入45000万元),比人代会预算数增加35000万元,增长
11.7%;比2021年实际完成数减少37632万元,下降10.1%。(见附件2)"""


def test_a_pdf_line_cut_inside_a_bracket_goes_on_in_the_next_line():
    """r914 (dev) set in a PDF: “…45000万元(其中:” ends a line; its list 35900 + 9100 is on the next."""
    assert [f for f in findings(R914_AS_PDF) if f.severity == "error"] == []
    slipped = R914_AS_PDF.replace("开发区9100万元", "开发区9800万元")
    assert [f.message.split("：")[1][:22] for f in findings(slipped, "sum.parts")] == ["35900 + 9800 = 45700万元"]


def test_a_part_listed_under_a_totals_change_is_compared_with_what_the_total_is():
    """r066: “比2022年减少0.41万元…其中:…公务接待费支出决算减少0.46万元,下降5.44%”, its figure (7.94万元)
    stated the sentence before — the part is against 2022 too, and 0.46 ÷ 8.40 is 5.48%."""
    text = ("2023年度“三公”经费支出预算为24.5万元,支出决算为11.96万元。其中:因公出国(境)费支出决算为0万元;"
            "公务用车购置及运行费支出决算为4.02万元;公务接待费支出决算为7.94万元。2023年度“三公”经费支出决算数比"
            "2022年减少0.41万元,下降3.31%。其中:因公出国(境)费支出决算增加0万元,增长0.00%;公务用车购置及运行费"
            "支出决算增加0.05万元,增长1.26%;公务接待费支出决算减少0.46万元,下降5.44%。")
    rates = findings(text, "growth.rate")
    assert [(f.stated, f.expected) for f in rates] == [("5.44%", "5.48%")]
    assert findings(text.replace("下降5.44%", "下降5.48%"), "growth.rate") == []
    alone = text.replace("2023年度“三公”经费支出决算数比2022年减少0.41万元,下降3.31%。其中:", "")
    assert findings(alone, "growth.rate") == []


def test_a_change_in_yuan_beside_wan_that_fails_either_way_is_shown_in_wan():
    """r140: “总支出1135.8万元,比上年增加64.23元,增长5.7%” — read as 元 the rate would be 0.00%, read as
    万元 5.99%: 5.7% holds in neither, and the 64.23万元 of the income clause is the same pair, not another."""
    text = "2025年部门预算总收入1135.8万元,比上年增加64.23万元,增长5.7%;总支出1135.8万元,比上年增加64.23元,增长5.7%。"
    wrong = findings(text, "growth.rate", "error")
    assert [(f.stated, f.expected) for f in wrong] == [("5.7%", "5.99%"), ("5.7%", "5.99%")]
    slipped = "2025年部门预算总支出89410万元,比上年的131870.68元减少32.20%。"
    assert [f.check for f in findings(slipped, severity="error")] == ["unit.part-in-yuan"]


def test_a_reason_repeated_with_an_earlier_year_is_a_stale_year():
    """r180: “主要是因为2023年含上级转移支付年初下达金额767万元” twice, then the same reason “2022年含…767万元”."""
    reason = "主要是因为{}年含上级转移支付年初下达金额767万元。"
    text = ("某单位2023年部门预算情况说明\n收入较去年增加314.09万元，" + reason.format(2023) + "\n支出较去年增加314.09万元，"
            + reason.format(2023) + "\n项目支出预算1529.96万元，比2022年增加168.36万元，" + reason.format(2022))
    stale = findings(text, "year.repeated-figure")
    assert [(f.stated, f.expected, f.location.line) for f in stale] == [("2022年", "2023年", 4)]
    flat = "某单位2023年部门预算情况说明\n2023年公务接待费预算3万元。\n2022年公务接待费预算3万元。"
    assert findings(flat, "year.repeated-figure") == []


def test_a_wrong_rate_in_a_flattened_execution_row_is_shown_at_its_cell():
    """r325 (dev): a 自评表 row “年度资金总额” with one cell per line, 3824.26 ÷ 4753.66 printed 100% and
    scored 10 from it — one mistake, shown on the 100% cell's line with the row quoted up to it."""
    cells = ["年度资金总额", "4753.66万元", "4753.66万元", "3824.26万元", "10", "100%", "10"]
    text = "部门整体支出绩效自评表\n\n" + "\n\n".join(cells) + "\n"
    found = [f for f in validate(text).findings if f.severity == "error"]
    assert [(f.stated, f.expected, f.location.line) for f in found] == [("100%", "80.45%", 13)]
    assert found[0].quote == "年度资金总额 4753.66万元 4753.66万元 3824.26万元 10 100%"
    assert "也应随之改为8.04分" in found[0].message


def test_funds_of_different_levels_of_government_cannot_exceed_their_total():
    """r323 (dev): “共投入资金1987.08万元。其中中央资金投入776.84万元,省级资金投入290.36万元,地方资金投入992.88万元” —
    each level's own funds: whatever the list leaves out, 2060.08 cannot be part of 1987.08."""
    text = vocabulary().data["government_levels"]["example"]
    wrong = findings(text, "sum.parts")
    assert [(f.severity, f.expected) for f in wrong] == [("error", "2060.08万元")]
    alike = text.replace("省级资金投入", "财政资金投入")
    assert [f.severity for f in findings(alike, "sum.parts")] == ["note"]


def test_last_years_figures_set_right_after_this_years_are_a_comparison_not_a_stale_year():
    """r906: “鄂城区2022年的“三公"经费决算数合计为1000.86万,…。2021年的三公经费决算数合计为807.95万,…” in the
    2022 report — last year's total given beside this year's, not a year left from an old report."""
    text = ("鄂城区2022年度“三公”经费决算情况说明\n鄂城区2022年的“三公”经费决算数合计为1000.86万,其中:公务接待费43.77万元。"
            "2021年的三公经费决算数合计为807.95万,其中:公务接待费39.43万元。")
    assert findings(text, "year.stale") == []
    alone = "鄂城区2022年度“三公”经费决算情况说明\n2021年的三公经费决算数合计为807.95万,其中:公务接待费39.43万元。"
    assert [f.stated for f in findings(alone, "year.stale")] == ["2021年"]


def test_a_list_goes_on_after_a_paragraph_describing_its_part():
    """r112: “基本支出 1133753.33 元,其中:” then “人员经费 … 元,…。主要包括:”, a paragraph naming what it
    pays for, then “公用经费 … 元” — the second standard part of 基本支出 still belongs to the list."""
    text = ("2022 年一般公共预算基本支出 1133753.33 元,其中:\n人员经费 1030180.29 元,占基本支出预算 90.86%。主要包括:\n"
            "基本工资、津贴补贴、绩效工资、住房公积金、退休费、生活补助。\n公用经费 {} 元,占基本支出预算 9.14%。主要包括:\n"
            "办公费、水费、电费、差旅费。\n")
    read = [b for b in statements(text.format("103573.04"), 2022).breakdowns if b.total is not None]
    assert [[p.text.replace(" ", "") for p in b.parts] for b in read] == [["1030180.29元", "103573.04元"]]
    assert [f.expected for f in findings(text.format("113573.04"), "sum.parts", "error")] == ["1143753.33元"]
    other = text.format("103573.04").replace("公用经费", "项目支出")
    assert [len(b.parts) for b in statements(other, 2022).breakdowns if b.total is not None] == [1]


def test_a_table_one_cell_per_line_sums_its_numbered_rows_into_its_total():
    """r196 (dev): a 收入预算增减对比表 scraped one cell per line; 一、二、三 are the outline, their detail rows
    below them, and 本年收入合计 is their sum — 28635.96 + 16300 + 6360 is not 51232.55, nor
    2946.34 + 400 − 3710 the printed −427.07. Each finding stands at its own cell."""
    rows = [["项目", "2014年预算", "2015年预算", "增长额"], ["一、预算拨款", "25,689.62", "28,635.96", "2,946.34"],
            ["公共预算拨款", "25,689.62", "28,572.55", "2,882.93"], ["二、财政专户拨款", "15,900.00", "16,300.00", "400.00"],
            ["教育收费", "15,900.00", "16,300.00", "400.00"], ["三、其他资金", "10,070.00", "6,360.00", "-3,710.00"],
            ["事业收入", "350.00", "330", "-20.00"], ["本年收入合计", "51,659.62", "51,232.55", "-427.07"]]
    text = "收入预算增减对比表 单位:万元\n" + "\n".join(f"{cell} |" for row in rows for cell in row) + "\n"
    wrong = findings(text, "sum.table-rows", "error")
    assert [(f.stated, f.expected, f.location.line) for f in wrong] == [
        ("51,232.55", "51295.96", 32), ("-427.07", "-363.66", 33)]
    assert "2946.34 + 400.00 − 3710.00" in wrong[1].message


def test_a_grand_total_and_a_column_of_line_numbers_are_not_the_outlines_sum():
    """s244: a 收入支出决算总表 whose 总计 row also takes in 年初结转和结余, and whose 行次 column counts 1, 2, 3…"""
    rows = ["项目 | 行次 | 金额 |", "一、财政拨款收入 | 1 | 625.58 |", "二、事业收入 | 2 | 34221.23 |",
            "本年收入合计 | 3 | 34846.81 |", "年初结转和结余 | 4 | 364.65 |", "总计 | 5 | 35211.46 |"]
    assert findings("收入支出决算总表\n" + "\n".join(rows) + "\n", "sum.table-rows", "error") == []


def test_items_counted_off_one_by_one_cannot_add_to_more_than_their_total():
    """r428 (dev): “收入总计为415.2644万元,其中:” then items 1., 2., 3., each opening with its amount —
    364.5594 + 50.7050 + 14.9614 = 430.2258 cannot be part of 415.2644; with the items unnumbered it
    is only a note (they might overlap)."""
    text = ("(一)收入决算情况。2021年度,收入总计为415.2644万元,其中:\n1.财政拨款收入364.5594万元,为一般公共预算资金。\n"
            "2.事业收入50.7050万元,为事业单位开展专业业务活动取得的收入。\n3.上年结转和结余14.9614万元,为以前年度结转的资金。\n")
    assert [(f.severity, f.expected) for f in findings(text, "sum.parts")] == [("error", "430.2258万元")]
    unnumbered = text.replace("1.", "").replace("2.", "").replace("3.", "")
    assert [f.severity for f in findings(unnumbered, "sum.parts")] == ["note"]


def test_the_report_named_under_last_year_is_a_stale_year():
    """r426 (dev): the 2023 决算 of 白泉卫生院 says “纳入…2022年度部门决算编制范围的二级预算单位包括” — last
    year's template, not updated."""
    stale = "广水市白泉卫生院2023年度部门决算公开\n纳入广水市白泉卫生院2022年度部门决算编制范围的二级预算单位包括:\n"
    assert [(f.stated, f.expected) for f in findings(stale, "year.stale")] == [("2022年", "2023年")]
    assert findings(stale.replace("2022年度", "2023年度"), "year.stale") == []


def test_a_list_opened_by_ju_ti_shi_names_every_part_like_ju_ti_wei():
    """r431 (dev): “布达拉宫管理处,下达预算资金9378万元。具体是:…3005万元;…1235万元;…” — “具体是” lists the
    whole as “具体为” does, so six projects adding to 7765 are an error, not a note."""
    text = ("布达拉宫管理处,下达预算资金9378万元。具体是:雪城修缮展示工程项目3005万元;二期结构检测工程项目1235万元;"
            "古籍文献保护数字化项目255万元;预防性保护项目429万元;安防提升工程项目1228万元;消防提升工程项目1613万元。")
    assert [(f.severity, f.expected) for f in findings(text, "sum.parts")] == [("error", "7765万元")]
    assert [f.severity for f in findings(text.replace("具体是", "主要有"), "sum.parts")] in ([], ["note"])


def test_a_rate_whose_rounded_value_is_one_unit_off_is_a_tail_note():
    """r039 (dev): “收入总预算317.6万元,同比增加8.25万元,同比增长2.8%” — 8.25 ÷ 309.35 = 2.67%, which prints as
    2.7: one unit off in the last digit, a 尾数 note, not an error; 2.9% would be an error."""
    text = "2018年收入总预算317.6万元,同比增加8.25万元,同比增长2.8%。"
    assert [(f.severity, f.expected) for f in findings(text, "growth.rate")] == [("note", "2.67%")]
    assert [f.severity for f in findings(text.replace("2.8%", "2.9%"), "growth.rate")] == ["error"]


def test_a_balance_carried_forward_is_opening_plus_income_less_spending():
    """r136 (dev): “上年结转和结余资金为98.45万元,本年收入1095.76万元,支出1193.35万元,…年末结转和结余资金为
    5862.89万元” — 98.45 + 1095.76 − 1193.35 leaves 0.86万元; the fund's own sentence (in 元) too."""
    text = vocabulary().data["carry_forward"]["example"]
    assert findings(text, "remainder.carry-forward") == []
    wrong = findings(text.replace("0.86万元", "5862.89万元"), "remainder.carry-forward", "error")
    assert [(f.stated, f.expected) for f in wrong] == [("5862.89万元", "0.86万元")]
    fund = ("2023年度一般公共预算财政拨款上年结转98.45万元,一般公共预算财政拨款收入1095.76万元,一般公共预算财政拨款支出"
            "1193.35万元,一般公共预算财政拨款年末结转和结余5862.89元。")
    assert [f.expected for f in findings(fund, "remainder.carry-forward", "error")] == ["8600.00元"]
    mixed = "上年结转98.45万元,一般公共预算财政拨款收入1095.76万元,支出1193.35万元,年末结转和结余5862.89万元。"
    assert findings(mixed, "remainder.carry-forward") == []  # one fund's income beside the whole's balances


def test_a_balance_carried_forward_without_its_other_flows_is_only_warned():
    """A unit's own roll-forward that names no 结余分配 or 事业基金 may leave one out: a warning, not an error."""
    text = "2023年度上年结转和结余10万元,本年收入100万元,本年支出90万元,年末结转和结余15万元。"
    assert [f.severity for f in findings(text, "remainder.carry-forward")] == ["warning"]


def test_a_share_said_of_its_part_is_of_the_figure_it_names():
    """r168 (dev): “税收收入4.50亿元,完成年初预算的47.0%,同比增长24.2%,税收占比91.4%” — 税收 names its part, the
    whole is the list's total (4.92亿元); 91.4% holds only if the 亿元 figures are rounded. s297: “地方一般公共预算
    收入税占比85.12%” names no figure of the sentence, so it is not bound to the one before it."""
    text = ("1-5月,地方一般公共预算收入完成4.92亿元,同比增长25.0%。其中:税收收入4.50亿元,完成年初预算的47.0%,"
            "同比增长24.2%,税收占比91.4%;非税收入0.42亿元,完成年初预算的52.8%,同比增长34.5%,非税占比8.6%。")
    assert [(f.severity, f.expected) for f in findings(text, "share.of-whole")] == [("warning", "91.46%"), ("warning", "8.54%")]
    s297 = ("2019年区级一般公共预算收入完成36125万元,较上年增收2719万元,增长8.14%。其中税收收入30751万元,非税收入5374万元,"
            "地方一般公共预算收入税占比85.12%。")
    assert findings(s297, "share.of-whole") == []


def test_a_share_of_the_total_by_a_general_name_is_a_share_of_its_list_total():
    """r811: “总支出安排6571.85亿元…其中,省本级支出1478.55亿元,占总支出的22.5%” — 总支出 alone names
    nothing, but it ends the name of the list's own total."""
    text = ("2021年省级一般公共预算总支出安排6571.85亿元,收支平衡。其中,省本级支出1478.55亿元,占总支出的22.5%;"
            "对市县税收返还和转移支付4404.78亿元,占总支出的67%。")
    shares = statements(text, 2021).shares
    assert [s.whole.text for s in shares] == ["6571.85亿元", "6571.85亿元"]
    assert findings(text, severity="error") == []
    wrong = findings(text.replace("占总支出的67%", "占总支出的76%"), "share.of-whole", "error")
    assert [f.expected for f in wrong] == ["67.02%"]


def test_a_part_of_a_list_whose_total_is_out_of_sight_is_not_the_same_named_figure():
    """r112: 商品和服务支出预算75800元 under 基本支出, and 0元 in a list after “项目支出 0元…下降原因是…。
    其中:” that the reading cannot tie to its total: two quantities under one name, not a conflict."""
    text = ('6\n'
            '工资福利支出预算 905709.06 元,占基本支出预算 79.89%,\n'
            '同比增加 21557.64 元,增长 2.44%,增长原因是调整社保基数标\n'
            '准,支出增加。\n'
            '商品和服务支出预算 75800 元,占基本支出预算%,同比增加\n'
            '52044.27 元,增长 50.63%,增长原因是编外人员经费支出列入基\n'
            '本支出。\n'
            '对个人和家庭补助支出预算 73200 元,占基本支出预算 6.45%,\n'
            '同比增加 7680 元,增长 11.72%,增长原因是 2021 年因人员调动\n'
            '未能正常进行退休人员经费预算编报,2022 年已按实有退休人员\n'
            '编报经费。\n'
            '2.项目支出 0元,同比减少 47600 元,下降 100%。下降原\n'
            '因是编外人员经费支出列入基本支出。其中:\n'
            '商品和服务支出预算 0元,同比减少 47600 元,下降 100%。\n'
            '下降原因 2021 年编外人员经费支出列入项目支出,2022 年列入基\n')
    assert findings(text, "conflict.same-name") == []
    assert [f.stated for f in findings(text, "growth.rate", "error")] == ["50.63%"]


def test_amounts_in_yi_yuan_and_whole_totals_are_not_read_as_dropping_zeros():
    """r556 (镇江 肿瘤医院): “财政补助收入1.1亿元” beside “纯业务收入13.44亿元” is rounded to 0.1亿元, not
    1.10; “同比增加7451万元” beside parts to the hundred 元 is rounded to the 万元. Both hold as printed."""
    income = ("2021年度全院完成总收入14.57亿元,同比增加1.12亿元,增幅8.36%。其中:\n\n"
              "财政补助收入1.1亿元,同比减少3016.53万元,降幅21.25%。\n\n科教收入103.48万元,同比增加21.39万元。\n\n"
              "纯业务收入13.44亿元,同比增加1.42亿元,同比增幅11.85%。")
    spending = ("2021年医院发生总费用14.07 亿元,同比增加7451万元,增幅5.59%。其中:财政项目经费开支10582.09万元,"
                "同比减少524.18万元;科教资金开支222.41万元,同比增加131.57万元;自筹资金和财政基本经费开支(业务支出)"
                "12.99亿元,同比增加7843.92万元,增幅6.42%。")
    assert findings(income, "sum.parts", "error") == []
    assert findings(spending, "sum.changes", "error") == []
    wrong = findings(spending.replace("同比增加7451万元", "同比增加7951万元"), "sum.changes", "error")
    assert [f.expected for f in wrong] == ["7451.31万元"]


def test_changes_of_a_standard_total_and_its_parts_stated_section_by_section():
    """r547 (宜宾 三公 2017): 3825万元 = 99 + 1014 + 2712, each part in its own section with its change
    against the budget; the parts' changes 31 + 850 + 107 = 988 cannot make “比预算数减少1188万元”."""
    text = ("2017年市本级部门使用财政拨款安排“三公”经费支出总额为3825万元,比预算数减少1188万元,下降23.70%。具体情况如下:\n"
            "一、因公出国(境)经费\n2017年因公出国(境)费99万元,比预算数减少31万元。\n"
            "二、公务接待费\n2017年公务接待费1014万元, 比预算数减少850万元。\n"
            "三、公务用车购置及运行维护费\n2017年公务用车购置及运行维护费2712万元,比预算数减少107万元。")
    wrong = findings(text, "sum.changes", "error")
    assert [(f.stated, f.expected) for f in wrong] == [("1188万元", "988万元")]
    assert findings(text.replace("减少1188万元,下降23.70%", "减少988万元,下降20.53%"), severity="error") == []


def test_a_change_named_by_the_head_of_a_part_is_not_that_part_s_change():
    """r215: “公务用车购置支出决算…比去年无增减变化” speaks of 购置 alone, not of 公务用车购置及运行费
    3.98万元 stated before it: the parts' changes are not all known, so nothing is summed."""
    text = ("公务用车购置及运行费支出决算3.98万元;公务接待费支出决算 1.5万元。因公出国(境)费支出决算0万元。\n"
            "2020 年度一般公共预算财政拨款安排的“三公”经费支出决算总额为 5.48 万元,比去年增加1.55 万元,增长 39.4%。"
            "其中,因公出国支出决算比去年无增减变化;公务用车购置支出决算比去年无增减变化,"
            "公务用车运行维护费支出决算比去年增加 1.05 万元,增长 35.8%;公务接待费支出决算比去年增加 0.5 万元,增长 50%。")
    assert findings(text, "sum.changes", "error") == []


def test_a_growth_formula_of_mixed_units_shows_each_figure_with_its_unit():
    """r556: “总费用14.07 亿元…业务支出12.99亿元,同比增加7843.92万元,增幅6.42%” — the reviewer reads the
    formula as printed, 万元 beside 亿元, not “7843.92 ÷ (12.99 − 7843.92)”."""
    text = "2021年自筹资金和财政基本经费开支(业务支出)12.99亿元,同比增加7843.92万元,增幅6.42%。"
    [warned] = findings(text, "growth.rate", "warning")
    assert "7843.92万元 ÷ (12.99 − 7843.92万元) = 6.43%" in warned.message
    visits = "2021年医院共完成门急诊128.69万人次,同比增加17.11万人次,增幅15.34%。"
    [coarse] = findings(visits, "growth.rate")  # 17.11万人次 is rounded to the hundred: 15.34% holds only so
    assert coarse.severity == "warning"
    assert "17.11万人次 ÷ (128.69万人次 − 17.11万人次) = 15.33%" in coarse.message


def test_a_comparison_with_last_year_after_one_with_this_year_s_budget_is_against_last_year():
    """r553 (中国科学院 2014): “比2014年度预算数减少1485.38万元,比2013年度决算数8750.27万元减少824.13万元”
    in the 2014 report — the second is against 2013, not this year's budget, so it is no second
    statement of the change against the budget."""
    text = ("中国科学院2014年“三公”经费支出15905.91万元,较2014年预算减少5818.9万元,降低26.78%,"
            "主要是因公出国(境)费减少1485.38万元,公务用车购置及运行费减少1547.29万元,公务接待费减少2786.23万元。\n"
            "其中:因公出国(境)费2014年财政拨款支出决算数为7926.14万元,比2014年度预算数减少1485.38万元,"
            "比2013年度决算数8750.27万元减少824.13万元,下降9.42%。")
    bases = [c.base for c in statements(text, 2014).changes if c.prior is not None]
    assert bases == ["上年"]
    assert findings(text, "conflict.change") == []


def test_the_same_figure_stated_again_with_another_change_is_a_conflict():
    """r128's shape: “收入总计2,519.13万元…收支较上年决算数减少106.71万元” in the summary, and the
    收入 paragraph restating 收入总计2,519.13万元: its change against last year must be the same."""
    text = ("1、总体情况。2022年度收入总计2,519.13万元,支出总计2,519.13万元。收支较上年决算数减少106.71万元,下降4.1%。\n"
            "2.收入情况。2022年度收入总计2,519.13万元,收入较上年决算数减少106.71万元,下降4.1%。")
    assert findings(text, "conflict.change") == []
    changed = text.replace("收入较上年决算数减少106.71万元,下降4.1%", "收入较上年决算数减少116.71万元,下降4.4%")
    [warned] = findings(changed, "conflict.change", "warning")
    assert warned.stated == "减少116.71万元" and "两处同为“收入总计”2,519.13万元" in warned.message


def test_a_list_of_counts_with_each_and_a_closing_stock_is_not_summed_as_printed():
    """r574 (眉山 文广新局 2014): “新增5辆车,分别为…2辆,…1辆,…公务用车和流动图书车各1辆,单位车辆保有量17辆”
    — “各1辆” is two cars, and the closing 保有量 is the stock, not a sixth part."""
    text = ("2014年运行维护费预算比2013年增长32.49%,主要原因为2013年新增5辆车,分别为局机关增加公务用车2辆,"
            "文化馆增加文化项目公务用车1辆,图书馆增加文化项目公务用车和流动图书车各1辆,单位车辆保有量17辆。")
    [listed] = statements(text, 2014).breakdowns
    assert [p.text for p in listed.parts] == ["2辆", "1辆", "1辆"] and listed.ambiguous
    assert findings(text, severity="error") == []


def test_sangong_items_named_with_zhichu_stated_apart_must_add_up():
    """r588 (汉阳区 2013): “三公”经费支出总数5,572万元, then 因公出国(境)支出169万元, 公务用车购置及运行维护支出
    “4.647万元” (a thousands separator printed as a point) and 公务接待支出756万元, each on its own line;
    the car total ends like its own part 运行维护支出 but is no part of itself."""
    text = ("“三公”经费支出总数为5,572万元,比上年增长18.86%。\n\n其中:\n\n1.因公出国(境)支出169万元,比上年下降16.34%。\n\n"
            "2.公务用车购置及运行维护支出4.647万元,比上年增长58.65%。\n\n"
            "其中:公务用车购置支出1,088万元,比上年增长97.1%;公务用车运行维护支出3,559万元,比上年增长49.73%。\n\n"
            "3.公务接待支出756万元,比上年增长0.8%。")
    [wrong] = findings(text, "sum.identity", "error")  # its “其中:” a paragraph away leaves the list unsure
    assert (wrong.stated, wrong.expected) == ("5,572万元", "929.647万元")
    assert [f.stated for f in findings(text, "sum.parts")] == ["4.647万元"]
    assert findings(text.replace("4.647万元", "4,647万元"), severity="error") == []


def test_a_figure_after_taking_out_other_items_is_on_another_basis():
    """r544 (北京市商务委 2010): 公务用车购置及运行维护费467.54万元 = 购置139.11 + 交通费328.43; “剔除以上
    两项因素,…公务用车运行维护费为266.73万元” is another basis, not the identity's part."""
    text = ("2010年公务用车购置及运行维护费决算数467.54万元\n"
            "其中,公务用车购置及运行维护费:2010年决算数467.54万元。2010年决算数包括公务用车购置费139.11万元,交通费328.43万元。"
            "“交通费”科目下的核算内容除公务用车运行维护费外,还包括班车租赁费39.6万元、公务交通出租车费22.1万元。"
            "剔除以上两项因素,商务委2010年公务用车运行维护费为266.73万元。")
    assert findings(text, "sum.identity", "error") == []


# r580 (桂林市司法局 2015 “三公” budget): the 公务用车费 row lost its 32.65, kept by its detail row
R580_TABLE = ("2015年桂林市司法局部门“三公”经费情况统计表 | ||\n? | 单位:万元 | |\n项 目 | 本年预算数 | 其中:公共预算财政拨款 |\n"
              "合 计 | 34.35 | 34.35 |\n1.因公出国(境)费用 | 0 | 0 |\n2.公务接待费 | 1.70 | 1.70 |\n3.公务用车费 | 0 | 0 |\n"
              "其中:(1)公务用车运行维护费 | 32.65 | 32.65 |\n(2)公务用车购置 | 0 | 0 |\n")

def test_a_table_whose_title_and_unit_came_as_rows_is_still_summed():
    """r580 (桂林市司法局 2015): the page turned “…“三公”经费情况统计表” and “单位:万元” into table rows above
    the header; the 合计 34.35 against items printed 0 + 1.70 + 0 is still read (公务用车费 lost its 32.65)."""
    text = R580_TABLE
    wrong = findings(text, "sum.table-rows", "error")
    assert [(f.stated, f.expected) for f in wrong] == [("34.35", "1.70")]
    assert findings(text.replace("3.公务用车费 | 0 | 0", "3.公务用车费 | 32.65 | 32.65"), severity="error") == []


def test_a_table_row_cannot_hold_less_than_its_detail_rows():
    """r580: “3.公务用车费 | 0 | 0” with “其中:(1)公务用车运行维护费 | 32.65 | 32.65” and “(2)公务用车购置 | 0”
    under it; a column of increases (r808: “其中:医疗收入” falling more than 总收入) is signed and not judged."""
    text = R580_TABLE
    wrong = findings(text, "sum.table-details", "error")
    assert [(f.stated, f.expected) for f in wrong] == [("0", "32.65")]  # both columns, one line: one finding
    changes = ("單位:元 | |||||\n項目 | 行號 | 本 期 | 上年同期 | 增加額 | 增長率 |\n"
               "1、總收入 | 1 | 61625022.26 | 66095039.04 | -4470016.78 | -6.76% |\n"
               "其中:醫療收入 | 2 | 43245334.20 | 44398351.66 | -1153017.46 | -2.60% |\n"
               "財政撥款收入 | 3 | 12954900.00 | 11152900.00 | 1802000.00 | 16.16% |\n")
    assert findings(changes, "sum.table-details") == []


def test_a_growth_compared_with_a_named_figure_of_an_earlier_year():
    """r638 (国土部 2011 budget news): “2011年…预算的525725.68万元,与2010年执行总额的465850.32万元相比,
    预算增幅只是11%” — the base is the 2010 figure after “与2010年…的”, and “只是” stands between the
    growth word and its figure: 12.85%, not 11%."""
    text = ("但是,如果2011年中央财政拨款预算的525725.68万元,与2010年执行总额的465850.32万元相比,预算增幅只是11%。")
    [wrong] = findings(text, "growth.rate", "error")
    assert wrong.expected == "12.85%"
    assert findings(text.replace("只是11%", "只是12.85%"), severity="error") == []


def test_a_change_opened_with_xiang_bi_is_against_the_base_it_names():
    """r555 (新京报 2016): “共1.2亿元,相比年初预算数的1.5亿元减少0.3亿元,下降24%” — 相比 opens a
    comparison with the budget as 比 does; read exactly, 1.2 against 1.5 is 20%."""
    text = "因公出国(境)次之,共1.2亿元,相比年初预算数的1.5亿元减少0.3亿元,下降24%。"
    [coarse] = findings(text, "growth.rate")
    assert coarse.severity == "warning" and coarse.expected == "20.00%"
    assert [c.base for c in statements(text, 2015).changes] == ["预算"]


def test_a_comparison_with_the_report_s_own_year_among_comparisons_with_last_year():
    """r558 (普洱市民族中学 2017 三公预算): “较2016年的0万元”, “较2016年的3万元” and, for the 公务接待费,
    “较2017年的1.86万元” — the report's own year where last year is meant."""
    text = ("普洱市民族中学2017年“三公”经费财政拨款预算安排4.97万元。2017年“三公”经费预算数较2016年“三公”经费预算数减少0.11万元。\n"
            "一、因公出国(境)经费 2017年拟安排出国(境)经费预算0万元,较2016年的0万元增加0万元。\n"
            "二、公务接待费 2017年拟安排公务接待费预算1.97万元,较2017年的1.86万元增加0.11万元。\n"
            "三、公务用车购置及运行维护费 2017年拟安排公车购置及运行维护费3万元,较2016年的3万元增加0万元。")
    [stale] = findings(text, "year.comparison")
    assert (stale.stated, stale.expected, stale.severity) == ("2017年", "2016年", "warning")
    assert findings(text.replace("较2017年的1.86万元", "较2016年的1.86万元"), "year.comparison") == []


def test_a_list_bracketed_after_a_figure_is_its_breakdown():
    """r437: “社会公益类项目591万元(…六项…)”: the bracket lists that figure's parts, two of them with
    “万” for 万元. They add to 711.1, not 591 — a note, as a bracket may name only the main items or
    the parts of an earlier figure (r240)."""
    text = ("2019年市民政局下达我区省级彩票公益金758.54万元,其中:社会公益类项目591万元(农村互助幸福院项目167万元、"
            "社区服务体系建设项目250万元、殡仪馆设备购置50万、农村公益性公墓建设60万、购买社会组织服务项目64万元、"
            "资助贫困家庭大学生入学120.1万元)、儿童补助类项目47.44万元。")
    bracketed = [f for f in findings(text, "sum.parts") if f.stated == "591万元"]
    assert [(f.severity, f.expected) for f in bracketed] == [("note", "711.1万元")]
    assert findings(text, severity="error") == []


def test_lists_bracketed_after_each_figure_that_add_up_raise_nothing():
    """r092: three lottery amounts, each followed by its 福利彩票 and 体育彩票 parts in a bracket."""
    text = ("2017年全市共筹集彩票公益金23.95亿元,其中:上缴中央11.67亿元(福利彩票公益金7.51亿元,体育彩票公益金4.16亿元),"
            "下拨各区县4.29亿元(福利彩票2.72亿元,体育彩票1.57亿元),市本级留存7.99亿元(福利彩票5.08亿元,体育彩票2.91亿元)。")
    lists = statements(text).breakdowns
    assert sorted(b.total.text for b in lists) == ["11.67亿元", "23.95亿元", "4.29亿元", "7.99亿元"]
    assert findings(text) == []
    wrong = text.replace("体育彩票2.91亿元", "体育彩票3.91亿元")
    assert [f.expected for f in findings(wrong, "sum.parts")] == ["8.99亿元"]


def test_a_part_of_a_nested_list_is_not_also_a_part_of_the_outer_list():
    """r641: the list under 本年收入 (“包括…”) runs on past its “；”, so its later items were read as parts
    of 收入决算 too: 9082.61 + 0 + 58.14 + 5.85 against 9712.02, and their shares against 100%."""
    text = ("浙江省人大常委会办公厅2016年度收入决算9712.02万元,其中:本年收入9082.61万元,占总收入93.52%,包括财政拨款收入"
            "9018.61万元(其中,一般公共预算9018.61万元,政府性基金预算0万元),占总收入92.86%;事业单位专户资金0万 元,占总收入0%;"
            "事业收入(不含专户资金)58.14万元, 占总收入0.60%;其他收入5.85万元,占总收入0.06%。")
    assert findings(text, severity="error") == []
    lists = {b.total.text: [p.text for p in b.parts] for b in statements(text, 2016).breakdowns}
    assert lists["9712.02万元"] == ["9082.61万元"]
    assert lists["9082.61万元"] == ["9018.61万元", "0万 元", "58.14万元", "5.85万元"]


R725_INCOME = """(二)部门决算收入来源情况。决算收入4089.45万元,来源有3部分:财政拨款(含基本建设)、事业收入和其他收入。其中:

1、财政拨款3961.45万元(含基本建设经费1000万元),占本年度收入96.87%。其中:

(1)文化体育与传媒(类)3945.69万元,占财政拨款99.6%。包括文物(款)3845.69万元,文化事业建设费安排的支出(款)100万元。

(2)医疗卫生(类)15.76万元,占财政拨款0.4%。包括医疗保障(款)15.76万元。

2、事业收入118万元,占本年度收入2.89%。

3、其他收入10万元,占本年度收入0.24%.
"""


def test_numbered_levels_keep_nested_items_out_of_the_list_above():
    """r725: “1、…其中：” then “(1)…(2)…” then “2、…3、…”: the (1)(2) lines are the parts of 1、, the
    2、 3、 lines go on with the list of 决算收入, and the 96.87% after “(含基本建设经费1000万元)” is the
    share of 财政拨款, not of the 1000万元 in the bracket."""
    assert findings(R725_INCOME, severity="error") == []
    lists = {b.total.text: [p.text for p in b.parts] for b in statements(R725_INCOME, 2013).breakdowns}
    assert lists["4089.45万元"] == ["3961.45万元", "118万元", "10万元"]
    assert lists["3961.45万元"] == ["3945.69万元", "15.76万元"]
    wrong = R725_INCOME.replace("3、其他收入10万元", "3、其他收入12万元")
    assert [f.expected for f in findings(wrong, "sum.parts", "error")] == ["4091.45万元"]


def test_changes_of_an_identity_with_an_optional_part_never_stated_are_a_warning():
    """r819: 支出总计 = 支出合计 + 年末结转和结余 this year, but the totals' change 54.12 is not 90.02 + 26.52:
    last year may have had a 结余分配 the report never states, so this is a warning that names it."""
    text = ("1.总体情况。2020年度收入总计310.85万元,支出总计310.85万元。收支较上年决算数 增加54.12万元、 增长21.1%,"
            "主要原因是增加标准化考场建设项目。\n\n3.支出情况。2020年度支出合计281.98万元,较上年决算数增加90.02万元,"
            "增长46.9%,主要原因是增加标准化考场建设项目。\n\n4.结转结余情况。2020年度年末结转和结余28.86万元,"
            "较上年决算数增加26.52万元,增长1133.3%。")
    found = [f for f in findings(text, "sum.changes") if f.stated == "54.12万元"]
    assert [(f.severity, f.expected) for f in found] == [("warning", "116.54万元")]
    assert "结余分配" in found[0].message
    more = text.replace("增加54.12万元", "增加154.12万元")  # a part 0 this year can only have fallen: no excuse for more
    assert [f.severity for f in findings(more, "sum.changes") if f.stated == "154.12万元"] == ["error"]


def test_a_bare_wan_joined_by_a_comma_is_no_amount_of_the_list():
    """“万” for 万元 only inside a 、-list of named amounts (r437); “受益人数1.2万” after a comma counts people."""
    text = "2023年共发放补贴资金100万元，其中：城市低保60万元，农村低保40万元，惠及困难群众1.5万。"
    assert findings(text, severity="error") == []


def test_a_bracket_that_does_not_list_parts_is_no_breakdown():
    """The example of bracket_not_list: “（含…）” gives details of a figure, not its parts; without 含 the
    same bracket lists the parts."""
    example = vocabulary().data["bracket_not_list"]["example"]
    bracketed = [b for b in statements(example).breakdowns if b.evidence == "括号内逐项列示"]
    assert bracketed == []
    listed = statements(example.replace("（含", "（")).breakdowns
    assert [[p.text for p in b.parts] for b in listed if b.evidence == "括号内逐项列示"] == [["10万元", "5万元"]]


def test_a_bare_wan_amount_followed_by_its_bracket_ends_a_list_of_wan_yuan():
    """r437: “…社会公益类项目14万元(社会工作与志愿服务14万元)、残疾人福利项目34万(福康工程)”: the last
    part lost its 元 and carries a bracket; it is 34万元, and 327 + 14 + 34 = 375 adds up."""
    text = ("2019年市民政局下达我区中央彩票公益金375万元,其中老年人福利项目327万元(农村敬老院护理设施提升改造项目327万)、"
            "社会公益类项目14万元(社会工作与志愿服务14万元)、残疾人福利项目34万(福康工程)。")
    assert findings(text, "sum.parts") == []
    assert findings(text.replace("34万(福康工程)", "43万(福康工程)"), "sum.parts")


def test_a_balance_statement_closes_its_parts_with_the_total():
    """r812: “收入决算数129748万元，加上级补助收入428905万元，…，收入总计968113万元”: the total comes
    after its parts; 加 says they are all of it, so a gap is an error."""
    text = ("2018年市级一般公共预算收入决算数129748万元,加上级补助收入428905万元,下级上解收入4409万元,"
            "待偿债置换一般债券上年结余320万元,上年结转结余收入41407万元,调入资金348606万元,"
            "国债转贷资金上年结余11万元,调入预算稳定调节基金14707万元,收入总计968113万元。")
    assert findings(text, "sum.parts") == []
    wrong = [f for f in findings(text.replace("收入总计968113", "收入总计968313"), "sum.parts")]
    assert [(f.severity, f.expected) for f in wrong] == [("error", "968113万元")]


def test_a_figure_told_as_budget_and_actual_before_the_chain_is_one_part():
    """s222: “预算数为15.39亿元,实际完成15.39亿元,比上年决算数14.94亿元增长3.0%,加上…,收入合计32.39亿元”:
    only the last figure before 加 is a part."""
    text = ("东湖区一般公共预算收入预算数为15.39亿元,实际完成15.39亿元,比上年决算数14.94亿元增长3.0%,"
            "加上上级补助收入13.36亿元、债券转贷收入2.05亿元、调入资金0.05亿元、动用预算稳定调节基金0.87亿元、"
            "上年结余0.67亿元,收入合计32.39亿元。")
    assert findings(text, "sum.parts") == []


def test_parts_closed_by_a_total_without_a_chain_word_may_be_only_some():
    """s296: “一般公共预算支出559,594万元、上解支出24,562万元、…,支出总量为596,070万元”: 271 short, and
    nothing says the list is whole (an item such as 调出资金 may be missing) — a note."""
    text = ("一般公共预算支出559,594万元、上解支出24,562万元、债务还本支出10,940万元、补充预算稳定调节基金157万元、"
            "援助其他地区支出546万元,支出总量为596,070万元。")
    assert [(f.severity, f.expected) for f in findings(text, "sum.parts")] == [("note", "595799万元")]


def test_a_share_whose_whole_is_stated_inside_its_words_is_checked():
    """r402: “实际在职人员为136人,占编委核定的落实编制数143人的比率为95.10%”: 143人 is the whole."""
    text = "本单位2018年年末实际在职人员为136人,占编委核定的落实编制数143人的比率为95.10%。"
    assert findings(text) == []
    wrong = findings(text.replace("95.10%", "97.10%"), "share.of-whole")
    assert [(f.severity, f.expected) for f in wrong] == [("error", "95.10%")]


def test_completion_against_each_named_budget_is_read_as_completion():
    """“为调整预算数的97.73%”, “完成年度预算的100.99%”, “为年初预算61.22%”: completion rates, whatever the
    budget is called."""
    for text in ("全市地方一般公共预算收入1,179,747万元,为调整预算数的97.73%,增长5.2%。",
                 "2022年全区一般公共预算收入1,042,625万元,完成年度预算的100.99%。",
                 "累计完成公共财政预算总收入67949万元,为年初预算61.22%。"):
        roles = [f.role for f in statements(text).document.facts() if f.number.is_percent]
        assert roles[0] == "completion", text


def test_a_share_of_the_total_budget_is_a_completion_rate():
    """r707: “预算数为1,684万元,实际支出为1115.07万元,占总预算比为66.22%”: 1115.07 ÷ 1684 = 66.22%."""
    text = ("2021年红河县本级一般公共预算财政拨款“三公”经费预算数为1,684万元,实际支出为1115.07万元,"
            "占总预算比为66.22%。")
    assert findings(text) == []
    wrong = findings(text.replace("66.22%", "67.22%"), severity="error")
    assert [f.expected for f in wrong] == ["66.22%"]


def test_a_table_comparing_two_periods_checks_each_rows_change():
    """r808: “項目 | 行號 | 本 期 | 上年同期 | 增加額 | 增長率”: each row's change and rate follow from its two
    periods; a wrong rate is reported (as a warning: a table's layout may have shifted)."""
    text = ("單位:元\n項目 | 行號 | 本 期 | 上年同期 | 增加額 | 增長率 |\n"
            "1、總收入 | 1 | 61625022.26 | 66095039.04 | -4470016.78 | -6.76% |\n"
            "財政撥款收入 | 3 | 12954900.00 | 11152900.00 | 1802000.00 | 16.16% |\n"
            "門診次均醫藥費用 | 9 | 299.83 | 361.85 | -62.02 | -17.14% |\n")
    assert validate(text).claims >= 6 and findings(text) == []
    wrong = findings(text.replace("-17.14%", "-19.14%"), severity="warning")
    assert [(f.stated, f.expected) for f in wrong] == [("19.14%", "17.14%")]


def test_rows_that_leave_out_merged_label_cells_are_aligned_by_their_figures():
    """r012: under “一级指标 | 二级指标 | 单位 | 上年度 | 本年度 | 增长”, a row without its 一级指标 cell
    (“住院次均费用 | 元 | 4283.5 | 4233.16 | -50.34 | |”) is read one cell to the right; a ratio's row
    (药占比, its change in points) is left alone."""
    text = ("一级指标 | 二级指标 | 单位 | 上年度 | 本年度 | 增长 |\n"
            "经济指标 | 总收入 | 万元 | 21177 | 21740 | 563.00 |\n"
            "住院次均费用 | 元 | 4283.5 | 4233.16 | -50.34 | |\n"
            "药占比 | % | 34.62% | 35.47% | 0.02 | |\n")
    assert findings(text) == []
    wrong = findings(text.replace("-50.34", "-55.34"), severity="warning")
    assert [(f.stated, f.expected) for f in wrong] == [("55.34", "50.34")]


def test_a_shallower_numbered_line_after_a_comma_starts_its_own_paragraph():
    """r562: “其中1、工资福利支出…,2、…,3、对个人和家庭补助支出678.71万元,” then the line “(二)年末结转和结余
    71.9462万元”: the (二) item is not a fourth part of (一)'s list. And “(一)基本支出:3093.3838万元” is named
    by its heading, so the list of its three standard parts is whole: 3093.4838 ≠ 3093.3838 is an error."""
    text = ("(一)基本支出:3093.3838万元。其中1、工资福利支出2338.13万元,2、商品和服务支出76.6438万元,"
            "3、对个人和家庭补助支出678.71万元,\n(二)年末结转和结余71.9462万元。其中:基本支出结转71.9462万元,项目支出结转0.00万元。")
    found = findings(text, "sum.parts")
    assert [(f.severity, f.expected) for f in found] == [("error", "3093.4838万元")]
    assert findings(text.replace("3093.3838", "3093.4838"), "sum.parts") == []


def test_a_figure_after_a_sentences_opening_colon_is_named_by_the_words_before_it():
    st = statements("1、收入总计:100万元,其中财政拨款80万元,其他收入20万元。")
    assert [f.name for f in st.document.facts()][:1] == ["收入总计"]


def test_points_after_a_growth_rate_compare_the_rate_not_the_figure():
    """r015: “总投入为3367.54亿元,…,比上年的3047.49亿元增长10.50%,增幅高于全国增幅2.86个百分点”: the
    points compare growth rates; the growth of 3367.54 over 3047.49 is still checked."""
    text = ("2016年,全省地方教育经费总投入为3367.54亿元,占全国教育经费总投入的8.66%,比上年的3047.49亿元增长10.50%,"
            "增幅高于全国增幅2.86个百分点。")
    assert findings(text, severity="error") == []
    wrong = findings(text.replace("增长10.50%", "增长14.39%"), "growth.rate")
    assert [(f.severity, f.expected) for f in wrong] == [("error", "10.50%")]


def test_a_share_that_names_its_part_belongs_to_that_part():
    """s291: “税收收入完成31283万元、非税收入完成18225万元,税收收入占本级收入的比重为 63.2%”: the share is of
    税收收入 (31283 ÷ 49508 = 63.19%), not of the last figure before it."""
    text = ("(1)本级收入49508万元,比报告数49500万元增加8万元。其中税收收入完成31283万元、非税收入完成18225万元,"
            "税收收入占本级收入的比重为 63.2%。")
    assert [f for f in findings(text) if f.kind == "share"] == []
    st = statements(text)
    assert [(s.part.number.text, s.rate.number.text) for s in st.shares] == [("31283万元", "63.2%")]


def test_parts_far_larger_than_the_change_before_them_break_down_the_total():
    """r111 planted: “基本支出预算 3392476.99 元，同比减少4966.66元。其中：工资福利支出…”: parts adding to
    2476260.58 cannot make up a change of 4966.66, so they are the total's, and the gap is an error. (With a
    growth rate between them the list stays unsure: “其中” may then list the parts' growth.)"""
    text = ("1. 基本支出预算 3392476.99 元,同比减少 4966.66 元。其中:工资福利支出预算 2016908.34 元,"
            "商品和服务支出预算 445372.24 元,对个人和家庭的补助支出预算 13980 元。")
    found = findings(text, "sum.parts")
    assert [(f.severity, f.expected) for f in found] == [("error", "2476260.58元")]


def test_a_list_cut_off_by_the_end_of_the_page_may_be_short():
    """s011: “调入资金拟调整为60000万元,调增15000万元。分别是…52210万元,…;城市建设配套费调入2790万元,调减12”:
    the page ends inside the list, so 55000 short of 60000 is a note; an excess would stay an error."""
    text = ("——调入资金拟调整为60000万元,调增15000万元。分别是土地出让收入调入52210万元,调增16210万元;"
            "城市建设配套费调入2790万元,调减12")
    assert [f.severity for f in findings(text, "sum.parts")] == ["note"]
    assert [f.severity for f in findings(text.replace("52210", "62210"), "sum.parts")] == ["error"]


def test_a_growth_against_a_figure_named_a_little_differently_before_is_a_warning():
    """r068 planted: “全镇“三公”经费支出合计40.14万元” then, two paragraphs on, “全镇“三公”经费较上年减少2.97万元,
    下降9.44%”: the figure compared is very likely 40.14 (2.97 ÷ 43.11 = 6.89%), not certainly: a warning."""
    text = ("经汇总,2021年度全镇“三公”经费支出合计40.14万元。其中,因公出国(境)费0万元;公务用车购置及运维费30.93万元;"
            "公务接待费9.21万元。\n2021年度全镇公务用车保有量12 辆。\n"
            "经比较,2021年度全镇“三公”经费较上年减少2.97万元,下降6.89% ,较年初预算数减少0.36万元。\n")
    assert findings(text, "growth.rate") == []
    wrong = findings(text.replace("下降6.89%", "下降9.44%"), "growth.rate")
    assert [(f.severity, f.expected) for f in wrong] == [("warning", "6.89%")]


def test_a_unit_carried_to_the_next_line_stays_with_its_figure():
    """r827: “其中:基本支出252.5” then the line “元,较上年231.5万元,增加21万元;”: the 元 belongs to 252.5 (a
    short line, but a figure cut from its unit), so the figure is 252.5元 among 万元 — a unit slip, warned once,
    and no change of 252.5元 against 231.5万元 is computed."""
    text = ("二、支出决算情况说明\n本年支出合计252.5万元,较上年231.5万元,增加21万元,其中:基本支出252.5\n"
            "元,较上年231.5万元,增加21万元;\n三、支出决算具体情况\n")
    found = findings(text)
    assert [(f.kind, f.severity, f.stated) for f in found] == [("unit", "warning", "252.5元")]


def test_a_money_unit_fused_with_another_measure_is_a_unit_slip():
    """r734 “承保面积为42.59万元亩”, r730 “间接费用3万亩元(每亩3元)”, r729 “完成年初预算的112.4%万元”: each unit is
    a misprint whatever the figure; “10万元户” (a household's income) and “3元/亩” (a price) are fine."""
    text = "承保面积为42.59万元亩，间接费用3万亩元(每亩3元)，收入完成年初预算的112.4%万元。"
    assert [f.stated for f in findings(text, "unit.malformed")] == ["42.59万元亩", "3万亩元", "112.4%万元"]
    assert findings("全镇培育10万元户12户，每亩补贴3元/亩。", "unit.malformed") == []


def test_a_row_too_short_for_the_compared_columns_is_skipped():
    """A row cut short (“经济指标” alone, the last row of a folded one-cell-per-line table) under “一级指标 | 二级指标 |
    单位 | 上年度 | 本年度 | 增长” is no row of figures; a full row is aligned."""
    from assistant.validation.statements.change_tables import aligned, column_roles
    from assistant.validation.statements.tables import Cell

    header = ["一级指标", "二级指标", "单位", "上年度", "本年度", "增长"]
    roles = column_roles(header)
    assert aligned([Cell("经济指标", 0)], header, roles) is None
    full = [Cell(t, 0) for t in ("经济指标", "总收入", "万元", "21177", "21740", "563.00")]
    assert aligned(full, header, roles) == {"label": 1, "prior": 3, "current": 4, "amount": 5}


NO_ERROR_SENTENCES = [
    # points: 比 inside 同比/占比, the other rate not printed, a bracketed qualifier, a comparing clause with its own
    # subject, the 增长 of the other rate's label, falls (下滑, a minus sign)
    "全市一般公共预算收入完成预算的65.2%，同比增长8.5%，其中税收占比为80.2%、比上年提高1.2个百分点。",
    "全县一般公共预算收入完成年度预算的95.3%，同比增长12.3%、高于全市平均水平1.2个百分点。",
    "全市一般公共预算收入增长12.5%（剔除留抵退税因素后增长8.3%），比全省平均水平(10.1%)高2.4个百分点。",
    "一般公共预算收入完成预算的95.5%，为上年的108.2%，完成进度比上年同期(93.2%)提高2.3个百分点。",
    "税收收入占比为78.5%，同比增长8.2%，占比比上年(76.3%)提高2.2个百分点。",
    "农村居民人均可支配收入增长9.5%，城镇居民增长8.1%，农村增速比城镇(8.1%)快1.4个百分点。",
    "全县一般公共预算收入增长8.4%，比全省平均增长水平(10.5%)放缓2.1个百分点。",
    "非税收入同比下滑5.2%，增速比全省(3.1%)低8.3个百分点。",
    "一般公共预算收入增长3.1%，比上年(-2.3%)提高5.4个百分点。",
    # a comparison opening its sentence does not look past a sentence that names another item
    "2023年度支出总计1000万元，较上年增加50万元，增长5.3%。其中项目支出主要用于信息化建设和办公楼维修。较上年减少30万元，下降12%。",
    "2023年度基本支出800万元，较上年增加40万元，增长5.3%。二是项目支出。较上年减少30万元，下降12%。",
    "2023年基本支出600万元，较上年增加50万元，增长9.1%。项目支出较上年减少20万元，下降5%。较年初预算减少40万元，下降10%。",
    # an execution row with a blank cell: the page number after it is no score
    "| 资金情况（万元） | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n|---|---|---|---|---|---|\n| 年度资金总额 | 100 | 95 | 10 | 95% | |\n\n3\n\n| 年度目标 | 完成培训 |",
    "预算执行情况 全年预算数 全年执行数 分值 执行率 得分 资金总额 100 95 10 95%\n\n3\n\n年度总体目标 完成培训",
    "| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n| 年度资金总额 | 100 | 100 | 95 | 10 | 95% | |\n\n3\n",
    # “调整300万元” is an adjustment by 300, not the figure adjusted to
    "2023年教育支出1200万元，主要用于学校运转。\n\n年中因政策变化，教育支出调整300万元，主要用于校舍维修。",
    # 增加/追加/附加 chain nothing: only a clause-opening 加 makes a closing list whole
    "2023年全县税收收入3000万元，非税收入1000万元，教育费附加收入500万元，收入合计4500万元。",
    "2023年地方一般公共预算收入30000万元，上级补助收入80000万元，追加专项转移支付5000万元，上年结转10000万元，收入总计125000万元。",
    # last year's figure, a part's own detail, or 等 in a chained list: not a plain sum
    "2018年市级一般公共预算收入决算数129748万元，加上级补助收入428905万元，上年为400000万元，调入资金348606万元，收入总计907259万元。",
    "2018年市级一般公共预算收入决算数129748万元，加上级补助收入428905万元，调入资金348606万元，含政府性基金调入300000万元，收入总计907259万元。",
    "2018年市级一般公共预算收入决算数129748万元，加上级补助收入428905万元、调入资金348606万元等，收入总计1000000万元。",
    # a stated whole with paired parts, a named part, or a change between: the figure before cannot settle it
    "2023年人员经费支出80万元，公用经费支出20万元，分别占基本支出100万元的80%、20%。",
    "2023年末实有在职人员136人，离退休人员20人，在职人员占核定编制143人的95.1%。",
    "2023年本年支出1100万元，比上年增加100万元，占上年支出1000万元的10%。",
    # parts close to the change before them, or holding 调减, may be the change's
    "2023年项目支出1000万元，比上年增加150万元，分别是：办公设备购置50万元、维修改造110万元。",
    "2023年调整为60000万元，调增15000万元。分别是：A项目10000万元、B项目8000万元，调减C项目3000万元。",
    # a bare 万 with a bracket of people is a count
    "2023年下达资金合计300万元，其中：产业扶持资金200万元、就业补助100万元、惠及群众1.5万（人次）。",
]


@pytest.mark.parametrize("text", NO_ERROR_SENTENCES)
def test_readings_a_careful_reviewer_would_not_call_errors(text):
    """Cases a review of this round's rules raised: each reads correctly, or too unsurely to be an error."""
    assert findings(text, severity="error") == []


def test_per_unit_yuan_amounts_among_wan_are_no_unit_slip():
    """“月人均补助标准为650.5元” beside “120.5万元”: a per-person amount in 元; only a 元 figure restating a 万元
    figure's digits (r827's 252.5) or printed to the fen is suspect."""
    assert findings("城乡低保资金120.5万元，月人均补助标准为650.5元。", "unit.yuan-among-wan") == []


def test_a_growth_against_a_part_of_the_named_thing_stays_a_note():
    """““三公”经费中公务接待费支出决算为8万元。“三公”经费较上年减少2万元，下降10%”: 8 is a part of the 三公经费."""
    text = "2023年“三公”经费中公务接待费支出决算为8万元。“三公”经费较上年减少2万元，下降10%。"
    assert [f.severity for f in findings(text, "growth.rate")] in ([], ["note"])


R927_LINE = ("2月份,全县实现大口径财政收入5682万元,完成预算105425万元的5.39%。从收入结构看:税收收入15348万元,"
             "占收入的89.99%,同比增收1316万元,增长9.38%;非税收入1708万元,占收入的10.01%,同比增收797万元,"
             "增长87.49%。 具体收入项目情况如下: 二〇二四年二月大口径财政收入执行情况表 | 预 算 科 目 | 本年收入计划 "
             "| 累计完成数 | 占计划% | 税收收入 | 89275 | 15348 | 17.19 |")


def test_a_paragraph_with_a_table_flattened_onto_its_line_is_read_as_prose():
    """r927 (dev, a web page): the paragraph and the table after it stand on one line; the table's `|`
    cells made the whole line a table, and the paragraph's figures went unread."""
    assert findings(R927_LINE, severity="error") == []
    slipped = R927_LINE.replace("增长87.49%", "增长119.86%")
    assert [f.stated for f in findings(slipped, "growth.rate")] == ["119.86%"]
    assert sentences(load_text(R927_LINE))[-1].clean.endswith("执行情况表 ")


R924_RATES = ("1-2月,全区县级一般公共预算支出242.48亿元,一般公共预算收入51.89亿元,县级财政自给率仅为21.4%,"
              "虽然高於上年2.1個百分點,但遠低於今年同期全區財政自給率(53.2%)33.9個百分點,縣級財政收支矛盾依然較突出。")


def test_a_gap_in_points_is_the_difference_of_the_two_rates_it_lies_between():
    """r924 (dev): 53.2 − 21.4 = 31.8 points, printed 33.9 — the rate compared stands two clauses back
    (a change in points without its other rate between), so a warning; r810 and r908 (dev) hold."""
    (gap,) = findings(R924_RATES, "growth.points")
    assert (gap.severity, gap.expected, gap.stated) == ("warning", "31.8个百分点", "33.9個百分點")
    held = ["全市一般公共预算教育经费占一般公共预算支出1814597万元的比例15.68%,比上年的18.92%下降3.24个百分点。",
            "一般公共预算收入完成503.7亿元,增长20.6%,比全省平均水平(17.9%)高2.7个百分点。"]
    assert [findings(text, "growth.points") for text in held] == [[], []]
    assert [f.severity for f in findings(held[0].replace("下降3.24", "下降2.24"), "growth.points")] == ["error"]
    assert [f.severity for f in findings(held[1].replace("高2.7", "低2.7"), "growth.points")] == ["error"]


def test_a_gap_in_points_after_a_fall_or_an_approximate_gap_is_not_read():
    """A fall's gap may count its size or its sign; “约6个百分点” is no exact claim."""
    assert statements("同比下降8.9%,比全省平均水平(3.1%)低5.8个百分点。").point_gaps == []
    assert statements("完成年初预算的47.5%,比序时进度(41.7%)快约6个百分点。").point_gaps == []


def test_a_comparison_opening_its_sentence_looks_past_a_reason_for_its_subject():
    """r333 (dev): “…收入237.52万元,较上年决算数增加237.52万元,增长100%。主要原因是新增单位,无上年数据。
    较年初预算数减少15.22万元,下降6%” — the budget comparison is of the 237.52 two sentences back."""
    text = ("1.收入情况。2022年度一般公共预算财政拨款收入237.52万元,较上年决算数增加237.52万元,增长100%。"
            "主要原因是新增单位,无上年数据。较年初预算数减少15.22万元,下降6%。")
    assert findings(text, severity="error") == []
    (wrong,) = findings(text.replace("下降6%", "下降8%"), "growth.rate")
    assert (wrong.severity, wrong.expected) == ("error", "6.02%")


R115_FUNDS = """资金情况 (万元) |
全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | |||||
年度资金总额: | 9.48 | 9.48 | 10 | 100% | 10 | |||||
其中:本年财政拨款 | 9.48 | 9.48 | 10 | 100% | 10 | |||||"""
R324_FLATTENED = ("预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 项目实施单位 投资促进中心 □ 3、一次性项目 □ "
                  "预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 285.84 285.84 100% 20 三级指标 年初目标值 (A)")


def test_an_execution_row_is_read_by_the_columns_its_header_names():
    """r115 (dev): a 自评表 with no 年初预算 column; r324 (dev): the whole table flattened onto one line.
    The header says which cell is which; a wrong 执行率 is an error at its cell."""
    assert findings(R115_FUNDS) == [] and findings(R324_FLATTENED) == []
    (wrong,) = findings(R115_FUNDS.replace("| 10 | 100% | 10 | |||||\n其中", "| 10 | 95% | 10 | |||||\n其中"), "score.execution-row")
    assert (wrong.severity, wrong.stated, wrong.expected) == ("error", "95%", "100.00%")
    assert wrong.quote.startswith("年度资金总额: | 9.48")
    (wrong,) = findings(R324_FLATTENED.replace("100% 20", "137% 20"), "score.execution-row")
    assert (wrong.severity, wrong.expected) == ("error", "100.00%")


def test_an_execution_row_with_a_blank_cell_is_not_read_by_position():
    """A blank 得分 cell would shift the next figure on the page into its column: the row is not read."""
    blank = "年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |\n总额 | 238.93 | 251.89 | 251.89 | 90.00% | 10 | |\n注:1.说明"
    assert findings(blank) == []


def test_a_comparison_with_a_year_and_no_yu_is_a_comparison():
    """r107 (dev): “收入合计4697.76万元,2023年度相比,减少956.31万元,下降16.9%” (与 left out)."""
    text = "收入合计4697.76万元,2023年度相比,减少956.31万元,下降16.9%。"
    assert findings(text, severity="error") == []
    (wrong,) = findings(text.replace("16.9%", "23.2%"), "growth.rate")
    assert (wrong.severity, wrong.expected) == ("error", "16.91%")


def test_the_comparison_words_do_not_swallow_the_spending_of_a_spending_total():
    """r411 (dev): “与2021年相比支出总计减少315.71万元” — 支出 belongs to 支出总计, the subject, not to
    the comparison (“较上年支出增加…”), so the total compared is the 766.75 of 支出总计."""
    text = ("2022年财政拨款支出总计766.75万元,其中:2022年支出合计766.60万元,年末结转和结余0.15万元,"
            "与2021年相比支出总计减少315.71万元,下降29.17%。")
    assert findings(text, severity="error") == []
    (wrong,) = findings(text.replace("29.17%", "39.96%"), "growth.rate")
    assert (wrong.severity, wrong.expected) == ("error", "29.17%")


def test_two_amounts_each_naming_its_item_pair_with_rates_given_respectively():
    """r824 (dev): “与2019年相比,收入减少84.55、支出总计减少99.6万元,分别下降18%、21.6%” — each amount
    names its own item, and 分别 pairs the rates with them in order (as “收、支总计各减少A、B万元” does)."""
    text = ("2020年度收入总计476.17万元、支出总计460.06万元,与2019年相比,收入总计减少84.55万元、"
            "支出总计减少99.6万元,分别下降15.1%、17.8%。")
    assert findings(text, severity="error") == []
    (wrong,) = findings(text.replace("17.8%", "27.8%"), "growth.rate")
    assert (wrong.severity, wrong.expected) == ("error", "17.80%")
    listed = "支出总计460.06万元,与2019年相比增加9.6万元,其中基本支出增加5.6万元、项目支出增加4万元。"
    assert [c.subject for c in statements(listed).changes][:1] != ["基本支出"]


R956_ITEMS = """  (1)一般公共预算政府投资项目支出调增19.66亿元,包括水污染治理项目9.9亿元;城中村综合整治6.1亿元。

  以上政府投资项目增支需求19.66亿元,通过预算调剂解决4.1亿元,通过预算调整解决15.56亿元,具体为调减当年调出资金15.56亿元。

  (2)预留国企注资6亿元,用于支持区属国有企业运营发展。"""


def test_a_list_closed_in_its_sentence_does_not_go_on_into_the_next_numbered_item():
    """r956 (dev, fresh): “…通过预算调整解决15.56亿元,具体为调减当年调出资金15.56亿元。” then “(2)预留国企
    注资6亿元” — the next item of the level above, not a second part (15.56 + 6 was an error). s170:
    “其中:(一)均衡性转移支付13460万元,…” then “(二)…” does go on."""
    assert findings(R956_ITEMS, "sum.parts") == []
    numbered = ("2016年一般性转移支付决算数为32976万元,其中:(一)均衡性转移支付13460万元,主要用于均衡各区间财力差异。\n"
                "(二)基本财力保障补助4022万元。\n(三)其他一般性转移支付15494万元。")
    assert findings(numbered, "sum.parts") == []
    assert [f.severity for f in findings(numbered.replace("15494", "18016"), "sum.parts")] == ["error"]


def test_a_list_opened_inside_a_bracket_ends_with_the_bracket():
    """r961 (dev, fresh): “收入510.2亿元(包含债务转贷收入76.9亿元,抗疫特别国债19.1亿元),完成预算(686.1亿元)
    的74.4%;…完成考核任务(658.0亿元)的54.7%” — 658.0 stood in another bracket of the next “；” group and
    was read as a third part of the 510.2."""
    text = ("1-8月,我区财政综合预算收入510.2亿元(包含债务转贷收入76.9亿元,抗疫特别国债19.1亿元),完成预算"
            "(686.1亿元)的74.4%;财政综合预算支出360.1亿元(不含国有资本经营预算支出),完成考核任务(658.0亿元)的54.7%。")
    assert findings(text, severity="error") == []
    assert [[p.number.text for p in b.parts] for b in statements(text).breakdowns] in ([], [["76.9亿元", "19.1亿元"]])


R954_STAGES = """(一)区本级一般公共预算决算。

1. 区十七届人大第三次会议批准的年初预算草案。

(1)收入总计84.53亿元。其中:本级收入预计47.3亿元,上级补助收入18.68亿元,基金调入9.50亿元,镇街上解2.69亿元,上年结转6.36亿元。

(2)支出总计84.53亿元。其中:本级支出78.34亿元,上解市级支出2.09亿元,债务还本0.5亿元,补助镇街3.60亿元。

2. 区十七届人大常委会第二十九次会议批准的预算调整方案。

(1)收入总计88.6亿元,调增4.14亿元。

(2)支出总计调整为88.6亿元,调增4.14亿元。其中:本级支出预算为79.87亿元,调增1.60亿元。"""


def test_an_adjustment_is_checked_against_the_same_item_under_the_initial_budget_heading():
    """r954 (dev, fresh): under “2. …批准的预算调整方案” each “调增” is the adjusted figure less the same
    item under “1. …年初预算草案” (a numbered heading whose “第三次” is no figure): 88.6 − 84.53 = 4.07,
    not 4.14; 79.87 − 78.34 = 1.53, not 1.60. The initial figure stands sections away: warnings."""
    wrong = findings(R954_STAGES, "growth.amount")
    assert sorted((f.severity, f.stated, f.expected) for f in wrong) == [
        ("warning", "1.60亿元", "1.53亿元"), ("warning", "4.14亿元", "4.07亿元"), ("warning", "4.14亿元", "4.07亿元")]
    right = R954_STAGES.replace("调增4.14", "调增4.07").replace("调增1.60", "调增1.53")
    assert findings(right, "growth.amount") == [] and findings(right, "conflict.same-name") == []
