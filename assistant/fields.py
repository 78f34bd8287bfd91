"""The figures staff give, declared once in `rules/fields.yaml`: id, path in the figures, Chinese
label, kind, the report types it belongs to, the words staff use for it and the labels of forms.

The chat's understanding, its replies, the .xlsx reader and the 起草 page's figures table all
read their labels here, so a field is named the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from assistant.rules import RULES_DIR

ALL_TYPES = ("project", "department", "final-accounts")
UNIT_OF_KIND = {"money": "万元", "percent": "%"}


@dataclass(frozen=True)
class FieldSpec:
    id: str
    label: str
    kind: str  # money | count | percent | text | year | list
    path: str  # where the value sits in the figures
    types: tuple[str, ...]
    cues: tuple[str, ...]
    units: tuple[str, ...]  # count units the field accepts (empty: any)
    forms: tuple[str, ...]
    prior: str  # the field that holds last year's value of this one
    example: str
    weak: tuple[str, ...] = ()  # generic cues (经费, 支出) that yield to any specific cue in the same words

    @property
    def unit(self) -> str:
        return UNIT_OF_KIND.get(self.kind, "")

    def fits(self, report_type: str) -> bool:
        return report_type in self.types


PATHS = {"three.": "accounts.three_public."}


def path_of(field_id: str) -> str:
    for prefix, path in PATHS.items():
        if field_id.startswith(prefix):
            return path + field_id[len(prefix):]
    return field_id


@lru_cache(maxsize=1)
def fields() -> dict[str, FieldSpec]:
    data = yaml.safe_load((RULES_DIR / "fields.yaml").read_text(encoding="utf-8"))["fields"]
    return {f["id"]: FieldSpec(f["id"], f["label"], f["kind"], path_of(f["id"]), tuple(f.get("types", ALL_TYPES)),
                               tuple(f.get("cues", ())), tuple(f.get("units", ())), tuple(f.get("forms", ())),
                               f.get("prior", ""), f.get("example", ""), tuple(f.get("weak", ()))) for f in data}


@lru_cache(maxsize=1)
def by_path() -> dict[str, FieldSpec]:
    return {f.path: f for f in fields().values()}


def label(path: str) -> str:
    """The Chinese name of a figures path (“budget.spent” → “全年执行数”); the path itself if unknown."""
    spec = by_path().get(path) or fields().get(path)
    return spec.label if spec else path


def form_labels() -> dict[str, str]:
    """Label printed on a form → figures path, for reading an .xlsx 自评表."""
    return {form: f.path for f in fields().values() for form in f.forms}


def with_unit(path: str, value) -> str:
    """A value as the figures table and replies show it: 120.00万元, 96%, 2024."""
    spec = by_path().get(path)
    if isinstance(value, float) and spec and spec.kind == "money":
        return f"{value:.2f}万元"
    if isinstance(value, float):
        value = f"{value:g}"
    return f"{value}{spec.unit if spec and spec.kind == 'percent' else ''}"
