"""What a passage is about (`section_kinds.yaml`): 概况, 预算执行, 产出, 三公经费 …, from its headings
and, under headings that say nothing, from its words. Set on every chunk at ingest, for filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from retrieval.normalize import searchable

OTHER = "other"


@dataclass(frozen=True)
class SectionKind:
    id: str
    name: str
    headings: re.Pattern[str]
    text: re.Pattern[str] | None
    dominant: bool
    example: str


@lru_cache(maxsize=1)
def section_kinds() -> tuple[SectionKind, ...]:
    data = yaml.safe_load(Path(__file__).with_name("section_kinds.yaml").read_text(encoding="utf-8"))
    return tuple(SectionKind(k["id"], k["name"], re.compile(k["headings"]), re.compile(k["text"]) if k.get("text") else None,
                             bool(k.get("dominant")), k["example"]) for k in data)


def heading_kinds(heading: str) -> list[SectionKind]:
    text = searchable(heading)
    return [kind for kind in section_kinds() if kind.headings.search(text)]


def classify(headings: list[str], text: str) -> str:
    """The kind id of a passage under `headings` (outermost first, without the report title)."""
    named = [kinds for kinds in map(heading_kinds, reversed(headings)) if kinds]
    if named:
        deepest = named[0][0]
        if deepest.dominant:  # “评价结论及建议 > （二）存在的问题” is a problem, not an improvement
            return deepest.id
        outer = next((k for kinds in named[1:] if deepest not in kinds for k in kinds if k.dominant), None)
        return (outer or deepest).id
    words = searchable(text)
    counts = [(len(kind.text.findall(words)), -order, kind.id)
              for order, kind in enumerate(section_kinds()) if kind.text is not None]
    best = max(counts, default=(0, 0, OTHER))
    return best[2] if best[0] else OTHER


def kind_from_words(words: str) -> str | None:
    """A kind named by its id or its Chinese name (“三公经费”, “sangong”), or None."""
    words = words.strip()
    return next((k.id for k in section_kinds() if words in (k.id, k.name)), None)


def kind_name(kind_id: str) -> str:
    return next((k.name for k in section_kinds() if k.id == kind_id), "其他")
