"""Brackets and list numbering inside a sentence: a part inside “(含…)” is a detail of a part, a list
bracketed right after a change amount is that change's, and “(一)” numbers an item without enclosing it."""

from __future__ import annotations

from functools import lru_cache

from assistant.validation.statements.facts import Fact
from assistant.validation.text import LIST_NUMBERING


def visible_from(depth: tuple[int, ...], start: int, position: int) -> bool:
    """Whether a figure at `start` stands outside every bracket that closes before `position`."""
    if depth[start] == 0:
        return True  # outside all brackets: nothing can close around it
    return min(depth[start:position], default=depth[start]) >= depth[start]


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
