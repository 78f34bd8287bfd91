"""The report as the statements parser reads it: paragraphs rebuilt from wrapped lines, cut into
sentences of clean text (`retrieval.normalize.clean`) that remember where each character stood.

PDF text and some web pages break a sentence over several lines (“分为基本支出预算和项目支\\n出预算”);
a line that does not end a sentence joins the next prose line. Every sentence keeps its section,
its report scope (one page can hold several reports) and a map back to the document's offsets, so
a finding quotes the report's own characters and names the line its figure stands on.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.numbers import Number, parse_numbers
from retrieval.documents import Document
from retrieval.normalize import clean, fold
from retrieval.structure import SectionTracker, mark_headings

MAX_SENTENCE_CHARS = 1500  # real sentences are far shorter; longer runs are cut at a comma or semicolon
MIN_WRAPPED_LINE = 12  # a shorter line that does not end a sentence is a table cell, not wrapped prose
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
LINE_END_WORDS = "。！？!?；;：:|"
PROSE_LEAD_CHARS = 60  # a table line opening with this much punctuated prose is a paragraph with its table on its line
PROSE_LEAD = re.compile(r"[。，,；;][^|]*\d|\d[^|]*[。，,；;]")


@dataclass(eq=False)
class Sentence:
    clean: str  # folded, simplified, glosses and letter spacing removed: what patterns match
    origin: tuple[int, ...]  # clean index → offset in the document text (one extra for the end)
    source: DocumentText
    section: str
    scope: str  # the report title in force: figures are compared within one report
    paragraph: int
    index: int  # position among all sentences
    numbers: list[Number] = field(default_factory=list)

    def offset(self, position: int) -> int:
        return self.origin[min(position, len(self.origin) - 1)]

    def quote(self, start: int = 0, end: int | None = None, limit: int = 200) -> str:
        """The report's own characters between two clean offsets (line breaks removed)."""
        end = min(len(self.clean), len(self.clean) if end is None else end)
        start = max(0, start, end - limit)
        if end <= start:
            return ""
        text = self.source.text[self.offset(start) : self.origin[end - 1] + 1]
        return text.replace("\n", "").strip()

    def line_at(self, position: int) -> int:
        return self.source.line_of(self.offset(position))

    @property
    def line(self) -> int:
        return self.line_at(0)


@dataclass
class DocumentText:
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)


ENDS_WITH_FIGURE = re.compile(r"\d\s*(?:万元|亿元|元|%|人|个|辆|件|次|项)\s*$")
WRAP_SHARE = 0.7  # a wrapped line fills most of the page width: at least this share of the longest lines


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return not stripped or stripped[-1] in LINE_END_WORDS or bool(ENDS_WITH_FIGURE.search(fold(stripped)))


SOFT_ENDS = "；;"  # a PDF breaks a line after “%;” or “万元,” as readily as anywhere
FULL_LINE_SHARE = 0.9  # a line this close to the wrap width ran to the page's edge
# List numbering, level by level as reports nest it: 一、 > (一) > 1、 > (1) > ① (“1.5万元” numbers nothing)
NUMBERING_LEVELS = (r"[一二三四五六七八九十]{1,2}\s*、", r"[(（]\s*[一二三四五六七八九十]{1,2}\s*[)）]",
                    r"\d{1,2}\s*(?:、|\.(?!\d))", r"[(（]\s*\d{1,2}\s*[)）]", r"[①②③④⑤⑥⑦⑧⑨⑩]")
LIST_NUMBERING = re.compile(r"^\s*(?:" + "|".join(NUMBERING_LEVELS) + r"|[●•◆■▲□○◇★])")  # an item of a list, one per line


LEVEL_OPENINGS = [re.compile(r"^\s*" + level) for level in NUMBERING_LEVELS]
LEVEL_ITEMS = [re.compile(r"(?:^|[\s，,；;:：。其中])" + level) for level in NUMBERING_LEVELS]


def climbs_out(previous: str, line: str) -> bool:
    """A line opening an item of a shallower level than the items of the line before (“其中1、…,2、…,”
    then “(二)年末结转和结余…”) starts its own paragraph, whatever the line before ended with."""
    rank = next((r for r, level in enumerate(LEVEL_OPENINGS) if level.match(line)), None)
    return rank is not None and any(level.search(previous) for level in LEVEL_ITEMS[rank + 1 :])


UNIT_OPENING = re.compile(r"^\s*(?:万元|亿元|元|%|％)")


def unit_cut_off(previous: str, line: str) -> bool:
    """“其中:基本支出252.5” then “元,较上年…”: a figure's unit carried to the next line, however short the first."""
    return previous.rstrip()[-1:].isdigit() and bool(UNIT_OPENING.match(line))


def wraps_on(previous: str, line: str, width: int) -> bool:
    """A line that ran to the page's edge ending on “;”, a figure or inside a bracket (“…45000万元(其中:”)
    goes on in the next line, unless that line opens a numbered item (a list one item per line)."""
    stripped = previous.rstrip()
    folded = fold(stripped)
    soft = stripped[-1:] in SOFT_ENDS or bool(ENDS_WITH_FIGURE.search(folded)) or folded.count("(") > folded.count(")")
    return soft and len(stripped) >= FULL_LINE_SHARE * width and not LIST_NUMBERING.match(line)


def wrap_width(lines: list[str]) -> int:
    """The width prose lines wrap at: the 90th percentile of non-empty line lengths."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def prose_end(line: str) -> int | None:
    """Where the prose ends on a line that opens with a paragraph and goes on with a table flattened
    onto the same line (web pages: “…下降92.21%。 具体收入项目情况如下: …执行情况表 | 预算科目 | …”)."""
    lead = line.split("|", 1)[0]
    return len(lead) if len(lead.strip()) >= PROSE_LEAD_CHARS and PROSE_LEAD.search(lead) else None


def paragraphs(document: Document, blocks: list | None = None) -> list[tuple[list[int], str, str, int | None]]:
    """(line numbers, section path, scope, end column) of each prose paragraph, wrapped lines joined; the
    end column cuts a paragraph's only line where a table flattened onto it begins. `blocks` are the
    document's blocks with headings marked, when already read."""
    tracker = SectionTracker()
    out: list[tuple[list[int], str, str, int | None]] = []
    open_lines: list[int] = []
    lines = document.lines
    width = wrap_width(lines)
    wrapped = max(MIN_WRAPPED_LINE, int(width * WRAP_SHARE))
    for block in blocks if blocks is not None else mark_headings(document):
        tracker.visit(block)
        if block.kind != "paragraph":
            open_lines = []
            lead = prose_end(lines[block.line - 1]) if block.kind == "table" else None
            if block.kind == "heading" or lead:
                out.append(([block.line], " > ".join(tracker.path), tracker.scope, lead))
            continue
        previous = lines[open_lines[-1] - 1] if open_lines else ""
        line = lines[block.line - 1]
        joins = (open_lines and block.line == open_lines[-1] + 1
                 and (len(previous.strip()) >= wrapped or unit_cut_off(previous, line))
                 and (not ends_sentence(previous) or wraps_on(previous, line, width)) and not climbs_out(previous, line))
        if joins:
            open_lines.append(block.line)
            out[-1] = (open_lines, out[-1][1], out[-1][2], None)
        else:
            open_lines = [block.line]
            out.append((open_lines, " > ".join(tracker.path), tracker.scope, None))
    return out


def line_sections(document: Document, blocks: list | None = None) -> dict[int, tuple[str, str]]:
    """Line number → (section path, report scope), tables included."""
    tracker = SectionTracker()
    out: dict[int, tuple[str, str]] = {}
    for block in blocks if blocks is not None else mark_headings(document):
        tracker.visit(block)
        for line in range(block.line, block.end_line + 1):
            out[line] = (" > ".join(tracker.path), tracker.scope)
    return out


def sentences(document: Document, blocks: list | None = None) -> list[Sentence]:
    source = DocumentText(document.text)
    lines = document.lines
    out: list[Sentence] = []
    for number, (line_numbers, section, scope, lead) in enumerate(paragraphs(document, blocks)):
        start = source.line_starts[line_numbers[0] - 1]
        end = source.line_starts[line_numbers[-1] - 1] + (lead or len(lines[line_numbers[-1] - 1]))
        raw = document.text[start:end]
        text = clean(raw.replace("\n", "\u200b"))
        for piece_start, piece_end in split_sentences(text.text):
            clean_text = text.text[piece_start:piece_end].replace("\u200b", "")
            kept = [i for i in range(piece_start, piece_end) if text.text[i] != "\u200b"]
            origin = tuple(start + text.origin[i] for i in kept) + (start + text.origin[piece_end - 1] + 1,)
            if clean_text.strip():
                out.append(Sentence(clean_text, origin, source, section, scope, number, len(out),
                                    parse_numbers(clean_text)))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, cut after 。！？; a run longer than MAX_SENTENCE_CHARS (a 2 MB
    line with no full stop) is cut at its last comma or semicolon so work per sentence stays bounded."""
    pieces: list[tuple[int, int]] = []
    offset = 0
    for part in SENTENCE_END.split(text):
        start = 0
        while start < len(part):
            end = min(len(part), start + MAX_SENTENCE_CHARS)
            if end < len(part):
                cut = max(part.rfind(c, start, end) for c in "；;，,")
                end = cut + 1 if cut > start else end
            pieces.append((offset + start, offset + end))
            start = end
        offset += len(part)
    return pieces
