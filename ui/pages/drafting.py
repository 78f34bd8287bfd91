"""起草: chat with the assistant beside the figures it understood; the draft appears with its
sources and the findings on it, downloads as Word and Markdown, and every conversation and draft
version is kept in the user's workspace (我的草稿), surviving reloads and restarts."""

from __future__ import annotations

import queue
import tempfile
import threading
from pathlib import Path

import gradio as gr

from assistant.conversation.engine import Conversation
from assistant.conversation.table import apply_rows, figure_rows
from assistant.drafting.export_docx import export_docx, export_markdown
from assistant.drafting.pipeline import Draft
from assistant.figures import FiguresError, load_figures
from assistant.rules import available, load_rules
from retrieval.report_types import drafted_types
from ui.drafting_view import draft_markdown, exemplar_markdown
from ui.services import FIGURE_TYPES, Services, safe_name

TITLE = "起草"
TYPES = [(t.name, t.id) for t in drafted_types()]
WELCOME = [{"role": "assistant", "content": "您好！请直接告诉我本年的数字，例如：“我们是某县市场监督管理局，2024年食品安全抽检项目，"
                                            "预算120万元，到位120万元，实际支出113.5万元，全年抽检2400批次，上年2100批次，满意度96%”。"
                                            "也可以在左侧上传 .xlsx 自评表或 .yaml 数据。数字齐了说“帮我写自评报告”。"}]
NEW = "new"
DRAFT_WHERE = "草稿写在对话框下方"  # the draft starts below the fold: a reply that wrote one says so and the page scrolls
DRAFT_POINTER = f"↓ {DRAFT_WHERE}（已滚动到草稿），可下载 Word / Markdown。"
SCROLL_TO_DRAFT = """(chat) => {
  const last = chat && chat.length ? JSON.stringify(chat[chat.length - 1]) : "";
  if (last.includes("__WHERE__")) document.getElementById("draft-view")?.scrollIntoView({block: "start", behavior: "smooth"});
}""".replace("__WHERE__", DRAFT_WHERE)


def layout(services: Services) -> dict:
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=360):
            report_type = gr.Dropdown(TYPES, value="project", label="报告类型", elem_id="draft-type")
            rules = gr.Dropdown(rule_choices(), value="national-2020", label="评分规则")
            with gr.Row():
                saved = gr.Dropdown([], label="我的草稿", scale=3, elem_id="draft-saved")
                new = gr.Button("新建", scale=1, elem_id="draft-new")
            figures_file = gr.File(label="上传数据（.xlsx 自评表 / .yaml / .json）", file_types=FIGURE_TYPES, height=110,
                                   elem_id="draft-upload")
            figures = gr.Dataframe(headers=["项目", "数值"], datatype=["str", "str"], interactive=True, label="已掌握的数据（可直接修改数值）",
                                   column_count=(2, "fixed"), column_widths=["42%", "58%"], wrap=True, show_search="none",
                                   elem_id="draft-figures")
            apply = gr.Button("应用表格修改", size="sm")
        with gr.Column(scale=3):
            chat = gr.Chatbot(value=WELCOME, label="对话", height=460, elem_id="draft-chat")
            with gr.Row():
                message = gr.Textbox(placeholder="输入数字或要求，回车发送", show_label=False, scale=5, elem_id="draft-input")
                send = gr.Button("发送", variant="primary", scale=1, elem_id="draft-send")
    with gr.Row():
        with gr.Column(scale=3):
            draft_view = gr.Markdown(elem_id="draft-view")
        with gr.Column(scale=1):
            versions = gr.Dropdown([], label="草稿版本", elem_id="draft-versions")
            docx_file = gr.File(label="下载 Word", interactive=False, elem_id="draft-docx")
            md_file = gr.File(label="下载 Markdown", interactive=False, elem_id="draft-md")
            source = gr.Dropdown([], label="查看参考段落", elem_id="draft-sources")
            exemplar = gr.Markdown()
    return {"report_type": report_type, "rules": rules, "saved": saved, "new": new, "figures_file": figures_file,
            "figures": figures, "apply": apply, "chat": chat, "message": message, "send": send, "draft_view": draft_view,
            "versions": versions, "docx": docx_file, "md": md_file, "source": source, "exemplar": exemplar,
            "session": gr.State(None), "conversation_id": gr.State("")}


def rule_choices() -> list[tuple[str, str]]:
    """Rule sets by their titles (“财政部…单个项目自评”), not their file names."""
    return [(load_rules(name).title, name) for name in available()]


def conversation_for(session: Conversation | None, services: Services, report_type: str, rules: str) -> Conversation:
    session = session or Conversation(report_type, services.store, services.model, rules)
    session.store, session.model = services.store, services.model
    if session.draft is None:
        session.data["report_type"] = report_type
    session.data["rules"] = rules
    return session


def shown_data(session: Conversation) -> dict:
    """The figures as the table shows them: the report type and rule set have their own dropdowns."""
    return {k: v for k, v in session.data.items() if k not in ("report_type", "rules")}


def exports(draft: Draft) -> tuple[str, str]:
    folder = Path(tempfile.mkdtemp(prefix="jixiao-draft-"))
    name = safe_name(draft.title or "报告初稿")
    return str(export_docx(draft, folder / f"{name}.docx")), str(export_markdown(draft, folder / f"{name}.md"))


def keep(user: str, conversation_id: str, session: Conversation, new_draft: bool, services: Services) -> str:
    """Save the conversation (and a new draft version) in the user's workspace; returns its id."""
    if not user:
        return conversation_id
    title = session.draft.title if session.draft else (session.data.get("unit") or "未命名草稿")
    conversation_id = services.workspace.save_conversation(user, conversation_id or None, title, session.state())
    if new_draft and session.draft is not None:
        services.workspace.save_draft(user, conversation_id, session.draft.as_json())
    return conversation_id


def respond(message: str, history: list, session, conversation_id: str, report_type: str, rules: str, user: str,
            services: Services):
    """Stream the reply: the model's tokens as they come (LLM mode), then the summary."""
    if not message or not message.strip():
        yield {}
        return
    session = conversation_for(session, services, report_type, rules)
    history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": "正在处理…"}]
    yield {"chat": history, "session": session, "message": ""}
    tokens: queue.Queue = queue.Queue()
    result: dict = {}
    session.events = lambda kind, text: tokens.put(text) if kind == "token" else None
    worker = threading.Thread(target=lambda: result.update(turn=session.handle(message)), daemon=True)
    worker.start()
    streamed = ""
    while worker.is_alive() or not tokens.empty():
        try:
            streamed += tokens.get(timeout=0.2)
            history[-1]["content"] = "正在起草…\n\n" + streamed[-300:]
            yield {"chat": history}
        except queue.Empty:
            continue
    turn = result["turn"]
    busy = services.corpus_busy()
    history[-1]["content"] = turn.text + (f"\n（{busy}，参考措辞暂不完整）" if busy and turn.draft is not None else "") + (
        f"\n\n{DRAFT_POINTER}" if turn.draft is not None else "")
    conversation_id = keep(user, conversation_id, session, turn.draft is not None, services)
    update = {"chat": history, "session": session, "conversation_id": conversation_id, "figures": figure_rows(shown_data(session)),
              "report_type": session.report_type, "saved": saved_choices(user, services, conversation_id)}
    if turn.draft is not None:
        update.update(draft_outputs(session.draft, user, conversation_id, services))
    yield update


def draft_outputs(draft: Draft, user: str, conversation_id: str, services: Services, version: int | None = None) -> dict:
    docx_path, md_path = exports(draft)
    sources = [s for section in draft.sections for s in section.source_sections]
    return {"draft_view": draft_markdown(draft), "docx": docx_path, "md": md_path,
            "source": gr.update(choices=sources, value=None), "exemplar": "",
            "versions": version_choices(user, conversation_id, services, version)}


def saved_choices(user: str, services: Services, value: str | None = None):
    rows = services.workspace.conversations(user) if user else []
    choices = [(f"{c.title}（{c.drafts}稿）", c.id) for c in rows]
    return gr.update(choices=choices, value=value if value in {c.id for c in rows} else None)


def version_choices(user: str, conversation_id: str, services: Services, version: int | None = None):
    rows = services.workspace.draft_versions(user, conversation_id) if user and conversation_id else []
    choices = [(f"第{v.version}稿", v.version) for v in rows]  # newest first
    return gr.update(choices=choices, value=version or (rows[0].version if rows else None))


def reopen(conversation_id: str | None, user: str, services: Services) -> dict:
    """A saved conversation as it was: the chat, the figures and its latest draft version."""
    state = services.workspace.load_conversation(user, conversation_id) if conversation_id and user else None
    if state is None:
        return {}
    session = Conversation.resume(state, services.store, services.model)
    history = WELCOME + [m for t in state["turns"] for m in ({"role": "user", "content": t["user"]},
                                                             {"role": "assistant", "content": t["reply"]})]
    update = {"session": session, "conversation_id": conversation_id, "chat": history, "figures": figure_rows(shown_data(session)),
              "report_type": session.report_type, "draft_view": "", "docx": None, "md": None,
              "versions": version_choices(user, conversation_id, services)}
    saved = services.workspace.load_draft(user, conversation_id)
    if saved is not None:
        update.update(draft_outputs(Draft.from_json(saved), user, conversation_id, services))
    return update


def show_version(version: int | None, conversation_id: str, user: str, services: Services) -> dict:
    saved = services.workspace.load_draft(user, conversation_id, version) if version and conversation_id else None
    if saved is None:
        return {}
    return draft_outputs(Draft.from_json(saved), user, conversation_id, services, version)


def start_new(user: str, services: Services) -> dict:
    return {"session": None, "conversation_id": "", "chat": WELCOME, "figures": [], "draft_view": "", "docx": None, "md": None,
            "versions": gr.update(choices=[], value=None), "saved": saved_choices(user, services)}


def load_file(path, session, conversation_id: str, report_type: str, rules: str, user: str, services: Services) -> dict:
    session = conversation_for(session, services, report_type, rules)
    try:
        figures = load_figures(path)
    except FiguresError as exc:
        raise gr.Error("数据文件有误：" + "；".join(exc.problems), print_exception=False, title="出错了") from None
    session.data = figures.model_dump(exclude_none=True, exclude_defaults=True) | {"report_type": figures.report_type,
                                                                                   "rules": figures.rules}
    conversation_id = keep(user, conversation_id, session, False, services)
    gr.Info("已载入数据，可以说“帮我写自评报告”", title="提示")
    return {"session": session, "conversation_id": conversation_id, "figures": figure_rows(shown_data(session)),
            "report_type": figures.report_type, "rules": figures.rules}


def apply_table(rows, session, conversation_id: str, report_type: str, rules: str, user: str, services: Services) -> dict:
    session = conversation_for(session, services, report_type, rules)
    changed = apply_rows(session.data, rows.values.tolist() if hasattr(rows, "values") else rows or [])
    if not changed:
        gr.Info("表格没有可应用的修改（产出、列表请在对话中修改）", title="提示")
        return {}
    conversation_id = keep(user, conversation_id, session, False, services)
    gr.Info("已更新：" + "、".join(changed), title="提示")
    return {"session": session, "conversation_id": conversation_id, "figures": figure_rows(shown_data(session))}


def wire(ui: dict, services: Services) -> None:
    outputs = [ui[k] for k in ("chat", "session", "conversation_id", "figures", "draft_view", "report_type", "rules", "saved",
                               "versions", "docx", "md", "source", "exemplar", "message")]

    def named(fn):
        """Handlers return {name: value}; Gradio wants {component: value}."""
        def call(*args):
            result = fn(*args)
            if hasattr(result, "__next__"):
                return ({ui[k]: v for k, v in step.items()} for step in result)
            return {ui[k]: v for k, v in result.items()}
        return call

    chat_inputs = [ui[k] for k in ("message", "chat", "session", "conversation_id", "report_type", "rules", "user")]
    handler = lambda *args: (yield from ({ui[k]: v for k, v in step.items()} for step in respond(*args, services)))  # noqa: E731
    for replied in (ui["send"].click(handler, chat_inputs, outputs, api_name="chat"),
                    ui["message"].submit(handler, chat_inputs, outputs, api_name=False)):
        replied.then(None, [ui["chat"]], None, js=SCROLL_TO_DRAFT, api_name=False)
    state = [ui["session"], ui["conversation_id"], ui["report_type"], ui["rules"], ui["user"]]
    ui["figures_file"].upload(named(lambda *a: load_file(*a, services)), [ui["figures_file"], *state], outputs, api_name=False)
    ui["apply"].click(named(lambda *a: apply_table(*a, services)), [ui["figures"], *state], outputs, api_name=False)
    ui["saved"].input(named(lambda *a: reopen(*a, services)), [ui["saved"], ui["user"]], outputs, api_name=False)
    ui["versions"].input(named(lambda *a: show_version(*a, services)), [ui["versions"], ui["conversation_id"], ui["user"]],
                         outputs, api_name=False)
    ui["new"].click(named(lambda user: start_new(user, services)), [ui["user"]], outputs, api_name=False)
    ui["source"].change(lambda choice, session: exemplar_markdown(choice, session), [ui["source"], ui["session"]],
                        [ui["exemplar"]], api_name=False)


def on_load(ui: dict, services: Services):
    """The user's saved drafts."""
    return (lambda user: saved_choices(user, services)), [ui["user"]], [ui["saved"]]
