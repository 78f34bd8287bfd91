"""Score tables against themselves, the narrative and the selected rule set."""

from __future__ import annotations

import re

from assistant.intervals import around, severity
from assistant.numbers import parse_numbers
from assistant.scoring import execution_score, indicator_score
from assistant.validation.checks.base import Check, ctx_claims, fmt
from assistant.validation.context import Context, Sentence
from assistant.validation.model import Finding, Location
from assistant.validation.tables import Node, ScoreTable, find_tables

NARRATIVE_SCORE = re.compile(r"(自评得分|综合评分|评价得分|总得分|自评分数|得分)\s*(?:为|是|:|：)?\s*(\d+(?:\.\d+)?)\s*分")
GRADE = re.compile(r"(?:等级|结果|评价)\s*(?:为|是|:|：)?\s*[“\"]?(优秀|良好|中等|较差|优|良|中|差)[”\"]?")
GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}


def decimals_of(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


class ScoreTables(Check):
    kind = "score"

    def describe(self) -> str:
        return ("评分表：下级分值之和等于上级分值；一级分值之和等于总分；得分不超过分值；总得分等于各项得分之和；"
                "叙述中的自评得分与表一致；等级符合所选规则的分数段；预算执行率得分 = min(执行率, 100%) × 分值。")

    def check(self, ctx: Context) -> list[Finding]:
        lines = ctx.document.lines
        findings: list[Finding] = []
        tables = find_tables(lines)
        rows = execution_rows(lines)
        for table in tables:
            attach_execution_row(table, rows)
            findings.extend(self.points_add_up(ctx, table))
            findings.extend(self.scores_within_points(ctx, table))
            findings.extend(self.total_is_sum(ctx, table))
            findings.extend(self.indicator_scores(ctx, table))
        findings.extend(self.narrative(ctx, tables))
        findings.extend(self.execution_rows(ctx))
        return findings

    def at(self, ctx: Context, line: int) -> Location:
        """The section of the first sentence at or after a table line (tables hold no sentences)."""
        following = ctx.lines_after(line - 1, 1)
        section = ctx.by_line[following[0]][0].section if following else ""
        return Location(section, line)

    def quote(self, ctx: Context, line: int) -> str:
        return ctx.document.lines[line - 1].strip()[:160] if 0 < line <= len(ctx.document.lines) else ""

    def points_add_up(self, ctx: Context, table: ScoreTable) -> list[Finding]:
        findings = []
        for node in table.nodes():
            points = [c.points for c in node.children]
            if not node.children or node.points is None or None in points:
                continue
            ctx_claims(ctx)
            if abs(sum(points) - node.points) > 1e-6:
                message = f"“{node.name}”分值为{node.points:g}分，其下各项分值之和为{sum(points):g}分"
                findings.append(Finding("score", "error", message, self.quote(ctx, node.line), f"{node.points:g}",
                                        f"{sum(points):g}", self.at(ctx, node.line)))
        first = [r.points for r in table.roots]
        expected_total = table.total_points if table.total_points is not None else ctx.rules.total
        if first and None not in first and len(first) > 1:
            ctx_claims(ctx)
            if abs(sum(first) - expected_total) > 1e-6:
                line = table.total_line or table.line
                message = f"一级指标分值之和为{sum(first):g}分，总分应为{expected_total:g}分"
                findings.append(Finding("score", "error", message, self.quote(ctx, line), f"{sum(first):g}",
                                        f"{expected_total:g}", self.at(ctx, line)))
        return findings

    def scores_within_points(self, ctx: Context, table: ScoreTable) -> list[Finding]:
        findings = []
        for node in table.nodes():
            if node.score is None or node.points is None:
                continue
            ctx_claims(ctx)
            if node.score > node.points + 1e-6:
                message = f"“{node.name}”得分{node.score:g}分，超过其分值{node.points:g}分"
                findings.append(Finding("score", "error", message, self.quote(ctx, node.line), f"{node.score:g}",
                                        f"≤{node.points:g}", self.at(ctx, node.line)))
        return findings

    def table_score(self, table: ScoreTable) -> tuple[float | None, list[Node]]:
        """Sum of the scores (leaves, or the highest level that carries scores) and leaves without one."""
        scored = [n for n in table.nodes() if n.score is not None]
        if not scored:
            return None, []
        leaves = [leaf for root in table.roots for leaf in root.leaves()]
        if any(leaf.score is not None for leaf in leaves):
            missing = [leaf for leaf in leaves if leaf.score is None and leaf.points]
            return sum(leaf.score or 0 for leaf in leaves), missing
        return sum(n.score for n in scored), []

    def total_is_sum(self, ctx: Context, table: ScoreTable) -> list[Finding]:
        value, missing = self.table_score(table)
        if value is None or table.total_score is None:
            return []
        ctx_claims(ctx)
        decimals = decimals_of(table.total_score)
        verdict = severity(around(value, 2), value, table.total_score, decimals)
        if not verdict:
            return []
        message = f"评分表总得分{table.total_score:g}分，各项得分之和为{fmt(value, 2)}分"
        if missing:
            message += f"（{'、'.join(m.name for m in missing)}未填得分）"
        return [Finding("score", verdict, message, self.quote(ctx, table.total_line), f"{table.total_score:g}",
                        f"{value:g}", self.at(ctx, table.total_line))]

    def indicator_scores(self, ctx: Context, table: ScoreTable) -> list[Finding]:
        findings = []
        for node in table.nodes():
            if node.children or node.score is None or node.points is None or not (node.target and node.actual):
                continue
            expected = self.expected_indicator(ctx, node)
            if expected is None:
                continue
            ctx_claims(ctx)
            verdict = severity(around(expected, 2), expected, node.score, max(decimals_of(node.score), 1))
            if verdict:
                message = (f"“{node.name}”：指标值{node.target}，实际完成{node.actual}，按{ctx.rules.name}规则"
                           f"应得{fmt(expected, 2)}分，表中为{node.score:g}分")
                findings.append(Finding("score", verdict, message, self.quote(ctx, node.line), f"{node.score:g}",
                                        fmt(expected, 2), self.at(ctx, node.line)))
        return findings

    def expected_indicator(self, ctx: Context, node: Node) -> float | None:
        rule = ctx.rules.execution_rate
        actual = parse_numbers(node.actual)
        if rule and rule.name in node.name and actual and actual[0].is_percent:
            return execution_score(actual[0].value / 100, node.points)
        target = parse_numbers(node.target)
        if not target or not actual:
            return None
        return indicator_score(target[0], actual[0], node.points)

    def narrative(self, ctx: Context, tables: list[ScoreTable]) -> list[Finding]:
        findings = []
        table_totals = [t for t in tables if t.total_score is not None or self.table_score(t)[0] is not None]
        for sentence in ctx.sentences:
            score_match = NARRATIVE_SCORE.search(sentence.folded)
            grade_match = GRADE.search(sentence.folded)
            score = float(score_match.group(2)) if score_match else None
            if score is not None and table_totals:
                findings.extend(self.narrative_vs_table(ctx, sentence, score_match, table_totals))
            if grade_match and score is not None:
                findings.extend(self.grade_band(ctx, sentence, score, grade_match))
        return findings

    def narrative_vs_table(self, ctx: Context, sentence: Sentence, match: re.Match, tables: list[ScoreTable]) -> list[Finding]:
        table = min(tables, key=lambda t: abs(t.line - sentence.line))
        stated = float(match.group(2))
        value, missing = self.table_score(table)
        table_value = table.total_score if table.total_score is not None else value
        ctx_claims(ctx)
        if abs(stated - table_value) < 1e-6:
            return []
        severity_ = "warning" if missing else "error"
        message = f"叙述中的得分{match.group(2)}分与评分表（第{table.line}行起）的{table_value:g}分不一致"
        if missing:
            message += f"；表中{'、'.join(m.name for m in missing)}未填得分"
        quote = sentence.text[match.start():match.end()]
        return [ctx.finding("score", severity_, message, sentence, quote, f"{match.group(2)}分", f"{table_value:g}分")]

    def grade_band(self, ctx: Context, sentence: Sentence, score: float, match: re.Match) -> list[Finding]:
        ctx_claims(ctx)
        stated = GRADE_WORDS.get(match.group(1), match.group(1))
        expected = ctx.rules.grade_for(score)
        if stated == expected:
            return []
        message = (f"得分{score:g}分对应的等级应为“{expected}”（{ctx.rules.band_text(expected)}分，{ctx.rules.name}），"
                   f"文中为“{match.group(1)}”")
        quote = sentence.text[max(0, match.start() - 20):match.end()].strip()
        return [ctx.finding("grade", "error", message, sentence, quote, match.group(1), expected)]

    def execution_rows(self, ctx: Context) -> list[Finding]:
        """“年度资金总额 | 年初预算 | 全年预算 | 全年执行 | 分值 | 执行率 | 得分” rows (seed 003's layout)."""
        findings = []
        for index, (_, budget, spent, points, rate, score) in execution_rows(ctx.document.lines).items():
            line = ctx.document.lines[index]
            if budget.value == 0:
                continue
            ctx_claims(ctx)
            actual_rate = spent.value / budget.value * 100
            rate_verdict = severity(around(actual_rate, 4), actual_rate, rate.value, rate.decimals)
            expected_score = execution_score(spent.value / budget.value, points.value)
            score_verdict = severity(around(expected_score, 4), expected_score, score.value, score.decimals)
            location = self.at(ctx, index + 1)
            if rate_verdict:
                findings.append(Finding("rate", rate_verdict, f"执行率应为{spent.text} ÷ {budget.text} = {fmt(actual_rate, 2)}%，表中为{rate.text}",
                                        line.strip()[:160], rate.text, fmt(actual_rate, 2, "%"), location))
            if score_verdict:
                findings.append(Finding("score", score_verdict, f"预算执行率得分应为 min(执行率, 100%) × {points.text} = {fmt(expected_score, 2)}分，表中为{score.text}",
                                        line.strip()[:160], score.text, fmt(expected_score, 2), location))
        return findings


def execution_rows(lines: list[str]) -> dict[int, list]:
    """0-based line → [年初预算, 全年预算, 全年执行, 分值, 执行率, 得分] of each “年度资金总额” row."""
    rows = {}
    for index, line in enumerate(lines):
        if "年度资金总额" in line:
            window = " ".join(lines[index : index + 24])
            numbers = parse_numbers(window.split("年度资金总额", 1)[1])[:6]
            if len(numbers) == 6 and numbers[4].is_percent:
                rows[index] = numbers
    return rows


def attach_execution_row(table: ScoreTable, rows: dict[int, list]) -> None:
    """A 自评表 whose 执行率 row stands above its indicator rows (seed 003) scores it as one more
    first-level indicator."""
    for index, numbers in rows.items():
        if 0 < table.line - (index + 1) <= 80 and not any("执行率" in r.name for r in table.roots):
            points, score = numbers[3], numbers[5]
            table.roots.insert(0, Node("预算执行率", points.value, index + 1, score=score.value, score_text=score.text))
