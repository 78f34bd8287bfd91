"""Money tables (`|`-rows from web pages, Word and PDF, or one cell per line from scraped pages): the
合计 row equals the sum of its member rows, column by column (表内勾稽). Members are the rows a standard
breakdown names (“三公”经费 = 出国 + 公务用车 + 接待, read from the table's title or its total row), or
the table's own outline (一、二、三… in order, their detail rows left out); without either, every row
that is not a “其中” detail, and then a miss is only a note. A column counting rows (行次) is not summed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.numbers import Number, parse_numbers
from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.scores import QUOTE_CHARS, table_location
from assistant.validation.judge import Claim, Operand
from assistant.validation.statements.binding import identities, identity_named, normal, term_matches
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import DocumentText
from retrieval.normalize import clean

TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计)$")
NAMED_TOTAL_ROW = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:合计|总计)$")  # “本年收入合计”: one per table, else unread
TOP_ROW = re.compile(r"^([一二三四五六七八九十])[、.．]")
CHINESE_NUMERALS = "一二三四五六七八九十"
MIN_TOP_ROWS = 2
MIN_SERIAL_ROWS = 2  # 1, 2 already counts rows
DETAIL_ROW = re.compile(r"^(?:其中|含|—|-|\d+[.、]|[（(]\d+[)）])")
TITLE_LINES = 3  # lines above a table where its title may stand
UNSURE_ROWS = "表中各行是否为合计的全部分项由版式推断"


@dataclass
class Row:
    line: int
    label: str
    cells: list[str]
    cell_lines: list[int]  # the line each cell stands on (one cell per line in scraped pages)


def tables(ctx: ReviewContext) -> Iterable[tuple[int, list[Row]]]:
    """(line of the first row, rows) of each table the report holds, in `|`-rows or one cell per line."""
    source = DocumentText(ctx.document.text)
    for cells in ctx.tables:
        rows = [Row(source.line_of(row[0].offset), re.sub(r"\s+", "", clean(row[0].text).text),
                    [clean(c.text).text.strip() for c in row], [source.line_of(c.offset) for c in row])
                for row in cells if row]
        if rows:
            yield rows[0].line, rows


SCORE_HEADER = re.compile(r"分值|得分|权重|一级指标|指标值")
MONEY_HEADER = re.compile(r"预算|决算|执行数|金额|万元|元")


def money_table(header: Row, title: str) -> bool:
    """A table of amounts (not a score table, whose points the score checks read)."""
    words = " ".join(header.cells)
    return not SCORE_HEADER.search(words) and bool(MONEY_HEADER.search(words + title))


def first_number(cell: str) -> Number | None:
    """The cell's one figure, signed (“-3,710.00” in a column of increases)."""
    found = parse_numbers(cell)
    if len(found) != 1 or found[0].is_percent:
        return None
    number = found[0]
    return replace(number, value=-number.value, text=f"-{number.text}") if number.negative else number


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
    # “一、预算拨款 … 二、财政专户拨款 … 三、其他资金”, each with its own detail rows, add to a 合计; a 总计 also
    # takes in rows outside the outline (年初结转和结余)
    top = [r for r in candidates if TOP_ROW.match(r.label)]
    if "合计" in total.label and len(top) >= MIN_TOP_ROWS and numbered_in_order(top):
        return top, ""
    plain = [r for r in candidates if not DETAIL_ROW.match(r.label)]
    return plain, UNSURE_ROWS


def serial(numbers: list[Number | None]) -> bool:
    """A column counting its rows (行次, 序号): whole numbers, each one more than the one before."""
    values = [n.value for n in numbers if n is not None]
    return len(values) >= MIN_SERIAL_ROWS and all(b - a == 1 for a, b in itertools.pairwise(values))


def signed_sum(numbers: list[Number]) -> str:
    """“2946.34 + 400.00 − 3710.00”."""
    shown = ""
    for n in numbers:
        digits = f"{abs(n.value):.{max(n.decimals, 0)}f}"
        shown += (f" {'−' if n.value < 0 else '+'} " if shown else ("−" if n.value < 0 else "")) + digits
    return shown


def numbered_in_order(rows: list[Row]) -> bool:
    """一、二、三… from the first, none left out: the table's own outline."""
    return [TOP_ROW.match(r.label).group(1) for r in rows] == list(CHINESE_NUMERALS[: len(rows)])


def titled_tables(ctx: ReviewContext) -> Iterable[tuple[str, list[Row]]]:
    """(title, rows from the header down) of each table: the lines above it and the rows above its header."""
    lines = ctx.document.lines
    for start, table in tables(ctx):
        above, rows = title_rows(table)
        yield clean(" ".join(lines[max(0, start - 1 - TITLE_LINES) : start - 1] + above)).text, rows


def title_rows(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """The text of rows above the header that a page turned into table rows (“…“三公”经费情况统计表 |”,
    “单位:万元”), and the table from its header: the last row before the first row of figures."""
    first = next((i for i, r in enumerate(rows) if any(first_number(c) for c in r.cells[1:])), 0)
    head = max(first - 1, 0)
    return [" ".join(r.cells) for r in rows[:head]], rows[head:]


def total_row(rows: list[Row]) -> Row | None:
    """The row “合计” or “总计”, or else the one row named “…合计” (“本年收入合计”); a table with two such
    rows (本年收入合计 and 收入总计) sums its rows in more than one way."""
    exact = next((r for r in rows if TOTAL_ROW.match(r.label)), None)
    named = [r for r in rows[1:] if NAMED_TOTAL_ROW.match(r.label)]
    return exact or (named[0] if len(named) == 1 else None)


class TableRowSums(Check):
    id = "sum.table-rows"

    def run(self, ctx: ReviewContext) -> Iterable[Claim]:
        for title, rows in titled_tables(ctx):
            total = total_row(rows)
            if total is None or not money_table(rows[0], title):
                continue
            parts, unsure = members(rows, total, title)
            if len(parts) < 2:
                continue
            for column in range(1, len(total.cells)):
                made = column_claim(ctx, self, "表中合计行", total, parts, column, unsure)
                if made is not None:
                    yield made


def column_claim(ctx: ReviewContext, check: Check, name: str, total: Row, parts: list[Row], column: int,
                 unsure: str) -> Claim | None:
    """The figure of `total` in `column` against the sum of the parts' figures there, None when a part's
    cell is no figure or the column counts rows."""
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
    if serial(numbers):
        return None  # 行次 / 序号: 1, 2, 3…
    blanks = "表中空格按0计" if None in numbers else ""
    printed = [n for n in numbers if n is not None]
    finest = max([stated.decimals] + [n.decimals for n in printed])  # “0” in a column of cents is 0.00
    operands = [Operand(n, 1.0, finest) for n in printed]
    stated = replace(stated, decimals=finest)
    if not operands:
        return None
    shown = signed_sum([n for n in numbers if n is not None])
    header = f"第{column + 1}列"
    location = table_location(ctx, total.cell_lines[column])
    return Claim(check.id, check.kind, f"{name}{header}", stated, tuple(operands), lambda *xs: sum(xs), shown,
                 ctx.document.lines[total.cell_lines[column] - 1].strip()[:QUOTE_CHARS], location,
                 stated.unit, unsure or blanks, (1,) * len(operands))
