"""审核: many reports (or a .zip) at once; an overview first, then one report's findings beside the
text around each of them; exports named after the report; every review kept in 审核记录."""

from __future__ import annotations

import re
import tempfile
from functools import wraps
from pathlib import Path

import gradio as gr

from assistant.annotate import annotate_docx
from assistant.batch import ReportInput, check_reports, collect_reports
from assistant.overview import write_overview
from assistant.rules import UnknownRuleSet
from assistant.validation.model import KIND_NAMES
from assistant.workspace import when
from retrieval.structure import document_title
from ui.chinese import error
from ui.pages.drafting import rule_choices
from ui.review_run import ReviewRun, ReviewStopped
from ui.review_view import (
    OVERVIEW_COLUMNS,
    SEVERITY_NAMES,
    as_record,
    as_result,
    excerpts,
    findings_table,
    overview_rows,
    summary,
)
from ui.services import UPLOAD_TYPES, Services
from ui.style import MARK_FRESH, MARK_STALE, SCROLL_TO_REPORT

TITLE = "审核"
INPUTS_LABEL = "上传报告 · 审核记录"
NAMES_SHOWN = 3  # files named in the “将审核” line; more are counted
SEVERITY_LEGEND = ("错误：文中数字无论怎样四舍五入都对不上，应更正；警告：只有把数字看作四舍五入后的近似数才成立，"
                   "或前后、上下年写法不一致，请核对；提示：只差末位一个单位，或句子可作另一种理解，仅供参考")
SEVERITY_CHOICES = [(name, key) for key, name in SEVERITY_NAMES.items()]
UPLOAD_LABEL = "上传报告（可多选，或一个 .zip）"
PASTED_NAME = "粘贴的文本.txt"  # a pasted text with no words to name it by
PASTED_TITLE_CHARS = 30  # of its title line, naming a pasted report in 审核记录, the summary and the exports


def layout(services: Services) -> dict:
    with gr.Accordion(INPUTS_LABEL, open=True, elem_id="review-inputs") as inputs, gr.Row(equal_height=False):
        upload = gr.File(label=UPLOAD_LABEL, file_count="multiple", file_types=UPLOAD_TYPES + [".zip"],
                         height=140, elem_id="review-upload", scale=3)
        pasted = gr.Textbox(label="或粘贴报告文本", lines=4, max_lines=4, elem_id="review-text", scale=3)
        with gr.Column(scale=2, min_width=260):
            rules = gr.Dropdown(rule_choices(), value="national-2020", label="评分规则", elem_id="review-rules")
            with gr.Row(equal_height=True):
                run = gr.Button("开始核对", variant="primary", elem_id="review-run", scale=3)
                stop = gr.Button("停止", variant="stop", visible=False, elem_id="review-stop", scale=1, min_width=70)
            with gr.Row(equal_height=True):
                pending = gr.Markdown(loaded(None, ""), elem_id="review-pending")
                clear = gr.Button("清空", size="sm", scale=0, min_width=60, elem_id="review-clear")
            history = gr.Dropdown([], label="审核记录（选择即重新打开）", elem_id="review-history")
    with gr.Column(elem_id="review-results"):  # marked stale (ui/style.py) from 开始核对 until a review replaces it
        overview = gr.Dataframe(headers=OVERVIEW_COLUMNS, interactive=False, visible=False, wrap=False, max_height=220, buttons=[],
                                label="总览：点击一行打开该报告", elem_id="review-overview")
        with gr.Row(equal_height=False):
            summary_view = gr.Markdown(elem_id="review-summary")
            severities = gr.CheckboxGroup(SEVERITY_CHOICES, value=list(SEVERITY_NAMES), label="显示的级别", min_width=220,
                                          info=SEVERITY_LEGEND, elem_id="review-severities")
            with gr.Column(min_width=200, scale=0):
                report_xlsx = gr.DownloadButton("下载核对结果（Excel）", visible=False, size="sm", elem_id="review-xlsx")
                report_docx = gr.DownloadButton("下载批注版（Word）", visible=False, size="sm", elem_id="review-docx")
                overview_xlsx = gr.DownloadButton("下载汇总表（Excel）", visible=False, size="sm", elem_id="review-overview-xlsx")
        with gr.Row(equal_height=False):
            with gr.Column(scale=6, min_width=480):
                findings = gr.HTML(elem_id="review-findings")
            with gr.Column(scale=5, min_width=420):
                context = gr.HTML(elem_id="review-context")
    api_result = gr.JSON(visible=False)
    return {"inputs": inputs, "upload": upload, "pasted": pasted, "rules": rules, "run": run, "stop": stop, "history": history,
            "pending": pending, "clear": clear,
            "summary": summary_view, "overview": overview, "severities": severities, "report_xlsx": report_xlsx,
            "report_docx": report_docx, "overview_xlsx": overview_xlsx, "findings": findings, "context": context,
            "api": api_result, "records": gr.State([]), "opened": gr.State(0)}


def loaded(uploads: list | None, pasted: str) -> str:
    """What 开始核对 will check, said before it is pressed: files stay in the box and pasted text in its
    field after a review, so a next review would check them again unless they are cleared."""
    names = [Path(u).name for u in uploads or []]
    parts = []
    if names:
        shown_names = "、".join(names[:NAMES_SHOWN]) + (f" 等 {len(names)} 份" if len(names) > NAMES_SHOWN else "")
        parts.append(f"{len(names)} 份文件（{shown_names}）")
    if pasted and pasted.strip():
        parts.append(f"粘贴的文本（{len(pasted.strip())} 字）")
    return "将审核：" + " + ".join(parts) if parts else "尚未选择报告：请上传文件或粘贴文本"


def inputs_changed(uploads: list | None, pasted: str) -> tuple[str, dict, dict]:
    """The “将审核” line, the same on the inputs' title (which stays in sight when they are folded),
    and the count of chosen files on the upload box, which shows only the first few of them."""
    line = loaded(uploads, pasted)
    chosen = bool(uploads) or bool(pasted and pasted.strip())
    return (line, gr.update(label=f"{INPUTS_LABEL}（{line}）" if chosen else INPUTS_LABEL),
            gr.update(label=f"已选 {len(uploads)} 份文件（可继续添加）" if uploads else UPLOAD_LABEL))


def inputs_of(uploads: list | None, pasted: str) -> list[ReportInput]:
    paths = [Path(u) for u in uploads or []]
    if pasted and pasted.strip():
        path = Path(tempfile.mkdtemp(prefix="jixiao-pasted-")) / pasted_name(pasted)
        path.write_text(pasted, encoding="utf-8")
        paths.append(path)
    if not paths:
        raise error("请先上传报告或粘贴文本")
    return collect_reports(paths)


def pasted_name(text: str) -> str:
    """A pasted report's file name: its title line (or first words), shortened and marked as pasted —
    “青陽縣審計局2022年“三公”經費預算（粘贴）.txt” — so that 审核记录 tells pastes apart."""
    words = re.sub(r"[\\/\x00-\x1f<>:\"|?*\s]+", "", document_title(text))[:PASTED_TITLE_CHARS]
    return f"{words}（粘贴）.txt" if words else PASTED_NAME


REPORT = ["summary", "opened", "findings", "context", "report_xlsx", "report_docx"]
REVIEW = ["summary", "api", "records", "opened", "findings", "context", "report_xlsx", "report_docx", "overview",
          "overview_xlsx", "inputs"]  # the summary and the API's JSON first: scripts read result[0] and result[1]
RUN = REVIEW + ["history"]


def check(uploads, pasted: str, rules: str, severities: list[str], user: str, services: Services, progress=gr.Progress(),
          session: str = ""):
    """Check every report; keep the review in the user's 审核记录; open the first readable report.
    The session's 停止 ends the review before its next report (ui/review_run.py)."""
    reports = inputs_of(uploads, pasted)
    run = services.reviews.start(session)
    try:
        results = check_reports(reports, rules, corpus_store=services.store,
                                progress=lambda done, total, name: step(run, progress, done, total, name))
    except UnknownRuleSet as exc:
        raise error(str(exc)) from None
    except ReviewStopped:
        raise error(run.stopped_message()) from None  # seen only by a script: the page has dropped this event
    finally:
        services.reviews.finish(session, run)
    if len(results) == 1 and results[0].error:
        raise error(f"无法读取文件：{results[0].error}")
    records = [as_record(r) for r in results]
    name = review_name([r["source"] for r in records])
    if user:
        services.workspace.save_review(user, name, records)
    return {**shown_review(records, severities, name), "history": history_choices(user, services)}


def step(run: ReviewRun, progress, done: int, total: int, name: str) -> None:
    """Before each report: stop if asked, else say which report of how many is being checked."""
    run.step(done, total)
    desc = f"正在核对第 {done + 1}/{total} 份：{name}" if name else "正在比对各报告的上年数"
    progress((done, total), desc=desc, unit="份")


def stop(uploads, pasted: str, request: gr.Request, services: Services) -> tuple[str, dict]:
    """停止: the page drops the review at once (cancels=), the server before the review's next report."""
    run = services.reviews.stop(request.session_hash if request else "")
    message = run.stopped_message() if run else "没有正在进行的审核"
    return f"{message}。{loaded(uploads, pasted)}", gr.update(visible=False)


def shown_review(records: list[dict], severities: list[str], name: str) -> dict:
    """A review: the API's JSON, the records, the overview and its workbook (for a batch), the first
    readable report opened, and the inputs folded away to give the findings the screen."""
    opened = next((i for i, r in enumerate(records) if not r.get("error")), 0)
    batch = len(records) > 1
    workbook = write_overview([as_result(r) for r in records], export_folder() / f"{file_stem(name)}_汇总.xlsx") if batch else None
    return {"api": api_json(records), "records": records, "overview": gr.update(value=overview_rows(records), visible=batch),
            "overview_xlsx": gr.update(value=str(workbook) if workbook else None, visible=batch),
            "inputs": gr.update(open=False), **open_report(records, opened, severities)}


def open_report(records: list[dict], index: int, severities: list[str]) -> dict:
    """One report: which is open, its summary, findings, the text around them, and its two exports."""
    record = records[index]
    if record.get("error"):
        hidden = gr.update(value=None, visible=False)
        return {"opened": index, "summary": summary(record), "findings": "", "context": "", "report_xlsx": hidden,
                "report_docx": hidden}
    folder, stem = export_folder(), file_stem(record["source"])
    result = as_result(record)
    workbook = write_overview([result], folder / f"{stem}_核对结果.xlsx")
    annotated = annotate_docx(result.findings, folder / f"{stem}_批注.docx", source_path=result.path, text=result.text)
    return {"opened": index, "summary": summary(record), "findings": findings_table(record, severities),
            "context": excerpts(record, severities), "report_xlsx": gr.update(value=str(workbook), visible=True),
            "report_docx": gr.update(value=str(annotated), visible=True)}


def pick_report(records: list[dict], severities: list[str], event: gr.SelectData) -> dict:
    """The report of the clicked overview row, found by its file name (the table may have been sorted)."""
    source = event.row_value[0] if event.row_value else None
    index = next((i for i, r in enumerate(records) if r["source"] == source), event.index[0])
    return open_report(records, index, severities)


def refilter(records: list[dict], opened: int, severities: list[str]) -> tuple[str, str]:
    if not records or records[opened].get("error"):
        return "", ""
    return findings_table(records[opened], severities), excerpts(records[opened], severities)


def reopen(review_id: str | None, severities: list[str], user: str, services: Services) -> dict:
    records = services.workspace.load_review(user, review_id) if review_id else None
    if not records:
        raise error("没有找到这条审核记录")
    name = next((r.name for r in services.workspace.reviews(user) if r.id == review_id), "审核记录")
    return shown_review(records, severities, name)


def history_choices(user: str, services: Services):
    reviews = services.workspace.reviews(user) if user else []
    return gr.update(choices=[(f"{when(r.created)} · {r.name} · 错误 {r.errors} · 警告 {r.warnings} · 提示 {r.notes}", r.id)
                              for r in reviews],
                     value=None)


API_COLUMNS = ["序号", "级别", "类型", "问题", "文中", "应为", "章节", "行"]  # the findings rows scripts read


def api_json(records: list[dict]) -> dict:
    """For scripts (gradio_client): every finding as a row of the CLI's columns plus its file, and each
    report in the shape of `jixiao check --json`."""
    rows = [[n, SEVERITY_NAMES[f["severity"]], KIND_NAMES.get(f["kind"], f["kind"]), f["message"], f["stated"], f["expected"],
             f["location"]["section"], f["location"]["line"], r["source"]]
            for r in records for n, f in enumerate(r.get("findings", []), start=1)]
    reports = [{k: v for k, v in r.items() if k not in ("text", "path")} for r in records]
    return {"headers": API_COLUMNS + ["文件"], "data": rows, "reports": reports}


def review_name(sources: list[str]) -> str:
    """What 审核记录 and the batch workbook call a review: the report's name; the archive's or folder's
    name when every report came from one; else 审核_N份."""
    if len(sources) == 1:
        return sources[0]
    tops = {s.replace("\\", "/").split("/", 1)[0] for s in sources}
    return tops.pop() if len(tops) == 1 and all("/" in s for s in sources) else f"审核_{len(sources)}份"


def export_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="jixiao-export-"))


def file_stem(source: str) -> str:
    """A report's name for its exports: the file's own name without folders, archive path or extension."""
    return Path(source.replace("\\", "/").rsplit("/", 1)[-1]).stem or "报告"


def ordered(names: list[str], fn):
    """`fn` returns a dict by output name; Gradio gets the values in the order of `names`."""

    @wraps(fn)  # keeps fn's signature, so Gradio still hands it its gr.Progress
    def call(*args, **kwargs) -> tuple:
        values = fn(*args, **kwargs)
        return tuple(values[name] for name in names)

    return call


def wire(ui: dict, services: Services) -> None:
    def run(uploads, pasted, rules, severities, user, request: gr.Request, progress=gr.Progress()):
        return check(uploads, pasted, rules, severities, user, services, progress, request.session_hash if request else "")

    stop_shown = gr.update(visible=True)
    ui["run"].click(lambda: stop_shown, None, [ui["stop"]], api_name=False, queue=False, show_progress="hidden")
    review = ui["run"].click(ordered(RUN, run), [ui["upload"], ui["pasted"], ui["rules"], ui["severities"], ui["user"]],
                             [ui[n] for n in RUN], api_name="review", concurrency_limit=8, js=MARK_STALE,
                             show_progress_on=[ui["pending"]])  # once, under the button
    review.success(None, js=MARK_FRESH, api_name=False)
    review.then(lambda: gr.update(visible=False), None, [ui["stop"]], api_name=False, show_progress="hidden")

    def stop_review(uploads, pasted, request: gr.Request):
        return stop(uploads, pasted, request, services)

    ui["stop"].click(stop_review, [ui["upload"], ui["pasted"]], [ui["pending"], ui["stop"]], cancels=[review], api_name=False,
                     queue=False)
    for source in (ui["upload"], ui["pasted"]):
        source.change(inputs_changed, [ui["upload"], ui["pasted"]], [ui["pending"], ui["inputs"], ui["upload"]],
                      api_name=False, show_progress="hidden", trigger_mode="always_last")
    ui["clear"].click(None, None, [ui["upload"], ui["pasted"]], js="() => [null, '']", api_name=False)  # in the browser:
    # at once, so a file chosen right after is never emptied by a late answer
    ui["overview"].select(ordered(REPORT, pick_report), [ui["records"], ui["severities"]], [ui[n] for n in REPORT],
                          api_name=False).then(None, js=SCROLL_TO_REPORT, api_name=False)  # its findings into view
    ui["severities"].change(refilter, [ui["records"], ui["opened"], ui["severities"]], [ui["findings"], ui["context"]],
                            api_name=False)
    ui["history"].input(ordered(REVIEW, lambda *a: reopen(*a, services)), [ui["history"], ui["severities"], ui["user"]],
                        [ui[n] for n in REVIEW], api_name=False,
                        show_progress_on=[ui["summary"]]).success(None, js=MARK_FRESH, api_name=False)


def on_unload(services: Services):
    """A closed page's reviews are stopped: nobody will see them."""

    def closed(request: gr.Request) -> None:
        services.reviews.stop(request.session_hash)

    return closed


def on_load(ui: dict, services: Services):
    """The user's 审核记录."""
    return (lambda user: history_choices(user, services)), [ui["user"]], [ui["history"]]
