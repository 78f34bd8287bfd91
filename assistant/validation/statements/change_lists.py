"""A total's change and the changes of its parts listed after it:

    “…合计16.08万元增加15.15万元。其中：公务接待费减少0.26万元，公务用车运行维护费增加14.79万元。”
    “基本支出预算较上年增59.11万元。主要变动原因如下：1.工资福利支出较上年增94.22万元…”

Which parts the list should hold is read from the report's own figures: the breakdown it states of
the total (“三公”经费31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国(境)费0万元)
or else the total's standard breakdown (identities.yaml) with each part's figure found by name.
A list that names every part is complete: the total's change is the sum of the parts'. A part left
out whose figure this year is 0 can only have fallen (or stayed): the total's change can then be no
more than the sum of the listed ones. An optional standard part (资本性支出) neither listed nor
stated leaves doubt; a required part left out with a figure of its own leaves the list unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intervals import around
from assistant.intervals import total as interval_total
from assistant.validation.statements.binding import (
    compatible,
    function_class_of,
    identities,
    names_match,
    same_term,
    term_matches,
)
from assistant.validation.statements.changes import UNSTATED_BASE
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import Fact, name_of
from assistant.validation.statements.relations import Breakdown, Change, ChangeList
from assistant.validation.statements.vocabulary import vocabulary

MAX_LIST_PARAGRAPHS = 8  # paragraphs after “如下：” that may hold the parts' changes
MIN_LISTED = 2
OPTIONAL_DOUBT = "未列出{names}（若有，可解释差额）"


@dataclass
class Slot:
    """A part the list should name: its names and its figure this year, when the report states one."""

    names: list[str]
    fact: Fact | None
    optional: bool = False

    @property
    def zero(self) -> bool:
        return self.fact is not None and self.fact.number.value == 0


def read_change_lists(doc: ReadDocument, changes: list[Change], breakdowns: list[Breakdown]) -> list[ChangeList]:
    out = []
    for total in changes:
        if total.amount is None or total.amount.number.is_percent or not total.base or total.ambiguous \
                or total.anchor_sentence.index < 0:  # a table row's change heads no list in the prose
            continue
        window = list_window(doc, total)
        if not window:
            continue
        listed = [c for c in changes if c is not total and in_window(c, window) and c.base in (total.base, "")
                  and (c.amount is not None or c.direction == "flat")
                  and (c.amount is None or compatible(c.amount.number, total.amount.number))]
        for slots in slot_readings(doc, total, breakdowns):
            found = fill(slots, listed)
            if found is not None:
                parts, bound, doubt = found
                out.append(ChangeList(total, parts, bound, doubt))
                for part in parts:
                    take_total_base(doc, total, part)
                break
    return out


def take_total_base(doc: ReadDocument, total: Change, part: Change) -> None:
    """“比2022年减少0.41万元,下降3.34%。其中:…公务接待费支出决算减少0.46万元,下降5.44%”: a part of a
    complete list is compared with what its total is compared with, so its rate can be judged against
    its figure this year, when that figure is of the total's measure."""
    if part.base or part.ambiguous != UNSTATED_BASE or part.current is None or total.current is None:
        return
    if (part.current.measure or doc.default_measure) == (total.current.measure or doc.default_measure):
        part.base, part.ambiguous = total.base, ""


def list_window(doc: ReadDocument, total: Change) -> dict[int, int]:
    """Sentence index → where the list of parts starts in it: after a list marker following the
    total's change in its sentence, from a later sentence of its paragraph that opens with one, or
    through the paragraphs that follow a sentence ending “如下：” / “其中：”."""
    words = vocabulary()
    home = doc.by_index[total.anchor_sentence.index]
    text = home.sentence.clean
    marker = words.change_list_marker.search(text, total.amount.number.end)
    window: dict[int, int] = {}
    if marker:
        window[home.sentence.index] = marker.start()
        if text[marker.end():].strip(" ,，"):
            return window
    paragraph = home.sentence.paragraph
    later = doc.following(home, 60)
    same = [s for s in later if s.sentence.paragraph == paragraph]
    opener = next((s for s in same if words.list_marker.match(s.sentence.clean.strip())), None)
    if opener is not None:
        window.update({s.sentence.index: 0 for s in same if s.position >= opener.position})
        if not opener_ends_paragraph(same):
            return window
    elif not (window or ends_open(same[-1] if same else home)):
        following = [s for s in later if s.sentence.paragraph != paragraph]
        if not following or not words.list_marker.match(following[0].sentence.clean.strip()):
            return {}
        first = following[0].sentence.paragraph
        return {s.sentence.index: 0 for s in following if s.sentence.paragraph == first}
    paragraphs: list[int] = []
    for item in later:
        if item.sentence.paragraph == paragraph:
            continue
        if item.sentence.section != home.sentence.section or item.sentence.scope != home.sentence.scope:
            break
        if item.sentence.paragraph not in paragraphs:
            paragraphs.append(item.sentence.paragraph)
        if len(paragraphs) > MAX_LIST_PARAGRAPHS:
            break
        window[item.sentence.index] = 0
    return window


def ends_open(item: ReadSentence) -> bool:
    """A sentence that ends announcing a list: “…其中：”, “主要变动原因如下：”."""
    text = item.sentence.clean.rstrip(" 。")
    return text.endswith((":", "：")) or bool(vocabulary().list_marker.search(text[-6:]) and text.endswith(("其中", "如下")))


def opener_ends_paragraph(same: list[ReadSentence]) -> bool:
    return bool(same) and ends_open(same[-1])


def in_window(change: Change, window: dict[int, int]) -> bool:
    start = window.get(change.anchor_sentence.index)
    return start is not None and change.anchor_start >= start


def slot_readings(doc: ReadDocument, total: Change, breakdowns: list[Breakdown]) -> list[list[Slot]]:
    """The parts the list should hold: the stated breakdown of the total's figure, or each standard
    breakdown of its name."""
    readings = []
    stated = next((b for b in breakdowns if total.current is not None and b.total is total.current
                   and b.completeness == "complete"), None)
    if stated is None and total.current is None:
        stated = classes_before(total, breakdowns)
    if stated is not None:
        readings.append([Slot([p.name], p) for p in stated.parts])
    name = total.current.name if total.current is not None else total.subject or words_before(doc, total)
    for identity in identities():
        if name and term_matches(name, identity["total"]):
            readings.append([Slot(aliases, stated_as(doc, total, aliases)) for aliases in identity["parts"]]
                            + [Slot(aliases, stated_as(doc, total, aliases), True) for aliases in identity.get("optional", [])])
    return readings


def classes_before(total: Change, breakdowns: list[Breakdown]) -> Breakdown | None:
    """“2026年年初预算数582.44万元,其中:文化旅游体育与传媒支出预算462.99万元,…。支出预算比2025年增加140.86万元,
    主要是文化旅游体育与传媒支出增加135.66万元、…”: a list of distinct 支出功能分类 类 adding up to its total,
    earlier in the change's paragraph, is the whole its change breaks down."""
    anchor = total.anchor_sentence
    for b in reversed(breakdowns):
        if b.total is None or len(b.parts) < MIN_LISTED or b.total.sentence.paragraph != anchor.paragraph \
                or b.total.sentence.index > anchor.index:
            continue
        classes = [function_class_of(p.name) for p in b.parts]
        units = {p.number.unit for p in b.parts} | {b.total.number.unit}
        if None in classes or len(set(classes)) < len(classes) or len(units) > 1:
            return None
        parts = interval_total([around(p.number.value, p.number.decimals) for p in b.parts])
        return b if parts.overlaps(around(b.total.number.value, b.total.number.decimals)) else None
    return None


CLAUSE_START = re.compile(r"[,，;；:：。)）]")
PARAGRAPH_TITLE = re.compile(r"^\s*[(（][一二三四五六七八九十]{1,2}[)）]\s*([\u4e00-\u9fff]{2,8})\s*(?:[:：]|(?=\d))")


def words_before(doc: ReadDocument, total: Change) -> str:
    """The words a comparison opens with when they name no figure of their own (“支出预算较2025减少
    18.23万元”: a bare 支出预算 is the budget's whole spending); a bare “支出” in a paragraph titled
    “(二)支出预算:” is that paragraph's."""
    text = total.anchor_sentence.clean[: total.anchor_start]
    starts = [m.end() for m in CLAUSE_START.finditer(text)]
    words = text[starts[-1] if starts else 0 :].strip()
    if words not in vocabulary().generic_names:
        return words
    opening = doc.opening(total.anchor_sentence).sentence.clean
    title = PARAGRAPH_TITLE.match(opening)
    return title.group(1) if title and title.group(1).startswith(words) else words


def stated_as(doc: ReadDocument, total: Change, aliases: list[str]) -> Fact | None:
    """This year's figure of a standard part, stated once (or always alike) in the total's report."""
    home = doc.by_index[total.anchor_sentence.index]
    measure = (total.current.measure or doc.default_measure) if total.current is not None else ""
    found = [f for item in doc.in_scope(home) for f in item.values() if not f.prior and term_matches(f.name, aliases)
             and (not measure or (f.measure or doc.default_measure) == measure)]
    values = {round(f.number.wan, 6) for f in found if f.number.is_money}
    return found[0] if len(values) == 1 else None


def fill(slots: list[Slot], listed: list[Change]) -> tuple[list[Change], bool, str] | None:
    """Each part's change in its slot (by its figure, then its name; one leftover change takes the
    one leftover part with a figure); the list, or None when it cannot say what the total did."""
    filled: dict[int, Change] = {}
    leftover = []
    for change in listed:
        index = next((i for i, s in enumerate(slots) if i not in filled and matches(s, change)), None)
        if index is None:
            leftover.append(change)
        else:
            filled[index] = change
    empty = [i for i in range(len(slots)) if i not in filled]
    nonzero = [i for i in empty if not slots[i].zero and not slots[i].optional]
    if len(nonzero) == 1 and len(leftover) == 1 and slots[nonzero[0]].fact is not None:
        filled[nonzero[0]] = leftover.pop()
        empty.remove(nonzero[0])
    if len(filled) < MIN_LISTED or any(c.amount is not None and c.amount.number.value for c in leftover):
        return None  # a change in the list that fits no part: the parts may have been matched wrongly
    missing = [slots[i] for i in empty]
    if any(not s.zero and not (s.optional and s.fact is None) for s in missing):
        return None
    doubt = [s.names[0] for s in missing if s.optional and s.fact is None]
    bound = any(s.zero for s in missing)
    parts = [filled[i] for i in sorted(filled)]
    return parts, bound, OPTIONAL_DOUBT.format(names="、".join(doubt)) if doubt else ""


def matches(slot: Slot, change: Change) -> bool:
    if slot.fact is not None and change.current is slot.fact:
        return True
    name = change.subject or (change.current.name if change.current is not None else "")
    if not name and change.amount is not None:  # “…,项目支出预算减少73.09万元”: the words before the amount
        name = vocabulary().direction.sub("", name_of(change.amount.label)[0]).strip(" ,，、")
    return bool(name) and any(same_term(name, n) or names_match(name, n) for n in slot.names)
