"""The conversation layer: staff state figures in plain sentences, jixiao echoes what it understood,
asks for what is missing, and drafts or redrafts on request. Numbers in replies come from the
figures and `derive`, never from the model.

Extraction uses the endpoint's JSON answer when one is configured and the statement patterns in
assistant/rules/chat_fields.yaml otherwise (or when the model fails).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from assistant.figures import FiguresError, parse_figures
from assistant.rules import RULES_DIR
from retrieval.normalize import fold

REQUIRED = {
    "project": [("year", "报告年度"), ("unit", "填报单位"), ("budget.full_year", "全年预算数"), ("budget.spent", "全年执行数")],
    "department": [("year", "报告年度"), ("unit", "填报单位")],
    "final-accounts": [("year", "报告年度"), ("unit", "填报单位"), ("accounts.basic", "基本支出"), ("accounts.project", "项目支出")],
}
SECTION_WORDS = {"problems": "存在问题", "measures": "改进", "overview": "概况", "analysis": "绩效分析", "conclusion": "结论",
                 "method": "评价实施", "goals": "绩效目标完成", "spending": "整体支出", "basics": "基本情况"}


@lru_cache(maxsize=1)
def patterns() -> dict:
    return yaml.safe_load((RULES_DIR / "chat_fields.yaml").read_text(encoding="utf-8"))


@dataclass
class Reply:
    text: str
    draft: object | None = None
    understood: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def get_path(data: dict, path: str):
    node = data
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def set_path(data: dict, path: str, value) -> None:
    node = data
    *parents, leaf = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[leaf] = value


def extract_offline(message: str) -> dict:
    """Fields stated in the message, by the phrasings in chat_fields.yaml."""
    text = fold(message)
    found: dict = {}
    for rule in patterns()["fields"]:
        match = re.search(rule["pattern"], text)
        if match:
            value = match.group("value")
            set_path(found, rule["field"], float(value) if rule.get("number") else value.strip())
    for rule in patterns()["lists"]:
        match = re.search(rule["pattern"], text)
        if match:
            items = [p.strip() for p in re.split(r"[；;]|\d[.、]", match.group("value")) if p.strip(" 。")]
            set_path(found, rule["field"], items)
    outputs = [{"name": m.group("name"), "value": float(m.group("value")), "unit": m.group("unit")}
               for m in re.finditer(patterns()["outputs"], text)]
    if outputs:
        found["outputs"] = outputs
    if "year" in found:
        found["year"] = int(found["year"])
    return found


def merge(data: dict, new: dict) -> None:
    for key, value in new.items():
        if key == "outputs":
            names = {o["name"]: o for o in data.setdefault("outputs", [])}
            for output in value:
                names.setdefault(output["name"], {}).update(output)
            data["outputs"] = list(names.values())
        elif isinstance(value, dict) and isinstance(data.get(key), dict):
            merge(data[key], value)
        else:
            data[key] = value


EXTRA_LABELS = {"report_type": "报告类型", "rules": "评分规则", "outputs": "产出（名称、数值、单位）", "indicators": "绩效指标",
                "budget.items": "预算构成", "accounts": "决算数据"}


def label(path: str) -> str:
    """The Chinese name of a figures field, as forms print it."""
    for rule in patterns()["fields"] + patterns()["lists"]:
        if rule["field"] == path:
            return rule["label"]
    return EXTRA_LABELS.get(path, path)


def flatten(data: dict, prefix: str = "") -> list[tuple[str, str]]:
    rows = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += flatten(value, path + ".")
        elif isinstance(value, list):
            rows.append((path, json.dumps(value, ensure_ascii=False)))
        else:
            rows.append((path, str(value)))
    return rows


def shown(value: str) -> str:
    """Lists of outputs read as “办件 7341件” rather than JSON."""
    try:
        items = json.loads(value)
    except (json.JSONDecodeError, TypeError):
        return value.removesuffix(".0") if value.endswith(".0") else value
    if isinstance(items, list) and all(isinstance(i, dict) and "name" in i for i in items):
        return "、".join(f"{i['name']}{i.get('value', i.get('amount', '')):g}{i.get('unit', '')}" for i in items)
    if isinstance(items, list):
        return "；".join(map(str, items))
    return value


class ChatSession:
    def __init__(self, report_type: str = "project", store=None, model=None) -> None:
        self.data: dict = {"report_type": report_type}
        self.store = store
        self.model = model
        self.draft = None
        self.events = None  # (kind, text) callback: the UI streams model tokens through it

    def missing(self) -> list[str]:
        return [label for path, label in REQUIRED[self.data["report_type"]] if get_path(self.data, path) in (None, "")]

    def extract(self, message: str) -> dict:
        if self.model is not None:
            from assistant.drafting.llm import LLMError
            from assistant.prompts import render

            schema = "\n".join(f"- {r['field']}：{r['label']}" for r in patterns()["fields"] + patterns()["lists"])
            schema += "\n- outputs：产出列表，每项 {name, value, unit}"
            prompt = render("extract_figures", schema=schema, current=json.dumps(self.data, ensure_ascii=False), message=message)
            try:
                return self.model.complete_json("你只输出 JSON。", prompt)
            except LLMError:
                pass
        return extract_offline(message)

    def handle(self, message: str) -> Reply:
        if re.search(patterns()["redraft"], message) and self.draft is not None:
            return self.redraft(message)
        understood = self.extract(message)
        merge(self.data, understood)
        wants_draft = re.search(patterns()["draft"], message)
        missing = self.missing()
        lines = []
        if understood:
            lines.append("已记录：" + "；".join(f"{label(k)} {shown(v)}" for k, v in flatten(understood)))
        if wants_draft and not missing:
            return self.make_draft(lines, understood)
        if missing:
            lines.append("还需要：" + "、".join(missing) + "。")
        elif not wants_draft:
            lines.append("数据已齐，说“起草”即可生成报告。")
        if not understood and not wants_draft:
            lines.insert(0, "没有从这句话中识别出数字。可以这样说：“项目预算50万元，实际支出48.6万元，办件7341件”。")
        return Reply("\n".join(lines), None, understood, missing)

    def make_draft(self, lines: list[str], understood: dict, only: set[str] | None = None, instruction: str = "") -> Reply:
        from assistant.drafting.pipeline import draft

        try:
            figures = parse_figures(self.data)
            self.draft = draft(figures, self.store, self.model, events=self.events, only=only, instruction=instruction)
        except FiguresError as exc:
            return Reply("数据有误：" + "；".join(exc.problems), None, understood, self.missing())
        problems = [f for f in self.draft.findings if f.severity != "note"]
        lines.append(f"已起草《{self.draft.title}》，共{len(self.draft.sections)}节；核对发现{len(problems)}个问题。")
        lines += [f"提示：{n}" for n in self.draft.notices]
        return Reply("\n".join(lines), self.draft, understood, [])

    def redraft(self, message: str) -> Reply:
        section = next((sid for sid, word in SECTION_WORDS.items() if word in message), None)
        if self.model is None:
            return Reply("离线模式下各节按固定写法生成。要让“存在问题”等写得更具体，请直接补充事实，例如：“存在问题：……；……”，"
                         "我会写进报告。配置模型服务后可按要求改写。", self.draft)
        return self.make_draft([], {}, only={section} if section else None, instruction=f"修改要求：{message}")
