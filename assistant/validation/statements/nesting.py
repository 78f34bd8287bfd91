"""Parts claimed by two lists at once. A list nested in a part may run on past its “；” (r641: “收入决算
9712.02万元,其中:本年收入9082.61万元,占…,包括财政拨款收入9018.61万元…;事业收入58.14万元…;其他收入5.85万元…”),
so the outer list also reads the nested list's later parts as its own. A figure is a part of one list:
the list that adds up with it keeps it; when the sums do not tell, both lists are unsure."""

from __future__ import annotations

from assistant.validation.statements.completeness import adds_up, marker_said
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Breakdown

SHARED_PARTS = "同一分项同时列在嵌套的两个清单中，归属不清"


def settle_shared_parts(found: list[Breakdown]) -> None:
    """Give each part two lists of one sentence claim to the list it adds up in."""
    for outer in found:
        for inner in found:
            if inner is outer or inner.total is None or outer.total is None or not holds(outer, inner.total):
                continue
            shared = [p for p in outer.parts if holds(inner, p)]
            if not shared:
                continue
            if adds_up(inner.total, inner.parts) and not adds_up(outer.total, outer.parts):
                without(outer, shared)
            elif adds_up(outer.total, outer.parts) and not adds_up(inner.total, inner.parts):
                without(inner, shared)
            else:
                outer.ambiguous = outer.ambiguous or SHARED_PARTS
                inner.ambiguous = inner.ambiguous or SHARED_PARTS


def holds(b: Breakdown, fact: Fact) -> bool:
    return any(p is fact for p in b.parts)


def without(b: Breakdown, shared: list[Fact]) -> None:
    """The list less the parts another list keeps; what said it was complete may have gone with them."""
    kept = [i for i, p in enumerate(b.parts) if not any(p is s for s in shared)]
    b.shares = [b.shares[i] for i in kept] if len(b.shares) == len(b.parts) else b.shares
    b.parts = [b.parts[i] for i in kept]
    if b.completeness == "complete" and not marker_said(b.evidence):
        b.completeness, b.evidence = "unknown", ""
