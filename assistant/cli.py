"""The `jixiao` command line. With --json, stdout carries exactly one JSON document."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(help="绩效：预算绩效报告起草与审核助手", no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()

JsonFlag = Annotated[bool, typer.Option("--json", help="输出一个 JSON 文档")]


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]错误：[/red]{message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def progress_bar(label: str):
    """A rich progress bar on stderr; yields a callback (done, total, name)."""
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        yield update


def open_store():
    from assistant.settings import get_settings
    from retrieval.store import Store, StoreError

    try:
        return Store(get_settings())
    except StoreError as exc:
        fail(str(exc))


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="文件或文件夹")], as_json: JsonFlag = False) -> None:
    """把往年报告（.pdf .docx .html .txt .md）加入语料库；重复加入不会重复入库。"""
    from retrieval.ingest import ingest as run_ingest

    store = open_store()
    with progress_bar("入库") as update:
        result = run_ingest(store, paths, update)
    if as_json:
        emit_json(result.as_json())
        return
    for item in result.per_file:
        colour = {"added": "green", "skipped": "yellow", "error": "red"}[item["status"]]
        out.print(f"[{colour}]{item['message']}[/{colour}]  {item['path']}", highlight=False)
    out.print(f"共 {result.files} 个文件，新增 {result.chunks_added} 段，跳过 {result.skipped} 个，出错 {len(result.errors)} 个")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="查询内容")],
    k: Annotated[int, typer.Option("-k", help="返回条数")] = 5,
    report_type: Annotated[str | None, typer.Option("--type", help="报告类型：project/department/final-accounts")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度")] = None,
    as_json: JsonFlag = False,
) -> None:
    """在语料库中混合检索（关键词 + 向量）；库为空时先导入自带语料。"""
    from assistant.settings import CORPUS_DIR
    from retrieval.ingest import ensure_corpus
    from retrieval.search import search as run_search

    store = open_store()
    with progress_bar("首次使用，导入自带语料") as update:
        ensure_corpus(store, CORPUS_DIR, update)
    filters = {key: value for key, value in (("report_type", report_type), ("year", year)) if value is not None}
    hits = run_search(store, query, k=k, filters=filters or None)
    if as_json:
        emit_json([hit.as_json() for hit in hits])
        return
    if not hits:
        out.print("没有找到相关段落。")
    for rank, hit in enumerate(hits, start=1):
        out.print(f"[bold]{rank}. {hit.source}[/bold]  [cyan]{hit.section or '（无标题）'}[/cyan]  {hit.score:.4f}",
                  highlight=False)
        out.print(hit.text[:300], highlight=False)
        out.print()


def main() -> None:  # pragma: no cover - console entry
    app()
