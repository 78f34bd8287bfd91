"""语料库: add reports with a progress bar, list and delete them, and try retrieval."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import gradio as gr

from retrieval.ingest import ingest
from retrieval.report_types import type_name
from retrieval.search import search
from ui.services import UPLOAD_TYPES, Services, safe_name

TITLE = "语料库"


def layout(services: Services) -> dict:
    with gr.Row():
        with gr.Column(scale=1):
            files = gr.File(label="上传往年报告（可多选）", file_count="multiple", file_types=UPLOAD_TYPES, elem_id="corpus-upload")
            add = gr.Button("加入语料库", variant="primary", elem_id="corpus-add")
            result = gr.Dataframe(headers=["文件", "结果", "说明"], interactive=False, label="入库结果", elem_id="corpus-result")
            remove = gr.Dropdown([], label="删除文档")
            delete = gr.Button("删除所选文档", variant="stop")
        with gr.Column(scale=2):
            listing = gr.Dataframe(headers=["文档", "类型", "年度", "单位", "段数"], interactive=False, label="已入库文档",
                                   elem_id="corpus-list")
            query = gr.Textbox(label="检索测试", placeholder="如：三公经费 公务接待", elem_id="corpus-query")
            hits = gr.Markdown(elem_id="corpus-hits")
    return {"files": files, "add": add, "result": result, "remove": remove, "delete": delete, "listing": listing,
            "query": query, "hits": hits}


def documents(services: Services):
    docs = services.store.documents()
    rows = [[d.source, type_name(d.report_type, short=True), d.year or "", d.department, d.chunks] for d in docs]
    return rows, gr.update(choices=[d.source for d in docs], value=None)


def add_files(paths, services: Services, progress=gr.Progress()):
    if not paths:
        raise gr.Error("请先选择文件", print_exception=False)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-upload-"))
    staged = []
    for path in paths:
        target = folder / safe_name(path)
        shutil.copyfile(path, target)
        staged.append(target)
    progress(0, desc="开始入库")
    with services.ingest_lock:
        outcome = ingest(services.store, staged, lambda done, total, name: progress((done, total), desc=f"入库：{name}"))
    shutil.rmtree(folder, ignore_errors=True)
    status = {"added": "已入库", "skipped": "已存在", "error": "失败"}
    rows = [[Path(item["path"]).name, status[item["status"]], item["message"]] for item in outcome.per_file]
    return (rows, *documents(services))


def delete_document(source: str | None, services: Services):
    if not source:
        raise gr.Error("请先选择要删除的文档", print_exception=False)
    removed = services.store.delete_source(source)
    gr.Info(f"已删除 {source}（{removed} 段）")
    return documents(services)


def run_search(query: str, services: Services) -> str:
    if not query or not query.strip():
        return ""
    found = search(services.store, query, k=5)
    if not found:
        return "没有找到相关段落。"
    return "\n\n".join(f"**{i}. {h.source}** · {h.section or '（无标题）'} · {h.score:.3f}\n\n> " + h.text[:400].replace("\n", "\n> ")
                       for i, h in enumerate(found, start=1))


def wire(ui: dict, services: Services) -> None:
    ui["add"].click(lambda paths, progress=gr.Progress(): add_files(paths, services, progress), [ui["files"]],
                    [ui["result"], ui["listing"], ui["remove"]], api_name="ingest", concurrency_limit=1,
                    concurrency_id="ingest")
    ui["delete"].click(lambda s: delete_document(s, services), [ui["remove"]], [ui["listing"], ui["remove"]], api_name=False)
    ui["query"].submit(lambda q: run_search(q, services), [ui["query"]], [ui["hits"]], api_name="search")


def on_load(ui: dict, services: Services):
    """Fill the listing each time the page opens."""
    return lambda: documents(services), [ui["listing"], ui["remove"]]
