"""Where a sentence's lists are: each list marker's region, from the marker to the sentence's end, a
reason clause or the “；” group where a sibling list begins, less the lists nested in its parts; and
the lists bracketed right after a figure."""

from __future__ import annotations

import re

from assistant.validation.statements.brackets import BRACKET_LIST, bracketed_lists, closing_bracket, depths
from assistant.validation.statements.completeness import siblings
from assistant.validation.statements.document import ReadSentence
from assistant.validation.statements.vocabulary import vocabulary

MAX_MARKERS = 40  # real sentences open a handful of lists; more is not prose, and work stays bounded


def list_regions(item: ReadSentence) -> list[tuple[int, int, list[tuple[int, int]], str]]:
    """(marker start, marker end, the spans holding its parts, marker word) of every list.

    A list runs from its marker to the sentence's end, a reason clause, or the “；” group where a
    sibling list begins (“…收入总计A，其中…；支出总计B，其中…”), less the lists nested in it (a part's
    own list may open with “主要是”).
    """
    text = item.sentence.clean
    words = vocabulary()
    markers = [m for m in words.list_marker.finditer(text) if m.end() > m.start()][:MAX_MARKERS]
    reasons = [m.start() for m in words.pattern("reason_words").finditer(text)]
    part_lists = list(words.change_list_marker.finditer(text))  # “其中:本年收入A,主要是…B,…C”: B, C are A's
    stops = reasons + [c.start for c in item.clauses if words.pattern("list_stops", prefix="^").match(text[c.start : c.end])]
    regions = []
    for i, match in enumerate(markers):
        end = min([s for s in stops if s > match.end()] + [len(text)])
        for later in markers[i + 1 :]:
            if later.start() < end and opens_sibling(item, match, later):
                end = group_start(item, later.start())
                break
        end = min(end, description_end(text, match.end()), bracket_end(text, match.start()))
        spans, position = [], match.end()
        for later in sorted(markers[i + 1 :] + [m for m in part_lists if m.start() > match.end()], key=lambda m: m.start()):
            if later.start() >= end:
                break
            spans.append((position, later.start()))
            position = max(position, nested_end(text, later.end(), markers, stops))
        spans.append((position, end))
        while end in reasons and (resumed := resumed_after_reason(item, match.end(), end, stops)):
            spans.append(resumed)
            end = resumed[1]
        regions.append((match.start(), match.end(), [(a, b) for a, b in spans if b > a], match.group().strip(":： ")))
    for opening, closing in bracketed_lists(text, item.facts):
        regions.append((opening, opening + 1, [(opening + 1, closing)], BRACKET_LIST))
    return regions


def bracket_end(text: str, marker: int) -> int:
    """Where the bracket around a marker closes (“收入510.2亿元(包含A76.9亿元,B19.1亿元),完成预算(686.1亿元)…”:
    the list ends with its bracket); the text's end for a marker outside brackets."""
    if not depths(text)[marker]:
        return len(text)
    opening = max(text.rfind("(", 0, marker), text.rfind("（", 0, marker))
    closing = closing_bracket(text, opening)
    return closing if closing >= 0 else len(text)


def resumed_after_reason(item: ReadSentence, start: int, reason: int, stops: list[int]) -> tuple[int, int] | None:
    """“其中基本支出预算249.78万元,…,主要原因是增加公务员绩效,…;项目支出预算1,529.96万元,…”: after the
    reason's “；” group, a group opening with a standard sibling of the list's first part takes the
    list up again; the span it adds, or None."""
    group = item.group_of(reason)
    after = next((c for c in item.clauses if c.group > group), None)
    values = item.values()
    first = next((f for f in values if f.number.start >= start), None)
    opening = next((f for f in values if after is not None and f.number.start >= after.start), None)
    if first is None or opening is None or first.number.start >= reason or item.group_of(opening.number.start) != after.group \
            or not siblings(first.name, opening.name):
        return None
    return after.start, min([s for s in stops if s > after.start] + [len(item.sentence.clean)])


def opens_sibling(item: ReadSentence, outer, later) -> bool:
    """A later list of figures whose total opens its own “；” group is a sibling, not a list nested
    in a part (“主要包括：办公费、印刷费…” lists no figures and stays inside the part); a list in
    brackets (“…维护费2066万元（其中：…）”) is always nested."""
    depth = depths(item.sentence.clean)
    if depth[later.start()] > depth[outer.start()] or parts_alike(item, outer.end(), later.start()):
        return False
    group = sibling_group(item, later.start(), later.end())
    return group is not None and group != item.group_of(outer.start())


def parts_alike(item: ReadSentence, start: int, later: int) -> bool:
    """“分项情况是：因公出国（境）经费…；公务用车购置及运行费1618万元，其中：…”: the later list's total
    is a standard sibling of the outer list's first part, so it is a part with its own list."""
    inside = [f for f in item.values() if start <= f.number.start < later]
    return len(inside) >= 2 and siblings(inside[0].name, inside[-1].name)


def sibling_group(item: ReadSentence, start: int, end: int) -> int | None:
    """The “；” group a list at start..end opens when its total is the first figure of that group."""
    key = ("sibling", start)
    if key not in item.cache:
        grouped = item.grouped_values()
        values = [(f, g) for f, g in grouped if f.number.end <= start]
        group_after = item.group_of(end)
        found = None
        if values and any(g == group_after for f, g in grouped if f.number.start >= end):
            total_fact, group = values[-1]
            found = group if next(f for f, g in grouped if g == group) is total_fact else None
        item.cache[key] = found
    return item.cache[key]


def group_start(item: ReadSentence, position: int) -> int:
    group = item.group_of(position)
    return next(c.start for c in item.clauses if c.group == group)


def description_end(text: str, start: int) -> int:
    """A list whose first item names no figure (“使用范围包括老年公寓、…、殡仪事业等；用于社区公益类
    1.26亿元”) lists things, not figures: it ends with that item's clause."""
    clause_end = min([i for i in (text.find(c, start) for c in "，,；;。") if i >= 0] + [len(text)])
    head = text[start:clause_end]
    return clause_end if head.strip(" :：") and not re.search(r"\d", head) else len(text)


def nested_end(text: str, start: int, markers, stops: list[int]) -> int:
    """Where a list nested in a part ends: its “；” group, the next marker or reason; a description
    (“主要用于三峡后续项目建设，…”) whose first clause names no figure ends with that clause."""
    clause_end = min([i for i in (text.find(c, start) for c in "，,；;。") if i >= 0] + [len(text)])
    if not re.search(r"\d", text[start:clause_end]):
        return clause_end
    ends = [i for i in (text.find("；", start), text.find(";", start)) if i >= 0]
    ends += [m.start() for m in markers if m.start() >= start] + [s for s in stops if s > start]
    return min(ends) if ends else len(text)
