"""Shares of a whole, rates against their inputs, “完成预算X%” against the words that describe it,
and remainders. A rate with several possible denominators (年初预算 and 调整后预算) holds when any
reading holds; otherwise the nearest reading is reported."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.intervals import Interval, around
from assistant.validation.checks.base import (
    Check,
    ReviewContext,
    claim,
    digits,
    location_of,
    operand,
    plain,
    quote_of,
    scale,
)
from assistant.validation.judge import Checked, Claim, one_unit_tail, verdict
from assistant.validation.model import Finding
from assistant.validation.statements.binding import compatible
from assistant.validation.statements.facts import Fact

RELATION_WORDS = {"equal": "决算数与预算数持平", "less": "决算数小于预算数", "more": "决算数大于预算数"}


def first_failing(claims: list[Claim]) -> Claim | Checked | None:
    """Of several readings of one claim: a pass when any holds, else the first (nearest) reading;
    None when there is no reading at all."""
    if not claims:
        return None
    return Checked(None) if any(verdict(c) is None for c in claims) else claims[0]


def ratio_claim(ctx: ReviewContext, check: Check, name: str, rate: Fact, top: Fact, bottom: Fact, ambiguous: str,
                doubt: str = "") -> Claim:
    shown = f"{digits(top)} ÷ {digits(bottom)}"
    return claim(ctx, check, name, rate, [operand(top, bottom.number), operand(bottom)],
                 lambda a, b: a / b * 100, shown, [bottom, top], "%", ambiguous, doubt=doubt)


class ShareOfWhole(Check):
    id = "share.of-whole"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for share in ctx.statements.shares:
            wholes = [w for w in [share.whole, *share.candidates] if w is not None and w.number.value
                      and compatible(w.number, share.part.number)]
            readings = [ratio_claim(ctx, self, "占比", share.rate, share.part, w, share.ambiguous) for w in wholes]
            if share.siblings and sum(p.number.value for p in share.siblings):
                readings.append(self.of_siblings(ctx, share))
            found = first_failing(readings)
            if found is not None:
                yield found


    def of_siblings(self, ctx: ReviewContext, share) -> Claim:
        """The share against the sum of its list's parts."""
        unit = share.part.number
        operands = [operand(share.part, unit)] + [operand(p, unit) for p in share.siblings]
        shown = f"{digits(share.part)} ÷ ({' + '.join(digits(p) for p in share.siblings)})"
        return claim(ctx, self, "占比", share.rate, operands, lambda part, *xs: part / sum(xs) * 100, shown,
                     [share.part], "%", share.ambiguous, (1,) + (-1,) * len(share.siblings))


class SharesAgree(Check):
    """Shares of one whole must point at one whole: part ÷ share is the same for every part. This
    holds whether or not the whole is printed (“1.4万元占0.02%，0.28万元占0.95%” cannot both be)."""

    id = "share.consistent"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        groups: dict[str, list] = {}
        for share in ctx.statements.shares:
            if share.part.number.value and share.rate.number.value and not share.rate.number.bound:
                groups.setdefault(share.group, []).append(share)
        for members in groups.values():
            if len(members) < 2 or not all(compatible(m.part.number, members[0].part.number) for m in members):
                continue
            if any(m.whole is not None for m in members):
                continue  # a stated whole: each share is judged against it (share.of-whole)
            unit = members[0].part.number
            wholes = [implied_whole(m, unit) for m in members]
            point = max((w.lo for w in wholes), key=lambda x: sum(w.lo - 1e-12 <= x <= w.hi + 1e-12 for w in wholes))
            agreeing = [m for m, w in zip(members, wholes, strict=True) if w.lo - 1e-12 <= point <= w.hi + 1e-12]
            outliers = [m for m in members if m not in agreeing]
            if not outliers:
                yield Checked(None)
                continue
            agreed = common(wholes, members, agreeing)
            for share in outliers if len(agreeing) >= 2 else outliers[-1:]:
                yield Checked(self.finding(ctx, share, agreeing[0], agreed, unit))

    def finding(self, ctx: ReviewContext, share, ref, whole: Interval, unit) -> Finding | None:
        """The outlier against the whole the others agree on: a one-unit miss is a 尾数 note."""
        factor = scale(share.part.number, unit)
        part = around(share.part.number.value, share.part.number.decimals)
        expected = Interval(part.lo * factor / whole.hi * 100, part.hi * factor / whole.lo * 100)
        stated = around(share.rate.number.value, share.rate.number.decimals)
        if expected.overlaps(stated):
            return None
        point = share.part.number.value * factor / whole.mid * 100
        severity = "note" if one_unit_tail(point, share.rate.number) else "error"
        message = (f"同一合计下各分项的占比互相矛盾：按“{ref.part.title}{ref.part.text}占{ref.rate.text}”，合计约为"
                   f"{whole.mid:.2f}{unit.unit}，{share.part.title}{share.part.text}应占约{point:.2f}%，文中写作{share.rate.text}")
        return Finding(self.kind, severity, message, quote_of([share.part], share.rate), share.rate.text,
                       f"{point:.2f}%", location_of(ctx, share.rate), self.id)


def common(wholes: list[Interval], members: list, agreeing: list) -> Interval:
    """The whole every agreeing share allows: the intersection of their intervals."""
    chosen = [w for w, m in zip(wholes, members, strict=True) if m in agreeing]
    return Interval(max(w.lo for w in chosen), min(w.hi for w in chosen))


def implied_whole(share, unit) -> Interval:
    """The whole a part and its share imply, as an interval over both figures' rounding."""
    factor = scale(share.part.number, unit)
    part = around(share.part.number.value, share.part.number.decimals)
    rate = around(share.rate.number.value, share.rate.number.decimals)
    return Interval(part.lo * factor / rate.hi * 100, part.hi * factor / max(rate.lo, 1e-9) * 100)


class RateInputs(Check):
    id = "rate.inputs"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for ratio in ctx.statements.ratios:
            readings = [ratio_claim(ctx, self, ratio.name, ratio.rate, top, bottom, ratio.ambiguous, ratio.doubt)
                        for bottom in ratio.denominators if bottom.number.value
                        for top in ratio.numerators]
            if ratio.remainder is not None:
                readings.append(self.with_remainder(ctx, ratio))
            found = first_failing(readings)
            if found is not None:
                yield found


    def with_remainder(self, ctx: ReviewContext, ratio) -> Claim:
        final, left = ratio.numerators[0], ratio.remainder
        shown = f"{digits(final)} ÷ ({digits(final)} + {digits(left)})"
        return claim(ctx, self, ratio.name, ratio.rate, [operand(final), operand(left, final.number)],
                     lambda f, r: f / (f + r) * 100, shown, [final, left], "%", ratio.ambiguous)


class CompletionWordsCheck(Check):
    id = "rate.completion-words"

    def run(self, ctx: ReviewContext) -> Iterable[Claim | Checked]:
        for said in ctx.statements.completion_words:
            rate = said.rate
            if said.difference is not None and said.final is not None and said.relation != "equal":
                s = 1 if said.relation == "more" else -1
                final, diff = said.final, said.difference
                shown = f"{digits(final)} ÷ ({digits(final)} {'−' if s > 0 else '+'} {digits(diff)})"
                yield claim(ctx, self, "完成预算比例", rate, [operand(final), operand(diff, final.number)],
                            lambda f, d, s=s: f / (f - s * d) * 100, shown, [final, diff], "%")
                continue
            interval = around(rate.number.value, rate.number.decimals)
            holds = {"equal": interval.lo <= 100 <= interval.hi, "less": interval.lo < 100,
                     "more": interval.hi > 100}[said.relation]
            expected = {"equal": "100%", "less": "低于100%", "more": "高于100%"}[said.relation]
            message = f"完成预算{rate.text}与“{said.words}”矛盾"
            yield Checked(None if holds else Finding(self.kind, "error", message, quote_of([rate], rate), rate.text,
                                                     expected, location_of(ctx, rate), self.id))


class RemainderCheck(Check):
    id = "remainder.budget-spent"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for r in ctx.statements.remainders:
            spent = r.spent
            readings = []
            for budget in r.budgets:
                if not compatible(budget.number, spent.number):
                    continue
                shown = f"{digits(budget)} − {digits(spent)}"
                readings.append(claim(ctx, self, "结余", r.remainder, [operand(budget, r.remainder.number),
                                                                        operand(spent, r.remainder.number)],
                                      lambda b, s: b - s, shown, [budget, spent], r.remainder.number.unit, r.ambiguous))
            found = first_failing(readings)
            if found is not None:
                yield found


APPROPRIATION = "财政拨款"  # appropriations carry forward with no 结余分配 or 事业基金 of their own
UNSAID_FLOWS = "未写明结余分配、用事业基金弥补收支差额（若有，可解释差额）"


class CarryForwardCheck(Check):
    """年末结转和结余 = 年初结转和结余 + 本年收入 (+ 用事业基金弥补) − 本年支出 (− 结余分配), one sentence's figures."""

    id = "remainder.carry-forward"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for c in ctx.statements.carry_forwards:
            signed = [(c.opening, 1), (c.income, 1), (c.added, 1), (c.spending, -1), (c.taken, -1)]
            facts = [(f, sign) for f, sign in signed if f is not None]
            signs = tuple(sign for _, sign in facts)
            mixed = any(f.number.unit != c.closing.number.unit for f, _ in facts)
            figure = plain if mixed else digits  # “98.45万元 + … = 8600.00元” when units differ
            shown = figure(facts[0][0]) + "".join(f" {'+' if s > 0 else '−'} {figure(f)}" for f, s in facts[1:])
            unsaid = c.added is None and c.taken is None and APPROPRIATION not in c.fund
            yield claim(ctx, self, "年末结转和结余", c.closing, [operand(f, c.closing.number) for f, _ in facts],
                        lambda *xs, signs=signs: sum(x * s for x, s in zip(xs, signs, strict=True)), shown,
                        [f for f, _ in facts], c.closing.number.unit, signs=signs, doubt=UNSAID_FLOWS if unsaid else "")
