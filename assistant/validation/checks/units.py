"""A figure whose printed unit fuses a money unit with another measure (“42.59万元亩”, “3万亩元”,
“112.4%万元”): no reading makes such a unit right, whatever the figure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.model import Finding
from assistant.validation.statements.vocabulary import alternation, vocabulary

FIGURE = r"(?<![\d.])\d[\d,]*(?:\.\d+)?\s*"


class UnitMalformed(Check):
    id = "unit.malformed"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(FIGURE + alternation(vocabulary().words("malformed_units")))

    def run(self, ctx: ReviewContext) -> Iterable[Finding]:
        for sentence in ctx.sentences:
            for found in self.pattern.finditer(sentence.clean):
                printed = found.group()
                message = f"“{printed}”的单位写法有误：金额单位与面积、比率等单位连写在一起，请核对单位"
                yield Finding(self.kind, "warning", message, printed, printed, "", ctx.location(sentence, found.start()),
                              self.id)
