"""Shares (“占X%”), rates with their inputs (执行率, 到位率, 满意率, 完成率), “完成预算X%” with what
the text says of final against budget, and remainders (结余 = 预算 − 支出)."""

from __future__ import annotations

import re

from assistant.validation.statements.binding import achieved, compatible, names_match, normal, unowned
from assistant.validation.statements.brackets import depths, visible_from
from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import BUDGET_MEASURES, WHOLE_BEFORE, Fact
from assistant.validation.statements.relations import Breakdown, CompletionWords, Ratio, Remainder, Share
from assistant.validation.statements.vocabulary import alternation, vocabulary

FULL_SHARE = 100.0
LOOSE_WHOLE = "所称合计与文中数字的名称不完全相同，口径可能不同"
CARRIED_BALANCE = ("年末", "年初", "上年")  # balances carried into or out of the year, not 预算 − 支出
EARLIER_FUNDS = "分母取自前文所列资金，可能另有口径"


def read_shares(doc: ReadDocument, breakdowns: list[Breakdown]) -> list[Share]:
    list_of = {id(part): b for b in breakdowns for part in b.parts}
    out: list[Share] = []
    for item in doc.items:
        for fact in item.facts:
            if fact.role != "share" or fact.number.bound:
                continue
            if WHOLE_BEFORE in fact.tags:
                out.extend(share_of_stated_whole(item, fact))
                continue
            part = part_named(item, fact) if fact.name else paired_part(item, fact) or part_before(item, fact)
            if part is None:
                continue
            if fact.whole:
                wholes = named_wholes(doc, item, part, fact.whole)
                loose = wholes and normal(as_whole(wholes[0].name)) != normal(fact.whole)
                wholes = wholes or list_total_named(list_of.get(id(part)), fact.whole)
                group = f"{item.sentence.scope}/{normal(fact.whole)}"
                out.append(Share(part, fact, wholes[0] if wholes else None, wholes[1:], group=group,
                                 ambiguous=LOOSE_WHOLE if loose else ""))
            elif id(part) in list_of:
                b = list_of[id(part)]
                siblings = b.parts if implied_whole_usable(b) else []
                out.append(Share(part, fact, b.total, list(b.alternates), siblings,
                                 b.ambiguous if b.total is not None else "", group=f"清单{id(b)}"))
            elif any(f.role == "share" and f.number.value == FULL_SHARE for f in item.facts):
                out.append(Share(part, fact, None, group=f"句{item.sentence.index}"))  # “…1257项，占比100%”
    return out


def share_of_stated_whole(item: ReadSentence, share: Fact) -> list[Share]:
    """“实际在职人员为136人，占编委核定的落实编制数143人的比率为95.10%”: the figure before the share is
    its whole, the one before that its part."""
    whole = item.facts[item.facts.index(share) - 1]
    part = part_before(item, whole)
    if part is None or not compatible(part.number, whole.number):
        return []
    if any(f.role == "change" and part.number.end <= f.number.start < whole.number.start for f in item.facts):
        return []  # “本年支出1100万元，比上年增加100万元，占上年支出1000万元的10%”: the share may be the change's
    return [Share(part, share, whole, group=f"{item.sentence.scope}/{normal(share.whole)}")]


def implied_whole_usable(b: Breakdown) -> bool:
    """The parts' sum is a reading of the whole when every part states its share and the shares
    add to 100%, when the list names every part of its whole (the three “三公” items), or when a
    stated whole gives a second reading to set beside it."""
    shares = [s for s in b.shares if s is not None]
    if len(shares) != len(b.parts) or len(shares) < 2:
        return False
    if b.completeness == "complete":
        return True
    stated = sum(s.number.value for s in shares)
    slack = sum(s.number.half_unit for s in shares)
    return b.total is not None or abs(stated - 100) <= slack + 1e-9


ENUMERATION_GAP = re.compile(r"^\s*[、和及与,，]\s*$")


def enumerated_run(item: ReadSentence, facts: list[Fact], last: Fact) -> list[Fact]:
    """The figures printed as one enumeration ending with `last` (“2666.3亿元和30400.7亿元”)."""
    run = [last]
    position = facts.index(last)
    while position > 0:
        before = facts[position - 1]
        gap = item.sentence.clean[before.number.end : run[0].number.start]
        if before.role != last.role or not ENUMERATION_GAP.match(gap):
            break
        run.insert(0, before)
        position -= 1
    return run


def paired_part(item: ReadSentence, share: Fact) -> Fact | None:
    """“规模分别为A和B，占全国的X和Y”: the i-th share belongs to the i-th figure."""
    facts = item.facts
    index = facts.index(share)
    shares = [share]
    while index + len(shares) < len(facts) and facts[index + len(shares)].role == "share" \
            and ENUMERATION_GAP.match(item.sentence.clean[shares[-1].number.end : facts[index + len(shares)].number.start]):
        shares.append(facts[index + len(shares)])
    run = enumerated_run(item, facts, shares[-1])
    first_share = run[0]
    values = [f for f in facts[: facts.index(first_share)] if f.role == "value"]
    if len(run) < 2 or not values:
        return None
    parts = enumerated_run(item, facts, values[-1])
    return parts[run.index(share)] if len(parts) == len(run) else None


def part_before(item: ReadSentence, share: Fact) -> Fact | None:
    """The figure a share belongs to: the last value before it in its clause or the clause before, or
    further back when only its own change stands between (“教育支出52.81亿元,增长12.1%,占…的19.8%”),
    never one in a bracket closed before it (“财政拨款3961.45万元(含基本建设经费1000万元),占…96.87%”)."""
    depth = depths(item.sentence.clean)
    values = [f for f in item.values() if f.number.end <= share.number.start and not f.number.is_percent
              and visible_from(depth, f.number.start, share.number.start)]
    if not values:
        return None
    last = values[-1]
    between = [f for f in item.facts if last.number.end <= f.number.start < share.number.start]
    if last.clause >= share.clause - 1 or all(f.role == "change" for f in between):
        return last
    return None


def part_named(item: ReadSentence, share: Fact) -> Fact | None:
    """“税收收入4.50亿元,完成年初预算的47.0%,同比增长24.2%,税收占比91.4%”: the share names its part, the
    one figure before it in its sentence whose name opens with those words."""
    named = [f for f in item.values() if f.number.end <= share.number.start and not f.number.is_percent
             and f.name.startswith(share.name)]
    return named[0] if len(named) == 1 else None


def named_wholes(doc: ReadDocument, item: ReadSentence, part: Fact, whole: str) -> list[Fact]:
    """Figures stated under the whole's name in this report: in this sentence, then the nearest
    before it, then after it."""
    key = (item.sentence.scope, whole)
    if key not in doc.cache:
        doc.cache[key] = [f for other in doc.in_scope(item) for f in other.values()
                          if not f.prior and names_match(as_whole(f.name), whole)]
    found = [f for f in doc.cache[key] if f is not part and compatible(f.number, part.number)]
    here = item.position
    return sorted(found, key=lambda f: (f.sentence is not item.sentence,
                                        (0, here - f.sentence.index) if f.sentence.index <= here else (1, f.sentence.index)))


def list_total_named(b: Breakdown | None, whole: str) -> list[Fact]:
    """A part's list total, when a name too general to look up on its own (“占总支出的22.5%”) ends
    the total's (“省级一般公共预算总支出安排6571.85亿元。其中,省本级支出…”)."""
    if b is None or b.total is None:
        return []
    return [b.total] if normal(as_whole(b.total.name)).endswith(normal(whole)) else []


def as_whole(name: str) -> str:
    """A figure's name as a share names its whole: without whose it is and the verb that reported it
    (“全市财政支出完成267.37亿元” is the 财政支出总量 of the shares after it)."""
    return achieved(unowned(name))


def rate_inputs(doc: ReadDocument, item: ReadSentence, rate: Fact) -> list[Fact]:
    """Figures a rate may follow from: before it in its sentence, then in the sentences before."""
    here = [f for f in item.values() if f.number.end <= rate.number.start]
    earlier = [f for previous in doc.earlier(item, limit=2) if previous.sentence.paragraph == item.sentence.paragraph
               for f in previous.values()]
    return [f for f in here + earlier if not f.number.is_percent and not f.prior]


def read_ratios(doc: ReadDocument) -> list[Ratio]:
    words = vocabulary()
    out: list[Ratio] = []
    for item in doc.items:
        for fact in item.facts:
            if fact.number.bound or not fact.number.is_percent:
                continue
            if fact.role == "rate":
                spec = next(r for r in words.rates if r.name == fact.rate_name)
                found = ratio_for(doc, item, fact, spec)
            elif fact.role == "completion":
                found = completion_ratio(doc, item, fact)
            elif fact.role == "percent":
                found = budget_within_words(doc, item, fact)
            else:
                continue
            if found is not None:
                out.append(found)
    return out


def labelled(facts: list[Fact], stems: tuple[str, ...]) -> list[Fact]:
    pattern = re.compile(alternation(list(stems)))
    return [f for f in facts if pattern.search(f.label)]


def ratio_for(doc: ReadDocument, item: ReadSentence, rate: Fact, spec) -> Ratio | None:
    inputs = rate_inputs(doc, item, rate)
    counts = spec.name in ("满意率", "完成率")
    inputs = [f for f in inputs if (not f.number.is_money) == counts]
    numerators = labelled(inputs, spec.numerator)
    if spec.name == "预算执行率":
        numerators = numerators or [f for f in inputs if f.measure == "final"]
    if not numerators:
        return None
    numerator = min(numerators, key=lambda f: distance(item, f, rate))
    denominators = [f for f in labelled(inputs, spec.denominator) if f is not numerator
                    and compatible(f.number, numerator.number)]
    if spec.name == "预算执行率":
        denominators += [f for f in inputs if f.measure in BUDGET_MEASURES and f not in denominators and f is not numerator]
        if not denominators:  # “项目资金共2179万元，已完成拨付2113.63万元，执行率97%”
            denominators = [f for f in item.values() if f.number.is_money and f.number.end <= numerator.number.start][-1:]
        if not denominators:
            return earlier_funds_ratio(spec.name, item, rate, numerator, inputs)
    if not denominators:
        return None
    denominators.sort(key=lambda f: distance(item, f, rate))  # the nearest reading is the one reported
    return Ratio(spec.name, rate, [numerator], denominators)


def earlier_funds_ratio(name: str, item: ReadSentence, rate: Fact, numerator: Fact, inputs: list[Fact]) -> Ratio | None:
    """“…安排专项资金3267.28万元。…项目执行金额2856.63万元，执行率87.43%”: the funds the amount was
    spent from are named sentences before it, under no budget word. Every earlier amount of the
    paragraph at least as large as the amount spent is one reading; the rate is doubted, never an error."""
    funds = [f for f in inputs if f.sentence is not item.sentence and f.number.is_money
             and compatible(f.number, numerator.number) and f.number.wan >= numerator.number.wan]
    if not funds or rate.number.value > FULL_SHARE:
        return None
    return Ratio(name, rate, [numerator], funds, doubt=EARLIER_FUNDS)


def distance(item: ReadSentence, fact: Fact, rate: Fact) -> int:
    if fact.sentence is item.sentence:
        return rate.number.start - fact.number.end
    return 10_000 + (item.sentence.index - fact.sentence.index)


def completion_ratio(doc: ReadDocument, item: ReadSentence, rate: Fact) -> Ratio | None:
    """“完成预算X%”: the subject's final figure ÷ its budget, both stated before it."""
    inputs = rate_inputs(doc, item, rate)
    finals = [f for f in inputs if (f.measure or doc.default_measure) == "final" and f.sentence is item.sentence]
    if not finals:
        return None
    final = finals[-1]
    initial = "年初" in rate.label
    budgets = [f for f in inputs if f.measure in BUDGET_MEASURES and compatible(f.number, final.number)
               and (not final.name or not f.name or names_match(f.name, final.name))]
    if initial and any(f.measure == "budget_initial" for f in budgets):
        budgets = [f for f in budgets if f.measure == "budget_initial"]
    adjusted = vocabulary().pattern("adjusted_budget_words")
    if adjusted.search(rate.label):
        budgets = [f for f in budgets if adjusted.search(f.label)]
        if not budgets:
            return None
    if not budgets:
        left = remainder_after(item, rate, final)
        return Ratio("完成预算比例", rate, [final], [], remainder=left) if left is not None else None
    return Ratio("完成预算比例", rate, [final], budgets)


def budget_in_completion(item: ReadSentence, fact: Fact) -> bool:
    """“为全年预算46,908万元的80.43%”: a budget inside completion words, followed by “的X%”. It is what
    the actual figure before it is measured against, never itself the figure a change compares."""
    following = next((f for f in item.facts if f.number.start >= fact.number.end), None)
    return following is not None and following.number.is_percent and following.label.strip() == "的" and (
        fact.measure in BUDGET_MEASURES or bool(vocabulary().completion.search(fact.label + "的")))


def budget_within_words(doc: ReadDocument, item: ReadSentence, rate: Fact) -> Ratio | None:
    """“支出决算为62.07万元,完成全年预算84.82万元的73.2%”: the budget stands inside the completion
    words, the final figure before it."""
    before = [f for f in item.facts if f.number.end <= rate.number.start]
    if len(before) < 2 or not budget_in_completion(item, before[-1]):
        return None
    budget = before[-1]
    finals = [f for f in before[:-1] if f.role == "value" and (f.measure or doc.default_measure) == "final"
              and compatible(f.number, budget.number)]
    return Ratio("完成预算比例", rate, [finals[-1]], [budget]) if finals and budget.number.value else None


def remainder_after(item: ReadSentence, rate: Fact, final: Fact) -> Fact | None:
    """“完成预算64.17%，…原因是年末结余…111.45万元”: the budget is the final figure plus what was left."""
    words = vocabulary().pattern("remainder")
    reason = vocabulary().pattern("reason_words")
    for f in item.facts:
        between = item.sentence.clean[rate.number.end : f.number.start]
        if f.number.start > rate.number.end and compatible(f.number, final.number) and words.search(between):
            return f if reason.search(between) else None
    return None


def read_completion_words(doc: ReadDocument) -> list[CompletionWords]:
    words = vocabulary()
    said = words.data["completion_relation"]
    out: list[CompletionWords] = []
    for item in doc.items:
        for fact in item.facts:
            if fact.role != "completion" or fact.number.bound:
                continue
            rest = item.sentence.clean[fact.number.end :]
            for relation in ("equal", "less", "more"):
                match = re.search(alternation(said[relation]), rest)
                if match:
                    position = fact.number.end + match.end()
                    difference = next((f for f in item.facts if f.number.is_money and 0 <= f.number.start - position <= 2), None)
                    final = next((f for f in reversed(item.values()) if f.number.end <= fact.number.start
                                  and f.number.is_money), None)
                    out.append(CompletionWords(fact, relation, match.group(), difference, final))
                    break
    return out


def read_remainders(doc: ReadDocument) -> list[Remainder]:
    pattern = vocabulary().pattern("remainder", r"(?:资金|数|金额)?\s*(?:为|是|:|：)?\s*$")
    out: list[Remainder] = []
    for item in doc.items:
        for fact in item.values():
            if not fact.number.is_money or not pattern.search(fact.label) or any(w in fact.label for w in CARRIED_BALANCE):
                continue
            inputs = [f for f in rate_inputs(doc, item, fact) if f.number.is_money and f is not fact]
            spent = [f for f in inputs if (f.measure == "final") and f.sentence.paragraph == item.sentence.paragraph]
            budgets = [f for f in inputs if f.measure in BUDGET_MEASURES + ("arrived",)]
            if spent and budgets:
                out.append(Remainder(fact, budgets, min(spent, key=lambda f: distance(item, f, fact))))
    return out
