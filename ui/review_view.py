"""What the 审核 page shows, as HTML built from plain review records (the dicts kept in 审核记录):
the overview of a batch, a compact findings table, and the report text around each finding with
every quoted span marked inline.

A record is `ReportResult.as_json()` plus `unit`, `report_type`, `year`, `text` and `path` (the
uploaded file while it still exists). All report text
is escaped: a report is shown as text, never rendered as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from assistant.batch import ReportResult
from assistant.validation.model import KIND_NAMES, SEVERITY_ORDER, Finding, Location
from retrieval.report_types import UNKNOWN, type_name

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "note": "提示"}
OVERVIEW_COLUMNS = ["文件", "单位", "类型", "年度", "错误", "警告", "提示", "说明"]
CONTEXT_LINES = 2  # lines shown above and below a finding's line
NEARBY_LINES = 3  # how far from its stated line a quote is still looked for
SECTION_SEPARATOR = " > "  # between the headings of a finding's section path


def as_record(result) -> dict:
    """A batch ReportResult as the plain dict the page shows and the workspace keeps."""
    return {**result.as_json(), "unit": result.unit, "report_type": result.report_type, "year": result.year,
            "text": result.text, "path": str(result.path) if result.path else ""}


def as_result(record: dict) -> ReportResult:
    """The record back as a ReportResult, for the exports (also of a review reopened from 审核记录)."""
    findings = [Finding(**{**f, "location": Location(**f["location"])}) for f in record.get("findings", [])]
    path = Path(record["path"]) if record.get("path") else None
    return ReportResult(record["source"], record.get("unit") or "", record.get("report_type") or UNKNOWN, record.get("year"),
                        record.get("claims", 0), findings, record.get("error") or "", record.get("text") or "",
                        path if path and path.exists() else None)


def counts(record: dict) -> dict[str, int]:
    return {s: sum(1 for f in record.get("findings", []) if f["severity"] == s) for s in SEVERITY_NAMES}


def overview_rows(records: list[dict]) -> list[list]:
    rows = []
    for record in records:
        if record.get("error"):
            rows.append([record["source"], "", "", "", "", "", "", f"无法读取：{record['error']}"])
            continue
        found = counts(record)
        rows.append([record["source"], record.get("unit") or "", type_name(record.get("report_type") or "unknown", short=True),
                     record.get("year") or "", found["error"], found["warning"], found["note"],
                     f"核对 {record.get('claims', 0)} 处"])
    return rows


def summary(record: dict) -> str:
    if record.get("error"):
        return f"**{record['source']}**：无法读取——{record['error']}"
    found = counts(record)
    facts = "　".join(x for x in (record.get("unit"), type_name(record.get("report_type") or "unknown"),
                                  f"{record['year']}年度" if record.get("year") else "") if x)
    return (f"**{record['source']}**　{facts}\n\n核对了 {record.get('claims', 0)} 处数字关系，发现 {found['error']} 个错误、"
            f"{found['warning']} 个警告、{found['note']} 个提示。")


def shown(record: dict, severities: list[str] | None) -> list[tuple[int, dict]]:
    """(number, finding) for the findings of the chosen severities; numbers count every finding."""
    return [(n, f) for n, f in enumerate(record.get("findings", []), start=1) if not severities or f["severity"] in severities]


def findings_table(record: dict, severities: list[str] | None = None) -> str:
    """One row per finding with its whole message and the quote it is about (nothing cut, nothing
    only in a tooltip); a click on a row scrolls the text to its span (ui/style.py)."""
    findings = shown(record, severities)
    if not findings:
        return '<p class="jx-empty">没有所选级别的问题。</p>'
    head = "".join(f"<th>{name}</th>" for name in ("#", "级别", "问题与原文", "文中 / 应为", "位置"))
    rows = []
    for number, f in findings:
        section = f["location"].get("section") or "（无标题）"
        kind = KIND_NAMES.get(f["kind"], f["kind"])
        quote = f'<div class="jx-quote">原文：“{escape(f["quote"])}”</div>' if f.get("quote") else ""
        line = f'<div class="jx-line-no">第 {f["location"]["line"]} 行</div>' if f["location"].get("line") else ""
        rows.append(
            f'<tr class="jx-row" data-finding="{number}" title="点击查看原文位置">'
            f'<td>{number}</td><td><span class="jx-sev jx-{f["severity"]}">{SEVERITY_NAMES[f["severity"]]}</span></td>'
            f'<td><div class="jx-message"><b>{escape(kind)}</b> {escape(f["message"])}</div>{quote}</td>'
            f'<td><div class="jx-figure">文中 <b>{escape(f["stated"])}</b></div>'
            f'<div class="jx-figure">应为 <b>{escape(f["expected"])}</b></div></td>'
            f'<td class="jx-section" title="{escape(section)}">{escape(innermost(section))}{line}</td></tr>')
    return f'<div class="jx-findings"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def innermost(section: str) -> str:
    """The heading a finding stands under (“（二）政府采购支出情况”), not the path's start, which is
    the report's title; the whole path stays in the cell's tooltip."""
    return section.rsplit(SECTION_SEPARATOR, 1)[-1].strip() or section


@dataclass(frozen=True)
class Mark:
    number: int
    severity: str
    start: int
    end: int
    continued: bool = False  # the rest of a quote a line break cut: no anchor of its own


def locate(lines: list[str], finding: dict) -> tuple[int, list[tuple[int, Mark]]]:
    """The 1-based line the finding's quote starts on and its span on every line it covers; (stated
    line, []) when the quote is not found. The quote is first looked for on its stated line and the
    lines near it; a PDF breaks lines mid-sentence and may put spaces inside one, so failing that it
    is looked for in those lines with all whitespace removed and the match is mapped back."""
    stated, quote = finding["location"].get("line") or 0, finding.get("quote") or ""
    if not quote:
        return stated, []
    for distance in range(NEARBY_LINES + 1):
        for line in (stated - distance, stated + distance) if distance else (stated,):
            if 0 < line <= len(lines) and (start := lines[line - 1].find(quote)) >= 0:
                return line, [(line, Mark(0, finding["severity"], start, start + len(quote)))]
    return across_lines(lines, stated, compact(quote), finding["severity"])


def across_lines(lines: list[str], stated: int, quote: str, severity: str) -> tuple[int, list[tuple[int, Mark]]]:
    """The quote (whitespace removed) in the lines near `stated` (whitespace removed), nearest first."""
    low, high = max(1, stated - NEARBY_LINES), min(len(lines), stated + NEARBY_LINES)
    places = [(n, col) for n in range(low, high + 1) for col, char in enumerate(lines[n - 1]) if not char.isspace()]
    joined = "".join(lines[n - 1][col] for n, col in places)
    starts, found = [], joined.find(quote) if quote else -1
    while found >= 0:
        starts.append(found)
        found = joined.find(quote, found + 1)
    if not starts:
        return stated, []
    first = min(starts, key=lambda i: (abs(places[i][0] - stated), i))
    (start_line, start_col), (end_line, end_col) = places[first], places[first + len(quote) - 1]
    return start_line, [(n, Mark(0, severity, start_col if n == start_line else 0,
                                 end_col + 1 if n == end_line else len(lines[n - 1]), continued=n > start_line))
                        for n in range(start_line, end_line + 1)]


def compact(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def marked_line(text: str, marks: list[Mark]) -> str:
    """The line escaped, each mark an inline <mark>; overlapping marks split into pieces that carry
    every finding they belong to, so two findings in one sentence are both marked."""
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    pieces, anchored = [], set()
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        piece = escape(text[start:end])
        if not covering:
            pieces.append(piece)
            continue
        worst = min(covering, key=lambda m: SEVERITY_ORDER[m.severity]).severity
        numbers = " ".join(str(m.number) for m in covering)
        anchors = [m.number for m in covering if m.start == start and not m.continued and m.number not in anchored]
        anchored.update(anchors)
        ids = "".join(f'<span class="jx-anchor" id="jx-mark-{n}"></span>' for n in anchors)
        overlap = " jx-overlap" if len(covering) > 1 else ""
        pieces.append(f'{ids}<mark class="jx-{worst}{overlap}" data-findings="{numbers}">{piece}</mark>')
    return "".join(pieces)


def windows(lines_of_interest: list[int], total: int) -> list[tuple[int, int]]:
    """Line ranges around each line of interest, merged where they touch."""
    merged: list[tuple[int, int]] = []
    for line in sorted(set(lines_of_interest)):
        low, high = max(1, line - CONTEXT_LINES), min(total, line + CONTEXT_LINES)
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def excerpts(record: dict, severities: list[str] | None = None) -> str:
    """The report text around each shown finding (not the whole report), with line numbers."""
    lines = (record.get("text") or "").split("\n")
    marks: dict[int, list[Mark]] = {}
    wanted: list[int] = []
    lost: list[int] = []
    for number, finding in shown(record, severities):
        line, spans = locate(lines, finding)
        if 0 < line <= len(lines):
            wanted.extend([line] + [n for n, _ in spans])
        for n, mark in spans:
            marks.setdefault(n, []).append(Mark(number, mark.severity, mark.start, mark.end, mark.continued))
        if not spans:
            lost.append(number)
    blocks = []
    for low, high in windows(wanted, len(lines)):
        body = "".join(f'<div class="jx-line"><span class="jx-ln">{n}</span><span class="jx-tx">'
                       f'{marked_line(lines[n - 1], marks.get(n, []))}</span></div>'
                       for n in range(low, high + 1) if lines[n - 1].strip())
        blocks.append(f'<div class="jx-excerpt"><div class="jx-where">第 {low}–{high} 行</div>{body}</div>')
    note = (f'<p class="jx-lost">第 {"、".join(map(str, lost))} 条的引文未能在原文中定位，请按“行”列查看。</p>' if lost else "")
    if not blocks:
        return note or '<p class="jx-empty">没有要显示的原文。</p>'
    return f'<div class="jx-text" id="jx-text">{note}{"".join(blocks)}</div>'
