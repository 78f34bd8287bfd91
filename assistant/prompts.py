"""Prompt templates live in prompts/ as files; each declares exactly the placeholders the code fills.

A template whose placeholders differ from its declaration fails at load time, not in front of a user.
"""

from __future__ import annotations

import string
from functools import lru_cache

from assistant.settings import PROMPTS_DIR

PLACEHOLDERS = {
    "system": {"report_type_name"},
    "draft_section": {"report_title", "section_title", "figures", "exemplars", "baseline", "instruction"},
    "repair": {"section_title", "findings", "figures", "draft"},
    "extract_figures": {"schema", "current", "message"},
}


class PromptError(Exception):
    """A prompt file whose placeholders do not match what the code fills."""


@lru_cache(maxsize=16)
def template(name: str) -> str:
    text = (PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8")
    found = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    expected = PLACEHOLDERS[name]
    if found != expected:
        raise PromptError(f"prompts/{name}.md 的占位符 {sorted(found)} 与程序提供的 {sorted(expected)} 不一致")
    return text


def render(name: str, **fields: str) -> str:
    if set(fields) != PLACEHOLDERS[name]:
        raise PromptError(f"prompts/{name}.md 需要 {sorted(PLACEHOLDERS[name])}，收到 {sorted(fields)}")
    return template(name).format(**fields)
