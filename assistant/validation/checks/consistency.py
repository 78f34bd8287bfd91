"""Checks across a report: a named quantity stated twice with different values, a standard
identity between figures stated apart (基本支出 = 人员经费 + 公用经费), and a 元 figure among 万元
figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.intervals import around
from assistant.numbers import Number
from assistant.validation.checks.base import Check, ReviewContext, location_of, quote_of
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.binding import normal, unowned
from assistant.validation.statements.facts import (
    BUDGET_MEASURES,
    MEASURE_OF_SUBJECT,
    NAMED_BY_USE,
    Fact,
)
from assistant.validation.statements.lists import UNSEEN_TOTAL
from assistant.validation.statements.periods import year_of
from assistant.validation.statements.vocabulary import vocabulary
from assistant.validation.text import LIST_NUMBERING

MIN_SPECIFIC_NAME = 4  # shorter names (“支出”, “经费”) name no one quantity
YUAN_AMONG_WAN_LIMIT = 100000  # a 元 figure this large may well be meant in 元


def same_quantity(a: Number, b: Number) -> bool:
    """Printed with the same precision, one quantity prints the same digits; otherwise the coarser
    figure's rounding interval must contain the finer one."""
    if a.unit == b.unit and a.decimals == b.decimals:
        return abs(a.value - b.value) < 1e-9
    return around(a.wan, a.decimals + (4 if a.unit == "元" else 0)).overlaps(
        around(b.wan, b.decimals + (4 if b.unit == "元" else 0)))


def specific(fact: Fact) -> bool:
    words = vocabulary()
    name = normal(fact.name)
    return ((fact.own_name or MEASURE_OF_SUBJECT in fact.tags) and NAMED_BY_USE not in fact.tags and len(name) >= MIN_SPECIFIC_NAME and name not in words.generic_names
            and bool(words.named_suffix.search(name)))


class Conflict(Check):
    """The same named amount with two values. Figures of different years or parts of a year, or in
    one sentence, are not compared; a part of a list against a figure stated on its own, or two figures in different
    sections, is a warning, since a page may describe several units or funds."""

    id = "conflict.same-name"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        seen: dict[tuple, list[Fact]] = {}
        default = ctx.statements.document.default_measure
        openings: dict[int, str] = {}
        for item in ctx.statements.document.items:
            openings.setdefault(item.sentence.paragraph, item.sentence.clean)

        def named(fact: Fact, finder: Callable[..., str]) -> str:
            """What `finder` reads in the figure's sentence before it, else at its paragraph's opening
            (“市本级(含…,下同)…”), else in its section's heading (“(二)政府性基金预算”)."""
            return (finder(fact.sentence.clean, fact.number.start) or finder(openings.get(fact.sentence.paragraph, ""))
                    or finder(fact.sentence.section))

        def subtitled(fact: Fact) -> bool:
            """A paragraph opening with a numbered subtitle (“(2)市级收支。…”) may speak of another level."""
            return bool(LIST_NUMBERING.match(openings.get(fact.sentence.paragraph, "")))  # a table cell has none

        document = ctx.statements.document
        # a part with no measure word is of its total's (“预算11324.44万元，其中：因公出国(境)费9605.80万元”)
        listed = {id(part): b.total.measure for b in ctx.statements.breakdowns if b.total for part in b.parts}
        for fact in [*document.table_facts, *document.facts()]:
            if not fact.is_value or not fact.number.is_money or not specific(fact) or fact.prior:
                continue
            measure = fact.measure or listed.get(id(fact)) or default
            if default == "budget" and measure in BUDGET_MEASURES:
                measure = default  # in a budget report, its 年初预算 is its 预算
            key = (fact.sentence.scope, unowned(fact.name), measure, year_of(fact, ctx.year), fact.period, fact.stage)
            earlier = seen.setdefault(key, [])
            first = next((f for f in earlier if f.sentence is not fact.sentence), None)
            earlier.append(fact)
            if first is None or (first.qualified and fact.qualified and first.qualified != fact.qualified):
                continue
            if any(f.qualified.startswith(UNSEEN_TOTAL) for f in (first, fact)):
                continue  # a part of a total out of sight may be another total's part than the figure's
            if named(first, entity_of) != named(fact, entity_of) or not same_fund(named(first, fund_of), named(fact, fund_of)):
                continue  # 全市 and 市级 figures, or a general budget's and a fund budget's, under one name
            if same_quantity(first.number, fact.number):
                yield Checked(None)
                continue
            mixed = bool(first.qualified) != bool(fact.qualified) or "table" in first.tags or "table" in fact.tags
            apart = first.sentence.section != fact.sentence.section or subtitled(first) or subtitled(fact)
            message = f"“{fact.name}”前后数值不一致：第{first.line}行为{first.text}，第{fact.line}行为{fact.text}"
            if mixed:
                message += "（一处为清单分项、一处单独列示，请核对是否为同一口径）"
            elif apart:
                message += "（两处分属不同章节，请核对是否为同一事项）"
            yield Checked(Finding(self.kind, "warning" if mixed or apart else "error", message, quote_of([fact], fact),
                                  fact.text, first.text, location_of(ctx, fact), self.id))


ENTITY_RUN_GAP = 1  # characters between two entity words of one subject (“全国国有企业”, “市级(含…)”)


def entity_of(text: str, end: int | None = None) -> str:
    """Whose figures a text gives, by the entity words nearest before `end` (“全国”+“国有企业”), or ""
    when it names none."""
    found = list(vocabulary().pattern("entity_words").finditer(text[:end]))
    if not found:
        return ""
    run = [found[-1]]
    for match in reversed(found[:-1]):
        if run[0].start() - match.end() > ENTITY_RUN_GAP:
            break
        run.insert(0, match)
    return "+".join(m.group() for m in run)


def fund_of(text: str, end: int | None = None) -> str:
    """The budget named last before `end` (一般公共预算, 政府性基金…), or "" when none is named."""
    found = list(vocabulary().pattern("fund_words").finditer(text[:end]))
    return found[-1].group() if found else ""


def same_fund(a: str, b: str) -> bool:
    """Two figures may be one quantity unless both name their budget and the budgets differ."""
    return not (a and b) or a == b


class UnitAmongWan(Check):
    id = "unit.yuan-among-wan"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for item in ctx.statements.document.items:
            units = [f.number.unit for f in item.facts if f.number.is_money and f.number.value]  # 0.00万元 says no unit
            if "万元" not in units or units.count("元") > units.count("万元"):
                continue
            for fact in item.facts:
                n = fact.number
                if n.unit != "元" or not n.value:
                    continue
                restated = any(o.unit == "万元" and o.value == n.value for o in item.sentence.numbers)
                if (n.decimals == 2 or (n.decimals == 1 and restated)) and n.value < YUAN_AMONG_WAN_LIMIT:
                    message = f"“{fact.text}”以元为单位，而同一句的其他金额以万元计，请核对单位"
                    yield Checked(Finding(self.kind, "warning", message, quote_of([fact], fact), fact.text,
                                          f"{n.value:.2f}万元", location_of(ctx, fact), self.id))
                else:
                    yield Checked(None)
