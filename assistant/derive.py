"""Every derived figure of a report, computed once, kept with its formula and inputs.

The drafter prints only these values (and the given ones), the grounding check accepts only these,
and the scores use `assistant.scoring`, the functions the validator checks scores with.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.figures import Figures, FiguresError, Indicator
from assistant.numbers import parse_numbers
from assistant.rules import RuleSet, UnknownRuleSet, load_rules
from assistant.scoring import execution_score, indicator_score

MONEY, PERCENT, SCORE = 2, 2, 2


@dataclass(frozen=True)
class Value:
    key: str
    label: str
    value: float
    decimals: int
    unit: str
    formula: str = "填报数"

    @property
    def text(self) -> str:
        return f"{self.value:.{self.decimals}f}"

    @property
    def with_unit(self) -> str:
        return self.text + self.unit


class Values(dict[str, Value]):
    """Key → Value for every given and derived figure of one report."""

    def given(self, key: str, label: str, value: float | None, decimals: int = MONEY, unit: str = "万元") -> None:
        if value is not None:
            self[key] = Value(key, label, float(value), decimals, unit)

    def derived(self, key: str, label: str, value: float, decimals: int, unit: str, formula: str) -> None:
        self[key] = Value(key, label, value, decimals, unit, formula)

    def text(self, key: str) -> str | None:
        return self[key].text if key in self else None

    def table(self) -> list[dict]:
        """Rows a reviewer can read: label, value, unit, formula."""
        return [{"key": v.key, "label": v.label, "value": v.text, "unit": v.unit, "formula": v.formula} for v in self.values()]


def pct(part: float, whole: float) -> float:
    return part / whole * 100


def derive(figures: Figures) -> tuple[Values, RuleSet]:
    problems = check_inputs(figures)
    if problems:
        raise FiguresError(problems)
    try:
        rules = load_rules(figures.rules)
    except UnknownRuleSet as exc:
        raise FiguresError([str(exc)]) from exc
    values = Values()
    values.derived("year", "报告年度", figures.year, 0, "年", "填报数")
    derive_budget(figures, values)
    derive_outputs(figures, values)
    derive_accounts(figures, values)
    derive_scores(figures, values, rules)
    return values, rules


def derive_budget(figures: Figures, values: Values) -> None:
    budget = figures.budget
    if budget is None:
        return
    values.given("budget.initial", "年初预算数", budget.initial)
    values.given("budget.full_year", "全年预算数", budget.full_year)
    values.given("budget.arrived", "实际到位资金", budget.arrived)
    values.given("budget.spent", "全年执行数", budget.spent)
    for index, item in enumerate(budget.items):
        values.given(f"budget.item.{index}", item.name, item.amount)
    if budget.full_year and budget.spent is not None:
        values.derived("remainder", "结余", budget.full_year - budget.spent, MONEY, "万元", "全年预算数 − 全年执行数")
        values.derived("execution_rate", "预算执行率", pct(budget.spent, budget.full_year), PERCENT, "%",
                       "全年执行数 ÷ 全年预算数 × 100%")
    if budget.spent is not None:
        derive_change(values, "spent", "全年执行数", budget.spent, budget.prior_spent)
    if budget.full_year and budget.arrived is not None:
        values.derived("arrival_rate", "资金到位率", pct(budget.arrived, budget.full_year), PERCENT, "%",
                       "实际到位资金 ÷ 全年预算数 × 100%")


def derive_outputs(figures: Figures, values: Values) -> None:
    for index, output in enumerate(figures.outputs):
        key = f"output.{index}"
        values.given(key, output.name, output.value, 0 if output.value == int(output.value) else 2, output.unit)
        for part_index, part in enumerate(output.parts):
            values.given(f"{key}.part.{part_index}", part.name, part.amount, 0 if part.amount == int(part.amount) else 2, output.unit)
        targets = parse_numbers(output.target)
        if targets and targets[0].value:
            values.given(f"{key}.target", f"{output.name}年度目标", targets[0].value,
                         0 if targets[0].value == int(targets[0].value) else 2, output.unit)
            values.derived(f"{key}.completion", f"{output.name}完成率", pct(output.value, targets[0].value), PERCENT, "%",
                           f"{output.name} ÷ 年度目标 × 100%")
        if output.prior and output.unit != "%":
            values.given(f"{key}.prior", f"上年{output.name}", output.prior, 0 if output.prior == int(output.prior) else 2, output.unit)
            values.derived(f"{key}.growth", f"{output.name}增长率", pct(output.value - output.prior, output.prior), PERCENT, "%",
                           f"({output.name} − 上年数) ÷ 上年数 × 100%")
    if figures.survey:
        derive_survey(figures.survey, values)
    if figures.staff and figures.staff.quota:
        values.given("staff.quota", "编制数", figures.staff.quota, 0, "名")
        values.given("staff.actual", "实有人数", figures.staff.actual, 0, "人")
        if figures.staff.actual is not None:
            values.derived("staff.control_rate", "编制控制率", pct(figures.staff.actual, figures.staff.quota), PERCENT, "%",
                           "实有人数 ÷ 编制数 × 100%")


def derive_survey(survey, values: Values) -> None:
    values.given("survey.total", "有效评价数", survey.total, 0, survey.unit)
    values.given("survey.satisfied", "满意数", survey.satisfied, 0, survey.unit)
    if survey.total and survey.satisfied is not None:
        values.derived("satisfaction_rate", "满意率", pct(survey.satisfied, survey.total), PERCENT, "%", "满意数 ÷ 有效评价数 × 100%")
    elif survey.rate is not None:
        values.given("satisfaction_rate", "满意度", survey.rate, PERCENT, "%")
    if survey.prior_rate is not None and "satisfaction_rate" in values:
        values.given("satisfaction_rate.prior", "上年满意度", survey.prior_rate, PERCENT, "%")


def derive_accounts(figures: Figures, values: Values) -> None:
    accounts = figures.accounts
    if accounts is None:
        return
    derive_income(accounts, values)
    derive_spending(accounts, values)
    derive_grand_total(accounts, values)
    values.given("personnel", "人员经费", accounts.personnel)
    values.given("public", "公用经费", accounts.public)
    if accounts.personnel is not None and accounts.public is not None:
        values.derived("basic.economic", "人员经费与公用经费合计", accounts.personnel + accounts.public, MONEY, "万元",
                       "人员经费 + 公用经费")
    derive_functions(accounts, values)
    values.given("government_fund", "政府性基金预算财政拨款支出", accounts.government_fund)
    values.given("state_capital", "国有资本经营预算财政拨款支出", accounts.state_capital)
    derive_three_public(accounts.three_public, values)
    if accounts.operating_cost is not None:
        values.given("operating_cost", "机关运行经费", accounts.operating_cost)
        derive_change(values, "operating_cost", "机关运行经费", accounts.operating_cost, accounts.operating_cost_prior)
    derive_procurement(accounts, values)


def derive_functions(accounts, values: Values) -> None:
    """支出决算表 rows by 功能分类: each line's total (given, or its basic plus project spending)."""
    for index, line in enumerate(accounts.functions):
        amount = line.amount
        if amount is None and line.basic is not None and line.project is not None:
            amount = line.basic + line.project
        values.given(f"function.{index}", line.name, amount)
        values.given(f"function.{index}.basic", f"{line.name}基本支出", line.basic)
        values.given(f"function.{index}.project", f"{line.name}项目支出", line.project)


def derive_income(accounts, values: Values) -> None:
    income_total = sum(i.amount for i in accounts.income) if accounts.income else accounts.income_total
    if income_total is None:
        return
    if accounts.income:
        values.derived("income.total", "本年收入合计", income_total, MONEY, "万元", " + ".join(i.name for i in accounts.income))
    else:
        values.given("income.total", "本年收入合计", income_total)
    for index, item in enumerate(accounts.income):
        values.given(f"income.{index}", item.name, item.amount)
        if income_total:
            values.derived(f"income.{index}.share", f"{item.name}占比", pct(item.amount, income_total), PERCENT, "%",
                           f"{item.name} ÷ 本年收入合计 × 100%")
        derive_change(values, f"income.{index}", item.name, item.amount, item.prior)
    derive_change(values, "income", "本年收入合计", income_total, accounts.prior_income)


def derive_grand_total(accounts, values: Values) -> None:
    """收入总计 = 本年收入合计 + 年初结转和结余 (= 支出总计). A 年初结转和结余 nobody stated is not taken
    as 0: it is worked out from the spending side when that is whole, else the total is left unknown."""
    income = values["income.total"].value if "income.total" in values else None
    carried_in = accounts.carried_in
    if carried_in is None and income is not None and "spending.total" in values:
        carried_in = values["spending.total"].value - income
        if carried_in < 0:
            carried_in = None
        else:
            values.derived("carried_in", "年初结转和结余", carried_in, MONEY, "万元", "支出总计 − 本年收入合计")
    elif carried_in is not None:
        values.given("carried_in", "年初结转和结余", carried_in)
    if income is not None and carried_in is not None:
        values.derived("revenue.total", "收入总计", income + carried_in, MONEY, "万元", "本年收入合计 + 年初结转和结余")
    elif accounts.grand_total is not None:
        values.given("revenue.total", "收、支总计", accounts.grand_total)
    if "revenue.total" in values:
        derive_change(values, "grand", "收、支总计", values["revenue.total"].value, accounts.prior_total)
        derive_carried_out(values)


def derive_carried_out(values: Values) -> None:
    """支出总计 = 收入总计: a 年末结转和结余 nobody stated is what the total leaves after this year's spending."""
    if "carried_out" in values or "expenditure.total" not in values:
        return
    left = values["revenue.total"].value - values["expenditure.total"].value
    if left >= 0:
        values.derived("carried_out", "年末结转和结余", left, MONEY, "万元", "收入总计 − 本年支出合计")
        values.derived("spending.total", "支出总计", values["revenue.total"].value, MONEY, "万元", "支出总计 = 收入总计")


def derive_spending(accounts, values: Values) -> None:
    if accounts.basic is not None and accounts.project is not None:
        spending = accounts.basic + accounts.project
        values.given("basic", "基本支出", accounts.basic)
        values.given("project", "项目支出", accounts.project)
        values.derived("expenditure.total", "本年支出合计", spending, MONEY, "万元", "基本支出 + 项目支出")
        if spending:
            values.derived("basic.share", "基本支出占比", pct(accounts.basic, spending), PERCENT, "%", "基本支出 ÷ 本年支出合计 × 100%")
            values.derived("project.share", "项目支出占比", pct(accounts.project, spending), PERCENT, "%", "项目支出 ÷ 本年支出合计 × 100%")
    elif accounts.expenditure_total is not None:
        spending = accounts.expenditure_total
        values.given("expenditure.total", "本年支出合计", spending)
    else:
        return
    if accounts.carried_out is not None:
        values.given("carried_out", "年末结转和结余", accounts.carried_out)
        values.derived("spending.total", "支出总计", spending + accounts.carried_out, MONEY, "万元", "本年支出合计 + 年末结转和结余")
    derive_change(values, "expenditure", "本年支出合计", spending, accounts.prior_expenditure)


def derive_procurement(accounts, values: Values) -> None:
    total = sum(i.amount for i in accounts.procurement) if accounts.procurement else accounts.procurement_total
    if total is None:
        return
    if accounts.procurement:
        values.derived("procurement.total", "政府采购支出总额", total, MONEY, "万元", " + ".join(i.name for i in accounts.procurement))
    else:
        values.given("procurement.total", "政府采购支出总额", total)
    for index, item in enumerate(accounts.procurement):
        values.given(f"procurement.{index}", item.name, item.amount)
    if accounts.procurement_sme is not None and total:
        values.given("procurement.sme", "授予中小企业合同金额", accounts.procurement_sme)
        values.derived("procurement.sme_share", "中小企业合同占比", pct(accounts.procurement_sme, total), PERCENT, "%",
                       "授予中小企业合同金额 ÷ 政府采购支出总额 × 100%")


THREE_PARTS = (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
               ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))


def derive_three_public(three, values: Values) -> None:
    """Parts that were stated, their sum as the total (or the stated total when no part was)."""
    if three is None:
        return
    stated = {key: getattr(three, key) for key, _ in THREE_PARTS if getattr(three, key) is not None}
    combined = three.vehicle if three.vehicle_purchase is None and three.vehicle_operation is None else None
    if stated or combined is not None:
        parts = {key: stated.get(key, 0.0) for key, _ in THREE_PARTS}
        vehicle = combined if combined is not None else parts["vehicle_purchase"] + parts["vehicle_operation"]
        total = parts["abroad"] + vehicle + parts["reception"]
        values.derived("three.total", "“三公”经费", total, MONEY, "万元", "因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费")
        for key, label in THREE_PARTS:
            if combined is None or key not in ("vehicle_purchase", "vehicle_operation"):
                values.given(f"three.{key}", label, parts[key])
                derive_change(values, f"three.{key}", label, parts[key], getattr(three, f"{key}_prior", None))
        if combined is None:
            values.derived("three.vehicle", "公务用车购置及运行维护费", vehicle, MONEY, "万元", "公务用车购置费 + 运行维护费")
        else:
            values.given("three.vehicle", "公务用车购置及运行维护费", vehicle)
        if total:
            for key, label, part in (("abroad", "因公出国（境）费", parts["abroad"]), ("vehicle", "公务用车购置及运行维护费", vehicle),
                                     ("reception", "公务接待费", parts["reception"])):
                values.derived(f"three.{key}.share", f"{label}占比", pct(part, total), PERCENT, "%", f"{label} ÷ “三公”经费 × 100%")
    elif three.total is not None:
        total = three.total
        values.given("three.total", "“三公”经费", total)
    else:
        return
    if "expenditure.total" in values and values["expenditure.total"].value:
        values.derived("three.expenditure_share", "“三公”经费占本年支出合计比例", pct(total, values["expenditure.total"].value),
                       PERCENT, "%", "“三公”经费 ÷ 本年支出合计 × 100%")
    values.given("three.vehicles", "公务用车保有量", three.vehicles, 0, "辆")
    values.given("three.reception_batches", "国内公务接待批次", three.reception_batches, 0, "批次")
    values.given("three.reception_visitors", "国内公务接待人次", three.reception_visitors, 0, "人次")
    if three.budget and three.budget > total:
        values.derived("three.under_budget", "“三公”经费决算数比预算数减少", three.budget - total, MONEY, "万元",
                       "“三公”经费预算数 − 决算数")
    if three.budget:
        values.given("three.budget", "“三公”经费预算数", three.budget)
        values.derived("three.completion", "“三公”经费完成预算", pct(total, three.budget), PERCENT, "%", "决算数 ÷ 预算数 × 100%")
    derive_change(values, "three", "“三公”经费", total, three.prior)


def derive_change(values: Values, key: str, label: str, current: float, prior: float | None) -> None:
    if not prior:
        return
    values.given(f"{key}.prior", f"上年{label}", prior)
    values.derived(f"{key}.change", f"{label}增减额", abs(current - prior), MONEY, "万元", f"|本年{label} − 上年{label}|")
    values.derived(f"{key}.change_rate", f"{label}增减率", abs(current - prior) / prior * 100, PERCENT, "%",
                   f"|本年 − 上年| ÷ 上年{label} × 100%")
    values[f"{key}.direction"] = Value(f"{key}.direction", "增减方向", 1.0 if current >= prior else -1.0, 0, "", "比较本年与上年")


def derive_scores(figures: Figures, values: Values, rules: RuleSet) -> None:
    if not figures.indicators:
        return
    total = 0.0
    for index, indicator in enumerate(figures.indicators):
        score, formula = indicator_value(indicator, values, rules)
        values.derived(f"indicator.{index}.score", f"{indicator.name}得分", score, SCORE, "分", formula)
        values.given(f"indicator.{index}.points", f"{indicator.name}分值", indicator.points, 0 if indicator.points == int(indicator.points) else 1, "分")
        total += round(score, SCORE)
    values.derived("score.total", "自评得分", total, SCORE, "分", "各三级指标得分之和")
    first_level: dict[str, float] = {}
    for indicator in figures.indicators:
        first_level[indicator.level1] = first_level.get(indicator.level1, 0) + indicator.points
    for name, points in first_level.items():
        values.derived(f"points.{name}", f"{name}分值", points, 0 if points == int(points) else 1, "分", f"{name}下各指标分值之和")
    all_points = sum(first_level.values())
    values.derived("points.total", "总分值", all_points, 0 if all_points == int(all_points) else 1, "分", "各指标分值之和")
    grade = rules.grade_for(round(total, SCORE))
    values["grade"] = Value("grade", "评价等级", 0, 0, grade, f"{rules.name}：{rules.band_text(grade)}分为“{grade}”")


def indicator_value(indicator: Indicator, values: Values, rules: RuleSet) -> tuple[float, str]:
    execution = rules.execution_rate.name if rules.execution_rate else "预算执行率"
    if execution in indicator.name and "execution_rate" in values:
        rate = values["execution_rate"].value
        return execution_score(rate / 100, indicator.points), f"min(预算执行率 {rate:.2f}%, 100%) × {indicator.points:g}"
    target, actual = parse_numbers(indicator.target), parse_numbers(indicator.actual)
    if target and actual and indicator.score is None:
        score = indicator_score(target[0], actual[0], indicator.points)
        direction = "反向" if target[0].bound in ("<=", "<") else "正向"
        return score, f"{direction}指标：指标值{indicator.target}，完成{indicator.actual}，按比例计分（满分{indicator.points:g}）"
    return float(indicator.score or 0), "定性指标，填报人评定"


def check_inputs(figures: Figures) -> list[str]:
    """Missing or contradictory inputs, each named the way a form labels it."""
    problems: list[str] = []
    budget = figures.budget
    if figures.report_type == "project":
        if budget is None:
            problems.append("预算资金数据缺失（budget）")
        else:
            if budget.full_year is None:
                problems.append("全年预算数缺失（budget.full_year）")
            if budget.spent is None:
                problems.append("全年执行数缺失（budget.spent）")
    if budget is not None:
        if budget.spent is not None and budget.arrived is not None and budget.spent > budget.arrived + 1e-6:
            problems.append(f"执行数大于到位数（执行{budget.spent:g}万元，到位{budget.arrived:g}万元）")
        for name, value in (("全年预算数", budget.full_year), ("全年执行数", budget.spent), ("实际到位资金", budget.arrived)):
            if value is not None and value < 0:
                problems.append(f"{name}不能为负数")
    if figures.report_type == "final-accounts" and figures.accounts is None:
        problems.append("决算数据缺失（accounts）")
    survey = figures.survey
    if survey and survey.satisfied is not None and survey.total is not None and survey.satisfied > survey.total:
        problems.append(f"满意数大于有效评价数（{survey.satisfied} > {survey.total}）")
    for indicator in figures.indicators:
        if indicator.score is not None and indicator.score > indicator.points:
            problems.append(f"指标“{indicator.name}”得分{indicator.score:g}超过分值{indicator.points:g}")
        numeric = parse_numbers(indicator.target) and parse_numbers(indicator.actual)
        if indicator.score is None and not numeric and "执行率" not in indicator.name:
            problems.append(f"指标“{indicator.name}”为定性指标，需填写得分（indicators.score）")
    return problems


TOTAL_TOLERANCE = 0.005  # 万元: totals and their parts are both given to two decimals


def stated_totals(figures: Figures) -> list[str]:
    """A total staff stated beside its parts that does not equal their sum (the report uses the sum)."""
    pairs = []
    if figures.budget is not None and figures.budget.items:
        pairs.append(("全年预算数", figures.budget.full_year, [i.amount for i in figures.budget.items]))
    accounts = figures.accounts
    if accounts is None:
        return [problem(*pair) for pair in pairs if inconsistent(*pair)]
    pairs += [("本年收入合计", accounts.income_total, [i.amount for i in accounts.income]),
             ("政府采购支出总额", accounts.procurement_total, [i.amount for i in accounts.procurement])]
    if accounts.basic is not None and accounts.project is not None:
        pairs.append(("本年支出合计", accounts.expenditure_total, [accounts.basic, accounts.project]))
    three = accounts.three_public
    if three is not None:
        pairs.append(("“三公”经费合计", three.total, [v for v in (three.abroad, three.vehicle_purchase,
                                                              three.vehicle_operation, three.reception) if v is not None]))
    return [problem(*pair) for pair in pairs if inconsistent(*pair)]


def inconsistent(name: str, total: float | None, parts: list[float]) -> bool:
    return total is not None and bool(parts) and abs(total - sum(parts)) > TOTAL_TOLERANCE


def problem(name: str, total: float, parts: list[float]) -> str:
    return f"您给出的{name}{total:.2f}万元与所列各项之和{sum(parts):.2f}万元不一致，请核对"
