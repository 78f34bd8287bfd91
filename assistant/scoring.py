"""Score formulas of DOMAIN.md §5: the one place a score is computed, for checks and drafts alike."""

from __future__ import annotations

from assistant.numbers import Number


def execution_score(rate: float, points: float) -> float:
    """预算执行率 score = min(执行率, 100%) × points."""
    return min(max(rate, 0.0), 1.0) * points


def indicator_score(target: Number, actual: Number, points: float) -> float:
    """A quantitative indicator: full points when the target is met; otherwise proportional,
    actual ÷ target for a 正向 (≥) indicator, target ÷ actual for a 反向 (≤) one; an actual of 0
    on a ≤ indicator earns full points; never above the indicator's points."""
    reverse = target.bound in ("<=", "<")
    if reverse:
        if actual.value <= target.value or actual.value == 0:
            return points
        return min(points, points * target.value / actual.value)
    if actual.value >= target.value or target.value == 0:
        return points
    return min(points, points * actual.value / target.value)
