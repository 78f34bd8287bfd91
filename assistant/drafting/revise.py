"""Revising one section as asked (“写具体一些”, “简短一点”, “语气正式些”).

Offline, a section is rebuilt in the asked style: specific adds the section's detail paragraphs,
the fuller wording of data-driven problems and further exemplar sentences; shorter keeps the
sentences that carry figures. With a model, the model rewrites the section from the same figures
under the request. Either way the reply says what changed, or what is needed when nothing could.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.drafting.building import build_draft
from assistant.drafting.offline import FORMAL, REGISTER
from assistant.numbers import parse_numbers

STYLE_WORDS = {"specific": "更具体", "shorter": "更简短", "formal": "更正式"}
FORMAL_OFFLINE = ("“{title}”已是规范的公文表述，离线时只能把您输入的口语词换成公文用语。如需调整语气，请在“设置”中"
                  "配置模型服务，或直接告诉我要改的句子和改法。")


@dataclass
class Revision:
    draft: object
    message: str
    styles: dict[str, str]


def revise_draft(draft, data: dict, section: str, style: str, request: str, store=None, model=None, events=None,
                 styles: dict[str, str] | None = None) -> Revision:
    styles = dict(styles or {})
    targets = [s.id for s in draft.sections] if section == "all" else [section_id(section, data.get("report_type", "project"))]
    named = [s for s in draft.sections if s.id in targets]
    if not named:
        return Revision(draft, f"本报告没有“{section_word(section)}”这一节，请说出要修改的章节名称。", styles)
    for target in targets:
        styles[REGISTER + target if style == FORMAL else target] = style  # formal keeps “写具体” asked before
    if model is not None:
        from assistant.drafting.building import figures_for_draft
        from assistant.drafting.pipeline import draft as make_draft

        revised = make_draft(figures_for_draft(data), store, model, events=events, only=set(targets),
                             instruction=f"修改要求：{request}", styles=styles)
        revised.pending = draft.pending
    else:
        revised = build_draft(data, store, None, events, styles)
    return Revision(revised, describe(draft, revised, targets, style), styles)


def section_id(section: str, report_type: str) -> str:
    """The id a section named in words has in this kind of report."""
    from assistant.conversation.phrasings import phrasings

    return phrasings()["sections"].get(section, {}).get("ids", {}).get(report_type, section)


def revision_needs() -> dict[str, str]:
    from assistant.conversation.phrasings import phrasings

    return phrasings()["revision_needs"]


def section_word(section: str) -> str:
    from assistant.conversation.phrasings import phrasings

    rule = phrasings()["sections"].get(section)
    return rule["words"][0] if rule else section


def describe(before, after, targets: list[str], style: str) -> str:
    """What the revision changed, in the reply's words."""
    old = {s.id: s for s in before.sections}
    lines = []
    for section in (s for s in after.sections if s.id in targets):
        previous = old.get(section.id)
        if previous is not None and previous.text == section.text:
            if style == "formal":
                lines.append(FORMAL_OFFLINE.format(title=section.title))
                continue
            need = revision_needs().get(section.id, revision_needs()["default"])
            lines.append(f"“{section.title}”已是现有数据能写出的{STYLE_WORDS[style]}的写法；要进一步修改，请补充：{need}。")
            continue
        added = new_figures(previous.text if previous else "", section.text)
        change = f"，补充了{'、'.join(added)}" if added else ""
        lines.append(f"已按要求改写“{section.title}”{change}：\n{section.text}")
    return "\n".join(lines)


def new_figures(before: str, after: str) -> list[str]:
    said = {n.text for n in parse_numbers(before)}
    return list(dict.fromkeys(n.text for n in parse_numbers(after) if n.unit and n.text not in said))
