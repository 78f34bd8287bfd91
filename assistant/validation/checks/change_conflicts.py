"""The same change stated twice differently: “2021年…“三公”经费决算数为1,115.07万元，比2020年减少166.4万元”
and, a paragraph later, “2021年县本级“三公”经费决算数比2020年增加43万元”.

Two changes against the same base speak of one quantity when they are changes of the same stated
figure (an error when they disagree), or when the later one's subject names the earlier one's
figure (a warning: a page may compare two scopes of one quantity, 全口径 and 财政拨款). A part's
change named after a total's (“支出预算较2025年增加2.48万元,主要是基本支出预算增加2.48万元”) is
against the total's base.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.validation.checks.base import Check, ReviewContext, location_of, quote_of, scale
from assistant.validation.checks.consistency import specific
from assistant.validation.judge import Checked, Operand
from assistant.validation.model import Finding
from assistant.validation.statements.binding import unowned
from assistant.validation.statements.changes import UNSTATED_BASE, names_fact
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Change
from assistant.validation.statements.vocabulary import vocabulary

WORDS = {"up": "增加", "down": "减少"}


def comparable(change: Change, base: str) -> bool:
    amount = change.amount
    return (base in ("上年", "预算") and amount is not None and amount.number.is_money
            and change.direction in WORDS and change.ambiguous in ("", UNSTATED_BASE) and not change.doubt and (base == change.base or change.subject))


def comparable_changes(ctx: ReviewContext) -> list[tuple[Change, str]]:
    """Every change that can be compared with another, with its base (its own or its total's), read
    once per report for the checks that compare changes."""
    if "comparable_changes" not in ctx.cache:
        by_sentence: dict[int, list[Change]] = {}
        for change in ctx.statements.changes:
            by_sentence.setdefault(id(change.anchor_sentence), []).append(change)
        based = [(c, explained_base(c, by_sentence[id(c.anchor_sentence)])) for c in ctx.statements.changes]
        ctx.cache["comparable_changes"] = [(c, base) for c, base in based if comparable(c, base)]
    return ctx.cache["comparable_changes"]


def explained_base(change: Change, sentence_changes: list[Change]) -> str:
    """The base of a change: its own, or for a part's change after a total's in the same sentence,
    behind words that open the parts' changes (主要是), the total's."""
    if change.base or change.ambiguous != UNSTATED_BASE:
        return change.base
    total = next((c for c in reversed(sentence_changes) if c.base and c.anchor_end <= change.anchor_start), None)
    if total is None:
        return ""
    between = change.anchor_sentence.clean[total.anchor_end:change.anchor_start]
    return total.base if vocabulary().change_list_marker.search(between) else ""


def same_quantity(earlier: Change, later: Change) -> str:
    """'same' (one stated figure), 'restated' (the figure stated again under its name), 'named' (one's
    subject names the other's figure) or ''."""
    if earlier.current is not None and earlier.current is later.current:
        return "same"
    if earlier.current is not None and later.current is not None and restated(earlier.current, later.current):
        return "restated"
    for stated, named in ((earlier, later), (later, earlier)):
        if stated.current is not None and named.current is None and named.subject and names_fact(stated.current, named.subject):
            return "named"
    return ""


def restated(a: Fact, b: Fact) -> bool:
    """The same figure printed again under the same specific name and measure (“财政拨款收入1205.11万元”
    in the summary and in the 财政拨款 section)."""
    return (a.number.unit == b.number.unit and a.number.value == b.number.value and a.measure == b.measure
            and a.period == b.period and specific(a) and unowned(a.name) == unowned(b.name))


def disagree(a: Change, b: Change) -> bool:
    if a.direction != b.direction:
        return True
    x, y = a.amount.number, b.amount.number
    return not Operand(x).interval().overlaps(Operand(y, scale(y, x)).interval())


class ChangeConflict(Check):
    id = "conflict.change"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        changes = comparable_changes(ctx)
        for i, (later, later_base) in enumerate(changes):
            for earlier, earlier_base in changes[:i]:
                if earlier_base != later_base or earlier.anchor_sentence is later.anchor_sentence \
                        or earlier.anchor_sentence.scope != later.anchor_sentence.scope \
                        or earlier.amount.period != later.amount.period:
                    continue  # “今年前5个月…比2008年同期减少” is not the year's “比2007年增加”
                sameness = same_quantity(earlier, later)
                if not sameness:
                    continue
                yield Checked(self.finding(ctx, earlier, later, later_base, sameness) if disagree(earlier, later) else None)
                break

    def finding(self, ctx: ReviewContext, earlier: Change, later: Change, base: str, sameness: str) -> Finding:
        a, b = earlier.amount, later.amount
        message = (f"同一项目较{base}的变动前后不一致：第{a.line}行为{WORDS[earlier.direction]}{a.text}，"
                   f"第{b.line}行为{WORDS[later.direction]}{b.text}")
        if sameness == "named":
            message += "（按名称认定为同一项目，请核对口径）"
        elif sameness == "restated":
            message += f"（两处同为“{later.current.name}”{later.current.text}）"
        severity = "error" if sameness == "same" else "warning"
        return Finding(self.kind, severity, message, quote_of([b], b), f"{WORDS[later.direction]}{b.text}",
                       f"{WORDS[earlier.direction]}{a.text}", location_of(ctx, b), self.id)
