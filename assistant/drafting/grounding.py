"""Every number in a draft must be a given or derived figure, with its unit.

Used on every drafted section, LLM-written or not: a number no figure accounts for is reported
(kind `grounding`) and, in LLM mode, sends the section back for repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.derive import Values
from assistant.figures import Figures
from assistant.numbers import MONEY_SCALE, Number, parse_numbers
from assistant.validation.model import Finding, Location

ENUMERATOR = re.compile(r"^\s*$|[（(]\s*$")


@dataclass(frozen=True)
class Allowed:
    value: float
    unit: str


def allowed_numbers(figures: Figures, values: Values) -> list[Allowed]:
    allowed = [Allowed(v.value, v.unit) for v in values.values()]
    texts = [figures.narrative.background, figures.narrative.goals, figures.narrative.method, *figures.narrative.work_done,
             *figures.narrative.problems, *figures.narrative.measures, figures.project, figures.unit]
    for indicator in figures.indicators:
        texts += [indicator.target, indicator.actual, indicator.reason, indicator.name]
    texts += skeleton_literals(figures.report_type)
    for text in texts:
        allowed += [Allowed(n.value, n.unit) for n in parse_numbers(text)]
    return allowed


def skeleton_literals(report_type: str) -> list[str]:
    """The fixed wording of the skeleton (“中央八项规定”) was written and reviewed with the code."""
    from assistant.drafting.deviations import rules
    from assistant.drafting.offline import PLACEHOLDER
    from assistant.drafting.skeletons import skeleton

    texts = [option for spec in skeleton(report_type).sections for paragraph in spec.paragraphs for option in paragraph.options]
    texts += [rule[style] for rule in rules().values() for style in ("problem", "detail", "brief", "measure", "measure_detail")]
    return [PLACEHOLDER.sub(" ", text) for text in texts]


def matches(number: Number, allowed: Allowed) -> bool:
    tolerance = number.half_unit + 1e-9
    if number.is_money and allowed.unit in MONEY_SCALE:
        return abs(number.wan - allowed.value * MONEY_SCALE[allowed.unit]) <= tolerance * MONEY_SCALE[number.unit]
    if number.unit in ("", "分") or allowed.unit in ("", "分") or number.unit == allowed.unit:
        return abs(number.value - allowed.value) <= tolerance
    return False


def is_enumerator(line: str, number: Number) -> bool:
    """“1.”, “（2）” and the like number paragraphs; they are not figures."""
    return not number.unit and number.decimals == 0 and number.value <= 30 and bool(ENUMERATOR.search(line[: number.start]))


def ungrounded(text: str, allowed: list[Allowed]) -> list[tuple[int, str, Number]]:
    """(line index, line, number) for every number in `text` that no allowed figure accounts for."""
    out = []
    for index, line in enumerate(text.split("\n")):
        if line.lstrip().startswith("|") and line.count("|") > 2 and set(line.replace("|", "").strip()) <= set("-: "):
            continue
        for number in parse_numbers(line):
            if is_enumerator(line, number) or any(matches(number, a) for a in allowed):
                continue
            out.append((index, line, number))
    return out


def grounding_findings(section: str, text: str, allowed: list[Allowed], first_line: int = 1) -> list[Finding]:
    findings = []
    for index, line, number in ungrounded(text, allowed):
        quote = line[max(0, number.start - 20) : number.end + 10].strip()
        findings.append(Finding("grounding", "error", f"数字“{number.text}”不是填报或计算得出的数字，来源不明", quote,
                                number.text, "（无来源）", Location(section, first_line + index)))
    return findings
