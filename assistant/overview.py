"""The overview workbook of a batch: 总览 (a row per report) and 全部问题 (every finding, each linking
back to its report's row; each report's file name on 总览 links to its first finding)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.hyperlink import Hyperlink

from assistant.batch import ReportResult
from assistant.sheets import SEVERITY_NAMES, add_sheet, finish, kind_name, tint_by_severity, tint_counts
from assistant.validation.model import SEVERITY_ORDER, Finding
from retrieval.report_types import type_name

OVERVIEW, FINDINGS = "总览", "全部问题"
OVERVIEW_COLUMNS = [("文件", 36), ("单位", 24), ("报告类型", 12), ("年度", 7), ("核对数字数", 10), ("错误", 6),
                    ("警告", 6), ("提示", 6), ("第一个问题", 80)]
FINDING_COLUMNS = [("文件", 36), ("严重程度", 9), ("类型", 10), ("章节", 30), ("行", 6), ("原文", 50), ("所述", 12),
                   ("应为", 12), ("说明", 70)]
COUNT_COLUMNS = {"F": "error", "G": "warning", "H": "note"}
UNREADABLE = "未核对："


def first_problem(result: ReportResult) -> str:
    """The reason a file was not read, or its most severe finding (the earliest of them)."""
    if result.error:
        return UNREADABLE + result.error
    if not result.findings:
        return ""
    first = min(result.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.location.line))
    return f"第{first.location.line}行 {SEVERITY_NAMES[first.severity]}：{first.message}"


def finding_row(source: str, finding: Finding) -> list:
    return [source, SEVERITY_NAMES[finding.severity], kind_name(finding.kind), finding.location.section,
            finding.location.line, finding.quote, finding.stated, finding.expected, finding.message]


def link(cell, sheet: str, row: int) -> None:
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A{row}")
    cell.font = Font(color="0563C1", underline="single")


def write_overview(results: list[ReportResult], path: str | Path) -> Path:
    book = Workbook()
    overview = add_sheet(book, OVERVIEW, OVERVIEW_COLUMNS)
    findings = add_sheet(book, FINDINGS, FINDING_COLUMNS)
    for result in results:
        row = overview.max_row + 1
        overview.append([result.source, result.unit, "" if result.error else type_name(result.report_type, short=True),
                         result.year, result.claims, result.count("error"), result.count("warning"), result.count("note"),
                         first_problem(result)])
        if result.error:
            overview.cell(row, len(OVERVIEW_COLUMNS)).font = Font(color="C00000")
        if result.findings:
            link(overview.cell(row, 1), FINDINGS, findings.max_row + 1)
        for finding in result.findings:
            findings.append(finding_row(result.source, finding))
            link(findings.cell(findings.max_row, 1), OVERVIEW, row)
    tint_counts(overview, COUNT_COLUMNS)
    tint_by_severity(findings, "B")
    finish(overview, ("第一个问题",))
    finish(findings, ("章节", "原文", "说明"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
