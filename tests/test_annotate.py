"""Reports returned with Word comments (批注): one per error or warning, anchored on the words it
quotes, read back from the document's XML; a .docx keeps its formatting and its text."""

import re
import zipfile
from collections import defaultdict
from dataclasses import replace

import docx
from lxml import etree

from assistant.annotate import UNPLACED_TITLE, annotate_docx
from assistant.validation.model import Finding, Location
from assistant.validation.validator import validate
from retrieval.loaders import load
from tests.conftest import FIXTURES, ROOT
from tests.test_cli import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REAL = ROOT / "evals" / "validator" / "real" / "docs"
SPACE = re.compile(r"[\s|｜]")


def comments(path) -> list[tuple[str, str]]:
    """(comment text, the document text its range covers) for every comment, in id order."""
    with zipfile.ZipFile(path) as archive:
        notes = etree.fromstring(archive.read("word/comments.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
    texts = {c.get(W + "id"): "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
             for c in notes.iter(W + "comment")}
    covered, open_ids = defaultdict(str), set()
    for element in body.iter():
        if element.tag == W + "commentRangeStart":
            open_ids.add(element.get(W + "id"))
        elif element.tag == W + "commentRangeEnd":
            open_ids.discard(element.get(W + "id"))
        elif element.tag == W + "t":
            for comment_id in open_ids:
                covered[comment_id] += element.text or ""
    return [(texts[i], covered[i]) for i in sorted(texts, key=int)]


def bare(text: str) -> str:
    return SPACE.sub("", text)


def commented(findings):
    return [f for f in findings if f.severity in ("error", "warning")]


def assert_one_comment_per_problem(path, findings):
    found = comments(path)
    wanted = commented(findings)
    assert len(found) == len(wanted)
    for finding in wanted:  # its own comment, on exactly its quote, giving the message and the expected figure
        mine = [(text, anchor) for text, anchor in found if finding.message in text]
        assert mine, finding.message
        text, anchor = mine[0]
        assert bare(anchor) == bare(finding.quote)
        assert text.startswith({"error": "错误", "warning": "警告"}[finding.severity])
        assert f"应为：{finding.expected}" in text


def test_a_text_report_comes_back_with_a_comment_per_error_and_warning(tmp_path):
    source = REAL / "r180.txt"  # an error and a warning, and a note that is not commented
    findings = validate(load(source)).findings
    assert {f.severity for f in findings} == {"error", "warning", "note"}
    out = annotate_docx(findings, tmp_path / "r180.docx", source_path=source)
    assert_one_comment_per_problem(out, findings)
    lines = [line.strip() for line in load(source).text.split("\n") if line.strip()]
    assert [p.text.strip() for p in docx.Document(str(out)).paragraphs] == lines  # a paragraph per line


def test_pipe_rows_become_tables_and_findings_in_them_are_anchored_in_cells(tmp_path):
    document = load(FIXTURES / "score_table_wrong.pdf")  # a score above its points, in a table row
    findings = validate(document).findings
    assert any(f.quote.startswith("|") for f in commented(findings))
    out = annotate_docx(findings, tmp_path / "评分表.docx", text=document.text)
    [table] = docx.Document(str(out)).tables
    assert [c.text for c in table.rows[0].cells] == ["一级指标", "二级指标", "三级指标", "分值", "得分"]
    assert [c.text for c in table.rows[2].cells] == ["", "", "目标完成", "10", "12"]
    assert_one_comment_per_problem(out, findings)


def report_docx(path):
    """A .docx written the way staff write: a figure in bold, another in italics, a table."""
    document = docx.Document()
    document.add_paragraph("某县审计局2023年度部门决算情况说明")
    paragraph = document.add_paragraph()
    paragraph.add_run("经核实，2023年度“三公”经费财政拨款支出决算为")
    paragraph.add_run("5.20").bold = True
    paragraph.add_run("万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费3.10万元，公务接待费")
    paragraph.add_run("1.20万元").italic = True
    paragraph.add_run("。")
    document.add_paragraph("“三公”经费支出决算表")
    rows = [("项目", "预算数", "决算数"), ("公务用车购置及运行维护费", "4.00", "3.10"), ("公务接待费", "2.00", "1.20"),
            ("合计", "6.00", "5.20")]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("2023年度机关运行经费支出45.60万元，比上年减少1.20万元，下降3.56%。")
    document.save(str(path))
    return path


def test_a_docx_keeps_its_formatting_and_text(tmp_path):
    source = report_docx(tmp_path / "报告.docx")
    findings = validate(load(source)).findings
    table_note = next(f for f in findings if f.quote.startswith("| 合计"))
    findings = [*findings, replace(table_note, severity="warning")]  # a quote that spans table cells
    out = annotate_docx(findings, tmp_path / "批注.docx", source_path=source)
    assert load(out).text == load(source).text  # not a character added, lost or moved
    assert_one_comment_per_problem(out, findings)
    annotated = docx.Document(str(out))
    runs = annotated.paragraphs[1].runs  # split where comments start and end, each keeping its format
    assert "".join(r.text for r in runs) == "".join(r.text for r in docx.Document(str(source)).paragraphs[1].runs)
    assert runs[0].text == "经核实，" and runs[1].text.startswith("2023年度")  # the comment starts mid-run
    assert [r.bold for r in runs if r.text == "5.20"] == [True]
    assert [r.italic for r in runs if "1.20万元" in r.text] == [True]
    assert not any(r.bold or r.italic for r in runs if r.text not in ("", "5.20", "1.20万元"))
    [table] = annotated.tables
    assert [[c.text for c in row.cells] for row in table.rows][3] == ["合计", "6.00", "5.20"]


def test_every_problem_is_kept_even_when_its_quote_is_not_found(tmp_path):
    source = report_docx(tmp_path / "报告.docx")
    lost_quote = Finding("sum", "error", "合计不符", "这段文字不在报告里", "1", "2", Location("", 2))
    nowhere = Finding("year", "warning", "年份不符", "也不在报告里", "2022年", "2023年", Location("", 999))
    note = Finding("sum", "note", "尾数", "5.20", "5.20", "5.21", Location("", 2))
    out = annotate_docx([lost_quote, nowhere, note], tmp_path / "批注.docx", source_path=source)
    found = comments(out)
    assert len(found) == 2
    assert "经核实，2023年度“三公”经费财政拨款支出决算为5.20万元" in found[0][1] and "未找到引文" in found[0][0]
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[-2] == UNPLACED_TITLE and "也不在报告里" in found[1][1] and paragraphs[-1].startswith("第999行")


def test_check_annotate_on_the_command_line(tmp_path):
    source = report_docx(tmp_path / "报告.docx")
    out = tmp_path / "退回" / "报告_批注.docx"
    result = run("check", str(source), "--json", "--annotate", str(out), home=tmp_path / "home")
    assert result.returncode == 0
    assert len(comments(out)) == 2 and "2 条批注" in result.stderr
    bad = run("check", str(source), "--annotate", str(tmp_path / "x.pdf"), home=tmp_path / "home")
    assert bad.returncode == 2 and ".docx" in bad.stderr
