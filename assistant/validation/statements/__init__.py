"""The statements layer: what a report states, as facts and the relations between them.

    sentences → clauses → facts (name, measure, period, role, value) → relations
    (breakdowns, changes, shares, ratios, completion words, remainders)

The validator's checks read relations only; the drafter and the chat read the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.validation.statements.annual import read_annual_growths
from assistant.validation.statements.carry_forward import read_carry_forwards
from assistant.validation.statements.change_lists import read_change_lists
from assistant.validation.statements.changes import read_changes
from assistant.validation.statements.document import ReadDocument, read_document
from assistant.validation.statements.lists import read_breakdowns
from assistant.validation.statements.point_gaps import read_point_gaps
from assistant.validation.statements.rates import (
    read_completion_words,
    read_ratios,
    read_remainders,
    read_shares,
)
from assistant.validation.statements.relations import (
    AnnualGrowth,
    Breakdown,
    CarryForward,
    Change,
    ChangeList,
    CompletionWords,
    PointGap,
    Ratio,
    Remainder,
    Share,
)
from assistant.validation.text import Sentence


@dataclass
class Statements:
    document: ReadDocument
    breakdowns: list[Breakdown]
    changes: list[Change]
    shares: list[Share]
    ratios: list[Ratio]
    completion_words: list[CompletionWords]
    remainders: list[Remainder]
    change_lists: list[ChangeList]
    annual_growths: list[AnnualGrowth]
    carry_forwards: list[CarryForward]
    point_gaps: list[PointGap]

    def relations(self) -> list:
        return [*self.breakdowns, *self.changes, *self.shares, *self.ratios, *self.completion_words, *self.remainders,
                *self.change_lists, *self.annual_growths, *self.carry_forwards, *self.point_gaps]


def read_statements(sentences: list[Sentence], year: int | None = None, tables: list | None = None) -> Statements:
    document = read_document(sentences, year, tables)
    breakdowns = read_breakdowns(document)
    changes = read_changes(document)
    return Statements(document, breakdowns, changes, read_shares(document, breakdowns), read_ratios(document),
                      read_completion_words(document), read_remainders(document),
                      read_change_lists(document, changes, breakdowns), read_annual_growths(document),
                      read_carry_forwards(document), read_point_gaps(document))
