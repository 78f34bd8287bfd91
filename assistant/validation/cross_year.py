"""The cross-year check (kind `cross-year`): a unit's 上年数 against its own previous report.

This year's report states figures for last year: directly (“上年“三公”经费5.20万元”, “较上年的
790.00万元”), through a change (“比上年减少0.33万元”: last year = this year ± the change), or as an
opening balance (年初结转和结余 = last year's 年末结转和结余). The same unit's report for the year
before states those items for its own year. A difference beyond rounding is a finding on this
year's report that quotes both. Which items, and how each is named: `assistant/rules/cross_year.yaml`.

Precision first: figures an item is given twice with different values (in either report), or
previous reports that disagree, say nothing; a unit named only in the body, a figure read from a
table or a report that says its last-year figures were restated make a warning, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from assistant.intervals import Interval, around
from assistant.numbers import MONEY_SCALE, Number
from assistant.rules import RULES_DIR, load_rules
from assistant.validation.checks.base import TABLE_DOUBT, digits, quote_of, scale
from assistant.validation.model import Finding, Location
from assistant.validation.statements.changes import comparable
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import Change
from assistant.validation.validator import review_context
from retrieval.documents import Document

KIND = CHECK = "cross-year"
ONE_UNIT = 1 + 1e-6  # a miss of one unit in the last printed digit (float slack)
EARLY_CHARS = 600  # a unit named this early (title, publisher) is the report's own for certain
YEAR_IN_ANCHOR = re.compile(r"(20\d\d)\s*年")
BODY_UNIT = "单位名称取自正文"
RESTATED = "本报告提到上年数口径调整"


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    pattern: re.Pattern[str]
    opening: re.Pattern[str] | None


@dataclass(frozen=True)
class CrossYearData:
    kind_name: str
    items: tuple[Item, ...]
    restated: re.Pattern[str]
    other_bases: re.Pattern[str]
    generic_unit: re.Pattern[str]


@lru_cache(maxsize=1)
def data() -> CrossYearData:
    raw = yaml.safe_load((RULES_DIR / "cross_year.yaml").read_text(encoding="utf-8"))
    items = tuple(Item(i["id"], i["name"], re.compile(i["pattern"]), re.compile(i["opening"]) if i.get("opening") else None)
                  for i in raw["items"])
    return CrossYearData(raw["kind_name"], items, re.compile("|".join(raw["restated_words"])),
                         re.compile("|".join(raw["other_bases"])), re.compile(raw["generic_unit"]))


def item_named(names: list[str], opening: bool = False) -> Item | None:
    """The one item these names (of one figure) denote, or None when none or several do."""
    found = {item for item in data().items for name in names if name
             and (item.opening if opening else item.pattern) is not None
             and (item.opening if opening else item.pattern).search(name)}
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class YearFigure:
    """One item's figure for one year, as a report states it or as it follows from what it states."""

    item: Item
    label: str  # what the figure is, for messages (“上年“三公”经费”)
    interval: Interval  # in 万元
    value: float  # in 万元
    step: float  # one unit of its last printed digit, in 万元
    stated: str  # the figure: as printed, or as it follows (“2.35万元”)
    shown: str  # how it was read (“2.02 + 0.33 = 2.35万元”)
    quote: str
    location: Location
    doubt: str = ""


@dataclass
class YearFacts:
    """What one report states for its own year and for the year before, item by item."""

    source: str
    unit: str
    year: int | None
    measure: str  # budget | final: the report's default measure; only like with like is compared
    unit_named_early: bool
    restated: bool
    last_year: dict[str, list[YearFigure]] = field(default_factory=dict)
    own_year: dict[str, list[YearFigure]] = field(default_factory=dict)


def in_wan(number: Number) -> tuple[Interval, float, float]:
    factor = MONEY_SCALE[number.unit]
    raw = around(number.value, number.decimals)
    return Interval(raw.lo * factor, raw.hi * factor), number.value * factor, 10 ** -number.decimals * factor


def printed(fact: Fact, item: Item, label: str, location: Location, doubt: str = "",
            involved: list[Fact] | None = None) -> YearFigure:
    interval, value, step = in_wan(fact.number)
    return YearFigure(item, label, interval, value, step, fact.text, fact.text, quote_of(involved or [], fact), location, doubt)


def usable(fact: Fact | None, year: int | None, measure: str) -> bool:
    """A money figure of the report's own year, in its default measure."""
    return (fact is not None and fact.is_value and fact.number.is_money and not fact.prior
            and (fact.measure or measure) == measure and fact.year in (None, year))


def read_year_facts(document: Document, unit: str, year: int | None) -> YearFacts:
    ctx = review_context(document, load_rules(None))
    statements = ctx.statements
    measure = statements.document.default_measure
    facts = YearFacts(document.source, unit, year, measure, bool(unit) and unit in document.text[:EARLY_CHARS],
                      bool(data().restated.search(document.text)))
    for change in statements.changes:
        figure = from_change(ctx, change, year, measure)
        if figure is not None:
            facts.last_year.setdefault(figure.item.id, []).append(figure)
    for fact in statements.document.facts():
        where = ctx.location(fact.sentence, fact.number.start)
        stated_prior = fact.is_value and fact.prior and fact.number.is_money and (fact.measure or measure) == measure
        if stated_prior and (item := item_named([fact.name])):
            facts.last_year.setdefault(item.id, []).append(printed(fact, item, f"上年{item.name}", where))
        elif usable(fact, year, measure):
            if item := item_named([fact.name]):
                facts.own_year.setdefault(item.id, []).append(printed(fact, item, item.name, where))
            if item := item_named([fact.name], opening=True):
                label = f"年初数（应等于上年{item.name}）"
                facts.last_year.setdefault(item.id, []).append(printed(fact, item, label, where))
    for fact in statements.document.table_facts:
        if usable(fact, year, measure) and (item := item_named([fact.name])):
            where = ctx.location(fact.sentence, fact.number.start)
            facts.own_year.setdefault(item.id, []).append(printed(fact, item, item.name, where, TABLE_DOUBT))
    return facts


def from_change(ctx, change: Change, year: int | None, measure: str) -> YearFigure | None:
    """Last year's figure a change states (“较上年的X万元”) or implies (this year ∓ the change)."""
    current = change.current
    if change.base != "上年" or change.ambiguous or change.doubt or not usable(current, year, measure) or not comparable(change):
        return None
    anchor = change.anchor_sentence.clean[change.anchor_start : change.anchor_end] if change.anchor_sentence else ""
    named = YEAR_IN_ANCHOR.search(anchor)
    if not anchor or data().other_bases.search(anchor) or named and (year is None or int(named[1]) != year - 1):
        return None
    item = item_named([change.subject, current.name, change.prior.name if change.prior else ""])
    if item is None:
        return None
    if change.prior is not None:
        where = ctx.location(change.prior.sentence, change.prior.number.start)
        return printed(change.prior, item, f"上年{item.name}", where, involved=[current])
    amount = change.amount
    if amount is None and change.direction == "flat":
        where = ctx.location(current.sentence, current.number.start)
        return printed(current, item, f"上年{item.name}", where)
    if amount is None or not amount.number.is_money:
        return None
    return implied(ctx, item, current, amount, 1 if change.direction == "up" else -1)


def implied(ctx, item: Item, current: Fact, amount: Fact, sign: int) -> YearFigure:
    """Last year = this year − the increase (or + the decrease), in rounding-aware arithmetic."""
    now, _, now_step = in_wan(current.number)
    change, _, change_step = in_wan(amount.number)
    interval = Interval(now.lo - change.hi, now.hi - change.lo) if sign > 0 else Interval(now.lo + change.lo, now.hi + change.hi)
    value = current.number.value - sign * amount.number.value * scale(amount.number, current.number)
    decimals = max(current.number.decimals, amount.number.decimals, 0)
    stated = f"{value:.{decimals}f}{current.number.unit}"
    shown = f"{digits(current)} {'−' if sign > 0 else '+'} {digits(amount)} = {stated}"
    where = ctx.location(amount.sentence, amount.number.start)
    return YearFigure(item, f"上年{item.name}", interval, value * MONEY_SCALE[current.number.unit], max(now_step, change_step), stated, shown,
                      quote_of([current], amount), where)


def agree(figures: list[YearFigure]) -> bool:
    return all(a.interval.overlaps(b.interval) for a in figures for b in figures)


def compare(this: YearFacts, previous: list[YearFacts]) -> tuple[int, list[Finding]]:
    """(claims examined, findings): this report's last-year figures against the previous reports
    of the same unit, year − 1 and measure."""
    if not this.unit or data().generic_unit.match(this.unit) or this.year is None:
        return 0, []  # a unit every county has (“县财政局”) is no unit at all
    candidates = [p for p in previous if p.unit == this.unit and p.year == this.year - 1 and p.measure == this.measure]
    claims, findings = 0, []
    for item_id, mine in this.last_year.items():
        theirs = [(p, f) for p in candidates for f in p.own_year.get(item_id, [])]
        if not theirs:
            continue
        claims += 1
        if not agree(mine) or not agree([f for _, f in theirs]):
            continue  # the item stands with two values in one of the reports: which one is meant is unclear
        report, other = min(theirs, key=lambda pair: bool(pair[1].doubt))
        finding = judge(this, mine[0], report, other)
        if finding is not None:
            findings.append(finding)
    return claims, findings


def judge(this: YearFacts, mine: YearFigure, report: YearFacts, other: YearFigure) -> Finding | None:
    if mine.interval.overlaps(other.interval):
        return None
    doubts = [d for d in (mine.doubt, other.doubt) if d]
    if not (this.unit_named_early and report.unit_named_early):
        doubts.append(BODY_UNIT)
    if this.restated:
        doubts.append(RESTATED)
    if abs(mine.value - other.value) <= max(mine.step, other.step) * ONE_UNIT:
        severity, tail = "note", "（仅末位相差一个单位，可能是尾数误差）"
    elif doubts:
        severity, tail = "warning", f"（{'；'.join(dict.fromkeys(doubts))}，请核对）"
    else:
        severity, tail = "error", ""
    mine_text = mine.stated if mine.shown == mine.stated else f"{mine.shown}（由本年数和增减额推算）"
    message = (f"{mine.label}与上年报告不一致：本报告为{mine_text}，{report.source}（{report.year}年度）写作{other.stated}"
               f"（原文：“{other.quote}”）{tail}")
    return Finding(KIND, severity, message, mine.quote, mine.stated, other.stated, mine.location, CHECK)
