"""The 年度资金总额 rows of 自评表: [年初预算, 全年预算, 全年执行, 分值, 执行率, 得分].

Two readings. The six cells after “年度资金总额” (seed 003's layout); and, where that finds nothing,
the columns a header names in order (statements.yaml `execution_tables`) with as many figures after
it: “全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分” then “年度资金总额: | 9.48 | 9.48 | 10 |
100% | 10”, or a whole table flattened onto one line (“预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率)
285.84 285.84 100% 20”). A header read any other way (a column twice, a cell that is not what its
column holds) reads nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from assistant.numbers import Number, parse_numbers
from assistant.validation.statements.vocabulary import alternation, vocabulary

EXECUTION_ROW = "年度资金总额"
EXECUTION_ROW_LINES = 24  # a flattened row's cells may run over this many lines
HEADER_LINES = 12  # a header one cell per line may open this many lines above its rate column
MAX_EXECUTION_POINTS = 30  # the 预算执行率 line is worth 10 (sometimes 20); more means another layout
ROLES = ("initial", "budget", "spent", "points", "rate", "score")
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
CELL_GAP = re.compile(r"[\s|｜]*")  # only cell borders between two cells of one row
EMPTY_CELL = re.compile(r"[|｜]\s*[|｜]")


@dataclass
class ExecutionCells:
    line: int  # 0-based line the row's cells begin on
    start: int  # where they begin on that line
    cells: list  # by ROLES; None where the table has no such column
    label: str = EXECUTION_ROW
    six_cells: bool = True  # seed 003's layout, whose row is scored with the indicator table below it


def execution_points(points: Number) -> bool:
    return not points.unit and points.value.is_integer() and 0 < points.value <= MAX_EXECUTION_POINTS


def execution_layout(numbers: list) -> bool:
    """[年初预算, 全年预算, 全年执行, 分值, 执行率, 得分]: points a small whole number, score within it."""
    points, score = numbers[ROLES.index("points")], numbers[ROLES.index("score")]
    return execution_points(points) and not score.is_percent and score.value <= points.value


def cells_text(lines: list[str], index: int, start: int) -> str:
    return "\n".join(lines[index : index + EXECUTION_ROW_LINES])[start:]


def row_figures(text: str, count: int) -> list[Number] | None:
    """The first `count` figures of a row, or None when a cell is blank: an empty `|  |` cell, or a
    change in how the cells are set apart (“… 10 95%” then a page number on a line of its own) would
    shift a later figure into the blank cell's column."""
    numbers = parse_numbers(text)[:count]
    if len(numbers) < count:
        return None
    gaps = [text[a.end : b.start] for a, b in pairwise(numbers)]
    if any(not CELL_GAP.fullmatch(g) or EMPTY_CELL.search(g) for g in gaps) or len({g.count("\n") for g in gaps}) > 1:
        return None
    return numbers


def execution_rows(lines: list[str]) -> dict[int, ExecutionCells]:
    """0-based line → the execution row whose cells begin there."""
    rows = {}
    for index, line in enumerate(lines):
        if EXECUTION_ROW in line:
            start = line.index(EXECUTION_ROW) + len(EXECUTION_ROW)
            numbers = row_figures(cells_text(lines, index, start), len(ROLES))
            if numbers and numbers[ROLES.index("rate")].is_percent and execution_layout(numbers):
                rows[index] = ExecutionCells(index, start, numbers)
    for row in header_rows(lines):
        if not any(abs(row.line - taken) <= EXECUTION_ROW_LINES for taken in rows):
            rows[row.line] = row
    return rows


def line_at(lines: list[str], first: int, offset: int) -> tuple[int, int]:
    """(0-based line, column) of an offset into the lines from `first` joined by one character each."""
    line = first
    while line < len(lines) - 1 and offset > len(lines[line]):
        offset -= len(lines[line]) + 1
        line += 1
    return line, offset


def row_up_to(lines: list[str], row: ExecutionCells, cell: Number) -> tuple[int, str]:
    """The 0-based line a cell of the row stands on, and the row's words up to that cell."""
    line, _ = line_at(lines, row.line, row.start + cell.start)
    return line, " ".join((row.label + cells_text(lines, row.line, row.start)[: cell.end]).split())


@lru_cache(maxsize=1)
def header_words() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    layout = vocabulary().data["execution_tables"]
    role_of = {word: role for role, words in layout["columns"].items() for word in words}
    return (role_of, re.compile(alternation(list(role_of))), re.compile(alternation(layout["group_words"])),
            re.compile(alternation(layout["columns"]["rate"])))


def header_rows(lines: list[str]) -> list[ExecutionCells]:
    role_of, column, group, rate_word = header_words()
    found: dict[int, ExecutionCells] = {}
    for index, line in enumerate(lines):
        at = rate_word.search(line)
        if at is None:
            continue
        first = max(0, index - HEADER_LINES)
        window = " ".join(lines[first : index + EXECUTION_ROW_LINES])
        masked = BRACKETED.sub(lambda m: " " * len(m.group()), window)
        rate_at = sum(len(text) + 1 for text in lines[first:index]) + at.start()  # its place in the window
        digits_before = [m.end() for m in re.finditer(r"\d", masked[:rate_at])]
        digit_after = re.search(r"\d", masked[rate_at:])
        if digit_after is None:
            continue
        header_start, header_end = (digits_before[-1] if digits_before else 0), rate_at + digit_after.start()
        header = group.sub(lambda m: " " * len(m.group()), masked[header_start:header_end])
        roles = named_roles([role_of[m.group()] for m in column.finditer(header)])
        row = row_after(lines, first, header_end, roles, index) if roles else None
        if row is not None:
            found.setdefault(row.line, row)
    return list(found.values())


def named_roles(roles: list[str]) -> list[str] | None:
    """The header's columns by role; a budget named twice is the initial, then the full-year one."""
    if roles.count("budget") == 2 and "initial" not in roles:
        roles[roles.index("budget")] = "initial"
    if len(set(roles)) != len(roles) or not {"rate", "spent"} <= set(roles) or not {"budget", "initial"} & set(roles):
        return None
    return roles


def row_after(lines: list[str], first: int, offset: int, roles: list[str], header_line: int) -> ExecutionCells | None:
    """The figures after the header, one per column, when each is what its column holds; a row on a
    line of its own is quoted with its label (“年度资金总额:”)."""
    line, start = line_at(lines, first, offset)
    numbers = row_figures(cells_text(lines, line, start), len(roles))
    if numbers is None:
        return None
    cells = dict(zip(roles, numbers, strict=True))
    points, score = cells.get("points"), cells.get("score")
    if not cells["rate"].is_percent or any(n.is_percent for role, n in cells.items() if role != "rate"):
        return None
    if (points is not None and not execution_points(points)) or (points and score and score.value > points.value):
        return None
    label = lines[line][:start] if line != header_line else ""
    return ExecutionCells(line, start, [cells.get(role) for role in ROLES], label=label, six_cells=False)
