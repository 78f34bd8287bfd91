"""Reports uploaded as published: PDF tables read as tables (fixtures made from Word by LibreOffice,
see tests/fixtures/make_pdfs.py), .xlsx 自评表 read as rows, and money tables checked against their
own 合计 and against the narrative."""

import openpyxl

from assistant.validation.validator import validate
from retrieval.loaders import load
from tests.conftest import FIXTURES


def errors(report):
    return [f for f in report.findings if f.severity == "error"]


def test_a_ruled_pdf_table_is_read_as_rows_in_reading_order():
    text = load(FIXTURES / "final_accounts_table.pdf").text
    assert "| 公务用车购置及运行维护费 | 7.00 | 7.03 |" in text
    assert text.index("| 合计 | 7.92 | 7.49 |") < text.index("2021年“三公”经费财政拨款支出决算为7.49万元")
    assert text.count("预算数（万元）") == 1  # the header is read once, as a row, not again as a text line


def test_a_consistent_pdf_report_has_no_findings():
    assert validate(load(FIXTURES / "final_accounts_table.pdf")).findings == []
    report = validate(load(FIXTURES / "score_table_merged.pdf"))
    assert report.findings == [] and report.claims >= 20


def test_a_score_table_running_over_two_pages_is_one_table():
    report = validate(load(FIXTURES / "score_table_two_pages.pdf"))
    assert report.findings == []  # the narrative's 97.5 equals the total of all 46 rows across both pages
    assert report.claims >= 50


def test_a_score_above_its_points_is_found_in_a_pdf():
    (finding,) = errors(validate(load(FIXTURES / "score_table_wrong.pdf")))
    assert finding.check == "score.within-points" and "目标完成" in finding.message and finding.stated == "12"


def test_an_xlsx_self_evaluation_table_is_checked(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.append(["一级指标", "二级指标", "三级指标", "分值", "得分"])
    sheet.append(["产出指标(50分)", "数量指标", "受理事项数", 30, 30])
    sheet.append([None, "质量指标", "办结率", 25, 25])
    sheet.append(["效益指标(50分)", "社会效益", "便利度", 50, 50])
    sheet.append(["合计", None, None, 100, 100])
    path = tmp_path / "自评表.xlsx"
    book.save(path)
    found = {(f.check, f.expected) for f in errors(validate(load(path)))}
    assert found == {("score.points", "55"), ("score.total", "105")}  # 30 + 25 under a 50-point parent


SANGONG = """2021年度一般公共预算财政拨款“三公”经费支出决算表
单位:万元
项 目 |
预 算 数 |
决 算 数 |
合 计 |
49.9 |
7.69 |
因公出国(境)费 |
20 |
|
公务接待费 |
14.9 |
5.21 |
公务用车购置及运行维护费 |
15 |
2.48 |
二、“三公”经费支出情况说明
1.因公出国(境)费支出0万元,与2021年度预算相比{flat}。
"""


def test_a_cell_per_line_table_is_set_against_the_narrative():
    said_flat = validate(SANGONG.format(flat="无增减"))
    (finding,) = [f for f in said_flat.findings if f.check == "growth.direction"]
    assert finding.severity == "warning" and "取自表格" in finding.message and finding.expected == "减少"
    assert finding.location.line == 19  # the sentence that says 无增减, not the table
    assert not any(f.check == "growth.direction" for f in validate(SANGONG.format(flat="减少20万元")).findings)


def test_a_money_table_total_row_is_the_sum_of_its_rows():
    table = ("一般公共预算财政拨款“三公”经费支出决算表\n| 项目 | 预算数 | 决算数 |\n| 合计 | 7.92 | {total} |\n"
             "| 因公出国（境）费 | 0 | 0 |\n| 公务用车购置及运行维护费 | 7.00 | 7.03 |\n| 公务接待费 | 0.92 | 0.46 |\n")
    assert validate(table.format(total="7.49")).findings == []
    (finding,) = validate(table.format(total="7.59")).findings
    assert finding.check == "sum.table-rows" and finding.severity == "error" and finding.expected == "7.49"


YEAR_ROWS = """2016年一般公共预算安排“三公”经费决算数2364万元，比上年决算数下降{prose}%。
2016年决算数与2015年决算数对比情况
年度
|
合计
|
因公出国(境)经费
|
公车购置及运行维护费
|
合计
|
车辆购置
|
车辆运行
|
2015年
|
2840
|
90
|
1350
|
73
|
1277
|
2016年
|
2364
|
12
|
996
|
37
|
959
|
2016年比2015年增减%
|
-16.76
|
-86.67
|
-26.22
|
{car}
|
-24.90
|
"""


def test_a_table_whose_rows_are_years_checks_its_row_of_changes():
    """r202: a scraped table with a grouped header (公车… over 合计/车辆购置/车辆运行), rows by year
    and a row of changes; the prose growth finds last year's figure in the table's 合计 column."""
    assert [f for f in validate(YEAR_ROWS.format(prose="16.76", car="-49.32")).findings if f.severity != "note"] == []
    findings = validate(YEAR_ROWS.format(prose="16.76", car="-47.95")).findings
    (finding,) = [f for f in findings if f.severity != "note"]
    assert finding.check == "growth.rate" and finding.severity == "warning" and finding.expected == "49.32%"
    (prose,) = [f for f in validate(YEAR_ROWS.format(prose="18.76", car="-49.32")).findings if f.severity != "note"]
    assert prose.location.line == 1 and prose.expected == "16.76%" and "2840" in prose.message


def test_a_self_evaluation_total_row_of_zeros_above_a_filled_part_row():
    """r403, r404: the 年度资金总额 row left at 0 0 0 (执行率 0, 得分 0) while its 其中 row is filled."""
    row = "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: {total} 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金"
    found = {(f.kind, f.severity, f.expected) for f in validate(row.format(total="0 0 0 10 0 0")).findings}
    assert found == {("sum", "error", "89.974"), ("rate", "error", "100.00%")}
    assert validate(row.format(total="90 89.974 89.974 10 100% 10")).findings == []
