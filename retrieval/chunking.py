"""Section-aware chunks: each carries its heading path, report facts, source and position.

A section longer than one chunk is split at paragraph (then sentence) boundaries and every part
repeats the heading line; a table is split only between rows and every part repeats the header, and
the fragments a page cut one table into (a row or a cell each) are joined back up to the target length.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from retrieval.documents import Block, Document
from retrieval.loaders import is_furniture
from retrieval.normalize import searchable
from retrieval.section_kinds import OTHER, classify
from retrieval.structure import (
    SectionTracker,
    department,
    document_title,
    fiscal_year,
    mark_headings,
    named_unit,
    report_type,
    source_header,
)

TARGET_CHARS = 600  # chosen on the dev queries with the e5 window in mind (python -m evals.retrieval.study --part lengths)
MAX_CHARS = 900
CHUNKING_FORMAT = "c5"  # bumped when what a passage holds changes: older passages are replaced (store.py)
SENTENCE_ENDS = ("。", "；", ";")  # a heading ending so is a sentence (a list item), not a title
SUBTITLE = re.compile(r"^\s*[(（][^()（）]{2,40}[)）]\s*$")


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    source: str
    section: str
    report_type: str
    year: int
    department: str
    position: int
    line: int
    kind: str  # text | table
    section_kind: str = OTHER  # what the passage is about (retrieval/section_kinds.yaml)
    document_title: str = ""  # the title of the report the passage is in (structure.document_title)
    chunking: str = CHUNKING_FORMAT  # how the passage was cut; a stored older one is stale

    def metadata(self) -> dict:
        data = asdict(self)
        data.pop("id")
        data.pop("text")
        return data


def chunk_id(source: str, section: str, text: str) -> str:
    """Content identity within one chunking format, so a passage cut the same way twice is stored once."""
    return hashlib.sha1(f"{CHUNKING_FORMAT}\x00{source}\x00{section}\x00{text}".encode()).hexdigest()[:24]


def sentences(text: str, limit: int) -> list[str]:
    """Pieces of a long paragraph, cut after 。；; never longer than `limit`."""
    parts = [p for p in re.split(r"(?<=[。；;])", text) if p]
    pieces: list[str] = []
    for part in parts:
        while len(part) > limit:
            pieces.append(part[:limit])
            part = part[limit:]
        if pieces and len(pieces[-1]) + len(part) <= limit:
            pieces[-1] += part
        else:
            pieces.append(part)
    return pieces


def table_parts(block: Block, max_chars: int = MAX_CHARS) -> list[str]:
    lines = block.text.split("\n")
    has_separator = len(lines) > 2 and set(lines[1].replace("|", "").strip()) <= set("-: ")
    header = lines[:2] if has_separator else lines[:1]
    body = lines[len(header):]
    parts: list[str] = []
    current: list[str] = []
    for row in body:
        if current and sum(len(r) for r in header + current + [row]) > max_chars:
            parts.append("\n".join(header + current))
            current = []
        current.append(row)
    if current or not parts:
        parts.append("\n".join(header + current))
    return parts


class _Section:
    """Collects the text of one section and cuts it into chunk texts."""

    def __init__(self, heading: str, line: int, target_chars: int = TARGET_CHARS, max_chars: int = MAX_CHARS) -> None:
        self.heading = heading
        self.line = line
        self.target_chars = target_chars
        self.max_chars = max_chars
        self.pieces: list[tuple[str, str, int]] = []  # (kind, text, line)

    def add(self, block: Block) -> None:
        if block.kind == "table":
            self.pieces.extend(("table", part, block.line) for part in table_parts(block, self.max_chars))
        else:
            self.pieces.extend(("text", s, block.line) for s in sentences(block.text, self.target_chars))

    def texts(self) -> list[tuple[str, str, int]]:
        """(kind, text with the heading line, first line) of each chunk of the section."""
        return [(kind, self._with_heading(body), line) for kind, body, line in joined_fragments(self._bodies(), self.target_chars)]

    def _bodies(self) -> list[tuple[str, str, int, int]]:
        """(kind, body, first line, characters of table rows) of each chunk before fragments are joined."""
        out: list[tuple[str, str, int, int]] = []
        current: list[str] = []
        start = self.line
        for kind, text, line in self.pieces:
            if kind == "table":
                out.extend(self._flush(current, start))
                current = []
                out.append(("table", text, line, len(text)))
                continue
            if current and sum(map(len, current)) + len(text) > self.target_chars:
                out.extend(self._flush(current, start))
                current = []
            if not current:
                start = line
            current.append(text)
        out.extend(self._flush(current, start))
        return out

    def _with_heading(self, body: str) -> str:
        return f"{self.heading}\n{body}" if self.heading else body

    @staticmethod
    def _flush(current: list[str], line: int) -> list[tuple[str, str, int, int]]:
        return [("text", "\n".join(current), line, 0)] if current else []


def joined_fragments(bodies: list[tuple[str, str, int, int]], target_chars: int) -> list[tuple[str, str, int]]:
    """Neighbouring pieces of one section joined while they fit the target: a page often cuts a table
    into a fragment per row or cell with a line of text between (“年度资金总额 |”), and each fragment
    alone would be a chunk that says nothing. A joined chunk is a table when most of it is table rows."""
    joined: list[list] = []  # [body, first line, characters of table rows]
    for _, body, line, table_chars in bodies:
        if joined and len(joined[-1][0]) + len(body) < target_chars:
            joined[-1][0] += "\n" + body
            joined[-1][2] += table_chars
        else:
            joined.append([body, line, table_chars])
    return [("table" if 2 * table_chars > len(body) else "text", body, line) for body, line, table_chars in joined]


def chunk_document(document: Document, target_chars: int = TARGET_CHARS, max_chars: int = MAX_CHARS) -> list[Chunk]:
    _, header_end = source_header(document)  # a gatherer's notes about the page, not the report's text
    body = "\n".join(document.lines[header_end:])
    doc_type = report_type(body)
    doc_year = fiscal_year(body) or 0
    doc_department = department(body) or named_unit(body)
    whole_title = document_title(body)
    tracker = SectionTracker()
    sections: list[tuple[list[str], str, _Section]] = []
    current: _Section | None = None

    def open_section(path: list[str], title: str, heading: str, line: int) -> _Section:
        sections.append((path, title, section := _Section(heading, line, target_chars, max_chars)))
        return section

    leaf = _LeafHeadings(open_section)
    for block in mark_headings(document):
        if block.line <= header_end:
            continue
        if block.kind == "heading":
            leaf.next_heading(tracker.level_and_title(block)[0], current, tracker)
            tracker.visit(block)
            current = None
            title = tracker.stack[-1].title if tracker.stack else ""
            rest = block.text.strip()[len(title):].lstrip("。.:： ")
            if not rest:
                leaf.heading(block, tracker.stack[-1].level)
                continue
            block = replace(block, kind="paragraph", text=rest)  # “（一）标题。正文…”: keep the body
        if block.kind == "paragraph" and is_furniture(block.text):
            continue
        if current is None and names_the_report(tracker, block):
            tracker.stack[0] = replace(tracker.stack[0], title=f"{tracker.stack[0].title} {block.text.strip()}")
            continue
        if current is None:
            heading = tracker.stack[-1].title if tracker.stack else ""
            current = _Section(heading, block.line, target_chars, max_chars)
            sections.append((tracker.path, tracker.title, current))
        current.add(block)
        leaf.body()
    leaf.next_heading(0, current, tracker)
    chunks: list[Chunk] = []
    for path, title, section in sections:
        section_type = report_type(title) if title else doc_type
        section_type = doc_type if section_type == "unknown" else section_type
        joined = " > ".join(path)
        headings = path[1:] if title and path and path[0] == title else path
        named = title if title and searchable(title) not in searchable(whole_title) else whole_title
        for kind, text, line in section.texts():
            chunks.append(
                Chunk(chunk_id(document.source, joined, text), text, document.source, joined, section_type,
                      doc_year, doc_department, len(chunks), line, kind, classify(headings, text), named)
            )
    return list({c.id: c for c in chunks}.values())


class _LeafHeadings:
    """Lines taken for headings that head nothing: items of a numbered list written one per line
    (“2.承担区内国、省、县(乡)道公路…的事务工作。” between items 1 and 3). A heading that ends like a
    sentence, followed by its sibling or a higher heading with no body between, is such an item: its
    words go into the passage they stand after, in order, or, when it is the first item under a bare
    heading, into a passage of that heading's own — instead of living only in a heading path."""

    def __init__(self, open_section: Callable[[list[str], str, str, int], _Section]) -> None:
        self.open_section = open_section  # (path, report title, heading line, first line) → a new section
        self.pending: list[tuple[Block, int]] = []  # headings without a body yet, with their levels
        self.before: _Section | None = None  # the section the pending headings follow

    def heading(self, block: Block, level: int) -> None:
        self.pending.append((block, level))

    def body(self) -> None:
        self.pending = []

    def next_heading(self, level: int, current: _Section | None, tracker: SectionTracker) -> None:
        """A heading at `level` (0: the end of the document) follows; `current` is the open section and
        `tracker` still stands on the last heading."""
        if current is not None:  # a body came since the last heading
            self.before = current
            return
        if not self.pending or self.before is None:
            return
        block, leaf_level = self.pending[-1]
        if leaf_level == 0 or (level and level > leaf_level) or not block.text.rstrip().endswith(SENTENCE_ENDS):
            return  # a report title, a heading whose children follow, or a title (a table of contents)
        if len(self.pending) > 1:  # the first item under a bare heading: a passage under that heading
            parent = tracker.stack[-2].title if len(tracker.stack) > 1 else ""
            self.before = self.open_section(tracker.path[:-1], tracker.title, parent, block.line)
        self.before.add(replace(block, kind="paragraph"))
        self.pending = []


def names_the_report(tracker: SectionTracker, block: Block) -> bool:
    """A bracketed line right under a report title names its project (“（大数据运行经费项目）”): one
    page often carries several reports under the same title, told apart only by that line."""
    only_title = len(tracker.stack) == 1 and tracker.stack[0].level == 0
    return only_title and block.kind == "paragraph" and bool(SUBTITLE.match(block.text))


def context(metadata: dict) -> str:
    """Where a passage stands, in words: its report's title, its unit and the heading path.
    Searched with the passage (a passage rarely repeats its unit's name or its report's title)."""
    title, section = metadata.get("document_title") or "", metadata.get("section") or ""
    parts = ([] if section.startswith(title) else [title]) + [metadata.get("department") or "", section]
    return " ".join(p for p in parts if p)
