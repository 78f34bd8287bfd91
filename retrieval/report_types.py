"""The kinds of report (`report_types.yaml`): ids, Chinese names and how to recognise each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

UNKNOWN = "unknown"


@dataclass(frozen=True)
class ReportType:
    id: str
    name: str  # the full title word (“项目支出绩效自评报告”)
    short: str  # for tables and lists (“项目”)
    aliases: tuple[str, ...]
    pattern: re.Pattern[str] | None
    drafted: bool


@lru_cache(maxsize=1)
def report_types() -> dict[str, ReportType]:
    data = yaml.safe_load((Path(__file__).with_name("report_types.yaml")).read_text(encoding="utf-8"))
    return {t["id"]: ReportType(t["id"], t["name"], t["short"], tuple(t["aliases"]),
                                re.compile(t["pattern"]) if t["pattern"] else None, t["drafted"]) for t in data}


def drafted_types() -> list[ReportType]:
    return [t for t in report_types().values() if t.drafted]


def type_name(type_id: str, short: bool = False) -> str:
    found = report_types().get(type_id) or report_types()[UNKNOWN]
    return found.short if short else found.name


def type_from_words(words: str) -> str | None:
    """A report type named in words (“项目”, “部门决算”, “project”), or None."""
    words = words.strip()
    return next((t.id for t in report_types().values() if words == t.id or words in t.aliases), None)
