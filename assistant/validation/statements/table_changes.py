"""Changes that tables state: the row of changes of a table whose rows are years, each row of a
table comparing two periods, and last year's figure a prose growth finds in a table of years."""

from __future__ import annotations

from dataclasses import replace

from assistant.validation.statements.binding import same_term
from assistant.validation.statements.change_tables import row_of
from assistant.validation.statements.document import ReadDocument
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Change
from assistant.validation.statements.year_tables import column_of


def grouped(facts: list[Fact], key) -> dict[str, list[Fact]]:
    """Facts by a tag (their column, their row); facts without one left out."""
    out: dict[str, list[Fact]] = {}
    for fact in facts:
        if key(fact):
            out.setdefault(key(fact), []).append(fact)
    return out


def table_changes(doc: ReadDocument) -> list[Change]:
    """The row of changes of a table whose rows are years: each column's growth, the later year
    against the earlier."""
    out = []
    for facts in grouped(doc.table_facts, column_of).values():
        values = sorted((f for f in facts if f.role == "value" and f.year), key=lambda f: f.year)
        for change in (f for f in facts if f.role == "change"):
            if len(values) < 2:
                continue
            current, prior = values[-1], values[-2]
            rate = change if change.number.is_percent else None
            amount = None if rate else change
            out.append(Change(change.name, current, prior, amount, rate, change.direction, "上年", change.sentence,
                              change.number.start, change.number.end))
    return out


def compared_rows(doc: ReadDocument) -> list[Change]:
    """Each row of a table comparing two periods: this period's value against the earlier one, with
    the change and rate its row prints."""
    out = []
    for facts in grouped(doc.table_facts, row_of).values():
        current = next((f for f in facts if f.role == "value" and not f.prior), None)
        prior = next((f for f in facts if f.role == "value" and f.prior), None)
        amount = next((f for f in facts if f.role == "change" and not f.number.is_percent), None)
        rate = next((f for f in facts if f.role == "change" and f.number.is_percent), None)
        stated = amount or rate
        if current is None or prior is None or stated is None:
            continue
        out.append(Change(current.name, current, prior, amount, rate, stated.direction, "上年", stated.sentence,
                          stated.number.start, (rate or amount).number.end))
    return out


def prior_in_tables(doc: ReadDocument, current: Fact, name: str) -> Fact | None:
    """Last year's figure of the item a prose growth speaks of, from a table whose rows are years:
    the column whose this-year cell prints the prose figure, or whose item bears the subject's name
    and whose this-year cell is within a unit of it. One column, or none."""
    found = {}
    for fact in doc.table_facts:
        column = column_of(fact)
        if not column or fact.role != "value" or fact.prior or not fact.year:
            continue
        same_value = abs(fact.number.value - current.number.value) < 1e-9 and fact.number.decimals == current.number.decimals
        near = abs(fact.number.value - current.number.value) <= max(1.0, 10 ** -current.number.decimals)
        named = bool(fact.name) and (same_term(fact.name, name or current.name))
        if same_value or (named and near):
            prior = [f for f in doc.table_facts if column_of(f) == column and f.role == "value" and f.prior]
            if prior:
                found[column] = max(prior, key=lambda f: f.year or 0)
    if len(found) != 1:
        return None
    prior = next(iter(found.values()))
    if not prior.number.unit and current.number.unit:  # the column's this-year cell matched: the same unit
        prior = replace(prior, number=replace(prior.number, unit=current.number.unit))
    return prior
