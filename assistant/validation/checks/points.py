"""A gap in percentage points against the two rates it lies between."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.validation.checks.base import Check, ReviewContext, claim, digits, operand
from assistant.validation.judge import Claim


class PointGapCheck(Check):
    id = "growth.points"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for found in ctx.statements.point_gaps:
            subject, other = found.subject, found.other
            sign = found.direction or (1 if subject.number.value >= other.number.value else -1)
            first, second = (subject, other) if sign > 0 else (other, subject)
            shown = f"{digits(first)}% − {digits(second)}%"
            yield claim(ctx, self, "百分点差", found.gap, [operand(first), operand(second)], lambda a, b: a - b, shown,
                        [subject, other], "个百分点", found.ambiguous, signs=(1, -1), doubt=found.doubt)
