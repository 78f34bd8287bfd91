"""Money tables (`|`-rows from web pages, Word and PDF): the 合计 row equals the sum of its member
rows, column by column (表内勾稽). Members are the rows a standard breakdown names (“三公”经费 =
出国 + 公务用车 + 接待, read from the table's title or its total row); without one, every row
that is not a “其中” detail, and then a miss is only a note."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.numbers import Number, parse_numbers
from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.scores import table_location
from assistant.validation.judge import Claim, Operand
from assistant.validation.statements.binding import identities, identity_named, normal, term_matches
from assistant.validation.statements.vocabulary import vocabulary
from retrieval.documents import split_row
from retrieval.normalize import clean

TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计)$")
DETAIL_ROW = re.compile(r"^(?:其中|含|—|-|\d+[.、]|[（(]\d+[)）])")
TITLE_LINES = 3  # lines above a table where its title may stand
UNSURE_ROWS = "表中各行是否为合计的全部分项由版式推断"


@dataclass
class Row:
    line: int
    label: str
    cells: list[str]
    text: str


def tables(lines: list[str]) -> Iterable[tuple[int, list[Row]]]:
    """(line of the first row, rows) of each run of `|`-rows."""
    run: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if line.count("|") >= 2 and not set(line) <= set("|-: "):
            cells = [clean(c).text.strip() for c in split_row(line)]
            run.append(Row(number, re.sub(r"\s+", "", cells[0]) if cells else "", cells, line.strip()))
        elif run and not set(line.strip()) <= set("|-: "):
            yield run[0].line, run
            run = []
    if run:
        yield run[0].line, run


SCORE_HEADER = re.compile(r"分值|得分|权重|一级指标|指标值")
MONEY_HEADER = re.compile(r"预算|决算|执行数|金额|万元|元")


def money_table(header: Row, title: str) -> bool:
    """A table of amounts (not a score table, whose points the score checks read)."""
    words = " ".join(header.cells)
    return not SCORE_HEADER.search(words) and bool(MONEY_HEADER.search(words + title))


def first_number(cell: str) -> Number | None:
    found = parse_numbers(cell)
    return found[0] if len(found) == 1 and not found[0].is_percent else None


def titled_identity(title: str) -> dict | None:
    """The standard breakdown a table's title names (“…“三公”经费支出决算表”)."""
    plain = normal(title)
    return next((i for i in identities() if any(normal(alias) in plain for alias in i["total"]
                                                 if normal(alias) not in vocabulary().generic_names)), None)


def members(rows: list[Row], total: Row, title: str) -> tuple[list[Row], str]:
    identity = titled_identity(title) or identity_named(total.label)
    candidates = [r for r in rows[1:] if r is not total and r.label]  # rows[0] is the header
    if identity is not None:
        chosen = []
        for aliases in identity["parts"] + identity.get("optional", []):
            row = next((r for r in candidates if term_matches(r.label, aliases) and r not in chosen), None)
            if row is not None:
                chosen.append(row)
        if len(chosen) >= len(identity["parts"]):
            return chosen, ""
    plain = [r for r in candidates if not DETAIL_ROW.match(r.label)]
    return plain, UNSURE_ROWS


class TableRowSums(Check):
    id = "sum.table-rows"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        lines = ctx.document.lines
        for start, rows in tables(lines):
            total = next((r for r in rows if TOTAL_ROW.match(r.label)), None)
            title = clean(" ".join(lines[max(0, start - 1 - TITLE_LINES) : start - 1])).text
            if total is None or not money_table(rows[0], title):
                continue
            parts, unsure = members(rows, total, title)
            if len(parts) < 2:
                continue
            for column in range(1, len(total.cells)):
                made = self.column_claim(ctx, total, parts, column, unsure)
                if made is not None:
                    yield made

    def column_claim(self, ctx: ReviewContext, total: Row, parts: list[Row], column: int, unsure: str) -> Claim | None:
        stated = first_number(total.cells[column]) if column < len(total.cells) else None
        if stated is None:
            return None
        numbers = []
        for row in parts:
            cell = row.cells[column] if column < len(row.cells) else ""
            number = first_number(cell)
            if number is None and cell.strip(" -—0"):
                return None  # a cell that is not a figure: the column is not summed
            numbers.append(number)
        blanks = "表中空格按0计" if None in numbers else ""
        printed = [n for n in numbers if n is not None]
        finest = max([stated.decimals] + [n.decimals for n in printed])  # “0” in a column of cents is 0.00
        operands = [Operand(n, 1.0, finest) for n in printed]
        stated = replace(stated, decimals=finest)
        if not operands:
            return None
        shown = " + ".join(f"{n.value:.{n.decimals}f}" for n in numbers if n is not None)
        header = f"第{column + 1}列"
        location = table_location(ctx, total.line)
        return Claim(self.id, self.kind, f"表中合计行{header}", stated, tuple(operands), lambda *xs: sum(xs),
                     shown, total.text[:160], location, stated.unit, unsure or blanks, (1,) * len(operands))
