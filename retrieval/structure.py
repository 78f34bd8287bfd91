"""Headings, the section tree and what a report is: type, fiscal year, department.

Numbering nests 第X部分 > 一、 > （一） > 1. > （1） > ①, in half- or full-width forms. A
report title line (…绩效自评报告, …部门决算) starts a new tree, because one published page
often carries several reports (seed 000 holds three project reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from retrieval.documents import Block, Document
from retrieval.normalize import fold, searchable
from retrieval.report_types import UNKNOWN, report_types

CN = "一二三四五六七八九十"
HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^\s*第[{CN}]+部分")),
    (2, re.compile(rf"^\s*[{CN}]+\s*[、.]")),
    (3, re.compile(rf"^\s*\(\s*[{CN}]+\s*\)")),
    (4, re.compile(r"^\s*\d{1,2}\s*[.、](?!\d)")),
    (5, re.compile(r"^\s*\(\s*\d{1,2}\s*\)")),
    (6, re.compile(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩]")),
]
TITLE = re.compile(r"(绩效(自评|评价)?报告|部门决算|决算情况说明|自评表|评价表|评分表|基础数据表)[)）]?$")
MAX_HEADING_CHARS = 36
FIGURE = re.compile(r"\d\s*(?:万元|亿元|元|%)")  # a line stating a figure is prose, whatever its numbering

YEAR = re.compile(r"(20\d{2})\s*年度?")
YEAR_OF_REPORT = re.compile(r"(20\d{2})\s*年度")
DATE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # when a page was published, not what it reports on
DEPARTMENT = re.compile(r"([\u4e00-\u9fa5]{2,24}?(?:服务局|审批局|大数据局|数据局|管理局|中心|委员会|办公室|局))")


SOURCE_HEADER_LINE = re.compile(r"^#\s*([A-Za-z_]+)\s*:\s*(.*)$")


def source_header(document: Document) -> tuple[dict[str, str], int]:
    """The `# key: value` lines a gatherer put above a saved page (`# source: <address>`, `# year:`):
    metadata, not report text. Returns the fields and the last line they occupy (0 when none)."""
    fields: dict[str, str] = {}
    last = 0
    for number, line in enumerate(document.lines, start=1):
        match = SOURCE_HEADER_LINE.match(line.strip())
        if not match:
            break
        fields[match.group(1).lower()] = match.group(2).strip()
        last = number
    return fields, last


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, title) when the line opens a section; the title stops at the first full stop."""
    folded = fold(line).strip()
    if not folded or "|" in folded:
        return None
    numbered = any(pattern.match(folded) for _, pattern in HEADING_PATTERNS)
    if len(folded) <= 60 and TITLE.search(folded.rstrip("。")) and not numbered:
        return 0, line.strip()
    if FIGURE.search(folded):
        return None
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(folded):
            title = line.strip()
            stop = title.find("。")
            if len(title) <= MAX_HEADING_CHARS and (stop == -1 or stop == len(title) - 1):
                return level, title.rstrip("。")
            if 0 < stop <= MAX_HEADING_CHARS and level <= 3:
                return level, title[:stop]
            return (level, title[:MAX_HEADING_CHARS]) if level <= 2 and stop == -1 else None
    return None


def mark_headings(document: Document) -> list[Block]:
    """Turn paragraph blocks that open a section into heading blocks (kept in place)."""
    marked: list[Block] = []
    for block in document.blocks:
        found = heading_of(block.text) if block.kind == "paragraph" else None
        marked.append(replace(block, kind="heading", level=found[0], title=found[1]) if found else block)
    return marked


class SectionTracker:
    """Walks blocks in order and answers 'which heading path is this line under?'."""

    def __init__(self) -> None:
        self.stack: list[Heading] = []

    @staticmethod
    def level_and_title(block: Block) -> tuple[int, str]:
        return (block.level, block.title) if block.title else heading_of(block.text) or (block.level, block.text)

    def visit(self, block: Block) -> None:
        if block.kind != "heading":
            return
        level, title = self.level_and_title(block)
        self.stack = [h for h in self.stack if h.level < level] if level > 0 else []
        self.stack.append(Heading(level, title, block.line))

    @property
    def path(self) -> list[str]:
        return [h.title for h in self.stack]

    @property
    def title(self) -> str:
        """The report title in force (level 0), or '' before any."""
        return self.stack[0].title if self.stack and self.stack[0].level == 0 else ""

    @property
    def scope(self) -> str:
        """One report within a page: its title and the line the title stands on."""
        return f"{self.title}@{self.stack[0].line}" if self.title else ""


def section_paths(document: Document) -> dict[int, str]:
    """Map every line number to its heading path joined by ' > '."""
    tracker = SectionTracker()
    paths: dict[int, str] = {}
    for block in mark_headings(document):
        tracker.visit(block)
        for line in range(block.line, block.end_line + 1):
            paths[line] = " > ".join(tracker.path)
    return paths


REPORT_NAME = re.compile(r"(报告|说明|自评表|评价表|评分表|公开|决算|预算|草案|方案|情况|总结)([(（][^()（）]{1,30}[)）])?$")
NOT_A_TITLE = re.compile(r"当前位置|首页|索引号|发布|来源|^政府信息公开$|[，。；;,:：\[•]")
TITLE_SCAN_LINES = 40
TITLE_MIN_CHARS, TITLE_MAX_CHARS = 6, 60


def title_line(lines: list[str]) -> str:
    """The line that names the report (“奉新县2023年“三公”经费预算增减变化情况说明”) among the first
    lines of a page, which often open on a page number, a breadcrumb or a table; '' when none does."""
    for line in lines[:TITLE_SCAN_LINES]:
        text = searchable(line).strip().rstrip("。")
        if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS or "|" in text or NOT_A_TITLE.search(text):
            continue
        numbered = any(pattern.match(text) for _, pattern in HEADING_PATTERNS)
        if not numbered and not FIGURE.search(text) and REPORT_NAME.search(text):
            return line.strip()
    return ""


def document_title(body: str) -> str:
    """What names a document for search: its title line, after the unit when the page opens on the
    unit's name alone (“永州市行政审批服务局” above “2019年度绩效自评报告”); else its opening line."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    opening = lines[0][:TITLE_MAX_CHARS] if lines else ""
    found = title_line(lines)
    if not found:
        return opening
    if found != opening and UNIT.fullmatch(searchable(opening)) and searchable(opening) not in searchable(found):
        return f"{opening} {found}"
    return found


def report_type(text: str) -> str:
    patterns = [(t.id, t.pattern) for t in report_types().values() if t.pattern is not None]
    for window in (fold(text[:3000]), fold(text)):
        for type_id, pattern in patterns:
            if pattern.search(window):
                return type_id
    return UNKNOWN


def fiscal_year(text: str) -> int | None:
    """The year the report is about: the first year named next to 年度 or in a title line."""
    head = DATE.sub("", fold(text[:4000]))
    for line in head.split("\n"):
        if TITLE.search(line.strip()) or "年度" in line:
            match = YEAR_OF_REPORT.search(line) or YEAR.search(line)
            if match:
                return int(match.group(1))
    match = YEAR.search(head)
    return int(match.group(1)) if match else None


def department(text: str) -> str:
    head = fold(text[:4000])
    publisher = re.search(r"发布机构\s*\|\s*([^|\n]+)", head) or re.search(r"来源[:：]\s*(\S+)", head)
    if publisher:
        return publisher.group(1).strip()
    for line in head.split("\n"):
        if TITLE.search(line.strip()):
            match = DEPARTMENT.search(re.sub(r"20\d{2}年度?", "", line))
            if match:
                return match.group(1)
    return most_named(fold(text[:20000]))


def bare_name(found: str) -> str:
    """A unit's name without the words a match took in before it (“…2015年桂林市司法局” → 桂林市司法局,
    “根据县财政局” → 县财政局)."""
    name = re.sub(r"^.*?(?:\d|[，。、；：:,（(《“”])", "", found)
    return re.sub(r"^(?:关于|根据|按照|经|由|为|对|在|是|的|和|及|与|将|年度?|本|我|全)+", "", name)


def most_named(text: str) -> str:
    """Without a title naming it, the department the text names most often (“县行政审批局”)."""
    counts: dict[str, int] = {}
    for match in DEPARTMENT.finditer(text):
        name = bare_name(match.group(1))
        if len(name) >= 4 and name.endswith(("局", "中心")):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else ""


UNIT = re.compile(r"([\u4e00-\u9fa5]{2,20}?(?:街道办事处|办事处|人民政府|卫生院|医院|学校|小学|中学|学区|联合会|中心|委员会|"
                  r"办公室|局|林场|研究所|院|站|馆))")
UNIT_MIN_MENTIONS = 2


def named_unit(text: str) -> str:
    """A unit of any kind (镇人民政府, 街道办事处, 学校, 卫生院 …) the text names at least twice, the most
    named first: for pages whose title names no 局 or 中心. '' when none is named twice."""
    counts: dict[str, int] = {}
    for match in UNIT.finditer(searchable(text[:20000])):
        name = bare_name(match.group(1))
        if len(name) >= 4:
            counts[name] = counts.get(name, 0) + 1
    best = max(counts, key=counts.get, default="")
    return best if best and counts[best] >= UNIT_MIN_MENTIONS else ""
