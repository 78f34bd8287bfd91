"""Tables whose rows are years: “年度 | 合计 | 因公出国(境)经费 | 公务接待费 | …”, then
“2015年 | 2840 | 90 | 1400 | …”, “2016年 | 2364 | 12 | 1356 | …” and a row of changes
“2016年比2015年增减% | -16.77 | -86.62 | -3.14 | …”.

Each column is an item and each year row its value that year; the row of changes states each
item's growth against the earlier year. The cells become facts tagged with their column, so the
row of changes is checked like a growth stated in prose, and a growth the prose states without
last year's figure finds it in the column of the same item.

Scraped pages print a grouped header cell before its sub-columns (“公车购置及运行维护费 | 合计 |
车辆购置 | 车辆运行”): the header then has more cells than a row, and the group's 合计 takes the
group's name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.numbers import parse_numbers
from assistant.validation.statements.facts import Fact, name_of
from assistant.validation.text import Sentence
from retrieval.normalize import clean

YEAR_ROW = re.compile(r"^\s*(20\d\d)\s*年度?\s*(?:决算数?|预算数?|执行数?)?\s*$")
CHANGE_ROW = re.compile(r"增减|增长|下降|变动|变化|比上年|同比")
RATE_ROW = re.compile(r"%|％|率|幅")
SUBTOTAL = re.compile(r"^(?:合\s*计|小\s*计)$")
COLUMN_TAG = "column:"
MIN_YEAR_ROWS = 2


def numeric(text: str) -> bool:
    found = parse_numbers(text)
    return len(found) == 1 and bool(re.fullmatch(r"[-−－]?\s*" + re.escape(found[0].text), text.strip()))


def labelled_rows(cells: list) -> tuple[int, int] | None:
    """(where the data rows start, their width) when every row is a label followed by figures."""
    first = next((i for i, c in enumerate(cells) if numeric(c.text)), None)
    if first is None or first < 2:
        return None
    start = first - 1
    labels = [i for i in range(start, len(cells)) if not numeric(cells[i].text)]
    widths = {b - a for a, b in zip(labels, labels[1:] + [len(cells)], strict=True)}
    return (start, widths.pop()) if len(widths) == 1 and len(labels) >= MIN_YEAR_ROWS else None


def fold_groups(header: list, width: int) -> list | None:
    """A header with more cells than a row: each group cell before a 合计 gives that 合计 its name."""
    header = list(header)
    i = 1
    while len(header) > width and i < len(header) - 1:
        if SUBTOTAL.match(header[i + 1].text) and not SUBTOTAL.match(header[i].text):
            header[i : i + 2] = [replace(header[i + 1], text=header[i].text)]
        i += 1
    return header if len(header) == width else None


def grouped_rows(cells: list) -> list[list] | None:
    """Rows of a one-cell-per-line table whose header has grouped cells (None when it has none)."""
    found = labelled_rows(cells)
    if found is None:
        return None
    start, width = found
    header = fold_groups(cells[:start], width)
    if header is None or len(cells[:start]) == width:
        return None
    return [header] + [cells[i : i + width] for i in range(start, len(cells), width)]


def year_of(label: str) -> int | None:
    found = YEAR_ROW.match(clean(label).text)
    return int(found.group(1)) if found else None


def is_year_table(rows: list[list]) -> bool:
    years = {year_of(row[0].text) for row in rows[1:] if row} - {None}
    return len(years) >= MIN_YEAR_ROWS


def year_row_facts(rows: list[list], sentence_of, unit: str) -> list[Fact]:
    """Facts of a table whose rows are years: a value per year and column, the change row's cells
    as changes (direction by their sign), every fact tagged with its column."""
    header = rows[0]
    latest = max(year_of(row[0].text) or 0 for row in rows[1:] if row)
    facts: list[Fact] = []
    for row in rows[1:]:
        label = clean(row[0].text).text.replace(" ", "")
        year = year_of(label)
        change = not year and CHANGE_ROW.search(label)
        if not (year or change):
            continue
        sentence: Sentence = sentence_of(row)
        for column in range(1, min(len(row), len(header))):
            cell = row[column]
            end = row[column + 1].offset if column + 1 < len(row) else 10**12
            found = [n for n in sentence.numbers if cell.offset <= sentence.offset(n.start) < end][:1]
            if not found:
                continue
            name, measure = name_of(clean(header[column].text).text.replace(" ", ""))
            tag = f"{COLUMN_TAG}{header[0].offset}:{column}"
            number = found[0]
            if change:
                percent = RATE_ROW.search(label) is not None
                number = replace(number, unit="%" if percent else (unit or number.unit))
                fact = Fact(sentence, number, column, "", "change", name=name, title=header[column].text,
                            direction="down" if found[0].negative else "up", tags={"table", tag})
            else:
                number = number if number.unit or not unit else replace(number, unit=unit)
                fact = Fact(sentence, number, column, "", "value", name=name, title=header[column].text,
                            own_name=bool(name), measure=measure, prior=year < latest, year=year, tags={"table", tag})
            facts.append(fact)
    return facts


def column_of(fact: Fact) -> str:
    return next((t for t in fact.tags if t.startswith(COLUMN_TAG)), "")
