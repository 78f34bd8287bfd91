"""What every findings workbook shares: Chinese names of severities and kinds, a sheet with a bold
frozen header, set widths and a filter, and rows tinted by severity (conditional formatting, so a
reviewer who re-sorts or edits the sheet keeps the colours)."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from assistant.validation import cross_year
from assistant.validation.model import KIND_NAMES

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "note": "提示"}
SEVERITY_COLOURS = {"error": "F8CBAD", "warning": "FFE699", "note": "DDEBF7"}  # light red, amber, blue
HEADER_FILL = "D9D9D9"
BLANK_SHEET = "Sheet"  # the title openpyxl gives a new workbook's sheet


def kind_name(kind: str) -> str:
    if kind == cross_year.KIND:
        return cross_year.data().kind_name
    return KIND_NAMES.get(kind, kind)


def severity_fill(severity: str) -> PatternFill:
    colour = SEVERITY_COLOURS[severity]
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")


def add_sheet(book: Workbook, title: str, columns: list[tuple[str, int]]) -> Worksheet:
    """A new sheet (the workbook's first, blank one when it has no title yet) with a header row of
    `columns` (name, width in characters): bold, shaded, frozen."""
    sheet = book.active if book.active is not None and book.active.title == BLANK_SHEET else book.create_sheet()
    sheet.title = title
    sheet.append([name for name, _ in columns])
    for index, (_, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        header = sheet[f"{letter}1"]
        header.font = Font(bold=True)
        header.fill = PatternFill(start_color=HEADER_FILL, end_color=HEADER_FILL, fill_type="solid")
    sheet.freeze_panes = "A2"
    return sheet


def finish(sheet: Worksheet, wrapped: tuple[str, ...] = ()) -> None:
    """Once the rows are in: the filter covers every row; the columns named in `wrapped` wrap."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"
    for header in sheet[1]:
        if header.value in wrapped:
            for cell in sheet[header.column_letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def tint_by_severity(sheet: Worksheet, column: str) -> None:
    """Tint each data row by the severity word (错误/警告/提示) in `column`."""
    area = f"A2:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"
    for severity, word in SEVERITY_NAMES.items():
        sheet.conditional_formatting.add(area, FormulaRule(formula=[f'${column}2="{word}"'], fill=severity_fill(severity)))


def tint_counts(sheet: Worksheet, columns: dict[str, str]) -> None:
    """Tint count cells above zero: `columns` maps a column letter to the severity it counts."""
    last = max(sheet.max_row, 2)
    for letter, severity in columns.items():
        sheet.conditional_formatting.add(f"{letter}2:{letter}{last}",
                                         FormulaRule(formula=[f"{letter}2>0"], fill=severity_fill(severity)))
