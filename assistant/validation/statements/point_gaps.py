"""Gaps in percentage points between two rates the same sentence prints:

    “…的比例为11.32%，比上年的10.54%增加了0.78个百分点”          → 11.32 − 10.54 = 0.78
    “增长20.6%，比全省平均水平(17.9%)高2.7个百分点”               → 20.6 − 17.9 = 2.7
    “自给率仅为21.4%，虽然高于上年2.1个百分点，但远低于全区(53.2%)33.9个百分点” → 53.2 − 21.4

The other rate stands right before the points, in a clause opened by a comparison word; the rate
compared is the last one before that clause, outside brackets, that is not itself another
comparison's. The reading is certain only when that rate is the group's one candidate, in the clause
just before, and the comparing clause names no subject of its own: from further back it is a warning
at most, with other candidates or a subject of its own (“占比比上年(76.3%)…”, “增速比…”) a note. A rate said of a fall (“下降8.9%”, “-2.3%”) is left alone: whether
its gap counts the fall's size or its sign is unclear.
"""

from __future__ import annotations

import re

from assistant.validation.statements.brackets import depths
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import PointGap
from assistant.validation.statements.vocabulary import vocabulary

POINTS = "百分点"
MAX_WORDS_BETWEEN = 12  # “比上年的10.54%增加了0.78个百分点”: only words between the other rate and its points
MINUS_SIGNS = "-－−"
FALL_WORDS = re.compile(r"负|下滑|回落")
OPENING_FILLERS = " ,，、但而且并远仍"  # “但远低于…”: words that open the comparing clause without naming a subject
INFERRED = "所比较的是哪个比率由上下文推断"
OWN_SUBJECT = "比较的一方另有所指（如增速、占比），与前面的比率未必是同一项"
SEVERAL_RATES = "前面有几个比率都可能是比较的一方"


def read_point_gaps(doc: ReadDocument) -> list[PointGap]:
    out: list[PointGap] = []
    for item in doc.items:
        gaps = [(g, other) for g in item.facts if g.number.unit == POINTS and (other := other_rate(item, g))]
        others = {id(other) for _, other in gaps}
        for gap, other in gaps:
            candidates = compared_rates(item, other, others)
            if candidates:
                subject = candidates[-1]
                out.append(PointGap(subject, other, gap, direction(item, other, gap),
                                    doubt_of(candidates, other), ambiguity_of(item, candidates, other)))
    return out


def clause_start(item: ReadSentence, fact: Fact) -> int:
    return item.clauses[fact.clause].start


def other_rate(item: ReadSentence, gap: Fact) -> Fact | None:
    """The rate printed right before the points, in a clause a comparison word opens."""
    text = item.sentence.clean
    rates = [f for f in item.facts if f.number.is_percent and f.number.end <= gap.number.start]
    if not rates or gap.number.approx or re.search(r"约\s*$", text[: gap.number.start]):
        return None
    other = rates[-1]
    between = text[other.number.end : gap.number.start]
    compare = vocabulary().pattern("point_gaps.compare")
    if len(between) > MAX_WORDS_BETWEEN or re.search(r"[\d，,；;。]", between) or compare.search(between):
        return None  # “增长12.3%、高于全市平均水平1.2个百分点”: the other rate is not printed
    opening = text[clause_start(item, other) : other.number.start]
    return other if compare.search(opening) and not falls(item, other) else None


def compared_rates(item: ReadSentence, other: Fact, others: set[int]) -> list[Fact]:
    """The rates the other could be compared with: before its clause, in its “；” group, outside
    brackets (“增长12.5%（剔除…后增长8.3%）”), no comparison's own; the last is the reading."""
    start = clause_start(item, other)
    group = item.group_of(other.number.start)
    depth = depths(item.sentence.clean)
    before = [f for f in item.facts if f.number.is_percent and f.number.end <= start and id(f) not in others
              and item.group_of(f.number.start) == group and not depth[f.number.start]]
    if not before or falls(item, before[-1]) or before[-1].number.approx or before[-1].number.bound:
        return []
    return before


def falls(item: ReadSentence, rate: Fact) -> bool:
    text = item.sentence.clean
    signed = rate.number.start > 0 and text[rate.number.start - 1] in MINUS_SIGNS
    return rate.direction == "down" or signed or bool(FALL_WORDS.search(rate.label))


def direction(item: ReadSentence, other: Fact, gap: Fact) -> int:
    """+1 when the words say the rate compared is higher, −1 lower, 0 when they do not say: the verb
    between the other rate and its points, else a comparative before it (“远低于…(53.2%)33.9个百分点”)."""
    text = item.sentence.clean
    words = vocabulary()
    verb = text[other.number.end : gap.number.start]
    found = sign_of(verb, words.pattern("point_gaps.higher"), words.pattern("point_gaps.lower"))
    if found or verb.strip(" )）个"):
        return found
    opening = text[clause_start(item, other) : other.number.start]
    return sign_of(opening, words.pattern("point_gaps.higher_than"), words.pattern("point_gaps.lower_than"))


def sign_of(words: str, higher: re.Pattern[str], lower: re.Pattern[str]) -> int:
    up, down = bool(higher.search(words)), bool(lower.search(words))
    return 0 if up == down else (1 if up else -1)


def doubt_of(candidates: list[Fact], other: Fact) -> str:
    """Likely, not certain: the rate compared stands further back than the clause before."""
    return INFERRED if other.clause - candidates[-1].clause > 1 else ""


def ambiguity_of(item: ReadSentence, candidates: list[Fact], other: Fact) -> str:
    """Two readings: several rates the other could be compared with, or a comparing clause that names
    a subject of its own (“占比比上年(76.3%)提高…”, “增速比全省(8.1%)…”) — a note at most."""
    opening = item.sentence.clean[clause_start(item, other) : other.number.start]
    compare = vocabulary().pattern("point_gaps.compare").search(opening)
    if compare and opening[: compare.start()].strip(OPENING_FILLERS):
        return OWN_SUBJECT
    return SEVERAL_RATES if len(candidates) > 1 else ""
