"""The report returned as a Word document whose every error and warning is a comment (批注) anchored
on the words it quotes: how reviewers send a report back.

A .docx keeps its own formatting: runs are split so a comment covers exactly its quote, which may
run over several runs, paragraphs or table cells. Other inputs are laid out from their text (a
paragraph per line, `|`-rows as Word tables, headings in 公文 fonts). Quotes are found in the
document's characters with whitespace and table bars ignored (the loaders add and collapse those),
nearest the finding's line. A quote that cannot be found puts its comment on the paragraph of its
line, or, failing that, on a paragraph listed at the end: no error or warning is ever lost.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assistant.drafting.export_docx import (
    BODY_FONT,
    HEADING_FONT,
    SIZE_BODY,
    SIZE_TITLE,
    SUBHEADING_FONT,
    TITLE_FONT,
    add_table,
    paragraph,
    table_rows,
)
from assistant.sheets import SEVERITY_NAMES, kind_name
from assistant.validation.model import Finding
from retrieval.documents import Block
from retrieval.loaders import load, load_text
from retrieval.structure import mark_headings

AUTHOR, INITIALS = "绩效助手", "JX"
COMMENTED = ("error", "warning")
IGNORED = frozenset(" \t\n\r\u3000\xa0|｜")  # whitespace and table bars: loaders add and collapse them
SPLITTABLE = frozenset(qn(f"w:{tag}") for tag in ("rPr", "t", "tab", "br", "cr", "lastRenderedPageBreak"))
UNPLACED_TITLE = "以下问题未能在正文中定位："
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)


@dataclass
class Slot:
    """A paragraph of the Word document and the report line it shows."""

    paragraph: Paragraph
    line: int
    breaks_lines: bool = True  # a body paragraph's line breaks are report lines; a table cell's are not


@dataclass
class Characters:
    """Every visible character of the document in order, each with its slot, offset and line."""

    text: str = ""
    places: list[tuple[int, int, int]] = field(default_factory=list)  # (slot, offset in paragraph text, line)

    @classmethod
    def of(cls, slots: list[Slot]) -> Characters:
        chars, places = [], []
        for index, slot in enumerate(slots):
            line = slot.line
            for offset, char in enumerate(slot.paragraph.text):
                if char == "\n" and slot.breaks_lines:
                    line += 1
                if char not in IGNORED:
                    chars.append(char)
                    places.append((index, offset, line))
        return cls("".join(chars), places)

    def find(self, quote: str, line: int) -> tuple[int, int] | None:
        """The character span of the quote's occurrence nearest to `line`, or None."""
        wanted = "".join(ch for ch in quote if ch not in IGNORED)
        if not wanted:
            return None
        best, best_distance, start = None, None, self.text.find(wanted)
        while start >= 0:
            end = start + len(wanted)
            first, last = self.places[start][2], self.places[end - 1][2]
            distance = 0 if first <= line <= last else min(abs(first - line), abs(last - line))
            if best_distance is None or distance < best_distance:
                best, best_distance = (start, end), distance
            start = self.text.find(wanted, start + 1)
        return best


def text_runs(para: Paragraph) -> list[tuple[int, int, Run]]:
    """The paragraph's runs (hyperlinks' included) with their span in the paragraph's text."""
    spans, position = [], 0
    for item in para.iter_inner_content():
        for run in item.runs if isinstance(item, Hyperlink) else [item]:
            length = len(run.text)
            spans.append((position, position + length, run))
            position += length
    return spans


def split_at(para: Paragraph, offset: int) -> None:
    """Make a run boundary at `offset` when a plain text run spans it (formatting copied to both
    halves); a run holding fields or drawings is left whole."""
    for start, end, run in text_runs(para):
        if start < offset < end and all(child.tag in SPLITTABLE for child in run._r):
            text = run.text
            right = copy.deepcopy(run._r)
            run._r.addnext(right)
            run.text = text[: offset - start]
            Run(right, run._parent).text = text[offset - start :]
            return


def run_at(para: Paragraph, offset: int) -> Run | None:
    return next((run for start, end, run in text_runs(para) if start <= offset < end), None)


def comment_text(finding: Finding, note: str = "") -> str:
    lines = [f"{SEVERITY_NAMES[finding.severity]}·{kind_name(finding.kind)}：{finding.message}"]
    if finding.stated or finding.expected:
        lines.append(f"文中：{finding.stated or '—'}；应为：{finding.expected or '—'}")
    if note:
        lines.append(note)
    return "\n".join(lines)


class Annotator:
    def __init__(self, document: WordDocument, slots: list[Slot]) -> None:
        self.document = document
        self.slots = slots
        self.characters = Characters.of(slots)
        self.unplaced: list[Finding] = []

    def add(self, finding: Finding) -> None:
        span = self.characters.find(finding.quote, finding.location.line)
        if span is not None:
            first_slot, first_offset, _ = self.characters.places[span[0]]
            last_slot, last_offset, _ = self.characters.places[span[1] - 1]
            first_para, last_para = self.slots[first_slot].paragraph, self.slots[last_slot].paragraph
            split_at(last_para, last_offset + 1)
            split_at(first_para, first_offset)
            first, last = run_at(first_para, first_offset), run_at(last_para, last_offset)
            if first is not None and last is not None:
                self.document.add_comment([first, last], text=comment_text(finding), author=AUTHOR, initials=INITIALS)
                return
        runs = [run for slot in self.slots if slot.line == finding.location.line for _, _, run in text_runs(slot.paragraph)]
        if runs:
            note = "（原文中未找到引文，批注附在所在行）"
            self.document.add_comment(runs, text=comment_text(finding, note), author=AUTHOR, initials=INITIALS)
        else:
            self.unplaced.append(finding)

    def list_unplaced(self) -> None:
        if not self.unplaced:
            return
        self.document.add_paragraph(UNPLACED_TITLE)
        for finding in self.unplaced:
            where = f"第{finding.location.line}行" + (f"（{finding.location.section}）" if finding.location.section else "")
            run = self.document.add_paragraph().add_run(f"{where}：{finding.quote or finding.message}")
            self.document.add_comment(run, text=comment_text(finding), author=AUTHOR, initials=INITIALS)


def docx_slots(document: WordDocument) -> list[Slot]:
    """Paragraphs and table cells on the lines `retrieval.loaders.docx_text` gives them: a line per
    paragraph (and per line break in it), a line per table row (repeated merged cells once), a
    blank line after each table."""
    slots: list[Slot] = []
    line = 1
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(element, document)
            slots.append(Slot(para, line))
            line += para.text.count("\n") + 1
        elif tag == "tbl":
            for row in Table(element, document).rows:
                shown: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not shown or shown[-1] != text or text == "":
                        shown.append(text)
                        slots.extend(Slot(para, line, breaks_lines=False) for para in cell.paragraphs)
                line += 1
            line += 1
    return slots


def heading_style(block: Block) -> tuple[str, object, bool]:
    """(font, size, centred) for a heading of `retrieval.structure`'s levels."""
    if block.level == 0:
        return TITLE_FONT, SIZE_TITLE, True
    return (HEADING_FONT if block.level <= 2 else SUBHEADING_FONT), SIZE_BODY, False


def text_slots(document: WordDocument, text: str) -> list[Slot]:
    """The report laid out from its text: a paragraph per line, `|`-rows as tables."""
    slots: list[Slot] = []
    for block in mark_headings(load_text(text)):
        if block.kind == "table":
            lines = [(block.line + i, line) for i, line in enumerate(block.text.split("\n"))]
            rows = [(number, cells[0]) for number, line in lines if (cells := table_rows([line]))]
            if not rows:
                continue
            add_table(document, [cells for _, cells in rows])
            table = document.tables[-1]
            for index, (number, cells) in enumerate(rows):
                slots.extend(Slot(table.cell(index, column).paragraphs[0], number, False) for column in range(len(cells)))
        elif block.kind == "heading":
            font, size, centred = heading_style(block)
            slots.append(Slot(paragraph(document, block.text, font, size, center=centred), block.line))
        else:
            slots.append(Slot(paragraph(document, block.text, BODY_FONT, SIZE_BODY), block.line))
    return slots


def annotate_docx(findings: list[Finding], out_path: str | Path, source_path: str | Path | None = None,
                  text: str | None = None) -> Path:
    """Write the report with a comment per error and warning to `out_path` (.docx). A .docx
    `source_path` is annotated in place of its copy; otherwise the document is built from `text`
    (or from the text of `source_path`)."""
    if source_path is not None and Path(source_path).suffix.lower() == ".docx":
        document = docx.Document(str(source_path))
        slots = docx_slots(document)
    else:
        if text is None:
            if source_path is None:
                raise ValueError("annotate_docx needs source_path or text")
            text = load(source_path).text
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        slots = text_slots(document, text)
    annotator = Annotator(document, slots)
    for finding in findings:
        if finding.severity in COMMENTED:
            annotator.add(finding)
    annotator.list_unplaced()
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
