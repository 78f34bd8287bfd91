"""Finding the figure a relation speaks of: by name, nearest first, within one report.

Names are compared after normalisation (quotes, “(境)”, 财政拨款/一般公共预算 and the measure
removed); one name matches another when it ends with it, so “一般公共预算财政拨款基本支出” finds
“基本支出” but “人员经费” never finds “公用经费”.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from assistant.numbers import Number
from assistant.rules import RULES_DIR
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.vocabulary import function_classes, vocabulary

PERIOD_WORDS = re.compile(r"本年度|本年|全年|当年|年度")
MIN_NAME = 2
ACHIEVED = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:累计)?(?:完成|实现|安排)$")
TOTAL_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{4})总(?:额|量|数)$")
APPROPRIATION = re.compile(r"(?<=预算)(?:财政)?拨款(?:收入)?$")  # 一般公共预算拨款 = 一般公共预算财政拨款收入
QUOTE_MARKS = re.compile(r"[“”\"'‘’\s]")


@lru_cache(maxsize=8192)
def normal(name: str) -> str:
    name = re.sub(r"[“”\"'‘’()（）\s]", "", name)
    name = PERIOD_WORDS.sub("", name)
    name = TOTAL_SUFFIX.sub("", name)  # “三公经费总额” is the 三公经费
    name = APPROPRIATION.sub("拨款收入", name)
    return re.sub(r"(费)支出$", r"\1", name)


@lru_cache(maxsize=8192)
def unowned(name: str) -> str:
    """A name without the level or owner it opens with (“全市财政支出” → “财政支出”): whose figure it
    is, the Conflict check and a share's whole read apart from what it is."""
    return vocabulary().pattern("entity_words", "+", "^").sub("", normal(name))


def names_match(a: str, b: str) -> bool:
    """Equal, or one ends with the other when the shorter still names something specific."""
    if a and QUOTE_MARKS.sub("", a) == QUOTE_MARKS.sub("", b) and len(a) >= MIN_NAME:
        return True
    a, b = normal(a), normal(b)
    shorter = min(a, b, key=len)
    if len(shorter) < MIN_NAME or shorter in vocabulary().generic_names:
        return False
    return a == b or a.endswith(b) or b.endswith(a)


def compatible(a: Number, b: Number) -> bool:
    """Money goes with money in any unit; anything else only with its own unit."""
    if a.is_money and b.is_money:
        return True
    return a.unit == b.unit and a.unit not in ("%", "‰", "百分点")


def same_measure(a: Fact, b: Fact, default: str) -> bool:
    return (a.measure or default) == (b.measure or default) and a.prior == b.prior


@lru_cache(maxsize=1)
def identities() -> list[dict]:
    return yaml.safe_load((RULES_DIR / "identities.yaml").read_text(encoding="utf-8"))["identities"]


def term_matches(name: str, aliases: list[str]) -> bool:
    """Whether `name` ends with one of a term's names (a name that normalises to a bare word such
    as “支出” must match whole)."""
    return _term_matches(name, tuple(aliases))


def function_class_of(name: str) -> str | None:
    """The 支出功能分类 类 a name stands for (“文化旅游体育与传媒支出预算” → 文化旅游体育与传媒支出), or None."""
    return next((c for c in function_classes() if term_matches(name, [c])), None)


@lru_cache(maxsize=16384)
def _term_matches(name: str, aliases: tuple[str, ...]) -> bool:
    n = normal(name)
    for alias in aliases:
        a = normal(alias)
        if QUOTE_MARKS.sub("", name) == alias or (a not in vocabulary().generic_names and len(a) >= MIN_NAME and n.endswith(a)):
            return True
    return False


def part_matches(name: str, aliases: list[str]) -> bool:
    """A part stated with what it achieved (“非税收入累计完成12142万元”) is that part."""
    return _term_matches(achieved(name), tuple(aliases))


@lru_cache(maxsize=8192)
def achieved(name: str) -> str:
    return ACHIEVED.sub("", name)


def identity_for(total: str, parts: list[str]) -> dict | None:
    """The standard breakdown whose total is `total` and whose required parts are all in `parts`."""
    for identity in identities():
        if not term_matches(total, identity["total"]):
            continue
        required = identity["parts"]
        if all(any(term_matches(p, aliases) for p in parts) for aliases in required):
            return identity
    return None


def identity_named(total: str) -> dict | None:
    """The standard breakdown whose total bears this name, if any."""
    return next((i for i in identities() if term_matches(total, i["total"])), None)


def same_term(a: str, b: str) -> bool:
    """The same name, or two names of one standard total or part (“公车购置及运行费” and
    “公务用车购置及运行维护费”, both names of the 公务用车 part in identities.yaml)."""
    if names_match(a, b):
        return True
    terms = [i["total"] for i in identities()] + [aliases for i in identities() for aliases in i["parts"] + i.get("optional", [])]
    return any(term_matches(a, aliases) and term_matches(b, aliases) for aliases in terms)
