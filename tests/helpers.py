"""Small file makers for tests: PDFs with and without a text layer, .docx with a table."""

from __future__ import annotations

import io
from pathlib import Path


def text_pdf(path: Path, text: str = "Budget 64 execution 60") -> Path:
    """A one-page PDF whose text layer says `text` (ASCII, Helvetica)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF with a page and no text layer, like a scanned document."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def report_docx(path: Path) -> Path:
    """A .docx with a heading, a paragraph with figures and a score table."""
    import docx

    document = docx.Document()
    document.add_paragraph("某县2023年度项目支出绩效自评报告")
    document.add_paragraph("一、项目概况")
    document.add_paragraph("2023年项目预算64万元，其中：劳务费30.2万元、运维费21.5万元、其他费用10.1万元。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("一级指标", "分值", "得分"), ("产出指标", "50", "48"), ("效益指标", "30", "29")], strict=False):
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text
    document.save(path)
    return path
