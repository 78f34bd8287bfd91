"""The sentences of the chat's replies: what was recorded, what could not be used, what the code
computed, answers to questions and the summary of a draft. Numbers come from `derive` values."""

from __future__ import annotations

from assistant.conversation.phrasings import phrasings
from assistant.conversation.state import Recorded

HOW_TO = ("请直接告诉我本年的数字，例如：“我们是某县市场监督管理局，2024年食品安全抽检项目，预算120万元，实际支出113.5万元，"
          "全年抽检2400批次，上年2100批次，满意度96%”。也可以上传 .xlsx 自评表。数字齐了说“帮我写自评报告”。")
STATED_TOLERANCE = 0.005  # a stated rate rounded to two decimals still agrees
PREVIEW_KEYS = ("execution_rate", "remainder", "arrival_rate", "satisfaction_rate", "three.total", "expenditure.total",
                "revenue.total", "spending.total", "income.total", "procurement.total", "staff.control_rate")
STATED_KEYS = {"stated.execution_rate": "execution_rate", "stated.arrival_rate": "arrival_rate"}


def recorded_lines(recorded: list[Recorded]) -> list[str]:
    new = [f"{r.what} {r.value}" for r in recorded if r.before is None]
    changed = [f"{r.what} 由{r.before}改为{r.value}" for r in recorded if r.before is not None]
    lines = []
    if new:
        lines.append("已记录：" + "；".join(new) + "。")
    if changed:
        lines.append("已更正：" + "；".join(changed) + "。")
    return lines


def unplaced_lines(unplaced: list[str]) -> list[str]:
    if not unplaced:
        return []
    quoted = "”“".join(unplaced)
    return [f"这句话中的“{quoted}”没有用上：我不确定它对应报告中的哪一项，请换个说法（例如“实际支出113.5万元”“上年2100批次”）。"]


def stated_lines(stated, values) -> list[str]:
    """A rate staff quoted that the figures do not give: say so, and that the report uses ours."""
    lines = []
    for mention in stated:
        key = STATED_KEYS.get(mention.path)
        if values and key in values and abs(values[key].value - mention.value) > max(STATED_TOLERANCE, 0.5 * 10 ** -decimals(mention.value)):
            ours = values[key]
            lines.append(f"您说{ours.label}为{mention.value:g}%，按数字计算为{ours.text}%（{ours.formula}），报告中使用计算值。")
    return lines


def decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def derived_lines(values, shown: dict[str, str]) -> list[str]:
    """The derived values that are new or changed since the last reply (`shown` is updated)."""
    if not values:
        return []
    keys = [k for k in PREVIEW_KEYS if k in values]
    keys += [k for k in values if k.startswith("output.") and k.endswith((".growth", ".completion"))]
    new = [k for k in keys if shown.get(k) != values[k].with_unit]
    shown.update({k: values[k].with_unit for k in keys})
    return ["据此计算：" + "，".join(f"{values[k].label}{values[k].with_unit}" for k in new) + "。"] if new else []


def drafted_line(draft) -> str:
    errors = [f for f in draft.findings if f.severity == "error"]
    warnings = [f for f in draft.findings if f.severity == "warning"]
    pending = getattr(draft, "pending", [])
    line = f"已起草《{draft.title}》，共{len(draft.sections)}节；核对全文：{len(errors)}个错误、{len(warnings)}个警告。"
    if pending:
        line += "标为“待补充”的有：" + "、".join(pending) + "。"
    return line


def answer(key: str | None, values, data: dict) -> str:
    if key is None:
        return "您想了解哪个数？例如“执行率是多少”“结余多少钱”“得分多少”。"
    if key == "growth":
        growths = [v for k, v in (values or {}).items() if k.endswith((".growth", ".change_rate"))]
        if growths:
            return "；".join(f"{v.label}{v.with_unit}（{v.formula}）" for v in growths) + "。"
    elif values and key in values:
        value = values[key]
        shown = f"“{value.unit}”" if key == "grade" else value.with_unit
        return f"{value.label}为{shown}（{value.formula}）。"
    rule = next((r for r in phrasings()["asks"] if r["key"] == key), {"words": [key]})
    how = f"（算法：{rule['words'][0]} = {rule['formula']}）" if rule.get("formula") else ""
    return f"现有数字还算不出{rule['words'][0]}{how}，请先补充所需的数字。"


def totals_lines(data: dict) -> list[str]:
    """Totals staff stated that their parts do not add up to (the report uses the parts)."""
    from assistant.derive import stated_totals
    from assistant.drafting.building import figures_for_draft
    from assistant.figures import FiguresError

    try:
        return stated_totals(figures_for_draft(data))
    except FiguresError:
        return []
