"""The web app below the browser: its API under load, bad files, the upload limit, the page served in
Chinese, the report text marked for the 审核 page, the corpus page's bookkeeping and the start-up
indexing."""

import shutil
import threading
import urllib.request
from html import escape

import pytest

from assistant.corpus import add_files, stored_reports
from assistant.settings import Settings
from evals.bench.load import run_load
from retrieval.ingest import corpus_files, ingest
from retrieval.store import Store
from tests.browser import app_url  # noqa: F401  (fixture)
from tests.conftest import CORPUS, FIXTURES
from ui.review_view import excerpts, findings_table
from ui.services import Services

FINDING = {"kind": "sum", "severity": "error", "message": "合计不符", "quote": "", "stated": "64万元", "expected": "61.8万元",
           "location": {"section": "一、项目概况", "line": 2}, "check": "sum.parts"}


def finding(quote: str, severity: str = "error", line: int = 2) -> dict:
    return {**FINDING, "quote": quote, "severity": severity, "location": {"section": "一、项目概况", "line": line}}


def test_concurrent_users_each_get_their_own_answers(app_url):  # noqa: F811
    result = run_load(app_url, reviewers=5, drafters=2, rounds=1)
    assert result["errors"] == []
    assert len(result["review"]) == 5 and len(result["draft"]) == 2


def test_bad_files_get_chinese_messages_in_the_web_app(app_url, tmp_path):  # noqa: F811
    from gradio_client import Client, handle_file

    from tests.badinput import make_bad_inputs

    expected = make_bad_inputs(tmp_path / "bad")
    client = Client(app_url, verbose=False)
    for name, (readable, reason) in expected.items():
        if name == "huge.txt":
            continue  # refused by the upload limit before any of our code runs (checked below)
        try:
            result = client.predict([handle_file(str(tmp_path / "bad" / name))], "", "national-2020", ["error"],
                                    api_name="/review")
            assert readable, f"{name} was accepted"
            assert "核对了" in result[0]
        except Exception as exc:  # gradio_client raises the page's gr.Error as AppError
            assert not readable, f"{name}: {exc}"
            assert "无法读取文件" in str(exc) and reason in str(exc), (name, str(exc))
    rows = client.predict([handle_file(str(tmp_path / "bad" / n)) for n in ("scanned.pdf", "gbk.txt")], api_name="/ingest")[0]
    outcome = {row[0]: (row[1], row[2]) for row in rows["data"]}
    assert outcome["scanned.pdf"][0] == "失败" and "OCR" in outcome["scanned.pdf"][1]
    assert outcome["gbk.txt"][0] == "已入库"


def test_uploads_over_the_limit_are_refused(app_url, tmp_path):  # noqa: F811
    from gradio_client import Client, handle_file

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (31 * 1024 * 1024))
    client = Client(app_url, verbose=False)
    try:
        client.predict([handle_file(str(big))], "", "national-2020", ["error"], api_name="/review")
    except Exception as exc:
        assert "size" in str(exc).lower() or "大" in str(exc) or "413" in str(exc)
    else:
        raise AssertionError("a 31 MB upload was accepted")


def test_the_page_reports_the_browser_language_as_chinese_before_gradio_starts(app_url):  # noqa: F811
    page = urllib.request.urlopen(app_url, timeout=30).read().decode()
    head = page[page.index("<head>"):]
    assert head.index("zh-CN") < head.index("<script type=\"module\"")


def test_two_findings_in_one_sentence_are_both_marked_inline():
    text = "某县2024年度项目支出绩效自评报告\n项目预算64万元，其中：劳务费30.2万元、运维费21.5万元。执行率为96%。\n三、其他"
    record = {"source": "a.txt", "text": text, "findings": [finding("项目预算64万元"), finding("64万元", "warning"),
                                                            finding("执行率为96%", "note")]}
    html = excerpts(record)
    assert html.count("<mark") == 3 and 'data-findings="1 2"' in html  # the overlap carries both findings
    assert 'id="jx-mark-1"' in html and 'id="jx-mark-2"' in html and 'id="jx-mark-3"' in html
    assert "<div" not in html.split('<span class="jx-tx">')[2].split("</span></div>")[0]  # no block inside the sentence


def test_only_the_text_around_findings_is_shown():
    lines = [f"第{n}段：本段没有数字问题。" for n in range(1, 201)]
    lines[99] = "项目预算64万元，其中：劳务费30.2万元。"
    record = {"source": "a.txt", "text": "\n".join(lines), "findings": [finding("项目预算64万元", line=100)]}
    html = excerpts(record)
    assert "第98段" in html and "第102段" in html and "第97段" not in html and "第103段" not in html


def test_report_text_is_escaped_and_a_quote_not_found_is_said():
    record = {"source": "a.txt", "text": "标题\n<script>alert(1)</script>预算64万元", "findings": [finding("预算64万元"),
                                                                                          finding("不在原文中")]}
    html = excerpts(record)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "第 2 条的引文未能在原文中定位" in html


PDF_LINES = ["青陽縣審計局2022年“三公”經費預算", "二、2022年“三公”經費支出預算情況說明",
             "青陽縣審計局2022年度“三公”經費支出預算為11.4萬元,比2021年預算增加",
             "0.6萬元,增加5%。其中:因公出國(境)費支出預算為0萬元,公務接待費支出 預算", "為7.4萬元。"]


def test_a_quote_a_pdf_broke_across_lines_is_marked_on_every_line_it_covers():
    quote = "青陽縣審計局2022年度“三公”經費支出預算為11.4萬元,比2021年預算增加0.6萬元,增加5%"
    spaced = "公務接待費支出預算為7.4萬元"  # the PDF put a space inside it and broke the line
    record = {"source": "a.pdf", "text": "\n".join(PDF_LINES),
              "findings": [finding(quote, "warning", line=4), finding(spaced, "note", line=4)]}
    html = excerpts(record)
    assert "未能在原文中定位" not in html
    assert html.count('data-findings="1"') == 2 and html.count('id="jx-mark-1"') == 1  # one anchor to scroll to
    assert '<mark class="jx-warning" data-findings="1">0.6萬元,增加5%</mark>' in html
    assert '<mark class="jx-note" data-findings="2">公務接待費支出 預算</mark>' in html
    assert '<mark class="jx-note" data-findings="2">為7.4萬元</mark>' in html


def test_the_review_page_says_what_the_next_review_will_check():
    from ui.pages.review import loaded

    assert loaded(None, "  \n") == "尚未选择报告：请上传文件或粘贴文本"
    assert loaded(["/tmp/x/甲.pdf"], "预算64万元") == "将审核：1 份文件（甲.pdf） + 粘贴的文本（6 字）"
    assert loaded([f"/tmp/{n}.txt" for n in "abcde"], "") == "将审核：5 份文件（a.txt、b.txt、c.txt 等 5 份）"


def test_the_findings_table_shows_the_whole_message_and_the_quote():
    message = "增减额与计算结果不符：|259 − 139| = 120万元，文中写作120元（按万元计正好相符，疑为单位写错）"
    record = {"source": "a.txt", "text": "", "findings": [{**finding("比上年同期139万元增支120元"), "message": message}]}
    html = findings_table(record)
    assert escape(message) in html and f'title="{escape(message)}"' not in html
    assert "原文：“比上年同期139万元增支120元”" in html and "文中 <b>64万元</b>" in html and "应为 <b>61.8万元</b>" in html


def test_the_findings_table_shows_the_innermost_heading_and_the_whole_path_in_a_tooltip():
    section = "某县政务服务中心2024年度项目支出绩效自评报告 > 一、项目概况 > （一）预算安排及资金使用情况"
    record = {"source": "a.txt", "text": "", "findings": [{**finding("x"), "location": {"section": section, "line": 2}}]}
    assert f'class="jx-section" title="{escape(section)}">（一）预算安排及资金使用情况<' in findings_table(record)


@pytest.fixture
def corpus(tmp_path):
    store = Store(Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash"))
    ingest(store, corpus_files(CORPUS))
    return store


def test_a_copy_under_another_name_is_refused_by_content(corpus, tmp_path):
    copy = tmp_path / "另一个名字.txt"
    shutil.copyfile(CORPUS / "002_dce46d5db60cb36d.txt", copy)
    before = corpus.count()
    outcomes = add_files(corpus, [copy, FIXTURES / "new_report.txt"])
    assert [o["status"] for o in outcomes] == ["duplicate", "added"]
    assert "002_dce46d5db60cb36d.txt" in outcomes[0]["message"]
    assert corpus.count() == before + outcomes[1]["chunks"]


def test_every_report_inside_a_file_is_listed_with_its_own_type_year_and_unit(corpus):
    reports = [r for r in stored_reports(corpus) if r.source == "001_cbc299a9f93ac768.txt"]
    kinds = {r.title: r.report_type for r in reports}
    assert kinds["2021年度四川省雅安市政务服务和大数据局部门决算"] == "final-accounts"
    assert kinds["2021年雅安市政务服务和大数据局整体绩效评价报告"] == "department"
    assert kinds["2021年政务云采购及建设项目支出绩效自评报告"] == "project"
    assert {r.year for r in reports} == {2021} and all("政务服务和大数据局" in r.unit for r in reports)
    assert sum(r.chunks for r in reports) == next(d.chunks for d in corpus.documents() if d.source == reports[0].source)


class GatedStore(Store):
    """Adding waits until the test opens the gate: indexing can be watched half-way."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.gate = threading.Event()

    def add(self, chunks):
        self.gate.wait()
        return super().add(chunks)


def test_search_says_how_far_indexing_has_got_and_review_does_not_wait(tmp_path):
    from ui.pages.corpus import run_search
    from ui.pages.review import check

    settings = Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash")
    services = Services(settings, GatedStore(settings))
    thread = services.index_corpus_in_background(say=lambda message: None)
    assert services.corpus_busy() == "语料库正在建立索引（0/5）"
    assert run_search("三公经费", services).startswith("语料库正在建立索引（0/5）")
    reviewed = check([str(FIXTURES / "flawed_report.txt")], "", "national-2020", ["error"], "", services,
                     progress=lambda *args, **kwargs: None)
    assert "61.8万元" in reviewed["findings"]
    services.store.gate.set()
    thread.join()
    assert services.corpus_busy() == "" and "001_cbc299a9f93ac768.txt" in run_search("三公经费", services)
    assert Services(settings, services.store).index_corpus_in_background() is None  # done once, never again


def test_an_interrupted_indexing_is_finished_on_the_next_start(tmp_path):
    settings = Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash")
    first = Services(settings, Store(settings))
    first.workspace.set_meta(first.corpus_marker() + ":started", "1")
    ingest(first.store, corpus_files(CORPUS)[:1])  # killed after the first file
    again = Services(settings, Store(settings))
    again.index_corpus_in_background(say=lambda message: None).join()
    assert {d.source for d in again.store.documents()} == {p.name for p in corpus_files(CORPUS)}


def test_after_an_upgrade_the_app_reindexes_the_bundled_corpus_and_names_files_to_add_again(tmp_path):
    from dataclasses import replace

    from retrieval.chunking import chunk_document
    from retrieval.loaders import load
    from ui.pages.corpus import refreshed

    settings = Settings(JIXIAO_HOME=str(tmp_path / "home"), JIXIAO_EMBEDDINGS="hash")
    services = Services(settings, Store(settings))
    own = tmp_path / "往年报告.txt"
    shutil.copyfile(FIXTURES / "new_report.txt", own)
    for path in (corpus_files(CORPUS)[0], own):  # stored by a release that cut passages differently
        services.store._store([replace(c, id="old" + c.id[3:], chunking="c3") for c in chunk_document(load(path))])
    services.workspace.set_meta("corpus-indexed:" + settings.collection + ":" + services.store.embedder.name, "1")
    services.index_corpus_in_background(say=lambda message: None).join()
    assert [r.source for r in stored_reports(services.store) if r.stale] == ["往年报告.txt"]
    status = refreshed(services)[0]
    assert "1 个文件是旧版本切分的段落" in status and "往年报告.txt" in status


def test_an_embedder_chosen_in_the_page_gets_its_own_collection_indexed_in_the_background(tmp_path, monkeypatch):
    from assistant.settings import get_settings, read_settings_file
    from ui.pages.settings_page import save, shown_values

    monkeypatch.delenv("JIXIAO_EMBEDDINGS", raising=False)
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    settings = get_settings()
    services = Services(settings, Store(settings))  # e5, never used: nothing is embedded with it here
    save(services, shown_values(settings), "", "qwen2.5-7b", "", False, "hash", "")
    services.indexer.join()
    assert services.settings.embeddings == "hash" and services.settings.llm_model == "qwen2.5-7b"
    assert services.store.collection.name == "jixiao_reports-hash" and services.store.count() > 0
    assert read_settings_file(tmp_path / "home") == {"JIXIAO_LLM_MODEL": "qwen2.5-7b", "JIXIAO_EMBEDDINGS": "hash",
                                                     "JIXIAO_COLLECTION": "jixiao_reports-hash"}
    get_settings.cache_clear()


def test_a_page_left_open_saves_only_what_its_user_changed(tmp_path, monkeypatch):
    """Two browsers: A saves a model name; B, opened before that, changes only the address. B's save keeps
    A's model and does not switch the embedder back."""
    from assistant.settings import get_settings, read_settings_file
    from ui.pages.settings_page import save, shown_values

    monkeypatch.delenv("JIXIAO_EMBEDDINGS", raising=False)
    monkeypatch.delenv("JIXIAO_LLM_MODEL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    services = Services(get_settings(), Store(get_settings()))
    page_b = shown_values(services.settings)
    save(services, shown_values(services.settings), "", "qwen2.5-7b", "", False, "e5", "")
    b_form = [page_b["openai_base_url"], page_b["llm_model"], "", False, page_b["embeddings"], page_b["embedding_model"]]
    b_form[0] = "http://127.0.0.1:9/v1"
    save(services, page_b, *b_form)
    assert read_settings_file(tmp_path / "home") == {"JIXIAO_LLM_MODEL": "qwen2.5-7b",
                                                     "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    assert services.settings.llm_model == "qwen2.5-7b"
    get_settings.cache_clear()
