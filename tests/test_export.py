"""Word and Markdown output, the .xlsx template round trip, and the draft command."""

import json

import docx
from docx.oxml.ns import qn

from assistant.drafting.export_docx import export_docx
from assistant.drafting.pipeline import draft
from assistant.figures import load_figures
from assistant.xlsx import write_template
from tests.conftest import CORPUS
from tests.test_cli import run


def east_asian_font(paragraph):
    return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_word_file_has_official_styles_tables_and_page_numbers(tmp_path):
    result = draft(load_figures(CORPUS / "examples" / "project.yaml"))
    document = docx.Document(export_docx(result, tmp_path / "d.docx"))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].text == result.title and east_asian_font(paragraphs[0]) == "方正小标宋简体"
    heading = next(p for p in paragraphs if p.text == "一、项目概况")
    assert east_asian_font(heading) == "黑体"
    sub = next(p for p in paragraphs if p.text.startswith("（二）"))
    assert east_asian_font(sub) == "楷体_GB2312"
    body = next(p for p in paragraphs if "预算执行率为96.00%" in p.text)
    assert east_asian_font(body) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32
    assert len(document.tables) == 2  # budget execution and the 自评表
    assert document.tables[1].cell(0, 0).text == "一级指标" and document.tables[1].rows[-1].cells[-2].text == "96.36"
    footer = document.sections[0].footer.paragraphs[0]._element.xml
    assert "PAGE" in footer


def test_draft_command_writes_word_and_markdown(tmp_path):
    for suffix in ("docx", "md"):
        out = tmp_path / f"draft.{suffix}"
        result = run("draft", "--figures", str(CORPUS / "examples" / "department.yaml"), "--out", str(out), "--json", home=tmp_path)
        data = json.loads(result.stdout)
        assert result.returncode == 0 and out.exists() and data["mode"] == "offline" and data["findings"] == []
        assert all({"title", "text", "sources"} <= set(s) for s in data["sections"])
    assert "部门整体支出绩效自评报告" in (tmp_path / "draft.md").read_text(encoding="utf-8")


def test_bad_figures_are_one_clear_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("report_type: project\nunit: 某局\nbudget: {full_year: 10, spent: 12, arrived: 10}\n", encoding="utf-8")
    result = run("draft", "--figures", str(bad), home=tmp_path)
    assert result.returncode == 2 and "报告年度缺失" in result.stderr and "Traceback" not in result.stderr


def test_xlsx_template_filled_in_drafts(tmp_path):
    from openpyxl import load_workbook

    path = write_template(tmp_path / "t.xlsx")
    book = load_workbook(path)
    info = book["基本信息"]
    for row, value in ((3, "某县政务服务中心"), (4, "综合窗口"), (7, 60), (8, 60), (9, 57.5)):
        info.cell(row, 2, value)
    book["预算构成"].append(["劳务费", 40])
    book["预算构成"].append(["运维费", 20])
    sheet = book["绩效指标"]
    sheet.append(["产出指标", "数量指标", "受理事项数", 50, "≥5000件", "5200件", None, None])
    sheet.append(["效益指标", "社会效益指标", "便利度", 30, "提升", "提升", 28, None])
    sheet.append(["满意度指标", "满意度", "群众满意度", 10, "≥95%", "96%", None, None])
    book["文字说明"].cell(7, 2, "窗口人员不足")
    book.save(path)
    result = draft(load_figures(path))
    text = result.markdown()
    assert "全年预算60.00万元，其中：劳务费40.00万元、运维费20.00万元" in text
    assert "预算执行率为95.83%" in text and "窗口人员不足" in text
    assert result.values["score.total"].text == "97.58"  # 9.58 + 50 + 28 + 10
    assert result.findings == []


def test_template_command(tmp_path):
    result = run("draft", "--template", str(tmp_path / "tpl.xlsx"), home=tmp_path)
    assert result.returncode == 0 and (tmp_path / "tpl.xlsx").exists()


def test_published_self_evaluation_layout_reads(tmp_path):
    from openpyxl import Workbook

    from assistant.xlsx import read_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["预算部门", "益阳市行政审批服务局"])
    sheet.append(["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    sheet.append([902.54, 1302.99, 1247.79, 10, "96%", 9.6])
    sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    sheet.append(["产出指标", "数量指标", "办件量", "≥10万件", "10.5万件", 50, 50])
    book.save(tmp_path / "p.xlsx")
    data = read_workbook(tmp_path / "p.xlsx")
    assert data["unit"] == "益阳市行政审批服务局"
    assert data["budget"] == {"initial": 902.54, "full_year": 1302.99, "spent": 1247.79}
    assert data["indicators"][0]["name"] == "办件量" and data["indicators"][0]["points"] == 50
