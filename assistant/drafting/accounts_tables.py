"""The published 部门决算 tables as real tables, filled from the figures: every cell a given or
derived value (so the draft's grounding and the validator see the same numbers as the text), a
cell not given printed as “—” with a note, a table stated to hold nothing said to be empty as published
reports say it, and a table nobody gave figures for said to be still missing."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from assistant.derive import Values
from assistant.figures import Figures

Row = list[str]


@lru_cache(maxsize=1)
def layout() -> dict:
    return yaml.safe_load((Path(__file__).with_name("accounts_tables.yaml")).read_text(encoding="utf-8"))


def cell(values: Values, key: str) -> str:
    return values[key].text if key in values else layout()["unknown"]


def markdown(header: Row, rows: list[Row]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def income_rows(figures: Figures, values: Values) -> list[Row]:
    return [[item.name, cell(values, f"income.{i}")] for i, item in enumerate(figures.accounts.income)]


def spending_rows(figures: Figures, values: Values) -> list[Row]:
    if figures.accounts.functions:
        return [[line.name, cell(values, f"function.{i}")] for i, line in enumerate(figures.accounts.functions)]
    return [["基本支出", cell(values, "basic")], ["项目支出", cell(values, "project")]]


def totals_table(figures: Figures, values: Values) -> str | None:
    left = income_rows(figures, values) + [["本年收入合计", cell(values, "income.total")],
                                           ["年初结转和结余", cell(values, "carried_in")], ["收入总计", cell(values, "revenue.total")]]
    right = spending_rows(figures, values) + [["本年支出合计", cell(values, "expenditure.total")],
                                              ["年末结转和结余", cell(values, "carried_out")], ["支出总计", cell(values, "spending.total")]]
    if "income.total" not in values and "expenditure.total" not in values:
        return None
    height = max(len(left), len(right))
    left += [["", ""]] * (height - len(left))
    right += [["", ""]] * (height - len(right))
    return markdown(["收入", "金额（万元）", "支出", "金额（万元）"], [a + b for a, b in zip(left, right, strict=True)])


def income_table(figures: Figures, values: Values) -> str | None:
    if "income.total" not in values:
        return None
    items = figures.accounts.income
    header = ["项目", "本年收入合计"] + [item.name for item in items]
    return markdown([h + "（万元）" if i else h for i, h in enumerate(header)],
                    [["合计", cell(values, "income.total")] + [cell(values, f"income.{i}") for i in range(len(items))]])


def expenditure_table(figures: Figures, values: Values) -> str | None:
    if "expenditure.total" not in values:
        return None
    rows = [["合计", cell(values, "expenditure.total"), cell(values, "basic"), cell(values, "project")]]
    for i, line in enumerate(figures.accounts.functions):
        rows.append([line.name, cell(values, f"function.{i}"), cell(values, f"function.{i}.basic"),
                     cell(values, f"function.{i}.project")])
    return markdown(["项目", "本年支出合计（万元）", "基本支出（万元）", "项目支出（万元）"], rows)


def fiscal_table(figures: Figures, values: Values) -> str | None:
    names = layout()["fiscal_income"]
    rows = [[item.name, cell(values, f"income.{i}")] for i, item in enumerate(figures.accounts.income)
            if any(item.name in group for group in names.values())]
    return markdown(["财政拨款收入", "金额（万元）"], rows) if rows else None


def general_table(figures: Figures, values: Values) -> str | None:
    """By 功能分类 when the lines were given; otherwise a row to fill in (the unit has such spending
    whenever it has 一般公共预算 income, so the table is not “empty”)."""
    rows = [[line.name, cell(values, f"function.{i}"), cell(values, f"function.{i}.basic"), cell(values, f"function.{i}.project")]
            for i, line in enumerate(figures.accounts.functions)]
    general = layout()["fiscal_income"]["general"]
    if not rows and any(item.name in general for item in figures.accounts.income):
        rows = [["合计", layout()["unknown"], layout()["unknown"], layout()["unknown"]]]
    return markdown(["项目", "合计（万元）", "基本支出（万元）", "项目支出（万元）"], rows) if rows else None


def general_basic_table(figures: Figures, values: Values) -> str | None:
    rows = [[name, cell(values, key)] for name, key in (("人员经费", "personnel"), ("公用经费", "public")) if key in values]
    if not rows:
        return None
    if "personnel" in values and "public" in values:
        rows.append(["合计", cell(values, "basic.economic")])
    return markdown(["项目", "金额（万元）"], rows)


def three_table(figures: Figures, values: Values) -> str | None:
    if "three.total" not in values:
        return None
    rows = [["合计", cell(values, "three.budget"), cell(values, "three.total")],
            ["因公出国（境）费", layout()["unknown"], cell(values, "three.abroad")],
            ["公务用车购置及运行费", layout()["unknown"], cell(values, "three.vehicle")],
            ["其中：公务用车购置费", layout()["unknown"], cell(values, "three.vehicle_purchase")],
            ["公务用车运行费", layout()["unknown"], cell(values, "three.vehicle_operation")],
            ["公务接待费", layout()["unknown"], cell(values, "three.reception")]]
    return markdown(["项目", "预算数（万元）", "决算数（万元）"], rows)


def single_table(key: str, label: str):
    def build(figures: Figures, values: Values) -> str | None:
        return markdown(["项目", "本年支出合计（万元）"], [[label, cell(values, key)]]) if values.get(key) and values[key].value else None
    return build


STATED_NONE = {"fund": "government_fund", "capital": "state_capital"}  # tables whose one figure may be said to be 0


BUILDERS = {"totals": totals_table, "income": income_table, "expenditure": expenditure_table, "fiscal": fiscal_table,
            "general": general_table, "general_basic": general_basic_table, "three": three_table,
            "fund": single_table("government_fund", "政府性基金预算财政拨款支出"),
            "capital": single_table("state_capital", "国有资本经营预算财政拨款支出")}


def nothing_in(table_id: str, figures: Figures) -> str:
    """What an empty table says: that the unit had none, only when a figure was stated as 0."""
    field = STATED_NONE.get(table_id)
    stated_zero = field is not None and getattr(figures.accounts, field) == 0
    return layout()["empty" if stated_zero else "pending"].format(year=figures.year)


def accounts_tables(figures: Figures, values: Values) -> str:
    """Every published table as a （一）-headed block; empty tables say so."""
    if figures.accounts is None:
        return ""
    blocks, unknown = [], False
    for table in layout()["tables"]:
        body = BUILDERS[table["id"]](figures, values)
        unknown = unknown or bool(body and layout()["unknown"] in body)
        blocks += [f"（一）{table['title']}", body or nothing_in(table["id"], figures)]
    if unknown:
        blocks.append(layout()["unknown_note"])
    return "\n".join(blocks)
