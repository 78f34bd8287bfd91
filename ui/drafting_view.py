"""How the 起草 page shows a draft: Markdown with each section's findings under it and its sources,
and an exemplar passage a section's wording drew on."""

from __future__ import annotations


def source_name(section, source: str) -> str:
    """“南县政协2021年度…评价报告（001_….txt）”: the report's title when the exemplar carries one."""
    title = next((e.get("title") for e in section.exemplars if e["source"] == source and e.get("title")), None)
    return f"{title}（{source}）" if title and title != source else source


def draft_markdown(draft) -> str:
    parts = [f"# {draft.title}", ""]
    for section in draft.sections:
        parts += [f"## {section.title}", "", markdown_body(section.text), ""]
        notes = [f for f in draft.findings if f.location.section == section.title or section.title in f.location.section]
        parts += [f"> ⚠ {f.message}（第{f.location.line}行）" for f in notes if f.severity != "note"]
        if section.sources:
            parts.append("<small>措辞参考：" + "；".join(source_name(section, s) for s in section.sources) + "</small>")
        parts.append("")
    if draft.pending:
        parts += ["---", "标为“待补充”的自评表指标：" + "、".join(draft.pending) + "（暂按满分计，补充目标值后自动重算）"]
    if draft.notices:
        parts += ["---", *[f"- {n}" for n in draft.notices]]
    return "\n".join(parts)


def markdown_body(text: str) -> str:
    """Each paragraph its own Markdown paragraph; table rows stay together."""
    out: list[str] = []
    for line in text.split("\n"):
        table = line.startswith("|")
        if out and not (table and out[-1].startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def exemplar_markdown(choice: str | None, session) -> str:
    if not choice or session is None or session.draft is None:
        return ""
    for section in session.draft.sections:
        for name, passage in zip(section.source_sections, section.exemplars, strict=False):
            if name == choice:
                return f"**{name}**\n\n{passage['text']}\n\n<small>（往年报告原文，数字已遮盖，仅作措辞参考）</small>"
    return ""
