"""False findings seen on unlabelled real pages (`evals/validator/scratch/`), each turned into the
reading a careful reviewer makes of the real sentence."""

from assistant.validation.statements import read_statements
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import sentences
from assistant.validation.validator import validate
from retrieval.loaders import load_text


def statements(text, year=2023):
    return read_statements(sentences(load_text(text)), year)


def findings(text, severity=None):
    return [f for f in validate(text).findings if severity is None or f.severity == severity]


def test_period_words_example_gives_each_figure_its_part_of_the_year():
    facts = [f for f in statements(vocabulary().data["period_words"]["example"]).document.facts() if f.number.is_money]
    assert [f.period for f in facts] == ["1-4月", "6月份当月"]


def test_bound_words_example_is_not_a_value():
    facts = statements(vocabulary().data["bound_words"]["example"]).document.facts()
    assert [f.role for f in facts if f.number.text == "2万亿元"] == ["bound"]


def test_one_name_for_different_months_is_not_a_conflict():
    """s077: the year to date, the year to November and one month of the year before."""
    text = ("1-12月累计，全国公共财政支出139744亿元，比上年增加13791亿元，增长10.9%。\n"
            "注：根据财政部前11月公共财政数据，1-11月累计，全国公共财政支出114697亿元。"
            "对比来看，2012年12月份全国公共财政支出20816亿元。")
    assert [f for f in findings(text) if f.check == "conflict.same-name"] == []
    twice = "1-12月累计，全国公共财政支出139744亿元。\n1-12月累计，全国公共财政支出139700亿元。"
    assert [f.severity for f in findings(twice) if f.check == "conflict.same-name"] == ["error"]


def test_half_year_and_one_month_parts_are_different_quantities():
    """s087: “上半年…其中，中央财政收入31819亿元” and “6月份当月…其中，中央财政收入4709亿元”."""
    text = ("上半年，全国财政收入63795亿元，同比增长12.2%。\n"
            "其中，中央财政收入31819亿元，同比增长10%；地方本级收入31976亿元，同比增长14.4%。\n"
            "6月份当月，全国财政收入11040亿元，比去年同月增加984亿元，增长9.8%。其中，中央财政收入4709亿元，同比增长5.6%。")
    assert [f for f in findings(text) if f.check == "conflict.same-name"] == []


def test_parts_of_a_budget_are_not_compared_with_parts_of_the_spending():
    """s083: 外交部 2014 “三公”经费支出 and its parts, then the 预算 and its parts."""
    text = ("2014年外交部“三公”经费支出10044.01万元，预算执行比例为88.69%。\n"
            "其中：因公出国(境)费8657.78万元，预算执行比例为90.13%，公务接待费8.27万元，预算执行比例为2.69%。\n"
            "2014年外交部“三公”经费预算11324.44万元，其中：因公出国(境)费9605.80万元，公务接待费307.70万元。")
    assert [f for f in findings(text) if f.check == "conflict.same-name"] == []


def test_a_threshold_passed_is_not_the_base_of_a_growth_rate():
    """s091: “规模为21070.5亿元，首次突破2万亿元，比上年增加3765.2亿元，增长21.8%” — 3765.2 ÷ 17305.3."""
    text = "当期全国政府采购规模为21070.5亿元，首次突破2万亿元，比上年增加3765.2亿元，增长21.8%。"
    assert findings(text, "error") == []
    assert [f.expected for f in findings(text.replace("21.8%", "23.2%")) if f.check == "growth.rate"] == ["21.76%"]


def test_a_joined_subject_stated_once_for_both_is_the_base_of_its_paired_change():
    """s080: “收、支总计均为1,145.52万元。…收、支总计各增加342万元，增长29.86%” — 342 ÷ 803.52 = 42.56%;
    29.86% is 342 ÷ 1145.52, the change over this year's figure."""
    text = "2023年度收、支总计均为1,145.52万元。与2022年度相比,收、支总计各增加342万元,增长29.86%。"
    found = {(f.severity, f.expected) for f in findings(text) if f.check == "growth.rate"}
    assert found == {("error", "42.56%")}
    assert findings(text.replace("29.86%", "42.56%")) == []


def test_a_savings_rate_is_read_against_its_own_clause_group():
    """s090: four 采购计划金额 in one sentence; the 工程类 节约率 is 5625.51 ÷ 30005.94 = 18.75% (printed 18%),
    not a ratio of the first plan amount of the sentence."""
    text = ("2019年政府采购工作已圆满完成,本年度共采购项目473个,采购计划金额共计97156.16万元,实际采购金额共计81298.42万元,"
            "共节约资金15857.74万元,节约率为16%,其中货物类采购项目231个,采购计划金额共计48962.44万元,实际采购金额共计39944.66万元,"
            "共节约资金9017.78万元,节约率为18% ;工程类采购项目94个,采购计划金额共计30005.94万元,实际采购金额共计24380.43万元,"
            "共节约资金5625.51万元,节约率为{rate}%。")
    (finding,) = [f for f in findings(text.format(rate=18)) if f.check == "rate.inputs"]
    assert finding.severity == "note" and finding.expected == "18.75%"
    (finding,) = [f for f in findings(text.format(rate=15)) if f.check == "rate.inputs"]
    assert finding.severity == "error" and "5625.51 ÷ 30005.94" in finding.message
    assert [f for f in findings(text.format(rate="18.75")) if f.check == "rate.inputs"] == []
