"""The .xlsx 自评表: a fillable template, and a reader for it and for similar published layouts.

The reader looks for labelled cells (“全年预算数”, “项目名称”…) and takes the value to their right
(or, for a header row, the cell below), and for the indicator table by its header row
(一级指标 … 分值 … 得分), so a sheet laid out like a published 自评表 reads as well as ours.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from assistant.fields import by_path, form_labels
from retrieval.report_types import type_from_words, type_name

LABELS = {form: path for form, path in form_labels().items() if by_path()[path].kind != "list"}
LISTS = {form: path.split(".")[-1] for form, path in form_labels().items() if by_path()[path].kind == "list"}
INDICATOR_COLUMNS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "分值": "points",
                     "年度指标值": "target", "指标值": "target", "实际完成值": "actual", "得分": "score", "偏差原因": "reason"}


def put(data: dict, path: str, value) -> None:
    node = data
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def read_workbook(path: Path) -> dict:
    workbook = load_workbook(path, data_only=True, read_only=False)
    data: dict = {}
    for sheet in workbook.worksheets:
        rows = [[cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        read_labels(rows, data)
        read_table(rows, data, "一级指标", INDICATOR_COLUMNS, "indicators")
        read_items(rows, data)
    if "report_type" in data:
        data["report_type"] = type_from_words(str(data["report_type"])) or data["report_type"]
    return data


def read_labels(rows: list[list[str]], data: dict) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            label = text.rstrip("：:（万元）()")
            if label in LABELS and LABELS[label] not in flat_keys(data):
                right = row[c + 1] if c + 1 < len(row) else ""
                if is_label(right):
                    right = ""  # a header row (年初预算数 | 全年预算数 | …): values stand below
                below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) else ""
                if is_label(below):
                    below = ""  # the next label of a label | value column, not a value
                value = right or below
                if value:
                    put(data, LABELS[label], number_or_text(value))
            elif label in LISTS:
                items = [v for v in row[c + 1 :] if v] + [rows[k][c + 1] for k in range(r + 1, len(rows))
                                                           if len(rows[k]) > c + 1 and rows[k][c + 1] and not rows[k][c]]
                if items:
                    data.setdefault("narrative", {})[LISTS[label]] = items


def is_label(text: str) -> bool:
    return text.rstrip("：:（万元）()") in LABELS or text in LISTS or text in ("分值", "执行率", "得分")


def flat_keys(data: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(prefix + key)
        if isinstance(value, dict):
            keys |= flat_keys(value, prefix + key + ".")
    return keys


def read_table(rows: list[list[str]], data: dict, marker: str, columns: dict, target: str) -> None:
    for r, row in enumerate(rows):
        if marker not in row:
            continue
        index = {columns[h]: c for c, h in enumerate(row) if h in columns}
        carried = {"level1": "", "level2": ""}
        out = []
        for body in rows[r + 1 :]:
            if not any(body) or "合计" in body[:2]:
                break
            item = {key: body[c] for key, c in index.items() if c < len(body)}
            for key in carried:
                carried[key] = item.get(key) or carried[key]
                item[key] = carried[key]
            if not item.get("name") or not item.get("points"):
                continue
            item["points"] = float(item["points"])
            item["score"] = float(item["score"]) if item.get("score") else None
            out.append(item)
        data[target] = out
        return


def read_items(rows: list[list[str]], data: dict) -> None:
    """The 预算构成 sheet: a header “预算项目 | 金额” and name/amount rows."""
    for r, row in enumerate(rows):
        if row[:2] == ["预算项目", "金额（万元）"]:
            items = [{"name": b[0], "amount": float(b[1])} for b in rows[r + 1 :] if len(b) > 1 and b[0] and b[1]]
            data.setdefault("budget", {})["items"] = items


def number_or_text(value: str):
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


def write_template(path: Path, report_type: str = "project") -> Path:
    """A fillable 自评表: 基本信息 (label | value), 预算构成, 绩效指标, 文字说明."""
    workbook = Workbook()
    info = workbook.active
    info.title = "基本信息"
    header = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    rows = [("报告类型", type_name(report_type, short=True)),
            ("报告年度", 2024), ("填报单位", ""), ("项目名称", ""), ("评分规则", "national-2020"), ("年初预算数（万元）", ""),
            ("全年预算数（万元）", ""), ("实际到位资金（万元）", ""), ("全年执行数（万元）", ""), ("有效评价数", ""), ("满意数", "")]
    for r, (label, value) in enumerate(rows, start=1):
        info.cell(r, 1, label).font = header
        info.cell(r, 1).fill = fill
        info.cell(r, 2, value)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 24, 40
    budget = workbook.create_sheet("预算构成")
    budget.append(["预算项目", "金额（万元）"])
    indicators = workbook.create_sheet("绩效指标")
    indicators.append(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"])
    indicators.append(["预算执行率", "预算执行率", "预算执行率", 10, "100%", "", "", ""])
    for sheet in (budget, indicators):
        for cell in sheet[1]:
            cell.font, cell.fill = header, fill
            cell.alignment = Alignment(horizontal="center")
    text = workbook.create_sheet("文字说明")
    for r, label in enumerate(["基本情况", "绩效目标", "主要工作", "存在问题", "改进措施"], start=1):
        text.cell(r * 3 - 2, 1, label).font = header
    text.column_dimensions["B"].width = 80
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
