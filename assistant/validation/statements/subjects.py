"""Which item a comparison speaks of: the names before its comparison words (“收、支总计” names two),
and a clause between the figure and the comparison that names another item."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.validation.statements.binding import names_match
from assistant.validation.statements.document import ReadSentence
from assistant.validation.statements.facts import Fact, name_of
from assistant.validation.statements.vocabulary import vocabulary

SHORT_FORMS = {"收": "收入", "支": "支出"}


INCOME_AND_SPENDING = re.compile(r"^(?P<prefix>.*?)收入?、?支出?(?P<suffix>.*)$")


TOTAL_WORD = "总计"


MIN_SUBJECT_CHARS = 2


def subjects_of(item: ReadSentence, anchor_start: int, changes: list[Fact]) -> tuple[list[str], str]:
    """The names compared (several for “收、支总计”) and the measure the subject states."""
    clause = next(c for c in item.clauses if c.start <= anchor_start <= c.end)
    text = item.sentence.clean
    figure = next((n for n in item.sentence.numbers if clause.start <= n.start < anchor_start and n.unit
                   and not n.is_percent and not text[n.end : anchor_start].strip()), None)
    words = text[clause.start : figure.start if figure else anchor_start]  # “…经费64469万元比上年…”
    if len(re.sub(r"[^\u4e00-\u9fff]", "", name_of(words)[0])) < MIN_SUBJECT_CHARS and changes:
        words = vocabulary().direction.sub("", changes[0].label.rstrip(" -−－"))  # “增长-9.41%”: the minus is the fall
    words = re.sub(r"各$", "", words.strip())
    name, measure = name_of(words)
    if name in vocabulary().words("bare_names"):
        name = ""  # “本年比上年增长61.98%”: the figure before it, not a name
    return split_subject(name), measure


def split_subject(name: str) -> list[str]:
    """“收、支总计” → 收入总计, 支出总计; “基本支出、项目支出” → both; one name → itself."""
    joined = INCOME_AND_SPENDING.match(name)
    if joined and ("、" in name or name.startswith(("收支", "收、支"))):
        suffix = joined["suffix"] or TOTAL_WORD
        return [f"{joined['prefix']}收入{suffix}", f"{joined['prefix']}支出{suffix}"]
    pieces = [p for p in name.split("、") if p]
    if len(pieces) < 2:
        return [name] if name else []
    first, last = pieces[0], pieces[-1]
    suffix = last[len(first):] if len(last) > len(first) else ""
    return [SHORT_FORMS.get(p, p) + suffix for p in pieces[:-1]] + [SHORT_FORMS.get(last[: len(first)], last[: len(first)]) + suffix]


OTHER_SUBJECT = "比较的可能是前一分句所说的另一项目"




@lru_cache(maxsize=1)
def subject_opening() -> re.Pattern[str]:
    """A clause opening with an item's name (“税收收入受减税降费政策影响”), not with a share, a
    comparison or a reason (`not_subject_openings`)."""
    excluded = vocabulary().pattern("not_subject_openings")
    return re.compile(r"^[\s,，]*(?!" + excluded.pattern + r")(?P<name>[\u4e00-\u9fff]{2,12}?(?:收入|支出|经费|资金))")


def other_subject_between(item: ReadSentence, start: int, anchor: int, name: str) -> bool:
    """“…收入比预算超收150万元,…,税收收入受减税降费政策影响,较年初预算减少6,020万元”: a clause with no
    figure between the subject's figure (or comparison) and this comparison opens with another item's
    name (s296)."""
    for clause in item.clauses:
        if not start <= clause.start < anchor or clause.end > anchor:
            continue
        if any(clause.start <= n.start < clause.end for n in item.sentence.numbers):
            continue
        opening = subject_opening().match(item.sentence.clean[clause.start : clause.end])
        if opening and not names_match(opening.group("name"), name):
            return True
    return False
