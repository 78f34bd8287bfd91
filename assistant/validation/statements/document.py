"""A report's sentences with their clauses and facts, and the look-ups the readers share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from assistant.validation.statements.facts import Clause, Fact, clauses, read_facts
from assistant.validation.statements.periods import assign_periods, assign_stages
from assistant.validation.text import Sentence

LOOK_BACK_SENTENCES = 4  # how far back a relation may look for its subject in the same section
BUDGET_REPORT = re.compile(r"预算(?:公开|说明|情况说明)|部门预算|单位预算")
FINAL_REPORT = re.compile(r"决算|自评|绩效评价|执行情况")


@dataclass(eq=False)
class ReadSentence:
    sentence: Sentence
    clauses: list[Clause]
    facts: list[Fact]
    position: int = 0  # its place in the document's list of sentences
    cache: dict = field(default_factory=dict)  # look-ups the readers repeat within the sentence

    def values(self) -> list[Fact]:
        return self._values

    @cached_property
    def _values(self) -> list[Fact]:
        return [f for f in self.facts if f.is_value]

    @cached_property
    def _grouped(self) -> list[tuple[Fact, int]]:
        return [(f, self.group_of(f.number.start)) for f in self._values]

    def grouped_values(self) -> list[tuple[Fact, int]]:
        """Each value with its “；” group, in order."""
        return self._grouped

    @cached_property
    def _clause_ends(self) -> list[int]:
        return [c.end for c in self.clauses]

    def group_of(self, position: int) -> int:
        """The “；” group of the clause at (or after) a position."""
        index = bisect.bisect_right(self._clause_ends, position)
        index = min(index, len(self.clauses) - 1)
        if index and position < self.clauses[index].start and position < self.clauses[index - 1].end:
            index -= 1
        return self.clauses[index].group


@dataclass(eq=False)
class ReadDocument:
    items: list[ReadSentence]
    default_measure: str  # what a figure with no measure word is: final in 决算 and 自评, budget in 预算
    year: int | None = None
    table_facts: list[Fact] = field(default_factory=list)  # figures of money tables, by row and column
    by_index: dict[int, ReadSentence] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # look-ups the readers repeat (figures by name in a scope)

    def __post_init__(self) -> None:
        self.by_index = {item.sentence.index: item for item in self.items}
        self.scopes: dict[str, list[ReadSentence]] = {}
        self.openings: dict[int, ReadSentence] = {}
        for position, item in enumerate(self.items):
            item.position = position
            self.scopes.setdefault(item.sentence.scope, []).append(item)
            self.openings.setdefault(item.sentence.paragraph, item)

    def facts(self) -> Iterator[Fact]:
        for item in self.items:
            yield from item.facts

    def earlier(self, item: ReadSentence, limit: int = LOOK_BACK_SENTENCES) -> list[ReadSentence]:
        """Sentences before `item` in its section and report, nearest first."""
        out = []
        position = item.position
        for previous in reversed(self.items[max(0, position - limit) : position]):
            if previous.sentence.section != item.sentence.section or previous.sentence.scope != item.sentence.scope:
                break
            out.append(previous)
        return out

    def following(self, item: ReadSentence, limit: int) -> list[ReadSentence]:
        return self.items[item.position + 1 : item.position + 1 + limit]

    def opening(self, sentence: Sentence) -> ReadSentence:
        """The first sentence of the sentence's paragraph (where a title such as “(二)支出预算:” stands)."""
        return self.openings[sentence.paragraph]

    def in_scope(self, item: ReadSentence) -> list[ReadSentence]:
        return self.scopes[item.sentence.scope]


def default_measure(title_text: str) -> str:
    head = title_text[:400]
    return "budget" if BUDGET_REPORT.search(head) and not FINAL_REPORT.search(head) else "final"


def read_document(sentences: list[Sentence], year: int | None, tables: list[Fact] | None = None) -> ReadDocument:
    items = []
    for sentence in sentences:
        spans = clauses(sentence.clean, sentence.numbers)
        items.append(ReadSentence(sentence, spans, read_facts(sentence, spans)))
    assign_periods(items)
    assign_stages(items)
    head = "".join(s.clean for s in sentences[:6])
    return ReadDocument(items, default_measure(head), year, tables or [])
