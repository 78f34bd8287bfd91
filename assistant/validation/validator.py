"""`validate(text or document, rules) -> Report`: every check of the rule set over one report."""

from __future__ import annotations

from assistant.rules import RuleSet, load_rules
from assistant.validation.checks.base import Check
from assistant.validation.checks.classification import ClassificationSums
from assistant.validation.checks.consistency import (
    Conflict,
    Identities,
    ShareOfNamedWhole,
    StaleYear,
    UnitSlip,
)
from assistant.validation.checks.parts import PartsOfTotal
from assistant.validation.checks.rates import BudgetCompletion, CountRate, ExecutionRate, Growth
from assistant.validation.checks.scores import ScoreTables
from assistant.validation.context import build_context
from assistant.validation.model import SEVERITY_ORDER, Finding, Report
from retrieval.documents import Document
from retrieval.loaders import load_text

CHECKS: tuple[type[Check], ...] = (
    PartsOfTotal, ShareOfNamedWhole, Growth, ExecutionRate, BudgetCompletion, CountRate,
    ScoreTables, Identities, ClassificationSums, Conflict, UnitSlip, StaleYear,
)


def describe_checks() -> list[str]:
    return [check().describe() for check in CHECKS]


def validate(source: str | Document, rules: RuleSet | str | None = None) -> Report:
    document = source if isinstance(source, Document) else load_text(source)
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    ctx = build_context(document, rule_set)
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check().check(ctx))
    return Report(document.source, ctx.claims, dedupe(findings))


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (kind, line, stated); a unit slip replaces the warning on the same figure."""
    seen: dict[tuple, Finding] = {}
    unit_errors = {(f.location.line, f.stated) for f in findings if f.kind == "unit" and f.severity == "error"}
    for finding in findings:
        if finding.kind == "unit" and finding.severity == "warning" and (finding.location.line, finding.stated) in unit_errors:
            continue
        key = (finding.kind, finding.location.line, finding.stated, finding.quote)
        seen.setdefault(key, finding)
    return sorted(seen.values(), key=lambda f: (f.location.line, SEVERITY_ORDER[f.severity]))
