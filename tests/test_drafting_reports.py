"""What a reviewer checks in a draft: whole numbering, a 自评表 from partial data, problems that
follow from the figures, the published 决算 tables, and prior reports' wording reused with this
year's figures only."""

import re

import pytest
import yaml
from docx import Document

from assistant.derive import derive
from assistant.drafting.building import build_draft, figures_for_draft
from assistant.drafting.deviations import Deviation, rules
from assistant.drafting.export_docx import export_docx
from assistant.drafting.numbering import chinese, renumber_text, renumber_titles
from assistant.drafting.pipeline import draft
from assistant.figures import load_figures
from tests.conftest import CORPUS

PARTIAL = {"report_type": "project", "year": 2024, "unit": "某县市场监督管理局", "project": "食品安全抽检项目",
           "budget": {"full_year": 120, "arrived": 120, "spent": 113.5},
           "outputs": [{"name": "抽检", "value": 2400, "unit": "批次", "prior": 2100}], "survey": {"rate": 96}}


def test_numbering_is_whole_after_sections_and_headings_are_left_out():
    assert [chinese(n) for n in (1, 9, 10, 12, 20, 21)] == ["一", "九", "十", "十二", "二十", "二十一"]
    assert renumber_titles(["一、概况", "三、分析", "第二部分 说明", "三、收入", "五、支出"]) == \
        ["一、概况", "二、分析", "第二部分 说明", "一、收入", "二、支出"]
    assert renumber_text("（二）预算\n正文\n（四）目标\n一、职能\n（三）人员") == "（一）预算\n正文\n（二）目标\n一、职能\n（一）人员"


def test_a_partial_project_gets_a_whole_self_evaluation_table():
    figures = figures_for_draft(PARTIAL)
    assert [(i.level1, i.points) for i in figures.indicators] == [("预算执行率", 10), ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)]
    values, _ = derive(figures)
    assert values["score.total"].text == "99.46" and values["grade"].unit == "优"
    table = next(s for s in build_draft(PARTIAL).sections if s.id == "table").text
    assert "| 抽检批次 | 50 | 待补充 | 2400批次 | 50.00 | 目标值待补充，暂按满分计 |" in table


def test_a_target_given_scores_the_output_by_formula():
    data = {**PARTIAL, "outputs": [{"name": "抽检", "value": 1800, "unit": "批次", "target": "≥2000批次"}]}
    result = build_draft(data)
    assert "| 抽检批次 | 50 | ≥2000批次 | 1800批次 | 45.00 |" in next(s for s in result.sections if s.id == "table").text
    problems = next(s for s in result.sections if s.id == "problems").text
    assert "抽检完成1800批次，未达到年度目标≥2000批次" in problems and "未发现" not in result.markdown()


@pytest.mark.parametrize("rule_id", sorted(rules()))
def test_every_deviation_reads_its_example(rule_id):
    example = dict(rules()[rule_id]["example"])
    text = example.pop("text")
    assert Deviation(rule_id, example).text() == text


def test_problems_follow_from_the_figures_and_name_the_unspent_amount():
    result = build_draft(PARTIAL)
    problems = next(s for s in result.sections if s.id == "problems").text
    assert "预算执行率为94.58%，结余资金6.50万元未支出" in problems
    specific = build_draft(PARTIAL, styles={"problems": "specific"})
    detailed = next(s for s in specific.sections if s.id == "problems").text
    assert detailed != problems and "全年预算120.00万元，实际支出113.50万元" in detailed


def final_accounts():
    return load_figures(CORPUS / "examples" / "final-accounts.yaml")


def test_final_accounts_carry_the_published_tables_with_their_identities(tmp_path):
    result = draft(final_accounts())
    tables = next(s for s in result.sections if s.id == "tables")
    titles = re.findall(r"^（[一二三四五六七八九]）(.+)$", tables.text, re.M)
    assert titles == ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                      "一般公共预算财政拨款基本支出决算表", "“三公”经费支出决算表", "政府性基金预算财政拨款支出决算表",
                      "国有资本经营预算财政拨款支出决算表"]
    assert "| 收入总计 | 1380.50 | 支出总计 | 1380.50 |" in tables.text
    assert tables.text.count("本单位2023年度无此项收支，本表为空。") == 2
    assert [f for f in result.findings if f.severity != "note"] == []
    document = Document(export_docx(result, tmp_path / "决算.docx"))
    assert any(t.cell(0, 0).text == "收入" and t.cell(0, 2).text == "支出" for t in document.tables)


def test_a_bureau_s_own_past_report_lends_its_wording(store):
    from retrieval.ingest import ingest

    past = tmp_report(store.settings.home)
    ingest(store, [past])
    result = build_draft(PARTIAL, store)
    overview = next(s for s in result.sections if s.id == "overview")
    assert "截至2024年12月31日，食品安全抽检项目累计支付资金113.50万元，结余6.50万元，预算执行率为94.58%。" in overview.text
    assert overview.sources == [past.name]
    from ui.drafting_view import draft_markdown  # the 起草 page names the report, not only its file

    assert f"措辞参考：某县市场监督管理局2023年度食品安全抽检项目支出绩效自评报告（{past.name}）" in draft_markdown(result)
    assert "110.00" not in result.markdown()  # last year's figures never reach this year's draft


def tmp_report(home):
    home.mkdir(parents=True, exist_ok=True)
    path = home / "2023年食品安全抽检项目支出绩效自评报告.txt"
    path.write_text("某县市场监督管理局2023年度食品安全抽检项目支出绩效自评报告\n一、项目概况\n（二）预算安排及资金使用情况\n"
                    "截至2023年12月31日，食品安全抽检项目累计支付资金104.5万元，结余5.5万元，预算执行率为95%。\n"
                    "项目全年预算110万元，全部用于委托检测。\n", encoding="utf-8")
    return path


def test_examples_are_data_with_an_example_each():
    layout = yaml.safe_load((CORPUS.parent / "assistant" / "drafting" / "accounts_tables.yaml").read_text(encoding="utf-8"))
    assert all(table.get("example") for table in layout["tables"])


@pytest.mark.parametrize("entry", yaml.safe_load((CORPUS.parent / "assistant" / "drafting" / "formal.yaml").read_text(encoding="utf-8"))["words"],
                         ids=lambda e: e["say"])
def test_every_formal_wording_reads_its_example(entry):
    from assistant.drafting.register import formal

    changed = formal(entry["example"])
    assert entry["say"] not in changed and entry["formal"] in changed


def test_a_formal_revision_offline_rewords_staff_s_own_sentences_only():
    figures = dict(PARTIAL, narrative={"problems": ["部分资金没花完，尾款要到明年才支付"]})
    problems = next(s for s in build_draft(figures, styles={"problems": "specific", "register:problems": "formal"}).sections if s.id == "problems").text
    assert "部分资金未支出完毕，尾款需在下一年度才支付" in problems and "实际支出113.50万元" in problems  # still specific


def accounts_draft(accounts: dict) -> dict[str, str]:
    data = {"report_type": "final-accounts", "year": 2017, "unit": "天水市幼儿园", "accounts": accounts}
    return {s.id: s.text for s in build_draft(data).sections}


def test_an_unstated_carry_over_is_never_taken_as_zero_and_item_changes_reach_the_draft():
    sections = accounts_draft({"income": [{"name": "财政拨款收入", "amount": 1516.64, "prior": 1575.13},
                                          {"name": "事业收入", "amount": 170.81}], "basic": 1121.09, "project": 821.48})
    assert "年初结转和结余0.00" not in sections["totals"]  # spending exceeds income: a carry-over nobody stated
    assert "2017年度本年收入合计1687.45万元，本年支出合计1942.57万元。" in sections["totals"]
    assert "财政拨款收入1516.64万元，占89.88%，比上年减少58.49万元，下降3.71%" in sections["income"]
    assert "本表为空" not in sections["tables"]  # nobody said the unit had no 三公经费 or 政府性基金
    assert sections["tables"].count("本表数据尚未提供") == 4  # 基本支出 by economic class, 三公, 政府性基金, 国有资本


def test_the_year_end_balance_follows_from_the_totals_when_not_stated():
    data = {"report_type": "department", "year": 2018, "unit": "丽水市文化馆",
            "accounts": {"income": [{"name": "财政拨款收入", "amount": 1435.22}], "carried_in": 263.90,
                         "basic": 890.4, "project": 705.19}}
    spending = next(s for s in build_draft(data).sections if s.id == "spending").text
    assert "收入总计1699.12万元" in spending and "年末结转和结余103.53万元" in spending
