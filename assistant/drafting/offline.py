"""The offline drafter: fills each section's templates with computed figures, no LLM involved.

Templates reference figures by key; every number that reaches the text comes from `Values`, so
an offline draft is grounded by construction (and the grounding check still verifies it).
"""

from __future__ import annotations

import re

from assistant.derive import Values
from assistant.drafting.accounts_tables import accounts_tables
from assistant.drafting.deviations import deviations
from assistant.drafting.register import formal
from assistant.drafting.skeletons import SectionSpec
from assistant.figures import Figures

PLACEHOLDER = re.compile(r"\{([^{}|]+)(?:\|(\w+))?\}")


class Slots(dict[str, str]):
    """Everything a template may print: figures (text and unit) and composed phrases."""

    def fill(self, template: str) -> str | None:
        """The template with its placeholders filled, or None when one has no value."""
        missing = False

        def replace(match: re.Match) -> str:
            nonlocal missing
            key = match.group(1) + ("|" + match.group(2) if match.group(2) else "")
            if key not in self or self[key] == "":
                missing = True
                return ""
            return self[key]

        text = PLACEHOLDER.sub(replace, template)
        return None if missing else text


def money_list(values: Values, prefix: str, count: int, with_share: bool = False) -> str:
    parts = []
    for index in range(count):
        value = values.get(f"{prefix}.{index}")
        if value is None:
            continue
        share = values.get(f"{prefix}.{index}.share")
        text = f"{value.label}{value.with_unit}" + (f"，占{share.text}%" if with_share and share else "")
        parts.append(text + change_text(values, f"{prefix}.{index}"))
    return ("；" if with_share else "、").join(parts)


DIRECTION_WORDS = {True: ("增加", "增长"), False: ("减少", "下降")}  # (amount, rate) words of a change against last year


def change_text(values: Values, key: str) -> str:
    """“，比上年减少58.49万元，下降3.71%” for a line whose last-year amount is known."""
    direction, change, rate = (values.get(f"{key}.{part}") for part in ("direction", "change", "change_rate"))
    if direction is None or change is None or rate is None:
        return ""
    amount_word, rate_word = DIRECTION_WORDS[direction.value > 0]
    return f"，比上年{amount_word}{change.with_unit}，{rate_word}{rate.text}%"


def direction_slots(slots: Slots, values: Values, key: str) -> None:
    direction = values.get(f"{key}.direction")
    if direction is not None:
        slots[f"{key}.dir"], slots[f"{key}.dir_rate"] = DIRECTION_WORDS[direction.value > 0]


def outputs_text(figures: Figures, values: Values, listed: bool = False) -> str:
    """The outputs in one paragraph, or (`listed`, for a specific revision) one numbered line each."""
    sentences = []
    for index, output in enumerate(figures.outputs):
        value = values[f"output.{index}"]
        sentence = f"全年{output.name}{value.with_unit}"
        growth = values.get(f"output.{index}.growth")
        if growth is not None:
            prior = values[f"output.{index}.prior"]
            sentence += f"，较上年的{prior.with_unit}{'增长' if output.value >= output.prior else '下降'}{abs(growth.value):.2f}%"
        if output.parts:
            parts = "、".join(f"{values[f'output.{index}.part.{i}'].label}{values[f'output.{index}.part.{i}'].with_unit}"
                              for i in range(len(output.parts)))
            sentence += f"。其中：{parts}"
        sentences.append(sentence + "。")
    if listed and len(sentences) > 1:
        return numbered([s.removeprefix("全年") for s in sentences])
    return "".join(sentences)


def outputs_detail(figures: Figures, values: Values) -> str:
    """Each output against its target: “抽检年度目标≥2000批次，实际完成2400批次，完成率120.00%。”"""
    sentences = []
    for index, output in enumerate(figures.outputs):
        completion = values.get(f"output.{index}.completion")
        if completion is not None:
            sentences.append(f"{output.name}年度目标{output.target}，实际完成{values[f'output.{index}'].with_unit}，"
                             f"完成率{completion.text}%。")
    return "".join(sentences)


def numbered(items: list[str]) -> str:
    if len(items) == 1:
        return items[0].rstrip("。") + "。"
    return "\n".join(f"{i}.{item.rstrip('。')}。" for i, item in enumerate(items, start=1))


def indicator_table(figures: Figures, values: Values) -> str:
    if not figures.indicators:
        return ""
    rows = ["| 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分 | 偏差原因及说明 |", "|---|---|---|---|---|---|---|---|"]
    points_of: dict[str, float] = {}
    for indicator in figures.indicators:
        points_of[indicator.level1] = points_of.get(indicator.level1, 0) + indicator.points
    shown: set[str] = set()
    for index, indicator in enumerate(figures.indicators):
        level1 = "" if indicator.level1 in shown else f"{indicator.level1}({points_of[indicator.level1]:g}分)"
        shown.add(indicator.level1)
        actual = indicator.actual
        if not actual and "execution_rate" in values and "执行率" in indicator.name:
            actual = f"{values['execution_rate'].text}%"
        score = values[f"indicator.{index}.score"].text
        rows.append(f"| {level1} | {indicator.level2} | {indicator.name} | {values[f'indicator.{index}.points'].text} | "
                    f"{indicator.target} | {actual} | {score} | {indicator.reason} |")
    rows.append(f"| 合计 |  |  | {sum(i.points for i in figures.indicators):g} |  |  | {values['score.total'].text} |  |")
    return "\n".join(rows)


def deductions_text(figures: Figures, values: Values) -> str:
    lost = [(i, ind) for i, ind in enumerate(figures.indicators) if values[f"indicator.{i}.score"].value < ind.points - 1e-9]
    if not lost:
        return ""
    parts = []
    for index, indicator in lost:
        reason = f"，{indicator.reason.rstrip('。')}" if indicator.reason else ""
        parts.append(f"“{indicator.name}”指标得{values[f'indicator.{index}.score'].text}分{reason}")
    return "扣分情况：" + "；".join(parts) + "。"


FORMAL = "formal"
REGISTER = "register:"  # styles[REGISTER + section id] = "formal": kept beside the section's specific/shorter style
DEVIATION_STYLES = {"specific": "detail", "shorter": "brief"}


def first_clause(text: str) -> str:
    """“加强预算执行进度管理，按合同约定…” → “加强预算执行进度管理”: a measure in brief."""
    return re.split(r"[，,；;]", text, maxsplit=1)[0]


def budget_items_add_up(figures: Figures) -> bool:
    """The 预算构成 is printed as “其中：…” only when its items make up the whole budget."""
    total = figures.budget.full_year
    return total is not None and abs(sum(i.amount for i in figures.budget.items) - total) <= ITEMS_TOLERANCE


ITEMS_TOLERANCE = 0.005  # 万元


def build_slots(figures: Figures, values: Values, styles: dict[str, str] | None = None) -> Slots:
    styles = styles or {}
    slots = Slots()
    for key, value in values.items():
        slots[key] = value.text
        slots[f"{key}|u"] = value.unit
        slots[f"{key}|unit"] = value.unit
    slots["grade|u"] = values["grade"].unit if "grade" in values else ""
    slots.update({"unit": figures.unit, "year": str(figures.year), "project_name": figures.project})
    narrative = figures.narrative
    slots.update({"narrative.background": narrative.background, "narrative.goals": narrative.goals,
                  "narrative.method": narrative.method})
    slots["work_done_text"] = numbered(narrative.work_done) if narrative.work_done else ""
    found = deviations(figures, values)
    style = DEVIATION_STYLES.get(styles.get("problems", ""), "problem")
    problems = narrative.problems + [d.text(style) for d in found]
    measure_style = "measure_detail" if styles.get("measures") == "specific" else "measure"
    measures = narrative.measures + list(dict.fromkeys(d.measure(measure_style) for d in found))
    slots["problems_text"] = numbered(problems) if problems else ""
    slots["measures_text"] = numbered(measures if styles.get("measures") != "shorter" else [first_clause(m) for m in measures]) \
        if measures else ""
    if figures.budget and figures.budget.items and budget_items_add_up(figures):
        slots["budget.items_list"] = money_list(values, "budget.item", len(figures.budget.items))
    slots["budget_table"] = budget_table(values)
    slots["accounts_tables"] = accounts_tables(figures, values) if figures.report_type == "final-accounts" else ""
    if figures.accounts:
        slots["income_list"] = money_list(values, "income", len(figures.accounts.income), with_share=True)
        slots["procurement_list"] = money_list(values, "procurement", len(figures.accounts.procurement))
    for key in ("expenditure", "grand", "three", "operating_cost", "income", "spent", "three.abroad",
                "three.vehicle_operation", "three.reception"):
        direction_slots(slots, values, key)
    listed = "specific" in (styles.get("analysis"), styles.get("goals"))
    slots["outputs_text"] = outputs_text(figures, values, listed)
    slots["outputs_detail"] = outputs_detail(figures, values)
    slots["indicator_table"] = indicator_table(figures, values) if "score.total" in values else ""
    slots["deductions_text"] = deductions_text(figures, values) if "score.total" in values else ""
    return slots


def render_paragraphs(spec: SectionSpec, slots: Slots, style: str = "", register: str = "") -> list[tuple[str, frozenset[str]]]:
    """Each paragraph of a section with the figure keys its template printed; `style` is how a
    revision asked for the section (specific adds `detail` paragraphs, shorter drops `optional` ones,
    and a formal `register` puts staff's everyday words in the wording of published reports)."""
    out = []
    for paragraph in spec.paragraphs:
        if paragraph.detail and style != "specific" or paragraph.optional and style == "shorter":
            continue
        for option in paragraph.options:
            text = slots.fill(option)
            if text:
                out.append((formal(text) if register == FORMAL else text, frozenset(m.group(1) for m in PLACEHOLDER.finditer(option))))
                break
    empty = empty_headings([text for text, _ in out])
    return [paragraph for index, paragraph in enumerate(out) if index not in empty]


MAX_HEADING_CHARS = 30
SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、")


def empty_headings(paragraphs: list[str]) -> set[int]:
    """Indices of sub-headings such as “（二）人员情况” with nothing under them: they are left out."""
    empty = set()
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if SUBHEADING.match(paragraph) and len(paragraph) < MAX_HEADING_CHARS and (following is None or SUBHEADING.match(following)):
            empty.add(index)
    return empty


def budget_table(values: Values) -> str:
    """预算执行情况表: the budget lines a reader looks for, as a table."""
    keys = ["budget.initial", "budget.full_year", "budget.arrived", "budget.spent", "remainder", "execution_rate"]
    rows = [values[k] for k in keys if k in values]
    if len(rows) < 3:
        return ""
    lines = ["| 项目 | 数值 |", "|---|---|"] + [f"| {v.label} | {v.with_unit} |" for v in rows]
    return "\n".join(lines)
