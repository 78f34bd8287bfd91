"""Understanding with a model endpoint: the model reads the message into structured figures, and
each figure it returns is kept only when its value is in the message itself (as said, or said in
元 or 亿元). What the statement patterns already understood stays; the model fills what they could
not place. A failing model leaves the offline reading as it was."""

from __future__ import annotations

import json
import re

from assistant.conversation.names import Named
from assistant.conversation.reading import Understanding
from assistant.conversation.understand import Mention
from assistant.fields import fields

MONEY_FACTORS = (1.0, 10000.0, 0.0001)  # 万元 as said, or said in 元, or in 亿元
LIST_PATHS = {"outputs", "budget.items", "accounts.income", "accounts.procurement"}


def schema() -> str:
    lines = [f"- {f.path}: {f.label}" for f in fields().values() if f.kind in ("money", "count", "percent")]
    lines += ["- outputs: 产出（name 为产出名称，unit 为计量单位，如 批次、人次、%）",
              "- budget.items / accounts.income / accounts.procurement: 预算构成 / 收入来源 / 政府采购类别（name 为名称）"]
    return "\n".join(lines)


def said(value: float, text: str) -> bool:
    """The value, in 万元 or as said, is a number written in the message."""
    written = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    return any(abs(w * factor - value) < 1e-6 * max(1.0, abs(value)) for w in written for factor in MONEY_FACTORS)


def model_mentions(answer: dict, text: str) -> list[Mention]:
    known = {f.path for f in fields().values()} | LIST_PATHS
    out = []
    for item in answer.get("figures", []) if isinstance(answer.get("figures"), list) else []:
        try:
            path, value = str(item["path"]), float(item["value"])
        except (KeyError, TypeError, ValueError):
            continue
        if path in known and said(value, text):
            out.append(Mention(path, value, "", str(item.get("unit", "")), str(item.get("name") or ""),
                               prior=bool(item.get("prior")), target=bool(item.get("target"))))
    return out


def merge(understanding: Understanding, answer: dict) -> Understanding:
    """The offline reading plus the model's checked figures and names it did not have."""
    have = {(m.path, m.name, m.prior, m.target) for m in understanding.mentions}
    added = [m for m in model_mentions(answer, understanding.text) if (m.path, m.name, m.prior, m.target) not in have]
    understanding.mentions += added
    names = answer.get("names") if isinstance(answer.get("names"), dict) else {}
    present = {n.path for n in understanding.names}
    for key in ("unit", "project"):
        value = names.get(key)
        if key not in present and isinstance(value, str) and value and value in understanding.text:
            understanding.names.append(Named(key, value, (0, 0)))
    if added:
        figures = [f"{m.value:g}" for m in added]
        understanding.unplaced = [u for u in understanding.unplaced if not any(f in u for f in figures)]
    return understanding


def read_with_model(model, understanding: Understanding, current: dict) -> Understanding:
    from assistant.drafting.llm import LLMError
    from assistant.prompts import render

    prompt = render("extract_figures", schema=schema(), current=json.dumps(current, ensure_ascii=False),
                    message=understanding.text)
    try:
        answer = model.complete_json("你只输出 JSON。", prompt)
    except LLMError:
        return understanding
    return merge(understanding, answer)
