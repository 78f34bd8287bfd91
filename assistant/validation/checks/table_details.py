"""A table row and the “其中” rows under it (“3.公务用车费 | 0”, “其中:(1)公务用车运行维护费 | 32.65”,
“(2)公务用车购置 | 0”): the detail rows cannot add to more than their row, and add to it exactly when
they are its standard parts (公务用车 = 购置 + 运行维护, identities.yaml). A shortfall of details that
may be partial is no finding."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from assistant.intervals import around, total
from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.table_sums import Row, column_claim, money_table, titled_tables
from assistant.validation.judge import Claim
from assistant.validation.statements.binding import identity_named, term_matches
from assistant.validation.text import LIST_NUMBERING

DETAIL_OPENS = re.compile(r"^其中[:：]?")
DETAIL_GOES_ON = re.compile(r"^[（(]\d{1,2}[)）]")  # “(2)公务用车购置”
PARTIAL_DETAILS = "“其中”各行可能只列出部分分项"


def detail_groups(rows: list[Row]) -> Iterable[tuple[Row, list[Row]]]:
    """Each row followed by its detail rows: the first opens with 其中, the next ones are numbered (2), (3)…"""
    for at, row in enumerate(rows[:-1]):
        if not DETAIL_OPENS.match(rows[at + 1].label) or DETAIL_OPENS.match(row.label):
            continue
        details = [rows[at + 1]]
        for later in rows[at + 2 :]:
            if not DETAIL_GOES_ON.match(later.label):
                break
            details.append(later)
        yield row, details


def standard_details(row: Row, details: list[Row]) -> bool:
    """Whether the details are every required part of the row's standard breakdown."""
    identity = identity_named(LIST_NUMBERING.sub("", DETAIL_OPENS.sub("", row.label)))
    if identity is None:
        return False
    labels = [LIST_NUMBERING.sub("", DETAIL_OPENS.sub("", d.label)) for d in details]
    return all(any(term_matches(label, aliases) for label in labels) for aliases in identity["parts"])


class TableDetailRows(Check):
    id = "sum.table-details"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for title, rows in titled_tables(ctx):
            if not money_table(rows[0], title):
                continue
            for row, details in detail_groups(rows[1:]):
                complete = standard_details(row, details)
                for column in range(1, len(row.cells)):
                    made = column_claim(ctx, self, f"表中“{row.label}”行", row, details, column,
                                        "" if complete else PARTIAL_DETAILS)
                    if made is None:
                        continue
                    if complete:
                        yield made
                    elif exceeded(made):
                        yield replace(made, ambiguous="")  # more than their row: wrong, partial or not


def exceeded(made: Claim) -> bool:
    """The details, none negative, add to more than their row however each is rounded (in a column of
    increases a part may fall more than its row)."""
    if made.stated.value < 0 or any(op.value < 0 for op in made.inputs):
        return False
    parts = total([op.interval() for op in made.inputs])
    return parts.lo > around(made.stated.value, made.stated.decimals).hi

