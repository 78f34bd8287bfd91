"""Facts: each printed figure with what it is — the thing named, the measure (预算/决算/到位…),
the period, and the role it plays in its clause (a value, a change, a share, a rate, a prior-year
figure) — read from the words right before it in its clause.

Clauses are cut at ，；：。 and at a 、 that separates two figures (“货物支出19.32万元、工程支出0万元”),
never inside a figure (“1,234.56”) nor in a joined subject (“收、支总计”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.numbers import Number
from assistant.validation.statements.vocabulary import alternation, vocabulary
from assistant.validation.text import LIST_NUMBERING, Sentence

HARD_BREAKS = "，,；;：:。！？!?"
SOFT_BREAK = "、"
GROUP_BREAKS = "；;。"
YEAR_WORDS = re.compile(r"(?:截至|截止)?\s*20\d\d\s*年度?(?:\d{1,2}月份?(?:\d{1,2}日)?)?(?:底|末)?")
QUOTES = re.compile(r"[“”\"'‘’《》]")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int  # exclusive; the break character, if any, is at `end`
    group: int  # clauses between two ；/。 share a group


@dataclass(eq=False)
class Fact:
    sentence: Sentence
    number: Number
    clause: int
    label: str  # the clean words before the figure within its clause
    role: str  # value | change | share | rate | completion | prior | percent | bound | reference
    name: str = ""  # what the figure is, measure and period words removed
    title: str = ""  # how the report names it here, measure words kept (“项目预算”), for messages
    own_name: bool = False  # the name stands in the figure's own label (not carried from its subject)
    measure: str = ""  # budget | budget_initial | final | arrived | ''
    prior: bool = False  # last year's figure
    direction: str = ""  # change: up | down
    whole: str = ""  # share: the whole named after 占
    rate_name: str = ""  # rate: which rate
    qualified: str = ""  # for a part of a list: the total's name and its own
    year: int | None = None  # the year its sentence opens with, when it names one
    period: str = ""  # a part of the year (“1-4月”, “上半年”) it speaks of, when the text names one
    stage: str = ""  # the stage a heading above it names (年初预算, 预算调整, 决算), when one does
    tags: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        """The figure as the report printed it."""
        return self.sentence.quote(self.number.start, self.number.end)

    @property
    def line(self) -> int:
        return self.sentence.line_at(self.number.start)

    @property
    def is_value(self) -> bool:
        return self.role == "value" and not self.number.bound and not self.number.approx

    def key(self) -> str:
        return self.qualified or self.name


def clauses(text: str, figures: list[Number]) -> list[Clause]:
    """Clause spans of a sentence's clean text; `figures` are its numbers (a 、 between two of
    them separates clauses, a 、 in “收、支总计” does not)."""
    cuts: list[int] = []
    hard = [i for i, ch in enumerate(text) if ch in HARD_BREAKS and not (ch == "," and _inside_number(text, i))]
    for i, ch in enumerate(text):
        if i in hard or ch == SOFT_BREAK and _separates_figures(i, hard, figures):
            cuts.append(i)
    out, start, group = [], 0, 0
    for cut in cuts + [len(text)]:
        if cut > start or cut == len(text):
            out.append(Clause(start, cut, group))
        if cut < len(text) and text[cut] in GROUP_BREAKS:
            group += 1
        start = cut + 1
    return [c for c in out if c.end > c.start] or [Clause(0, len(text), 0)]


def _inside_number(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit() and re.match(r"\d{3}(?!\d)", text[i + 1 : i + 5]) is not None


def _separates_figures(i: int, hard: list[int], figures: list[Number]) -> bool:
    left = max([h for h in hard if h < i], default=-1)
    right = min([h for h in hard if h > i], default=10**9)
    return any(left < n.start < i for n in figures) and any(i < n.start < right for n in figures)


def clause_of(spans: list[Clause], position: int) -> int:
    for index, span in enumerate(spans):
        if span.start <= position < span.end or position < span.start:
            return index
    return len(spans) - 1


OPENING_YEAR = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）.、]\s*)?(20\d\d)\s*年")


COLON = ":："


def heading_before(text: str, spans: list[Clause], index: int, position: int) -> str:
    """“基本支出:3093.3838万元”, “1、收入总计：100万元”: a figure opening the clause after a sentence's
    opening colon is named by the words before it, when they hold no figure of their own."""
    if index != 1 or text[spans[index].start - 1 : spans[index].start] not in COLON:
        return ""
    before = text[spans[index - 1].start : spans[index].start - 1]
    return "" if re.search(r"\d", LIST_NUMBERING.sub("", before)) else before + text[spans[index].start : position]


def read_facts(sentence: Sentence, spans: list[Clause]) -> list[Fact]:
    """Every figure of a sentence with its role and name; unnamed figures take their subject's name."""
    words = vocabulary()
    facts: list[Fact] = []
    opening = OPENING_YEAR.match(sentence.clean)
    previous_end: dict[int, int] = {}
    for number in sentence.numbers:
        index = clause_of(spans, number.start)
        start = max(spans[index].start, previous_end.get(index, spans[index].start))
        previous_end[index] = number.end
        label = sentence.clean[start : number.start]
        if not label.strip() and start == spans[index].start:
            label = heading_before(sentence.clean, spans, index, number.start) or label
        fact = Fact(sentence, number, index, label, role_of(label, number), year=int(opening[1]) if opening else None)
        if character_before(sentence.source.text, sentence.offset(number.start)) in LOST_CHARACTER:
            fact.tags.add(GARBLED)  # “?8639萬元” after mojibake: a leading digit may be lost
        previous = facts[-1] if facts else None
        if previous is not None and previous.role != "value" and previous.number.is_percent == number.is_percent \
                and ENUMERATED.match(sentence.clean[previous.number.end : number.start]):
            fact.role = previous.role  # “各减少100.00、80.00万元”, “各下降7.50%、6.25%”
            facts.append(copy_role(fact, previous))
            continue
        if number.is_percent and previous is not None and previous.is_value and STATED_WHOLE_TAIL.match(label):
            said = words.share.search(previous.label)
            # “占编委核定的落实编制数143人的比率为95.10%”: the whole is 143人 — unless the words name the part
            # (“在职人员占…”) or pair several parts (“分别占…”), which the figure before cannot settle
            if said and said.group("whole") and not said.group("part") and "分别" not in previous.label:
                fact.role, fact.whole = "share", name_of(said.group("whole").strip())[0]
                fact.tags.add(WHOLE_BEFORE)
                facts.append(fact)
                continue
        if previous is not None and previous.role == "change" and number.is_percent and not previous.number.is_percent \
                and OPEN_BRACKET.match(label):
            fact.role = "change"  # “较上年减少1.5万元(42.86%)”: the rate of the change before it
            facts.append(copy_role(fact, previous))
            continue
        if fact.role == "change":
            fact.direction = "up" if words.direction.search(label.rstrip("-−－ ")).group("up") else "down"
            if number.negative:  # “增长-9.41%” is a fall
                fact.direction = "down" if fact.direction == "up" else "up"
        elif fact.role == "share":
            said = words.share.search(label)
            whole = (said.group("whole") or "").strip()
            if re.fullmatch(alternation(words.words("own_bases")), whole):
                fact.role = "completion"  # “占调整预算的100%”: the subject's own completion rate
            else:
                fact.whole = name_of(whole)[0]
                fact.name = name_of(said.group("part"))[0] if said.group("part") else ""  # “税收占比91.4%”: the share names its part
        elif fact.role == "rate":
            word = words.rate_word.search(label).group("word")
            fact.rate_name = next(r.name for r in words.rates if word in r.words)
        if fact.role in ("value", "prior", "completion", "rate"):
            fact.name, fact.measure = name_of(label)
            fact.title = title_of(label)
            fact.own_name = bool(fact.name) and fact.name not in words.words("bare_names")
            if not fact.own_name and fact.role == "value":
                name_from_use(fact, sentence.clean[number.end : spans[index].end])
            fact.prior = fact.role == "prior" or bool(words.prior_word.search(words.any_anchor.sub("", label)))
        facts.append(fact)
    omitted_change_verbs(facts, spans)
    carry_subjects(facts)
    return facts


def name_from_use(fact: Fact, after: str) -> None:
    """“其中：30万元用于基建工程项目审计”: a figure with no name before it is named by its use."""
    used = vocabulary().pattern("named_by_use", prefix=r"^\s*").match(after)
    name = after[used.end():].strip(" ，,；;。") if used else ""
    if name and not re.search(r"\d", name):
        fact.name, fact.title, fact.own_name = name, name, True
        fact.tags.add(NAMED_BY_USE)


def omitted_change_verbs(facts: list[Fact], spans: list[Clause]) -> None:
    """“其中：因公出国(境)费支出决算增加0元,增长0%；公务用车购置及运行费支出决算174,732.10元,增长176.55%；
    公务接待费支出决算增加56,716.00元,增长95.00%”: where every other “；” group is an amount of change
    and its rate, a group holding a figure and a rate only has lost its 增加: the figure is the change."""
    groups: dict[int, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(spans[fact.clause].group, []).append(fact)
    shapes = {g: [(f.role, f.number.is_percent) for f in members] for g, members in groups.items()}
    changed = [g for g, shape in shapes.items() if shape == [("change", False), ("change", True)]]
    bare = [g for g, shape in shapes.items() if shape == [("value", False), ("change", True)]]
    if len(bare) != 1 or not changed or len(changed) + len(bare) != len(groups) or not groups[bare[0]][0].number.is_money:
        return
    value, rate = groups[bare[0]]
    value.role, value.direction = "change", rate.direction


LOST_CHARACTER = ("?", "\ufffd")
MEASURE_OF_SUBJECT = "measure-of-subject"  # “财政拨款支出预算数为A，支出决算数为B”: B is its subject's 决算
NAMED_BY_USE = "named-by-use"  # an allocation (“10万元用于办公费”), not the item's own figure
GARBLED = "garbled"
BUDGET_MEASURES = ("budget", "budget_initial")  # two measures of one kind: a 年初预算 is a 预算


def character_before(text: str, at: int) -> str:
    """The character before position at, spaces skipped (“? 8639 萬元” is as garbled as “?8639萬元”)."""
    at -= 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return text[at] if at >= 0 else ""


ENUMERATED = re.compile(r"^\s*[、和及,，]\s*$")
REFERENCE = re.compile(r"(?:这|上述|前述)\s*$")
OPEN_BRACKET = re.compile(r"^\s*[(（]\s*$")
STATED_WHOLE_TAIL = re.compile(r"^\s*的\s*(?:比率|比例|比重)?\s*(?:为|是|达到?)?\s*$")
WHOLE_BEFORE = "whole-before"  # a share whose whole is the figure just before it (“占…143人的95.10%”)


def copy_role(fact: Fact, previous: Fact) -> Fact:
    fact.direction, fact.whole, fact.rate_name = previous.direction, previous.whole, previous.rate_name
    fact.name, fact.measure, fact.prior = previous.name, previous.measure, previous.prior
    return fact


def role_of(label: str, number: Number) -> str:
    words = vocabulary()
    if words.direction.search(label.rstrip("-−－ ") if number.negative else label):
        return "change"
    if number.is_percent:
        if words.share.search(label):
            return "share"
        if words.rate_word.search(label):
            return "rate"
        if words.completion.search(label):
            return "completion"
        return "percent"
    if words.any_anchor.search(label):
        return "prior"  # “较上年的X万元”, “较2014年度“三公”经费合计X万元增加…”: the figure compared with
    if words.pattern("bound_words", r"\s*$").search(label):
        return "bound"  # “首次突破2万亿元”: a threshold passed, not the figure itself
    if REFERENCE.search(label):
        return "reference"  # “一共仅有4辆。其中,这4辆公车中…”: a figure stated before, pointed at again
    return "value"


def title_of(label: str) -> str:
    """A figure's label without numbering, years, openers and closers: how to name it in a message."""
    words = vocabulary()
    text = YEAR_WORDS.sub("", words.any_anchor.sub("", LIST_NUMBERING.sub("", label)))
    text = re.sub(r"[\s\d.%]+", "", text)
    text = re.sub(r"^(?:" + alternation(words.words("list_markers")) + r")\s*[:：]?", "", text)
    for _ in range(3):
        text = words.label_closer.sub("", text)
    return text.strip("的之 ")


UNCLOSED_OPENING = re.compile(r"^[(（](?=[^)）]*$)")  # “…591万元(农村互助幸福院项目167万元”: the list's bracket


def name_of(label: str) -> tuple[str, str]:
    """(name, measure) from a figure's label: numbering, quotes, comparisons, years, the measure
    word nearest the figure, openers and closers removed."""
    words = vocabulary()
    text = LIST_NUMBERING.sub("", label)
    text = QUOTES.sub("", text).replace("(境)", "境").replace("（境）", "境")
    text = words.any_anchor.sub("", text)
    text = YEAR_WORDS.sub("", text)
    text = words.prior_word.sub("", text)
    text = re.sub(r"\d[\d.,]*\s*(?:万元|亿元|元)?|[\s.%]+", "", text)
    measure = ""
    plain = re.sub(alternation(words.words("fund_names")), lambda m: "#" * len(m.group()), text)
    found = [(plain.rfind(word), name, word) for name, word in words.measures if word in plain]
    if found:
        at, measure, word = max(found, key=lambda f: (f[0] + len(f[2]), len(f[2])))
        text = text[:at] + text[at + len(word):]
    for _ in range(3):
        text = words.label_closer.sub("", words.label_opener.sub("", text))
    text = re.sub(r"(费)支出$", r"\1", text).strip("的之 ")
    return UNCLOSED_OPENING.sub("", text), measure


def carry_subjects(facts: list[Fact]) -> None:
    """A figure with no name of its own (“支出决算为7.49万元”) is its subject's: the last named
    figure before it in the sentence."""
    subject = ""
    for fact in facts:
        if fact.role not in ("value", "prior", "completion", "rate"):
            continue
        if fact.own_name:
            subject = fact.name
        elif subject:
            if fact.measure and not fact.name.strip(" ,，"):
                fact.tags.add(MEASURE_OF_SUBJECT)
            fact.name = subject
