"""Average annual growth (年均增长) against what the text states of the years it spans:

    “一般公共预算收入从2015年的2007万元上升到2020年的2468万元，年均增长4.22%”
        → 4.22% = (2468 ÷ 2007)^(1/5) − 1
    “幼儿园生均经费年均增长12.3%，2020年达到9410.76元，比2015年增长76.48%”
        → 12.3% = (1 + 76.48%)^(1/5) − 1

Both ends must name their year in the same “；” group as the rate; otherwise nothing is read.
"""

from __future__ import annotations

import re

from assistant.validation.statements.binding import compatible
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import AnnualGrowth
from assistant.validation.statements.vocabulary import vocabulary

YEAR = re.compile(r"(20\d\d)\s*年度?")
BASE_YEAR = re.compile(r"比\s*(20\d\d)\s*年度?")


def read_annual_growths(doc: ReadDocument) -> list[AnnualGrowth]:
    annual = vocabulary().pattern("annual_growth_words", r"\s*(?:为|达到?)?\s*$")
    out: list[AnnualGrowth] = []
    for item in doc.items:
        for rate in item.facts:
            if rate.number.is_percent and not rate.number.bound and annual.search(rate.label):
                found = from_two_years(item, rate) or from_total_growth(item, rate)
                if found is not None:
                    out.append(found)
    return out


def in_group(item: ReadSentence, rate: Fact) -> list[Fact]:
    group = item.group_of(rate.number.start)
    return [f for f in item.facts if f is not rate and item.group_of(f.number.start) == group]


def year_in(label: str) -> int | None:
    found = YEAR.findall(label)
    return int(found[-1]) if found else None


def from_two_years(item: ReadSentence, rate: Fact) -> AnnualGrowth | None:
    """“从2015年的A上升到2020年的B，年均增长X%”: the two values before the rate, each naming its year."""
    values = [f for f in in_group(item, rate) if f.is_value and f.number.end <= rate.number.start
              and not f.number.is_percent and year_in(f.label)]
    if len(values) < 2 or not compatible(values[-2].number, values[-1].number):
        return None
    first, last = values[-2:]
    span = year_in(last.label) - year_in(first.label)
    return AnnualGrowth(rate, span, first, last) if span > 0 and first.number.value > 0 else None


def from_total_growth(item: ReadSentence, rate: Fact) -> AnnualGrowth | None:
    """“年均增长X%，2020年达到V，比2015年增长C%”: the growth over the whole span, and its two years."""
    others = in_group(item, rate)
    totals = [f for f in others if f.number.is_percent and f.role == "change" and BASE_YEAR.search(f.label)]
    ends = [f for f in others if f.is_value and year_in(f.label)]
    if len(totals) != 1 or not ends:
        return None
    span = year_in(ends[-1].label) - int(BASE_YEAR.search(totals[0].label).group(1))
    return AnnualGrowth(rate, span, total=totals[0]) if span > 0 else None
