"""Word output in the style of official documents (GB/T 9704): 小标宋 title, 黑体 / 楷体 headings,
仿宋 三号 body with a two-character first-line indent, real tables, page numbers in the footer."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"
SIZE_TITLE, SIZE_BODY, SIZE_TABLE = Pt(22), Pt(16), Pt(12)  # 二号, 三号, 小四
LEVEL_ONE = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|附：)")
LEVEL_TWO = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


def set_font(run, name: str, size, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)


def paragraph(document, text: str, font: str, size, *, bold=False, center=False, indent=True):
    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    set_font(para.add_run(text), font, size, bold)
    return para


def add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, cells in enumerate(rows):
        for c in range(width):
            cell = table.cell(r, c)
            cell.text = ""
            run = cell.paragraphs[0].add_run(cells[c] if c < len(cells) else "")
            set_font(run, BODY_FONT, SIZE_TABLE, bold=r == 0)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def page_numbers(document) -> None:
    """“— 1 —” centred in every footer, as a PAGE field Word updates itself."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(footer.add_run("— "), BODY_FONT, Pt(14))
    run = footer.add_run()
    set_font(run, BODY_FONT, Pt(14))
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
    set_font(footer.add_run(" —"), BODY_FONT, Pt(14))


def table_rows(lines: list[str]) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
            if not set(line.replace("|", "").strip()) <= set("-: ")]


def write_text(document, text: str) -> None:
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if line.startswith("|"):
            block = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                block.append(lines[index])
                index += 1
            add_table(document, table_rows(block))
            continue
        if LEVEL_TWO.match(line) and len(line) < 30:
            paragraph(document, line, SUBHEADING_FONT, SIZE_BODY)
        elif line:
            paragraph(document, line, BODY_FONT, SIZE_BODY)
        index += 1


def export_docx(draft, path: str | Path) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    paragraph(document, draft.title, TITLE_FONT, SIZE_TITLE, center=True)
    paragraph(document, "", BODY_FONT, SIZE_BODY)
    for part in draft.sections:
        font = HEADING_FONT if LEVEL_ONE.match(part.title) else SUBHEADING_FONT
        paragraph(document, part.title, font, SIZE_BODY)
        write_text(document, part.text)
    page_numbers(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def export_markdown(draft, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(draft.markdown(), encoding="utf-8")
    return path
