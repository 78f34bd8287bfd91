"""Changes: the rate against the amount and the figure compared, the amount against the two
figures, the direction the words give, and “持平” against figures that differ."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from assistant.numbers import COUNT_UNITS
from assistant.validation.checks.base import (
    QUOTE_LIMIT,
    Check,
    ReviewContext,
    claim,
    digits,
    location_of,
    operand,
    quote_of,
    term,
)
from assistant.validation.checks.identities import identity_claim, stated_identities
from assistant.validation.checks.sums import list_operands, widened
from assistant.validation.judge import Checked, Claim, verdict
from assistant.validation.model import Finding
from assistant.validation.statements.binding import compatible, names_match
from assistant.validation.statements.change_lists import OPTIONAL_DOUBT
from assistant.validation.statements.changes import comparable, self_contained
from assistant.validation.statements.facts import name_of
from assistant.validation.statements.lists import FOLLOWS_CHANGE
from assistant.validation.statements.relations import Change, ChangeList
from assistant.validation.statements.vocabulary import vocabulary

BASE_WORDS = {"上年": "上年数", "预算": "预算数"}
QUOTE_LEAD, QUOTE_TAIL = 30, 12  # characters around the comparison words shown with a direction finding


def sign(change: Change) -> int:
    return 1 if change.direction == "up" else -1


class GrowthRate(Check):
    """B% = A ÷ 上年数 (上年数 = 本年数 ∓ A), or (本年数 − 上年数) ÷ 上年数 when 上年数 is stated."""

    id = "growth.rate"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for change in ctx.statements.changes:
            alone = self_contained(change)
            if not (change.base or alone) or change.rate is None or change.rate.number.bound or not comparable(change):
                continue
            made = self.from_prior(ctx, change) if change.prior else self.from_amount(ctx, change, "" if alone else change.ambiguous)
            if made is None:
                continue
            yield unit_slip_in_change(ctx, change, made) if verdict(made) is not None else made

    def from_amount(self, ctx: ReviewContext, change: Change, ambiguous: str) -> Claim | None:
        current, amount, rate = change.current, change.amount, change.rate
        if current is None or amount is None or not compatible(current.number, amount.number):
            return None
        s, unit = sign(change), current.number
        shown = f"{term(amount, unit)} ÷ ({term(current, unit)} {'−' if s > 0 else '+'} {term(amount, unit)})"
        return claim(ctx, self, "增减率", rate, [operand(current), operand(amount, current.number)],
                     lambda c, a: a / (c - s * a) * 100, shown, [current, amount], "%", ambiguous, doubt=change.doubt)

    def from_prior(self, ctx: ReviewContext, change: Change) -> Claim | None:
        current, prior, rate = change.current, change.prior, change.rate
        if current is not None and compatible(current.number, prior.number):
            unit = current.number
            shown = f"|{term(current, unit)} − {term(prior, unit)}| ÷ {term(prior, unit)}"
            return claim(ctx, self, "增减率", rate, [operand(current), operand(prior, current.number)],
                         lambda c, p: abs(c - p) / p * 100, shown, [current, prior], "%", change.ambiguous, doubt=change.doubt)
        if change.amount is not None and compatible(change.amount.number, prior.number):
            unit = change.amount.number
            shown = f"{term(change.amount, unit)} ÷ {term(prior, unit)}"
            return claim(ctx, self, "增减率", rate, [operand(change.amount), operand(prior, change.amount.number)],
                         lambda a, p: a / p * 100, shown, [prior, change.amount], "%", change.ambiguous,
                         doubt=change.doubt)
        return None


def unit_slip_in_change(ctx: ReviewContext, change: Change, made: Claim) -> Finding | Claim:
    """A figure printed in 元 beside 万元 figures: read as 万元, it either makes the change hold (“为89410万元，
    比上年的131870.68元减少32.20%”: the unit is wrong) or the change fails either way, and the 万元 reading is
    the one worth showing (“总支出1135.8万元,比上年增加64.23元,增长5.7%”: 5.99%, not 0.00%)."""
    for fact in (change.prior, change.amount):
        if fact is None or fact.number.unit != "元" or change.current is None or change.current.number.unit != "万元":
            continue
        fixed = tuple(replace(op, factor=1.0) if op.number is fact.number else op for op in made.inputs)
        as_wan = replace(made, inputs=fixed)
        if verdict(as_wan) is not None:
            return as_wan
        message = f"“{fact.text}”的单位应为万元：按万元计，{made.name}正好是{made.stated.text}"
        return Finding("unit", "error", message, quote_of([change.current, fact], fact), fact.text,
                       f"{digits(fact)}万元", location_of(ctx, fact), "unit.part-in-yuan")
    return made


class GrowthAmount(Check):
    """A = |本年数 − 上年数| when both are stated beside the amount."""

    id = "growth.amount"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for change in ctx.statements.changes:
            current, prior, amount = change.current, change.prior, change.amount
            if not change.base or None in (current, prior, amount) or not comparable(change):
                continue
            if current.number.unit != prior.number.unit and "元" in (current.number.unit, prior.number.unit):
                continue  # “基本支出252.5元,较上年231.5万元”: a unit slip (unit.yuan-among-wan says so), not a change
            shown = f"|{digits(current)} − {digits(prior)}|"
            yield claim(ctx, self, "增减额", amount, [operand(current, amount.number), operand(prior, amount.number)],
                        lambda c, p: abs(c - p), shown, [current, prior], amount.number.unit, change.ambiguous,
                        doubt=change.doubt)


class GrowthDirection(Check):
    """“增加” when the figure fell, “减少” when it rose, “持平” when it changed."""

    id = "growth.direction"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for change in ctx.statements.changes:
            if change.amount is not None and change.rate is not None and change.base:
                yield Checked(self.amount_against_rate(ctx, change))
            current, prior = change.current, change.prior
            if not change.base or current is None or prior is None or not comparable(change) or change.ambiguous or change.doubt:
                continue
            if current.number.unit != prior.number.unit and "元" in (current.number.unit, prior.number.unit):
                continue  # 元 beside 万元: a unit slip (growth.rate says so), not a direction
            now, before = operand(current).interval(), operand(prior, current.number).interval()
            moved = "up" if now.lo > before.hi else "down" if now.hi < before.lo else "flat"
            said = change.direction
            if said == moved or (moved == "flat" and said != "flat"):
                yield Checked(None)
                continue
            words = {"up": "增加", "down": "减少", "flat": "持平"}
            tabled = "table" in prior.tags or "table" in current.tags
            message = (f"文中说{words[said]}，而本年数{current.text}、{BASE_WORDS[change.base]}{prior.text}"
                       f"{'（取自表格）' if tabled else ''}表明应为{words[moved]}")
            sentence = change.anchor_sentence
            quote = sentence.quote(max(0, change.anchor_start - QUOTE_LEAD), change.anchor_end + QUOTE_TAIL)
            yield Checked(Finding(self.kind, "warning" if tabled else "error", message, quote, words[said],
                                  words[moved], ctx.location(sentence, change.anchor_start), self.id))


    def amount_against_rate(self, ctx: ReviewContext, change: Change) -> Finding | None:
        """“较上年减0.04万元，增0.01%”: the amount and the rate of one change move opposite ways."""
        amount, rate = change.amount, change.rate
        if amount.direction == rate.direction or not amount.number.value or not rate.number.value \
                or not (amount.number.is_money or amount.number.unit in COUNT_UNITS):
            return None  # “增长2.2%，增幅下降16.3个百分点” speaks of the growth rate itself
        if amount.number.negative or rate.number.negative or rate.sentence is not amount.sentence \
                or rate.clause - amount.clause not in (0, 1) or name_of(vocabulary().direction.sub("", rate.label))[0]:
            return None  # a sign printed as well as a word (“下降-10%”), or a rate that names its own subject
        words = {"up": "增加", "down": "减少"}
        message = f"同一项变动，增减额说{words[amount.direction]}{amount.text}，增减率却说{words[rate.direction]}{rate.text}"
        quote = quote_of([amount], rate)
        return Finding(self.kind, "error", message, quote, words[rate.direction], words[amount.direction],
                       location_of(ctx, rate), self.id)


class ChangesOfParts(Check):
    """The change of a total equals the sum of its parts' changes (“三公”经费减少A，其中：公务用车
    减少B，公务接待费减少C ⇒ A = B + C), for each base the total is compared with."""

    id = "sum.changes"

    def run(self, ctx: ReviewContext) -> Iterable[Claim | Checked]:
        changes = ctx.statements.changes
        judged: set[int] = set()
        for b in ctx.statements.breakdowns:
            if b.total is None or b.completeness != "complete":
                continue
            for whole in changes_of(changes, b.total):
                if whole.amount is None or not whole.base:
                    continue
                parts = [next(iter(changes_of(changes, p, whole.base)), None) for p in b.parts]
                if any(c is None or (c.amount is None and c.direction != "flat") for c in parts):
                    continue
                moved = [c for c in parts if c.amount is not None]
                if moved:
                    judged.add(id(whole))
                    yield self.claim_for(ctx, whole, moved, (b.ambiguous if b.ambiguous != FOLLOWS_CHANGE else ""))
        for listed in ctx.statements.change_lists:
            if id(listed.total) not in judged:
                judged.add(id(listed.total))
                yield from self.listed(ctx, listed)
        yield from self.of_identities(ctx, judged)

    def of_identities(self, ctx: ReviewContext, judged: set[int]) -> Iterable[Claim]:
        """A standard total and its parts stated apart (“三公”经费3825万元 and, section by section,
        出国99万元, 接待1014万元, 用车2712万元), once their figures add up: the parts' changes against
        the total's base make up its change."""
        changes = ctx.statements.changes
        for readings in stated_identities(ctx):
            for stated in readings:
                if verdict(identity_claim(ctx, self, stated)) is not None:
                    continue
                for whole in changes_of(changes, stated.whole):
                    if whole.amount is None or not whole.base or id(whole) in judged:
                        continue
                    parts = [next(iter(changes_of(changes, p, whole.base)), None) for p in stated.parts]
                    if any(c is not None and c.subject and not names_match(c.subject, p.name)
                           for c, p in zip(parts, stated.parts, strict=True)):
                        continue  # “公务用车购置…无增减变化” is not the change of 公务用车购置及运行费
                    moved = [c for c in parts if c is not None and c.amount is not None]
                    if moved and all(c is not None and (c.amount is not None or c.direction == "flat") for c in parts):
                        judged.add(id(whole))
                        made = self.claim_for(ctx, whole, moved, "")
                        if stated.unstated and within_parts(made, whole):
                            made = replace(made, doubt=OPTIONAL_DOUBT.format(names="、".join(stated.unstated)))
                        yield made

    def listed(self, ctx: ReviewContext, listed: ChangeList) -> Iterable[Claim | Checked]:
        """The changes listed after a total's: their sum, or (parts left out being 0 this year, so
        they can only have fallen) at least the total's change."""
        moved = [c for c in listed.parts if c.amount is not None]
        if not moved:
            return
        made = self.claim_for(ctx, listed.total, moved, "", listed.doubt)
        if listed.bound and within_parts(made, listed.total):
            yield Checked(None)  # the parts left out may have fallen by the difference
            return
        yield replace(made, quote=list_quote(listed) or made.quote)

    def claim_for(self, ctx: ReviewContext, whole: Change, moved: list[Change], ambiguous: str, doubt: str = "") -> Claim:
        total_sign = 1 if whole.direction == "up" else -1
        signs = [(1 if c.direction == "up" else -1) * total_sign for c in moved]
        amounts = [c.amount for c in moved]
        shown = " ".join(f"{'+' if s > 0 else '−'} {digits(a)}" for s, a in zip(signs, amounts, strict=True))
        stated = widened(whole.amount, [whole.amount.number] + [a.number for a in amounts])
        named = f"合计的{'增加' if total_sign > 0 else '减少'}额（按各分项增减额计）"  # a negative result: the other direction
        made = claim(ctx, self, named, stated, list_operands(whole.amount, amounts),
                     lambda *xs: sum(s * x for s, x in zip(signs, xs, strict=True)), shown.removeprefix("+ "),
                     [whole.amount], whole.amount.number.unit, ambiguous or whole.ambiguous, tuple(signs), doubt or whole.doubt)
        return replace(made, doubt=made.doubt or doubt)


def within_parts(made: Claim, whole: Change) -> bool:
    """Whether the total's change is at most its parts' (r819: 54.12 against 90.02 + 26.52). A part left
    out that is 0 this year can only have fallen: it may explain a shortfall, never an excess."""
    point = made.formula(*[op.value for op in made.inputs])
    return made.stated.value <= point if whole.direction == "up" else made.stated.value >= point


def changes_of(changes: list[Change], fact, base: str = "") -> list[Change]:
    """The changes stated of this figure (against `base` when given; an unstated base inherits it)."""
    return [c for c in changes if c.current is fact and (not base or c.base in (base, ""))]


def list_quote(listed: ChangeList) -> str:
    """From the total's change to the last listed part's, when that is short enough to quote whole."""
    first, last = listed.total.amount, listed.parts[-1].amount or listed.total.amount
    text = first.sentence.source.text
    start, end = first.sentence.offset(first.number.start), last.sentence.offset(last.number.end - 1) + 1
    if not 0 < end - start <= QUOTE_LIMIT:
        return ""
    return text[start:end].replace("\n", "").strip()
