"""Score tables (一级/二级/三级指标, 分值, 得分, 指标值, 实际完成值) in the forms reports use:
`|`-rows (and .docx tables, which load as `|`-rows), and the one-cell-per-line or tab-separated
runs that scraped pages produce (seeds 001, 003, 004).

The indicator tree of a cell run is rebuilt from the points: an indicator written “name（N分）”
opens a parent that later indicators fill until its points are used up, at most three levels deep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from assistant.numbers import parse_numbers
from assistant.validation.statements.vocabulary import alternation, vocabulary
from retrieval.documents import split_row
from retrieval.normalize import clean

NAME_POINTS = re.compile(r"^(?P<name>[^\d|]{2,40}?)\s*[(（]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）]$")
POINTS_ONLY = re.compile(r"^[(（]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）]$")
BARE_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*分?\s*$")
LAYOUT = vocabulary().data["score_tables"]
TOTAL_WORDS = re.compile("^" + alternation(LAYOUT["total_words"]) + "$")
HEADER_WORDS = tuple(LAYOUT["header_words"])
TABLE_START = re.compile("(" + "|".join(LAYOUT["start_words"]) + ")")


def fold(text: str) -> str:
    return clean(text).text


@dataclass
class Node:
    name: str
    points: float | None
    line: int
    score: float | None = None
    score_text: str = ""
    target: str = ""
    actual: str = ""
    leaf_style: bool = False
    children: list[Node] = field(default_factory=list)
    remaining: float = 0.0

    def leaves(self) -> list[Node]:
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]


@dataclass
class ScoreTable:
    roots: list[Node]
    line: int
    total_points: float | None = None
    total_score: float | None = None
    total_text: str = ""
    total_line: int = 0
    cells: bool = False  # rebuilt from a one-cell-per-line run, where the tree follows the points

    @property
    def whole(self) -> bool:
        """Whether the table is known to be all there: a row table, or a cell run that reaches its
        total row (a page cut mid-table leaves a run with no end)."""
        return not self.cells or bool(self.total_line)

    def nodes(self) -> list[Node]:
        out: list[Node] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


POINTS_STEP = 0.5  # indicator points are whole or half points; anything else is a misread cell
MAX_PLAUSIBLE_TOTAL = 150  # first-level points far above a 100-point table mean the layout was misread


def plausible(table: ScoreTable) -> bool:
    """Whether a table read from scraped cells looks like a score table rather than a misreading."""
    points = [n.points for n in table.nodes() if n.points is not None]
    if any(abs(p / POINTS_STEP - round(p / POINTS_STEP)) > 1e-9 for p in points):
        return False
    return sum(r.points or 0 for r in table.roots) <= MAX_PLAUSIBLE_TOTAL


def find_tables(lines: list[str]) -> list[ScoreTable]:
    tables = [t for t in pipe_tables(lines) if t.roots and plausible(t)]
    taken = {t.line for t in tables}
    for start, end in cell_runs(lines):
        if not any(start <= t <= end for t in taken):
            table = cell_table(lines, start, end)
            if table.roots and plausible(table):
                tables.append(table)
    return tables


def cell_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges (1-based, inclusive) of one-cell-per-line tables that carry points."""
    runs = []
    i = 0
    while i < len(lines):
        if TABLE_START.search(fold(lines[i]).strip()) and "|" not in lines[i]:
            end = i
            for j in range(i, min(len(lines), i + 1200)):
                cell = fold(lines[j]).strip()
                end = j
                if TOTAL_WORDS.match(cell):
                    following = [k for k in range(j + 1, min(len(lines), j + 8)) if lines[k].strip()][:2]
                    end = max([j] + following)
                    break
            runs.append((i + 1, end + 1))
            i = end + 1
        else:
            i += 1
    return runs


def cell_table(lines: list[str], start: int, end: int) -> ScoreTable:
    cells = [(n, fold(lines[n - 1]).strip()) for n in range(start, end + 1) if lines[n - 1].strip()]
    depth = max(2, sum(1 for _, c in cells[:40] if c in HEADER_WORDS) // 1 or 3)
    depth = min(depth, 3)
    items: list[Node] = []
    table = ScoreTable([], start, cells=True)
    i = 0
    while i < len(cells):
        line, cell = cells[i]
        named = NAME_POINTS.match(cell)
        if not named and i + 1 < len(cells) and POINTS_ONLY.match(cells[i + 1][1]) and not BARE_NUMBER.match(cell):
            items.append(Node(cell, float(POINTS_ONLY.match(cells[i + 1][1])["points"]), line))
            i += 2
            continue
        if named:
            items.append(Node(named["name"].strip(), float(named["points"]), line))
        elif TOTAL_WORDS.match(cell):
            numbers = [float(BARE_NUMBER.match(c)[1]) for _, c in cells[i + 1 : i + 3] if BARE_NUMBER.match(c)]
            table.total_line = line
            if len(numbers) == 2:
                table.total_points, table.total_score = numbers
            elif numbers:
                table.total_score = numbers[0]
            table.total_text = " ".join(c for _, c in cells[i : i + 1 + len(numbers)])
            break
        elif BARE_NUMBER.match(cell):
            nxt = cells[i + 1][1] if i + 1 < len(cells) else ""
            previous = cells[i - 1][1] if i else ""
            if BARE_NUMBER.match(nxt) and previous and not BARE_NUMBER.match(previous) and not NAME_POINTS.match(previous):
                items.append(Node(previous, float(BARE_NUMBER.match(cell)[1]), cells[i - 1][0],
                                  score=float(BARE_NUMBER.match(nxt)[1]), score_text=nxt, leaf_style=True))
                i += 2
                continue
            if items and items[-1].score is None and not items[-1].leaf_style:
                items[-1].score, items[-1].score_text = float(BARE_NUMBER.match(cell)[1]), cell
        i += 1
    table.roots = nest(items, depth)
    return table


def nest(items: list[Node], depth: int) -> list[Node]:
    """Parents fill up with the indicators that follow them until their points are used up."""
    roots: list[Node] = []
    stack: list[Node] = []
    orphans: list[Node] = []  # scraped cells out of order: leaves whose parent comes after them
    for item in items:
        while stack and (len(stack) >= depth or stack[-1].remaining <= 1e-9
                         or (item.points or 0) > stack[-1].remaining + 1e-9):
            stack.pop()
        if item.leaf_style and not stack and depth > 1:
            orphans.append(item)
            continue
        (stack[-1].children if stack else roots).append(item)
        if stack:
            stack[-1].remaining -= item.points or 0
        if not item.leaf_style and item.points is not None:
            item.remaining = item.points
            stack.append(item)
            while orphans and (orphans[0].points or 0) <= item.remaining + 1e-9:
                adopted = orphans.pop(0)
                item.children.append(adopted)
                item.remaining -= adopted.points or 0
    return roots + orphans


def pipe_tables(lines: list[str]) -> list[ScoreTable]:
    tables: list[ScoreTable] = []
    i = 0
    while i < len(lines):
        cells = split_row(fold(lines[i])) if "|" in lines[i] else ()
        columns = header_columns(cells)
        if columns is None:
            i += 1
            continue
        table, i = pipe_table(lines, i + 1, columns)
        table.line = table.line or i
        tables.append(table)
    return tables


def header_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    names = LAYOUT["columns"]
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for key, words in names.items():
            if key not in columns and any(cell.strip() == w or cell.strip().startswith(w) for w in words):
                columns[key] = index
                break
    return columns if "points" in columns and ("level1" in columns or "level3" in columns) else None


def pipe_table(lines: list[str], start: int, columns: dict[str, int]) -> tuple[ScoreTable, int]:
    table = ScoreTable([], start)
    parents: dict[tuple[str, ...], Node] = {}
    carried = ["", ""]
    i = start
    while i < len(lines) and "|" in lines[i]:
        cells = split_row(fold(lines[i]))
        i += 1
        if set("".join(cells)) <= set("-: "):
            continue
        get = partial(cell_of, cells, columns)
        first = " ".join(cells[:2])
        if re.search(r"合计|总分|总计", first):
            table.total_points, table.total_score = _number(get("points")), _number(get("score"))
            table.total_text, table.total_line = lines[i - 1].strip(), i
            continue
        path = []
        for slot, key in enumerate(("level1", "level2")):
            if key in columns:
                carried[slot] = get(key) or carried[slot]
                path.append(carried[slot])
        name = get("level3") or (path.pop() if path else "")
        leaf = Node(name, _number(get("points")), i, score=_number(get("score")), score_text=get("score"),
                    target=get("target"), actual=get("actual"))
        attach(table, parents, [p for p in path if p], leaf)
    return table, i


def cell_of(cells: tuple[str, ...], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def attach(table: ScoreTable, parents: dict, path: list[str], leaf: Node) -> None:
    siblings = table.roots
    for depth in range(len(path)):
        key = tuple(path[: depth + 1])
        if key not in parents:
            named = NAME_POINTS.match(path[depth])
            node = Node(named["name"].strip() if named else path[depth], float(named["points"]) if named else None, leaf.line)
            parents[key] = node
            siblings.append(node)
        siblings = parents[key].children
    siblings.append(leaf)


def _number(cell: str) -> float | None:
    numbers = parse_numbers(cell)
    return numbers[0].value if numbers else None
