"""审核: upload or paste a report, see its findings in a table and highlighted in the text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.review import (
    COLUMNS,
    SEVERITY_NAMES,
    Review,
    findings_markdown,
    findings_xlsx,
    review_path,
    review_text,
)
from assistant.rules import UnknownRuleSet, available
from retrieval.loaders import LoadError
from ui.services import UPLOAD_TYPES, Services, safe_name

TITLE = "审核"
SEVERITY_CHOICES = [(name, key) for key, name in SEVERITY_NAMES.items()]
COLORS = {"错误": "#f8b4b4", "警告": "#fde68a", "提示": "#bfdbfe"}


def layout(services: Services) -> dict:
    with gr.Row():
        with gr.Column(scale=1):
            upload = gr.File(label="上传报告（PDF / Word / 网页 / 文本）", file_types=UPLOAD_TYPES, elem_id="review-upload")
            pasted = gr.Textbox(label="或粘贴报告文本", lines=6, elem_id="review-text")
            rules = gr.Dropdown(available(), value="national-2020", label="评分规则")
            run = gr.Button("开始核对", variant="primary", elem_id="review-run")
            severities = gr.CheckboxGroup(SEVERITY_CHOICES, value=list(SEVERITY_NAMES), label="显示的级别")
            with gr.Row():
                xlsx = gr.File(label="导出 Excel", interactive=False)
                markdown = gr.File(label="导出 Markdown", interactive=False)
        with gr.Column(scale=2):
            summary = gr.Markdown(elem_id="review-summary")
            table = gr.Dataframe(headers=COLUMNS, interactive=False, wrap=True, elem_id="review-findings",
                                 column_widths=["5%", "7%", "8%", "38%", "10%", "10%", "16%", "6%"])
            context = gr.Markdown(elem_classes="finding-context", elem_id="review-context")
            text = gr.HighlightedText(label="报告原文（标出被引用的数字）", show_legend=False,
                                      combine_adjacent=False, elem_id="review-highlight")
    return {"upload": upload, "pasted": pasted, "rules": rules, "run": run, "severities": severities, "xlsx": xlsx,
            "markdown": markdown, "summary": summary, "table": table, "context": context, "text": text,
            "state": gr.State(None)}


def check(upload, pasted: str, rules: str, severities: list[str]):
    try:
        if upload:
            review = review_path(upload, rules)
            review.report.source = safe_name(upload)
        elif pasted and pasted.strip():
            review = review_text(pasted, rules)
        else:
            raise gr.Error("请先上传报告或粘贴文本", print_exception=False)
    except LoadError as exc:
        raise gr.Error(f"无法读取文件：{exc}", print_exception=False) from None
    except UnknownRuleSet as exc:
        raise gr.Error(str(exc), print_exception=False) from None
    folder = Path(tempfile.mkdtemp(prefix="jixiao-review-"))
    xlsx = findings_xlsx(review, folder / "findings.xlsx")
    markdown = folder / "findings.md"
    markdown.write_text(findings_markdown(review), encoding="utf-8")
    return (review, review.summary(), review.rows(severities), highlight(review, severities), str(xlsx), str(markdown), "")


def highlight(review: Review, severities: list[str]):
    """The highlighted text, each finding's label coloured by its severity."""
    spans = review.highlighted(severities)
    colours = {label: COLORS[label.split("·")[1]] for _, label in spans if label}
    return gr.update(value=spans, color_map=colours)


def refilter(review: Review | None, severities: list[str]):
    if review is None:
        return [], []
    return review.rows(severities), highlight(review, severities)


def show_context(review: Review | None, event: gr.SelectData):
    if review is None or event.index is None:
        return ""
    row = event.row_value if hasattr(event, "row_value") else None
    index = int(row[0]) if row else event.index[0] + 1
    return review.context(index)


def wire(ui: dict, services: Services) -> None:
    ui["run"].click(check, [ui["upload"], ui["pasted"], ui["rules"], ui["severities"]],
                    [ui["state"], ui["summary"], ui["table"], ui["text"], ui["xlsx"], ui["markdown"], ui["context"]],
                    api_name="review", concurrency_limit=8)
    ui["severities"].change(refilter, [ui["state"], ui["severities"]], [ui["table"], ui["text"]], api_name=False)
    ui["table"].select(show_context, [ui["state"]], [ui["context"]], api_name=False)
