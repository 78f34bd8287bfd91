"""One staff message read whole: its intent, the figures placed on fields, the names and text
items it gives, and what in it could not be placed (quoted back to the user, never dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.conversation.intents import Intent, intent_of
from assistant.conversation.names import (
    Named,
    lists_named,
    project_named,
    report_type_named,
    unit_named,
    years_named,
)
from assistant.conversation.phrasings import first_word, normalise, phrasings, words
from assistant.conversation.placing import place_numbers
from assistant.conversation.understand import Context, Mention, clauses

MIN_UNPLACED_CHARS = 4
HAN = re.compile(r"[\u4e00-\u9fff]")
TALK_ONLY = ("revise", "switch", "greeting")


@dataclass
class Understanding:
    text: str
    intent: Intent
    mentions: list[Mention] = field(default_factory=list)  # figures to record
    stated: list[Mention] = field(default_factory=list)  # rates staff quoted, to compare with ours
    names: list[Named] = field(default_factory=list)  # unit, project, year
    lists: list[Named] = field(default_factory=list)  # 存在问题, 改进措施, 原因 …
    unplaced: list[str] = field(default_factory=list)

    @property
    def gives_anything(self) -> bool:
        return bool(self.mentions or self.names or self.lists)


def read_message(message: str, context: Context, has_draft: bool = False) -> Understanding:
    text = normalise(message)
    lists = lists_named(text)
    head = text[: lists[0].span[0]] if lists else text  # figures inside a listed item stay text
    year = report_year(head, context)
    if year is not None:
        context.year = year.value  # “2015年预算57.55万” in a 2016 report is last year's
    placed = place_numbers(head, context)
    recorded = [m for m in placed.mentions if not m.path.startswith("stated.")]
    names = [n for n in (unit_named(head), project_named(head), report_type_named(head, titles=False)) if n]
    if year:
        names.append(year)
    given = recorded or [n for n in names if n.path not in ("report_type", "year")] or lists
    intent = intent_of(text, bool(given), has_draft, context.report_type)
    if intent.kind in ("other", "figures") and placed.mentions and first_word(text, "intents.correct"):
        intent = Intent("correct")  # “总分应该是97.93，我刚写成97.39了”: a stated figure corrected
    elif intent.kind == "other" and placed.mentions:
        intent = Intent("figures")  # only rates, scores or changes said: still figures to compare
    result = Understanding(text, intent, recorded, [m for m in placed.mentions if m.path.startswith("stated.")],
                           names, lists, placed.unplaced)
    if intent.kind in TALK_ONLY:
        result.mentions, result.stated, result.lists, result.unplaced = [], [], [], []
        result.names = [n for n in names if intent.kind == "switch" and n.path != "report_type"]
        return result
    consumed = placed.spans + [n.span for n in names] + [span for _, span in years_named(head)]
    result.unplaced = list(dict.fromkeys(result.unplaced + leftover_clauses(head, consumed)))
    return result


def report_year(text: str, context: Context) -> Named | None:
    """The report's year: the latest year named, when none is known yet."""
    years = years_named(text)
    if context.year is not None or not years:
        return None
    value, span = max(years)
    return Named("year", value, span)


def leftover_clauses(text: str, consumed: list[tuple[int, int]]) -> list[str]:
    """Clauses nothing was read from that still say something (not just “好的，帮我写一下”)."""
    talk = sorted(set(phrasings()["filler"]) | {w for key in ("draft", "greeting", "ask", "correct")
                                                for w in words(f"intents.{key}")}, key=len, reverse=True)
    out = []
    for start, end in clauses(text):
        if any(s < end and start < e for s, e in consumed):
            continue
        rest = text[start:end]
        for word in talk:
            rest = rest.replace(word, "")
        if len(HAN.findall(rest)) >= MIN_UNPLACED_CHARS:
            out.append(text[start:end].strip())
    return out
