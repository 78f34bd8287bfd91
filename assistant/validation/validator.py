"""`validate(text or document, rules) -> Report`: every enabled check of the rule set over one report.

The report is read once into statements (sentences → facts → relations); each check turns the
relations it verifies into claims, `judge.verdict` decides each claim, and every claim examined is
counted here, whatever the check.
"""

from __future__ import annotations

from assistant.rules import RuleSet, load_rules
from assistant.validation.checks.annual import AnnualGrowthCheck
from assistant.validation.checks.balanced import BalancedChange
from assistant.validation.checks.base import Check, ReviewContext, catalogue
from assistant.validation.checks.change_conflicts import ChangeConflict
from assistant.validation.checks.changes import ChangesOfParts, GrowthAmount, GrowthDirection, GrowthRate
from assistant.validation.checks.classification import ClassificationSums
from assistant.validation.checks.consistency import Conflict, UnitAmongWan
from assistant.validation.checks.counts import ListedCount
from assistant.validation.checks.identities import Identities
from assistant.validation.checks.narrative import GradeBand, NarrativeScore
from assistant.validation.checks.points import PointGapCheck
from assistant.validation.checks.rates import (
    CarryForwardCheck,
    CompletionWordsCheck,
    RateInputs,
    RemainderCheck,
    ShareOfWhole,
    SharesAgree,
)
from assistant.validation.checks.scores import (
    ExecutionRow,
    IndicatorScores,
    PointsAddUp,
    ScoresWithinPoints,
    TotalIsSum,
)
from assistant.validation.checks.sums import PartsOfTotal, SharesAddUp
from assistant.validation.checks.table_details import TableDetailRows
from assistant.validation.checks.table_sums import TableRowSums
from assistant.validation.checks.units import UnitMalformed
from assistant.validation.checks.years import RepeatedFigureYear, StaleComparison, StaleYear
from assistant.validation.judge import Checked, Claim, verdict
from assistant.validation.model import SEVERITY_ORDER, Finding, Report
from assistant.validation.statements import read_statements
from assistant.validation.statements.tables import table_cells, table_facts
from assistant.validation.text import line_sections, sentences
from retrieval.documents import Document
from retrieval.loaders import load_text
from retrieval.structure import fiscal_year, mark_headings

CHECKS: tuple[type[Check], ...] = (
    PartsOfTotal, ListedCount, TableRowSums, TableDetailRows, SharesAddUp, ShareOfWhole, SharesAgree, Identities, ClassificationSums, GrowthRate, GrowthAmount,
    GrowthDirection, ChangesOfParts, AnnualGrowthCheck, PointGapCheck, RateInputs, CompletionWordsCheck, RemainderCheck, CarryForwardCheck, Conflict, ChangeConflict, BalancedChange,
    UnitAmongWan, UnitMalformed,
    StaleYear, StaleComparison, RepeatedFigureYear,
    PointsAddUp, ScoresWithinPoints, TotalIsSum, IndicatorScores, ExecutionRow, NarrativeScore, GradeBand,
)


def describe_checks() -> list[str]:
    return [f"{key}：{entry['description']}" for key, entry in catalogue().items()]


def review_context(document: Document, rules: RuleSet) -> ReviewContext:
    blocks = mark_headings(document)  # read once for the prose and for the tables' sections
    found = sentences(document, blocks)
    year = fiscal_year(document.text)
    tables = table_cells(document)
    facts = table_facts(document, tables, line_sections(document, blocks), year)
    return ReviewContext(document, found, read_statements(found, year, facts), rules, year, tables)


def validate(source: str | Document, rules: RuleSet | str | None = None) -> Report:
    document = source if isinstance(source, Document) else load_text(source)
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    ctx = review_context(document, rule_set)
    findings: list[Finding] = []
    claims = 0
    for check_class in CHECKS:
        check = check_class()
        if check.id in rule_set.disabled_checks:
            continue
        for item in check.run(ctx):
            claims += 1
            finding = verdict(item) if isinstance(item, Claim) else item.finding if isinstance(item, Checked) else item
            if finding is not None and finding.check not in rule_set.disabled_checks:
                findings.append(finding)
    return Report(document.source, claims, dedupe(findings))


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (kind, line, stated, quote), the most severe kept."""
    seen: dict[tuple, Finding] = {}
    for finding in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        seen.setdefault((finding.kind, finding.location.line, finding.stated, finding.quote), finding)
    return sorted(seen.values(), key=lambda f: (f.location.line, SEVERITY_ORDER[f.severity]))
