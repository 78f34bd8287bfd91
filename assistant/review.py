"""What the review page shows, computed outside the UI: findings rows, the report text cut into
highlighted spans, and exports to .xlsx and Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.rules import load_rules
from assistant.sheets import SEVERITY_NAMES, add_sheet, finish, kind_name, tint_by_severity
from assistant.validation.model import Report
from assistant.validation.validator import validate
from retrieval.documents import Document
from retrieval.loaders import load, load_text

COLUMNS = ["序号", "级别", "类型", "问题", "文中", "应为", "章节", "行"]
XLSX_COLUMNS = list(zip([*COLUMNS, "原文"], (6, 8, 10, 60, 14, 14, 40, 6, 50), strict=True))


@dataclass
class Review:
    document: Document
    report: Report

    def rows(self, severities: list[str] | None = None) -> list[list]:
        return [[i, SEVERITY_NAMES[f.severity], kind_name(f.kind), f.message, f.stated, f.expected,
                 f.location.section, f.location.line]
                for i, f in enumerate(self.report.findings, start=1) if not severities or f.severity in severities]

    def summary(self) -> str:
        r = self.report
        return (f"**{r.source}**：核对了 {r.claims} 处数字关系，发现 {r.count('error')} 个错误、"
                f"{r.count('warning')} 个警告、{r.count('note')} 个提示。")

    def highlighted(self, severities: list[str] | None = None) -> list[tuple[str, str | None]]:
        """The report text as (span, label) pairs; a label names the finding that quotes the span."""
        lines = self.document.lines
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for index, finding in enumerate(self.report.findings, start=1):
            if severities and finding.severity not in severities:
                continue
            line = finding.location.line
            if not 0 < line <= len(lines) or not finding.quote:
                continue
            start = lines[line - 1].find(finding.quote)
            if start >= 0:
                marks.setdefault(line, []).append((start, start + len(finding.quote), f"{index}·{SEVERITY_NAMES[finding.severity]}"))
        spans: list[tuple[str, str | None]] = []
        plain: list[str] = []
        for number, text in enumerate(lines, start=1):
            position = 0
            for start, end, label in sorted(marks.get(number, [])):
                if start < position:
                    continue
                plain.append(text[position:start])
                spans.append(("".join(plain), None))
                plain = []
                spans.append((text[start:end], label))
                position = end
            plain.append(text[position:] + "\n")
        spans.append(("".join(plain), None))
        return [s for s in spans if s[0]]

    def context(self, index: int) -> str:
        """The line a finding points at, with its quote marked, for the row a reviewer clicks."""
        finding = self.report.findings[index - 1]
        line = self.document.lines[finding.location.line - 1] if finding.location.line else ""
        marked = line.replace(finding.quote, f"**{finding.quote}**", 1) if finding.quote else line
        return (f"**第{finding.location.line}行**（{finding.location.section or '无标题'}）\n\n> {marked}\n\n"
                f"{finding.message}\n\n文中：{finding.stated}　应为：{finding.expected}")


def review_path(path: str | Path, rules: str | None = None) -> Review:
    document = load(path)
    return Review(document, validate(document, load_rules(rules)))


def review_text(text: str, rules: str | None = None) -> Review:
    document = load_text(text)
    return Review(document, validate(document, load_rules(rules)))


def findings_xlsx(review: Review, path: str | Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = add_sheet(book, "核对结果", XLSX_COLUMNS)
    for row, finding in zip(review.rows(), review.report.findings, strict=True):
        sheet.append(row + [finding.quote])
    tint_by_severity(sheet, "B")
    finish(sheet, ("问题", "章节", "原文"))
    path = Path(path)
    book.save(path)
    return path


def findings_markdown(review: Review) -> str:
    lines = [f"# 核对结果：{review.report.source}", "", review.summary(), ""]
    lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(c).replace("|", "｜") for c in row) + " |" for row in review.rows()]
    return "\n".join(lines) + "\n"
