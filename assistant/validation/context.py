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

MAX_SENTENCE_CHARS = 1500  # real sentences are far shorter; longer runs are cut at a comma or semicolon


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

    @cached_property
    def _next_number(self) -> dict[int, Number]:
        return {id(a): b for a, b in zip(self.numbers, self.numbers[1:], strict=False)}

    def following(self, number: Number) -> Number | None:
        """The figure printed right after `number` in this sentence."""
        return self._next_number.get(id(number))

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
    cache: dict = field(default_factory=dict)

    def finding(self, kind: str, severity: str, message: str, sentence: Sentence, quote: str,
                stated: str, expected: str) -> Finding:
        return Finding(kind, severity, message, quote, stated, expected, sentence.location())

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
    """(offset, sentence) pieces of a line, cut after 。！？; a piece longer than MAX_SENTENCE_CHARS
    (a 2 MB line with no full stop) is cut at its last comma or semicolon, so work per sentence
    stays bounded."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for part in _SENTENCE_END.split(line):
        start = 0
        while start < len(part):
            end = min(len(part), start + MAX_SENTENCE_CHARS)
            if end < len(part):
                cut = max(part.rfind(c, start, end) for c in "；;，,")
                end = cut + 1 if cut > start else end
            if part[start:end].strip():
                pieces.append((offset + start, part[start:end]))
            start = end
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
