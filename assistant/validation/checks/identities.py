"""Standard identities (identities.yaml) between figures stated in different sentences: 基本支出 =
人员经费 + 公用经费, “三公”经费 = 出国 + 公务用车 + 接待, 收入总计 = 本年收入 + 年初结转和结余 …

It holds when any figure stated under the total's name equals the sum of the nearest figures
stated under the parts' names. Figures in different sections may belong to different funds
(本年支出 against 财政拨款支出), so a miss across sections is at most a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.validation.checks.base import Check, ReviewContext, claim, digits, operand
from assistant.validation.checks.consistency import entity_of
from assistant.validation.checks.rates import first_failing
from assistant.validation.judge import Checked, Claim
from assistant.validation.statements.binding import identities, part_matches, term_matches
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.lists import TOTAL_PARAGRAPHS_AWAY
from assistant.validation.statements.relations import Change
from assistant.validation.statements.vocabulary import vocabulary

ACROSS_SECTIONS = "合计与分项分处不同章节，口径可能不同"
CHANGE_MATCH = 1e-6  # the parts' changes must add to the total's as printed


def free(part: Fact, identity: dict) -> bool:
    """A part already listed under another total is that total's, not this identity's."""
    if not part.qualified:
        return True
    owner = part.qualified.rsplit("/", 1)[0]
    return term_matches(owner, identity["total"])


def nearest(candidates: list[Fact], to: Fact) -> Fact:
    """The part of the total's own level first (“地方一般公共预算收入” takes “地方级税收收入”, not the
    “全区税收收入” beside it), then the nearest."""
    owner = entity_of(to.name)
    return min(candidates, key=lambda f: (entity_of(f.name) != owner, abs(f.sentence.index - to.sentence.index)))


@dataclass(frozen=True)
class StatedIdentity:
    """A standard identity's total with the nearest figures stated under its parts' names."""

    whole: Fact
    parts: list[Fact]
    across: bool  # some part stands in another section than the total
    unstated: tuple[str, ...] = ()  # optional parts the report never states (0 this year, perhaps not last year)


def stated_identities(ctx: ReviewContext) -> list[list[StatedIdentity]]:
    """Per scope and identity, every reading of it (one per figure under the total's name), read
    once per report for the identity check and the check of the parts' changes."""
    if "stated_identities" not in ctx.cache:
        default = ctx.statements.document.default_measure
        listed = {id(b.total) for b in ctx.statements.breakdowns  # a list paragraphs away leaves the identity to judge
                  if b.ambiguous != TOTAL_PARAGRAPHS_AWAY}
        rebased = vocabulary().pattern("other_basis_words")
        facts = [f for f in ctx.statements.document.facts() if f.is_value and f.own_name and not f.prior
                 and (f.measure or default) == default and not (ctx.year and f.year and f.year < ctx.year)
                 and not rebased.search(f.sentence.clean[: f.number.start])]  # “剔除以上两项因素,…运行维护费为266.73万元”
        scopes: dict[str, list[Fact]] = {}
        for fact in facts:
            scopes.setdefault(fact.sentence.scope, []).append(fact)
        found = [readings_of(ctx, scoped, identity, listed) for scoped in scopes.values() for identity in identities()]
        ctx.cache["stated_identities"] = [readings for readings in found if readings]
    return ctx.cache["stated_identities"]


def readings_of(ctx: ReviewContext, facts: list[Fact], identity: dict, listed: set[int]) -> list[StatedIdentity]:
    totals = [f for f in facts if term_matches(f.name, identity["total"]) and id(f) not in listed and not f.qualified]
    part_sets = [[f for f in facts if part_matches(f.name, aliases) and free(f, identity)] for aliases in identity["parts"]]
    if not totals or not all(part_sets):
        return []
    optional = [[f for f in facts if part_matches(f.name, aliases) and free(f, identity)]
                for aliases in identity.get("optional", [])]
    readings = []
    for whole in totals:
        others = [[f for f in candidates if f is not whole] for candidates in part_sets + [o for o in optional if o]]
        if not all(others[: len(part_sets)]):
            continue  # “公务用车购置及运行维护支出” ends like its part 运行维护支出: it is no part of itself
        parts = [nearest(candidates, whole) for candidates in others if candidates]
        if any(p.sentence is whole.sentence for p in parts):
            continue
        across = any(p.sentence.section != whole.sentence.section for p in parts)
        unstated = tuple(aliases[0] for aliases, found in zip(identity.get("optional", []), optional, strict=True) if not found)
        readings.append(StatedIdentity(whole, parts, across and not changes_add_up(ctx, whole, parts), unstated))
    return readings


def identity_claim(ctx: ReviewContext, check: Check, stated: StatedIdentity) -> Claim:
    """The total against the sum of the parts stated apart."""
    whole, parts = stated.whole, stated.parts
    shown = " + ".join(f"{p.name}{digits(p)}" for p in parts)
    return claim(ctx, check, f"“{whole.name}”与{'、'.join(p.name for p in parts)}之和", whole,
                 [operand(p, whole.number) for p in parts], lambda *xs: sum(xs), shown,
                 [whole], whole.number.unit, ACROSS_SECTIONS if stated.across else "", (1,) * len(parts))


class Identities(Check):
    id = "sum.identity"

    def run(self, ctx: ReviewContext) -> Iterable[Claim | Checked]:
        for readings in stated_identities(ctx):
            yield first_failing([identity_claim(ctx, self, r) for r in readings])


def changes_add_up(ctx: ReviewContext, whole: Fact, parts: list[Fact]) -> bool:
    """Whether the changes stated of the parts against last year add up to the total's (“地方财政收入
    较上年减收3422万元” and 税收收入 −2118, 非税收入 −1304), which shows they are its parts."""
    def change_of(fact: Fact) -> Change | None:
        found = [c for c in ctx.statements.changes if c.current is fact and c.base == "上年" and c.amount is not None
                 and not c.amount.number.is_percent and not c.ambiguous and not c.doubt]
        return found[0] if len(found) == 1 else None

    total_change, part_changes = change_of(whole), [change_of(p) for p in parts]
    if total_change is None or None in part_changes:
        return False
    signed = [(1 if c.direction == "up" else -1, c.amount) for c in part_changes]
    point = sum(s * operand(a, total_change.amount.number).value for s, a in signed)
    stated = (1 if total_change.direction == "up" else -1) * total_change.amount.number.value
    return abs(point - stated) <= CHANGE_MATCH * max(abs(stated), 1e-9) and stated != 0
