"""语料库: add reports (copies of stored content refused), every report inside each file listed, delete
with a confirmation, try retrieval; while the bundled corpus is being indexed, its progress."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import gradio as gr

from assistant.corpus import StoredReport, add_files, stored_reports
from retrieval.report_types import type_name
from retrieval.search import search
from ui.chinese import error, info
from ui.services import UPLOAD_TYPES, Services, safe_name

TITLE = "语料库"
LISTING_COLUMNS = ["文件", "报告", "类型", "年度", "单位", "段数"]
STATUS = {"added": "已入库", "skipped": "已存在", "duplicate": "内容重复", "error": "失败"}
TICK_SECONDS = 1.0
STALE_LISTED = 10  # stale files named in the status line


def layout(services: Services) -> dict:
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=420):
            files = gr.File(label="上传往年报告（可多选）", file_count="multiple", file_types=UPLOAD_TYPES, height=150,
                            elem_id="corpus-upload")
            add = gr.Button("加入语料库", variant="primary", elem_id="corpus-add")
            status = gr.Markdown(elem_id="corpus-status")
            result = gr.Dataframe(headers=["文件", "结果", "说明"], interactive=False, wrap=True, label="入库结果",
                                  column_widths=["34%", "14%", "52%"], elem_id="corpus-result")
            with gr.Row(equal_height=False):
                remove = gr.Dropdown([], label="删除文件（连同其中所有报告）", scale=3, elem_id="corpus-remove")
                delete = gr.Button("删除…", variant="stop", scale=1, elem_id="corpus-delete")
            with gr.Group(visible=False) as confirm_box:
                question = gr.Markdown(elem_id="corpus-confirm-text")
                with gr.Row():
                    confirm = gr.Button("确认删除", variant="stop", elem_id="corpus-confirm")
                    cancel = gr.Button("取消", elem_id="corpus-cancel")
        with gr.Column(scale=3, min_width=520):
            listing = gr.Dataframe(headers=LISTING_COLUMNS, interactive=False, wrap=True, max_height=520,
                                   column_widths=["22%", "34%", "8%", "7%", "22%", "7%"], label="已入库的报告（一个文件可含多份报告）",
                                   elem_id="corpus-list")
            query = gr.Textbox(label="检索测试", placeholder="如：三公经费 公务接待", elem_id="corpus-query")
            hits = gr.Markdown(elem_id="corpus-hits")
    timer = gr.Timer(TICK_SECONDS, active=False)
    return {"files": files, "add": add, "status": status, "result": result, "remove": remove, "delete": delete,
            "confirm_box": confirm_box, "question": question, "confirm": confirm, "cancel": cancel, "listing": listing,
            "query": query, "hits": hits, "timer": timer}


def status_text(services: Services) -> str:
    indexing = services.indexing
    if indexing.running:
        return f"**{indexing.message()}**：{indexing.current or '准备中'}。审核不受影响；检索和起草请稍候。"
    if indexing.error:
        return f"**{indexing.error}**"
    return ""


def refreshed(services: Services) -> tuple:
    """Status, listing, the delete choices, and whether to keep polling (while indexing)."""
    reports = stored_reports(services.store)
    rows = [[r.source, r.title or "（无标题）", type_name(r.report_type, short=True), r.year or "", r.unit, r.chunks] for r in reports]
    sources = sorted({r.source for r in reports})
    counts = f"共 {len(sources)} 个文件、{len(reports)} 份报告、{services.store.count()} 段。"
    status = "\n\n".join(x for x in (status_text(services), counts, stale_text(reports)) if x)
    return status, rows, gr.update(choices=sources, value=None), gr.Timer(active=services.indexing.running)


def stale_text(reports: list[StoredReport]) -> str:
    """Files stored by an older version's chunking: search reads them less well until they are added again."""
    stale = sorted({r.source for r in reports if r.stale})
    if not stale:
        return ""
    return (f"**{len(stale)} 个文件是旧版本切分的段落，检索效果较差，请重新加入**（旧段落会自动替换）："
            + "、".join(stale[:STALE_LISTED]) + (" 等" if len(stale) > STALE_LISTED else ""))


def add(paths, services: Services, progress=gr.Progress()) -> tuple:
    if not paths:
        raise error("请先选择文件")
    if services.corpus_busy():
        raise error(f"{services.corpus_busy()}，请稍后再加入")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-upload-"))
    staged = []
    for path in paths:
        target = folder / safe_name(path)
        shutil.copyfile(path, target)
        staged.append(target)
    progress(0, desc="开始入库")
    with services.ingest_lock:
        outcomes = add_files(services.store, staged,
                             lambda done, total, name: progress((done, total), desc=f"入库：{name}", unit="个文件"))
    shutil.rmtree(folder, ignore_errors=True)
    rows = [[Path(o["path"]).name, STATUS[o["status"]], o["message"]] for o in outcomes]
    return (rows, *refreshed(services))


def ask_to_delete(source: str | None, services: Services) -> tuple:
    if not source:
        raise error("请先选择要删除的文件")
    chunks = sum(r.chunks for r in stored_reports(services.store) if r.source == source)
    return gr.update(visible=True), f"确定从语料库删除 **{source}**（{chunks} 段）吗？删除后检索和起草不再引用它。"


def delete(source: str | None, services: Services) -> tuple:
    if not source:
        raise error("请先选择要删除的文件")
    with services.ingest_lock:
        removed = services.store.delete_source(source)
    info(f"已删除 {source}（{removed} 段）")
    return (gr.update(visible=False), *refreshed(services))


def run_search(query: str, services: Services) -> str:
    if not query or not query.strip():
        return ""
    if services.corpus_busy():
        return f"{services.corpus_busy()}，完成后即可检索。"
    found = search(services.store, query, k=5)
    if not found:
        return "没有找到相关段落。"
    return "\n\n".join(f"**{i}. {h.source}** · {h.section or '（无标题）'} · {h.score:.3f}\n\n> " + h.text[:400].replace("\n", "\n> ")
                       for i, h in enumerate(found, start=1))


def wire(ui: dict, services: Services) -> None:
    shown = [ui["status"], ui["listing"], ui["remove"], ui["timer"]]
    ui["add"].click(lambda paths, progress=gr.Progress(): add(paths, services, progress), [ui["files"]],
                    [ui["result"], *shown], api_name="ingest", concurrency_limit=1, concurrency_id="ingest")
    ui["delete"].click(lambda s: ask_to_delete(s, services), [ui["remove"]], [ui["confirm_box"], ui["question"]], api_name=False)
    ui["cancel"].click(lambda: gr.update(visible=False), None, [ui["confirm_box"]], api_name=False)
    ui["confirm"].click(lambda s: delete(s, services), [ui["remove"]], [ui["confirm_box"], *shown], api_name=False)
    ui["query"].submit(lambda q: run_search(q, services), [ui["query"]], [ui["hits"]], api_name="search")
    ui["timer"].tick(lambda: refreshed(services), None, shown, api_name=False, show_progress="hidden")


def on_load(ui: dict, services: Services):
    """Fill the listing when the page opens (and when its tab is chosen)."""
    return (lambda: refreshed(services)), None, [ui["status"], ui["listing"], ui["remove"], ui["timer"]]
