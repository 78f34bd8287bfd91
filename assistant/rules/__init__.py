"""Scoring rule sets and statement phrasings, declared as YAML data beside this module.

A rule set names its first-level indicators and weights, the 预算执行率 line, the grade bands and
the qualitative tiers; `--rules NAME` picks a bundled one, a path picks a user's own file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

RULES_DIR = Path(__file__).resolve().parent
SETS_DIR = RULES_DIR / "sets"  # scoring rule sets; the other YAML files here are phrasings and identities
DEFAULT_RULES = "national-2020"
RULE_SETS_KEPT = 16  # rule files read and kept, each by its version


class UnknownRuleSet(Exception):
    """A rule set that does not exist or does not parse; the message lists what does exist."""


class Indicator(BaseModel):
    name: str
    points: float
    children: list[Indicator] = Field(default_factory=list)


class Grade(BaseModel):
    name: str
    min: float


class ExecutionRate(BaseModel):
    name: str = "预算执行率"
    points: float = 10


class RuleSet(BaseModel):
    name: str
    title: str
    source: str = ""
    confirmed: bool = False
    confirmation_note: str = ""
    total: float = 100
    first_level: list[Indicator] = Field(default_factory=list)
    execution_rate: ExecutionRate | None = None
    grades: list[Grade]
    qualitative_tiers: list[tuple[float, float]] = Field(default_factory=list)
    disabled_checks: list[str] = Field(default_factory=list)  # check ids (jixiao rules) this rule set turns off

    def grade_for(self, score: float) -> str:
        for grade in sorted(self.grades, key=lambda g: -g.min):
            if score >= grade.min - 1e-9:
                return grade.name
        return self.grades[-1].name

    def band_text(self, grade: str) -> str:
        ordered = sorted(self.grades, key=lambda g: -g.min)
        for i, band in enumerate(ordered):
            if band.name == grade:
                upper = f"<{ordered[i - 1].min:g}" if i else "≤100"
                return f"{band.min:g}–{upper}"
        return ""

    def describe(self) -> str:
        weights = "、".join(f"{i.name}{i.points:g}分" for i in self.first_level)
        bands = "，".join(f"{g.name}≥{g.min:g}" for g in sorted(self.grades, key=lambda g: -g.min))
        note = "" if self.confirmed else f"（未经官方原文核对：{self.confirmation_note}）"
        return f"{self.title}：一级指标 {weights}，总分 {self.total:g}；等级 {bands}。{note}"


def available() -> list[str]:
    return sorted(p.stem for p in SETS_DIR.glob("*.yaml"))


def load_rules(name_or_path: str | None = None) -> RuleSet:
    name_or_path = name_or_path or DEFAULT_RULES
    path = Path(name_or_path)
    if not path.suffix:
        path = SETS_DIR / f"{name_or_path}.yaml"
    if not path.exists():
        raise UnknownRuleSet(f"未知的评分规则“{name_or_path}”；可选：{', '.join(available())}，或给出 YAML 文件路径")
    return parsed_rules(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=RULE_SETS_KEPT)
def parsed_rules(path: str, modified: int) -> RuleSet:
    """A rule file read once per version of it (every check of a batch reads the same rules)."""
    try:
        return RuleSet.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise UnknownRuleSet(f"评分规则文件 {path} 格式有误：{exc}") from exc
