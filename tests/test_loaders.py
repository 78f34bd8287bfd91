import zipfile

import pytest

from retrieval.loaders import LoadError, load
from tests.conftest import FIXTURES
from tests.helpers import blank_pdf, encrypted_pdf, report_docx, text_pdf


def test_gbk_text_reads_as_chinese():
    document = load(FIXTURES / "gbk_report.txt")
    assert "预算执行率为97.20%" in document.text


def test_html_drops_scripts_navigation_and_page_furniture_and_keeps_tables():
    text = load(FIXTURES / "page.html").text
    assert "本年支出合计100万元" in text
    assert "| 产出指标 | 50 | 48 |" in text
    for furniture in ("扫一扫", "浏览次数", "字体", "忽略", "主办", "首页"):
        assert furniture not in text


def test_docx_keeps_paragraph_order_and_tables_as_rows(tmp_path):
    document = load(report_docx(tmp_path / "r.docx"))
    lines = document.lines
    assert lines[0] == "某县2023年度项目支出绩效自评报告"
    assert "| 产出指标 | 50 | 48 |" in lines
    assert any(b.kind == "table" for b in document.blocks)


def test_pdf_text_layer(tmp_path):
    assert "Budget 64" in load(text_pdf(tmp_path / "a.pdf")).text


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda p: blank_pdf(p), "OCR"),
        (lambda p: encrypted_pdf(p, text_pdf(p.with_name("plain.pdf"))), "加密"),
        (lambda p: p.write_bytes(b"\x00\x01garbage") and p, "损坏"),
        (lambda p: p.write_bytes(text_pdf(p.with_name("t.pdf")).read_bytes()[:120]) and p, "PDF"),
    ],
    ids=["image-only", "encrypted", "garbage", "truncated"],
)
def test_unreadable_pdfs_give_a_chinese_reason(tmp_path, make, reason):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(LoadError, match=reason):
        load(path)


def test_zip_bomb_named_docx_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(LoadError, match="压缩炸弹"):
        load(path)


def test_empty_and_unsupported_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "x.xls").write_bytes(b"abc")
    with pytest.raises(LoadError, match="为空"):
        load(tmp_path / "empty.txt")
    with pytest.raises(LoadError, match="不支持"):
        load(tmp_path / "x.xls")
