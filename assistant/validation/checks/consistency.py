"""Checks across the document: a named quantity stated twice with different values, a share of a
named whole, a 元 figure among 万元 figures, and a stale year in a current-year statement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.intervals import around
from assistant.numbers import Number
from assistant.rules import alternation, compiled
from assistant.validation.checks.base import Check, before, clause_start, ctx_claims, is_usable, plain
from assistant.validation.checks.parts import judge_share
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding

GENERIC_NAMES = {"支出", "收入", "资金", "经费", "总额", "合计", "总计", "费", "结余", "项目支出", "专项经费"}


@dataclass
class NamedValue:
    name: str
    number: Number
    sentence: Sentence


def quantity_name(sentence: Sentence, number: Number) -> str:
    """The name a figure is stated under (“公务接待费支出决算为0.46万元” → 公务接待费支出), or ''."""
    window = sentence.folded[max(0, number.start - 30) : number.start].replace("(境)", "境")
    pieces = compiled(r"([,，。；;:：、()（）\s])").split(window)
    if len(pieces) >= 2 and pieces[-2] == "、":
        return ""  # “收、支总计”: the name began before the enumeration comma
    window = re.sub(r"^\d+\.", "", pieces[-1])
    for _ in range(3):
        window = compiled(alternation("name_strip_suffixes") + "$").sub("", window)
    window = compiled(r"^.*?(20\d\d年度?|\d+月)").sub("", window)
    window = compiled(r"20\d\d年度?").sub("", window)
    window = compiled("^" + alternation("name_strip_prefixes")).sub("", window)
    window = compiled(r"经费资金$").sub("经费", window)
    if not compiled(r"[\u4e00-\u9fff“”\"]{3,24}").fullmatch(window) or window in GENERIC_NAMES:
        return ""
    if not compiled(alternation("named_suffixes") + "$").search(window):
        return ""
    return compiled(r"(费)支出$").sub(r"\1", window)


def named_values(ctx: Context) -> list[NamedValue]:
    """Every money figure stated under a name, computed once per report and shared by the checks."""
    if "named_values" not in ctx.cache:
        ctx.cache["named_values"] = find_named_values(ctx)
    return ctx.cache["named_values"]


def find_named_values(ctx: Context) -> list[NamedValue]:
    comparison = compiled(alternation("growth_anchors"))
    out = []
    for sentence in ctx.sentences:
        if comparison.search(sentence.folded):
            continue  # a comparison sentence names last year's figures too
        for number in sentence.numbers:
            if number.is_money and is_usable(number):
                name = quantity_name(sentence, number)
                if name:
                    out.append(NamedValue(name, number, sentence))
    return out


def same_quantity(a: Number, b: Number) -> bool:
    """Printed with the same precision, one quantity prints the same digits; otherwise the coarser
    figure's rounding interval must contain the finer one."""
    if a.unit == b.unit and a.decimals == b.decimals:
        return abs(a.value - b.value) < 1e-9
    return around(a.wan, a.decimals + (4 if a.unit == "元" else 0)).overlaps(
        around(b.wan, b.decimals + (4 if b.unit == "元" else 0)))


class Conflict(Check):
    kind = "conflict"

    def describe(self) -> str:
        return "同一份报告中，同名的金额（如“公务接待费”“住房公积金”）在各处应为同一数值。"

    def check(self, ctx: Context) -> list[Finding]:
        first_seen: dict[tuple[str, str], NamedValue] = {}
        findings = []
        for value in named_values(ctx):
            key = (value.sentence.scope, value.name)
            earlier = first_seen.setdefault(key, value)
            if earlier is value:
                continue
            ctx_claims(ctx)
            a, b = earlier.number, value.number
            if same_quantity(a, b):
                continue
            quote = value.sentence.quote(clause_start(value.sentence, b.start), b.end)
            message = (f"“{value.name}”前后数值不一致：第{earlier.sentence.line}行为{a.text}，"
                       f"第{value.sentence.line}行为{b.text}")
            findings.append(ctx.finding("conflict", "error", message, value.sentence, quote, b.text, a.text))
        return findings


class ShareOfNamedWhole(Check):
    kind = "share"

    def describe(self) -> str:
        return "“A占B的X%”：X = A ÷ B，其中 B 是报告中别处给出的同名合计（如“本年支出合计”“政府采购支出总额”）。"

    def check(self, ctx: Context) -> list[Finding]:
        wholes: dict[tuple[str, str], NamedValue] = {}
        for value in named_values(ctx):
            wholes.setdefault((value.sentence.scope, value.name), value)
        pattern = compiled(r"占(?P<whole>[\u4e00-\u9fff“”\"]{2,20}?)的\s*$")
        findings = []
        for sentence in ctx.sentences:
            for share in sentence.numbers:
                match = share.is_percent and pattern.search(before(sentence, share, 24))
                if not match:
                    continue
                whole = self.lookup(wholes, sentence.scope, match.group("whole"))
                part = next((n for n in reversed(sentence.numbers) if n.end <= share.start and n.is_money), None)
                if whole is None or part is None or not is_usable(part):
                    continue
                ctx_claims(ctx)
                finding = judge_share(ctx, sentence, part, whole.number, share)
                if finding:
                    findings.append(finding)
        return findings

    @staticmethod
    def lookup(wholes: dict, scope: str, name: str) -> NamedValue | None:
        for (value_scope, value_name), value in wholes.items():
            if value_scope == scope and (value_name.endswith(name) or name.endswith(value_name)):
                return value
        return None


class UnitSlip(Check):
    kind = "unit"

    def describe(self) -> str:
        return "同一句中其他金额都以万元计时，带两位小数的“元”金额多半是单位写错（应为万元）。"

    def check(self, ctx: Context) -> list[Finding]:
        findings = []
        for sentence in ctx.sentences:
            wan = [n for n in sentence.numbers if n.unit == "万元"]
            for number in sentence.numbers:
                if number.unit == "元" and number.decimals == 2 and wan and number.value < 100000:
                    ctx_claims(ctx)
                    quote = sentence.quote(clause_start(sentence, number.start), number.end)
                    message = f"“{number.text}”以元为单位，而同一句的金额都以万元计，请核对单位"
                    findings.append(ctx.finding("unit", "warning", message, sentence, quote, number.text,
                                                f"{plain(number)}万元"))
        return findings


class StaleYear(Check):
    kind = "year"

    def describe(self) -> str:
        return "报告年度为 N 时，陈述本年数字的句子不应以更早的年份开头（多为沿用上年报告未改）。"

    def check(self, ctx: Context) -> list[Finding]:
        if not ctx.year:
            return []
        comparison = compiled(alternation("comparison_words"))
        opening = compiled(r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?(20\d\d)\s*年度?")
        findings = []
        for sentence in ctx.sentences:
            match = opening.search(sentence.folded)
            if not match or not any(n.is_money for n in sentence.numbers):
                continue
            year = int(match.group(1))
            if year >= ctx.year or comparison.search(sentence.folded) or sentence.scope and str(year) in sentence.scope:
                continue
            ctx_claims(ctx)
            quote = sentence.quote(match.start(1), min(len(sentence.text), match.start(1) + 40))
            message = f"报告年度为{ctx.year}年，此处写作{year}年，疑为沿用往年报告未改"
            findings.append(ctx.finding("year", "warning", message, sentence, quote, f"{year}年", f"{ctx.year}年"))
        return findings




def plain_name(name: str) -> str:
    return re.sub(r"[“”\"]", "", name).replace("(境)", "境")


class Identities(Check):
    kind = "sum"

    def describe(self) -> str:
        return "部门决算恒等式（收入总计 = 本年收入合计 + 年初结转和结余，基本支出 = 人员经费 + 公用经费，“三公”经费 = 三项之和等），数字分散在各处时也核对。"

    def check(self, ctx: Context) -> list[Finding]:
        identities = load_identities()
        by_scope: dict[str, list[NamedValue]] = {}
        for value in named_values(ctx):
            by_scope.setdefault(value.sentence.scope, []).append(value)
        findings = []
        for values in by_scope.values():
            for identity in identities:
                finding = self.judge(ctx, values, identity)
                if finding:
                    findings.append(finding)
        return findings

    @staticmethod
    def find(values: list[NamedValue], term: str) -> list[NamedValue]:
        return [v for v in values if plain_name(v.name).endswith(term)]

    def judge(self, ctx: Context, values: list[NamedValue], identity: dict) -> Finding | None:
        """Holds when any figure stated under the total's name equals the parts' sum; otherwise the
        figure nearest the parts is reported."""
        from assistant.intervals import severity, total
        from assistant.validation.checks.base import fmt, interval_in, scale

        wholes = self.find(values, identity["total"])
        found = [self.find(values, term) for term in identity["parts"]]
        if not wholes or not all(found):
            return None
        parts = [candidates[0] for candidates in found]
        parts += [c[0] for c in (self.find(values, t) for t in identity.get("optional", [])) if c]
        if any(p.sentence.line == w.sentence.line for p in parts for w in wholes):
            return None  # the same sentence states them: PartsOfTotal judges it with its own wording
        ctx_claims(ctx)
        verdicts = []
        for whole in wholes:
            w = whole.number
            point = sum(p.number.value * scale(p.number, w) for p in parts)
            verdicts.append((severity(total([interval_in(p.number, w) for p in parts]), point, w.value, w.decimals), whole, point))
        if any(v is None for v, _, _ in verdicts):
            return None
        verdict, whole, point = min(verdicts, key=lambda item: abs(item[1].sentence.line - parts[0].sentence.line))
        w = whole.number
        decimals = max([w.decimals] + [p.number.decimals for p in parts])
        shown = " + ".join(f"{p.name}{p.number.text}（第{p.sentence.line}行）" for p in parts)
        message = f"{whole.name}{w.text}应等于{shown} = {fmt(point, decimals, w.unit)}"
        quote = whole.sentence.quote(clause_start(whole.sentence, w.start), w.end)
        return ctx.finding("sum", verdict, message, whole.sentence, quote, w.text, fmt(point, decimals, w.unit))


@lru_cache(maxsize=1)
def load_identities() -> list[dict]:
    import yaml

    from assistant.rules import RULES_DIR

    return yaml.safe_load((RULES_DIR / "identities.yaml").read_text(encoding="utf-8"))["identities"]
