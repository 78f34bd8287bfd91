"""Each kind of inconsistency in DOMAIN.md §8, planted in a sentence, is found; the correct
version of the same sentence is not flagged."""

from pathlib import Path

import pytest

from assistant.rules import UnknownRuleSet, load_rules
from assistant.validation.validator import validate

CLEAN = Path(__file__).resolve().parent.parent / "evals" / "validator" / "clean"


def kinds(text, rules=None):
    return {(f.kind, f.severity) for f in validate(text, rules).findings}


def errors(text):
    return [f for f in validate(text).findings if f.severity == "error"]


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.md")), ids=lambda p: p.name)
def test_clean_reports_have_no_findings(path):
    report = validate(path.read_text(encoding="utf-8"))
    assert report.claims >= 20
    assert report.findings == []


def test_parts_that_do_not_add_up_quote_the_total():
    text = "2024年项目预算64万元，其中劳务费30.2万元、运维费21.5万元、其他10.1万元。"
    (finding,) = validate(text).findings
    assert (finding.kind, finding.severity, finding.stated, finding.expected) == ("sum", "error", "64万元", "61.8万元")
    assert finding.quote in text and "30.2" in finding.quote
    assert finding.location.line == 1


def test_partial_lists_are_not_sums():
    assert errors("协助办理政务服务事项2000余件，其中帮办代办407件，在线预审33件。") == []
    assert errors("全年办件7341件，其中：企业登记2276件、食品经营许可1312件。") == []


def test_share_that_does_not_follow_from_its_numbers():
    text = "本年支出合计100.00万元，其中：基本支出60.00万元，占62.00%；项目支出40.00万元，占40.00%。"
    findings = validate(text).findings
    assert {f.stated for f in findings if f.check == "share.of-whole"} == {"62.00%"}
    assert any(f.check == "share.sum-100" and "102" in f.message for f in findings)  # shares add to 102%


def test_rate_with_numerator_and_denominator():
    text = "收到问卷800份，满意742份，满意率94.5%。"
    (finding,) = validate(text).findings
    assert finding.kind == "rate" and finding.expected == "92.75%"
    assert errors("收到问卷800份，满意742份，满意率92.75%。") == []


def test_growth_rate_against_last_year_count():
    text = "全年接件9320件，较上年的8100件增长12.4%。"
    (finding,) = validate(text).findings
    assert finding.kind == "growth" and finding.expected.startswith("15.06")


def test_growth_amount_and_rate():
    assert ("growth", "error") in kinds("机关运行经费支出74.13万元，比2020年减少11.08万元，下降19.03%。")
    assert kinds("机关运行经费支出74.13万元，比2020年减少11.08万元，下降13.00%。") == set()


def test_execution_rate_and_remainder():
    text = "项目预算50.00万元，实际支出48.60万元，结余1.60万元，预算执行率为95.2%。"
    found = {(f.kind, f.stated) for f in validate(text).findings}
    assert ("rate", "95.2%") in found and ("remainder", "1.60万元") in found
    assert errors("项目预算50万元，实际支出48.6万元，结余1.4万元，预算执行率为97.2%。") == []


def test_budget_completion_words():
    assert ("rate", "error") in kinds("行政运行支出决算为192.77万元，完成预算98%，决算数与预算数持平。")


def test_unit_slip_among_wan_yuan_figures():
    text = "本年支出1634.34万元。本年支出包括：基本支出501.65万元，项目支出1132.69元。"
    (finding,) = validate(text).findings
    assert finding.kind == "unit" and finding.severity == "error" and finding.expected == "1132.69万元"


def test_same_quantity_stated_twice():
    text = "某局2023年度部门决算\n一、会议费\n公务接待费支出3.40万元。\n公务接待费支出3.04万元。"
    (finding,) = validate(text).findings
    assert (finding.kind, finding.severity, finding.location.line) == ("conflict", "error", 4)


def test_same_name_in_another_section_is_only_a_warning():
    """A page may describe several units or funds: the same name under another heading may not be
    the same quantity, so the reviewer is asked to look rather than told it is wrong."""
    text = "某局2023年度部门决算\n一、机关\n公务接待费支出3.40万元。\n二、下属中心\n公务接待费支出3.04万元。"
    (finding,) = validate(text).findings
    assert (finding.kind, finding.severity, finding.location.line) == ("conflict", "warning", 5)


def test_stale_year_in_current_year_statement():
    text = "某局2021年度部门决算\n2020年度部门财政资金支出1755.78万元。\n2021年收入100万元，比2020年增加5万元，增长5.26%。"
    findings = validate(text).findings
    assert [(f.kind, f.location.line) for f in findings] == [("year", 2)]


SCORE_TABLE = """项目自评得分{narrative}分，评价等级为“{grade}”。

| 一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分 |
|---|---|---|---|---|---|---|
| 预算执行率(10分) | 预算执行率 | 预算执行率 | 10 | 100% | 96.00% | {exec_score} |
| 产出指标(50分) | 数量指标 | 受理事项数 | 30 | ≥8000件 | 9320件 | 30 |
|  | 数量指标 | 培训次数 | {points} | ≥30次 | 24次 | 16 |
| 效益指标(30分) | 社会效益指标 | 便利度 | 30 | 提升 | 提升 | {benefit} |
| 满意度指标(10分) | 满意度 | 群众满意度 | 10 | ≥95% | 96% | 10 |
| 合计 |  |  | 100 |  |  | {total} |
"""
GOOD = dict(narrative="94.6", grade="优", exec_score="9.60", points="20", benefit="29", total="94.6")


def table(**changes):
    return SCORE_TABLE.format(**{**GOOD, **changes})


def test_score_table_consistent():
    assert validate(table()).findings == []


@pytest.mark.parametrize(
    "changes, kind",
    [
        (dict(points="25"), "score"),  # children no longer add up to 50
        (dict(benefit="31", total="96.6", narrative="96.6"), "score"),  # score above its points
        (dict(total="95.6", narrative="95.6"), "score"),  # total is not the sum
        (dict(narrative="96.6"), "score"),  # narrative differs from the table
        (dict(grade="良"), "grade"),  # 94.6 is 优
        (dict(exec_score="10", total="95", narrative="95"), "score"),  # 96% earns 9.6, not 10
    ],
)
def test_score_table_errors(changes, kind):
    assert kind in {f.kind for f in validate(table(**changes)).findings}


def test_quantitative_indicator_score_follows_the_rule():
    findings = validate(table(points="20").replace("| 16 |", "| 20 |").replace("94.6", "98.6")).findings
    assert any("培训次数" in f.message and f.expected == "16.00" for f in findings)


def test_rule_sets_are_data_and_unknown_ones_are_refused():
    rules = load_rules("hunan-key-2019")
    assert [i.points for i in rules.first_level] == [20, 30, 30, 20]
    assert "投入20分" in rules.describe()
    with pytest.raises(UnknownRuleSet, match="national-2020"):
        load_rules("no-such-rules")


def test_grade_bands_come_from_the_selected_rule_set(tmp_path):
    custom = tmp_path / "strict.yaml"
    custom.write_text("name: strict\ntitle: t\ngrades: [{name: 优, min: 95}, {name: 良, min: 85}, {name: 中, min: 60}, {name: 差, min: 0}]\n",
                      encoding="utf-8")
    text = "项目自评得分92分，评价等级为“优”。"
    assert kinds(text) == set()
    assert ("grade", "error") in kinds(text, load_rules(str(custom)))


def test_every_check_describes_itself_in_chinese():
    from assistant.validation.validator import describe_checks

    for sentence in describe_checks():
        assert sentence and any("\u4e00" <= ch <= "\u9fff" for ch in sentence)


# ---- patterns from real reports (evals/validator/real, dev split) ---------------------------------

def test_a_rate_that_holds_only_if_decimal_amounts_are_rounded_is_a_warning():
    """r806: 0.28 ÷ 1.8 = 15.56%, printed 15% — only a budget of 1.85 rounded to 1.8 gives it."""
    text = "公务接待费预算1.8万元，支出决算1.52万元。公务接待费支出1.52万元，与2021年度预算相比，减少0.28万元，下降15%。"
    (finding,) = [f for f in validate(text).findings if f.check == "growth.rate"]
    assert finding.severity == "warning" and "准确数" in finding.message
    assert [f for f in validate(text.replace("15%", "15.56%")).findings if f.severity != "note"] == []


def test_a_sum_of_cents_off_by_one_cent_is_not_a_warning():
    text = "一般公共预算财政拨款支出1634.34万元，其中：基本支出501.66万元，项目支出1132.69万元。"
    assert [f for f in validate(text).findings if f.severity != "note"] == []


SANGONG_CHANGES = ("2015年“三公”经费合计31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国(境)费0万元。"
                   "较2014年度“三公”经费合计{prior}万元增加{total}万元。其中：公务接待费减少0.26万元，公务用车运行维护费增加14.79万元。")


def test_a_total_change_against_its_parts_changes_listed_after_it():
    """r514: the part left out (出国 0万元 this year) can only have fallen, so the total's increase
    can be no more than the listed parts' (−0.26 + 14.79 = 14.53), and 15.15 is wrong."""
    (finding,) = [f for f in validate(SANGONG_CHANGES.format(prior="16.08", total="15.15")).findings if f.check == "sum.changes"]
    assert finding.severity == "error" and finding.expected == "14.53万元"
    assert not [f for f in validate(SANGONG_CHANGES.format(prior="16.70", total="14.53")).findings if f.check == "sum.changes"]
    # an increase below the listed parts' is explained by the part left out having fallen
    assert not [f for f in validate(SANGONG_CHANGES.format(prior="17.23", total="14.00")).findings
                if f.check == "sum.changes" and f.severity != "note"]


def test_parts_changes_after_a_reason_sentence_against_the_budget():
    """r705: “较年初预算数减少0.04万元。主要是…。其中：…较年初预算数减少0.04万元…；…减少0.04万元”."""
    text = ("2020年度“三公”经费15.37万元，其中：因公出国(境)费0万元，公务用车购置及运行维护费14.03万元，公务接待费1.34万元。"
            "2020年度“三公”经费较上年减少15.29万元，较年初预算数减少{total}万元。主要是严控一般性支出。"
            "其中：公务用车购置及运行维护费较上年减少2.90万元，较年初预算数减少0.04万元；公务接待费较上年减少12.39万元，较年初预算数减少0.04万元。")
    (finding,) = [f for f in validate(text.format(total="0.04")).findings if f.check == "sum.changes"]
    assert finding.severity == "error" and finding.stated == "0.04万元" and finding.expected == "0.08万元"
    assert [f for f in validate(text.format(total="0.08")).findings if f.severity != "note"] == []


def test_parts_changes_in_numbered_paragraphs_missing_an_optional_part_are_a_warning():
    """r516: 基本支出 against 工资福利 + 商品和服务 + 对个人和家庭 listed after “如下：”; 资本性支出 is
    neither listed nor stated, so it may explain the gap: a warning that says so."""
    text = ("一、预算收支增减变化情况说明\n2018年基本支出预算较上年增{total}万元，增幅22%。主要变动原因如下：\n"
            "1.工资福利支出较上年增94.22万元，增44%。\n2.商品和服务支出较上年增1.11万元，增3.6%。\n"
            "3.对个人和家庭补助支出较上年减少16.23万元，减幅71%。\n")
    (finding,) = [f for f in validate(text.format(total="59.11")).findings if f.check == "sum.changes"]
    assert finding.severity == "warning" and "资本性支出" in finding.message and finding.expected == "79.10万元"
    assert not [f for f in validate(text.format(total="79.10")).findings if f.check == "sum.changes"]


def test_a_heading_repeated_with_last_years_date_is_a_stale_year():
    """r710, r817: the report's own heading or lead sentence again, with the year not updated."""
    text = ("迪庆州州本级2021年度“三公”经费决算支出情况说明\n发布时间:2022-10-14 16:15\n\n"
            "迪庆州州本级{year}年度“三公”经费决算支出情况说明\n\n根据州政府工作安排，现将州本级2021年度“三公”经费决算公开如下。\n\n"
            "2021年，州本级“三公”经费支出决算1134万元，较上年1174万元减少40万元。\n")
    (finding,) = validate(text.format(year=2020)).findings
    assert (finding.check, finding.severity, finding.location.line, finding.stated) == ("year.stale", "warning", 4, "2020年")
    assert validate(text.format(year=2021)).findings == []
    parallel = ("一、2022年“三公”经费预算安排情况\n2022年度“三公”经费预算总计21.8万元，其中：公务接待11.8万元，公务用车运行费用10万元。\n"
                "二、2021年“三公”经费决算情况\n2021年度“三公”经费合计支出20.12万元，其中：公务接待12.39万元，公务用车运行费用7.73万元。\n")
    assert validate(parallel).findings == []  # a budget report's section on last year's final figures


def test_an_amount_and_a_rate_of_one_change_moving_opposite_ways():
    """r517: “较上年减0.04万元，增0.01%”; a growth of the rate itself (“增幅下降16.3个百分点”), a
    sign printed as well as a word and “负增长” are not that."""
    (finding,) = validate("商品和服务支出较上年减0.04万元，增0.01%。").findings
    assert (finding.check, finding.severity, finding.stated, finding.expected) == ("growth.direction", "error", "增加", "减少")
    for text in ("工程类采购金额10141.11亿元，比上年增长2.2%，增幅下降16.3个百分点。",
                 "非税收入4.79亿元，同比减少0.61亿元，负增长11.3%。",
                 "公务接待费较上年减少0.5万元，下降-10%。"):
        assert not [f for f in validate(text).findings if f.severity == "error"], text


def test_a_list_of_changes_with_a_part_it_cannot_place_is_not_judged():
    """r215: 出国 and 公务用车购置 unchanged, 公务用车运行维护费 +1.05, 公务接待费 +0.5 — the 购置 and
    运行维护 sub-parts of the 公务用车 part cannot both fill its place: no sum is claimed."""
    text = ("2020年度“三公”经费支出决算总额为5.48万元，比去年增加1.55万元，增长39.4%。其中，因公出国支出决算比去年无增减变化；"
            "公务用车购置支出决算比去年无增减变化，公务用车运行维护费支出决算比去年增加1.05万元，增长35.8%；"
            "公务接待费支出决算比去年增加0.5万元，增长50%。")
    assert not [f for f in validate(text).findings if f.check == "sum.changes" and f.severity != "note"]


def test_a_total_named_with_its_amount_word_is_the_same_quantity():
    """r517: “三公”经费预算总额2.7万元, then “三公”经费预算数比上年减少0.06万元，减幅0.02%."""
    text = "2018年财政拨款“三公”经费预算总额为2.7万元。2018年“三公”经费预算数比2017年预算数减少0.06万元，减幅0.02%。"
    (finding,) = validate(text).findings
    assert (finding.check, finding.severity, finding.expected) == ("growth.rate", "error", "2.17%")


def test_the_same_change_stated_twice_differently():
    """r707: the 三公 total “比2020年减少166.4万元”, then a paragraph later “…比2020年增加43万元”."""
    first = "2021年红河县本级一般公共预算财政拨款“三公”经费决算数为1,115.07万元，比2020年减少166.4万元，减少12.99%。"
    between = "因公出国(境)费为0万元。公务接待费为111.43万元。公务用车购置及运行维护费为1,003.64万元。公务用车保有量减少3辆。\n"
    later = "从汇总数据看，2021年县本级“三公”经费决算数比2020年{said}。"
    (finding,) = [f for f in validate(first + "\n" + between + later.format(said="增加43万元")).findings if f.check == "conflict.change"]
    assert finding.severity == "warning" and finding.expected == "减少166.4万元"
    assert not [f for f in validate(first + "\n" + between + later.format(said="减少166.4万元")).findings
                if f.check == "conflict.change"]


def test_government_procurement_by_its_three_classes_stated_apart():
    """r212: 政府采购规模 against 工程类、货物类、服务类采购金额 stated in three paragraphs."""
    text = ("2014年全国政府采购规模为{total}亿元，比上年增加924.24亿元。\n工程类采购金额10141.11亿元，占采购总规模的58.6%。\n"
            "货物类采购金额5230.04亿元，占采购总规模的30.2%。\n服务类采购金额1934.25亿元，占采购总规模的11.2%。\n")
    (finding,) = validate(text.format(total="17305.34")).findings
    assert (finding.check, finding.severity, finding.expected) == ("sum.identity", "error", "17305.40亿元")
    assert validate(text.format(total="17305.40")).findings == []


def test_a_count_and_the_names_listed_after_it():
    """r407: “直属事业单位10个，即…” naming nine; “和” may join the last two names or be part of one."""
    units = "县国库集中支付中心、县财政信息中心、县工资统发中心、县财政投资评审中心、县政府债务研究评估中心"
    (finding,) = validate(f"直属事业单位6个，即{units}。").findings
    assert (finding.check, finding.severity, finding.expected) == ("sum.listed-count", "error", "5个")
    assert validate(f"直属事业单位5个，即{units}。").findings == []
    assert validate("下属单位2个，分别为县人力资源和社会保障局、县医疗保障局。").findings == []
    assert validate("直属事业单位6个，即县国库集中支付中心、县财政信息中心等。").findings == []


def test_parts_in_another_section_confirmed_by_their_changes():
    """r702: 地方财政收入 in 一、 and 税收收入、非税收入 in 二、: figures in two sections may belong to
    different scopes, but here the parts' changes (−2118 − 1304) make up the total's (−3422)."""
    text = ("一、财政收支基本情况\n累计完成地方财政收入6717万元，较上年减收3422万元，下降33.75%。\n二、财政收入增减变化情况\n"
            "税收收入4575万元，较上年同期减收2118万元，下降31.6%；非税收入累计完成{other}万元，较上年同期减收1304万元。\n")
    (finding,) = [f for f in validate(text.format(other="12142")).findings if f.check == "sum.identity"]
    assert finding.severity == "error" and finding.expected == "16717万元"
    assert not [f for f in validate(text.format(other="2142")).findings if f.check == "sum.identity"]
    unconfirmed = text.format(other="12142").replace("减收1304万元", "减收1000万元")
    assert [f.severity for f in validate(unconfirmed).findings if f.check == "sum.identity"] == ["note"]


def test_the_reasons_for_the_change_opened_with_last_years_date():
    """r202: the 2016 report explains its fall with “2015年…同比下降的原因主要是…”."""
    text = ("衢江区2016年“三公”经费决算数2364万元，比上年决算数下降16.76%。\n"
            "{year}年衢江区“三公”经费支出决算同比下降的原因主要是：从严控制和压缩“三公”经费。\n")
    (finding,) = validate(text.format(year=2015)).findings
    assert (finding.check, finding.severity, finding.stated) == ("year.stale", "warning", "2015年")
    assert validate(text.format(year=2016)).findings == []


def test_a_list_by_every_grade_is_the_whole():
    """r602: the projects' funds by grade 优/良/中/差 must add to the funds of all projects."""
    text = ("我局2023年预算安排专项资金项目共计113个，财政资金{total}万元。其中绩效自评“优”的项目79个财政资金3038.38万元；"
            "绩效自评“良”的项目11个财政资金201.9万元，绩效自评“中”的项目3个财政资金7万元，绩效自评“差”的项目20个财政资金218.07万元。")
    (finding,) = [f for f in validate(text.format(total="3267.28")).findings if f.check == "sum.parts"]
    assert finding.severity == "error" and finding.expected == "3465.35万元"
    assert not [f for f in validate(text.format(total="3465.35")).findings if f.severity != "note"]
