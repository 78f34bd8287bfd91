"""A budget's income and spending are one change: “(一)收入预算:2026年年初预算数225.12万元…收入较去年
减少90.8万元” and “(二)支出预算:2026年年初预算数225.12万元…支出较去年增加323.95万元”.

A department's budget balances by law (收入总计 = 支出总计, this year and last; so do its 一般公共预算
拨款 and the spending it pays for), so when a report states the two sides of a balanced pair
(statements.yaml `balanced_totals`) as one figure, their changes against last year must be one change too. Which of the two is wrong the text cannot say; the spending side, stated
second, is where the finding stands. A warning: the report may have named 本年收入 without 上年结转.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.validation.checks.base import Check, ReviewContext, location_of, quote_of
from assistant.validation.checks.change_conflicts import WORDS, comparable_changes, disagree
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.binding import term_matches
from assistant.validation.statements.change_lists import words_before
from assistant.validation.statements.document import ReadDocument
from assistant.validation.statements.facts import BUDGET_MEASURES, Fact
from assistant.validation.statements.relations import Change
from assistant.validation.statements.vocabulary import vocabulary

SIDES = ("income", "spending")


def whole_of(doc: ReadDocument, change: Change) -> tuple[int, str, Fact] | None:
    """(pair, side, this year's figure) when the change is of one side of a balanced pair: its own
    figure, or the figure that opens its paragraph (“(二)支出预算:2026年年初预算数…”)."""
    if change.current is not None:
        name, figure = change.current.name, change.current
    else:
        name, figure = words_before(doc, change), opening_figure(doc, change)
    if figure is None or not figure.number.is_money:
        return None
    for pair, sides in enumerate(vocabulary().data["balanced_totals"]["pairs"]):
        side = next((s for s in SIDES if term_matches(name, sides[s])), None)
        if side:
            return pair, side, figure
    return None


def opening_figure(doc: ReadDocument, change: Change) -> Fact | None:
    return next((f for f in doc.opening(change.anchor_sentence).values() if not f.prior), None)



class BalancedChange(Check):
    id = "conflict.balanced-change"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        doc = ctx.statements.document
        wholes: dict[tuple[int, str], list[tuple[Change, Fact]]] = {}
        for change, base in comparable_changes(ctx):
            found = whole_of(doc, change) if base == "上年" else None
            if found and (found[2].measure or doc.default_measure) in BUDGET_MEASURES:
                wholes.setdefault(found[:2], []).append((change, found[2]))
        for (pair, side), spent_list in wholes.items():
            if side != "spending":
                continue
            yield from self.pair_up(ctx, wholes.get((pair, "income"), []), spent_list)

    def pair_up(self, ctx: ReviewContext, incomes: list[tuple[Change, Fact]], spent_list: list[tuple[Change, Fact]]):
        for spending, spent in spent_list:
            income = next((c for c, f in incomes if f.number.wan == spent.number.wan
                           and c.anchor_sentence.scope == spending.anchor_sentence.scope), None)
            if income is not None:
                yield Checked(self.finding(ctx, income, spending, spent) if disagree(income, spending) else None)

    def finding(self, ctx: ReviewContext, income: Change, spending: Change, spent: Fact) -> Finding:
        a, b = income.amount, spending.amount
        message = (f"预算收支平衡，收入与支出同为{spent.text}，较上年的增减应相同：第{a.line}行收入"
                   f"{WORDS[income.direction]}{a.text}，第{b.line}行支出{WORDS[spending.direction]}{b.text}"
                   "（若收入未含上年结转，请核对口径）")
        return Finding(self.kind, "warning", message, quote_of([b], b), f"{WORDS[spending.direction]}{b.text}",
                       f"{WORDS[income.direction]}{a.text}", location_of(ctx, b), self.id)
