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
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

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


def settings():
    """The settings, or exit 2 naming the environment variable that is wrong."""
    from assistant.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        fail(f"设置有误：{exc}")


def open_store():
    from retrieval.store import Store, StoreError

    try:
        return Store(settings())
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
    report_type: Annotated[str | None, typer.Option("--type", help="报告类型：project/department/final-accounts 或 项目/部门整体/部门决算")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="段落类别，如 三公经费、存在问题、预算执行、产出")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称（可只写一部分，如 南县）")] = None,
    rewrite: Annotated[bool, typer.Option("--rewrite", help="先请已配置的模型把问题改写为报告用语")] = False,
    as_json: JsonFlag = False,
) -> None:
    """在语料库中混合检索（关键词 + 向量）；库为空时先导入自带语料。"""
    from assistant.settings import CORPUS_DIR
    from retrieval.ingest import ensure_corpus
    from retrieval.search import FilterError
    from retrieval.search import search as run_search

    store = open_store()
    with progress_bar("首次使用，导入自带语料") as update:
        ensure_corpus(store, CORPUS_DIR, update)
    filters = {"report_type": report_type, "section_kind": kind, "year": year, "unit": unit}
    rewriter = None
    if rewrite and settings().llm_configured:
        from assistant.drafting.llm import ChatModel
        from retrieval.rewrite import rewriter as make_rewriter

        rewriter = make_rewriter(ChatModel(settings()).complete, store.keywords.vocabulary)
    elif rewrite:
        err.print("未配置模型（OPENAI_BASE_URL / OPENAI_API_KEY），按原查询检索。", highlight=False)
    try:
        hits = run_search(store, query, k=k, filters=filters, rewrite=rewriter)
    except FilterError as exc:
        fail(str(exc))
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


@app.command()
def rules(as_json: JsonFlag = False) -> None:
    """列出可选的评分规则和每一类核对规则的说明。"""
    from assistant.rules import available, load_rules
    from assistant.validation.validator import describe_checks

    sets = {name: load_rules(name).describe() for name in available()}
    if as_json:
        emit_json({"rule_sets": sets, "checks": describe_checks()})
        return
    out.print("[bold]评分规则（--rules）[/bold]")
    for name, text in sets.items():
        out.print(f"  {name}：{text}", highlight=False)
    out.print("[bold]核对内容[/bold]")
    for sentence in describe_checks():
        out.print(f"  · {sentence}", highlight=False)


@app.command()
def draft(
    figures: Annotated[Path | None, typer.Option("--figures", help="本年数据：.yaml .json 或 .xlsx 自评表")] = None,
    report_type: Annotated[str | None, typer.Option("--type", help="project / department / final-accounts")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="输出文件：.md 或 .docx")] = None,
    template: Annotated[Path | None, typer.Option("--template", help="生成可填写的 .xlsx 自评表模板")] = None,
    as_json: JsonFlag = False,
) -> None:
    """根据本年数据起草报告：数字全部由程序计算，每节附参考来源，起草后自动核对。"""
    from assistant.figures import FiguresError, load_figures

    if template is not None:
        from assistant.xlsx import write_template

        write_template(template, report_type or "project")
        out.print(f"已生成模板：{template}")
        return
    if figures is None:
        fail("请用 --figures 指定数据文件，或用 --template 生成模板")
    if report_type and report_type not in ("project", "department", "final-accounts"):
        fail(f"--type 只能是 project、department 或 final-accounts，而不是 {report_type}")
    if out_path is not None and out_path.suffix.lower() not in (".md", ".docx"):
        fail("--out 只能是 .md 或 .docx 文件")
    try:
        data = load_figures(figures, report_type)
        result = run_draft(data)
    except FiguresError as exc:
        fail("数据有误：" + "；".join(exc.problems))
    if out_path is not None:
        from assistant.drafting.export_docx import export_docx, export_markdown

        (export_docx if out_path.suffix.lower() == ".docx" else export_markdown)(result, out_path)
    if as_json:
        emit_json(result.as_json())
        return
    out.print(result.markdown(), highlight=False)
    for notice in result.notices:
        err.print(f"[yellow]提示：[/yellow]{notice}", highlight=False)
    problems = [f for f in result.findings if f.severity != "note"]
    err.print(f"模式：{'模型起草' if result.mode == 'llm' else '离线起草'}；核对发现 {len(problems)} 个问题"
              + (f"；已写入 {out_path}" if out_path else ""), highlight=False)


def run_draft(data):
    """Draft with the configured endpoint when there is one, offline otherwise."""
    from assistant.drafting.pipeline import draft as build
    from assistant.settings import CORPUS_DIR
    from retrieval.ingest import ensure_corpus

    store = open_store()
    with progress_bar("首次使用，导入自带语料") as update:
        ensure_corpus(store, CORPUS_DIR, update)
    with progress_bar("起草") as update:
        return build(data, store, chat_model(settings()),
                     events=lambda kind, text: update(0, 0, text[:30]) if kind == "section" else None)


@app.command()
def chat(
    report_type: Annotated[str, typer.Option("--type", help="project / department / final-accounts")] = "project",
    figures: Annotated[Path | None, typer.Option("--figures", help="先载入的数据：.yaml .json 或 .xlsx 自评表")] = None,
    as_json: JsonFlag = False,
) -> None:
    """对话起草：从标准输入逐行读取用户的话，逐句回答，与网页“起草”页使用同一套对话引擎。"""
    from assistant.conversation.engine import Conversation
    from assistant.figures import FiguresError, load_figures

    if report_type not in ("project", "department", "final-accounts"):
        fail(f"--type 只能是 project、department 或 final-accounts，而不是 {report_type}")
    conversation = Conversation(report_type, chat_store(), chat_model(settings()))
    if figures is not None:
        try:
            conversation.data.update(load_figures(figures, report_type).model_dump(exclude_none=True, exclude_defaults=True))
        except FiguresError as exc:
            fail("数据有误：" + "；".join(exc.problems))
    for line in sys.stdin:
        if not line.strip():
            continue
        turn = conversation.handle(line.strip())
        if not as_json:
            out.print(f"[bold]您：[/bold]{line.strip()}\n[bold]绩效：[/bold]{turn.text}\n", highlight=False)
    draft = conversation.draft
    if as_json:
        emit_json({"turns": conversation.turns, "figures": conversation.data,
                   "draft": None if draft is None else {"title": draft.title, "sections": [
                       {"title": s.title, "text": s.text, "sources": s.sources} for s in draft.sections],
                       "findings": [f.as_json() for f in draft.findings]}})
    elif draft is not None:
        out.print(draft.markdown(), highlight=False)


def chat_store():
    """The corpus store for exemplars, with the bundled reports ingested on first use."""
    from assistant.settings import CORPUS_DIR
    from retrieval.ingest import ensure_corpus

    store = open_store()
    with progress_bar("首次使用，导入自带语料") as update:
        ensure_corpus(store, CORPUS_DIR, update)
    return store


SEVERITY_STYLE = {"error": ("red", "错误"), "warning": ("yellow", "警告"), "note": ("blue", "提示")}


def read_report(file: str):
    """The document to check: a path, or `-` for standard input. Unreadable input exits 2."""
    from retrieval.loaders import LoadError, load, load_text

    try:
        if file == "-":
            data = sys.stdin.buffer.read()
            from retrieval.loaders import plain_text

            return load_text(plain_text(data), "<标准输入>")
        return load(file)
    except LoadError as exc:
        err.print(f"无法读取 {file}：{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="报告文件（.pdf .docx .xlsx .html .txt .md）、文件夹或 .zip 压缩包；- 表示标准输入")],
    rules: Annotated[str | None, typer.Option("--rules", help="评分规则名称或 YAML 路径")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="有该级别（error/warning/note）及以上问题时退出码为 1")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="把总览（每份报告一行、全部问题一页）写入 .xlsx")] = None,
    annotate: Annotated[Path | None, typer.Option("--annotate", help="输出带批注的 Word 文档（.docx），仅限单个文件")] = None,
    as_json: JsonFlag = False,
) -> None:
    """核对报告中的每个数字：合计、占比、增减、比率、评分表、等级、单位、年份、前后一致；可一次核对多份报告。"""
    from assistant.rules import UnknownRuleSet, load_rules
    from assistant.validation.model import SEVERITY_ORDER

    if fail_on is not None and fail_on not in SEVERITY_ORDER:
        fail(f"--fail-on 只能是 error、warning 或 note，而不是 {fail_on}")
    if out_path is not None and out_path.suffix.lower() != ".xlsx":
        fail("--out 只能是 .xlsx 文件")
    if annotate is not None and annotate.suffix.lower() != ".docx":
        fail("--annotate 只能是 .docx 文件")
    try:
        rule_set = load_rules(rules)
    except UnknownRuleSet as exc:
        fail(str(exc))
    if len(paths) == 1 and not is_collection(paths[0]):
        check_file(paths[0], rule_set, fail_on, out_path, annotate, as_json)
        return
    if "-" in paths:
        fail("标准输入（-）只能单独核对")
    if annotate is not None:
        fail("--annotate 只能用于单个文件")
    check_batch(paths, rule_set, fail_on, out_path, as_json)


def is_collection(path: str) -> bool:
    return path != "-" and (Path(path).is_dir() or Path(path).suffix.lower() == ".zip")


def check_file(file: str, rule_set, fail_on: str | None, out_path: Path | None, annotate: Path | None, as_json: bool) -> None:
    """One report: the single-file JSON (or a readable report), the overview and the annotated copy on request."""
    from assistant.validation.validator import validate

    document = read_report(file)
    report = validate(document, rule_set)
    if as_json:
        emit_json(report.as_json())
    else:
        print_report(report)
    if out_path is not None:
        from assistant.batch import result_of
        from assistant.overview import write_overview

        write_overview([result_of(document, report)], out_path)
        err.print(f"总览已写入 {out_path}", highlight=False)
    if annotate is not None:
        from assistant.annotate import COMMENTED, annotate_docx

        annotate_docx(report.findings, annotate, source_path=document.path, text=document.text)
        count = sum(1 for f in report.findings if f.severity in COMMENTED)
        err.print(f"带批注的文档已写入 {annotate}（{count} 条批注）", highlight=False)
    if fail_on and report.at_least(fail_on):
        raise typer.Exit(1)


def check_batch(paths: list[str], rule_set, fail_on: str | None, out_path: Path | None, as_json: bool) -> None:
    """Many reports: `{"reports": [...]}` (or a table), one unreadable file never stopping the rest."""
    from assistant.batch import check_reports, collect_reports

    inputs = collect_reports(paths)
    if not inputs:
        fail("没有找到可核对的报告（支持 .pdf .docx .xlsx .html .htm .txt .md 及 .zip 压缩包）")
    with progress_bar("核对") as update:
        results = check_reports(inputs, rule_set, update, corpus_store())
    if as_json:
        emit_json({"reports": [r.as_json() for r in results]})
    else:
        print_batch(results)
    if out_path is not None:
        from assistant.overview import write_overview

        write_overview(results, out_path)
        err.print(f"总览已写入 {out_path}", highlight=False)
    if fail_on and any(r.at_least(fail_on) for r in results):
        raise typer.Exit(1)


def corpus_store():
    """The corpus for the cross-year check, when one has been built; a batch never builds one."""
    config = settings()
    if not config.chroma_url and not config.store_dir.exists():
        return None
    from retrieval.store import Store, StoreError

    try:
        return Store(config)
    except StoreError as exc:
        err.print(f"[yellow]提示：[/yellow]语料库无法打开，跨年度核对只在本批报告之间进行（{exc}）", highlight=False)
        return None


def print_batch(results) -> None:
    from rich.table import Table

    from assistant.overview import first_problem
    from retrieval.report_types import type_name

    table = Table(show_lines=True, expand=True)
    for column in ("文件", "单位", "类型", "年度", "核对", "错误", "警告", "提示", "第一个问题"):
        short = column not in ("文件", "单位", "第一个问题")
        table.add_column(column, overflow="fold", no_wrap=short, justify="right" if short and column != "类型" else "left",
                         ratio=None if short else 3 if column == "第一个问题" else 1)
    for r in results:
        table.add_row(r.source, r.unit, "" if r.error else type_name(r.report_type, short=True), str(r.year or ""),
                      str(r.claims), *(str(r.count(s)) for s in SEVERITY_STYLE), first_problem(r)[:120])
    out.print(table)
    unreadable = sum(1 for r in results if r.error)
    totals = "、".join(f"{sum(r.count(s) for r in results)} 个{name}" for s, (_, name) in SEVERITY_STYLE.items())
    out.print(f"共 {len(results)} 份报告（{unreadable} 份无法读取），发现 {totals}", highlight=False)


def print_report(report) -> None:
    from rich.table import Table

    out.print(f"[bold]{report.source}[/bold]：核对了 {report.claims} 处数字关系，发现 "
              f"{report.count('error')} 个错误、{report.count('warning')} 个警告、{report.count('note')} 个提示", highlight=False)
    by_section: dict[str, list] = {}
    for finding in report.findings:
        by_section.setdefault(finding.location.section or "（无标题）", []).append(finding)
    for section, findings in by_section.items():
        table = Table(title=section, title_justify="left", show_lines=True, expand=True)
        for column in ("行", "级别", "问题", "原文", "文中", "应为"):
            table.add_column(column, overflow="fold")
        for f in findings:
            colour, name = SEVERITY_STYLE[f.severity]
            table.add_row(str(f.location.line), f"[{colour}]{name}[/{colour}]", f.message, f.quote, f.stated, f.expected)
        out.print(table)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 7860,
) -> None:
    """启动网页版（起草、审核、语料库、设置）；首次启动时自带语料在后台建立索引，网页立即可用。"""
    config = settings()
    if host not in LOOPBACK and not config.logins:
        fail("对本机以外提供服务时必须设置登录账号：JIXIAO_AUTH=用户名:密码（多个用逗号分隔）")
    try:
        from ui.app import serve as run_app
        from ui.services import Services
    except ImportError:
        fail("未安装网页组件：请运行 make run，或 pip install -e '.[ui]'")
    services = Services(config, open_store(), chat_model(config))
    err.print(f"网页地址：http://{host}:{port}", highlight=False)
    run_app(services, host, port)


def chat_model(settings):
    if not settings.llm_configured:
        return None
    from assistant.drafting.llm import ChatModel

    return ChatModel(settings)


def main() -> None:  # pragma: no cover - console entry
    app()
