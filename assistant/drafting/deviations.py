"""存在问题 and 改进措施 that follow from the figures: execution below 100% (with the 结余), funds
not fully arrived, an output or satisfaction below its target, an output fallen against last
year, “三公” over budget, targets still to be given. The words are in deviations.yaml; this module
decides when each applies and fills it with figures computed by `derive` (never typed by a model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.derive import Values
from assistant.drafting.indicators import PENDING
from assistant.figures import Figures
from assistant.numbers import parse_numbers

FULL = 100.0
STYLES = ("problem", "detail", "brief")


@dataclass(frozen=True)
class Deviation:
    id: str
    slots: dict[str, str]

    def text(self, style: str = "problem") -> str:
        rule = rules()[self.id]
        template = rule["with_reason"] if style == "problem" and self.slots.get("reason") and "with_reason" in rule else rule[style]
        return fill(template, self.slots)

    def measure(self, style: str = "measure") -> str:
        return fill(rules()[self.id][style], self.slots)


@lru_cache(maxsize=1)
def rules() -> dict[str, dict]:
    data = yaml.safe_load((Path(__file__).with_name("deviations.yaml")).read_text(encoding="utf-8"))
    return {d["id"]: d for d in data["deviations"]}


def fill(template: str, slots: dict[str, str]) -> str:
    return re.sub(r"\{([^{}]+)\}", lambda m: slots.get(m[1], ""), template)


def deviations(figures: Figures, values: Values) -> list[Deviation]:
    """Every deviation the figures show, in the order a report discusses them."""
    shown = {k: v.text for k, v in values.items()}
    reason = "；".join(r.rstrip("。") for r in figures.narrative.reasons)
    found: list[Deviation] = []
    if "execution_rate" in values and values["execution_rate"].value < FULL - 1e-9:
        found.append(Deviation("execution-below-full", {**shown, "reason": reason,
                                                          "reason_clause": f"，主要原因是{reason}" if reason else ""}))
    if "arrival_rate" in values and values["arrival_rate"].value < FULL - 1e-9:
        found.append(Deviation("arrival-below-full", shown))
    found += output_deviations(figures, values)
    found += satisfaction_deviation(figures, values, shown)
    if "three.completion" in values and values["three.completion"].value > FULL + 1e-9:
        found.append(Deviation("three-over-budget", shown))
    pending = [i.name for i in figures.indicators if i.target == PENDING]
    if pending:
        found.append(Deviation("provisional-targets", {"names": "、".join(pending)}))
    return found


def output_deviations(figures: Figures, values: Values) -> list[Deviation]:
    found = []
    for index, output in enumerate(figures.outputs):
        actual = f"{values[f'output.{index}'].text}{output.unit}"
        target = parse_numbers(output.target)
        if target and not meets(output.value, target[0]):
            completion = output.value / target[0].value * 100 if target[0].value else 0.0
            found.append(Deviation("output-below-target", {"name": output.name, "actual": actual, "target": output.target,
                                                           "completion": f"{completion:.2f}"}))
        growth = values.get(f"output.{index}.growth")
        if growth is not None and growth.value < 0:
            prior = values[f"output.{index}.prior"]
            found.append(Deviation("output-fell", {"name": output.name, "actual": actual, "prior": prior.with_unit,
                                                   "rate": f"{abs(growth.value):.2f}"}))
    return found


def meets(actual: float, target) -> bool:
    if target.bound in ("<=", "<"):
        return actual <= target.value
    return actual >= target.value


def satisfaction_deviation(figures: Figures, values: Values, shown: dict[str, str]) -> list[Deviation]:
    survey = figures.survey
    if survey is None or not survey.target or "satisfaction_rate" not in values:
        return []
    target = parse_numbers(survey.target)
    if target and not meets(values["satisfaction_rate"].value, target[0]):
        return [Deviation("satisfaction-below-target", {**shown, "target": survey.target})]
    return []
