"""What a message asks jixiao to do, in the words of chat.yaml: give figures, draft, revise a
section (and how), correct a figure, ask for a figure, switch the kind of report, or chat."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.conversation.names import report_type_named
from assistant.conversation.phrasings import first_word, phrasings

HAS_DIGIT = re.compile(r"\d")
DRAFTABLE = ("project", "department", "final-accounts")


@dataclass
class Intent:
    kind: str  # figures | draft | revise | correct | ask | switch | greeting | other
    section: str | None = None  # revise: the section id named
    style: str | None = None  # revise: specific | shorter | formal
    asks: str | None = None  # ask: the figure key asked for
    switch_to: str | None = None


def section_named(text: str) -> str | None:
    best = None
    for section in phrasings()["sections"]:
        word = first_word(text, f"sections.{section}")
        if word and (best is None or (text.find(word), -len(word)) < best[0]):
            best = ((text.find(word), -len(word)), section)
    return best[1] if best else None


def style_named(text: str) -> str | None:
    return next((style for style in phrasings()["styles"] if first_word(text, f"styles.{style}")), None)


def asked_key(text: str) -> str | None:
    return next((rule["key"] for rule in phrasings()["asks"] if any(w in text for w in rule["words"])), None)


def intent_of(text: str, placed: bool, has_draft: bool, current: str = "project") -> Intent:
    """The message's intent; `placed` says whether figures in it were understood (percentages
    staff quote to compare, such as “执行率没到100%”, do not count)."""
    switch_to = report_type_named(text)
    asked_to_write = first_word(text, "intents.switch") or first_word(text, "intents.draft")
    if switch_to and switch_to.value in DRAFTABLE and switch_to.value != current and asked_to_write and not placed:
        return Intent("switch", switch_to=switch_to.value)  # “先写部门整体的吧”: another kind of report
    if switch_to and first_word(text, "intents.switch"):
        return Intent("switch", switch_to=switch_to.value)
    asking = first_word(text, "intents.ask") and asked_key(text)
    if asking and re.search(phrasings()["question_forms"]["pattern"], text):
        return Intent("ask", asks=asked_key(text))  # “编制14实有13，控制率是不是92.86%？”: figures and a question
    if first_word(text, "intents.correct") and HAS_DIGIT.search(text) and placed:
        return Intent("correct")
    style, section = style_named(text), section_named(text)
    revising = first_word(text, "intents.revise")
    if revising and (style or section) and (has_draft or section) and not placed:
        return Intent("revise", section=section or "all", style=style or "specific")
    if first_word(text, "intents.draft"):
        return Intent("draft")
    if asking and not placed:
        return Intent("ask", asks=asked_key(text))
    if placed:
        return Intent("figures")
    if first_word(text, "intents.greeting"):
        return Intent("greeting")
    return Intent("other")
