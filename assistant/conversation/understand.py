"""Figures in a staff message: each number placed on a field of the figures by the words right
before it in its clause (fields.yaml cues, nearest first), or read as an output (a count or a rate
with a name), an item of a breakdown (收入 by source, 政府采购 by kind, 预算构成), last year's value
or a target. A number that fits nowhere is returned as unplaced, never dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.conversation.phrasings import count_units, first_word, phrasings, words
from assistant.fields import FieldSpec, fields
from assistant.numbers import Number, parse_numbers

CLAUSE_BREAKS = re.compile(r"[，;；。！!？?\n]|,(?!\d{3}(?!\d))")  # not inside “85,000”
PERCENT_MAX = 100
NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}$")  # “开展3场培训”: what was counted, after the count


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
    """The clause's figures; a bare count followed by a unit jixiao knows takes that unit."""
    found = []
    for number in parse_numbers(clause):
        if not number.unit:
            unit = next((u for u in count_units() if clause.startswith(u, number.end)), "")
            if unit:
                number = Number(number.value, number.decimals, unit, number.start, number.end + len(unit),
                                number.text + unit, number.bound, number.approx)
        found.append(number)
    return found


def kind_of(number: Number) -> str:
    if number.is_money:
        return "money"
    if number.is_percent:
        return "percent"
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
        if kind != "bare" and spec.kind != kind or kind == "bare" and spec.kind not in ("money", "percent"):
            continue
        if spec.units and unit and unit not in spec.units:
            continue
        position = cue_position(label, spec.cues)
        if position:
            out.append((position, spec))
    return sorted(out, key=lambda c: c[0], reverse=True)


def item_candidate(label: str, report_type: str) -> tuple[tuple[int, int], str, str] | None:
    """(position, list path, canonical item name) of a breakdown line named in the label."""
    best = None
    for rule in phrasings()["items"]:
        if report_type not in rule["types"]:
            continue
        if "names" in rule:
            position = cue_position(label, rule["names"])
            if position:
                said = label[position[0] - position[1] : position[0]]
                name = rule.get("canonical", {}).get(said, said)
                if best is None or position > best[0]:
                    best = (position, rule["path"], name)
        else:
            name = output_name(label)
            ending = next((e for e in rule["names_ending"] if name.endswith(e) and len(name) > len(e)), None)
            position = (label.rfind(name) + len(name), len(name))
            if ending and (best is None or position > best[0]):
                best = (position, rule["path"], name)
    return best


def output_name(label: str) -> str:
    """“全年完成抽检” → “抽检”: the label without verbs, time, prior and target words."""
    rules = phrasings()["outputs"]
    name = label.strip(" ：:的")
    for key in ("prior_words", "target_words"):
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


def is_prior(label: str, context: Context) -> bool:
    if first_word(label, "prior_words"):
        return True
    years = [int(y) for y in re.findall(r"(20\d\d)年", label)]
    return bool(years and context.year and max(years) < context.year)


def stated_rate(label: str) -> dict | None:
    best = None
    for rule in phrasings()["stated_rates"]:
        position = cue_position(label, rule["words"])
        if position and (best is None or position > best[0]):
            best = (position, rule)
    return best[1] if best else None


def place_numbers(text: str, context: Context) -> Placed:
    """Every figure of the (normalised) message, placed or named as unplaced."""
    placed = Placed()
    previous: Mention | None = None
    carried_label = ""
    for start, end in clauses(text):
        clause = text[start:end]
        numbers = numbers_in(clause)
        if not numbers:
            carried_label = clause  # “刚才预算说错了，应该是125万”: the cue sits in the clause before
            continue
        cursor = 0
        for number in numbers:
            label = clause[cursor : number.start]
            cursor = number.end
            after = NOUN_AFTER.match(clause, number.end)
            mention = place(number, label, carried_label, previous, context, after[0] if after else "")
            if mention is None:
                placed.unplaced.append(clause.strip())
                continue
            mention.said = clause.strip()
            placed.mentions.append(mention)
            placed.spans.append((start, end))
            previous = mention
            if mention.path == "outputs" and not mention.prior and not mention.target:
                context.last_output, context.last_output_unit = mention.name, mention.unit
        carried_label = ""
    placed.unplaced = list(dict.fromkeys(placed.unplaced))
    return placed


def place(number: Number, label: str, carried: str, previous: Mention | None, context: Context,
          after: str = "") -> Mention | None:
    kind = kind_of(number)
    prior, target = is_prior(label, context), bool(first_word(label, "target_words"))
    if kind == "percent" or kind == "bare":
        rate = stated_rate(label)
        if rate and (kind == "percent" or number.value <= PERCENT_MAX):
            return Mention(rate["id"], number.value, "", "%", rate["label"])
    change, label = change_of(label, number)
    if change and previous is not None and number.unit == "百分点" and previous.unit == "%":
        return Mention(previous.path, number.value, "", "%", previous.name, prior=True, change=change)
    if change:
        prior, kind = True, "count" if kind == "percent" else kind
    mention = (on_field(number, label, kind, prior, target, context)
               or on_item(number, label, kind, context)
               or on_output(number, label, kind, prior, target, context, after)
               or carried_over(number, carried or "", kind, prior, previous, context)
               or answer_to_pending(number, kind, context))
    if mention is not None:
        mention.change = change
    return mention


def change_of(label: str, number: Number) -> tuple[str, str]:
    """(“up”/“down”, the label without the change words) when the figure is a change against
    last year (“比去年多了300人次”); ("", label) otherwise."""
    rules = phrasings()["change_words"]
    against = next((w for w in sorted(rules["against"], key=len, reverse=True) if w in label), None)
    if against is None or number.is_percent:
        return "", label
    for direction in ("up", "down"):
        word = first_word(label, f"change_words.{direction}")
        if word and label.rfind(word) > label.find(against):
            return direction, label[: label.find(against)] + label[label.rfind(word) + len(word):]
    return "", label


def on_field(number: Number, label: str, kind: str, prior: bool, target: bool, context: Context) -> Mention | None:
    candidates = field_candidates(label, kind, number.unit, context.report_type)
    item = item_candidate(label, context.report_type) if kind in ("money", "bare") else None
    if not candidates or item and item[0] > candidates[0][0]:
        return None
    spec = candidates[0][1]
    return as_field(spec, number, kind, prior, target)


def as_field(spec: FieldSpec, number: Number, kind: str, prior: bool, target: bool) -> Mention | None:
    value = number.wan if number.is_money else number.value
    assumed = kind == "bare"
    if assumed and spec.kind == "percent" and value > PERCENT_MAX:
        return None
    if target and spec.id == "survey.rate":
        return Mention("survey.target", value, "", "%", target=True, bound=number.bound or ">=")
    if prior:
        if not spec.prior:
            return None
        spec = fields()[spec.prior]
    return Mention(spec.path, value, "", spec.unit or number.unit, prior=prior, assumed_unit=assumed)


def on_item(number: Number, label: str, kind: str, context: Context) -> Mention | None:
    if kind not in ("money", "bare"):
        return None
    item = item_candidate(label, context.report_type)
    if item is None or item[2] == "":
        return None
    return Mention(item[1], number.wan if number.is_money else number.value, "", "万元", item[2], assumed_unit=kind == "bare")


def on_output(number: Number, label: str, kind: str, prior: bool, target: bool, context: Context,
              after: str = "") -> Mention | None:
    if kind not in ("count", "percent") or any(w in label + after for w in phrasings()["outputs"]["not_outputs"]):
        return None
    name = output_name(label) or after
    if not name and (prior or target) and context.last_output and number.unit == context.last_output_unit:
        name = context.last_output
    if not name:
        return None
    return Mention("outputs", number.value, "", number.unit, name, prior=prior, target=target, bound=number.bound)


def carried_over(number: Number, carried: str, kind: str, prior: bool, previous: Mention | None,
                 context: Context) -> Mention | None:
    """A figure with no name of its own takes the subject of the clause before: a numberless clause
    that names a field, or the figure just placed (“三公经费8.5万元，去年是10.2万元”)."""
    if carried:
        candidates = field_candidates(carried, kind, number.unit, context.report_type)
        if candidates:
            return as_field(candidates[0][1], number, kind, prior or is_prior(carried, context), False)
    if previous is None or not prior or previous.prior:
        return None
    spec = next((f for f in fields().values() if f.path == previous.path), None)
    if spec is not None and spec.prior and (number.is_money == (spec.kind == "money")):
        return as_field(spec, number, kind, True, False)
    return None


def answer_to_pending(number: Number, kind: str, context: Context) -> Mention | None:
    """A bare figure right after a question answers it (“抽检的年度目标是多少？” — “2000批次”)."""
    if context.pending.startswith("output_target:") and kind == "count":
        return Mention("outputs", number.value, "", number.unit, context.pending.split(":", 1)[1], target=True,
                       bound=number.bound)
    spec = next((f for f in fields().values() if f.path == context.pending), None)
    if spec is None or spec.kind not in ("money", "percent", "count"):
        return None
    if kind == spec.kind or kind == "bare" and spec.kind in ("money", "percent"):
        return as_field(spec, number, kind, False, False)
    return None
