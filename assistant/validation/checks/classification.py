"""Functional classification sums: a 类 figure equals the sum of the 项 figures listed under it
(“一般公共服务支出(类)…(款)行政运行(项)：支出决算为192.77万元”)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.validation.checks.base import Check, ReviewContext, claim, digits, operand
from assistant.validation.judge import Claim
from assistant.validation.statements.binding import compatible
from assistant.validation.statements.document import ReadSentence
from assistant.validation.statements.facts import Fact

ITEM = re.compile(r"(?P<lei>[\u4e00-\u9fff、]{2,20}?)(?:支出)?\s*\(类\)(?P<kuan>.*?)\(款\)(?P<xiang>.*?)\(项\)")
CLASS_FIGURE = re.compile(r"(?P<lei>[\u4e00-\u9fff、]{2,20}?)(?:支出)?\s*(?:\(类\))?\s*(?:支出)?\s*(?:决算数?为?|为)?\s*$")
OPENERS = re.compile(r"^(主要用于以下方面|主要用于|其中)")


def class_name(raw: str) -> str:
    return OPENERS.sub("", raw).removesuffix("支出")


def items_of(sentences: list[ReadSentence]) -> dict[str, list[Fact]]:
    """项-level figures by the name of their 类."""
    out: dict[str, list[Fact]] = {}
    for item in sentences:
        match = ITEM.search(item.sentence.clean) if "(项)" in item.sentence.clean else None
        if not match:
            continue
        figure = next((f for f in item.facts if f.number.start >= match.end() and f.number.is_money), None)
        if figure is not None:
            out.setdefault(class_name(match.group("lei")), []).append(figure)
    return out


class ClassificationSums(Check):
    id = "sum.classification"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        sentences = ctx.statements.document.items
        by_class = items_of(sentences)
        if not by_class:
            return
        for item in sentences:
            if "(项)" in item.sentence.clean:
                continue
            for fact in item.values():
                if not fact.number.is_money or not fact.label.rstrip().endswith(("支出", "(类)", "(类)支出")):
                    continue
                match = CLASS_FIGURE.search(fact.label)
                lei = class_name(match.group("lei")) if match else ""
                parts = [p for p in by_class.get(lei, []) if compatible(p.number, fact.number)]
                if parts:
                    shown = " + ".join(digits(p) for p in parts)
                    yield claim(ctx, self, f"“{lei}”类支出与其下各项级科目之和", fact,
                                [operand(p, fact.number) for p in parts], lambda *xs: sum(xs), shown,
                                [fact], fact.number.unit, "", (1,) * len(parts))
