"""Findings and the report that collects them: the contract reviewers script against."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "note"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}
KIND_NAMES = {
    "sum": "合计", "share": "占比", "growth": "增减", "rate": "比率", "score": "评分", "grade": "等级",
    "unit": "单位", "year": "年份", "conflict": "前后不一致", "grounding": "无来源数字", "remainder": "结余",
    "cross-year": "跨年度",
}


@dataclass(frozen=True)
class Location:
    section: str
    line: int


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    message: str
    quote: str
    stated: str
    expected: str
    location: Location
    check: str = ""  # the stable id of the check that made it (see `jixiao rules`)

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    source: str
    claims: int = 0
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"source": self.source, "claims": self.claims, "findings": [f.as_json() for f in self.findings]}

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def at_least(self, severity: str) -> list[Finding]:
        limit = SEVERITY_ORDER[severity]
        return [f for f in self.findings if SEVERITY_ORDER[f.severity] <= limit]
