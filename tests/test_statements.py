"""The statements layer on the forms real reports use: each phrasing entry's example makes the
relation it is there for, and each pattern issue 9 lists reads the way a careful reviewer reads it."""

import pytest

from assistant.validation.checks.execution_rows import execution_rows
from assistant.validation.statements import read_statements
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.tables import find_tables
from assistant.validation.text import sentences
from assistant.validation.validator import validate
from retrieval.loaders import load_text


def statements(text, year=2023):
    return read_statements(sentences(load_text(text)), year)


def figures(facts):
    return [f.number.text for f in facts]


def findings(text, severity=None):
    return [f for f in validate(text).findings if severity is None or f.severity == severity]


EXAMPLE_MAKES = {
    "list_markers": lambda st: st.breakdowns,
    "complete_markers": lambda st: [b for b in st.breakdowns if b.completeness == "complete"],
    "partial_markers": lambda st: [b for b in st.breakdowns if b.completeness == "partial"],
    "other_part": lambda st: [b for b in st.breakdowns if b.completeness == "complete"],
    "reason_words": lambda st: [c for c in st.changes if c.rate is not None],
    "growth_up": lambda st: [c for c in st.changes if c.direction == "up"],
    "growth_down": lambda st: [c for c in st.changes if c.direction == "down"],
    "flat_words": lambda st: [c for c in st.changes if c.direction == "flat"],
    "no_rate_words": lambda st: [f for f in st.document.facts() if f.role == "value"],
    "share_words": lambda st: st.shares,
    "completion": lambda st: [r for r in st.ratios if r.name == "完成预算比例"],
    "completion_relation": lambda st: st.completion_words,
    "remainder": lambda st: st.remainders,
    "point_gaps": lambda st: st.point_gaps,
    "closing_totals": lambda st: [b for b in st.breakdowns if b.completeness == "complete" and len(b.parts) == 3],
    "measures": lambda st: [f for f in st.document.facts() if f.measure == "final"]
    and [f for f in st.document.facts() if f.measure == "budget"],
}


@pytest.mark.parametrize("key", sorted(EXAMPLE_MAKES))
def test_each_phrasing_example_makes_its_relation(key):
    entry = vocabulary().data[key]
    assert EXAMPLE_MAKES[key](statements(entry["example"]))


@pytest.mark.parametrize("rate", vocabulary().data["rates"], ids=lambda r: r["name"])
def test_each_rate_example_reads_its_inputs(rate):
    (ratio,) = [r for r in statements(rate["example"]).ratios if r.name == rate["name"]]
    assert ratio.numerators and ratio.denominators


def test_score_table_layout_example_is_a_table_header():
    layout = vocabulary().data["score_tables"]
    rows = [layout["example"], "|---|---|---|---|---|---|---|", "| 产出指标(50分) | 数量 | 件数 | 50 | ≥1 | 2 | 50 |"]
    assert find_tables(rows)


# ---- the false findings issue 9 saw on real reports ---------------------------------------------

def test_a_total_is_not_summed_with_its_own_parts():
    text = "收入总计520.40万元，其中：财政拨款收入410.10万元、其他收入110.30万元。"
    (b,) = statements(text).breakdowns
    assert figures([b.total]) == ["520.40万元"] and figures(b.parts) == ["410.10万元", "110.30万元"]
    assert findings(text) == []


def test_parts_of_a_final_figure_are_not_set_against_the_budget_before_it():
    text = ("“三公”经费支出预算为8.20万元，支出决算为12.64万元，完成预算的154.15%，其中：公务用车运行维护费"
            "预算5.00万元，决算8.00万元；公务接待费预算3.20万元，决算4.64万元。")
    (b,) = statements(text).breakdowns
    assert figures([b.total]) == ["12.64万元"] and figures(b.parts) == ["8.00万元", "4.64万元"]
    assert findings(text) == []


def test_growth_takes_its_base_from_its_own_subject_not_the_clause_before():
    text = "公务接待费支出2万元，比上年减少1万元，下降33.33%；公务用车运行维护费5万元，较上年增加1万元，增长25%。"
    changes = statements(text).changes
    assert [(c.current.number.text, c.amount.number.text) for c in changes] == [("2万元", "1万元"), ("5万元", "1万元")]
    assert findings(text, "error") == []


def test_prior_year_figure_after_the_comparison_is_not_a_total_with_parts():
    text = "机关运行经费支出109.5万元，较上年的120.50万元减少11.00万元，下降9.13%。"
    st = statements(text)
    assert st.breakdowns == []
    (change,) = st.changes
    assert figures([change.current, change.prior, change.amount]) == ["109.5万元", "120.50万元", "11.00万元"]
    assert findings(text, "error") == []


def test_questionnaires_are_not_summed_and_a_satisfaction_rate_needs_its_numerator():
    assert findings("共发放问卷200份，收回有效问卷196份，满意率98%。") == []
    (f,) = findings("共发放问卷200份，其中满意的180份，满意率98%。")
    assert f.check == "rate.inputs" and f.expected == "90.00%"


# ---- what must not become an error ---------------------------------------------------------------

def test_a_list_that_says_it_is_partial_is_not_summed():
    assert findings("项目支出100万元，主要用于：系统运维30万元、宣传印刷20万元等。") == []


def test_a_label_cut_at_a_page_break_does_not_produce_an_error():
    text = "本年支出合计1000.00万元，其中：基本支出800.00万元，\n7\n项目支出150.00万元。"
    assert findings(text, "error") == []


def test_zero_over_zero_printed_as_zero_percent_is_fine():
    assert findings("因公出国（境）费预算0万元，决算0万元，完成预算的0.00%。") == []


def test_growth_said_to_be_incomparable_is_not_judged():
    assert findings("政府性基金预算财政拨款支出10万元，比上年增加10万元，增长率无可比性。") == []


def test_omitted_verb_without_a_comparison_is_not_judged():
    """“支出决算X元，增长Y%” where X is in fact the increase: no base is named, so nothing to recompute."""
    assert findings("机关运行经费支出决算35000元，增长12%。") == []


def test_execution_against_the_adjusted_budget_when_the_initial_one_is_zero():
    text = "项目年初预算0万元，调整后预算50万元，实际支出48万元，预算执行率96%。"
    assert findings(text) == []
    assert validate(text).claims >= 1


# ---- forms of real text -------------------------------------------------------------------------

def test_paired_changes_of_income_and_spending():
    text = ("2023年度收、支总计各为1,234.56万元、1,200.00万元，与2022年相比，收、支总计各减少100.00、80.00万元，"
            "各下降7.49%、{}%。")
    assert findings(text.format("6.25")) == []
    (f,) = findings(text.format("7.25"))
    assert f.check == "growth.rate" and f.stated == "7.25%" and f.expected == "6.25%"


def test_flat_is_a_claim_checked_against_the_figures():
    (f,) = findings("公务接待费支出12万元，比上年的10万元持平。")
    assert f.check == "growth.direction" and f.expected == "增加"


def test_yuan_with_thousands_separators_and_spaces_before_percent():
    text = "基本支出预算 2,476,260.58 元，占一般公共预算支出的 84.06 %；项目支出预算 469,500.00 元，占一般公共预算支出的 15.94 %。"
    assert findings(text, "error") == []
    wrong = text.replace("15.94 %", "19.62 %")
    assert any(f.check == "share.consistent" for f in findings(wrong, "error"))


def test_traditional_characters_and_pinyin_glosses_from_mirror_sites():
    text = "機關運行經(jīng)費支出74.13萬元，比2020年減少11.08萬元，下降19.03%。"
    (f,) = findings(text)
    assert f.check == "growth.rate" and f.expected == "13.00%" and f.quote.startswith("機關運行經(jīng)費")


def test_pdf_text_broken_over_lines_is_read_as_one_sentence():
    text = ("1. 基本支出预算 881300.39 元,占一般公共预算支出的\n96.74%,同比减少 166271.4 元,下降 15.87 %。"
            "其中:\n工资福利支出预算 716052.51 元,占基本支出预算\n81.25%。")
    st = statements(text)
    assert [(c.current.number.text, c.rate.number.text) for c in st.changes] == [("881300.39元", "15.87%")]


def test_the_issue_sentence_gives_a_warning_with_both_readings():
    (f,) = findings("项目预算100万元，实际支出95万元，预算执行率为96%。")
    assert f.severity == "warning" and f.stated == "96%" and f.expected == "95.00%"
    assert "准确数" in f.message and "四舍五入" in f.message


def test_every_phrasing_has_an_example_sentence():
    data = vocabulary().data
    missing = [key for key, entry in data.items()
               if not (isinstance(entry, dict) and (entry.get("example") or "example" in entry))
               and not (isinstance(entry, list) and all("example" in e for e in entry))]
    assert missing == []


def test_parts_changes_in_the_next_paragraph_fill_the_standard_parts():
    """r203: the 三公 total's change, then a paragraph opening “其中：” whose sentences give each
    part's change; the 公务用车 part's own sub-parts (购置费, 运行维护费) are not parts of the 三公."""
    text = ("2019年度三公经费支出合计585.53万元，同比减少144.92万元，各单位降低支出。\n"
            "其中：因公出国(境)经费0万元，同比减少0万元。公务用车购置及运行费585.53万元，同比减少144.92万元"
            "（公务用车购置费0万元，同比减少0万元；公务用车运行维护费585.53万元，同比减少0万元）。"
            "公务接待费0.00万元，同比减少0.11万元。\n")
    (listed,) = statements(text, 2019).change_lists
    assert figures([c.amount for c in listed.parts]) == ["0万元", "144.92万元", "0.11万元"] and not listed.bound
    found = {(f.severity, f.expected) for f in findings(text) if f.check == "sum.changes"}
    assert ("error", "145.03万元") in found  # and 0 + 0 ≠ 144.92 for the 公务用车 part, as the text says


@pytest.mark.parametrize("text, expected", [
    # r816: the subject's figure stands right before the comparison; the base follows “与上年的”
    ("2021年全县一般公共预算教育经费为64469万元，与上年的73991万元同口径相比增12.05%。", "12.87%"),
    ("一般公共预算教育经费64469万元比上年的73991万元增长-12.1%。", "12.87%"),
    # r816: last year's figure stated before this year's, then “比上年增长”; a unit given once for both
    ("普通小学上年10321.31元，本年10359.52元，同口径比上年增长20.97%。", "0.37%"),
    ("幼儿园上年2709.16，本年2845.20元，本年比上年增长61.98%。", "5.02%"),
])
def test_growth_with_both_years_stated_around_the_comparison(text, expected):
    (finding,) = [f for f in findings(text, "error") if f.check == "growth.rate"]
    assert finding.expected == expected


def test_a_count_after_a_growth_rate_is_not_an_enumerated_change():
    assert findings("原标题:1到5月山东财政收入同比增长19.2%，16市全部正增长。") == []


def test_a_figure_right_after_a_lost_character_is_not_trusted():
    """r503: mojibake ate the label and maybe a leading digit (“?8639萬元” for 48639万元)."""
    text = "主要项目支出情况如下:\n?。ㄒ唬┮话愎卜罩С?8639万元，较上年减支5273万元，下降9.8%。"
    assert [f.severity for f in findings(text) if f.check == "growth.rate"] == ["note"]
    assert [f.severity for f in findings(text.replace("?8639", "8639")) if f.check == "growth.rate"] == ["error"]


def test_a_part_that_fell_does_not_end_the_list():
    """“其中：…上划中央收入完成12133万元，减少282万元，…；上划省级收入完成4163万元”: “减少” is a
    change of the part before it, not “减去” opening a remark after the list."""
    text = ("累计完成公共财政预算总收入67949万元，比上年同期增加6517万元，增长10.61%。其中：地方公共财政预算收入完成51653万元，"
            "增加6455万元，增长14.28%；上划中央收入完成12133万元，减少282万元，下降2.27%；上划省级收入完成4163万元，增加344万元。")
    (listed,) = [b for b in statements(text).breakdowns if b.total.number.text == "67949万元"]
    assert figures(listed.parts) == ["51653万元", "12133万元", "4163万元"]


def test_a_comparison_opening_a_sentence_speaks_of_the_total_broken_down_before_it():
    """r701: “基本支出3736.92万元，其中人员经费…，公用经费…。比2021年预算增加654万元，增长9%”."""
    text = "2022年基本支出3736.92万元，其中人员经费3383.21万元，公用经费353.71万元。比2021年预算增加654万元，增长{rate}%。"
    (finding,) = [f for f in findings(text.format(rate=9)) if f.check == "growth.rate"]
    assert finding.severity == "error" and finding.expected == "21.21%"
    assert not [f for f in findings(text.format(rate="21.21")) if f.check == "growth.rate"]


def test_a_bare_yi_compared_with_a_figure_in_yi_yuan_is_money():
    """r817: “总投入为3.94亿元，比上年的3.92亿增长0.37%” — 3.94 ÷ 3.92 − 1 = 0.51% as printed."""
    (finding,) = findings("2021年，全区教育经费总投入为3.94亿元，比上年的3.92亿增长0.37%。")
    assert finding.check == "growth.rate" and finding.severity == "warning" and finding.expected == "0.51%"


def test_execution_table_example_is_a_header_whose_row_is_read():
    header = vocabulary().data["execution_tables"]["example"]
    (row,) = execution_rows([header, "| 年度资金总额: | 9.48 | 9.48 | 10 | 100% | 10 |"]).values()
    assert [c.text if c else None for c in row.cells] == [None, "9.48", "9.48", "10", "100%", "10"]


def test_change_columns_example_is_a_table_of_changes():
    example = vocabulary().data["change_columns"]["example"]
    assert validate(example).claims >= 2 and findings(example) == []
    assert findings(example.replace("-6.76%", "-7.76%"), "warning")
