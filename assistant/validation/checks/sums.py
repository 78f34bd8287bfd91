"""A total against its parts, the shares of a list against 100%, and a part printed in 元 among
万元 that would make the list add up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from assistant.intervals import around, total
from assistant.numbers import Number
from assistant.validation.checks.base import (
    Check,
    ReviewContext,
    claim,
    digits,
    location_of,
    operand,
    quote_of,
    summed,
)
from assistant.validation.judge import Checked, Claim, Operand, verdict
from assistant.validation.model import Finding
from assistant.validation.statements.binding import compatible, function_class_of
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.lists import OVERLAPPING_COUNTS
from assistant.validation.statements.relations import Breakdown
from assistant.validation.statements.vocabulary import vocabulary

UNSURE_LIST = "文中未说明所列是否为全部分项"
PARTIAL_LIST = "所列可能只是部分分项"
MAGNITUDE = re.compile(r"[万亿千百]")
EXACT_MONEY_UNITS = ("元", "万元")  # units whose amounts reports print to the exact cent or hundred
MIN_LEVEL_REST = 2  # “资金”: the words a level names must be a quantity, not a stray character


def list_precision(numbers: list[Number]) -> int | None:
    """Reports drop trailing zeros (“印刷费5万元” beside “办公费6.32万元”): within one money list
    every figure in the total's unit is read to the finest precision the list prints. Amounts in 亿元
    are rounded whatever they print (“财政补助收入1.1亿元” beside “纯业务收入13.44亿元”): no zero was dropped."""
    if not all(n.is_money and n.unit in EXACT_MONEY_UNITS for n in numbers):
        return None
    finest = max(n.decimals for n in numbers)
    return finest if finest and any(n.decimals != finest for n in numbers) else None


def list_operands(total_fact: Fact, parts: list[Fact]) -> list[Operand]:
    """The parts as operands in the total's unit, read to the list's precision."""
    finest = list_precision([total_fact.number] + [p.number for p in parts])
    unit = total_fact.number
    return [operand(p, unit, finest if finest is not None and p.number.unit == unit.unit else None) for p in parts]


def widened(fact: Fact, numbers: list[Number]) -> Fact:
    finest = list_precision(numbers)
    if finest is None or fact.number.decimals == 0:
        return fact
    return replace(fact, number=replace(fact.number, decimals=finest))


def whole_count(number: Number) -> bool:
    """A count of things printed whole (“1辆”, “30个”, not “1.2万人”): there is no rounding to undo."""
    return not number.is_money and not number.is_percent and number.decimals == 0 and not MAGNITUDE.search(number.text)


def exceeds(part: Operand, whole: Number) -> bool:
    """One part larger than its whole however both are rounded: no overlap between parts and no
    part left out explains it (“共有公务用车0辆，其中：…载客汽车1辆”)."""
    if whole_count(part.number) and whole_count(whole):
        return part.value > whole.value
    return part.interval().lo > around(whole.value, whole.decimals).hi


def classes_apart(parts: list[Fact]) -> bool:
    """Parts named by 类 of the 支出功能分类: none holds another, so together they cannot exceed their
    total (“其中:一般公共服务支出预算65.61万元,文化旅游体育与传媒支出预算50.53万元,…”). A 类 named twice
    with two amounts (r150: a stray item equal to the total) cannot be right either way."""
    classes = [function_class_of(p.name) for p in parts]
    if None in classes:
        return False
    amounts: dict[str, set[float]] = {}
    for name, part in zip(classes, parts, strict=True):
        amounts.setdefault(name, set()).add(part.number.wan)
    return all(len(values) == classes.count(name) for name, values in amounts.items())


def levels_apart(parts: list[Fact]) -> bool:
    """Parts named by different levels of government and otherwise alike (“中央资金投入776.84万元,省级资金投入
    290.36万元,地方资金投入992.88万元”): each level's own funds, none holding another's."""
    levels = sorted(vocabulary().words("government_levels"), key=len, reverse=True)
    found = [next((w for w in levels if p.name.startswith(w)), None) for p in parts]
    if None in found or len(set(found)) < len(found):
        return False
    rests = {p.name[len(w):] for p, w in zip(parts, found, strict=True)}
    return len(rests) == 1 and len(next(iter(rests))) >= MIN_LEVEL_REST


ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.、]")


def numbered_apart(parts: list[Fact]) -> bool:
    """Parts each the first amount of an item numbered 1., 2., 3. … in order (“其中:\n1.财政拨款收入364.5594万元…
    \n2.事业收入50.7050万元…\n3.上年结转和结余14.9614万元…”): items the report counts off one by one, none
    inside another."""
    numbers = [ITEM_NUMBER.match(p.sentence.clean) for p in parts]
    if None in numbers or len({p.sentence.index for p in parts}) < len(parts):
        return False
    firsts = all(min(n.start for n in p.sentence.numbers if n.is_money) == p.number.start for p in parts)
    return firsts and [int(m.group(1)) for m in numbers] == list(range(1, len(parts) + 1))


def sole_figure(ctx: ReviewContext, b: Breakdown) -> bool:
    """The total is the only figure of its kind before the list: the list can break down nothing else."""
    first = b.parts[0].number.start if b.parts[0].sentence is b.total.sentence else None
    values = ctx.statements.document.by_index[b.total.sentence.index].values()
    before = [f for f in values if first is None or f.number.end <= first]
    return not b.alternates and all(f is b.total or not compatible(f.number, b.total.number) for f in before)


def sum_shown(b: Breakdown) -> str:
    unit = b.total.number.unit
    return " + ".join(digits(p) + ("" if p.number.unit == unit else p.number.unit) for p in b.parts)


class PartsOfTotal(Check):
    id = "sum.parts"

    def run(self, ctx: ReviewContext) -> Iterable[Claim | Finding]:
        for b in ctx.statements.breakdowns:
            if b.total is None or len(b.parts) < 2:
                continue
            made = self.claim_for(ctx, b)
            if made is None:
                continue
            if verdict(made) is not None and any(self.holds_for(ctx, b, other) for other in b.alternates):
                yield Checked(None)  # the parts add up to another figure the sentence states before them
                continue
            slip = unit_slip(ctx, b) if verdict(made) else None
            yield slip or made

    def holds_for(self, ctx: ReviewContext, b: Breakdown, other: Fact) -> bool:
        made = self.claim_for(ctx, replace(b, total=other))
        return made is not None and verdict(made) is None

    def claim_for(self, ctx: ReviewContext, b: Breakdown) -> Claim | None:
        operands = list_operands(b.total, b.parts)
        parts = total([op.interval() for op in operands])
        total_fact = widened(b.total, [b.total.number] + [p.number for p in b.parts])
        stated = around(total_fact.number.value, total_fact.number.decimals)
        apart = classes_apart(b.parts) or levels_apart(b.parts) or numbered_apart(b.parts)  # no part holds another
        certain = sole_figure(ctx, b) and (any(exceeds(op, b.total.number) for op in operands)
                                           or (apart and parts.lo > stated.hi))
        ambiguous = "" if certain and b.ambiguous == OVERLAPPING_COUNTS else b.ambiguous
        if parts.hi < stated.lo:  # the parts fall short of the total
            if b.completeness == "partial":
                return None
            if b.completeness == "unknown" and stated.lo - parts.hi > vocabulary().value("partial_list_share") * b.total.number.value:
                return None
        if b.completeness == "unknown" and not certain:
            ambiguous = ambiguous or UNSURE_LIST  # parts may overlap (“其中：财政性经费…，一般公共预算经费…”) or be partial
        elif b.completeness == "partial":
            ambiguous = ambiguous or PARTIAL_LIST
        name = f"{b.total.title or '合计'}（合计）"
        return claim(ctx, self, name, total_fact, operands, lambda *xs: sum(xs), sum_shown(b),
                     [b.total, *b.parts], b.total.number.unit, ambiguous, summed(operands))


def unit_slip(ctx: ReviewContext, b: Breakdown) -> Finding | None:
    """A part printed in 元 that, read as 万元, makes the list add up."""
    if b.total.number.unit != "万元":
        return None
    for part in b.parts:
        if part.number.unit != "元":
            continue
        intervals = [around(p.number.value, p.number.decimals) if p is part else
                     operand(p, b.total.number).interval() for p in b.parts]
        if total(intervals).overlaps(around(b.total.number.value, b.total.number.decimals)):
            message = f"“{part.text}”的单位应为万元：按万元计，各分项之和正好等于{b.total.text}"
            return Finding("unit", "error", message, quote_of([part], part), part.text,
                           f"{digits(part)}万元", location_of(ctx, part), "unit.part-in-yuan")
    return None


class SharesAddUp(Check):
    """The shares of a list's parts add to 100% (within rounding)."""

    id = "share.sum-100"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for b in ctx.statements.breakdowns:
            shares = [s for s in b.shares if s is not None]
            if b.total is None or len(shares) < 2 or len(shares) != len(b.parts) or b.completeness != "complete":
                continue
            hundred = Number(100.0, max(s.number.decimals for s in shares), "%", 0, 0, "100%")
            yield Claim(self.id, self.kind, "各分项占比之和", hundred, tuple(operand(s) for s in shares),
                        lambda *xs: sum(xs), " + ".join(digits(s) + "%" for s in shares),
                        quote_of(shares[:-1], shares[-1]), location_of(ctx, shares[-1]), "%", b.ambiguous,
                        (1,) * len(shares))
