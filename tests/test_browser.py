"""The three flows of the web app in a real browser (Debian's chromium through playwright)."""

import docx
import pytest
from playwright.sync_api import expect

from tests.browser import app_url, browser, page, screenshot  # noqa: F401  (fixtures)
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser


def test_review_shows_findings_and_highlights_them(page):  # noqa: F811
    page.get_by_role("tab", name="审核").click()
    page.locator("#review-upload input[type=file]").set_input_files(str(FIXTURES / "flawed_report.txt"))
    page.locator("#review-run").click()
    table = page.locator("#review-findings")
    expect(table).to_contain_text("61.8万元")
    text = table.inner_text()
    assert "合计" in text and "61.8万元" in text and "92.75%" in text and "15.06%" in text
    highlight = page.locator("#review-highlight")
    assert "1·错误" in highlight.inner_text()
    assert "93.75" in highlight.inner_text()
    table.get_by_text("61.8万元", exact=True).filter(visible=True).first.click()
    expect(page.locator("#review-context")).to_contain_text("第3行")
    screenshot(page, "review")


def test_draft_by_chat_and_download_word(page, tmp_path):  # noqa: F811
    chat_input = page.locator("#draft-input textarea")
    chat_input.fill("2023年度，单位是某县政务服务中心，项目预算50万元，实际支出48.6万元，办件7341件")
    chat_input.press("Enter")
    expect(page.locator("#draft-figures")).to_contain_text("budget.full_year")
    assert "48.6" in page.locator("#draft-figures").inner_text()
    chat_input.fill("起草")
    chat_input.press("Enter")
    expect(page.locator("#draft-view")).to_contain_text("预算执行率为97.20%")
    with page.expect_download() as download:
        page.locator("#draft-docx a").first.click()
    path = tmp_path / "draft.docx"
    download.value.save_as(path)
    document = docx.Document(path)
    assert any("预算执行率为97.20%" in p.text for p in document.paragraphs)
    screenshot(page, "draft")


def test_corpus_upload_list_and_search(page):  # noqa: F811
    page.get_by_role("tab", name="语料库").click()
    expect(page.locator("#corpus-list")).to_contain_text("001_cbc299a9f93ac768.txt")
    page.locator("#corpus-upload input[type=file]").set_input_files(str(FIXTURES / "new_report.txt"))
    page.locator("#corpus-add").click()
    expect(page.locator("#corpus-result")).to_contain_text("已入库")
    expect(page.locator("#corpus-list")).to_contain_text("new_report.txt")
    query = page.locator("#corpus-query textarea")
    query.fill("食品安全监督抽检")
    query.press("Enter")
    expect(page.locator("#corpus-hits")).to_contain_text("new_report.txt")
    screenshot(page, "corpus")


def test_hostile_html_in_a_report_is_shown_as_text(page, tmp_path):  # noqa: F811
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("某县2024年度项目支出绩效自评报告\n<img src=x onerror=alert(1)><script>alert(2)</script>\n"
                       "项目预算64万元，其中：劳务费30.2万元、运维费21.5万元、其他费用10.1万元。<b>加粗</b>\n", encoding="utf-8")
    page.get_by_role("tab", name="审核").click()
    page.locator("#review-upload input[type=file]").set_input_files(str(hostile))
    page.locator("#review-run").click()
    expect(page.locator("#review-findings")).to_contain_text("61.8万元")
    page.locator("#review-findings").get_by_text("61.8万元", exact=True).filter(visible=True).first.click()
    expect(page.locator("#review-highlight")).to_contain_text("<script>alert(2)</script>")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("#review-highlight img").count() == 0
