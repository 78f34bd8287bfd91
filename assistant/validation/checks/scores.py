"""Score tables against themselves and the rule set: points add up, no score above its points,
the total is the sum, quantitative indicators follow the scoring rule, and the 预算执行率 row."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.intervals import around, severity
from assistant.numbers import parse_numbers
from assistant.scoring import execution_score, indicator_score
from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.execution_rows import (
    EXECUTION_ROW,
    ROLES,
    ExecutionCells,
    cells_text,
    execution_points,
    execution_rows,
    row_up_to,
)
from assistant.validation.judge import Checked
from assistant.validation.model import Finding, Location
from assistant.validation.tables import Node, ScoreTable, find_tables
from assistant.validation.text import Sentence

QUOTE_CHARS = 160
POINTS_SLACK = 1e-6
EXECUTION_ROW_REACH = 80  # lines between an execution row and the indicator table it belongs to
UNFILLED_PARENT = "表格逐格排列，未标分值的指标可能未被读出，请核对"


def decimals_of(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def tables(ctx: ReviewContext) -> list[ScoreTable]:
    if "tables" not in ctx.cache:
        found = find_tables(ctx.document.lines)
        rows = execution_rows(ctx.document.lines)
        for table in found:
            attach_execution_row(table, rows)
        ctx.cache["tables"] = found
    return ctx.cache["tables"]


def table_location(ctx: ReviewContext, line: int) -> Location:
    """The section of the first sentence at or after a table line (tables hold no sentences)."""
    after = next((s for s in ctx.sentences if s.line >= line), None)
    return Location(after.section if after else "", line)


def line_quote(ctx: ReviewContext, line: int) -> str:
    lines = ctx.document.lines
    return lines[line - 1].strip()[:QUOTE_CHARS] if 0 < line <= len(lines) else ""


def table_finding(ctx: ReviewContext, check: Check, severity_: str, message: str, line: int, stated: str,
                  expected: str, kind: str = "") -> Finding:
    return Finding(kind or check.kind, severity_, message, line_quote(ctx, line), stated, expected,
                   table_location(ctx, line), check.id)


def points_of(node: Node) -> float | None:
    """A node's points, or (a second-level cell left blank) the sum of its children's."""
    if node.points is not None:
        return node.points
    below = [points_of(c) for c in node.children]
    return sum(below) if below and None not in below else None


def table_score(table: ScoreTable) -> tuple[float | None, list[Node]]:
    """Sum of the scores (leaves, or the highest level that carries scores) and leaves without one."""
    scored = [n for n in table.nodes() if n.score is not None]
    if not scored:
        return None, []
    leaves = [leaf for root in table.roots for leaf in root.leaves()]
    if any(leaf.score is not None for leaf in leaves):
        missing = [leaf for leaf in leaves if leaf.score is None and leaf.points]
        return sum(leaf.score or 0 for leaf in leaves), missing
    return sum(n.score for n in scored), []


class PointsAddUp(Check):
    id = "score.points"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for table in tables(ctx):
            if not table.whole:
                continue  # a cut table: its indicators and total are not all in the text
            for node in table.nodes():
                points = [points_of(c) for c in node.children]
                if not node.children or node.points is None or None in points:
                    continue
                wrong = abs(sum(points) - node.points) > POINTS_SLACK
                message = f"“{node.name}”分值为{node.points:g}分，其下各项分值之和为{sum(points):g}分"
                severity_ = "error"
                if table.cells and sum(points) < node.points:  # an indicator printed without points is no node
                    severity_, message = "warning", message + f"（{UNFILLED_PARENT}）"
                yield Checked(table_finding(ctx, self, severity_, message, node.line, f"{node.points:g}",
                                            f"{sum(points):g}") if wrong else None)
            first = [r.points for r in table.roots]
            expected = table.total_points if table.total_points is not None else ctx.rules.total
            if first and None not in first and len(first) > 1:
                wrong = abs(sum(first) - expected) > POINTS_SLACK
                line = table.total_line or table.line
                message = f"一级指标分值之和为{sum(first):g}分，总分应为{expected:g}分"
                yield Checked(table_finding(ctx, self, "error", message, line, f"{expected:g}", f"{sum(first):g}")
                              if wrong else None)


class ScoresWithinPoints(Check):
    id = "score.within-points"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for table in tables(ctx):
            for node in table.nodes():
                if node.score is None or node.points is None:
                    continue
                wrong = node.score > node.points + POINTS_SLACK
                message = f"“{node.name}”得分{node.score:g}分，超过其分值{node.points:g}分"
                yield Checked(table_finding(ctx, self, "error", message, node.line, f"{node.score:g}",
                                            f"≤{node.points:g}") if wrong else None)


class TotalIsSum(Check):
    id = "score.total"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for table in tables(ctx):
            value, missing = table_score(table)
            if value is None or table.total_score is None:
                continue
            verdict = severity(around(value, 2), value, table.total_score, decimals_of(table.total_score))
            message = f"评分表总得分{table.total_score:g}分，各项得分之和为{value:.2f}分"
            if missing:
                message += f"（{'、'.join(m.name for m in missing)}未填得分）"
            yield Checked(table_finding(ctx, self, verdict, message, table.total_line, f"{table.total_score:g}",
                                        f"{value:g}") if verdict else None)


class IndicatorScores(Check):
    id = "score.indicator"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        for table in tables(ctx):
            for node in table.nodes():
                if node.children or node.score is None or node.points is None or not (node.target and node.actual):
                    continue
                expected = self.expected(ctx, node)
                if expected is None:
                    continue
                verdict = severity(around(expected, 2), expected, node.score, max(decimals_of(node.score), 1))
                message = (f"“{node.name}”：指标值{node.target}，实际完成{node.actual}，按{ctx.rules.name}规则"
                           f"应得{expected:.2f}分，表中为{node.score:g}分")
                yield Checked(table_finding(ctx, self, verdict, message, node.line, f"{node.score:g}",
                                            f"{expected:.2f}") if verdict else None)

    @staticmethod
    def expected(ctx: ReviewContext, node: Node) -> float | None:
        rule = ctx.rules.execution_rate
        actual = parse_numbers(node.actual)
        if rule and rule.name in node.name and actual and actual[0].is_percent:
            return execution_score(actual[0].value / 100, node.points)
        target = parse_numbers(node.target)
        if not target or not actual:
            return None
        return indicator_score(target[0], actual[0], node.points)


class ExecutionRow(Check):
    """“年度资金总额 | 年初预算 | 全年预算 | 全年执行 | 分值 | 执行率 | 得分” rows (seed 003's layout)."""

    id = "score.execution-row"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        yield from self.zero_totals(ctx)
        for row in execution_rows(ctx.document.lines).values():
            initial, budget, spent, points, rate, score = row.cells
            budget = budget or initial
            if budget.value:
                yield from self.row_findings(ctx, row, budget, spent, points, rate, score)

    def row_findings(self, ctx: ReviewContext, row: ExecutionCells, budget, spent, points, rate, score) -> Iterable[Checked]:
        actual = spent.value / budget.value * 100
        rate_verdict = severity(around(actual, 4), actual, rate.value, rate.decimals)
        message = f"执行率应为{spent.text} ÷ {budget.text} = {actual:.2f}%，表中为{rate.text}"
        if points is None or score is None:  # the table scores no execution
            yield Checked(self.cell_finding(ctx, rate_verdict, message, row, rate, f"{actual:.2f}%", "rate")
                          if rate_verdict else None)
            return
        expected = execution_score(spent.value / budget.value, points.value)
        score_verdict = severity(around(expected, 4), expected, score.value, score.decimals)
        follows = execution_score(rate.value / 100, points.value)
        follows_rate = severity(around(follows, 4), follows, score.value, score.decimals) is None
        if rate_verdict and score_verdict and follows_rate:  # one mistake: the score was taken from the wrong rate
            message += f"；得分{score.text}分按表中执行率算出，也应随之改为{expected:.2f}分"
        yield Checked(self.cell_finding(ctx, rate_verdict, message, row, rate, f"{actual:.2f}%", "rate")
                      if rate_verdict else None)
        message = f"预算执行率得分应为 min(执行率, 100%) × {points.text} = {expected:.2f}分，表中为{score.text}"
        yield Checked(self.cell_finding(ctx, score_verdict, message, row, score, f"{expected:.2f}")
                      if score_verdict and not (rate_verdict and follows_rate) else None)

    def cell_finding(self, ctx: ReviewContext, severity_: str, message: str, row: ExecutionCells, cell, expected: str,
                     kind: str = "") -> Finding:
        """At the line of the wrong cell (a flattened row runs over many lines), quoting the row up to it."""
        line, quote = row_up_to(ctx.document.lines, row, cell)
        return Finding(kind or self.kind, severity_, message, quote[:QUOTE_CHARS], cell.text, expected,
                       table_location(ctx, line + 1), self.id)

    def zero_totals(self, ctx: ReviewContext) -> Iterable[Checked]:
        for row in zero_total_rows(ctx.document.lines):
            yield Checked(zero_total_finding(ctx, self, row, "sum"))
            yield Checked(zero_total_finding(ctx, self, row, "rate"))


PART_ROW = re.compile(r"^\s*其中\s*[:：]?\s*(?:本年|当年)财政拨款")
ZERO_ROW_QUOTE_PARTS = 3  # the part row's three figures close the quote


@dataclass
class ZeroTotalRow:
    """“年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974”: a total row of zeros above a
    part that is not zero — the total row was left unfilled."""

    line: int  # 0-based
    total: list  # [年初预算, 全年预算, 全年执行, 分值, 执行率, 得分] as printed
    part: list  # [年初预算, 全年预算, 全年执行] of the 其中 row
    quote: str
    rate_quote: str


def zero_total_rows(lines: list[str]) -> list[ZeroTotalRow]:
    out = []
    for index, line in enumerate(lines):
        if EXECUTION_ROW not in line:
            continue
        after = cells_text(lines, index, line.index(EXECUTION_ROW) + len(EXECUTION_ROW))
        numbers = parse_numbers(after)[:6]
        if len(numbers) < 6 or any(n.value for n in numbers[:3]) or numbers[4].value or not execution_points(numbers[3]):
            continue
        rest = after[numbers[5].end:]
        if not PART_ROW.match(rest):
            continue
        part = parse_numbers(rest)[:3]
        if len(part) < 3 or not part[2].value or not part[1].value:
            continue
        end = numbers[5].end + part[ZERO_ROW_QUOTE_PARTS - 1].end
        quote = (EXECUTION_ROW + after[:end]).strip()
        out.append(ZeroTotalRow(index, numbers, part, quote, after[numbers[3].start : end].strip()))
    return out


def zero_total_finding(ctx: ReviewContext, check: Check, row: ZeroTotalRow, kind: str) -> Finding:
    budget, spent = row.part[1], row.part[2]
    if kind == "sum":
        message = (f"“年度资金总额”一行为{row.total[0].text}、{row.total[1].text}、{row.total[2].text}，"
                   f"小于其中本年财政拨款{row.part[0].text}、{budget.text}、{spent.text}：合计不能小于其分项")
        stated, expected, quote = row.total[2].text, spent.text, row.quote
    else:
        actual = spent.value / budget.value * 100
        message = (f"执行率表中为{row.total[4].text}，而其中本年财政拨款全年执行数{spent.text} ÷ 全年预算数{budget.text}"
                   f" = {actual:.2f}%（“年度资金总额”一行未填）")
        stated, expected, quote = row.total[4].text, f"{actual:.2f}%", row.rate_quote
    location = table_location(ctx, row.line + 1)
    return Finding(kind, "error", message, quote[:QUOTE_CHARS], stated, expected, location, check.id)


def attach_execution_row(table: ScoreTable, rows: dict[int, ExecutionCells]) -> None:
    """A 自评表 whose 执行率 row stands above its indicator rows (seed 003) scores it as one more
    first-level indicator."""
    for index, row in rows.items():
        if (row.six_cells and 0 < table.line - (index + 1) <= EXECUTION_ROW_REACH
                and not any("执行率" in r.name for r in table.roots)):
            points, score = row.cells[ROLES.index("points")], row.cells[ROLES.index("score")]
            table.roots.insert(0, Node("预算执行率", points.value, index + 1, score=score.value, score_text=score.text))


def nearest_table(found: list[ScoreTable], sentence: Sentence) -> ScoreTable:
    return min(found, key=lambda t: abs(t.line - sentence.line))
