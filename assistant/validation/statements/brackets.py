"""Brackets and list numbering inside a sentence: a part inside “(含…)” is a detail of a part, a list
bracketed right after a change amount is that change's, a list bracketed right after a figure is its
breakdown, and “(一)” numbers an item without enclosing it."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.validation.statements.facts import Fact
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import LIST_NUMBERING

BRACKET_LIST = "括号内"  # the marker word of a list bracketed right after its total (“591万元（A167万元、B…）”)
BRACKETED = "括号内逐项列示"  # the evidence of a bracketed list
MIN_BRACKETED_PARTS = 2  # one figure in a bracket restates or qualifies (“（上年12万元）”), it does not list
OPENING = re.compile(r"\s*[(（]")


def visible_from(depth: tuple[int, ...], start: int, position: int) -> bool:
    """Whether a figure at `start` stands outside every bracket that closes before `position` (the depth
    at `position` counts: a bracket closed right before it, “…20万元)其中:”, has closed)."""
    if depth[start] == 0:
        return True  # outside all brackets: nothing can close around it
    return min(depth[start : position + 1], default=depth[start]) >= depth[start]


@lru_cache(maxsize=4096)
def depths(text: str) -> tuple[int, ...]:
    """Bracket depth at every position: parts inside “(含…)” are details of a part, not parts."""
    out, depth = [], 0
    for ch in text:
        if ch in "(（":
            depth += 1
        out.append(depth)
        if ch in ")）" and depth:
            depth -= 1
    return tuple(out) or (0,)


def after_numbering(text: str, position: int) -> int:
    """Where a list's first item begins past its numbering (“其中:(一)均衡性转移支付…”: the bracket
    numbers the item, it does not enclose it)."""
    numbering = LIST_NUMBERING.match(text[position:])
    at = position + numbering.end() if numbering else position
    return min(at, len(text) - 1)


def bracketed_after(text: str, change: Fact, position: int) -> bool:
    """Whether the bracket holding a list opens right after a change amount (“增加60000万元（其中：…）”,
    not “增加114万元，增长13%（其中：…）”)."""
    depth = depths(text)
    if not depth[position] > depth[change.number.end]:
        return False
    opening = max(text.rfind("(", 0, position), text.rfind("（", 0, position))
    return not text[change.number.end : opening].strip(" ,，")


def bracketed_lists(text: str, facts: list[Fact]) -> list[tuple[int, int]]:
    """(opening, closing) of each bracket right after a money figure that holds nothing but two or more
    named money figures of the same kind (“市本级留存7.99亿元（福利彩票5.08亿元，体育彩票2.91亿元）”):
    a breakdown of that figure. Brackets opening with words of their own (“（含…）”) are left alone."""
    if "(" not in text and "（" not in text:
        return []
    out = []
    openers = vocabulary().pattern("bracket_not_list", prefix=r"\s*(?:", suffix=")")
    for total in facts:
        opening = OPENING.match(text, total.number.end)
        if not opening or not total.is_value or not total.number.is_money:
            continue
        start = opening.end() - 1
        closing = closing_bracket(text, start)
        inside = [f for f in facts if start < f.number.start < closing]
        if (closing < 0 or len(inside) < MIN_BRACKETED_PARTS or openers.match(text, start + 1)
                or any(not f.is_value or f.prior or not f.number.is_money or f.number.unit != total.number.unit for f in inside)):
            continue
        out.append((start, closing))
    return out


def closing_bracket(text: str, opening: int) -> int:
    """Where the bracket opened at `opening` closes, or -1."""
    depth = depths(text)
    for position in range(opening + 1, len(text)):
        if text[position] in ")）" and depth[position] == depth[opening]:
            return position
    return -1
