"""The figures as a two-column table a finance officer reads (项目 | 数值, Chinese labels, units,
one row per list item) and edits: a changed value of a single figure is read back into the data."""

from __future__ import annotations

import re

from assistant.conversation.state import get_path, set_path
from assistant.fields import by_path, label
from retrieval.report_types import type_name

LIST_LABELS = {"outputs": "产出", "budget.items": "预算构成", "accounts.income": "本年收入", "accounts.procurement": "政府采购",
               "accounts.functions": "支出"}
NUMBER = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?")


def shown(path: str, value) -> str:
    spec = by_path().get(path)
    if path == "report_type":
        return type_name(str(value))
    if isinstance(value, int | float) and spec is not None and spec.kind == "money":
        return f"{value:.2f}万元"
    if isinstance(value, float):
        return f"{value:g}" + ("%" if spec is not None and spec.kind == "percent" else "")
    if spec is not None and spec.kind == "percent":
        return f"{value}%"
    return str(value)


def output_row(output: dict) -> tuple[str, str]:
    value = output.get("value")
    text = f"{value:g}{output.get('unit', '')}" if value is not None else "（本年数待补充）"
    extras = []
    if output.get("prior") is not None:
        extras.append(f"上年{output['prior']:g}{output.get('unit', '')}")
    if output.get("target"):
        extras.append(f"目标{output['target']}")
    return f"产出：{output['name']}", text + (f"（{'，'.join(extras)}）" if extras else "")


def figure_rows(data: dict, prefix: str = "") -> list[list[str]]:
    """[[项目, 数值], …] in the order the data holds them."""
    rows: list[list[str]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path == "outputs":
            rows += [list(output_row(o)) for o in value]
        elif path in LIST_LABELS:
            rows += [[f"{LIST_LABELS[path]}：{item['name']}", f"{item['amount']:.2f}万元"] for item in value]
        elif isinstance(value, dict):
            rows += figure_rows(value, path + ".")
        elif isinstance(value, list):
            rows += [[f"{label(path)} {i}", str(item)] for i, item in enumerate(value, start=1)]
        elif value not in (None, ""):
            rows.append([label(path), shown(path, value)])
    return rows


def apply_rows(data: dict, rows: list[list[str]]) -> list[str]:
    """Read edited single-figure rows back; returns the Chinese labels that changed."""
    paths = {label(p): p for p in scalar_paths(data)}
    changed = []
    for row in rows:
        if len(row) < 2 or row[0] not in paths:
            continue
        path, text = paths[row[0]], str(row[1]).strip()
        if text == shown(path, get_path(data, path)):
            continue
        value = parse_value(path, text)
        if value is not None:
            set_path(data, path, value)
            changed.append(row[0])
    return changed


def scalar_paths(data: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out += scalar_paths(value, path + ".")
        elif not isinstance(value, list) and path not in ("report_type", "rules"):
            out.append(path)
    return out


def parse_value(path: str, text: str):
    spec = by_path().get(path)
    if spec is None or spec.kind in ("text",):
        return text or None
    match = NUMBER.match(text.replace(",", ""))
    if match is None:
        return None
    number = float(match[0])
    return int(number) if spec.kind == "year" else number
