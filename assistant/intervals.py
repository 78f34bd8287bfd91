"""Rounding-aware arithmetic: every printed number is an interval of ± half a unit in its last digit.

Identities are judged the way XBRL Calculations 1.1 (and Arelle) judge rounded facts: a
stated figure disagrees with its computation only when the two intervals cannot overlap. A miss
of at most one unit in the stated figure's last digit is a note, a larger one an error.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi + EPS and other.lo <= self.hi + EPS


def around(value: float, decimals: int) -> Interval:
    half = 0.5 * 10 ** (-decimals)
    return Interval(value - half, value + half)


def total(intervals: list[Interval]) -> Interval:
    out = Interval(0.0, 0.0)
    for interval in intervals:
        out = out + interval
    return out


def evaluate(fn: Callable[..., float], *args: Interval) -> Interval | None:
    """fn over the corners of its argument intervals: exact for functions monotone in each argument
    (sums, differences, ratios away from zero), which is every formula DOMAIN.md uses."""
    values = []
    for corner in itertools.product(*[(a.lo, a.hi) for a in args]):
        try:
            values.append(fn(*corner))
        except ZeroDivisionError:
            return None
    return Interval(min(values), max(values))


def severity(computed: Interval, point: float, stated: float, decimals: int) -> str | None:
    """None when consistent within rounding; 'note' for a one-unit miss; 'error' beyond that."""
    if computed.overlaps(around(stated, decimals)):
        return None
    unit = 10 ** (-decimals)
    return "note" if abs(point - stated) <= unit * (1 + 1e-6) else "error"
