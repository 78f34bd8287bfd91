"""What a message names rather than counts: the unit, the project, the year, the kind of report,
and text items (存在问题, 改进措施, 原因…). Each recogniser returns its value and the span it used,
so the caller can tell what in the message was understood and what was not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.conversation.phrasings import phrasings
from assistant.figures import bare_name
from retrieval.report_types import report_types

Span = tuple[int, int]
MIN_ITEM_CHARS = 2


@dataclass
class Named:
    path: str
    value: str | int | list[str]
    span: Span
    explicit: bool = True  # said as a name (“单位是…”); a unit read from a message's opening words is not


@lru_cache(maxsize=1)
def _patterns(key: str) -> list[re.Pattern[str]]:
    return [re.compile(p["pattern"]) for p in phrasings()["names"][key]]


def unit_named(text: str) -> Named | None:
    for index, pattern in enumerate(_patterns("unit")):
        match = pattern.search(text)
        if match:
            return Named("unit", match["value"], match.span(), explicit=index == 0)
    return None


def project_named(text: str) -> Named | None:
    refused = phrasings()["names"]["not_a_project"]
    for pattern in _patterns("project"):
        for match in pattern.finditer(text):
            value = match["value"].strip("“”\"")
            value = re.sub(r"^.*?(?:20\d\d年度?|年度)", "", value)  # “2024年食品安全抽检项目”
            if len(value) >= 2 and not re.search(r"\d", value) and not any(w in match["value"] for w in refused):
                return Named("project", bare_name(value), match.span())
    return None


def years_named(text: str) -> list[tuple[int, Span]]:
    """Years the message names, except those a figure is compared with (“比2021年减少”)."""
    pattern = re.compile(phrasings()["names"]["year"]["pattern"])
    compared = [m.span() for m in re.finditer(phrasings()["names"]["compared_year"], text)]
    return [(int(m["value"]), m.span()) for m in pattern.finditer(text)
            if not any(s <= m.start() < e for s, e in compared)]


def report_type_named(text: str, titles: bool = True) -> Named | None:
    """A kind of report named in words (“部门决算说明”, “整体支出”, “项目自评”); `titles` also
    accepts the report types' own names and aliases (“项目支出”), which figures messages use for
    other things, so only a request to switch reads them."""
    for kind, said in phrasings()["names"]["report_type_words"].items():
        word = next((w for w in said if w in text), None)
        if word:
            return Named("report_type", kind, (text.find(word), text.find(word) + len(word)))
    if not titles:
        return None
    for kind in report_types().values():
        if not kind.pattern:
            continue
        match = kind.pattern.search(text) or _alias(text, kind.aliases)
        if match:
            return Named("report_type", kind.id, match.span())
    return None


def _alias(text: str, aliases: tuple[str, ...]) -> re.Match | None:
    usable = [a for a in aliases if len(a) >= 3 and not a.isascii()]
    return re.search("|".join(map(re.escape, usable)), text) if usable else None


def lists_named(text: str) -> list[Named]:
    """Text items after “存在问题：”, “原因是” …, one item per ；-separated part; the first match wins
    for the rest of the message, since one message rarely lists two kinds of item."""
    best: Named | None = None
    for rule in phrasings()["lists"]:
        match = re.search(rule["pattern"], text)
        if match and (best is None or match.start() < best.span[0]):
            items = [p.strip(" 。,，") for p in re.split(phrasings()["list_split"], match["value"])]
            items = [i for i in items if len(i) >= MIN_ITEM_CHARS]
            if items:
                best = Named(rule["path"], items, (match.start(), len(text)))
    return [best] if best else []
