"""Figures in a staff message: each number placed on a field of the figures by the words right
before it in its clause (fields.yaml cues, nearest first), or read as an output (a count or a rate
with a name), an item of a breakdown (收入 by source, 政府采购 by kind, 预算构成), last year's value
or a target. A number that fits nowhere is returned as unplaced, never dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.conversation.phrasings import count_units, first_word, phrasings, words
from assistant.fields import FieldSpec, fields
from assistant.numbers import Number, parse_numbers

CLAUSE_BREAKS = re.compile(r"[，;；。！!？?\n]|,(?!\d{3}(?!\d))")  # not inside “85,000”
PERCENT_MAX = 100
NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,12}")  # “开展3场培训”: what was counted, after the count
WAN = 10000
BREAKDOWN_WORD = "其中"
TRAILING_FILLER = re.compile(r"^[\s为是共计有了约:：]*$")
WEAK_CUE_PREFIX = 2
NAME_AFTER_CUE = 4  # Han characters after a cue (“预算共安排”) before they name something else
FILLER_AFTER_CUE = "为|是|共|计|合计|一共|总共|有|了|约|达到|达|都|也|全部|实际|累计"
FUNDING_NAMES = ("资金", "经费", "项目", "专项")  # “中央水利发展资金下达2263万元”: a fund's name, then its measure  # Han characters a generic cue may follow (“全年支出”) before it names something else
BREAKDOWN_OF = {"budget.full_year": "budget.items", "budget.spent": "budget.items"}


@dataclass
class Mention:
    path: str  # a figures path, "outputs", an item list's path, or a stated rate's id (stated.*)
    value: float
    said: str  # the clause as staff wrote it
    unit: str = ""
    name: str = ""  # outputs and items
    prior: bool = False
    target: bool = False
    bound: str = ""  # a target's ≥ / ≤
    assumed_unit: bool = False  # a bare figure read in the field's unit
    change: str = ""  # up | down: the figure is a change against last year, not last year's value


@dataclass
class Context:
    """What earlier turns established: the report type, its year and the last output named."""

    report_type: str = "project"
    year: int | None = None
    last_output: str = ""
    last_output_unit: str = ""
    pending: str = ""  # the question just asked: a field path, or “output_target:<name>”
    message: str = ""  # the whole message, for phrasings that depend on it (政府采购 items)
    breakdown: str = ""  # after “其中” under a budget figure: the list its unnamed parts belong to
    clause: str = ""  # the clause being read, and the clause of the last figure placed
    placed_clause: str = ""
    has_budget: bool = False  # the project's budget is known (from earlier turns or this message)
    in_sentence: bool = False  # the figure before was placed in the same sentence


@dataclass
class Placed:
    mentions: list[Mention] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def clauses(text: str) -> list[tuple[int, int]]:
    cuts = [m.start() for m in CLAUSE_BREAKS.finditer(text)]
    out, start = [], 0
    for cut in cuts + [len(text)]:
        if cut > start:
            out.append((start, cut))
        start = cut + 1
    return out


def numbers_in(clause: str) -> list[Number]:
    """The clause's figures; a bare count followed by a unit jixiao knows takes that unit (“1.8万亩”
    is 18000 亩); “一份”, “两个” are words."""
    found = [Number(float(m[1]), len(m[1].split(".")[1]) if "." in m[1] else 0, "万" + m[2], m.start(), m.end(), m[0])
             for m in wan_counts().finditer(clause)]  # “1.8万亩”: counted in 万 of a unit, kept as said
    taken = [(n.start, n.end) for n in found]
    for number in parse_numbers(clause):
        if any(s <= number.start < e for s, e in taken):
            continue
        if number.text[:1] in "一两" and len(number.text) <= 2:
            continue
        longer = next((u for u in count_units() if number.unit and len(u) > len(number.unit)
                       and clause.startswith(u, number.end - len(number.unit))), "")
        if longer:  # “116559册次”: the chat knows 册次, the number reader stops at 册
            end = number.end - len(number.unit) + len(longer)
            number = Number(number.value, number.decimals, longer, number.start, end, clause[number.start:end],
                            number.bound, number.approx)
        if not number.unit:
            wan = clause.startswith("万", number.end)
            after = number.end + wan
            unit = next((u for u in count_units() if clause.startswith(u, after)), "")
            if unit:
                number = Number(number.value * (WAN if wan else 1), number.decimals, unit, number.start, after + len(unit),
                                clause[number.start : after + len(unit)], number.bound, number.approx)
        found.append(number)
    return found


@lru_cache(maxsize=1)
def wan_counts() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in count_units())
    return re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)万({units})")


def kind_of(number: Number) -> str:
    if number.is_money:
        return "money"
    if number.is_percent:
        return "percent"
    if number.unit == "分":
        return "score"
    return "count" if number.unit else "bare"


def cue_position(label: str, cues) -> tuple[int, int] | None:
    """(end, length) of the cue nearest the figure, for ranking candidates."""
    best = None
    for cue in cues:
        at = label.rfind(cue)
        if at >= 0 and (best is None or (at + len(cue), len(cue)) > best):
            best = (at + len(cue), len(cue))
    return best


def field_candidates(label: str, kind: str, unit: str, report_type: str) -> list[tuple[tuple[int, int], FieldSpec]]:
    out = []
    for spec in fields().values():
        if not spec.cues or not spec.fits(report_type):
            continue
        cues = [c.split("@")[0] for c in spec.cues if "@" not in c or c.split("@")[1] == report_type]
        weak = {c.split("@")[0] for c in spec.weak}
        bare_fits = spec.kind in ("money", "percent") or spec.kind == "count" and bool(spec.units)
        if kind != "bare" and spec.kind != kind or kind == "bare" and not bare_fits:
            continue
        if spec.units and unit and unit not in spec.units:
            continue
        usable = [c for c in cues if c in label and not weak_after_name(label, c, weak) and not followed_by_name(label, c)]
        position = cue_position(label, usable)
        if position:
            cue = label[position[0] - position[1] : position[0]]
            out.append(((cue not in weak, *position), spec))
    return sorted(out, key=lambda c: c[0], reverse=True)


def followed_by_name(label: str, cue: str) -> bool:
    """“一般公共预算财政拨款支出”: a cue followed by a name of its own is part of that name."""
    rest = re.sub(r"[^\u4e00-\u9fff]", "", label[label.rfind(cue) + len(cue):])
    rest = re.sub(FILLER_AFTER_CUE, "", rest)
    return len(rest) > NAME_AFTER_CUE


def weak_after_name(label: str, cue: str, weak: set[str]) -> bool:
    """“一般公共服务支出”: a generic cue closing a longer name of its own is not that field."""
    at = label.rfind(cue)
    name = output_name(label[:at])
    return cue in weak and len(name) > WEAK_CUE_PREFIX and not name.endswith(FUNDING_NAMES)


def item_candidate(label: str, report_type: str, message: str = "") -> tuple[tuple[int, int], str, str] | None:
    """(position, list path, canonical item name) of a breakdown line named in the label."""
    best = None
    for rule in phrasings()["items"]:
        if report_type not in rule["types"] or rule.get("needs", "") not in message:
            continue
        if "names" in rule:
            position = cue_position(label, rule["names"])
            if position and not TRAILING_FILLER.match(label[position[0]:]):
                position = None  # “一般公共预算财政拨款支出”: 财政拨款 is part of another name here
            if position:
                said = label[position[0] - position[1] : position[0]]
                name = rule.get("canonical", {}).get(said, said)
                if best is None or position > best[0]:
                    best = (position, rule["path"], name)
        else:
            name = output_name(after_heading(label))
            ending = next((e for e in rule["names_ending"] if name.endswith(e) and len(name) > len(e)), None)
            position = (label.rfind(name) + len(name), len(name))
            if ending and (best is None or position > best[0]):
                best = (position, rule["path"], name)
    return best


def after_heading(label: str) -> str:
    """“审核经费：第三方审核服务费” → “第三方审核服务费”: a budget line's name follows its heading."""
    return re.split(r"[:：]", label.strip(" ：:"))[-1]


def output_name(label: str) -> str:
    """“全年完成抽检” → “抽检”: the label without verbs, time, prior and target words."""
    rules = phrasings()["outputs"]
    name = label.strip(" ：:的")
    for key in ("prior_words", "target_words", "intents.correct"):
        for word in words(key):
            name = name.replace(word, "")
    name = re.sub(r"20\d\d年度?", "", name)
    changed = True
    while changed and name:
        changed = False
        for word in sorted(rules["strip_leading"], key=len, reverse=True):
            if name.startswith(word):
                name, changed = name[len(word):], True
        for word in sorted(rules["strip_trailing"], key=len, reverse=True):
            if name.endswith(word):
                name, changed = name[: -len(word)], True
    return name.strip(" ：:的,，")


def is_target(label: str) -> bool:
    """“目标是2000批次”, not “目标实现率100%” (a rate named with 目标)."""
    word = first_word(label, "target_words")
    return word is not None and "率" not in label[label.rfind(word):]


def is_prior(label: str, context: Context) -> bool:
    if first_word(label, "prior_words"):
        return True
    years = [int(y) for y in re.findall(r"(20\d\d)年", label)]
    return bool(years and context.year and max(years) < context.year)
