"""The period a figure speaks of, beyond its report's year: a year named in its own label
(“对比来看，2012年12月份全国公共财政支出20816亿元”) and a part of the year (`period_words`:
“1-4月”, “上半年”, “6月份当月”) named before it in its sentence — or carried from the sentence before
in its paragraph, and from the paragraph before into one that opens with “其中”.

Monthly and quarterly execution reports state one name for several periods (“上半年…全国财政收入
63795亿元” and “6月份当月，全国财政收入11040亿元”): those are different quantities."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from assistant.validation.statements.facts import Fact
from assistant.validation.statements.vocabulary import alternation, vocabulary

YEAR_IN_LABEL = re.compile(r"(20\d\d)\s*年")
OPENS_WITH_PARTS = re.compile(r"^\s*其中")
PERIOD_HINT = re.compile(r"月|季度|半年")  # every period word has one of these


def assign_periods(items: list) -> None:
    """Set `period` on every fact of the document's sentences (ReadSentence items, in order)."""
    pattern = vocabulary().pattern("period_words")
    carried, paragraph = "", None
    for item in items:
        sentence = item.sentence
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            if not OPENS_WITH_PARTS.match(sentence.clean):
                carried = ""
        text = sentence.clean
        found = [(m.end(), normal(m.group())) for m in pattern.finditer(text)] if PERIOD_HINT.search(text) else []
        for fact in item.facts:
            before = [period for end, period in found if end <= fact.number.start]
            fact.period = before[-1] if before else carried
        if found:
            carried = found[-1][1]


MAX_STAGE_HEADING = 40  # characters; a longer sentence without figures is prose, not a heading


def assign_stages(items: list) -> None:
    """Set `stage` on the facts under a heading that names one stage of a budget year (“1. 镇人大
    批准的年初预算草案。” … “2. …批准的预算调整方案。” … “3. 决算情况。”): the same names under
    each are the figures of different stages. A heading naming several stages names none."""
    stages = {name: re.compile(alternation(words)) for name, words in vocabulary().data["stage_headings"].items()
              if name != "example"}
    current, section = "", None
    for item in items:
        sentence = item.sentence
        if section is None or not within(sentence.section, section):
            current, section = "", sentence.section  # the stage holds in its heading's section and those under it
        text = sentence.clean.strip()
        if not any(n.is_money or n.is_percent for n in sentence.numbers) and len(text) <= MAX_STAGE_HEADING:
            named = [name for name, pattern in stages.items() if pattern.search(text)]
            if len(named) == 1:
                current, section = named[0], sentence.section
        for fact in item.facts:
            fact.stage = current


def within(section: str, heading: str) -> bool:
    """Whether a section path is the heading's section or one under it (“A > B” is under “A”, “A2” is not)."""
    return section == heading or section.startswith(heading + " > ")


def year_of(fact: Fact, default: int | None) -> int | None:
    """The year a figure speaks of: one named in its own label, outside its comparison words
    (“比2020年”), else the last one named before it in its sentence (“其中,2018年因公出国(境)费154万元,
    …,公务接待费0.96万元”), else the one its sentence opens with, else the report's."""
    match = YEAR_IN_LABEL.search(vocabulary().any_anchor.sub("", fact.label))
    if match is not None:
        return int(match.group(1))
    named = years_named(fact.sentence.clean)
    before = bisect_left(named, (fact.number.start,)) - 1
    return named[before][1] if before >= 0 else fact.year or default


@lru_cache(maxsize=256)
def years_named(text: str) -> tuple[tuple[int, int], ...]:
    """(end, year) of each year a sentence names outside comparison words, in order: computed once
    per sentence, since a one-line report is one sentence with thousands of figures."""
    compared = [(m.start(), m.end()) for m in vocabulary().any_anchor.finditer(text)]
    starts = [a for a, _ in compared]

    def inside_comparison(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and position < compared[index][1]

    return tuple((m.end(), int(m.group(1))) for m in YEAR_IN_LABEL.finditer(text) if not inside_comparison(m.start()))


def normal(text: str) -> str:
    return re.sub(r"\s+", "", text)
