"""Parts against totals (“A万元，其中：B、C、D”), the shares inside such lists, and shares that add
to 100%. A part written in 元 among 万元 that would make the list add up is reported as a unit slip."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.intervals import around, severity, total
from assistant.numbers import Number
from assistant.rules import alternation, compiled, phrases
from assistant.validation.checks.base import (
    Check,
    before,
    clause_start,
    compatible,
    ctx_claims,
    fmt,
    interval_in,
    is_usable,
    label_before,
    plain,
    scale,
)
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding

SHARE_AFTER = re.compile(r"^\s*[,，]?\s*占(?:比)?\s*(?:为)?\s*$")
GROWTH_BEFORE = re.compile(r"(增加|减少|增长|下降|上升|降低|比上年|较上年|相比)[^,，。；;]{0,4}$")


@dataclass
class PartsList:
    sentence: Sentence
    total: Number
    total_sentence: Sentence
    parts: list[tuple[Number, Sentence]]
    complete: bool


class PartsOfTotal(Check):
    kind = "sum"

    def describe(self) -> str:
        return "“合计A，其中B、C、D”：各分项之和应等于合计（按四舍五入区间判断）；分项的占比应等于分项 ÷ 合计，且各占比之和为100%。"

    def check(self, ctx: Context) -> list[Finding]:
        self.implied: list[Finding] = []
        findings: list[Finding] = []
        for parts_list in self.lists(ctx):
            ctx_claims(ctx)
            findings.extend(self.judge_sum(ctx, parts_list))
            findings.extend(self.judge_shares(ctx, parts_list))
        return findings + self.implied

    def lists(self, ctx: Context) -> list[PartsList]:
        marker = compiled(alternation("parts_markers") + r"\s*[:：]?")
        out = []
        for sentence in ctx.sentences:
            matches = list(marker.finditer(sentence.folded))
            ends = [min(clause_group_end(sentence.folded, m.end()),
                        matches[i + 1].start() if i + 1 < len(matches) else len(sentence.folded))
                    for i, m in enumerate(matches)]
            nested = [(m.start(), end) for m, end in zip(matches[1:], ends[1:], strict=True)]
            for i, match in enumerate(matches):
                # the first list runs to the sentence's end, less the lists nested in it; a later
                # list (“人员经费500.66万元，主要包括…；”) runs to its clause group's end or the next list
                end = len(sentence.folded) if i == 0 else ends[i]
                skip = nested if i == 0 else []
                found = self.parts_list(ctx, sentence, match, end, skip)
                if found:
                    out.append(found)
            if not matches:
                self.shares_without_total(ctx, sentence)
        return out

    def shares_without_total(self, ctx: Context, sentence: Sentence) -> None:
        """“…中，A 0万元，占0%；B 6.25万元，占73.96%；C 2.20万元，占26.04%”: the shares of one
        whole must add to 100%, and each must be its part over the parts' sum."""
        pairs = [(n, share_after(sentence, n)) for n in sentence.numbers if n.unit and not n.is_percent and is_usable(n)]
        pairs = [(n, s) for n, s in pairs if s is not None]
        if len(pairs) < 2:
            return
        ctx_claims(ctx)
        whole = next((n for n, s in pairs if s.value == 100), None)
        if whole is not None:  # “网上办理1190项，占比94.67%；全部事项1257项，占比100%”
            self.implied.extend(f for n, s in pairs if n is not whole and compatible(n, whole)
                                and (f := judge_share(ctx, sentence, n, whole, s)))
        elif all(n.is_money for n, _ in pairs):
            self.implied.extend(self.shares_add_up_findings(ctx, sentence, pairs, [s for _, s in pairs]))

    def parts_list(self, ctx: Context, sentence: Sentence, match: re.Match, region_end: int,
                   skip: list[tuple[int, int]]) -> PartsList | None:
        total, total_sentence = self.total_before(ctx, sentence, match.start())
        if total is None or not is_usable(total):
            return None
        region = [n for n in sentence.numbers if match.end() <= n.start < region_end and not n.is_percent
                  and not any(a <= n.start < b for a, b in skip)]
        if region and not compatible(region[0], total):
            return None  # “编制14个，其中：局长1人…” lists something else
        parts = [(n, sentence) for n in region if self.is_part(sentence, n, total)]
        if not parts and not sentence.folded[match.end():].strip():
            parts = self.parts_on_following_lines(ctx, sentence, total)
        if len(parts) < 2:
            return None
        other = compiled(alternation("other_part"))
        complete = any(other.search(label_before(s, n)) for n, s in parts)
        return PartsList(sentence, total, total_sentence, parts, complete)

    @staticmethod
    def is_part(sentence: Sentence, number: Number, total: Number) -> bool:
        if not compatible(number, total) or not is_usable(number):
            return False
        return not before(sentence, number, 3).rstrip().endswith("占") and not GROWTH_BEFORE.search(before(sentence, number, 10))

    def total_before(self, ctx: Context, sentence: Sentence, position: int) -> tuple[Number | None, Sentence]:
        candidates = [n for n in sentence.numbers if n.end <= position and not n.is_percent and n.unit]
        if candidates and position - candidates[-1].end <= 40:
            return candidates[-1], sentence
        named = sentence.folded[:position].strip(" ,，:：")
        if named and (len(named) > 10 or re.search(r"\d", named)):
            return None, sentence
        earlier = [s for s in ctx.by_line.get(sentence.line, []) if s.index_in_line < sentence.index_in_line]
        if not earlier and sentence.index_in_line == 0:
            earlier = ctx.by_line.get(ctx.line_before(sentence.line), [])[-1:]
        for previous in reversed(earlier):
            money = [n for n in previous.numbers if (n.is_money or n.unit) and not n.is_percent
                     and not GROWTH_BEFORE.search(before(previous, n, 10))
                     and (not named or before(previous, n, len(named) + 2).rstrip(":：为 ").endswith(named))]
            if money:
                return (money[-1] if named else money[0]), previous
        return None, sentence

    def parts_on_following_lines(self, ctx: Context, sentence: Sentence, total: Number) -> list[tuple[Number, Sentence]]:
        """“…其中：” at the end of a line: the parts are the first figures of the lines that follow."""
        parts: list[tuple[Number, Sentence]] = []
        for line in ctx.lines_after(sentence.line, 40):
            if line in ctx.heading_lines and not parts_line_heading(ctx, line, total):
                break
            first = next((n for s in ctx.by_line[line] for n in s.numbers if compatible(n, total)), None)
            if first is None:
                break
            owner = next(s for s in ctx.by_line[line] if first in s.numbers)
            parts.append((first, owner))
        return parts

    def judge_sum(self, ctx: Context, pl: PartsList) -> list[Finding]:
        pl = with_list_precision(pl)
        total_number = pl.total
        point = sum(n.value * scale(n, total_number) for n, _ in pl.parts)
        computed = total([interval_in(n, total_number) for n, _ in pl.parts])
        stated = around(total_number.value, total_number.decimals)
        if severity(computed, point, total_number.value, total_number.decimals) and (slip := self.unit_slip(pl)):
            return [slip]
        shortfall = stated.lo - computed.hi
        if shortfall > 0 and not pl.complete and shortfall > phrases()["partial_list_share"] * total_number.value:
            return []  # a list that covers only part of the total (“其中帮办代办407件”)
        verdict = severity(computed, point, total_number.value, total_number.decimals)
        if verdict is None:
            return []
        unit = total_number.unit
        shown = " + ".join(plain(n) + ("" if n.unit == unit else n.unit) for n, _ in pl.parts)
        _first, last = pl.parts[0], pl.parts[-1]
        quote_sentence = pl.sentence if last[1] is pl.sentence else last[1]
        if pl.total_sentence is pl.sentence and quote_sentence is pl.sentence:
            quote = pl.sentence.quote(clause_start(pl.sentence, total_number.start), last[0].end, limit=400)
        else:
            quote = pl.total_sentence.quote(clause_start(pl.total_sentence, total_number.start), total_number.end)
        decimals = max([total_number.decimals] + [n.decimals for n, _ in pl.parts])
        label = pl.total_sentence.text[clause_start(pl.total_sentence, total_number.start):total_number.start] or "合计"
        message = (f"{label}{total_number.text}与其分项之和不符：{shown} = {fmt(point, decimals, unit)}，"
                   f"相差{fmt(abs(point - total_number.value), decimals, unit)}")
        if verdict == "note":
            message += "（仅末位相差一个单位，可能是尾数误差）"
        return [ctx.finding("sum", verdict, message, pl.total_sentence, quote, total_number.text,
                            fmt(point, decimals, unit))]

    def unit_slip(self, pl: PartsList) -> Finding | None:
        """A part printed in 元 that, read as 万元, makes the list add up."""
        total_number = pl.total
        if total_number.unit != "万元":
            return None
        for number, sentence in pl.parts:
            if number.unit != "元":
                continue
            point = sum(n.value * (1.0 if n is number else scale(n, total_number)) for n, _ in pl.parts)
            intervals = [around(n.value, n.decimals) if n is number else interval_in(n, total_number) for n, _ in pl.parts]
            if severity(total(intervals), point, total_number.value, total_number.decimals) is None:
                quote = sentence.quote(clause_start(sentence, number.start), number.end)
                message = (f"“{number.text}”的单位应为万元：同一句的数字都以万元计，按万元计各分项之和"
                           f"正好等于{total_number.text}")
                return Finding("unit", "error", message, quote, number.text, f"{plain(number)}万元", sentence.location())
        return None

    def judge_shares(self, ctx: Context, pl: PartsList) -> list[Finding]:
        findings: list[Finding] = []
        shares: list[Number] = []
        for number, sentence in pl.parts:
            share = share_after(sentence, number)
            if share is None:
                continue
            shares.append(share)
            ctx_claims(ctx)
            finding = judge_share(ctx, sentence, number, pl.total, share)
            if finding:
                findings.append(finding)
        if len(shares) == len(pl.parts) and len(shares) >= 2:
            findings.extend(self.shares_add_up(ctx, pl, shares))
        return findings

    def shares_add_up(self, ctx: Context, pl: PartsList, shares: list[Number]) -> list[Finding]:
        ctx_claims(ctx)
        sentence = pl.parts[-1][1]
        return self.shares_add_up_findings(ctx, sentence, [(n, None) for n, _ in pl.parts], shares, check_each=False)

    def shares_add_up_findings(self, ctx: Context, sentence: Sentence, pairs: list, shares: list[Number],
                               check_each: bool = True) -> list[Finding]:
        point = sum(s.value for s in shares)
        computed = total([around(s.value, s.decimals) for s in shares])
        decimals = max(s.decimals for s in shares)
        verdict = severity(computed, point, 100.0, decimals)
        if verdict is None:
            if not check_each:
                return []
            whole_value = sum(n.value * scale(n, pairs[0][0]) for n, _ in pairs)
            whole = replace(pairs[0][0], value=whole_value, decimals=max(n.decimals for n, _ in pairs))
            return [f for n, s in pairs if (f := judge_share(ctx, sentence, n, whole, s))]
        quote = sentence.quote(clause_start(sentence, pairs[0][0].start), shares[-1].end, limit=400)
        message = f"各分项占比之和为{fmt(point, decimals, '%')}，应为100%"
        return [ctx.finding("share", verdict, message, sentence, quote, fmt(point, decimals, "%"), "100%")]


def judge_share(ctx: Context, sentence: Sentence, part: Number, whole: Number, share: Number) -> Finding | None:
    from assistant.intervals import evaluate

    if whole.value == 0:
        return None
    factor = scale(part, whole)
    point = part.value * factor / whole.value * 100
    computed = evaluate(lambda p, w: p * factor / w * 100, around(part.value, part.decimals), around(whole.value, whole.decimals))
    if computed is None:
        return None
    verdict = severity(computed, point, share.value, share.decimals)
    if verdict is None:
        return None
    quote = sentence.quote(clause_start(sentence, part.start), share.end)
    message = (f"占比与数字不符：{plain(part)} ÷ {plain(whole)} = {fmt(point, share.decimals + 2)}%，"
               f"文中写作{share.text}")
    return ctx.finding("share", verdict, message, sentence, quote, share.text, fmt(point, max(share.decimals, 2), "%"))


def parts_line_heading(ctx: Context, line: int, total: Number) -> bool:
    """Numbered list items (“1.…支出决算为192.77万元”) may look like headings; they still list parts."""
    return any(compatible(n, total) for s in ctx.by_line[line] for n in s.numbers)


def share_after(sentence: Sentence, number: Number) -> Number | None:
    """The “占X%” right after a part in the same clause, if any."""
    following = sentence.following(number)
    if following is not None and following.is_percent and SHARE_AFTER.match(sentence.folded[number.end : following.start]):
        return following
    return None


def clause_group_end(folded: str, start: int) -> int:
    """End of the “；”-separated group that begins at `start` (or of the sentence)."""
    ends = [i for i in (folded.find("；", start), folded.find(";", start)) if i >= 0]
    return min(ends) if ends else len(folded)


def with_list_precision(pl: PartsList) -> PartsList:
    """Reports drop trailing zeros (“印刷费5万元” beside “办公费6.32万元”): within one money list,
    every figure is read to the finest precision the list prints."""
    money = [pl.total] + [n for n, _ in pl.parts]
    if not all(n.is_money for n in money):
        return pl
    finest = max(n.decimals for n in money)
    if finest == 0 or all(n.decimals == finest for n in money):
        return pl
    widen = lambda n: replace(n, decimals=finest) if n.unit == pl.total.unit else n  # noqa: E731
    return PartsList(pl.sentence, widen(pl.total), pl.total_sentence, [(widen(n), s) for n, s in pl.parts], pl.complete)
