"""Years that do not fit the report's: a current-year statement opening with an earlier year, a
heading restated for an earlier year, and a comparison with a year before last where the same
change is elsewhere a comparison with last year (a template not updated)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.consistency import same_quantity
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.relations import Change
from assistant.validation.statements.vocabulary import vocabulary

YEAR_IN_TEXT = re.compile(r"(20\d\d)\s*年")
MAX_RESTATED_CHARS = 80  # headings and lead sentences; longer ones differ in more than their year
MIN_RESTATED_CHARS = 12
RESTATED_SIMILARITY = 0.8
OPENING_REACH = 12  # characters from a sentence's start where its year names what it states
PARALLEL_CHARS = 12  # the opening words two parallel statements share
STALE_OPENING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?(20\d\d)\s*年度?")
COMPARED_YEAR = re.compile(r"(20\d\d)")
MIN_LAST_YEAR_COMPARISONS = 2  # other comparisons with last year that show what the report compares with


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
            if year >= ctx.year or later or look_back.search(sentence.clean) or str(year) in sentence.scope + sentence.section \
                    or follows_this_year(ctx, sentence, year):
                yield Checked(None)
                continue
            flagged.add(sentence.index)
            yield Checked(self.finding(ctx, sentence, match.start(1), year))
        yield from self.restated(ctx, flagged, look_back)
        yield from self.own_report(ctx, flagged)

    def own_report(self, ctx: ReviewContext, flagged: set[int]) -> Iterable[Checked]:
        """“纳入…2022年度部门决算编制范围的二级预算单位包括” in the 2023 决算: the report named under another year."""
        named = vocabulary().pattern("own_report_words", prefix=r"(20\d\d)\s*年度?\s*")
        for sentence in (s for s in ctx.sentences if s.index not in flagged):
            for match in named.finditer(sentence.clean):
                year = int(match.group(1))
                yield Checked(self.finding(ctx, sentence, match.start(1), year) if year < ctx.year else None)

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


def follows_this_year(ctx: ReviewContext, sentence, year: int) -> bool:
    """“鄂城区2022年的“三公”经费决算数合计为1000.86万,其中:…。2021年的三公经费决算数合计为807.95万,其中:…”:
    last year's figures set right after the same statement of the report's year, for comparison."""
    before = next((s for s in reversed(ctx.sentences[: sentence.index]) if s.paragraph == sentence.paragraph), None)
    if before is None or year != ctx.year - 1:
        return False
    named = re.search(rf"{ctx.year}\s*年度?", before.clean[:OPENING_REACH])
    own = STALE_OPENING.search(sentence.clean)
    return bool(named and own) and similar(year_free(before.clean[named.end():])[:PARALLEL_CHARS],
                                           year_free(sentence.clean[own.end():])[:PARALLEL_CHARS])


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


class StaleComparison(Check):
    """“2026年…支出2332.91万元，比2024年减少54.23万元” in the 2026 budget, where the same 54.23万元
    is elsewhere the change against 2025 (or 上年): last year's report's comparison year, not updated.
    Only a change whose amount is stated again against last year is judged, so a genuine comparison
    over two years is left alone."""

    id = "year.comparison"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        if not ctx.year:
            return
        changes = [c for c in ctx.statements.changes if c.amount is not None and c.anchor_sentence is not None]
        last_year = sum(compared_year(c) == ctx.year - 1 for c in changes)
        for change in changes:
            year = compared_year(change)
            if year == ctx.year and change.base == "上年" and last_year >= MIN_LAST_YEAR_COMPARISONS:
                yield Checked(self.same_year(ctx, change, last_year))  # “较2017年的1.86万元” among “较2016年”
                continue
            if year is None or year >= ctx.year - 1 or not names_year(ctx, change, ctx.year):
                continue
            twin = next((c for c in changes if c.anchor_sentence is not change.anchor_sentence
                         and same_quantity(c.amount.number, change.amount.number) and against_last_year(c, ctx.year)), None)
            yield Checked(self.finding(ctx, change, year, twin) if twin else None)

    def finding(self, ctx: ReviewContext, change: Change, year: int, twin: Change) -> Finding:
        sentence = change.anchor_sentence
        start = change.anchor_start + year_in_comparison(change).start()
        quote = sentence.quote(change.anchor_start, max(change.amount.number.end, change.anchor_end))
        line = twin.anchor_sentence.line_at(twin.anchor_start)
        message = (f"报告年度为{ctx.year}年，此处与{year}年比较；同一增减额{change.amount.text}在第{line}行是与上年"
                   f"（{ctx.year - 1}年）比较，疑为沿用往年报告的比较年份未改")
        return Finding(self.kind, "warning", message, quote, f"{year}年", f"{ctx.year - 1}年", ctx.location(sentence, start), self.id)


    def same_year(self, ctx: ReviewContext, change: Change, last_year: int) -> Finding:
        sentence = change.anchor_sentence
        start = change.anchor_start + year_in_comparison(change).start()
        quote = sentence.quote(change.anchor_start, max(change.amount.number.end, change.anchor_end))
        message = (f"报告年度为{ctx.year}年，此处却与{ctx.year}年本身比较，而文中另有{last_year}处与{ctx.year - 1}年比较，"
                   f"疑为上年（{ctx.year - 1}年）之误")
        return Finding(self.kind, "warning", message, quote, f"{ctx.year}年", f"{ctx.year - 1}年",
                       ctx.location(sentence, start), self.id)


def year_in_comparison(change: Change) -> re.Match | None:
    """The year after 比/较 in the change's comparison words (“比2024年”), if it names one."""
    return COMPARED_YEAR.search(change.anchor_sentence.clean, change.anchor_start, change.anchor_end)


def compared_year(change: Change) -> int | None:
    found = year_in_comparison(change)
    return int(found.group(1)) if found else None


def against_last_year(change: Change, year: int) -> bool:
    """A comparison with 上年/去年 or with year − 1; a part of a change list (no words of its own) with its list's."""
    named = compared_year(change)
    if named is not None:
        return named == year - 1
    return not any(int(y) < year - 1 for y in COMPARED_YEAR.findall(change.anchor_sentence.clean))


def names_year(ctx: ReviewContext, change: Change, year: int) -> bool:
    """The change's sentence, or its paragraph before it, speaks of the report's year."""
    sentence = change.anchor_sentence
    paragraph = [s.clean for s in ctx.sentences if s.paragraph == sentence.paragraph and s.index <= sentence.index]
    return any(f"{year}年" in text for text in paragraph)


YEAR_WORDS_FIGURE = re.compile(r"(20\d\d)\s*年度?([^\d,，;；。:：、]{4,30}?)(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)")


class RepeatedFigureYear(Check):
    """“主要是因为2023年含上级转移支付年初下达金额767万元” twice, then “主要是因为2022年含…767万元”: a reason
    for the year's change giving the same words and the same figure as a statement of the report's
    year, under an earlier year (a year mistyped or carried over). Only reasons are judged: an item
    stated for two years (“2022年公务接待费预算3万元”) may well be the same figure both years."""

    id = "year.repeated-figure"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        if not ctx.year:
            return
        stated = [(s, m) for s in ctx.sentences for m in YEAR_WORDS_FIGURE.finditer(s.clean)
                  if float(m.group(3).replace(",", ""))]
        current = {said(m): s for s, m in stated if int(m.group(1)) == ctx.year}
        reasons = vocabulary().pattern("reason_words")
        for sentence, match in stated:
            if int(match.group(1)) >= ctx.year or not reasons.search(sentence.clean, 0, match.start()):
                continue
            twin = current.get(said(match))
            yield Checked(self.finding(ctx, sentence, match, twin) if twin not in (None, sentence) else None)

    def finding(self, ctx: ReviewContext, sentence, match: re.Match, twin) -> Finding:
        year = int(match.group(1))
        words = match.group(0)[match.end(1) - match.start():].lstrip("年度 ")
        message = (f"同一说法“{words}”在第{twin.line_at(twin.clean.find(words))}行写作{ctx.year}年，"
                   f"此处写作{year}年，疑为年份笔误或沿用往年报告未改")
        return Finding(self.kind, "warning", message, sentence.quote(match.start(), match.end()), f"{year}年",
                       f"{ctx.year}年", ctx.location(sentence, match.start(1)), self.id)


def said(match: re.Match) -> tuple[str, float, str]:
    """What a “year + words + figure” statement says, its year left out."""
    return match.group(2).strip(), float(match.group(3).replace(",", "")), match.group(4)
