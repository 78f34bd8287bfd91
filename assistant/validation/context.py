"""What every check reads: the document cut into sentences, each with its figures and location."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.numbers import Number, parse_numbers
from assistant.rules import RuleSet
from assistant.validation.model import Finding, Location
from retrieval.documents import Document
from retrieval.normalize import fold
from retrieval.structure import SectionTracker, fiscal_year, mark_headings

MAX_LINE_CHARS = 20000  # a 2 MB single line is read in windows of this size


@dataclass
class Sentence:
    text: str
    line: int
    offset: int  # where the sentence starts in its line
    section: str
    scope: str  # the report title in force: figures are compared within one report
    index_in_line: int
    numbers: list[Number] = field(default_factory=list)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def quote(self, start: int = 0, end: int | None = None, limit: int = 160) -> str:
        """The exact characters of the sentence between two offsets, trimmed to `limit`."""
        end = len(self.text) if end is None else end
        start = max(0, min(start, end - limit))
        return self.text[start:end].strip()

    def location(self) -> Location:
        return Location(self.section, self.line)


@dataclass
class Context:
    document: Document
    rules: RuleSet
    sentences: list[Sentence]
    heading_lines: set[int]
    year: int | None
    claims: int = 0

    def finding(self, kind: str, severity: str, message: str, sentence: Sentence, quote: str,
                stated: str, expected: str) -> Finding:
        return Finding(kind, severity, message, quote, stated, expected, sentence.location())

    def line_sentences(self, line: int) -> list[Sentence]:
        return [s for s in self.sentences if s.line == line]

    @cached_property
    def line_numbers(self) -> list[int]:
        """Lines that hold sentences, in order."""
        return sorted(self.by_line)

    def lines_after(self, line: int, count: int) -> list[int]:
        start = bisect.bisect_right(self.line_numbers, line)
        return self.line_numbers[start : start + count]

    def line_before(self, line: int) -> int:
        index = bisect.bisect_left(self.line_numbers, line)
        return self.line_numbers[index - 1] if index else 0

    @cached_property
    def by_line(self) -> dict[int, list[Sentence]]:
        out: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            out.setdefault(sentence.line, []).append(sentence)
        return out


_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def split_sentences(line: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a line, cut after 。！？ and at most MAX_LINE_CHARS long."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for part in _SENTENCE_END.split(line):
        for start in range(0, len(part), MAX_LINE_CHARS):
            chunk = part[start : start + MAX_LINE_CHARS]
            if chunk.strip():
                pieces.append((offset + start, chunk))
        offset += len(part)
    return pieces


def build_context(document: Document, rules: RuleSet) -> Context:
    tracker = SectionTracker()
    sentences: list[Sentence] = []
    headings: set[int] = set()
    for block in mark_headings(document):
        tracker.visit(block)
        if block.kind == "heading":
            headings.add(block.line)
        if block.kind == "table":
            continue
        section = " > ".join(tracker.path)
        for index, (offset, text) in enumerate(split_sentences(block.text)):
            sentences.append(
                Sentence(text, block.line, offset, section, tracker.scope, index, parse_numbers(text))
            )
    return Context(document, rules, sentences, headings, fiscal_year(document.text))
