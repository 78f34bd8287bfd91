"""Section skeletons per report type, loaded from the YAML files beside this module.

A paragraph is a template, a list of alternatives (the first whose figures are all known is used),
or a mapping with `text` and how revisions treat it: `detail: true` paragraphs appear only when a
section is asked to be more specific, `optional: true` ones are left out when it is asked to be
shorter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SKELETONS = Path(__file__).resolve().parent / "skeletons"


@dataclass(frozen=True)
class ParagraphSpec:
    options: tuple[str, ...]
    detail: bool = False
    optional: bool = False


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    query: str
    paragraphs: tuple[ParagraphSpec, ...]
    kind: str = ""  # the retrieval section kind its exemplars come from


@dataclass(frozen=True)
class Skeleton:
    type: str
    title: str
    sections: tuple[SectionSpec, ...]


def paragraph(entry) -> ParagraphSpec:
    if isinstance(entry, dict):
        text = entry["text"]
        options = tuple(text) if isinstance(text, list) else (text,)
        return ParagraphSpec(options, entry.get("detail", False), entry.get("optional", False))
    return ParagraphSpec(tuple(entry) if isinstance(entry, list) else (entry,))


@lru_cache(maxsize=8)
def skeleton(report_type: str) -> Skeleton:
    data = yaml.safe_load((SKELETONS / f"{report_type}.yaml").read_text(encoding="utf-8"))
    sections = tuple(
        SectionSpec(s["id"], s["title"], s["query"], tuple(paragraph(p) for p in s.get("paragraphs", [])), s.get("kind", ""))
        for s in data["sections"]
    )
    return Skeleton(data["type"], data["title"], sections)
