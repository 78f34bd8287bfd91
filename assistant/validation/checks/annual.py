"""“年均增长X%” against the two years' figures, or the growth over the whole span, it follows from."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.validation.checks.base import Check, ReviewContext, claim, digits, operand
from assistant.validation.judge import Claim

PERCENT = 100


class AnnualGrowthCheck(Check):
    id = "growth.annual"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for growth in ctx.statements.annual_growths:
            n = growth.years
            if growth.total is not None:
                total = growth.total
                shown = f"(1 + {digits(total)}%)^(1/{n}) − 1"
                yield claim(ctx, self, "年均增长率", growth.rate, [operand(total)],
                            lambda c, n=n: ((1 + c / PERCENT) ** (1 / n) - 1) * PERCENT, shown, [total], "%",
                            signs=(1,))
            elif growth.first is not None and growth.last is not None:
                first, last = growth.first, growth.last
                shown = f"({digits(last)} ÷ {digits(first)})^(1/{n}) − 1"
                yield claim(ctx, self, "年均增长率", growth.rate, [operand(first), operand(last, first.number)],
                            lambda a, b, n=n: ((b / a) ** (1 / n) - 1) * PERCENT, shown, [first, last], "%",
                            signs=(-1, 1))
