"""The web app in a real browser (Debian's chromium through playwright, 1440×900): what a reviewer,
a drafter and a corpus keeper see. Screenshots land in test-artifacts/."""

import re
import shutil
import threading
import time
import zipfile

import docx
import openpyxl
import pytest
from playwright.sync_api import expect

from assistant.batch import check_reports, collect_reports
from assistant.settings import Settings
from retrieval.store import Store
from tests.browser import WAIT_MS, app_url, browser, new_page, page, screenshot, start_app, stop_app  # noqa: F401  (fixtures)
from tests.conftest import FIXTURES, SEED_FINAL_ACCOUNTS, free_port
from ui.services import Services

pytestmark = pytest.mark.browser
SEED_PROJECT = SEED_FINAL_ACCOUNTS.with_name("002_dce46d5db60cb36d.txt")


def run_review(web, *paths):
    web.get_by_role("tab", name="审核").click()
    web.locator("#review-upload input[type=file]").set_input_files([str(p) for p in paths])
    expect(web.locator("#review-upload")).to_contain_text(paths[-1].stem)
    web.locator("#review-run").click()
    expect(web.locator("#review-findings tr[data-finding]").first).to_be_visible()


def download(web, selector: str, folder):
    with web.expect_download() as event:
        web.locator(selector).click()
    path = folder / event.value.suggested_filename
    event.value.save_as(path)
    return path


def marks_by_finding(web) -> dict[str, list[str]]:
    """Finding number -> the display style of every mark carrying it."""
    return web.evaluate("""() => { const out = {};
        for (const m of document.querySelectorAll('#review-context mark[data-findings]'))
            for (const n of m.dataset.findings.split(' ')) (out[n] = out[n] || []).push(getComputedStyle(m).display);
        return out; }""")


def test_a_batch_opens_on_its_overview_and_each_report_beside_its_text(page, tmp_path):  # noqa: F811
    archive = tmp_path / "各单位.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(FIXTURES / "flawed_report.txt", "flawed_report.txt")
        zipped.write(FIXTURES / "new_report.txt", "子目录/new_report.txt")
        zipped.writestr("损坏.pdf", b"%PDF-1.4 not really")
    run_review(page, SEED_FINAL_ACCOUNTS, archive)
    overview = page.locator("#review-overview")
    for name in ("001_cbc299a9f93ac768.txt", "各单位.zip/flawed_report.txt", "各单位.zip/子目录/new_report.txt"):
        expect(overview).to_contain_text(name)
    expect(overview).to_contain_text("部门决算")
    expect(overview.locator("[role=row]", has_text="损坏.pdf")).to_contain_text("无法读取")
    expect(page.locator("#review-summary")).to_contain_text("001_cbc299a9f93ac768.txt")

    findings, text = page.locator("#review-findings"), page.locator("#review-context .jx-text")
    table_box, text_box = findings.bounding_box(), text.bounding_box()
    assert table_box["x"] + table_box["width"] <= text_box["x"] and abs(table_box["y"] - text_box["y"]) < 60
    assert text_box["height"] < 900 and page.locator("#review-context .jx-line").count() < 400  # not the 1 372-line report

    rows = page.locator("#review-findings tr[data-finding]")
    numbers = rows.evaluate_all("rows => rows.map(r => r.dataset.finding)")
    lost = page.locator("#review-context .jx-lost").all_inner_texts()
    marked = marks_by_finding(page)
    assert all(n in marked for n in numbers if not any(f"第 {n} " in x or f"、{n}、" in x for x in lost))
    assert {style for styles in marked.values() for style in styles} == {"inline"}
    shared = page.evaluate("""() => [...document.querySelectorAll('#review-context .jx-tx')].some(line =>
        new Set([...line.querySelectorAll('mark')].flatMap(m => m.dataset.findings.split(' '))).size > 1)""")
    assert shared, "two findings in one sentence are both marked"
    assert all("\n" not in t for t in page.locator("#review-context .jx-tx").all_inner_texts())

    sections = page.locator("#review-findings td.jx-section")
    assert " > " in sections.first.get_attribute("title")
    for cell in sections.all():  # the heading the finding stands under, not the report's title
        assert cell.inner_text().startswith(cell.get_attribute("title").rsplit(" > ", 1)[-1])
    screenshot(page, "review_batch")

    last = rows.last
    last.click()
    number = last.get_attribute("data-finding")
    mark = page.locator(f'#review-context mark[data-findings~="{number}"]').first
    expect(mark).to_have_class(re.compile("jx-flash"))
    page.wait_for_timeout(800)  # the smooth scroll
    mark_box, text_box = mark.bounding_box(), text.bounding_box()
    assert text_box["y"] <= mark_box["y"] <= text_box["y"] + text_box["height"], "the clicked finding is scrolled into view"
    screenshot(page, "review_finding_clicked")

    xlsx = download(page, "#review-xlsx", tmp_path)
    annotated = download(page, "#review-docx", tmp_path)
    overview_xlsx = download(page, "#review-overview-xlsx", tmp_path)
    assert (xlsx.name, annotated.name, overview_xlsx.name) == (
        "001_cbc299a9f93ac768_核对结果.xlsx", "001_cbc299a9f93ac768_批注.docx", "审核_4份_汇总.xlsx")
    assert "word/comments.xml" in zipfile.ZipFile(annotated).namelist()

    overview.get_by_text("各单位.zip/flawed_report.txt").click()
    expect(page.locator("#review-summary")).to_contain_text("flawed_report.txt")
    expect(findings).to_contain_text("61.8万元")
    assert download(page, "#review-xlsx", tmp_path).name == "flawed_report_核对结果.xlsx"


PDF_TEXT = """青陽縣審計局2022年“三公”經費預算
二、2022年“三公”經費支出預算情況說明
青陽縣審計局2022年度“三公”經費支出預算為11.4萬元,比2021年預算增加
0.6萬元,增加5%。其中:因公出國(境)費支出預算為0萬元,公務接待費支出預算
為7.4萬元,公務用車購置及運行費支出預算為4萬元。具體情況如下:
"""  # as the PDF loader reads a LibreOffice export: every sentence broken across lines


def test_a_quote_broken_across_pdf_lines_is_highlighted_and_a_click_finds_it(page, tmp_path):  # noqa: F811
    report = tmp_path / "青阳县审计局三公经费预算.txt"
    report.write_text(PDF_TEXT, encoding="utf-8")
    run_review(page, report)
    expect(page.locator("#review-context")).not_to_contain_text("未能在原文中定位")
    marks = page.locator('#review-context mark[data-findings~="1"]')
    expect(marks).to_have_count(2)
    assert "".join(marks.all_inner_texts()).endswith("增加0.6萬元,增加5%")
    page.locator('#review-findings tr[data-finding="1"]').click()
    expect(marks.first).to_have_class(re.compile("jx-flash"))
    screenshot(page, "review_pdf_quote_across_lines")


def test_what_the_next_review_will_check_is_said_and_can_be_cleared(page):  # noqa: F811
    page.get_by_role("tab", name="审核").click()
    pending = page.locator("#review-pending")
    expect(pending).to_contain_text("尚未选择报告")
    page.locator("#review-text textarea").fill(SEED_PROJECT.read_text(encoding="utf-8"))
    page.locator("#review-run").click()
    expect(page.locator("#review-summary")).to_contain_text("单位项目支出绩效自评报告（粘贴）.txt")  # named by its title line
    inputs = page.locator("#review-inputs")
    expect(page.locator("#review-clear")).to_be_hidden()
    expect(inputs.locator("button.label-wrap")).to_contain_text("将审核：粘贴的文本")  # folded, its title says what is loaded
    inputs.locator("button.label-wrap").click()
    expect(page.locator("#review-clear")).to_be_visible()
    page.locator("#review-history input").click()  # 审核记录: the time, the title, and all three counts
    expect(page.get_by_role("option").first).to_have_attribute("aria-label", re.compile(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d · 单位项目支出绩效自评报告（粘贴）\.txt · 错误 \d+ · 警告 \d+ · 提示 \d+$"))
    page.keyboard.press("Escape")
    page.locator("#review-upload input[type=file]").set_input_files([str(FIXTURES / "flawed_report.txt")])
    expect(pending).to_contain_text("将审核：1 份文件（flawed_report.txt） + 粘贴的文本")
    screenshot(page, "review_pending_inputs")
    page.locator("#review-clear").click()
    expect(pending).to_contain_text("尚未选择报告")
    expect(page.locator("#review-text textarea")).to_have_value("")
    expect(page.locator("#review-upload")).not_to_contain_text("flawed_report")
    page.locator("#review-upload input[type=file]").set_input_files([str(FIXTURES / "flawed_report.txt")])
    expect(pending).to_have_text(re.compile(r"将审核：1 份文件（flawed_report.txt）\s*$"))
    page.locator("#review-run").click()
    expect(page.locator("#review-summary")).to_contain_text("flawed_report.txt")
    expect(page.locator("#review-overview")).to_be_hidden()  # one report, not a batch with the old paste


def test_every_finding_shows_its_whole_message_and_quote_on_a_laptop_screen(page):  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 768})
    run_review(page, SEED_FINAL_ACCOUNTS)
    findings = check_reports(collect_reports([SEED_FINAL_ACCOUNTS]), "national-2020")[0].findings
    rows = page.locator("#review-findings tr[data-finding]")
    expect(rows).to_have_count(len(findings))
    for row, finding in zip(rows.all(), findings, strict=True):
        message = row.locator(".jx-message")
        assert finding.message in message.inner_text()
        assert message.evaluate("m => m.scrollHeight <= m.clientHeight + 1 && m.scrollWidth <= m.clientWidth + 1"), finding.message
        expect(row.locator(".jx-quote")).to_have_text(f"原文：“{finding.quote}”")
    assert page.locator("#review-findings td[title*='不符']").count() == 0  # nothing only in a tooltip
    legend = page.locator("#review-severities")  # what 错误 / 警告 / 提示 mean, beside the boxes that filter them
    for level in ("错误：文中数字无论怎样四舍五入都对不上", "警告：只有把数字看作四舍五入后的近似数才成立", "提示：只差末位一个单位"):
        expect(legend).to_contain_text(level)
    screenshot(page, "review_whole_messages_1366")


def test_an_unreadable_file_after_a_review_greys_the_old_results_instead_of_badging_them(page, tmp_path):  # noqa: F811
    from tests.badinput import make_bad_inputs

    make_bad_inputs(tmp_path)
    run_review(page, FIXTURES / "flawed_report.txt")
    results = page.locator("#review-results")
    page.locator("#review-inputs button.label-wrap").click()
    page.locator("#review-clear").click()
    page.locator("#review-upload input[type=file]").set_input_files([str(tmp_path / "encrypted.pdf")])
    expect(page.locator("#review-pending")).to_contain_text("encrypted.pdf")
    page.locator("#review-run").click()
    expect(page.locator(".toast-body").last).to_contain_text("PDF 已加密")
    expect(results).to_have_class(re.compile("jx-stale"))  # greyed, under “以下是上一次审核的结果…”
    assert results.evaluate("r => getComputedStyle(r, '::before').content").startswith('"以下是上一次审核的结果')
    assert results.locator("#review-findings").evaluate("f => getComputedStyle(f.parentElement.closest('.row') || f).opacity") != "1"
    for place in ("#review-history", "#review-findings", "#review-context", "#review-upload"):
        expect(page.locator(f"{place} [data-testid=status-tracker] .error")).to_have_count(0)
    screenshot(page, "review_error_after_review")

    page.locator("#review-clear").click()
    page.locator("#review-upload input[type=file]").set_input_files([str(FIXTURES / "new_report.txt")])
    expect(page.locator("#review-pending")).to_contain_text("new_report.txt")
    page.locator("#review-run").click()
    expect(page.locator("#review-summary")).to_contain_text("new_report.txt")
    expect(results).not_to_have_class(re.compile("jx-stale"))


def test_gradio_speaks_chinese_in_an_english_browser(browser, app_url):  # noqa: F811
    english = new_page(browser, app_url, locale="en-US")
    english.get_by_role("tab", name="审核").click()
    upload = english.locator("#review-upload")
    expect(upload).to_contain_text("点击上传")
    body = english.locator("body").inner_text()
    assert "Drop File Here" not in body and "Click to Upload" not in body
    assert english.evaluate("navigator.language") == "zh-CN" and english.evaluate("document.documentElement.lang") == "zh-CN"
    english.locator("#review-run").click()
    title = english.locator(".toast-title").first
    expect(english.locator(".toast-body").first).to_contain_text("请先上传报告或粘贴文本")
    assert title.evaluate("t => getComputedStyle(t, '::before').content") == '"错误"'
    assert title.evaluate("t => getComputedStyle(t).fontSize") == "0px"  # Gradio's own “Error” is not shown
    screenshot(english, "chinese_in_english_browser")
    english.context.close()


def test_upload_refusals_tooltips_and_rule_sets_are_chinese(page, tmp_path):  # noqa: F811
    page.get_by_role("tab", name="审核").click()
    picture, huge = tmp_path / "截图.png", tmp_path / "超大文件.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    huge.write_bytes(b"x" * (31 * 1024 * 1024))  # over the default 30 MB limit
    upload = page.locator("#review-upload input[type=file]")
    upload.set_input_files([str(picture)])
    toast = page.locator(".toast-body").last
    expect(toast).to_contain_text("不支持的文件类型：截图.png。只能上传 .pdf")
    expect(page.get_by_text("不支持的文件类型")).to_have_count(1)  # said once, in the notice
    box = page.locator("#review-upload")
    expect(box.get_by_text("错误", exact=True)).to_be_hidden()  # no red badge left over the box
    words = box.locator("[data-testid=upload-text]").bounding_box()
    covering = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('#review-upload [data-testid=upload-text]') !== null",
                             [words["x"] + words["width"] / 2, words["y"] + words["height"] / 2])
    assert covering, "the upload box can still be clicked after a refusal"
    screenshot(page, "review_png_refused")
    upload.set_input_files([str(huge)])
    expect(page.locator(".toast-body", has_text="超大文件.txt")).to_contain_text("文件超过上传上限 30.0 MB")
    assert "Invalid file" not in page.locator("body").inner_text() and "exceed" not in page.locator("body").inner_text()
    screenshot(page, "review_upload_refused")

    page.goto(page.url)
    run_review(page, FIXTURES / "flawed_report.txt", FIXTURES / "new_report.txt")
    page.locator("#review-inputs button.label-wrap").click()
    expect(page.locator("#review-rules input")).to_have_value(re.compile("财政部《项目支出绩效评价管理办法》"))
    labels = page.evaluate("""() => [...document.querySelectorAll('[title], [aria-label]')].filter(e => e.checkVisibility())
        .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label')]).filter(Boolean)""")
    english = [x for x in labels if re.search(r"[A-Za-z]{3}", x) and not re.search(r"\.(txt|pdf|docx|zip)$", x)]
    assert english == [], english  # no “Copy table data”, “Fullscreen”, “common.upload”
    assert "上传文件" in labels


def self_evaluation_workbook(path):
    """A 自评表 as staff fill it in Excel: a title, the project's figures, the indicators; the 产出 parts
    add up to 55 under a 50-point indicator and the total to 105."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目支出绩效自评表"
    sheet.append(["项目支出绩效自评表（2023年度）"])
    sheet.append(["项目名称", "政务服务事项办理", "主管部门", "某县政务服务中心"])
    sheet.append(["年度资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"])
    sheet.append(["年度资金总额", 50, 50, 48.6, "97.20%"])
    sheet.append(["一级指标", "二级指标", "三级指标", "分值", "得分"])
    sheet.append(["产出指标(50分)", "数量指标", "受理事项数", 30, 30])
    sheet.append([None, "质量指标", "办结率", 25, 25])
    sheet.append(["效益指标(50分)", "社会效益", "便利度", 50, 50])
    sheet.append(["合计", None, None, 100, 100])
    book.save(path)
    return path


def test_an_xlsx_self_evaluation_table_is_accepted_and_reviewed(page, tmp_path):  # noqa: F811
    workbook = self_evaluation_workbook(tmp_path / "政务服务自评表.xlsx")
    for tab, box in (("语料库", "#corpus-upload"), ("审核", "#review-upload")):  # wherever the command line reads .xlsx
        page.get_by_role("tab", name=tab).click()
        expect(page.locator(f"{box} input[type=file]")).to_have_attribute("accept", re.compile(r"\.xlsx"))
    run_review(page, workbook)
    expect(page.locator(".toast-body")).to_have_count(0)  # not refused
    expect(page.locator("#review-summary")).to_contain_text("政务服务自评表.xlsx")
    rows = page.locator("#review-findings tr[data-finding]")
    expect(rows.filter(has_text="应为 105")).to_have_count(1)
    expect(rows.filter(has_text="应为 55")).to_have_count(1)
    screenshot(page, "review_xlsx")


def test_a_batch_on_a_laptop_screen_counts_its_files_and_opens_a_row_in_view(page, tmp_path):  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 768})
    names = [shutil.copyfile(FIXTURES / "flawed_report.txt", tmp_path / f"单位{n}.txt") for n in range(1, 5)]
    page.get_by_role("tab", name="审核").click()
    page.locator("#review-upload input[type=file]").set_input_files([str(p) for p in [*names, SEED_FINAL_ACCOUNTS]])
    expect(page.locator("#review-upload")).to_contain_text("已选 5 份文件")  # the box shows only some of them
    screenshot(page, "review_batch_chosen_1366")
    page.locator("#review-run").click()
    overview = page.locator("#review-overview")
    overview.locator("[role=gridcell]", has_text="001_cbc299a9f93ac768.txt").click()
    expect(page.locator("#review-summary")).to_contain_text("001_cbc299a9f93ac768.txt")
    first = page.locator("#review-findings tr[data-finding]").first
    page.wait_for_function("() => { const r = document.querySelector('#review-findings tr[data-finding]');"
                           " return r && r.getBoundingClientRect().bottom <= window.innerHeight; }")  # scrolled into view
    assert first.bounding_box()["y"] >= 0
    frames = overview.locator(".cell-selected").evaluate("c => [c, ...c.querySelectorAll('*')].map(e => getComputedStyle(e).boxShadow)")
    assert set(frames) == {"none"}, frames  # no cell-edit frame on a read-only table
    assert overview.locator(".selection-button").evaluate_all("bs => bs.every(b => !b.checkVisibility())")
    screenshot(page, "review_batch_row_opened_1366")


def test_corpus_refuses_copies_lists_every_report_and_asks_before_deleting(page, tmp_path):  # noqa: F811
    copy = tmp_path / "南县自评报告（副本）.txt"
    shutil.copyfile(SEED_PROJECT, copy)
    page.get_by_role("tab", name="语料库").click()
    listing = page.locator("#corpus-list")
    expect(listing).to_contain_text("2021年政务大厅物业管理项目绩效自评报告")
    rows_of_001 = listing.locator("[role=row]", has_text="001_cbc299a9f93ac768.txt")
    assert rows_of_001.count() >= 5
    kinds = set(rows_of_001.evaluate_all("rows => rows.map(r => r.querySelectorAll('[role=gridcell]')[2].innerText.trim())"))
    assert {"部门决算", "部门整体", "项目"} <= kinds

    page.locator("#corpus-upload input[type=file]").set_input_files([str(copy), str(FIXTURES / "new_report.txt")])
    expect(page.locator("#corpus-upload")).to_contain_text("new_report")
    page.locator("#corpus-add").click()
    result = page.locator("#corpus-result")
    expect(result).to_contain_text("内容与已入库的“002_dce46d5db60cb36d.txt”相同，未重复入库")
    expect(result).to_contain_text("已入库")
    assert result.locator("[role=gridcell]").evaluate_all("cells => cells.every(c => c.scrollWidth <= c.clientWidth + 1)")
    expect(listing).to_contain_text("new_report.txt")
    assert "南县自评报告（副本）" not in listing.inner_text()
    chunks = int(page.locator("#corpus-status").inner_text().split("、")[-1].rstrip("段。 \n"))
    screenshot(page, "corpus")

    page.get_by_role("tab", name="设置").click()
    expect(page.locator("#settings-status")).to_contain_text(f"语料段数：{chunks}")
    page.get_by_role("tab", name="语料库").click()

    page.locator("#corpus-remove input").click()
    page.get_by_role("option", name="new_report.txt").click()
    page.locator("#corpus-delete").click()
    expect(page.locator("#corpus-confirm-text")).to_contain_text("确定从语料库删除 new_report.txt")
    screenshot(page, "corpus_confirm_delete")
    page.locator("#corpus-cancel").click()
    expect(page.locator("#corpus-confirm")).to_be_hidden()
    expect(listing).to_contain_text("new_report.txt")
    page.locator("#corpus-delete").click()
    page.locator("#corpus-confirm").click()
    expect(listing).not_to_contain_text("new_report.txt")
    page.get_by_role("tab", name="设置").click()
    expect(page.locator("#settings-status")).not_to_contain_text(f"语料段数：{chunks}")


def test_hostile_html_in_a_report_is_shown_as_text(page, tmp_path):  # noqa: F811
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("某县2024年度项目支出绩效自评报告\n<img src=x onerror=alert(1)><script>alert(2)</script>\n"
                       "项目预算64万元，其中：劳务费30.2万元、运维费21.5万元、其他费用10.1万元。<b>加粗</b>\n", encoding="utf-8")
    run_review(page, hostile)
    expect(page.locator("#review-findings")).to_contain_text("61.8万元")
    expect(page.locator("#review-context")).to_contain_text("<script>alert(2)</script>")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("#review-context img, #review-findings img, #review-context b").count() == 0


def draft_by_chat(web):
    web.get_by_role("tab", name="起草").click()
    chat_input = web.locator("#draft-input textarea")
    chat_input.fill("2023年度，单位是某县政务服务中心，项目预算50万元，实际支出48.6万元，办件7341件")
    chat_input.press("Enter")
    expect(web.locator("#draft-figures")).to_contain_text("48.6")
    chat_input.fill("起草")
    chat_input.press("Enter")
    expect(web.locator("#draft-view")).to_contain_text("预算执行率为97.20%")


def test_draft_by_chat_and_download_word(page, tmp_path):  # noqa: F811
    draft_by_chat(page)
    path = download(page, "#draft-docx a", tmp_path)
    document = docx.Document(path)
    assert any("预算执行率为97.20%" in p.text for p in document.paragraphs)
    screenshot(page, "draft")


def test_a_written_draft_is_pointed_to_and_scrolled_into_view_on_a_laptop_screen(page):  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("tab", name="起草").click()
    label, box = page.locator("#draft-upload [data-testid=block-label]").bounding_box(), page.locator("#draft-upload").bounding_box()
    lines = page.evaluate("""() => { const lines = [], words = document.querySelector('#draft-upload [data-testid=upload-text]');
        const walker = document.createTreeWalker(words, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue.trim()) {
            const r = document.createRange(); r.selectNodeContents(n); const b = r.getBoundingClientRect();
            lines.push([n.nodeValue.trim(), b.top, b.bottom]); }
        return lines; }""")
    assert [text for text, _, _ in lines] == ["将文件拖放到此处", "- 或 -", "点击上传"]
    for text, top, bottom in lines:  # below the label, inside the box: nothing covered, nothing clipped
        assert label["y"] + label["height"] <= top and bottom <= box["y"] + box["height"], text
    draft_by_chat(page)
    expect(page.locator("#draft-chat .message-row").last).to_contain_text("草稿写在对话框下方")
    page.wait_for_function("() => { const top = document.querySelector('#draft-view').getBoundingClientRect().top;"
                           " return top >= -1 && top < window.innerHeight / 2; }")  # the page went to the draft
    broken = page.evaluate("""() => [...document.querySelectorAll('#draft-view td')]
        .filter(td => /^[\\d.,]+(%|万元)?$/.test(td.innerText.trim()))
        .filter(td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1; })
        .map(td => td.innerText)""")
    assert broken == [], broken  # “50.00”, never “50.0/0”
    screenshot(page, "draft_written_1366")


def test_reviews_drafts_and_settings_survive_a_server_restart(browser, tmp_path):  # noqa: F811
    home, port = tmp_path / "home", free_port()  # the same address each time: the browser keeps who its user is
    process, url = start_app(home, port=port)
    web = new_page(browser, url)
    try:
        run_review(web, FIXTURES / "flawed_report.txt")
        draft_by_chat(web)
        stop_app(process)
        process, url = start_app(home, port=port)
        web.reload()
        web.get_by_role("tab", name="审核").click()
        web.locator("#review-history input").click()
        web.get_by_role("option", name=re.compile("flawed_report.txt")).click()
        expect(web.locator("#review-findings")).to_contain_text("61.8万元")
        expect(web.locator("#review-context mark").first).to_be_visible()
        screenshot(web, "review_reopened_after_restart")
        web.get_by_role("tab", name="起草").click()
        web.locator("#draft-saved input").click()
        web.get_by_role("option", name=re.compile("稿")).first.click()
        expect(web.locator("#draft-view")).to_contain_text("预算执行率为97.20%")

        web.get_by_role("tab", name="设置").click()
        expect(web.locator("#settings-embeddings")).to_contain_text("由环境变量 JIXIAO_EMBEDDINGS 设定")
        web.locator("#settings-base-url textarea").fill("http://127.0.0.1:9/v1")
        web.get_by_role("tab", name="审核").click()  # a look elsewhere before saving keeps what was typed
        web.get_by_role("tab", name="设置").click()
        expect(web.locator("#settings-status")).to_contain_text("语料段数")
        web.locator("#settings-model textarea").fill("qwen2.5-7b-instruct")
        web.locator("#settings-key input").fill("sk-county-secret")
        web.locator("#settings-save").click()
        expect(web.locator("#settings-result")).to_contain_text("已保存")
        expect(web.locator("#settings-key")).to_contain_text("已设置（不显示）")
        assert web.locator("#settings-key input").input_value() == "" and "sk-county-secret" not in web.content()
        stop_app(process)
        process, url = start_app(home, port=port)
        web.reload()
        web.get_by_role("tab", name="设置").click()
        expect(web.locator("#settings-base-url textarea")).to_have_value("http://127.0.0.1:9/v1")
        expect(web.locator("#settings-model textarea")).to_have_value("qwen2.5-7b-instruct")
        expect(web.locator("#settings-key")).to_contain_text("已设置（不显示）")
        expect(web.locator("#settings-status")).to_contain_text("qwen2.5-7b-instruct")
        screenshot(web, "settings_after_restart")
    finally:
        web.context.close()
        stop_app(process)


def wait_until(condition) -> None:
    """Wait for the server's worker threads, within a bound on waiting (not a measure of speed)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert condition()


def test_a_running_review_can_be_stopped_and_the_server_stops_checking(browser, tmp_path, monkeypatch):  # noqa: F811
    import assistant.batch
    from ui.app import build_app, launch_options

    gate, checked, check_one = threading.Event(), [], assistant.batch.check_one

    def slow_check(item, rule_set):  # the first report takes until the test lets it finish
        checked.append(item.source)
        gate.wait()
        return check_one(item, rule_set)

    monkeypatch.setattr(assistant.batch, "check_one", slow_check)
    monkeypatch.setenv("GRADIO_HEARTBEAT_INTERVAL", "0.5")  # how soon the server notices a closed page
    reports = [shutil.copyfile(FIXTURES / "flawed_report.txt", tmp_path / f"单位{n}.txt") for n in range(1, 5)]
    settings = Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash")
    services = Services(settings, Store(settings))
    app, port = build_app(services), free_port()
    app.launch(server_port=port, prevent_thread_lock=True, **launch_options(services))
    web = new_page(browser, f"http://127.0.0.1:{port}")
    try:
        web.set_viewport_size({"width": 1366, "height": 768})
        web.get_by_role("tab", name="审核").click()
        web.locator("#review-upload input[type=file]").set_input_files([str(p) for p in reports])
        expect(web.locator("#review-pending")).to_contain_text("4 份文件")
        web.locator("#review-run").click()
        expect(web.locator("#review-pending")).to_contain_text("正在核对第 1/4 份：单位1.txt")  # which of how many
        screenshot(web, "review_running")
        web.locator("#review-stop").click()
        expect(web.locator("#review-pending")).to_contain_text("已停止审核（已核对 0/4 份，本次结果未保存）")
        expect(web.locator("#review-stop")).to_be_hidden()
        screenshot(web, "review_stopped")
        gate.set()  # the report being checked is finished; the server then gives up instead of checking the others
        wait_until(lambda: not len(services.reviews))
        assert checked == ["单位1.txt"]
        web.locator("#review-run").click()  # the page still works: the next review runs to its end
        expect(web.locator("#review-summary")).to_contain_text("单位1.txt")
        expect(web.locator("#review-overview")).to_contain_text("单位4.txt")

        gate.clear()
        checked.clear()
        web.locator("#review-inputs button.label-wrap").click()  # folded after a review
        web.locator("#review-run").click()
        expect(web.locator("#review-pending")).to_contain_text("正在核对第 1/4 份")
        web.close()  # closing the page stops its review too
        wait_until(services.reviews.stopping)
        gate.set()
        wait_until(lambda: not len(services.reviews))
        assert checked == ["单位1.txt"]
    finally:
        gate.set()
        web.context.close()
        app.close()


class GatedStore(Store):
    """A store whose adding waits for the test, so the app can be seen while the corpus is indexed."""

    gate = threading.Event()

    def add(self, chunks):
        self.gate.wait()
        return super().add(chunks)


def test_the_app_answers_while_the_corpus_is_indexed(browser, tmp_path):  # noqa: F811
    from ui.app import build_app, launch_options

    settings = Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash")
    services = Services(settings, GatedStore(settings))
    app, port = build_app(services), free_port()
    app.launch(server_port=port, prevent_thread_lock=True, **launch_options(services))
    services.index_corpus_in_background()
    web = new_page(browser, f"http://127.0.0.1:{port}")
    try:
        web.get_by_role("tab", name="语料库").click()
        expect(web.locator("#corpus-status")).to_contain_text("语料库正在建立索引（0/5）")
        web.locator("#corpus-query textarea").fill("三公经费")
        web.locator("#corpus-query textarea").press("Enter")
        expect(web.locator("#corpus-hits")).to_contain_text("语料库正在建立索引（0/5），完成后即可检索")
        screenshot(web, "corpus_indexing")
        run_review(web, FIXTURES / "flawed_report.txt")
        expect(web.locator("#review-findings")).to_contain_text("61.8万元")

        GatedStore.gate.set()
        services.indexer.join()  # however long indexing takes on a busy machine: the page then says it is done
        web.get_by_role("tab", name="语料库").click()
        expect(web.locator("#corpus-status")).not_to_contain_text("正在建立索引")
        expect(web.locator("#corpus-list")).to_contain_text("001_cbc299a9f93ac768.txt")
        web.locator("#corpus-query textarea").press("Enter")
        expect(web.locator("#corpus-hits")).to_contain_text("001_cbc299a9f93ac768.txt")
    finally:
        GatedStore.gate.set()
        web.context.close()
        app.close()
