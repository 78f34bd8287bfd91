"""Totals that close their parts: “2018年市级一般公共预算收入决算数129748万元，加上级补助收入428905万元，
…，调入资金348606万元，收入总计968113万元” — the balance statements of 财政决算 reports, and “政府性
基金支出83173万元，调出资金18300万元，债务还本支出315万元，支出合计101788万元”.

The parts are the money figures before the total in its “；” group, back to the previous closing
total, outside brackets (a bracket holds a part's own details). A chain word (“加”) after the first
part says the figures are all of the total; without one the list may be only some of it. A sentence
that opens with the chain word continues a figure stated before it, and one that subtracts
(“减去上解支出”) is not a plain sum: neither is read.
"""

from __future__ import annotations

import re

from assistant.validation.statements.binding import compatible
from assistant.validation.statements.brackets import depths
from assistant.validation.statements.document import ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Breakdown
from assistant.validation.statements.vocabulary import vocabulary

CHAINED = "收支平衡表述（“加…，收入总计”）"
UNCHAINED = "合计列在分项之后"
MIN_PARTS = 2
CLAUSE_OPENING = r"(?:^|(?<=[，,；;、:：]))\s*"
DETAIL = re.compile(r"^(?:其中|含|包括|包含)")


def closes(fact: Fact) -> bool:
    return bool(vocabulary().pattern("closing_totals", suffix="$").search(fact.name))


def closing_breakdowns(item: ReadSentence, found: list[Breakdown]) -> list[Breakdown]:
    text = item.sentence.clean
    depth = depths(text)
    # a figure of another list, its total or a part, is never a part here: the nesting would be a guess
    taken = {id(f) for b in found for f in [b.total, *b.parts] if f is not None}
    values = [(f, g) for f, g in item.grouped_values()
              if f.number.is_money and not f.number.is_percent and depth[f.number.start] == 0]
    out = []
    for i, (total_fact, group) in enumerate(values):
        if not closes(total_fact) or id(total_fact) in taken:
            continue
        parts: list[Fact] = []
        for fact, fact_group in reversed(values[:i]):
            if fact_group != group or closes(fact):
                break
            parts.insert(0, fact)
        if len(parts) < MIN_PARTS or any(id(p) in taken or not compatible(p.number, total_fact.number) for p in parts):
            continue
        found_breakdown = closing_breakdown(text, parts, total_fact)
        if found_breakdown is not None:
            out.append(found_breakdown)
            taken.update(id(f) for f in [total_fact, *parts])
    return out


def closing_breakdown(text: str, parts: list[Fact], total_fact: Fact) -> Breakdown | None:
    """The figures before the chain word are one figure told several ways (“预算数为15.39亿元，实际完成
    15.39亿元，比上年决算数14.94亿元增长3.0%，加上…”): the last of them is the part. A chain word opens its
    clause (“，加上级补助收入…”; “增加”, “追加”, “附加” chain nothing)."""
    words = vocabulary()
    opening, between = text[: parts[0].number.start], text[parts[0].number.end : total_fact.number.start]
    if words.pattern("closing_totals.minus_words").search(opening + between):
        return None
    chain = words.pattern("closing_totals.chain_words", prefix=CLAUSE_OPENING)
    if chain.search(opening):
        return None  # “加上中央补助…”: the first part stands in an earlier sentence
    link = chain.search(text, parts[0].number.end, total_fact.number.start)
    if link is None:
        if any(p.prior or p.measure != total_fact.measure for p in parts):
            return None
        return Breakdown(total_fact, parts, "unknown", UNCHAINED)
    before = [p for p in parts if p.number.end <= link.start()]
    chained = before[-1:] + [p for p in parts if p.number.start >= link.end()]
    if len(chained) < MIN_PARTS or any(p.prior or DETAIL.match(p.label.strip(" ,，、;；")) for p in chained):
        return None  # a last year's figure or a part's own detail (“含…”) among them: not a plain sum
    last = text[chained[-1].number.end : total_fact.number.start]
    if words.pattern("partial_markers").search(last):
        return Breakdown(total_fact, chained, "unknown", UNCHAINED)  # “…调入资金348606万元等，收入总计…”
    return Breakdown(total_fact, chained, "complete", CHAINED)
