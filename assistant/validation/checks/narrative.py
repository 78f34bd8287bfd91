"""The score and grade a report states in words: the score against its table, the grade against
the band of the selected rule set."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.checks.scores import nearest_table, table_score, tables
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.vocabulary import alternation, vocabulary
from assistant.validation.text import Sentence

GRADE_QUOTE_LEAD = 20  # characters before the grade word shown in the quote


@lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    words = vocabulary().data
    score = re.compile(r"(" + alternation(words["score_words"]["words"]) + r")\s*(?:为|是|:|：)?\s*(\d+(?:\.\d+)?)\s*分")
    names = words["grade_words"]["names"]
    grade = re.compile(r"(?:" + alternation(words["grade_words"]["words"]) + r")\s*(?:为|是|:|：)?\s*[“\"]?("
                       + alternation(list(names)) + r")[”\"]?")
    return score, grade, names


def narrative_scores(ctx: ReviewContext) -> Iterable[tuple[Sentence, re.Match]]:
    score, _, _ = patterns()
    for sentence in ctx.sentences:
        match = score.search(sentence.clean)
        if match:
            yield sentence, match


class NarrativeScore(Check):
    id = "score.narrative"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        found = [t for t in tables(ctx) if t.total_score is not None or table_score(t)[0] is not None]
        if not found:
            return
        for sentence, match in narrative_scores(ctx):
            table = nearest_table(found, sentence)
            stated = float(match.group(2))
            value, missing = table_score(table)
            table_value = table.total_score if table.total_score is not None else value
            if abs(stated - table_value) < 1e-6:
                yield Checked(None)
                continue
            message = f"叙述中的得分{match.group(2)}分与评分表（第{table.line}行起）的{table_value:g}分不一致"
            if missing:
                message += f"；表中{'、'.join(m.name for m in missing)}未填得分"
            yield Checked(Finding(self.kind, "warning" if missing else "error", message,
                                  sentence.quote(match.start(), match.end()), f"{match.group(2)}分",
                                  f"{table_value:g}分", ctx.location(sentence, match.start(2)), self.id))


class GradeBand(Check):
    id = "grade.band"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        _, grade, names = patterns()
        for sentence, match in narrative_scores(ctx):
            found = grade.search(sentence.clean)
            if not found:
                continue
            score = float(match.group(2))
            stated, expected = names[found.group(1)], ctx.rules.grade_for(score)
            if stated == expected:
                yield Checked(None)
                continue
            message = (f"得分{score:g}分对应的等级应为“{expected}”（{ctx.rules.band_text(expected)}分，"
                       f"{ctx.rules.name}），文中为“{found.group(1)}”")
            yield Checked(Finding(self.kind, "error", message,
                                  sentence.quote(max(0, found.start() - GRADE_QUOTE_LEAD), found.end()),
                                  found.group(1), expected, ctx.location(sentence, found.start(1)), self.id))
