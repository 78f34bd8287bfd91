"""Functional classification sums: a 类 figure equals the sum of the 项 figures listed under it
(“一般公共服务支出(类)…(款)行政运行(项)：支出决算为192.77万元”)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intervals import severity, total
from assistant.numbers import Number
from assistant.validation.checks.base import (
    Check,
    clause_start,
    compatible,
    ctx_claims,
    fmt,
    interval_in,
    plain,
    scale,
)
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding

ITEM = re.compile(r"(?P<lei>[\u4e00-\u9fff、]{2,20}?)(?:支出)?\s*\(类\)(?P<kuan>.*?)\(款\)(?P<xiang>.*?)\(项\)")
CLAUSE = re.compile(r"[,，;；:：。]")
CLASS_FIGURE = re.compile(r"(?P<lei>[\u4e00-\u9fff、]{2,20}?)(?:支出)?\s*(?:\(类\))?\s*(?:支出)?\s*$")


@dataclass
class Item:
    lei: str
    number: Number
    sentence: Sentence


def is_item(sentence: Sentence) -> re.Match | None:
    """A 类/款/项 line; the cheap substring test spares the regex almost every sentence."""
    return ITEM.search(sentence.folded) if "(项)" in sentence.folded else None


def class_name(raw: str) -> str:
    return re.sub(r"^(主要用于以下方面|主要用于|其中)", "", raw).removesuffix("支出")


class ClassificationSums(Check):
    kind = "sum"

    def describe(self) -> str:
        return "功能分类科目：“类”级支出应等于其下列出的各“项”级支出之和。"

    def check(self, ctx: Context) -> list[Finding]:
        items = self.items(ctx)
        if not items:
            return []
        by_class: dict[str, list[Item]] = {}
        for item in items:
            by_class.setdefault(item.lei, []).append(item)
        findings = []
        for sentence in ctx.sentences:
            if is_item(sentence):
                continue
            for number in sentence.numbers:
                if not number.is_money:
                    continue
                window = CLAUSE.split(sentence.folded[max(0, number.start - 24) : number.start])[-1].rstrip()
                if not window.endswith(("支出", "(类)")):
                    continue
                match = CLASS_FIGURE.search(window)
                lei = class_name(match.group("lei")) if match else ""
                if lei in by_class and (finding := self.judge(ctx, sentence, number, lei, by_class[lei])):
                    findings.append(finding)
        return findings

    @staticmethod
    def items(ctx: Context) -> list[Item]:
        out = []
        for sentence in ctx.sentences:
            match = is_item(sentence)
            if not match:
                continue
            number = next((n for n in sentence.numbers if n.start >= match.end() and n.is_money), None)
            if number is not None:
                out.append(Item(class_name(match.group("lei")), number, sentence))
        return out

    def judge(self, ctx: Context, sentence: Sentence, figure: Number, lei: str, items: list[Item]) -> Finding | None:
        parts = [i.number for i in items if compatible(i.number, figure)]
        ctx_claims(ctx)
        point = sum(p.value * scale(p, figure) for p in parts)
        verdict = severity(total([interval_in(p, figure) for p in parts]), point, figure.value, figure.decimals)
        if not verdict:
            return None
        decimals = max([figure.decimals] + [p.decimals for p in parts])
        lines = "、".join(str(i.sentence.line) for i in items)
        shown = " + ".join(plain(p) for p in parts) + " = " if len(parts) > 1 else ""
        message = f"“{lei}”类支出{figure.text}，而其下各项级科目（第{lines}行）之和为{shown}{fmt(point, decimals, figure.unit)}"
        quote = sentence.quote(clause_start(sentence, figure.start), figure.end)
        return ctx.finding("sum", verdict, message, sentence, quote, figure.text, fmt(point, decimals, figure.unit))
