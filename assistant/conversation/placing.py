"""Placing each figure of a message: on a field by its cue, as a rate or score staff quoted, a
change against last year, an item of a breakdown, an output, the subject of the clause before, or
the answer to the question just asked. What fits nowhere is returned unplaced."""

from __future__ import annotations

import re

from assistant.conversation.phrasings import count_units, first_word, phrasings
from assistant.conversation.understand import (
    BREAKDOWN_OF,
    BREAKDOWN_WORD,
    NOUN_AFTER,
    PERCENT_MAX,
    Context,
    Mention,
    Placed,
    after_heading,
    clauses,
    field_candidates,
    is_prior,
    is_target,
    item_candidate,
    kind_of,
    numbers_in,
    output_name,
)
from assistant.fields import FieldSpec, fields
from assistant.numbers import Number

ITEM_LISTS = ("budget.items", "accounts.income", "accounts.procurement", "accounts.functions")  # a change of an item is not the item
SHORT_NAME = 6
ITEM_NAME_MAX = 12  # a budget line's name; longer words before an amount are a sentence, not a name
PER_UNIT_CHARS = 6
APPROXIMATE = ("约", "大约", "近", "将近")
RANGE_WORDS = ("到", "至", "~", "-", "—", "－")  # the second figure of “50到90人”
PER_UNIT = re.compile(r"每[\u4e00-\u9fff]{1,2}$")  # “按每亩100元补”
TARGET_AFTER = ("的目标", "目标")  # “没达到100%的目标”
FUNDING_ENDINGS = ("资金",)  # “下达衔接资金280万元”: the first one named is the budget  # Han characters of a funding source named right after its budget (“中央”, “省级配套”)


def place_numbers(text: str, context: Context) -> Placed:
    """Every figure of the (normalised) message, placed or named as unplaced."""
    placed = Placed()
    context.message = text
    previous: Mention | None = None
    waiting: list[Mention] = []  # targets named before their output (“任务12500名，实际培训12166名”)
    carried_label = ""
    for start, end in clauses(text):
        clause = text[start:end]
        numbers = numbers_in(clause)
        opens_breakdown(clause, previous, context)
        if not numbers:
            carried_label = clause  # “刚才预算说错了，应该是125万”: the cue sits in the clause before
            continue
        cursor, named = 0, ""
        subjects = paired_subjects(clause, numbers)
        for index, number in enumerate(numbers):
            label = clause[cursor : number.start]
            cursor = number.end
            if subjects:
                label = subjects[index]
            if label.strip():
                named = label
            elif named and kind_of(number) != "money":
                label = named  # “接待520批次4200人次”: a second count of what was just named
            if first_word(label.rstrip()[-4:], "rejected_words") or first_word(clause[number.end:][:4], "rejected_after"):
                continue  # “是88.32%，不是83.32%”, “那个4不要了”: a figure named to be discarded
            context.clause = clause
            shared = shared_names(label)
            for name in shared[:-1]:  # “完工率、验收合格率都是100%”: the same figure for each name
                twin = place(number, name, "", previous, context, clause[number.end:])
                if twin is not None:
                    twin.said = clause.strip()
                    placed.mentions.append(twin)
            if shared:
                label = shared[-1]
            mention = place(number, label, carried_label, previous, context, clause[number.end:])
            if mention is not None and already_given(mention, placed.mentions):
                mention = None  # “编制63人，其中行政编制27”: a second value of one figure is a part, not it
            if mention is None:
                placed.unplaced.append(clause.strip())
                continue
            mention.said = clause.strip()
            if mention.path == "outputs" and mention.target and not mention.name:
                waiting.append(mention)
                continue
            placed.mentions.append(mention)
            placed.spans.append((start, end))
            previous, context.placed_clause = mention, clause
            context.has_budget = context.has_budget or mention.path == "budget.full_year"
            if mention.path == "outputs" and not mention.prior:
                context.last_output, context.last_output_unit = mention.name, mention.unit
                for target in [w for w in waiting if w.unit == mention.unit]:
                    target.name = mention.name
                    placed.mentions.append(target)
                    waiting.remove(target)
        carried_label = ""
        context.in_sentence = text[end : end + 1] not in SENTENCE_ENDS
        if not context.in_sentence:
            context.breakdown = ""  # a breakdown ends with its sentence
    placed.unplaced = list(dict.fromkeys(placed.unplaced + [w.said for w in waiting]))
    return placed


SENTENCE_ENDS = set("。；;！!？?\n")


def shared_names(label: str) -> list[str]:
    """The names one figure is said of at once (“发放率、到位率都是” → [发放率, 到位率]); [] otherwise."""
    word = next((w for w in phrasings()["shared_value_words"]["words"] if label.rstrip().endswith(w)), None)
    if word is None or "、" not in label:
        return []
    names = [n.strip() for n in label.rstrip()[: -len(word)].split("、")]
    return [n for n in names if n] if all(names) else []


def paired_subjects(clause: str, numbers: list[Number]) -> list[str] | None:
    """“收支总计比2021年分别减少A和B”: the label each figure is read with (“本年收入合计比2021年减少”,
    “本年支出合计比2021年减少”); None when the clause names no pair with “分别/各” before two figures."""
    rules = phrasings()["paired_subjects"]
    head = clause[: numbers[0].start] if len(numbers) == 2 else ""
    marker = next((m for m in rules["markers"] if m in head), None)
    for pair in rules["pairs"] if marker else ():
        word = next((w for w in pair["words"] if head.startswith(w)), None)
        if word:
            rest = head[len(word):].replace(marker, "", 1)
            return [subject + rest for subject in pair["as"]]
    return None


def opens_breakdown(clause: str, previous: Mention | None, context: Context) -> None:
    """“其中…” under a budget figure, or “钱主要花在：…”: the unnamed amounts that follow are its parts."""
    word = first_word(clause, "breakdown_words")
    if word is None:
        return
    if previous is not None and previous.path in BREAKDOWN_OF:
        context.breakdown = BREAKDOWN_OF[previous.path]
    elif word != BREAKDOWN_WORD and context.report_type == "project":
        context.breakdown = "budget.items"


def place(number: Number, label: str, carried: str, previous: Mention | None, context: Context,
          rest: str = "") -> Mention | None:
    """The figure's place, read from the words before it (`label`) and after it in its clause (`rest`)."""
    if number.approx or label.rstrip().endswith(APPROXIMATE) or label.strip() in RANGE_WORDS:
        return None  # “9万多个”, “约550米”, “50到90人”: not a figure a report states as such
    if number.is_money and (rest.startswith("/") or PER_UNIT.search(label)):
        return per_unit_standard(number, label, rest)
    after = NOUN_AFTER.match(rest)
    after = after[0] if after else ""
    kind, number = bare_count(number, label, context)
    prior, target = is_prior(label, context), is_target(label) or rest.startswith(TARGET_AFTER)
    stated = stated_figure(number, label, kind, context, {"percent", "bare", "score"})
    if stated is not None:
        return stated
    paired = paired_measure(number, label, kind, previous)
    if paired is not None:
        return paired
    change, label = change_of(label, number)
    if change and previous is not None and number.unit == "百分点" and previous.unit == "%":
        return Mention(previous.path, number.value, "", "%", previous.name, prior=True, change=change)
    if change:
        prior, kind = True, "count" if kind == "percent" else kind
    mention = ((paid_for_output(number, label, kind, previous) if only_weak_cue(label, kind, number, context) else None)
               or on_field(number, label, kind, target, context, changed=bool(change))
               or stated_figure(number, label, kind, context, {"money"})
               or on_breakdown(number, label, kind, context, previous)
               or on_item(number, label, kind, context)
               or sibling_item(number, label, kind, previous, context)
               or (answer_to_pending(number, kind, context) if previous is None and not label.strip() else None)
               or on_output(number, label, kind, prior, target, context, after, previous)
               or paid_for_output(number, label, kind, previous)
               or carried_over(number, label, carried or "", kind, prior, target, previous, context)
               or (answer_to_pending(number, kind, context) if previous is None else None))
    if change and mention is not None and mention.path in ITEM_LISTS:
        mention.prior = True  # “财政拨款收入比上年减少58.49万元”: the item's last-year value follows from it
    if change and mention is None:
        return Mention("stated.change", number.wan if number.is_money else number.value, "", number.unit, change=change)
    if mention is not None:
        mention.change = change
    return mention


def stated_figure(number: Number, label: str, kind: str, context: Context, kinds: set[str]) -> Mention | None:
    """A rate, share, score or 结余 staff quoted (to compare with ours)."""
    if kind not in kinds:
        return None
    best = None
    for rule in phrasings()["stated_rates"]:
        fits = rule["unit"] == kind or kind == "bare" and (rule["unit"] == "money" or rule["unit"] in ("percent", "score")
                                                           and number.value <= PERCENT_MAX)
        if not fits or context.report_type not in rule.get("types", (context.report_type,)):
            continue
        position = cue_end(label, rule["words"])
        if position and (best is None or position > best[0]):
            best = (position, rule)
    if best is None:
        return None
    value = number.wan if number.is_money else number.value
    if best[1]["id"] == "stated.growth" and "预算" in label:
        return None  # “较年初预算减少32%”: against the budget, not last year
    if best[1]["id"] == "stated.growth" and first_word(label, "change_words.down"):
        value = -value  # “下降16.77%” is a growth of −16.77%
    return Mention(best[1]["id"], value, "", "万元" if number.is_money else number.unit or "%", best[1]["label"])


def cue_end(label: str, words) -> tuple[int, int] | None:
    found = [(label.rfind(w) + len(w), len(w)) for w in words if w in label]
    return max(found) if found else None


def change_of(label: str, number: Number) -> tuple[str, str]:
    """(“up”/“down”, the label without the change words) when the figure is a change against last
    year (“比去年多了300人次”, “政府性基金减少401.85万元”); ("", label) otherwise."""
    rules = phrasings()["change_words"]
    if number.is_percent:
        return "", label
    against = next((w for w in sorted(rules["against"], key=len, reverse=True) if w in label), None)
    for direction in ("up", "down"):
        word = first_word(label, f"change_words.{direction}")
        if not word:
            continue
        at = label.rfind(word)
        if against is not None and at > label.find(against):
            return direction, label[: label.find(against)] + label[at + len(word):]
        if against is None and len(word) > 1 and label.rstrip().endswith(word):
            return direction, label[:at]
    return "", label


def on_field(number: Number, label: str, kind: str, target: bool, context: Context, changed: bool = False) -> Mention | None:
    candidates = field_candidates(label, kind, number.unit, context.report_type)
    item = item_candidate(label, context.report_type, context.message) if kind in ("money", "bare") else None
    if not candidates or item and item_wins(item[0], candidates[0][0]):
        return None
    (_, end, length), spec = candidates[0]
    spec = subject_field(label, spec, candidates)
    if context.breakdown and kind == "money" and (spec.path in BREAKDOWN_OF or not candidates[0][0][0]):
        return None  # “其中部门预算项目支出87.5万元”: a part of the budget, not the budget itself
    prior = changed or is_prior(label[: end - length] + label[end:], context)  # “上年结转”: 上年 inside the cue is the cue
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


def subject_field(label: str, spec: FieldSpec, candidates: list) -> FieldSpec:
    """“三公经费：预算246万”: a generic measure after a named subject belongs to that subject."""
    said = {c[1].path for c in candidates}
    for rule in phrasings()["subject_measures"]:
        if rule["subject"] in said and any(label.rstrip(" 是为:：").endswith(m) for m in rule["measure"]) \
                and spec.path != rule["subject"]:
            return next(f for f in fields().values() if f.path == rule["field"])
    return spec


def item_wins(item: tuple[int, int], field: tuple[bool, int, int]) -> bool:
    """A named line (“财政拨款收入”) beats a field cue ending before it, or a generic cue (“收入”) ending
    with it; a specific cue ending with it (“预算资金” in “批复下达预算资金”) keeps the figure."""
    strong, end, length = field
    return item[0] > end or not strong and item > (end, length)


def on_breakdown(number: Number, label: str, kind: str, context: Context, previous: Mention | None) -> Mention | None:
    """After “其中” under a budget figure, or right after it (“下达资金787.45万元，中央414.45万，省级373万”),
    a money figure named by a short word of its own is a part of that budget."""
    name = output_name(label.replace(BREAKDOWN_WORD, ""))
    parent = context.breakdown or (BREAKDOWN_OF.get(previous.path, "") if previous is not None else "")
    if not parent or kind != "money" or not name or not context.breakdown and len(name) > SHORT_NAME:
        return None
    context.breakdown = parent
    return Mention(parent, number.wan, "", "万元", name)


def on_item(number: Number, label: str, kind: str, context: Context) -> Mention | None:
    if kind not in ("money", "bare"):
        return None
    item = item_candidate(label, context.report_type, context.message)
    if item is None or item[2] == "":
        return None
    if item[1] == "budget.items" and item[2].endswith(FUNDING_ENDINGS) and not context.has_budget and not context.breakdown:
        return Mention("budget.full_year", number.wan if number.is_money else number.value, "", "万元", assumed_unit=kind == "bare")
    return Mention(item[1], number.wan if number.is_money else number.value, "", "万元", item[2], assumed_unit=kind == "bare")


def sibling_item(number: Number, label: str, kind: str, previous: Mention | None, context: Context) -> Mention | None:
    """“服务费454.37万元，审核人员绩效工资109.85万元，办公用品和软件升级11.18万元”: an amount right after
    a budget line of the same sentence, named by words of its own, is the next line."""
    if kind != "money" or previous is None or previous.path != "budget.items" or previous.prior or not context.in_sentence:
        return None
    name = output_name(after_heading(label))
    if not name or len(name) > ITEM_NAME_MAX or field_candidates(label, kind, number.unit, context.report_type):
        return None
    return Mention("budget.items", number.wan, "", "万元", name)


def on_output(number: Number, label: str, kind: str, prior: bool, target: bool, context: Context,
              after: str = "", previous: Mention | None = None) -> Mention | None:
    words = phrasings()["outputs"]
    refused = words["not_outputs"] + (words["not_outputs_accounts"] if context.report_type != "project" else [])
    if kind not in ("count", "percent") or any(w in label + after for w in refused) or context.report_type == "final-accounts":
        return None  # a 决算 has no outputs: its counts describe the unit (机构, 车辆, 接待批次)
    name = output_name(label) or (after if not target else "")
    if not name and previous is not None and previous.path != "outputs" and (prior or target):
        return None  # “满意度88.32%，目标95%”: the target of the figure just named (see carried_over)
    if not name and (prior or target or label.strip()) and context.last_output and compatible_units(number.unit, context.last_output_unit):
        name = context.last_output  # “计划15个，实际6个”, “上年2100批次”: the output just named
    if not name and not label.strip() and context.last_output and context.placed_clause == context.clause:
        name = context.last_output  # “咨询活动80次4698人次”: a second measure of the same activity
        target = target or bool(previous is not None and previous.target)  # “计划补11681户28000亩”
    if not name and not target:
        return None
    return Mention("outputs", number.value, "", number.unit, name, prior=prior, target=target, bound=number.bound)


def carried_over(number: Number, label: str, carried: str, kind: str, prior: bool, target: bool,
                 previous: Mention | None, context: Context) -> Mention | None:
    """A figure with no name of its own takes the subject of the clause before: a numberless clause
    that names a field, or the figure just placed (“三公经费8.5万元，去年是10.2万元”, “满意度88%，目标95%”)."""
    if carried:
        candidates = field_candidates(carried, kind, number.unit, context.report_type)
        if candidates:
            return as_field(candidates[0][1], number, kind, prior or is_prior(carried, context), False)
        name = output_name(carried)
        corrected = first_word(carried, "intents.correct") and not label.strip(" 是为:：")
        if name and corrected and kind in ("count", "percent") and context.report_type != "final-accounts":
            return Mention("outputs", number.value, "", number.unit, name)  # “知晓率打错了，是98%”
    if previous is None or previous.prior:
        return None
    if target and previous.path == "survey.rate" and kind in ("percent", "bare"):
        return Mention("survey.target", number.value, "", "%", target=True, bound=number.bound or ">=")
    if not prior:
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


def paired_measure(number: Number, label: str, kind: str, previous: Mention | None) -> Mention | None:
    """A figure named only by its measure takes the subject of the figure before (“预算44.52万元，决算22.62万元”,
    “三公经费支出10044.01万元，预算11324.44万”)."""
    if previous is None or previous.prior:
        return None
    pairs = phrasings()["measure_pairs"]
    said = label.strip(" ，,是为:：")
    for words, pair in ((pairs["words"], pairs["pairs"]), (pairs["budget_words"], pairs["budget_pairs"])):
        if said in words and previous.path in pair:
            spec = next(f for f in fields().values() if f.path == pair[previous.path])
            return as_field(spec, number, kind, False, False)
    return None


def already_given(mention: Mention, placed: list[Mention]) -> bool:
    """The message already gave this single figure (lists, outputs and quoted rates may repeat)."""
    single = not mention.path.startswith("stated.") and mention.path not in ITEM_LISTS + ("outputs",)
    return single and any(m.path == mention.path for m in placed)


def only_weak_cue(label: str, kind: str, number: Number, context: Context) -> bool:
    candidates = field_candidates(label, kind, number.unit, context.report_type)
    return not candidates or not candidates[0][0][0]


def compatible_units(a: str, b: str) -> bool:
    """场 and 场次, 人 and 人次 count the same things in staff's words."""
    return a == b or bool(a and b) and (a.startswith(b) or b.startswith(a))


def bare_count(number: Number, label: str, context: Context) -> tuple[str, Number]:
    """A figure typed without its unit takes one the words give: the unit ending the label (“护理补贴人次
    是131506”), or an output's unit when it is that output's target or last year's value."""
    kind = kind_of(number)
    if kind != "bare":
        return kind, number
    stem = label.rstrip(" 是为:：")
    unit = next((u for u in count_units() if stem.endswith(u) and len(stem) > len(u)), "")
    if not unit and (is_target(label) or is_prior(label, context)) and context.last_output:
        unit = context.last_output_unit
    if not unit:
        return kind, number
    return "score" if unit == "分" else "count", Number(number.value, number.decimals, unit, number.start, number.end,
                                                         number.text, number.bound)


def per_unit_standard(number: Number, label: str, rest: str) -> Mention | None:
    """“165元/人·月”: a standard, recorded as an output with its unit as typed."""
    unit = number.unit + rest[: PER_UNIT_CHARS].split("，")[0].split(",")[0]
    name = output_name(label)
    return Mention("outputs", number.value, "", unit.strip(), name) if name else None


def paid_for_output(number: Number, label: str, kind: str, previous: Mention | None) -> Mention | None:
    """“发了33789人次，共5574750元”: the money paid for the output just named is a 预算构成 item."""
    if kind != "money" or previous is None or previous.path != "outputs" or output_name(label):
        return None
    return Mention("budget.items", number.wan, "", "万元", previous.name)
