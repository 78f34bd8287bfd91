"""Gaps in percentage points between two rates the same sentence prints:

    “…的比例为11.32%，比上年的10.54%增加了0.78个百分点”          → 11.32 − 10.54 = 0.78
    “增长20.6%，比全省平均水平(17.9%)高2.7个百分点”               → 20.6 − 17.9 = 2.7
    “自给率仅为21.4%，虽然高于上年2.1个百分点，但远低于全区(53.2%)33.9个百分点” → 53.2 − 21.4

The other rate stands right before the points, in a clause opened by a comparison word; the rate
compared is the last one before that clause that is not itself another comparison's. A rate said
of a fall (“下降8.9%”) is left alone: whether its gap counts the fall's size or its sign is unclear.
"""

from __future__ import annotations

import re

from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import PointGap
from assistant.validation.statements.vocabulary import vocabulary

POINTS = "百分点"
MAX_WORDS_BETWEEN = 12  # “比上年的10.54%增加了0.78个百分点”: only words between the other rate and its points
CLAUSE_BREAK = re.compile(r"[，,；;。]")
NEAR = "approx"


def read_point_gaps(doc: ReadDocument) -> list[PointGap]:
    out: list[PointGap] = []
    for item in doc.items:
        gaps = [(g, other) for g in item.facts if g.number.unit == POINTS and (other := other_rate(item, g))]
        others = {id(other) for _, other in gaps}
        for gap, other in gaps:
            subject = compared_rate(item, other, others)
            if subject is not None:
                out.append(PointGap(subject, other, gap, direction(item, other, gap), doubt_of(item, subject, other)))
    return out


def other_rate(item: ReadSentence, gap: Fact) -> Fact | None:
    """The rate printed right before the points, in a clause a comparison word opens."""
    text = item.sentence.clean
    rates = [f for f in item.facts if f.number.is_percent and f.number.end <= gap.number.start]
    if not rates or gap.number.approx or re.search(r"约\s*$", text[: gap.number.start]):
        return None
    other = rates[-1]
    between = text[other.number.end : gap.number.start]
    if len(between) > MAX_WORDS_BETWEEN or re.search(r"\d", between) or CLAUSE_BREAK.search(between):
        return None
    opening = text[clause_start(text, other.number.start) : other.number.start]
    return other if vocabulary().pattern("point_gaps.compare").search(opening) and not falls(other) else None


def compared_rate(item: ReadSentence, other: Fact, others: set[int]) -> Fact | None:
    """The last rate before the other rate's clause, in the same “；” group, that is no comparison's."""
    text = item.sentence.clean
    start = clause_start(text, other.number.start)
    group = item.group_of(other.number.start)
    before = [f for f in item.facts if f.number.is_percent and f.number.end <= start and id(f) not in others]
    if not before or item.group_of(before[-1].number.start) != group:
        return None
    subject = before[-1]
    return None if falls(subject) or subject.number.approx or subject.number.bound else subject


def falls(rate: Fact) -> bool:
    return rate.direction == "down" or rate.number.value < 0


def clause_start(text: str, position: int) -> int:
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, position)]
    return breaks[-1] if breaks else 0


def direction(item: ReadSentence, other: Fact, gap: Fact) -> int:
    """+1 when the words say the rate compared is higher, −1 lower, 0 when they do not say."""
    text = item.sentence.clean
    words = text[clause_start(text, other.number.start) : gap.number.start]
    higher = vocabulary().pattern("point_gaps.higher").search(words)
    lower = vocabulary().pattern("point_gaps.lower").search(words)
    return 0 if bool(higher) == bool(lower) else (1 if higher else -1)


def doubt_of(item: ReadSentence, subject: Fact, other: Fact) -> str:
    """A rate compared from further back than the clause just before is likely, not certain."""
    clauses_between = other.clause - subject.clause
    return "" if clauses_between <= 1 else "所比较的是哪个比率由上下文推断"
