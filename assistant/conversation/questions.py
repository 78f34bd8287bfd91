"""What a report still needs, asked one question at a time in the order chat.yaml gives, and
what must be known before anything can be drafted."""

from __future__ import annotations

from assistant.conversation.phrasings import phrasings
from assistant.conversation.state import get_path
from assistant.fields import label

FULL_EXECUTION = 100.0
TARGET_PREFIX = "output_target:"


def required_missing(data: dict) -> list[str]:
    """Labels of what a draft cannot do without (报告年度, 填报单位 …)."""
    needs = phrasings()["needs"][data.get("report_type", "project")]
    return [label(path) for path in needs["required"] if get_path(data, path) in (None, "", [])]


def next_question(data: dict, skipped: set[str], values, only: str | None = None) -> tuple[str, str] | None:
    """(key, question) of the first need not yet met nor declined (or of `only`); None when nothing is left.
    `values` are the figures worked out so far: a need code can work out is not asked."""
    execution_rate, remainder = (values[k].value if values and k in values else None for k in ("execution_rate", "remainder"))
    questions = phrasings()["questions"]
    for need in phrasings()["needs"][data.get("report_type", "project")]["ask"]:
        if only and need != only:
            continue
        key = unmet(need, data, execution_rate, values)
        if key and key not in skipped:
            name = key.removeprefix(TARGET_PREFIX)
            text = questions[need].format(name=name, rate=f"{execution_rate or 0:.2f}", remainder=f"{remainder or 0:.2f}")
            return key, text
    return None


def unmet(need: str, data: dict, execution_rate: float | None, values=None) -> str | None:
    """The key of the need when it is not met yet (output targets are keyed per output)."""
    if need == "outputs":
        return need if not any(o.get("value") is not None for o in data.get("outputs", [])) else None
    if need == "output_target":
        lacking = [o for o in data.get("outputs", []) if o.get("value") is not None and not o.get("target")]
        return TARGET_PREFIX + lacking[0]["name"] if lacking else None
    if need == "survey":
        survey = data.get("survey") or {}
        return None if survey.get("rate") is not None or survey.get("total") else need
    if need == "reasons":
        below = execution_rate is not None and execution_rate < FULL_EXECUTION - 1e-9
        return need if below and not get_path(data, "narrative.reasons") else None
    if need == "three":
        return None if get_path(data, "accounts.three_public") else need
    if need == "accounts.carried_out" and values and "carried_out" in values:
        return None  # 收入总计 − 本年支出合计: worked out once both sides are known
    return need if get_path(data, need) in (None, "", []) else None
