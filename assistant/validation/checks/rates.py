"""Growth (“比上年增加A万元，增长B%”), execution and other rates with their numerator and
denominator, remainders (结余 = 预算 − 支出) and “完成预算X%” against what the text says of it."""

from __future__ import annotations

import re

from assistant.intervals import around, evaluate, severity
from assistant.numbers import Number
from assistant.rules import alternation, compiled, phrases
from assistant.validation.checks.base import (
    Check,
    before,
    clause_start,
    compatible,
    ctx_claims,
    fmt,
    is_usable,
    plain,
    scale,
)
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding


def direction_before(sentence: Sentence, number: Number) -> str | None:
    """'up' or 'down' when a growth word stands right before the number ('up' for 增加/减少 with 0)."""
    window = before(sentence, number, 6)
    up = compiled(alternation("growth_up") + r"(?:/" + alternation("growth_down") + r")?\s*(?:了)?\s*$")
    down = compiled(alternation("growth_down") + r"(?:/" + alternation("growth_up") + r")?\s*(?:了)?\s*$")
    if up.search(window):
        return "up"
    if down.search(window):
        return "down"
    return None


class Growth(Check):
    kind = "growth"

    def describe(self) -> str:
        return "“比上年增加A，增长B%”：上年数 = 本年数 − A，B = A ÷ 上年数；“较上年的N增长B%”：B = (本年数 − N) ÷ N。"

    def check(self, ctx: Context) -> list[Finding]:
        anchor = compiled(alternation("growth_anchors"))
        findings = []
        for sentence in ctx.sentences:
            for match in anchor.finditer(sentence.folded):
                finding = self.judge(ctx, sentence, match)
                if finding:
                    findings.append(finding)
        return findings

    def judge(self, ctx: Context, sentence: Sentence, match: re.Match) -> Finding | None:
        following = [n for n in sentence.numbers if n.start >= match.end()]
        prior = following[0] if (following and following[0].start - match.end() <= 2 and not following[0].is_percent
                                 and direction_before(sentence, following[0]) is None) else None
        amount = next((n for n in following if not n.is_percent and n is not prior and direction_before(sentence, n)), None)
        rate = next((n for n in following if n.unit == "%" and direction_before(sentence, n)), None)
        reference = amount or prior
        if reference is None or rate is None or rate.bound:
            return None
        current = self.current_value(ctx, sentence, match.start(), reference)
        if current is None:
            return None
        ctx_claims(ctx)
        if prior is not None:
            return self.judge_against_prior(ctx, sentence, current, prior, rate)
        return self.judge_amount(ctx, sentence, current, amount, rate)

    @staticmethod
    def current_value(ctx: Context, sentence: Sentence, position: int, reference: Number) -> Number | None:
        """The figure being compared: the last one before the anchor, or before a parts list that
        stands between them (“支出8.45万元，其中：…6.25万元…，比上年减少…” compares 8.45)."""
        parts = compiled(alternation("parts_markers")).search(sentence.folded[:position])
        position = parts.start() if parts else position
        candidates = [n for n in sentence.numbers if n.end <= position and compatible(n, reference) and is_usable(n)]
        if candidates:
            return candidates[-1]
        earlier = [s for s in ctx.by_line.get(sentence.line, []) if s.index_in_line < sentence.index_in_line]
        for previous in reversed(earlier):
            candidates = [n for n in previous.numbers if compatible(n, reference) and is_usable(n)]
            if candidates:
                return candidates[0]
        return None

    def judge_amount(self, ctx: Context, sentence: Sentence, current: Number, amount: Number, rate: Number) -> Finding | None:
        sign = 1 if direction_before(sentence, amount) == "up" else -1
        factor = scale(amount, current)
        cur, amt = around(current.value, current.decimals), around(amount.value * factor, amount.decimals)
        point_last = current.value - sign * amount.value * factor
        if point_last <= 0:
            return None
        point = amount.value * factor / point_last * 100
        computed = evaluate(lambda c, a: a / (c - sign * a) * 100, cur, amt)
        verdict = computed and severity(computed, point, rate.value, rate.decimals)
        if not verdict:
            return None
        quote = sentence.quote(clause_start(sentence, amount.start) if amount.start > 0 else 0, rate.end)
        message = (f"增减率与增减额不符：上年数 = {plain(current)} {'−' if sign > 0 else '+'} {plain(amount)} = "
                   f"{fmt(point_last, current.decimals)}，{plain(amount)} ÷ {fmt(point_last, current.decimals)} = "
                   f"{fmt(point, 2)}%，文中写作{rate.text}")
        return ctx.finding("growth", verdict, message, sentence, quote, rate.text, fmt(point, max(rate.decimals, 2), "%"))

    def judge_against_prior(self, ctx: Context, sentence: Sentence, current: Number, prior: Number, rate: Number) -> Finding | None:
        if prior.value == 0:
            return None
        factor = scale(prior, current)
        point = abs(current.value - prior.value * factor) / (prior.value * factor) * 100
        computed = evaluate(lambda c, p: abs(c - p) / p * 100, around(current.value, current.decimals),
                            around(prior.value * factor, prior.decimals))
        verdict = computed and severity(computed, point, rate.value, rate.decimals)
        if not verdict:
            return None
        quote = sentence.quote(clause_start(sentence, current.start), rate.end)
        message = (f"增长率与数字不符：({plain(current)} − {plain(prior)}) ÷ {plain(prior)} = {fmt(point, 2)}%，"
                   f"文中写作{rate.text}")
        return ctx.finding("growth", verdict, message, sentence, quote, rate.text, fmt(point, max(rate.decimals, 2), "%"))


def labelled(sentences: list[Sentence], key: str, until: tuple[int, int]) -> tuple[Number, Sentence] | None:
    """The last money figure named by one of the labels under `key`, before position `until`."""
    pattern = compiled(alternation(key) + r"(?:数)?\s*(?:为|是|:|：|达|共|合计|了)?\s*$")
    found = None
    for sentence in sentences:
        for number in sentence.numbers:
            if (sentence.index_in_line, number.start) >= until:
                return found
            if number.is_money and is_usable(number) and pattern.search(before(sentence, number, 10)):
                found = (number, sentence)
    return found


class ExecutionRate(Check):
    kind = "rate"

    def describe(self) -> str:
        return "预算执行率 = 执行数 ÷ 全年预算数；结余 = 预算数 − 执行数（执行数与预算数在同一段中给出时核对）。"

    def check(self, ctx: Context) -> list[Finding]:
        rate_words = compiled(alternation("execution_rate") + r"\s*(?:为|达到|达|是|:|：)?\s*$")
        remainder = compiled(alternation("remainder_labels") + r"\s*(?:为|:|：)?\s*$")
        findings = []
        for _line, sentences in ctx.by_line.items():
            for sentence in sentences:
                for number in sentence.numbers:
                    window = before(sentence, number, 10)
                    if number.unit == "%" and rate_words.search(window):
                        findings.extend(self.judge(ctx, sentences, sentence, number, "rate"))
                    elif number.is_money and remainder.search(window) and not number.approx:
                        findings.extend(self.judge(ctx, sentences, sentence, number, "remainder"))
        return findings

    def judge(self, ctx: Context, sentences: list[Sentence], sentence: Sentence, stated: Number, what: str) -> list[Finding]:
        position = (sentence.index_in_line, stated.start)
        spent = labelled(sentences, "spent_labels", position)
        if spent is None:
            return []
        budget = labelled(sentences, "budget_labels", (spent[1].index_in_line, spent[0].start))
        if budget is None or budget[0].value == 0:
            return []
        ctx_claims(ctx)
        (b, _), (s, _) = budget, spent
        fs = scale(s, b)
        bi, si = around(b.value, b.decimals), around(s.value * fs, s.decimals)
        if what == "rate":
            point = s.value * fs / b.value * 100
            computed = evaluate(lambda x, y: y / x * 100, bi, si)
            formula = f"{plain(s)} ÷ {plain(b)} = {fmt(point, 2)}%"
            expected = fmt(point, max(stated.decimals, 2), "%")
            kind, name = "rate", "预算执行率"
        else:
            factor = scale(stated, b)
            point = (b.value - s.value * fs) / factor
            computed = evaluate(lambda x, y: (x - y) / factor, bi, si)
            formula = f"{plain(b)} − {plain(s)} = {fmt(point, max(b.decimals, s.decimals))}"
            expected = fmt(point, max(b.decimals, s.decimals), stated.unit)
            kind, name = "rate", "结余"
        verdict = computed and severity(computed, point, stated.value, stated.decimals)
        if not verdict:
            return []
        quote = sentence.quote(clause_start(sentence, stated.start), stated.end)
        message = f"{name}与预算数、执行数不符：{formula}，文中写作{stated.text}"
        return [ctx.finding(kind, verdict, message, sentence, quote, stated.text, expected)]


class BudgetCompletion(Check):
    kind = "rate"

    def describe(self) -> str:
        return "“完成预算X%”须与“决算数与预算数持平/小于/大于预算数”一致；给出年末结余时，X = 决算数 ÷ (决算数 + 结余)。"

    def check(self, ctx: Context) -> list[Finding]:
        marker = compiled(phrases()["budget_completion"])
        findings = []
        for sentence in ctx.sentences:
            match = marker.search(sentence.folded)
            if not match:
                continue
            rate = next((n for n in sentence.numbers if n.start >= match.end() and n.start - match.end() <= 3 and n.unit == "%"), None)
            if rate is None:
                continue
            ctx_claims(ctx)
            finding = self.judge_words(ctx, sentence, rate) or self.judge_remainder(ctx, sentence, rate)
            if finding:
                findings.append(finding)
        return findings

    def judge_words(self, ctx: Context, sentence: Sentence, rate: Number) -> Finding | None:
        text = sentence.folded[rate.end:]
        said = None
        for key, relation in (("completion_equal", "eq"), ("completion_less", "lt"), ("completion_more", "gt")):
            if compiled(alternation(key)).search(text):
                said = relation
        if said is None:
            return None
        interval = around(rate.value, rate.decimals)
        holds = {"eq": interval.lo <= 100 <= interval.hi, "lt": interval.lo < 100, "gt": interval.hi > 100}[said]
        if holds:
            return None
        words = {"eq": "决算数与预算数持平", "lt": "决算数小于预算数", "gt": "决算数大于预算数"}[said]
        expected = {"eq": "100%", "lt": "低于100%", "gt": "高于100%"}[said]
        quote = sentence.quote(clause_start(sentence, rate.start) - 4 if rate.start > 4 else 0)
        return ctx.finding("rate", "error", f"完成预算{rate.text}与“{words}”矛盾", sentence, quote, rate.text, expected)

    def judge_remainder(self, ctx: Context, sentence: Sentence, rate: Number) -> Finding | None:
        spent = next((n for n in reversed(sentence.numbers) if n.end <= rate.start and n.is_money), None)
        leftover = next((n for n in sentence.numbers if n.start > rate.end and n.is_money
                         and re.search(r"结余", sentence.folded[rate.end : n.start])), None)
        if spent is None or leftover is None:
            return None
        factor = scale(leftover, spent)
        budget = spent.value + leftover.value * factor
        if budget <= 0:
            return None
        point = spent.value / budget * 100
        computed = evaluate(lambda s, r: s / (s + r) * 100, around(spent.value, spent.decimals),
                            around(leftover.value * factor, leftover.decimals))
        verdict = computed and severity(computed, point, rate.value, rate.decimals)
        if not verdict:
            return None
        quote = sentence.quote(clause_start(sentence, spent.start), rate.end)
        message = (f"完成预算比例与决算数、结余不符：{plain(spent)} ÷ ({plain(spent)} + {plain(leftover)}) = "
                   f"{fmt(point, 2)}%，文中写作{rate.text}")
        return ctx.finding("rate", verdict, message, sentence, quote, rate.text, fmt(point, max(rate.decimals, 2), "%"))


class CountRate(Check):
    kind = "rate"

    def describe(self) -> str:
        return "满意率、办结率、完成率等：给出分子（如“满意742份”）和分母（如“收到问卷800份”）时，比率 = 分子 ÷ 分母。"

    def check(self, ctx: Context) -> list[Finding]:
        rate_words = compiled("(" + alternation("count_rates") + r")\s*(?:为|达到|达|是|:|：)?\s*$")
        findings = []
        for sentence in ctx.sentences:
            for rate in sentence.numbers:
                match = rate.unit == "%" and not rate.bound and rate_words.search(before(sentence, rate, 10))
                if match:
                    finding = self.judge(ctx, sentence, rate, match.group(1)[:2])
                    if finding:
                        findings.append(finding)
        return findings

    def judge(self, ctx: Context, sentence: Sentence, rate: Number, stem: str) -> Finding | None:
        previous_rate = max((n.end for n in sentence.numbers if n.is_percent and n.end <= rate.start), default=0)
        counts = [n for n in sentence.numbers if n.end <= rate.start and n.unit and not n.is_percent
                  and not n.is_money and is_usable(n)]
        numerator_zone = [n for n in counts if n.start >= previous_rate]
        numerator = next((n for n in reversed(numerator_zone) if stem in sentence.folded[max(0, n.start - 14) : n.start]), None)
        if numerator is None:
            return None
        denominators = [n for n in counts if n.start < numerator.start and n.unit == numerator.unit]
        if not denominators or denominators[-1].value == 0:
            return None
        denominator = denominators[-1]
        ctx_claims(ctx)
        point = numerator.value / denominator.value * 100
        computed = evaluate(lambda a, b: a / b * 100, around(numerator.value, numerator.decimals),
                            around(denominator.value, denominator.decimals))
        verdict = computed and severity(computed, point, rate.value, rate.decimals)
        if not verdict:
            return None
        quote = sentence.quote(clause_start(sentence, denominator.start), rate.end, limit=240)
        message = f"比率与数字不符：{plain(numerator)} ÷ {plain(denominator)} = {fmt(point, 2)}%，文中写作{rate.text}"
        return ctx.finding("rate", verdict, message, sentence, quote, rate.text, fmt(point, max(rate.decimals, 2), "%"))
