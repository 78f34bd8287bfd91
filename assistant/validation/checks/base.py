"""The shape of a check and what every check shares: the review context, operands, quotes.

A check is data plus one small class: its id, kind, Chinese description and pass/fail examples
live in `assistant/rules/checks.yaml`; the class turns relations into `Claim`s (or, for table and
wording checks, findings) and `judge.verdict` decides each claim's severity.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import yaml

from assistant.numbers import MONEY_SCALE, Number
from assistant.rules import RULES_DIR, RuleSet
from assistant.validation.judge import Claim, Operand
from assistant.validation.model import Finding, Location
from assistant.validation.statements import Statements
from assistant.validation.statements.facts import GARBLED, Fact
from assistant.validation.text import Sentence
from retrieval.documents import Document

QUOTE_LIMIT = 200  # characters of a quote, at most
COUNT_MAGNITUDE = re.compile(r"[万亿千百](?![元])")  # “17.11万人次”: a count printed in ten-thousands


@dataclass
class ReviewContext:
    document: Document
    sentences: list[Sentence]
    statements: Statements
    rules: RuleSet
    year: int | None
    tables: list = field(default_factory=list)  # each table's rows of cells (statements.tables.table_cells)
    cache: dict = field(default_factory=dict)

    def location(self, sentence: Sentence, position: int) -> Location:
        return Location(sentence.section, sentence.line_at(position))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict]:
    """Every check's id → kind, description and examples (checks.yaml)."""
    return yaml.safe_load((RULES_DIR / "checks.yaml").read_text(encoding="utf-8"))["checks"]


class Check(ABC):
    """One rule type. `id` is stable: findings carry it and rule sets can turn it off."""

    id: str = ""

    @property
    def kind(self) -> str:
        return catalogue()[self.id]["kind"]

    def describe(self) -> str:
        return catalogue()[self.id]["description"]

    @abstractmethod
    def run(self, ctx: ReviewContext) -> Iterable[Claim | Finding]: ...


def scale(number: Number, to: Number) -> float:
    """Factor that converts `number` into `to`'s unit (元 ↔ 万元 ↔ 亿元), 1 for anything else."""
    return MONEY_SCALE[number.unit] / MONEY_SCALE[to.unit] if number.is_money and to.is_money else 1.0


def operand(fact: Fact, to: Number | None = None, decimals: int | None = None) -> Operand:
    return Operand(fact.number, scale(fact.number, to) if to is not None else 1.0, decimals)


def plain(fact: Fact) -> str:
    """A figure as it stands in a formula: its printed digits, with its unit when not the formula's."""
    return fact.sentence.quote(fact.number.start, fact.number.end).replace(" ", "")


def digits(fact: Fact) -> str:
    number = fact.number
    return f"{number.value:.{max(number.decimals, 0)}f}"


def term(fact: Fact, formula_unit: Number) -> str:
    """A figure in a shown formula: its digits in the formula's unit, else as printed with its unit
    (“7843.92 ÷ (12.99亿元 − 7843.92)”, “17.11万人次”), so mixed units read right."""
    number = fact.number
    if number.unit == formula_unit.unit and not COUNT_MAGNITUDE.search(number.text):
        return digits(fact)
    return plain(fact)


def quote_of(facts: list[Fact], stated: Fact) -> str:
    """The report's words from the first figure involved to the stated one, within one sentence."""
    sentence = stated.sentence
    here = [f for f in facts if f.sentence is sentence] + [stated]
    start = min(f.number.start - len(f.label) for f in here)
    end = max(f.number.end for f in here)
    if end - start > QUOTE_LIMIT:
        start = max(0, stated.number.start - len(stated.label))
        end = stated.number.end
    return sentence.quote(max(start, 0), end, limit=QUOTE_LIMIT)


def location_of(ctx: ReviewContext, fact: Fact) -> Location:
    return ctx.location(fact.sentence, fact.number.start)


TABLE_DOUBT = "数字取自表格，版式可能错位"
GARBLED_FIGURE = "数字前有乱码，可能缺位"


def claim(ctx: ReviewContext, check: Check, name: str, stated: Fact, inputs: list[Operand], formula, shown: str,
          involved: list[Fact], unit: str = "", ambiguous: str = "", signs: tuple[int, ...] = (), doubt: str = "") -> Claim:
    doubt = TABLE_DOUBT if any("table" in f.tags for f in [stated, *involved]) else doubt
    if any(GARBLED in f.tags for f in [stated, *involved]):
        ambiguous = ambiguous or GARBLED_FIGURE
    prose = [f for f in [stated, *involved] if "table" not in f.tags]
    anchor = stated if "table" not in stated.tags or not prose else prose[-1]
    return Claim(check.id, check.kind, name, replace(stated.number, text=stated.text), tuple(inputs), formula, shown,
                 quote_of([f for f in involved if f.sentence is anchor.sentence], anchor), location_of(ctx, anchor),
                 unit, ambiguous, signs, doubt, tuple(n for n in stated.sentence.numbers if n.is_money))


def summed(operands: list[Operand]) -> tuple[int, ...]:
    """Signs for a plain sum: increasing in every part."""
    return (1,) * len(operands)
