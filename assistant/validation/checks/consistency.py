"""Checks across a report: a named quantity stated twice with different values, a standard
identity between figures stated apart (基本支出 = 人员经费 + 公用经费), a 元 figure among 万元
figures, and a stale year in a current-year statement."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher

from assistant.intervals import around
from assistant.numbers import Number
from assistant.validation.checks.base import Check, ReviewContext, location_of, quote_of
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.binding import normal, unowned
from assistant.validation.statements.facts import LIST_NUMBERING, NAMED_BY_USE, Fact
from assistant.validation.statements.periods import year_of
from assistant.validation.statements.vocabulary import vocabulary

MIN_SPECIFIC_NAME = 4  # shorter names (“支出”, “经费”) name no one quantity
YUAN_AMONG_WAN_LIMIT = 100000  # a 元 figure this large may well be meant in 元
YEAR_IN_TEXT = re.compile(r"(20\d\d)\s*年")
MAX_RESTATED_CHARS = 80  # headings and lead sentences; longer ones differ in more than their year
MIN_RESTATED_CHARS = 12
RESTATED_SIMILARITY = 0.8
STALE_OPENING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?(20\d\d)\s*年度?")


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
    return (fact.own_name and NAMED_BY_USE not in fact.tags and len(name) >= MIN_SPECIFIC_NAME and name not in words.generic_names
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
            key = (fact.sentence.scope, unowned(fact.name), measure, year_of(fact, ctx.year), fact.period, fact.stage)
            earlier = seen.setdefault(key, [])
            first = next((f for f in earlier if f.sentence is not fact.sentence), None)
            earlier.append(fact)
            if first is None or (first.qualified and fact.qualified and first.qualified != fact.qualified):
                continue
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
                if n.decimals == 2 and n.value < YUAN_AMONG_WAN_LIMIT:
                    message = f"“{fact.text}”以元为单位，而同一句的其他金额以万元计，请核对单位"
                    yield Checked(Finding(self.kind, "warning", message, quote_of([fact], fact), fact.text,
                                          f"{n.value:.2f}万元", location_of(ctx, fact), self.id))
                else:
                    yield Checked(None)


class StaleYear(Check):
    """A current-year statement opening with an earlier year, or a heading or lead sentence (no
    amounts) that repeats another of the report's word for word but for an earlier year (“迪庆州州本级2020年度“三公”
    经费决支出情况说明” beside the title's 2021年度): a template not updated."""

    id = "year.stale"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        if not ctx.year:
            return
        look_back = vocabulary().pattern("look_back_words")
        flagged: set[int] = set()
        for item in ctx.statements.document.items:
            sentence = item.sentence
            match = STALE_OPENING.search(sentence.clean)
            if not match or not (any(f.number.is_money for f in item.facts) or explains_change(sentence.clean)):
                continue
            year = int(match.group(1))
            later = [int(y) for y in YEAR_IN_TEXT.findall(sentence.clean[match.end():]) if int(y) > year]
            if year >= ctx.year or later or look_back.search(sentence.clean) or str(year) in sentence.scope + sentence.section:
                yield Checked(None)
                continue
            flagged.add(sentence.index)
            yield Checked(self.finding(ctx, sentence, match.start(1), year))
        yield from self.restated(ctx, flagged, look_back)

    def restated(self, ctx: ReviewContext, flagged: set[int], look_back) -> Iterable[Checked]:
        short = [s for s in ctx.sentences if len(s.clean.strip()) <= MAX_RESTATED_CHARS and s.index not in flagged]
        current = [year_free(s.clean) for s in short if {int(y) for y in YEAR_IN_TEXT.findall(s.clean)} == {ctx.year}]
        for sentence in short:
            years = {int(y) for y in YEAR_IN_TEXT.findall(sentence.clean)}
            if len(years) != 1 or min(years) >= ctx.year or look_back.search(sentence.clean) \
                    or any(n.is_money for n in sentence.numbers) or str(min(years)) in sentence.scope + sentence.section:
                continue  # figures of an earlier year in parallel with this year's are a comparison
            key = year_free(sentence.clean)
            if len(key) < MIN_RESTATED_CHARS:
                continue
            twin = any(similar(key, other) for other in current)
            yield Checked(self.finding(ctx, sentence, YEAR_IN_TEXT.search(sentence.clean).start(1), min(years)) if twin else None)

    def finding(self, ctx: ReviewContext, sentence, start: int, year: int) -> Finding:
        quote = sentence.quote(start, min(len(sentence.clean), start + 40))
        message = f"报告年度为{ctx.year}年，此处写作{year}年，疑为沿用往年报告未改"
        return Finding(self.kind, "warning", message, quote, f"{year}年", f"{ctx.year}年", ctx.location(sentence, start), self.id)


def explains_change(text: str) -> bool:
    """“2015年…经费支出决算同比下降的原因主要是”: the reasons for the year's change."""
    words = vocabulary()
    return bool(words.any_anchor.search(text)) and bool(words.pattern("reason_words").search(text) or "原因" in text)


def similar(a: str, b: str) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= RESTATED_SIMILARITY and matcher.quick_ratio() >= RESTATED_SIMILARITY
            and matcher.ratio() >= RESTATED_SIMILARITY)


def year_free(text: str) -> str:
    """A sentence's words without its years, figures, spaces and punctuation."""
    return re.sub(r"20\d\d\s*年度?|[^\u4e00-\u9fff]", "", text)
