"""Section skeletons per report type, loaded from the YAML files beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SKELETONS = Path(__file__).resolve().parent / "skeletons"


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    query: str
    paragraphs: tuple  # str, or a tuple of alternatives


@dataclass(frozen=True)
class Skeleton:
    type: str
    title: str
    sections: tuple[SectionSpec, ...]


@lru_cache(maxsize=8)
def skeleton(report_type: str) -> Skeleton:
    data = yaml.safe_load((SKELETONS / f"{report_type}.yaml").read_text(encoding="utf-8"))
    sections = tuple(
        SectionSpec(s["id"], s["title"], s["query"],
                    tuple(tuple(p) if isinstance(p, list) else p for p in s.get("paragraphs", [])))
        for s in data["sections"]
    )
    return Skeleton(data["type"], data["title"], sections)
