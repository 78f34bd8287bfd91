"""Money tables as facts: each figure of a table is a fact named by its row and measured by its
column (“公务接待费 | 预算数 14.9 | 决算数 5.21”), so the narrative can be set against the table.

Tables come as `|`-rows (web pages, Word, PDF) or one cell per line ending in “|” (scraped pages:
the header cells first, then the rows, the column count given by the header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial

from assistant.numbers import parse_numbers
from assistant.validation.statements.change_tables import change_row_facts
from assistant.validation.statements.facts import Fact, name_of
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.statements.year_tables import grouped_rows, is_year_table, year_row_facts
from assistant.validation.text import DocumentText, Sentence
from retrieval.documents import Document
from retrieval.normalize import clean

TABLE_TAG = "table"
CELL_LINE = re.compile(r"^[^|]*\|\s*$")
YEAR = re.compile(r"(20\d\d)\s*年")
MAX_HEADER_CELLS = 8


@dataclass
class Cell:
    text: str
    offset: int  # where the cell's text starts in the document


def pipe_rows(document: Document, source: DocumentText) -> list[list[list[Cell]]]:
    """Runs of `|`-rows, each row a list of cells."""
    tables, run = [], []
    for number, line in enumerate(document.lines, start=1):
        if line.count("|") >= 2 and not set(line) <= set("|-: "):
            base, cells, position = source.line_starts[number - 1], [], 0
            for part in line.split("|"):
                if part.strip() or cells:
                    cells.append(Cell(part.strip(), base + position + len(part) - len(part.lstrip())))
                position += len(part) + 1
            run.append([c for c in cells])
        elif run and not set(line.strip()) <= set("|-: "):
            tables.append(run)
            run = []
    return tables + ([run] if run else [])


def cell_runs(document: Document, source: DocumentText) -> list[list[list[Cell]]]:
    """Runs of one-cell-per-line tables (“公务接待费 |”, or the cell and its “|” on two lines),
    folded into rows by the width of their header."""
    tables, cells = [], []
    lines = document.lines + [""]
    bar_pending = False  # the last cell stood alone on its line, its “|” on the next
    for number, line in enumerate(lines, start=1):
        if line.strip() == "|" and bar_pending:
            bar_pending = False
            continue
        bar_pending = "|" not in line and bool(line.strip()) and number < len(lines) and lines[number].strip() == "|"
        if (CELL_LINE.match(line) and line.count("|") == 1) or bar_pending:
            text = line.rsplit("|", 1)[0]
            cells.append(Cell(text.strip(), source.line_starts[number - 1] + len(text) - len(text.lstrip())
                              if number <= len(source.line_starts) else 0))
            continue
        if len(cells) >= 4:
            width = header_width(cells)
            grouped = grouped_rows(cells)
            if grouped:
                tables.append(grouped)
            elif width:
                tables.append([cells[i : i + width] for i in range(0, len(cells), width)])
        cells = []
    return tables


def header_width(cells: list[Cell]) -> int:
    """Cells before the first figure, less the row label that precedes it, are the header."""
    first = next((i for i, c in enumerate(cells) if parse_numbers(c.text)), None)
    if first is None or first < 2 or first - 1 > MAX_HEADER_CELLS:
        return 0
    return first - 1


def measure_of(header: str) -> tuple[str, bool, int | None]:
    """(measure, last year?, year) a column header names: 预算数, 决算数, 上年决算, 2021年…"""
    words = vocabulary()
    text = clean(header).text.replace(" ", "")
    measure = next((m for m, w in words.measures if w in text), "")
    prior = bool(words.prior_word.search(text))
    year = YEAR.search(text)
    return measure, prior, int(year.group(1)) if year else None


def row_sentence(source: DocumentText, row: list[Cell], index: int, section: str, scope: str) -> Sentence:
    """A pseudo-sentence for one table row: its cells joined by “|”, mapped back to the page."""
    text, origin = "", []
    for cell in row:
        if text:
            text += "|"
            origin.append(cell.offset)
        folded = clean(cell.text)
        text += folded.text
        origin.extend(cell.offset + o for o in folded.origin[:-1])
    origin.append(origin[-1] + 1 if origin else 0)
    return Sentence(text, tuple(origin), source, section, scope, paragraph=-1 - index, index=-1 - index,
                    numbers=parse_numbers(text))


UNIT_NOTE = re.compile(r"单\s*位\s*[:：]\s*(万元|元|亿元)|[(（](万元|元|亿元)[)）]")
UNIT_LINES = 3  # lines above a table where “单位：万元” may stand


def table_unit(document: Document, source: DocumentText, rows: list[list[Cell]]) -> str:
    first_line = source.line_of(rows[0][0].offset)
    above = "\n".join(document.lines[max(0, first_line - 1 - UNIT_LINES) : first_line - 1])
    header = " ".join(c.text for c in rows[0])
    found = UNIT_NOTE.search(clean(header).text) or UNIT_NOTE.search(clean(above).text)
    return (found.group(1) or found.group(2)) if found else ""


def sentence_for(source: DocumentText, sections: dict[int, tuple[str, str]], facts: list[Fact], row: list[Cell]) -> Sentence:
    section, scope = sections.get(source.line_of(row[0].offset), ("", ""))
    return row_sentence(source, row, len(facts), section, scope)


def table_cells(document: Document) -> list[list[list[Cell]]]:
    """Every table of the document, `|`-rows and one cell per line, as rows of cells: read once, for the
    tables' facts and for their sums."""
    source = DocumentText(document.text)
    return pipe_rows(document, source) + cell_runs(document, source)


def table_facts(document: Document, tables: list[list[list[Cell]]], sections: dict[int, tuple[str, str]],
                year: int | None) -> list[Fact]:
    """Every figure of every money table, named by its row and measured by its column."""
    source = DocumentText(document.text)
    facts: list[Fact] = []
    for rows in tables:
        header = [c.text for c in rows[0]]
        columns = [measure_of(h) for h in header]
        unit = table_unit(document, source, rows)
        if is_year_table(rows):
            facts.extend(year_row_facts(rows, partial(sentence_for, source, sections, facts), unit))
            continue
        compared = change_row_facts(rows, partial(sentence_for, source, sections, facts), unit, measure_of)
        if compared is not None:
            facts.extend(compared)
            continue
        if not any(m or y for m, _, y in columns[1:]):
            continue  # not a table of budget and final figures
        for row in rows[1:]:
            if not row or not row[0].text:
                continue
            sentence = sentence_for(source, sections, facts, row)
            name, _ = name_of(clean(row[0].text).text.replace(" ", ""))
            for column, (measure, prior, column_year) in enumerate(columns[1:], start=1):
                if column >= len(row):
                    break
                end = row[column + 1].offset if column + 1 < len(row) else 10**12
                found = [n for n in sentence.numbers if row[column].offset <= sentence.offset(n.start) < end][:1]
                if not found or found[0].is_percent or (column_year and year and column_year != year):
                    continue
                number = found[0] if found[0].unit or not unit else replace(found[0], unit=unit)
                fact = Fact(sentence, number, column, row[0].text, "value", name=name, title=row[0].text,
                            own_name=bool(name), measure=measure, prior=prior, tags={TABLE_TAG})
                facts.append(fact)
    return facts
