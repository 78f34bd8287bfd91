"""Readers for .pdf .docx .html/.htm .txt .md, each returning a `Document`.

Every failure a user can cause (a corrupt, encrypted or image-only PDF, a zip bomb named .docx,
an unknown encoding) becomes a `LoadError` with a one-line Chinese reason.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

from retrieval.documents import Document, blocks_from_text

SUPPORTED = (".pdf", ".docx", ".xlsx", ".html", ".htm", ".txt", ".md")
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on broken files are ours to word

MAX_BYTES = 30 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
EDGE = 2  # points: characters on a table's ruling belong to the table


class LoadError(Exception):
    """A file that cannot be read, with a reason fit to show a user."""


def load(path: str | Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise LoadError(f"文件不存在：{path}")
    if not path.is_file():
        raise LoadError(f"不是文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"不支持的文件类型 {suffix or '（无扩展名）'}：仅支持 {' '.join(SUPPORTED)}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LoadError(f"文件过大（{size / 1048576:.1f} MB），上限为 {MAX_BYTES // 1048576} MB")
    if size == 0:
        raise LoadError("文件为空")
    return load_bytes(path.read_bytes(), path.name, str(path))


def load_bytes(data: bytes, name: str, path: str | None = None) -> Document:
    suffix = Path(name).suffix.lower()
    reader = {".pdf": pdf_text, ".docx": docx_text, ".xlsx": xlsx_text, ".html": html_text,
              ".htm": html_text}.get(suffix, plain_text)
    text = reader(data)
    text = tidy(text)
    if not text.strip():
        raise LoadError("文件中没有可读取的文字")
    return Document(source=name, text=text, path=path, blocks=blocks_from_text(text))


def load_text(text: str, name: str = "<粘贴文本>") -> Document:
    text = tidy(text)
    return Document(source=name, text=text, blocks=blocks_from_text(text))


def tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("文件不是文本（含二进制内容）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError("无法识别文件编码")
    return str(best)


def pdf_text(data: bytes) -> str:
    """The PDF's text in reading order, its ruled tables as `|`-rows (a published 决算 or 自评表
    keeps its columns), through pdfplumber; pypdf first tells an encrypted or broken file."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("PDF 已加密，需要密码才能读取")
        len(reader.pages)
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise LoadError(f"PDF 文件损坏或无法解析（{type(exc).__name__}）") from exc
    except Exception as exc:  # pypdf raises many kinds on hostile files
        raise LoadError(f"PDF 文件无法解析（{type(exc).__name__}）") from exc
    try:
        text = "\n".join(pdf_page_text(page) for page in pdf_pages(data))
    except LoadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on hostile files
        raise LoadError(f"PDF 文件无法解析（{type(exc).__name__}）") from exc
    if not text.strip():
        raise LoadError("PDF 没有文字层（可能是扫描件或图片），请先做 OCR 文字识别后再上传")
    return text


def pdf_pages(data: bytes):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield from pdf.pages


def pdf_page_text(page) -> str:
    """Lines of text and table rows, ordered by where they stand on the page."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        return not any(x0 - EDGE <= obj["x0"] and obj["x1"] <= x1 + EDGE and top - EDGE <= obj["top"]
                       and obj["bottom"] <= bottom + EDGE for x0, top, x1, bottom in boxes)

    pieces = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
    for table, (_, top, _, _) in zip(tables, boxes, strict=True):
        rows = ["| " + " | ".join(" ".join((cell or "").split()).replace("|", "｜") for cell in row) + " |"
                for row in table.extract()]
        pieces.append((top, "\n".join(rows)))
    return "\n".join(text for _, text in sorted(pieces, key=lambda p: p[0]))


def xlsx_text(data: bytes) -> str:
    """Each sheet of a workbook as a heading and its non-empty rows as `|`-rows (an .xlsx 自评表)."""
    guard_zip(data, "Excel", "xl/workbook.xml")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise LoadError(f"Excel 文件损坏或不是 .xlsx 格式（{type(exc).__name__}）") from exc
    lines: list[str] = []
    for sheet in book.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else " ".join(str(v).split()).replace("|", "｜") for v in row]
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def docx_text(data: bytes) -> str:
    guard_zip(data, "Word", "word/document.xml")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, BadZipFile, lxml errors …
        raise LoadError(f"Word 文件损坏或不是 .docx 格式（{type(exc).__name__}）") from exc
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            lines.extend(table_lines(Table(element, document)))
            lines.append("")
    return "\n".join(lines)


def table_lines(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text or text == "":  # merged cells repeat; keep one
                cells.append(text.replace("|", "｜"))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def guard_zip(data: bytes, kind: str, main_part: str) -> None:
    """An Office file is a zip: refuse one that is not, one that unpacks beyond the limit (a zip
    bomb), and one without its main part."""
    suffix = ".docx" if kind == "Word" else ".xlsx"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise LoadError(f"{kind} 文件损坏或不是 {suffix} 格式（不是有效的压缩包）") from exc
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNZIPPED_BYTES:
        raise LoadError(f"{kind} 文件解压后过大（{total / 1048576:.0f} MB），疑似压缩炸弹，已拒绝")
    if main_part not in archive.namelist():
        raise LoadError(f"{kind} 文件缺少正文（{main_part}），不是有效的 {suffix}")


_FURNITURE = re.compile(
    r"扫一扫在手机打开当前页|字体[:：]?\s*[【\[]?\s*大|浏览次数|【打印】|【关闭】|打印本页|关闭窗口|"
    r"^\s*(首页|上一页|下一页|尾页|分享到|收藏|打印)\s*$|主办[:：]|承办[:：]|网站标识码|ICP备|公网安备"
)


def is_furniture(line: str) -> bool:
    """Page furniture of government web pages: print/close links, font-size switches, counters."""
    return bool(_FURNITURE.search(line))


_SKIP_TAGS = ("script", "style", "nav", "header", "footer", "noscript", "form", "iframe", "select", "button")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "td", "th"}


def html_text(data: bytes) -> str:
    """Visible text of a web page, tables as `|`-rows, navigation and page furniture removed."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(plain_text(data) if data.strip() else "<p></p>")
    except Exception as exc:
        raise LoadError(f"网页文件无法解析（{type(exc).__name__}）") from exc
    for bad in root.xpath("|".join(f"//{t}" for t in _SKIP_TAGS)):
        bad.drop_tree()
    for table in root.xpath("//table"):
        rows = ["| " + " | ".join(" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")) + " |"
                for tr in table.xpath(".//tr")]
        replacement = lxml_html.fromstring("<pre></pre>")
        replacement.text = "\n" + "\n".join(rows) + "\n"
        table.getparent().replace(table, replacement)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = [line.strip() for line in root.text_content().split("\n")]
    return "\n".join(line for line in lines if line and not is_furniture(line))
