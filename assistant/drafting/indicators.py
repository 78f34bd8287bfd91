"""The 自评表 built from what staff stated, on the rule set's first-level indicators (national:
预算执行率 10, 产出 50, 效益 30, 满意度 10). A stated target makes an indicator scored by formula;
a missing one is marked 待补充 and counted at full points for now, said so in the row and listed,
so the score and grade are computed and the reader sees which rows rest on the provisional rule."""

from __future__ import annotations

from assistant.figures import Figures, Indicator
from assistant.rules import RuleSet

PENDING = "待补充"
PROVISIONAL = "目标值待补充，暂按满分计"
UNIT_NAMES = ("批次", "人次", "户次", "课时", "学时", "车次", "架次")  # “抽检批次”; other units read “培训数量”


def default_indicators(figures: Figures, rules: RuleSet) -> list[Indicator]:
    rows: list[Indicator] = []
    for level in rules.first_level:
        if "执行率" in level.name:
            rows += execution_rows(figures, rules, level.name, level.points)
        elif "产出" in level.name:
            rows += output_rows(figures, level.name, level.points)
        elif "满意" in level.name:
            rows += satisfaction_rows(figures, level.name, level.points)
        elif "效益" in level.name:
            subject = f"{figures.project}项目" if figures.project else "本年度工作"
            rows.append(pending(level.name, "社会效益指标", f"{subject}社会效益", level.points))
        else:
            rows.append(pending(level.name, level.name, level.name, level.points))
    return rows


def pending(level1: str, level2: str, name: str, points: float, actual: str = PENDING) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, points=points, target=PENDING, actual=actual,
                     score=points, reason=PROVISIONAL)


def execution_rows(figures: Figures, rules: RuleSet, level1: str, points: float) -> list[Indicator]:
    name = rules.execution_rate.name if rules.execution_rate else "预算执行率"
    budget = figures.budget
    if budget is None or not budget.full_year or budget.spent is None:
        return [pending(level1, level1, name, points)]
    return [Indicator(level1=level1, level2=level1, name=name, points=points, target="100%")]


def split_points(total: float, count: int) -> list[float]:
    """Whole points shared out, the remainder to the first rows (50 over 3 → 17, 17, 16)."""
    base, extra = divmod(int(total), count)
    shares = [float(base + (1 if i < extra else 0)) for i in range(count)]
    shares[0] += total - int(total)
    return shares


def output_rows(figures: Figures, level1: str, points: float) -> list[Indicator]:
    outputs = [o for o in figures.outputs if o.value is not None]
    if not outputs:
        return [pending(level1, "数量指标", "主要产出完成情况", points)]
    rows = []
    for output, share in zip(outputs, split_points(points, len(outputs)), strict=True):
        rate = output.unit == "%"
        name = output.name if rate else output.name + (output.unit if output.unit in UNIT_NAMES else "数量")
        actual = f"{output.value:g}{output.unit}"
        level2 = "质量指标" if rate else "数量指标"
        if output.target:
            rows.append(Indicator(level1=level1, level2=level2, name=name, points=share, target=output.target, actual=actual))
        else:
            rows.append(pending(level1, level2, name, share, actual))
    return rows


def satisfaction_rows(figures: Figures, level1: str, points: float) -> list[Indicator]:
    survey = figures.survey
    rate = None
    if survey is not None and survey.total and survey.satisfied is not None:
        rate = survey.satisfied / survey.total * 100
    elif survey is not None:
        rate = survey.rate
    if rate is None:
        return [pending(level1, "服务对象满意度指标", "服务对象满意度", points)]
    actual = f"{rate:.2f}%"
    if survey.target:
        return [Indicator(level1=level1, level2="服务对象满意度指标", name="服务对象满意度", points=points,
                          target=survey.target, actual=actual)]
    return [pending(level1, "服务对象满意度指标", "服务对象满意度", points, actual)]


def pending_rows(indicators: list[Indicator]) -> list[str]:
    """Names of rows whose target is still to be given."""
    return [i.name for i in indicators if i.target == PENDING]
