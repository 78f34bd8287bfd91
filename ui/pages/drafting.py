"""起草: chat with the assistant beside an editable figures table; the draft appears section by
section with its sources and the findings on it, and downloads as Word and Markdown."""

from __future__ import annotations

import json
import queue
import tempfile
import threading
from pathlib import Path

import gradio as gr

from assistant.chat import ChatSession, flatten, label, set_path
from assistant.drafting.export_docx import export_docx, export_markdown
from assistant.figures import FiguresError, load_figures
from assistant.rules import available
from retrieval.report_types import drafted_types
from ui.services import FIGURE_TYPES, Services

TITLE = "起草"
TYPES = [(t.name, t.id) for t in drafted_types()]
WELCOME = [{"role": "assistant", "content": "您好！请告诉我本年的数字，例如：“2023年度，单位是某县政务服务中心，项目预算50万元，"
                                            "实际支出48.6万元，办件7341件”。也可以在左侧上传 .xlsx 自评表或 .yaml 数据。数据齐了说“起草”。"}]


def layout(services: Services) -> dict:
    with gr.Row():
        with gr.Column(scale=1):
            report_type = gr.Dropdown(TYPES, value="project", label="报告类型", elem_id="draft-type")
            rules = gr.Dropdown(available(), value="national-2020", label="评分规则")
            figures_file = gr.File(label="上传数据（.xlsx 自评表 / .yaml / .json）", file_types=FIGURE_TYPES)
            figures = gr.Dataframe(headers=["字段", "说明", "值"], interactive=True, label="已掌握的数据（可直接修改“值”）",
                                   column_count=3, static_columns=[0, 1], elem_id="draft-figures")
            apply = gr.Button("应用表格修改")
        with gr.Column(scale=2):
            chat = gr.Chatbot(value=WELCOME, label="对话", height=420, elem_id="draft-chat")
            with gr.Row():
                message = gr.Textbox(placeholder="输入数字或要求，回车发送", show_label=False, scale=5, elem_id="draft-input")
                send = gr.Button("发送", variant="primary", scale=1, elem_id="draft-send")
    with gr.Row():
        with gr.Column(scale=2):
            draft_view = gr.Markdown(elem_id="draft-view")
        with gr.Column(scale=1):
            docx_file = gr.File(label="下载 Word", interactive=False, elem_id="draft-docx")
            md_file = gr.File(label="下载 Markdown", interactive=False)
            source = gr.Dropdown([], label="查看参考段落", elem_id="draft-sources")
            exemplar = gr.Markdown()
    return {"report_type": report_type, "rules": rules, "figures_file": figures_file, "figures": figures, "apply": apply,
            "chat": chat, "message": message, "send": send, "draft_view": draft_view, "docx": docx_file, "md": md_file,
            "source": source, "exemplar": exemplar, "session": gr.State(None)}


def session_for(session: ChatSession | None, services: Services, report_type: str, rules: str) -> ChatSession:
    session = session or ChatSession(report_type, services.store, services.model)
    session.data["report_type"] = report_type
    session.data["rules"] = rules
    return session


def figure_rows(session: ChatSession) -> list[list[str]]:
    return [[k, label(k), v] for k, v in flatten(session.data)]


def render_draft(draft) -> str:
    parts = [f"# {draft.title}", ""]
    for section in draft.sections:
        parts += [f"## {section.title}", "", markdown_body(section.text), ""]
        notes = [f for f in draft.findings if section.title and section.title in f.location.section or f.location.section == section.title]
        parts += [f"> ⚠ {f.message}（第{f.location.line}行）" for f in notes]
        if section.source_sections:
            parts.append("<small>参考：" + "；".join(section.source_sections) + "</small>")
        parts.append("")
    if draft.notices:
        parts += ["---", *[f"- {n}" for n in draft.notices]]
    return "\n".join(parts)


def markdown_body(text: str) -> str:
    """Each paragraph its own Markdown paragraph; table rows stay together."""
    out = []
    for line in text.split("\n"):
        table = line.startswith("|")
        if out and not (table and out[-1].startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def exports(draft) -> tuple[str, str]:
    folder = Path(tempfile.mkdtemp(prefix="jixiao-draft-"))
    return str(export_docx(draft, folder / "报告初稿.docx")), str(export_markdown(draft, folder / "报告初稿.md"))


def respond(message: str, history: list, session, report_type: str, rules: str, services: Services):
    """Stream the reply: the model's tokens as they come (LLM mode), then the summary."""
    if not message or not message.strip():
        yield history, session, gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), ""
        return
    session = session_for(session, services, report_type, rules)
    history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": "正在处理…"}]
    yield history, session, gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), ""
    tokens: queue.Queue = queue.Queue()
    result: dict = {}
    session.events = lambda kind, text: tokens.put(text) if kind == "token" else None
    worker = threading.Thread(target=lambda: result.update(reply=session.handle(message)), daemon=True)
    worker.start()
    streamed = ""
    while worker.is_alive() or not tokens.empty():
        try:
            streamed += tokens.get(timeout=0.2)
            history[-1]["content"] = "正在起草…\n\n" + streamed[-300:]
            yield history, session, gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), ""
        except queue.Empty:
            continue
    reply = result["reply"]
    history[-1]["content"] = reply.text
    if reply.draft is None:
        yield history, session, figure_rows(session), gr.update(), gr.update(), gr.update(), gr.update(), ""
        return
    docx_path, md_path = exports(reply.draft)
    sources = [s for section in reply.draft.sections for s in section.source_sections]
    yield (history, session, figure_rows(session), render_draft(reply.draft), docx_path, md_path,
           gr.update(choices=sources, value=None), "")


def load_file(path, session, report_type: str, rules: str, services: Services):
    session = session_for(session, services, report_type, rules)
    try:
        figures = load_figures(path)
    except FiguresError as exc:
        raise gr.Error("数据文件有误：" + "；".join(exc.problems), print_exception=False) from None
    session.data = figures.model_dump(exclude_none=True)
    return session, figure_rows(session), figures.report_type, figures.rules


def apply_table(rows, session, report_type: str, rules: str, services: Services):
    session = session_for(session, services, report_type, rules)
    data: dict = {}
    for key, _, value in (rows.values.tolist() if hasattr(rows, "values") else rows or []):
        if not key or value in (None, ""):
            continue
        try:
            parsed = json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value
            parsed = float(parsed) if isinstance(parsed, str) and parsed.replace(".", "", 1).isdigit() and key != "unit" else parsed
        except (json.JSONDecodeError, ValueError):
            parsed = value
        set_path(data, str(key), int(parsed) if key == "year" else parsed)
    session.data = data
    gr.Info("已更新数据")
    return session, figure_rows(session)


def show_exemplar(choice: str | None, session) -> str:
    if not choice or session is None or session.draft is None:
        return ""
    for section in session.draft.sections:
        for name, passage in zip(section.source_sections, section.exemplars, strict=False):
            if name == choice:
                return f"**{name}**\n\n{passage['text']}\n\n<small>（往年报告原文，数字已遮盖，仅作措辞参考）</small>"
    return ""


def wire(ui: dict, services: Services) -> None:
    inputs = [ui["message"], ui["chat"], ui["session"], ui["report_type"], ui["rules"]]
    outputs = [ui["chat"], ui["session"], ui["figures"], ui["draft_view"], ui["docx"], ui["md"], ui["source"], ui["message"]]
    handler = lambda *args: (yield from respond(*args, services))  # noqa: E731
    ui["send"].click(handler, inputs, outputs, api_name="chat")
    ui["message"].submit(handler, inputs, outputs, api_name=False)
    ui["figures_file"].upload(lambda *a: load_file(*a, services), [ui["figures_file"], ui["session"], ui["report_type"], ui["rules"]],
                              [ui["session"], ui["figures"], ui["report_type"], ui["rules"]], api_name=False)
    ui["apply"].click(lambda *a: apply_table(*a, services), [ui["figures"], ui["session"], ui["report_type"], ui["rules"]],
                      [ui["session"], ui["figures"]], api_name=False)
    ui["source"].change(show_exemplar, [ui["source"], ui["session"]], [ui["exemplar"]], api_name=False)
