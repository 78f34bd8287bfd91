"""The bad-input corpus: files a shared drive really holds, made at test time (the big ones would
bloat the repository). Each entry: file name → (bytes maker, readable?, words the reason contains)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.helpers import blank_pdf, encrypted_pdf, text_pdf


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (300 * 1024 * 1024))
    return buffer.getvalue()


def make_bad_inputs(folder: Path) -> dict[str, tuple[bool, str]]:
    """Writes the files; returns name → (readable, a word the Chinese reason must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "garbage.docx").write_bytes(bytes(range(256)) * 40)
    truncated = text_pdf(folder / "whole.pdf").read_bytes()
    (folder / "whole.pdf").unlink()
    (folder / "truncated.pdf").write_bytes(truncated[: len(truncated) // 3])
    encrypted_pdf(folder / "encrypted.pdf", text_pdf(folder / "_plain.pdf"))
    (folder / "_plain.pdf").unlink()
    blank_pdf(folder / "scanned.pdf")
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(("预算执行率为100%。" * 1000 + "\n").encode() * 2000)  # ~50 MB
    line = "项目预算64万元，其中劳务费30.2万元、运维费21.5万元、其他10.1万元，" * 25000  # one 2 MB line
    (folder / "one_line.txt").write_text(line, encoding="utf-8")
    (folder / "gbk.txt").write_bytes("某县2023年度项目支出绩效自评报告\n项目预算50万元，实际支出48.6万元，预算执行率为97.20%。\n".encode("gbk"))
    (folder / "fullwidth.txt").write_text("某县２０２３年度项目支出绩效自评报告\n项目预算６４万元，其中劳务费３０．２万元、运维费２１．５万元、其他１０．１万元。\n",
                                          encoding="utf-8")
    (folder / "bomb.docx").write_bytes(zip_bomb())
    (folder / "scripts.html").write_text(
        "<html><body><script>alert('x')</script><p>某县2023年度部门决算</p><p>本年支出合计100万元，其中：基本支出60万元、项目支出40万元。</p>"
        "<img src=x onerror=alert(1)></body></html>", encoding="utf-8")
    return {
        "empty.txt": (False, "为空"), "garbage.pdf": (False, "PDF"), "garbage.docx": (False, "Word"),
        "truncated.pdf": (False, "PDF"), "encrypted.pdf": (False, "加密"), "scanned.pdf": (False, "OCR"),
        "huge.txt": (False, "过大"), "bomb.docx": (False, "压缩炸弹"), "one_line.txt": (True, ""),
        "gbk.txt": (True, ""), "fullwidth.txt": (True, ""), "scripts.html": (True, ""),
    }
