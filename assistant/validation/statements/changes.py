"""Changes against a base: “比上年增加A万元，增长B%”, “较上年的X万元减少Y万元”, “与上年持平”,
“较年初预算减少B%”, and paired statements such as “收、支总计各减少A、B万元，各下降C%、D%”.

The figure that changed is found by the subject the sentence names (in the comparison's own
clause, or before the growth word), in the same sentence first and then in the sentences before
it in the same section; a subject that names nothing leaves the nearest figure before the
comparison, within its “；” group.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.validation.statements.binding import compatible, names_match
from assistant.validation.statements.brackets import depths, visible_from
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import BUDGET_MEASURES, Fact, name_of
from assistant.validation.statements.rates import budget_in_completion
from assistant.validation.statements.relations import Change
from assistant.validation.statements.subjects import (
    OTHER_SUBJECT,
    other_subject_between,
    split_subject,
    subjects_of,
)
from assistant.validation.statements.table_changes import compared_rows, prior_in_tables, table_changes
from assistant.validation.statements.vocabulary import vocabulary

CONTINUED = re.compile(r"^\s*(?:减少|下降|增长|增加|降低)(?:率|幅)?(?:为)?\s*-?\d")  # “收、支与上年相比…”: income and spending without a noun are their totals


UNSTATED_BASE = "未写明比较对象"
BORROWED = "比较的是哪个数字由上下文推断"
LOOSELY_NAMED = "比较的是前文名称相近的数字"
PART_OF = re.compile(r"中(?=[\u4e00-\u9fff])")
INITIAL_ELSEWHERE = "调整前的预算数取自前文“年初预算”一节的同名数字"
MAX_OWN_NAME = 14  # “、支出总计减少”: a name and its growth word between two amounts of one comparison
REASON_SENTENCES = 2  # figureless sentences (reasons) a comparison may look past for its subject


def read_changes(doc: ReadDocument) -> list[Change]:
    out: list[Change] = []
    for item in doc.items:
        anchors = anchor_matches(item.sentence.clean, doc.year)
        found: list[Change] = []
        for i, (start, end, base) in enumerate(anchors):
            limit = anchors[i + 1][0] if i + 1 < len(anchors) else len(item.sentence.clean)
            made = changes_at(doc, item, start, end, base, region_end(item, end, limit))
            inherit_subject(item, made, found, start)
            found.extend(made)
        found = joined_repeats(item, found)
        found.extend(moves(item))
        used = {id(f) for c in found for f in (c.amount, c.rate) if f is not None}
        out.extend(found)
        out.extend(unanchored(doc, item, used))
    return out + table_changes(doc) + compared_rows(doc)


REPEATED_ANCHOR = re.compile(r"^[\s,，]*$")


def joined_repeats(item: ReadSentence, found: list[Change]) -> list[Change]:
    """“比上年增加139万元，同比增长160.1%”: the second comparison words repeat the first, so the amount
    and the rate are one change of the same figure (read apart, neither could be checked)."""
    out: list[Change] = []
    for change in found:
        last = out[-1] if out else None
        if (last is not None and last.rate is None and last.amount is not None and change.amount is None
                and change.rate is not None and change.current is last.current and change.base == last.base
                and change.direction == last.direction
                and REPEATED_ANCHOR.match(item.sentence.clean[last.amount.number.end : change.anchor_start])):
            last.rate = change.rate
            continue
        out.append(change)
    return out


def moves(item: ReadSentence) -> list[Change]:
    """“由年初预算A调整为B，调增C”: B against A, and C the difference."""
    moved = vocabulary().pattern("moved_to", r"\s*$")
    out = []
    for i, fact in enumerate(item.facts):
        previous = item.facts[i - 1] if i else None
        if not (fact.is_value and moved.search(fact.label) and previous is not None and "由" in previous.label):
            continue
        amount = next((f for f in item.facts[i + 1 :] if f.role == "change" and f.clause in (fact.clause, fact.clause + 1)
                       and not f.number.is_percent), None)
        base = "预算" if "预算" in previous.label else "上年"
        name = previous.name or fact.name
        direction = amount.direction if amount is not None else ("up" if fact.number.wan > previous.number.wan else "down")
        out.append(Change(name, fact, previous, amount, None, direction, base, item.sentence,
                          previous.number.start, previous.number.start))
    return out


def last_year_beside(item: ReadSentence, change: Fact, current: Fact | None) -> Fact | None:
    """A figure labelled 上年 just before this year's in the same clause group: the change's base."""
    if current is None or current.prior:
        return None
    group = item.group_of(change.number.start)
    before = [f for f in item.values() if f.number.end <= change.number.start and f.prior
              and item.group_of(f.number.start) == group]
    if len(before) != 1:
        return None
    prior = before[0]
    if vocabulary().list_marker.search(item.sentence.clean[prior.number.end : current.number.start]):
        return None  # “去年…收入405亿元，其中…出让金收入323.4亿元，增长86.3%”: a part of last year's total
    if not prior.number.unit and current.number.unit and not current.number.is_percent:
        prior = replace(prior, number=replace(prior.number, unit=current.number.unit))  # “上年2709.16，本年2845.20元”
    return prior if compatible(prior.number, current.number) else None


def inherit_subject(item: ReadSentence, made: list[Change], found: list[Change], anchor: int) -> None:
    """“较上年减少A万元，较年初预算减少B万元”: a second comparison with no subject of its own
    speaks of the subject of the comparison before it in the same “；” group."""
    group = item.group_of(anchor)
    previous = [c for c in found if item.group_of(c.anchor_start) == group]
    if len(made) != 1 or made[0].subject or not previous:
        return
    between = [f for f in item.values() if previous[-1].anchor_end <= f.number.start < anchor and not f.prior]
    if not between:
        made[0].subject, made[0].current = previous[-1].subject, previous[-1].current
        if other_subject_between(item, previous[-1].anchor_end, anchor, previous[-1].subject):
            made[0].ambiguous = made[0].ambiguous or OTHER_SUBJECT


def unanchored(doc: ReadDocument, item: ReadSentence, used: set[int]) -> list[Change]:
    """“其中：公务接待费减少0.26万元，…”, “一般公共服务支出1650万元，增长40.78%” — a change with no
    comparison words: its base is the one its sentence or list speaks of, so it is read (for the
    sums of changes, for the drafts), but never judged on its own."""
    out = []
    changes = [f for f in item.facts if f.role == "change" and id(f) not in used]
    taken: set[int] = set()
    for fact in changes:
        if id(fact) in taken:
            continue
        rate = fact if fact.number.is_percent else next(
            (f for f in changes if f.number.is_percent and f.clause == fact.clause + 1 and id(f) not in taken), None)
        amount = None if fact.number.is_percent else fact
        taken.update(id(f) for f in (rate, amount) if f is not None)
        name, measure = name_of(vocabulary().direction.sub("", fact.label))
        if name in vocabulary().generic_names:
            name = ""
        current, _ = current_for(doc, item, fact.number.start, name, measure)
        prior = last_year_beside(item, fact, current)
        if prior is not None:  # “普通初中上年14383.56元，本年11662.98元，同口径增加3.72%”
            out.append(Change(name, current, prior, amount, rate, fact.direction, "上年", item.sentence,
                              fact.number.start, fact.number.start))
            continue
        initial = initial_budget(doc, item, current, name) if amount is not None else None
        if initial is not None:  # under “2. …批准的预算调整方案”: “收入总计88.6亿元,调增4.14亿元”
            out.append(Change(name, current, initial, amount, rate, fact.direction, "预算", item.sentence,
                              fact.number.start, fact.number.start, "", INITIAL_ELSEWHERE))
            continue
        if current is None and amount is None:
            continue
        out.append(Change(name, current, None, amount, rate, fact.direction, "", item.sentence,
                          fact.number.start, fact.number.start, UNSTATED_BASE))
    return out


def initial_budget(doc: ReadDocument, item: ReadSentence, current: Fact | None, name: str) -> Fact | None:
    """The same item's figure under the report's initial-budget heading, for a change stated under its
    budget-adjustment heading; only when exactly one figure there bears its name."""
    if current is None or current.stage != "budget_adjusted":
        return None
    subject = current.name or name
    if not subject or subject in vocabulary().generic_names:
        return None
    found = [f for other in doc.in_scope(item) if other.position < item.position for f in other.values()
             if f.stage == "budget_initial" and names_match(f.name, subject) and compatible(f.number, current.number)]
    return found[0] if len(found) == 1 else None


def self_contained(change: Change) -> bool:
    """“中央财政支出36334.93亿元,增加6574.98亿元,增长22.8%” with no comparison words of its own: the
    figure, its change and its rate in three clauses in a row say B% = A ÷ (X ∓ A) whatever the
    base, so the rate can be judged. Not a figure moved by an adjustment (“调整为85000万元,调减16000万
    元,下降9.7%”), whose amount is against the budget and whose rate may be against last year."""
    current, amount, rate = change.current, change.amount, change.rate
    if change.base or current is None or amount is None or rate is None or current.sentence is not amount.sentence:
        return False
    moved = vocabulary().pattern("moved_to")
    return (current.clause + 1 == amount.clause == rate.clause - 1
            and not moved.search(current.label) and not moved.search(amount.label))


def anchor_matches(text: str, year: int | None = None) -> list[tuple[int, int, str]]:
    found = []
    for base, pattern in vocabulary().anchors:
        for m in pattern.finditer(text):
            named = LABEL_YEAR.search(m.group())
            this_years_budget = "预算" in m.group() and named and year and int(named.group(1)) == year
            found.append((m.start(), m.end(), "预算" if this_years_budget else base))  # “与2021年度预算相比” in 2021
    found.sort(key=lambda a: (a[0], -(a[1] - a[0])))
    kept: list[tuple[int, int, str]] = []
    for anchor in found:
        if not kept or anchor[0] >= kept[-1][1]:
            kept.append(anchor)
    return kept


def region_end(item: ReadSentence, start: int, limit: int) -> int:
    """Where the words of one comparison end: the next comparison, list, reason or “；”."""
    text = item.sentence.clean
    words = vocabulary()
    stops = [limit]
    for pattern in (words.list_marker, words.pattern("reason_words")):
        match = pattern.search(text, start)
        if match:
            stops.append(match.start())
    for ch in "；;":
        found = text.find(ch, start)
        if found >= 0 and not CONTINUED.match(text[found + 1 :]):
            stops.append(found)  # “…对比减少4.35万元；减少率35.22%” continues the same change
    seen_change = False
    for fact in item.facts:
        if fact.number.start < start:
            continue
        if fact.role == "change":
            seen_change = True
        elif seen_change and fact.is_value and fact.own_name and not fact.prior:
            stops.append(fact.number.start - len(fact.label))
            break
    return min(stops)


def changes_at(doc: ReadDocument, item: ReadSentence, start: int, end: int, base: str, stop: int) -> list[Change]:
    words = vocabulary()
    region = [f for f in item.facts if end <= f.number.start < stop]
    amounts = [f for f in region if f.role == "change" and not f.number.is_percent]
    rates = [f for f in region if f.role == "change" and f.number.is_percent]
    # “增长10.50%，增幅高于全国增幅2.86个百分点”: points after a growth rate compare that rate, not the figure
    amounts = [a for a in amounts if not (a.number.unit == "百分点" and any(r.number.start < a.number.start for r in rates))]
    priors = [f for f in region if f.role == "prior" or (f.is_value and f.prior)]
    text = item.sentence.clean[end:stop]
    flat = bool(words.pattern("flat_words").search(text)) and not amounts and not rates
    if words.pattern("no_rate_words").search(text):
        rates = []
    rates = same_basis(amounts + rates, rates)
    if not (amounts or rates or flat):
        return []
    names, measure = subjects_of(item, start, amounts + rates)
    own = own_names(item, amounts, end)
    if len(names) <= 1 and len(own) > 1 and len(rates) in (0, len(own)):
        names = own  # “收入总计减少84.55万元、支出总计减少99.6万元,分别下降15.1%、30.6%”
    if not names and priors and priors[0].name:
        names = [priors[0].name]  # “较2014年度“三公”经费合计16.08万元增加15.15万元”
    if len(names) <= 1:
        current, ambiguous = current_for(doc, item, start, names[0] if names else "", measure)
        if current is None and not priors:
            current, prior = year_pair(item, start)
            priors = [prior] if prior is not None else priors
        if base == "预算" and not priors and current is not None:
            budget = budget_of(doc, item, current, names[0] if names else "")
            priors = [budget] if budget is not None else priors
        if base == "上年" and not priors and current is not None:
            last = last_year_beside(item, (amounts + rates)[0], current) if amounts or rates else None  # “上年A元，本年B元，比上年增长C%”
            if last is None and not amounts:
                last = prior_in_tables(doc, current, names[0] if names else "")
            priors = [last] if last is not None else priors
        direction = "flat" if flat else (amounts or rates)[0].direction
        return [Change(names[0] if names else "", current, priors[0] if priors else None,
                       amounts[0] if amounts else None, rates[0] if rates else None, direction, base,
                       item.sentence, start, end, *doubted(ambiguous))]
    out = []
    for index, name in enumerate(names):
        current, ambiguous = current_for(doc, item, start, name, measure)
        amount = pick(amounts, index, len(names))
        rate = pick(rates, index, len(names))
        direction = "flat" if flat else (amount or rate).direction if (amount or rate) else "flat"
        out.append(Change(name, current, None, amount, rate, direction, base, item.sentence, start, end, *doubted(ambiguous)))
    return out


def own_names(item: ReadSentence, amounts: list[Fact], anchor_end: int) -> list[str]:
    """The names of amounts that each name their own item, one after another right after the comparison
    (“与2019年相比,收入总计减少A万元、支出总计减少B万元”); none unless every amount names a different
    one and only its name and growth word stand before each (no list marker, no other figure)."""
    if len(amounts) < 2:
        return []
    text = item.sentence.clean
    starts = [anchor_end] + [a.number.end for a in amounts[:-1]]
    if any(len(text[s : a.number.start]) > MAX_OWN_NAME or vocabulary().change_list_marker.search(text[s : a.number.start])
           for s, a in zip(starts, amounts, strict=True)):
        return []
    names = [name_of(vocabulary().direction.sub("", a.label.rstrip(" -−－")))[0] for a in amounts]
    if not all(names) or len(set(names)) != len(names):
        return []
    return names


def doubted(ambiguous: str) -> tuple[str, str]:
    """(ambiguous, doubt): a figure found under a near name is likely the one compared, not certain."""
    return ("", ambiguous) if ambiguous == LOOSELY_NAMED else (ambiguous, "")


def same_basis(changes: list[Fact], rates: list[Fact]) -> list[Fact]:
    """The rates on the basis of the first amount or rate: “减收34,086万元，剔除留抵退税后同口径增长
    0.67%” gives a rate no printed figure yields; “按同口径同比减少63.96万元，下降5.2%” keeps its rate."""
    other = vocabulary().pattern("other_basis_words")
    if not changes or other.search(changes[0].label):
        return rates
    return [r for r in rates if not other.search(r.label)]


def pick(facts: list[Fact], index: int, count: int) -> Fact | None:
    if len(facts) == count:
        return facts[index]
    return facts[0] if len(facts) == 1 else None


def current_for(doc: ReadDocument, item: ReadSentence, anchor: int, name: str, measure: str) -> tuple[Fact | None, str]:
    """The figure compared: by name in this sentence, then in the sentences before; without a
    name, the nearest value before the comparison in its “；” group."""
    depth = depths(item.sentence.clean)
    before = [f for f in item.values() if f.number.end <= anchor and not f.number.is_percent and not f.prior
              and visible_from(depth, f.number.start, anchor) and not budget_in_completion(item, f)]
    if not name:
        group = item.group_of(anchor)
        near = [f for f in before if item.group_of(f.number.start) == group]
        actual = [f for f in near if f.measure not in BUDGET_MEASURES]
        if near:  # “完成年初预算65200万元的96.57%，同比减952万元”: last year is compared with the actual figure
            chosen = (actual or near)[-1]
            return chosen, OTHER_SUBJECT if other_subject_between(item, chosen.number.end, anchor, chosen.name) else ""
        if group and not item.sentence.clean[group_start_of(item, group):anchor].strip(" ,，;；"):
            earlier = [f for f in before if item.group_of(f.number.start) == group - 1
                       and (f.measure or doc.default_measure) == doc.default_measure]
            if earlier:  # “预算为1万元，支出决算为0.53万元，完成预算的47%；较上年减少0.47万元”
                return earlier[-1], "" if len(earlier) == 1 else BORROWED
        previous = paragraph_subject(doc, item) if not item.sentence.clean[:anchor].strip(" ,，") else None
        if previous is not None:
            # “…基本支出3736.92万元，其中人员经费…，公用经费…。比2021年预算增加654万元”
            return previous.values()[0], "" if len(previous.values()) == 1 or breaks_down_first(previous) else BORROWED
        return None, ""
    candidates = [f for f in before if names_fact(f, name)]
    paired = pick_paired(candidates, name)
    if paired is not None:
        return paired, ""
    if not candidates:
        for previous in doc.earlier(item):
            candidates = [f for f in previous.values() if not f.number.is_percent and not f.prior and names_fact(f, name)
                          and not (doc.year and f.year and f.year < doc.year) and not budget_in_completion(previous, f)]
            if candidates:
                break
    if not candidates:
        group = item.group_of(anchor)
        near = [f for f in before if item.group_of(f.number.start) == group and not f.own_name]
        return (near[-1], BORROWED) if near else (None, "")
    paired = pick_paired(candidates, name)
    if paired is not None:
        return paired, ""
    if measure:
        same = [f for f in candidates if (f.measure or doc.default_measure) == measure]
        candidates = same or candidates
    values = {round(f.number.wan if f.number.is_money else f.number.value, 6) for f in candidates}
    chosen = candidates[-1]
    if len(values) > 1 and not measure:
        return chosen, "比较对象有多个可能的数值"
    exact = names_match(chosen.name, name) or name in split_subject(chosen.name)  # “收、支总计均为…” names both
    if exact:
        return chosen, ""
    # ““三公”经费中公务接待费…8万元” is a part of what “三公”经费 names: a guess, not a near name
    return chosen, BORROWED if PART_OF.search(chosen.name) else LOOSELY_NAMED


LABEL_YEAR = re.compile(r"(20\d\d)\s*年")


def paragraph_subject(doc: ReadDocument, item: ReadSentence) -> ReadSentence | None:
    """The sentence whose first figure a comparison opening its sentence speaks of: the one before it
    in its paragraph, looking past reasons with no figure at all (“…增长100%。主要原因是新增单位,无上年
    数据。较年初预算数减少15.22万元”); any other sentence in between (“其中项目支出主要用于…”) stops it."""
    reason = vocabulary().pattern("reason_words", prefix=r"^\s*")
    for previous in doc.earlier(item, limit=REASON_SENTENCES + 1):
        if previous.sentence.paragraph != item.sentence.paragraph:
            return None
        if previous.values():
            return previous
        if previous.sentence.numbers or not reason.match(previous.sentence.clean):
            return None
    return None


def breaks_down_first(item: ReadSentence) -> bool:
    """A sentence stating one figure and then its parts after a list marker: the figure is its subject."""
    values = item.values()
    marker = vocabulary().list_marker.search(item.sentence.clean, values[0].number.end)
    return marker is not None and all(v.number.start >= marker.end() for v in values[1:]) \
        and not item.sentence.clean[values[0].number.end : marker.start()].strip(" ,，;；")


def group_start_of(item: ReadSentence, group: int) -> int:
    return next(c.start for c in item.clauses if c.group == group)


def budget_of(doc: ReadDocument, item: ReadSentence, current: Fact, name: str) -> Fact | None:
    """The budget a “与预算相比” compares with: stated before in the text, or in a table of the report."""
    subject = current.name or name
    if not subject or subject in vocabulary().generic_names:
        return None
    earlier = [f for other in doc.in_scope(item) if other.position <= item.position
               and other.sentence.paragraph == item.sentence.paragraph for f in other.values()]
    for fact in reversed(doc.table_facts + earlier):
        if fact.measure in BUDGET_MEASURES and fact is not current and names_match(fact.name, subject) \
                and compatible(fact.number, current.number):
            return fact
    return None


def year_pair(item: ReadSentence, anchor: int) -> tuple[Fact | None, Fact | None]:
    """“2016年预算8万元，2015年预算12.5万元，对比减少4.35万元”: the later year's figure against the earlier."""
    dated = [(int(m.group(1)), f) for f in item.values() if f.number.end <= anchor
             for m in [LABEL_YEAR.search(f.label)] if m]
    if len(dated) != 2 or dated[0][0] == dated[1][0] or not compatible(dated[0][1].number, dated[1][1].number):
        return None, None
    (_, later), (_, earlier) = sorted(dated, key=lambda d: -d[0])
    return later, earlier


def pick_paired(candidates: list[Fact], name: str) -> Fact | None:
    """“收、支总计各为A、B万元”: the i-th figure of a joined subject is its i-th name's."""
    if len(candidates) < 2 or len({f.sentence.index for f in candidates}) != 1:
        return None
    names = split_subject(candidates[0].name)
    if len(names) == len(candidates) and name in names:
        return candidates[names.index(name)]
    return None


MIN_PREFIX_SUBJECT = 4  # “一般公共预算财政拨款增加…” speaks of 一般公共预算财政拨款支出


def names_fact(fact: Fact, name: str) -> bool:
    """Whether a figure is stated under `name`, alone, in a joined subject (“收、支总计”), or as the
    head of its name (the subject of a comparison often drops the last word)."""
    if names_match(fact.name, name) or any(names_match(part, name) for part in split_subject(fact.name) if part != fact.name):
        return True
    if len(name) >= MIN_PREFIX_SUBJECT and fact.name.startswith(name):
        return True
    return len(name) >= MIN_PREFIX_SUBJECT and name[-HEAD_NOUN:] == fact.name[-HEAD_NOUN:] and subsequence(name, fact.name)


HEAD_NOUN = 4  # “县本级三公经费” and “红河县本级一般公共预算财政拨款三公经费” share the head noun 三公经费


def subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def comparable(change: Change) -> bool:
    figures = [f for f in (change.current, change.prior, change.amount) if f is not None]
    return all(compatible(a.number, b.number) for a in figures for b in figures)
