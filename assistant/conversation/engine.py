"""The conversation engine the 起草 page and `jixiao chat` share: each staff message is read
(intent, figures, names, text items), applied to the figures, and answered in Chinese with what was
recorded, what could not be used, what the code computed from it and the one thing still needed.
Drafts and revisions go through `assistant.drafting`; every number in them comes from code."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.conversation import replies
from assistant.conversation.intents import asked_key
from assistant.conversation.model_reading import read_with_model
from assistant.conversation.phrasings import first_word
from assistant.conversation.questions import next_question, required_missing
from assistant.conversation.reading import Understanding, read_message
from assistant.conversation.state import apply_lists, apply_mentions, apply_names, reconcile
from assistant.conversation.understand import Context
from assistant.drafting.building import build_draft, preview_values
from assistant.drafting.revise import revise_draft
from assistant.figures import FiguresError
from retrieval.report_types import type_name

MODEL_READS = ("figures", "correct", "draft", "other")  # intents whose message may carry figures


@dataclass
class Turn:
    text: str
    draft: object | None = None
    recorded: list = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    question: str = ""


class Conversation:
    def __init__(self, report_type: str = "project", store=None, model=None, rules: str = "national-2020") -> None:
        self.data: dict = {"report_type": report_type, "rules": rules}
        self.store, self.model = store, model
        self.turns: list[dict] = []
        self.draft = None
        self.skipped: set[str] = set()
        self.pending = ""
        self.last_output = ("", "")
        self.styles: dict[str, str] = {}  # how revisions asked each section to be written
        self.shown: dict[str, str] = {}  # derived values already told, so a reply repeats none
        self.events = None  # (kind, text) callback: the UI streams model tokens through it

    @property
    def report_type(self) -> str:
        return self.data.get("report_type", "project")

    def handle(self, message: str) -> Turn:
        if not message or not message.strip():
            return Turn("请输入内容，例如：“项目预算120万元，实际支出113.5万元”。")
        context = Context(self.report_type, self.data.get("year"), *self.last_output, pending=self.pending,
                          has_budget=(self.data.get("budget") or {}).get("full_year") is not None)
        understanding = read_message(message, context, has_draft=self.draft is not None)
        if self.model is not None and understanding.intent.kind in MODEL_READS:
            understanding = read_with_model(self.model, understanding, self.data)
        self.last_output = (context.last_output, context.last_output_unit)
        handler = getattr(self, f"on_{understanding.intent.kind}")
        turn = handler(understanding)
        self.turns.append({"user": message, "reply": turn.text})
        return turn

    # — figures —
    def record(self, understanding: Understanding) -> tuple[list, list[str]]:
        recorded = apply_names(self.data, understanding.names)
        mentioned, unused = apply_mentions(self.data, understanding.mentions)
        recorded += mentioned + apply_lists(self.data, understanding.lists) + reconcile(self.data)
        return recorded, understanding.unplaced + unused

    def on_figures(self, understanding: Understanding) -> Turn:
        recorded, unplaced = self.record(understanding)
        if not recorded and self.pending and first_word(understanding.text, "decline"):
            self.skipped.add(self.pending)
            return self.with_question(Turn("好的，这一项先不写。"))
        values = preview_values(self.data)
        lines = replies.recorded_lines(recorded) + replies.unplaced_lines(unplaced)
        lines += replies.stated_lines(understanding.stated, values) + replies.derived_lines(values, self.shown)
        turn = Turn("\n".join(lines), None, recorded, unplaced)
        if self.draft is not None and recorded:
            try:
                turn.draft = self.redraft()
                turn.text += f"\n已按新的内容更新报告《{self.draft.title}》。"
            except FiguresError as exc:
                turn.text += "\n数据有误，报告暂未更新：" + "；".join(exc.problems) + "。"
        return self.with_question(turn)

    on_correct = on_figures

    def on_other(self, understanding: Understanding) -> Turn:
        if understanding.gives_anything or understanding.unplaced:
            return self.on_figures(understanding)
        if self.pending and first_word(understanding.text, "decline"):
            self.skipped.add(self.pending)
            return self.with_question(Turn("好的，这一项先不写。"))
        return self.with_question(Turn(replies.HOW_TO))

    def on_greeting(self, understanding: Understanding) -> Turn:
        return self.with_question(Turn("您好！" + replies.HOW_TO))

    def with_question(self, turn: Turn) -> Turn:
        """Add the one thing still needed (or say what can be done now)."""
        asked = next_question(self.data, self.skipped, preview_values(self.data))
        self.pending = asked[0] if asked else ""
        missing = required_missing(self.data)
        if asked:
            turn.question = asked[1]
            turn.text += ("\n" if turn.text else "") + ("还需要：" if missing else "可以补充：") + asked[1]
        if not missing and self.draft is None:
            turn.text += "\n现有数据已可起草，说“起草”或“生成报告”即可生成。"
        return turn

    # — drafting —
    def on_draft(self, understanding: Understanding) -> Turn:
        recorded, unplaced = self.record(understanding)
        lines = replies.recorded_lines(recorded) + replies.unplaced_lines(unplaced)
        missing = required_missing(self.data)
        if missing:
            turn = Turn("\n".join(lines + [f"起草前还需要：{'、'.join(missing)}。"]), None, recorded, unplaced)
            return self.with_question(turn)
        try:
            draft = self.redraft()
        except FiguresError as exc:
            return self.with_question(Turn("\n".join(lines + ["数据有误，暂不能起草：" + "；".join(exc.problems) + "。"])))
        lines += [replies.drafted_line(draft), *replies.totals_lines(self.data)]
        turn = Turn("\n".join(lines), draft, recorded, unplaced)
        return self.with_question(turn)

    def redraft(self):
        """The draft from the figures as they are now; a FiguresError leaves the last draft as it was."""
        self.draft = build_draft(self.data, self.store, self.model, self.events, self.styles)
        return self.draft

    def on_revise(self, understanding: Understanding) -> Turn:
        if self.draft is None:
            return Turn("还没有报告可以修改。请先说“帮我写自评报告”。")
        intent = understanding.intent
        result = revise_draft(self.draft, self.data, intent.section, intent.style, understanding.text,
                              self.store, self.model, self.events, self.styles)
        self.draft, self.styles = result.draft, result.styles
        turn = Turn(result.message, result.draft)
        if intent.section == "problems" and intent.style == "specific":
            asked = next_question(self.data, self.skipped, preview_values(self.data), only="reasons")
            if asked:
                self.pending, turn.question = asked
                turn.text += "\n" + asked[1]
        return turn

    # — questions and switching —
    def on_ask(self, understanding: Understanding) -> Turn:
        """The figures said with the question are recorded first, then the question answered from them."""
        recorded, unplaced = self.record(understanding)
        unplaced = [clause for clause in unplaced if not asked_key(clause)]  # the question itself
        values = preview_values(self.data)
        lines = replies.recorded_lines(recorded) + replies.unplaced_lines(unplaced)
        lines += replies.stated_lines(understanding.stated, values)
        return Turn("\n".join(lines + [replies.answer(understanding.intent.asks, values, self.data)]), None, recorded, unplaced)

    def on_switch(self, understanding: Understanding) -> Turn:
        target = understanding.intent.switch_to
        if target not in ("project", "department", "final-accounts"):
            return Turn(f"暂不支持起草{type_name(target)}，可选：项目支出绩效自评报告、部门整体支出绩效自评报告、部门决算情况说明。")
        recorded, _ = self.record(understanding)
        self.data["report_type"], self.draft, self.pending = target, None, ""
        lines = replies.recorded_lines(recorded) + [f"已改为起草{type_name(target)}，已记录的数字保留。"]
        return self.with_question(Turn("\n".join(lines), None, recorded))

    # — persistence —
    def state(self) -> dict:
        """Everything needed to resume the conversation (the draft is rebuilt from the figures)."""
        return {"data": self.data, "turns": self.turns, "skipped": sorted(self.skipped), "pending": self.pending,
                "last_output": list(self.last_output), "styles": self.styles, "drafted": self.draft is not None}

    @classmethod
    def resume(cls, state: dict, store=None, model=None) -> Conversation:
        conversation = cls(state["data"].get("report_type", "project"), store, model)
        conversation.data, conversation.turns = state["data"], state["turns"]
        conversation.skipped, conversation.pending = set(state.get("skipped", [])), state.get("pending", "")
        conversation.last_output = tuple(state.get("last_output", ("", "")))
        conversation.styles = dict(state.get("styles", {}))
        if state.get("drafted") and not required_missing(conversation.data):
            # offline: reopening must not wait on a model; the saved version is what the page shows
            conversation.draft = build_draft(conversation.data, store, None, None, conversation.styles)
        return conversation
