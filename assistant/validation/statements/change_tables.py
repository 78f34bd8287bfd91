"""Tables that compare two periods column by column: “项目 | 本期 | 上年同期 | 增加额 | 增长率”, then
“1、总收入 | 61625022.26 | 66095039.04 | -4470016.78 | -6.76%”.

The header names which column is this period, which the earlier one, and which the change and its
rate (statements.yaml `change_columns`; two year columns also tell the later from the earlier).
Each row becomes one change, checked like a growth stated in prose. Rows whose merged label cells
are left out (“住院次均费用 | 元 | 4283.5 | …” under “一级指标 | 二级指标 | 单位 | 上年度 | …”) are
aligned by their figures; a row no alignment reads cleanly is skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.validation.statements.facts import Fact, name_of
from assistant.validation.statements.periods import YEAR_IN_LABEL
from assistant.validation.statements.vocabulary import alternation, vocabulary
from assistant.validation.statements.year_tables import numeric
from retrieval.normalize import clean

ROW_TAG = "change-row:"
ROLES = ("current", "prior", "amount", "rate")
HEADER_ROWS = 3  # a title or unit row may stand above the header
MAX_SHIFT = 2  # merged label cells a row may leave out
EMPTY_CELL = re.compile(r"^[\s\-—－/]*$")
PERCENT = re.compile(r"[%％]")
OTHER_BASE = re.compile(r"预算|年初|计划")
LINE_NUMBER = re.compile(r"行号|行次|栏次|序号|编号")
NOT_A_NAME = re.compile(LINE_NUMBER.pattern + "|单位")  # columns beside the item's name


def column_roles(header: list[str]) -> dict[str, int] | None:
    """Which column holds each role, when the header names this period, the earlier one and a change."""
    words = vocabulary().data["change_columns"]
    found: dict[str, int] = {}
    years = {}
    for index, text in enumerate(header):
        folded = clean(text).text.replace(" ", "")
        role = next((r for r in ROLES if re.search(alternation(words[r]) + "$", folded)), None)
        if role in ("amount", "rate") and OTHER_BASE.search(folded):
            return None  # “比预算增减”: a change against another column than the earlier period's
        if role and role not in found:
            found[role] = index
        elif role is None and (year := YEAR_IN_LABEL.search(folded)) and not re.search(alternation(words["amount"]), folded):
            years[index] = int(year.group(1))
    if len(set(years.values())) == 2 and "current" not in found and "prior" not in found:
        found["current"], found["prior"] = (max(years, key=years.get), min(years, key=years.get))
    if "current" not in found or "prior" not in found or not ({"amount", "rate"} & set(found)):
        return None
    return found


def aligned(row: list, header: list[str], roles: dict[str, int]) -> dict[str, int] | None:
    """The row index of each role's cell and of the label, shifting the row right past label cells it
    leaves out. A shift fits when the cells under text headers (名称, 单位) hold text, those under the
    roles figures or nothing, and nothing stands after the last role; the label is the last text cell
    before the first role that is not a unit or a line number (“行号” may hold figures)."""
    first, last = min(roles.values()), max(roles.values())
    for shift in range(MAX_SHIFT + 1):
        if last - shift >= len(row) or any(not EMPTY_CELL.match(c.text) for c in row[last - shift + 1 :]):
            continue  # a row too short for the roles, or with figures past them
        if any(numeric(row[j - shift].text) for j in range(shift, first)
               if not LINE_NUMBER.search(clean(header[j]).text.replace(" ", ""))):
            continue
        cells = {role: column - shift for role, column in roles.items()}
        texts = {role: row[index].text for role, index in cells.items()}
        if any(not EMPTY_CELL.match(t) and not numeric(t) for t in texts.values()):
            continue
        label = next((i for i in range(first - shift - 1, -1, -1)
                      if not numeric(row[i].text) and not NOT_A_NAME.search(clean(header[i + shift]).text)), None)
        if label is None or not numeric(texts["current"]) or not numeric(texts["prior"]):
            continue
        if PERCENT.search(texts["current"] + texts["prior"]):
            return None  # a ratio's row (药占比): its change is in points, printed many ways
        return {"label": label, **cells}
    return None


def change_row_facts(rows: list[list], sentence_of, unit: str, measure_of) -> list[Fact] | None:
    """The facts of a table comparing two periods (None when it is not one): per row, this period's
    value, the earlier value, the change and its rate, tagged with their row. `measure_of` reads a
    column header's measure and year (预算数, 决算数, 2021年…)."""
    found = next(((at, roles) for at, header in enumerate(rows[:HEADER_ROWS])
                  if (roles := column_roles([c.text for c in header]))), None)
    if found is None:
        return None
    at, roles = found
    header = rows[at]
    headings = {role: measure_of(header[column].text) for role, column in roles.items()}
    facts: list[Fact] = []
    for row in rows[at + 1 :]:
        cells = aligned(row, [c.text for c in header], roles) if row else None
        if cells is None:
            continue
        sentence = sentence_of(row)
        label = cells.pop("label")
        name = name_of(clean(row[label].text).text.replace(" ", ""))[0]
        for role, index in cells.items():
            end = row[index + 1].offset if index + 1 < len(row) else len(sentence.source.text)
            found = [n for n in sentence.numbers if row[index].offset <= sentence.offset(n.start) < end][:1]
            if found:
                measure, _, year = headings[role]
                facts.append(row_fact(sentence, found[0], role, name, row[label].text, unit, f"{ROW_TAG}{row[0].offset}",
                                      measure, year))
    return facts or None  # no row aligned: the table is read as budget and final figures instead


def row_fact(sentence, number, role: str, name: str, title: str, unit: str, tag: str, measure: str,
             year: int | None) -> Fact:
    if role == "rate" or (role == "amount" and number.is_percent):
        return Fact(sentence, replace(number, unit="%"), 0, "", "change", name=name, title=title,
                    direction="down" if number.negative else "up", tags={"table", tag})
    number = number if number.unit or not unit else replace(number, unit=unit)
    if role == "amount":
        return Fact(sentence, number, 0, "", "change", name=name, title=title,
                    direction="down" if number.negative else "up", tags={"table", tag})
    return Fact(sentence, number, 0, "", "value", name=name, title=title, own_name=bool(name), measure=measure,
                prior=role == "prior", year=year, tags={"table", tag})


def row_of(fact: Fact) -> str:
    return next((t for t in fact.tags if t.startswith(ROW_TAG)), "")
