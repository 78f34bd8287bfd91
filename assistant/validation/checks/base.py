"""The shape of a check, and helpers every arithmetic check shares."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from assistant.intervals import Interval, around
from assistant.numbers import MONEY_SCALE, Number
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding

CLAUSE_BREAK = re.compile(r"[,，;；:：、。()（）\s]")


class Check(ABC):
    """One rule type: `check()` finds its findings, `describe()` says in Chinese what it verifies."""

    kind: str = ""

    @abstractmethod
    def describe(self) -> str: ...

    @abstractmethod
    def check(self, ctx: Context) -> list[Finding]: ...


def compatible(a: Number, b: Number) -> bool:
    """Money goes with money in any unit; anything else only with its own unit."""
    if a.is_money and b.is_money:
        return True
    return a.unit == b.unit and a.unit not in ("%", "‰", "百分点")


def scale(number: Number, to: Number) -> float:
    return MONEY_SCALE[number.unit] / MONEY_SCALE[to.unit] if number.is_money and to.is_money else 1.0


def interval_in(number: Number, to: Number) -> Interval:
    """The number's rounding interval expressed in `to`'s unit."""
    factor = scale(number, to)
    raw = around(number.value, number.decimals)
    return Interval(raw.lo * factor, raw.hi * factor)


def before(sentence: Sentence, number: Number, chars: int = 8) -> str:
    """The folded text just before a number."""
    return sentence.folded[max(0, number.start - chars) : number.start]


def after(sentence: Sentence, number: Number, chars: int = 8) -> str:
    return sentence.folded[number.end : number.end + chars]


def clause_start(sentence: Sentence, position: int) -> int:
    """Start of the clause containing `position` (after the last comma, colon or semicolon)."""
    text = sentence.text[:position]
    cut = max(text.rfind(c) for c in ",，;；:：、。")
    return cut + 1


def label_before(sentence: Sentence, number: Number, chars: int = 14) -> str:
    """The words naming a figure: the text between the previous clause break and the number."""
    window = sentence.text[max(0, number.start - chars) : number.start]
    pieces = CLAUSE_BREAK.split(window)
    return pieces[-1] if pieces else ""


def fmt(value: float, decimals: int, unit: str = "") -> str:
    return f"{value:.{max(decimals, 0)}f}{unit}"


def plain(number: Number) -> str:
    return f"{number.value:.{number.decimals}f}"


def ctx_claims(ctx: Context) -> None:
    """Count one numeric relation examined (the report's `claims`)."""
    ctx.claims += 1


def is_usable(number: Number) -> bool:
    return not number.bound and not number.approx
