"""A figure whose printed unit fuses a money unit with another measure (“42.59万元亩”, “3万亩元”,
“112.4%万元”): no reading makes such a unit right, whatever the figure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.vocabulary import alternation, vocabulary

FIGURE = r"(?<![\d.])\d[\d,]*(?:\.\d+)?\s*"
AREA = re.compile(FIGURE + r"万?(?:亩|公顷|平方米)")


class UnitMalformed(Check):
    id = "unit.malformed"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(FIGURE + alternation(vocabulary().words("malformed_units")))

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        """Every figure in an area unit is examined (the fusion is most often 万元亩 for 万亩); a fused unit
        after any figure is reported."""
        for sentence in ctx.sentences:
            fused = {found.start(): found.group() for found in self.pattern.finditer(sentence.clean)}
            for start, printed in fused.items():
                message = f"“{printed}”的单位写法有误：金额单位与面积、比率等单位连写在一起，请核对单位"
                yield Checked(Finding(self.kind, "warning", message, printed, printed, "",
                                      ctx.location(sentence, start), self.id))
            for found in AREA.finditer(sentence.clean):
                if not any(start <= found.start() < start + len(printed) for start, printed in fused.items()):
                    yield Checked(None)
