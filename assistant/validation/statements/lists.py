"""Totals and their parts: “A万元，其中：B万元、C万元”, lists continued on the following lines, lists
nested in lists (how sure the text is that the parts are the whole: `completeness`)."""

from __future__ import annotations

import re

from assistant.numbers import MONEY_SCALE, Number
from assistant.validation.statements.binding import (
    compatible,
    identity_for,
    identity_named,
    names_match,
    term_matches,
)
from assistant.validation.statements.brackets import (
    after_numbering,
    bracketed_after,
    depths,
    visible_from,
)
from assistant.validation.statements.closing import closing_breakdowns
from assistant.validation.statements.completeness import (
    adds_up,
    complete_by_parallel,
    how_complete,
    share_after,
    siblings,
    standard_part_of,
)
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import BUDGET_MEASURES, Fact, name_of
from assistant.validation.statements.list_regions import list_regions
from assistant.validation.statements.nesting import settle_shared_parts
from assistant.validation.statements.numbering import numbered, numbering_rank, same_numbering
from assistant.validation.statements.relations import Breakdown
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import LIST_NUMBERING

MAX_TOTAL_GAP = 60  # characters between a total and the marker of its list, beyond which it is not its total
MAX_FOLLOWING_PARTS = 40  # lines after a “其中：” that may hold its parts
BARE_FIGURE_MARKERS = ("分别为", "分别是")
MAX_ALTERNATES = 3  # other figures before a marker that its list may break down, nearest first
TOTAL_PARAGRAPHS_AWAY = "合计与“其中”不在同一段，所指合计不确定"
UNSEEN_TOTAL = "清单"  # the owner of a list's parts when its total is not in the text
FOLLOWS_CHANGE = "清单紧跟增减额，列的可能是增减的构成"
OVERLAPPING_COUNTS = "人数、个数等清单的分项可能交叉或不全"
SUM_WORDS = re.compile(r"合计|总计|共计|小计|累计|保有量")  # “…,单位车辆保有量17辆”: the stock, not a part
EACH = re.compile(r"各\s*$")  # “公务用车和流动图书车各1辆”: one figure for several items
EACH_PART = "某一分项为“各…”，代表不止一项"
CUT_OFF = "原文在清单中途截断，后面可能还有分项"
FAR_LARGER = 2  # parts adding to more than twice every change before them cannot be that change's
CHANGE_WORDS = re.compile(r"调减|调增|减少|增加")
SENTENCE_CLOSED = re.compile(r"[。！？!?]\s*$")


NAMED_WHOLE = re.compile(r"(?:^|[,，;；:：])(?P<whole>[^,，;；:：。]{4,60}?)中\s*[,，:：]")


def read_breakdowns(doc: ReadDocument) -> list[Breakdown]:
    out: list[Breakdown] = []
    closing: list[Breakdown] = []
    for item in doc.items:
        before = len(out)
        for start, end, region, marker in list_regions(item):
            found = breakdown_at(doc, item, start, end, region, marker)
            if found is not None:
                out.append(found)
        named = NAMED_WHOLE.search(item.sentence.clean)
        if named and not any(f.number.end <= named.end() for f in item.facts):
            found = named_breakdown(doc, item, named)
            if found is not None:
                out.append(found)
        out.extend(unmarked_breakdowns(item, out[before:]))
        settle_shared_parts(out[before:])
        closing.extend(closing_breakdowns(item, out[before:]))
    complete_by_parallel(out)
    return out + closing  # a closing list's parts are named freely: it is no evidence for other lists


def unmarked_breakdowns(item: ReadSentence, found: list[Breakdown]) -> list[Breakdown]:
    """““三公”经费决算4.5万元，因公出国（境）费0万元，公务接待费0万元，公务用车购置及运行维护费4.5万元”:
    a standard total followed by its standard parts, with no 其中."""
    listed = {id(f) for b in found for f in [b.total, *b.parts] if f is not None}
    totals = {id(b.total) for b in found}
    out = []
    values = [f for f in item.values() if not f.number.is_percent and f.number.unit]
    for i, total_fact in enumerate(values):
        identity = identity_named(total_fact.name)
        if identity is None or id(total_fact) in totals:
            continue  # a part of one list may total its own (“…维护费21万元（购置费0万元、运行维护费21万元）”)
        terms = identity["parts"] + identity.get("optional", [])
        parts = []
        for fact in values[i + 1 :]:
            if id(fact) in listed or not compatible(fact.number, total_fact.number):
                break
            if not any(term_matches(fact.name, aliases) for aliases in terms):
                break
            parts.append(fact)
        if len(parts) >= 2:
            completeness = "complete" if identity_for(total_fact.name, [p.name for p in parts]) else "unknown"
            out.append(Breakdown(total_fact, parts, completeness, "标准构成（未用“其中”）"))
            listed.update(id(p) for p in parts)
            totals.add(id(total_fact))
    return out


def named_breakdown(doc: ReadDocument, item: ReadSentence, named: re.Match) -> Breakdown | None:
    """“…“三公”经费支出决算中，A万元，占X%；B万元，占Y%”: the whole is named, not stated here."""
    parts = parts_in(item, [(named.end(), len(item.sentence.clean))], None, doc.default_measure)
    if len(parts) < 2:
        return None
    name, measure = name_of(named.group("whole"))
    year = named_year(named.group("whole"))
    candidates = [f for previous in doc.earlier(item) for f in previous.values()
                  if names_match(f.name, name) and (f.measure or doc.default_measure) == (measure or doc.default_measure)
                  and compatible(f.number, parts[0].number) and not f.prior]
    total_fact = candidates[0] if candidates else None
    ambiguous = ""
    if total_fact is not None and year and total_fact.year and total_fact.year != year:
        ambiguous = "合计所在句写的是另一年度"
    for part in parts:
        part.qualified = f"{name}/{part.name}"
    shares = [share_after(item, p) for p in parts]
    completeness, evidence = how_complete(item, "中", total_fact, parts, name)
    return Breakdown(total_fact, parts, completeness, evidence, ambiguous, shares)


def named_year(words: str) -> int | None:
    found = re.search(r"(20\d\d)\s*年", words)
    return int(found.group(1)) if found else None


def breakdown_at(doc: ReadDocument, item: ReadSentence, start: int, end: int,
                 spans: list[tuple[int, int]], marker: str) -> Breakdown | None:
    total_fact = total_before(doc, item, start)
    opens_lines = not item.sentence.clean[end:].strip(" :：,，")
    if total_fact is None:
        if opens_lines:  # parts of a total we cannot see are still parts of something else
            for part in parts_on_following_lines(doc, item, None):
                part.qualified = f"{UNSEEN_TOTAL}{item.sentence.index}/{part.name}"
        return None
    parts = parts_in(item, spans, total_fact, doc.default_measure, marker in BARE_FIGURE_MARKERS)
    last_on_line = len(parts) == 1 and not item.sentence.clean[parts[0].number.end:].strip(" ,，;；:：。")
    if opens_lines or last_on_line or (len(parts) == 1 and LIST_NUMBERING.match(item.sentence.clean[end:].lstrip(" :："))):
        parts += parts_on_following_lines(doc, item, total_fact, parts)  # “其中:(一)…13460万元,主要用于…” then “(二)…”
    if len(parts) > 2 and SUM_WORDS.search(parts[-1].label) and size(parts[-1].number) >= size(total_fact.number):
        parts = parts[:-1]  # “…，收入合计为6449万元”: a grand total closing the list, not a part
    parts = without_subparts(parts, total_fact)
    for part in parts:
        part.qualified = f"{total_fact.key()}/{part.name}"
    if not parts:
        return None
    completeness, evidence = how_complete(item, marker, total_fact, parts)
    ambiguous = ""
    if total_fact.sentence.paragraph != item.sentence.paragraph:
        ambiguous = TOTAL_PARAGRAPHS_AWAY
    elif not adds_up(total_fact, parts) and follows_change(doc, item, start, total_fact, parts):
        ambiguous = FOLLOWS_CHANGE
    elif not total_fact.number.is_money and completeness != "complete":
        ambiguous = OVERLAPPING_COUNTS
    elif any(EACH.search(p.label) for p in parts):
        ambiguous = EACH_PART
    elif item is doc.items[-1] and not SENTENCE_CLOSED.search(item.sentence.clean) and falls_short(total_fact, parts):
        ambiguous = CUT_OFF  # “…分别是A调入52210万元,…;B调入2790万元,调减12” and the page ends: more parts may follow
    if len(spans) > 1 and "," in "".join(item.sentence.clean[a:b] for a, b in spans[:-1]) and completeness != "complete":
        ambiguous = ambiguous or "嵌套列表的边界不清"
    shares = [share_after(doc.by_index[p.sentence.index], p) for p in parts]
    alternates = [f for f in item.values() if f.number.end <= start and f is not total_fact
                  and item.group_of(f.number.start) == item.group_of(start) and compatible(f.number, total_fact.number)]
    alternates = alternates[-MAX_ALTERNATES:]
    return Breakdown(total_fact, parts, completeness, evidence, ambiguous, shares, alternates)


def size(number: Number) -> float:
    """A figure's magnitude, money in 万元 and counts as counted."""
    return number.wan if number.is_money else number.value


def without_subparts(parts: list[Fact], total_fact: Fact) -> list[Fact]:
    """A part that is a standard part of an earlier part (“公务用车运行维护费” after “公务用车购置及运行
    维护费”, its nested list having ended at a “；”) belongs to that part, not to this list — unless it
    is a standard part of the list's own total too; a sibling of the total ends a nested list."""
    kept: list[Fact] = []
    for part in parts:
        if not standard_part_of(part.name, total_fact.name):
            if siblings(part.name, total_fact.name):
                break  # “公务用车…其中：购置…；运行维护…；公务接待费…”: the outer list goes on
            if any(standard_part_of(part.name, earlier.name) for earlier in kept):
                continue
        kept.append(part)
    return kept


def total_before(doc: ReadDocument, item: ReadSentence, position: int) -> Fact | None:
    """The figure a list breaks down: the last value (or change amount: “增加60000万元（其中：…）”)
    before its marker in the sentence and outside any bracket closed before it, or else (a marker
    that opens the sentence) the first value of the sentence before."""
    depth = depths(item.sentence.clean)
    before = [f for f in item.facts if f.number.end <= position and not f.number.is_percent and f.number.unit
              and (f.is_value or f.role == "change") and visible_from(depth, f.number.start, position)]
    if before and before[-1].role == "change" and not bracketed_after(item.sentence.clean, before[-1], position):
        before = [f for f in before if f.is_value]  # a change's own breakdown is bracketed right after it
    if before:
        candidate = before[-1]
        return candidate if position - candidate.number.end <= MAX_TOTAL_GAP else None
    opening = item.sentence.clean[:position].strip(" ,，:：")
    if opening and (len(opening) > 12 or re.search(r"\d", opening)):
        return None
    for previous in doc.earlier(item, limit=1):
        depth = depths(previous.sentence.clean)  # “…(含基本建设经费1000万元),占…。其中:” lists the figure before the bracket
        values = [f for f in previous.values() if not f.number.is_percent and f.number.unit
                  and visible_from(depth, f.number.start, len(depth))]
        if opening:  # “本年支出包括：” names the total stated in the sentence before
            values = [f for f in values if names_match(f.title, opening) or names_match(f.name, name_of(opening)[0])]
        own = [f for f in values if (f.measure or doc.default_measure) == doc.default_measure]
        if own or values:  # “预算为44.52万元，决算为22.62万元。其中…” lists the final figure
            return (own or values)[-1] if not opening else values[0]
    return None


def parts_in(item: ReadSentence, spans: list[tuple[int, int]], total_fact: Fact | None, default: str,
             marker_names_none: bool = False) -> list[Fact]:
    """The first value of each clause inside the list's spans (the one of the total's measure), at
    the list's own bracket depth, up to a clause that states a sum of its own (“合计为…”). A part
    names itself (“已支出388.16万元” speaks of the subject before it, not of a new part) unless the
    marker is one that lists bare figures (“分别为10万元、5万元”)."""
    parts: list[Fact] = []
    depth = depths(item.sentence.clean)
    level = depth[after_numbering(item.sentence.clean, spans[0][0])] if spans and spans[0][0] < len(depth) else 0
    waiting = False  # the item named before had only the other measure (“预算5万元，决算8万元”)
    for clause_index, clause in enumerate(item.clauses):
        if not any(a <= clause.start < b or clause.start <= a < clause.end for a, b in spans):
            continue
        inside = [f for f in item.values() if f.clause == clause_index and any(a <= f.number.start < b for a, b in spans)]
        like = total_fact or (parts[0] if parts else None)
        inside = [f for f in inside if depth[f.number.start] == level and not f.number.is_percent and f.number.unit]
        if not parts and inside and like is not None and not any(compatible(f.number, like.number) for f in inside):
            return []  # “编制14个，其中：局长1人…” lists something else (““优”的项目79个，财政资金3038.38万元” does not)
        inside = [f for f in inside if (like is None or compatible(f.number, like.number)) and not f.prior]
        measure = (total_fact.measure if total_fact else "") or default
        named = [f for f in inside if f.own_name or marker_names_none]
        chosen = [f for f in named if not f.measure or f.measure == measure][:1]
        if not chosen and measure in BUDGET_MEASURES:  # “年初预算数…其中：一般公共服务支出预算…”
            chosen = [f for f in named if f.measure in BUDGET_MEASURES][:1]
        if not chosen and waiting:
            chosen = [f for f in inside if f.measure == measure][:1]
        waiting = bool(named) and not chosen
        parts.extend(chosen)
    return parts


def parts_on_following_lines(doc: ReadDocument, item: ReadSentence, total_fact: Fact | None,
                              in_line: list[Fact] | None = None) -> list[Fact]:
    """“…其中：” at the end of a sentence: the parts open the paragraphs that follow (of the
    total's unit; of the first part's unit when the total is not known). After a part in the
    sentence itself, only lines numbered as that part is go on with the list (“具体为调减…15.56亿元。”
    then “(2)预留国企注资6亿元” is the next item of the level above)."""
    parts: list[Fact] = []
    seed = in_line[-1] if in_line else None
    paragraph = item.sentence.paragraph
    described = False
    for following in doc.following(item, MAX_FOLLOWING_PARTS):
        if following.sentence.paragraph == paragraph or following.sentence.scope != item.sentence.scope:
            if following.sentence.paragraph == paragraph:
                continue
            break
        if parts and following.sentence.paragraph == parts[-1].sentence.paragraph:
            continue
        if following.sentence.section != item.sentence.section:
            break
        if total_fact is not None and numbered(total_fact) and same_numbering(total_fact, following):
            break  # “1、人大事务支出…其中…” then “2、政府办公室…”: a sibling of the total, not a part
        like = total_fact or (parts[0] if parts else None)
        first = next((f for f in following.values() if like is None or compatible(f.number, like.number)), None)
        if first is None and parts and total_fact is not None and not described:
            described = True  # “主要包括：基本工资、津贴补贴…” describes the part before
            continue
        level = numbering_rank(doc, following.sentence)
        if parts and level > numbering_rank(doc, parts[0].sentence) >= 0:
            continue  # “1、财政拨款…其中：” then “(1)文化体育与传媒(类)…”: an item of a part's own list
        if total_fact is not None and 0 <= level < numbering_rank(doc, total_fact.sentence):
            break  # “(2)医疗卫生(类)…包括医疗保障(款)…” then “2、事业收入…”: the list of the level above goes on
        if first is None or (parts and numbered(first) != numbered(parts[0])):
            break
        if not parts and seed is not None and numbered(first) != (numbered(seed) or opens_numbered(seed)):
            break
        if described and not siblings(first.name, parts[0].name, total_fact.name):
            break  # after a description, only the total's next standard part goes on with the list
        described = False
        parts.append(first)
        if total_fact is not None:
            parts += more_standard_parts(following, first, total_fact)
    return parts


def opens_numbered(part: Fact) -> bool:
    """A part whose words open with list numbering after the marker (“其中:(一)均衡性转移支付13460万元”)."""
    marker = vocabulary().list_marker.search(part.label)
    return bool(LIST_NUMBERING.match(part.label[marker.end() if marker else 0 :].lstrip()))


def more_standard_parts(line: ReadSentence, first: Fact, total_fact: Fact) -> list[Fact]:
    """“公务接待费为111.43万元，…；公务用车购置及运行维护费为1,003.64万元，…”: one line after a “其中：”
    may hold further standard parts of the total, each opening its “；” group."""
    opening: dict[int, Fact] = {}
    for fact, group in line.grouped_values():
        opening.setdefault(group, fact)
    return [f for f in opening.values() if f.number.start > first.number.start and compatible(f.number, first.number)
            and standard_part_of(f.name, total_fact.name) and siblings(f.name, first.name)]


def falls_short(total_fact: Fact, parts: list[Fact]) -> bool:
    """Parts adding to less than their total: parts left out could explain it, an excess they could not."""
    return sum(size(p.number) for p in parts) < size(total_fact.number)


def follows_change(doc: ReadDocument, item: ReadSentence, marker: int, total_fact: Fact, parts: list[Fact]) -> bool:
    """“调整为60000万元，调增15000万元。分别是…”: a change stands between the total and its list, and the
    parts are small enough to make it up (parts far larger than every change between, “基本支出2476260.58元，
    比上年减少4966.66元，其中：工资福利支出2016908.34元…”, break down the total)."""
    home = doc.by_index[total_fact.sentence.index]
    stop = marker if home is item else len(home.sentence.clean)
    changes = [f for f in home.facts if f.role == "change" and total_fact.number.end <= f.number.start < stop]
    if any(CHANGE_WORDS.search(p.label) for p in parts):
        return bool(changes)  # “分别是：A项目10000万元、…，调减C项目3000万元”: the parts of a change
    listed = sum(p.number.wan for p in parts if p.number.is_money)
    return any(not c.number.is_money or not all(p.number.is_money for p in parts)
               or listed <= FAR_LARGER * (c.number.wan + c.number.half_unit * MONEY_SCALE[c.number.unit]) for c in changes)
