"""The one way a finding is made: a stated figure, the printed figures it follows from, a formula.

Two readings of rounding decide the severity (DOMAIN.md §6, issue 9):
- **as printed**: every input is an interval of ± half a unit in its last printed digit (XBRL
  Calculations 1.1). When no rounding of the inputs can give the stated figure, the claim is wrong:
  an `error`, or a `note` when it misses by one unit in the stated figure's last digit.
- **as exact**: figures printed as whole numbers, amounts in 元 and counts of things are usually
  exact, and a percentage should follow from the amounts the reader sees (“减少0.28万元，下降15%”
  against a budget of 1.8万元 gives 15.56%, whatever the unprinted digits). When the claim holds only
  because such inputs are read as rounded, it is a `warning` that gives both readings (“若100万元、
  95万元为准确数，执行率应为95.00%”). A sum of amounts printed with decimals is not read so: parts
  rounded to the cent often miss their total by one unit (尾数), which is no finding.

A claim whose reading of the sentence is ambiguous never becomes an error: at most a note. So is a
percentage that misses its own inputs but follows exactly from two other amounts of its sentence
(“…增加12.10万元，增长3.18%” where 3.18% is another item's growth): the sentence has a second reading,
and the binding, not the report, may be what is wrong.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.intervals import Interval, around
from assistant.numbers import MONEY_SCALE, Number
from assistant.validation.model import Finding, Location

ONE_UNIT = 1 + 1e-6  # a miss of at most one unit in the last printed digit (float slack)


@dataclass(frozen=True)
class Operand:
    """A printed figure as a formula sees it: its value in the formula's unit and its precision."""

    number: Number
    factor: float = 1.0  # converts the printed value into the formula's unit (元 → 万元 …)
    decimals: int | None = None  # a finer precision the list it stands in implies, if any

    @property
    def value(self) -> float:
        return self.number.value * self.factor

    def interval(self) -> Interval:
        raw = around(self.number.value, self.number.decimals if self.decimals is None else self.decimals)
        return Interval(raw.lo * self.factor, raw.hi * self.factor)

    @property
    def reads_exact(self) -> bool:
        """Whole numbers, 元 amounts and counts are exact as printed; 万元 with decimals is rounded."""
        n = self.number
        if n.is_percent or n.unit == "百分点" or n.decimals < 0:  # “17.11万人次” is rounded to the hundred
            return False
        return n.decimals == 0 or n.unit == "元" or not n.is_money


@dataclass(frozen=True)
class Claim:
    """A figure the report states and how it should follow from other printed figures."""

    check: str  # the stable id of the check that makes the claim
    kind: str  # the finding kind reviewers see (sum, share, growth, rate …)
    name: str  # what the stated figure is, in Chinese (“增长率”, “预算执行率”, “合计”)
    stated: Number
    inputs: tuple[Operand, ...]
    formula: Callable[..., float]
    shown: str  # the formula with the printed inputs, e.g. “11.08 ÷ (74.13 + 11.08)”
    quote: str
    location: Location
    unit: str = ""  # unit of the expected figure as printed in the message
    ambiguous: str = ""  # why the reading is uncertain; non-empty caps the severity at note
    signs: tuple[int, ...] = ()  # +1/−1 per input when the formula is monotone in each (sums of many parts)
    doubt: str = ""  # why an input is less certain than prose (read from a flattened table): at most a warning
    neighbours: tuple[Number, ...] = ()  # the other amounts of the stated figure's sentence (another reading)


@dataclass(frozen=True)
class Checked:
    """A claim a check judged itself (tables, wording): its finding, or None when it holds."""

    finding: Finding | None


MAX_CORNER_INPUTS = 8  # 2^8 evaluations; formulas with more inputs must say how they are monotone


def corners(formula: Callable[..., float], intervals: list[Interval], signs: tuple[int, ...] = ()) -> Interval | None:
    """The formula's range over its inputs' intervals: from the two extreme corners when the formula
    is monotone in each input with known `signs`, else over every corner (exact for the monotone
    formulas used here: sums, differences, ratios away from zero)."""
    if signs:
        low = [i.lo if s > 0 else i.hi for i, s in zip(intervals, signs, strict=True)]
        high = [i.hi if s > 0 else i.lo for i, s in zip(intervals, signs, strict=True)]
        try:
            return Interval(*sorted((formula(*low), formula(*high))))
        except ZeroDivisionError:
            return None
    if len(intervals) > MAX_CORNER_INPUTS:
        raise ValueError("a formula of many inputs needs its monotone signs")
    values = []
    for corner in itertools.product(*[(i.lo, i.hi) for i in intervals]):
        try:
            values.append(formula(*corner))
        except ZeroDivisionError:
            return None
    return Interval(min(values), max(values))


def shown_value(value: float, decimals: int, unit: str) -> str:
    return f"{value:.{max(decimals, 0)}f}{unit}"


def expected_decimals(claim: Claim) -> int:
    if claim.stated.is_percent:
        return max(claim.stated.decimals, 2)
    return max([claim.stated.decimals] + [op.number.decimals for op in claim.inputs if op.number.is_money == claim.stated.is_money])


def verdict(claim: Claim) -> Finding | None:
    """The finding a claim deserves, or None when it holds under either reading."""
    try:
        point = claim.formula(*[op.value for op in claim.inputs])
    except ZeroDivisionError:
        return None
    stated = around(claim.stated.value, claim.stated.decimals)
    unit = 10 ** (-claim.stated.decimals)
    printed = corners(claim.formula, [op.interval() for op in claim.inputs], claim.signs)
    if printed is None:
        return None
    decimals = expected_decimals(claim)
    expected = shown_value(point, decimals, claim.unit)
    if not printed.overlaps(stated):
        severity = "note" if one_unit_tail(point, claim.stated) else "error"
        other = other_reading(claim, stated)
        if other and not claim.ambiguous:
            claim = replace(claim, ambiguous=f"同句中{other}也得出{claim.stated.text}，可能另有所指")
        if claim.ambiguous:
            severity = "note"
        elif claim.doubt and severity == "error":
            severity = "warning"
        tail = "（仅末位相差一个单位，可能是尾数误差）" if severity == "note" and not claim.ambiguous else ""
        slipped = None if tail else slipped_unit(claim, printed, stated)
        if slipped:
            other_unit = MONEY_LADDER[MONEY_LADDER.index(claim.unit) + slipped]
            expected = shown_value(point / LADDER_STEP ** slipped, decimals, other_unit)
            tail = f"（按{other_unit}计正好相符，疑为单位写错）"
        why = f"（{claim.ambiguous}，仅供核对）" if claim.ambiguous else f"（{claim.doubt}，请核对）" if claim.doubt else ""
        message = f"{claim.name}与计算结果不符：{claim.shown} = {expected}，文中写作{claim.stated.text}{tail}{why}"
        return make_finding(claim, severity, message, expected)
    exact = [op for op in claim.inputs if op.reads_exact or (claim.stated.is_percent and (op.number.is_money or op.number.decimals < 0))]
    if not exact:
        return None
    fixed = [Interval(op.value, op.value) if op in exact else op.interval() for op in claim.inputs]
    exact_range = corners(claim.formula, fixed, claim.signs)
    if exact_range is None or exact_range.overlaps(stated):
        return None
    if other_reading(claim, stated, exact=True):
        return None
    names = "、".join(op.number.text for op in exact)
    message = (f"若{names}为准确数，{claim.name}应为{claim.shown} = {expected}，文中写作{claim.stated.text}；"
               f"只有把这些数字看作四舍五入后的近似数才能成立")
    tail = rounded_money_tail(claim, point, unit)
    return make_finding(claim, "note" if claim.ambiguous or tail else "warning", message, expected)


def one_unit_tail(point: float, stated) -> bool:
    """The figure, rounded as printed, ends one unit away from the printed one (2.667 → 2.7, printed 2.8):
    a 尾数 miss."""
    unit = 10 ** (-stated.decimals)
    return abs(round(point / unit) * unit - stated.value) <= unit * ONE_UNIT


MONEY_LADDER = ("元", "万元", "亿元")  # each 10 000 times the one before
LADDER_STEP = 10000


def slipped_unit(claim: Claim, printed: Interval, stated: Interval) -> int | None:
    """“|259 − 139| = 120万元，文中写作120元”: the steps up (1) or down (−1) the money ladder in which
    the stated figure fits, so the slip is the unit (“万” left out), not the digits; None when it
    fits in neither. A result that may be 0 has no scale, so no unit can be wrong."""
    if claim.unit not in MONEY_LADDER or not claim.stated.is_money or printed.lo <= 0 <= printed.hi:
        return None
    at = MONEY_LADDER.index(claim.unit)
    for step in (1, -1):
        if 0 <= at + step < len(MONEY_LADDER):
            factor = LADDER_STEP ** step
            if printed.overlaps(Interval(stated.lo * factor, stated.hi * factor)):
                return step
    return None


OTHER_READINGS: tuple[tuple[str, Callable[[float, float], float]], ...] = (
    ("{a} ÷ {b}", lambda a, b: a / b * 100),
    ("({a} − {b}) ÷ {b}", lambda a, b: (a - b) / b * 100),
    ("{a} ÷ ({b} − {a})", lambda a, b: a / (b - a) * 100),
)
MIN_OTHER_READING_DECIMALS = 1  # a whole percentage follows from too many pairs by chance


def other_reading(claim: Claim, stated: Interval, exact: bool = False) -> str:
    """Two amounts of the sentence, other than the claim's own inputs, that give the stated percentage
    as a ratio or a growth (as printed, or `exact` from the printed digits), or "" when none do."""
    if not claim.stated.is_percent or claim.stated.decimals < MIN_OTHER_READING_DECIMALS:
        return ""
    own = {round(op.number.wan, 6) for op in claim.inputs if op.number.is_money}
    own_digits = {op.number.value for op in claim.inputs if op.number.is_money}  # the same figures in another unit
    amounts = [n for n in claim.neighbours if n.value > 0]
    for a, b in itertools.permutations(amounts, 2):
        if {round(a.wan, 6), round(b.wan, 6)} <= own or {a.value, b.value} <= own_digits:
            continue
        bounds = [Interval(a.wan, a.wan), Interval(b.wan, b.wan)] if exact else [in_wan(a).interval(), in_wan(b).interval()]
        for shown, formula in OTHER_READINGS:
            reach = corners(formula, bounds)
            if reach is not None and reach.lo > 0 and reach.overlaps(stated):
                return shown.format(a=a.text.replace(" ", ""), b=b.text.replace(" ", ""))
    return ""


def in_wan(amount: Number) -> Operand:
    return Operand(amount, MONEY_SCALE[amount.unit])


def rounded_money_tail(claim: Claim, point: float, unit: float) -> bool:
    """An amount in 万元 or 亿元 one unit off the sum of whole ones (1423 − 1941 + 2252 = 1734, printed
    1735万元): such figures are rounded from 元, and a one-unit 尾数 is no more than a note."""
    stated = claim.stated
    return (stated.is_money and stated.unit != "元" and abs(point - stated.value) <= unit * ONE_UNIT
            and all(op.number.is_money and op.number.unit != "元" for op in claim.inputs))


def make_finding(claim: Claim, severity: str, message: str, expected: str) -> Finding:
    return Finding(claim.kind, severity, message, claim.quote, claim.stated.text, expected, claim.location, claim.check)
