"""Check the chat label files in evals/chat against the label format (see README.md).

Run: .venv/bin/python -m evals.chat.label_check   (exit status 1 when a problem is found)

Every numeric label must be readable in the message text: the number itself, or the raw number
staff typed in 元 (value × 10000) or 亿元 (value ÷ 10000), or a Chinese numeral (一百三十万).
Derived figures of conversations are recomputed from their `python` expressions.
The further dev sets (messages_dev2.yaml, messages_dev3.yaml, when present) get the same message
checks, their own id prefix, and must come from other published reports than every earlier set
(no shared source group).
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).parent
YUAN_PER_WAN = Decimal(10000)
WAN_PER_YI = Decimal(10000)
TWO_PLACES = Decimal("0.01")
HELD_OUT_MODULUS = 3  # held out when the group hash is 0 modulo this: about one third
SPLIT_SALT = "jixiao-chat-split:"
PINNED_DEV = {"c01"}  # quoted verbatim in issue 10: the tool author has seen it
PAGINATED_ARTICLE = re.compile(r"^(.*/article-\d+)-\d+\.html$")
# further dev sets, all dev, in the order they were written (README: "Second/Third dev set"):
# file, id pattern, name printed in the summary line
EXTRA_DEV_SETS = (("messages_dev2.yaml", re.compile(r"d\d{3}"), "dev2"),
                  ("messages_dev3.yaml", re.compile(r"e\d{3}"), "dev3"))

REPORT_TYPES = {"project", "department", "final-accounts"}
INTENTS = {"figures", "draft", "revise", "correct", "ask", "switch", "other"}
SECTIONS = {"overview", "method", "analysis", "conclusion", "problems", "measures", "table",
            "spending", "basics", "goals", "all"}
STYLES = {"specific", "shorter", "formal", "other"}
NAMED_FIELDS = {"budget.item", "output", "accounts.income", "accounts.procurement"}
TEXT_FIELDS = {"unit", "project", "narrative.problems", "narrative.measures",
               "narrative.work_done", "stated.grade"}
FIELDS = NAMED_FIELDS | TEXT_FIELDS | {
    "year", "report_type", "budget.initial", "budget.full_year", "budget.arrived", "budget.spent",
    "survey.rate", "survey.total", "survey.satisfied", "staff.quota", "staff.actual",
    "accounts.income_total", "accounts.carried_in", "accounts.basic", "accounts.project",
    "accounts.expenditure_total", "accounts.carried_out", "accounts.personnel", "accounts.public",
    "accounts.prior_total", "accounts.prior_expenditure", "accounts.operating_cost",
    "accounts.operating_cost_prior", "accounts.procurement_sme",
    "three.abroad", "three.vehicle_purchase", "three.vehicle_operation", "three.reception",
    "three.total", "three.budget", "three.prior",
    "stated.execution_rate", "stated.growth", "stated.change", "stated.share", "stated.remainder",
    "stated.arrival_rate", "stated.score", "stated.grade", "stated.control_rate",
    "stated.completion_rate"}
FIGURE_KEYS = {"field", "value", "name", "unit", "prior", "target", "correction"}
DERIVED_ASKS = {"execution_rate", "remainder", "arrival_rate", "satisfaction_rate", "growth", "score",
                "grade", "expenditure.total", "income.total", "share", "control_rate",
                "completion_rate"}
TYPE_WORDS = {"project": ("项目支出", "项目自评", "项目的"), "department": ("部门整体", "整体支出"),
              "final-accounts": ("决算",)}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_SPAN = re.compile("[零〇一二两三四五六七八九十百千万亿点]+")


def normalise(text: str) -> str:
    """Full-width to half-width, and 36,982.43 to 36982.43."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def chinese_number(span: str) -> Decimal | None:
    """一百三十万 -> 1300000; 六十一点八 -> 61.8; None when the span is not a number."""
    whole, _, frac = span.partition("点")
    total, section, digit = 0, 0, 0
    for ch in whole:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (digit or 1) * CN_UNITS[ch]
            digit = 0
        elif ch in CN_BIG:
            total = (total + section + digit) * CN_BIG[ch]
            section, digit = 0, 0
        else:
            return None
    value = Decimal(total + section + digit)
    if frac and all(ch in CN_DIGITS for ch in frac):
        value += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    return value


def readable_numbers(text: str) -> set[Decimal]:
    """Every value a number in the text may stand for, in the label's units."""
    raw = [Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", normalise(text))]
    raw += [v for v in (chinese_number(s) for s in CN_SPAN.findall(text)) if v is not None]
    found = set()
    for n in raw:
        found |= {n.normalize(), (n / YUAN_PER_WAN).normalize(), (n * WAN_PER_YI).normalize()}
    return found


def numbers_in(value) -> list[Decimal]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [abs(Decimal(repr(value))).normalize()]
    return [Decimal(n).normalize() for n in re.findall(r"\d+(?:\.\d+)?", normalise(str(value)))]


def check_figure(fig: dict, text: str, numbers: set[Decimal]) -> list[str]:
    field, value = fig.get("field"), fig.get("value")
    problems = [f"unknown key {k}" for k in fig if k not in FIGURE_KEYS]
    if field not in FIELDS:
        return problems + [f"unknown field {field}"]
    if field in NAMED_FIELDS and not fig.get("name"):
        problems.append(f"{field} without a name")
    if field == "output" and not fig.get("unit"):
        problems.append("output without a unit")
    if field == "project" and str(value).endswith("项目"):
        problems.append("project name ends with 项目")
    if field == "report_type":
        if value not in REPORT_TYPES or not any(w in text for w in TYPE_WORDS[value]):
            problems.append(f"report_type {value} not named in the text")
    elif field in TEXT_FIELDS:
        if normalise(str(value)) not in normalise(text):
            problems.append(f"{field} '{value}' not in the text")
    elif not isinstance(value, (int, float)) or isinstance(value, bool):
        problems.append(f"{field} value {value!r} is not a number")
    for key in ("value", "prior", "target"):
        if key in fig and not (key == "value" and field in TEXT_FIELDS | {"report_type"}):
            problems += [f"{field} {key} {n} not readable in the text"
                         for n in numbers_in(fig[key]) if n not in numbers]
    return problems


def check_intent(msg: dict) -> list[str]:
    intent, problems = msg.get("intent"), []
    if intent not in INTENTS:
        return [f"unknown intent {intent}"]
    revise = intent == "revise"
    if revise != (msg.get("section") in SECTIONS) or revise != (msg.get("style") in STYLES):
        problems.append("section/style must be set exactly for revise, from the allowed lists")
    ask = msg.get("ask")
    if (intent == "ask") != (ask in FIELDS | DERIVED_ASKS):
        problems.append(f"ask {ask!r} does not fit intent {intent}")
    switch_to = msg.get("switch_to")
    if (intent == "switch") != (switch_to in REPORT_TYPES and switch_to != msg.get("context")):
        problems.append(f"switch_to {switch_to!r} does not fit intent {intent}")
    corrections = [f for f in msg.get("figures") or [] if f.get("correction")]
    if (intent == "correct") != bool(corrections):
        problems.append("correction: true belongs to (and only to) intent correct")
    return problems


def check_message(msg: dict) -> list[str]:
    text = msg.get("text", "")
    problems = [] if msg.get("context") in REPORT_TYPES else ["bad context"]
    problems += check_intent(msg)
    numbers = readable_numbers(text)
    for fig in msg.get("figures") or []:
        problems += check_figure(fig, text, numbers)
    problems += [f"unplaced '{u}' not in the text" for u in msg.get("unplaced") or []
                 if u not in text]
    source = msg.get("source")
    if source is not None and not str(source).startswith(("http://", "https://")):
        problems.append("source is neither an address nor null")
    if msg.get("checked") != 2:
        problems.append("not re-verified (checked: 2)")
    return problems


def printed(value: Decimal, text: str) -> str:
    unit = "%" if text.endswith("%") else "万元"
    return f"{value.quantize(TWO_PLACES, ROUND_HALF_UP)}{unit}"


def check_conversation(conv: dict) -> list[str]:
    problems = [] if conv.get("type") in REPORT_TYPES else ["bad type"]
    turns = conv.get("turns") or []
    expect = conv.get("expect") or {}
    numbers = set().union(*(readable_numbers(t) for t in turns)) if turns else set()
    for fig in expect.get("figures") or []:
        text = fig["text"]
        if "python" in fig:
            value = Decimal(repr(eval(fig["python"], {"__builtins__": {}})))  # noqa: S307 - our own file
            if printed(value, text) != text:
                problems.append(f"{text}: {fig['python']} prints {printed(value, text)}")
            if abs(value * 100 % 1 - Decimal("0.5")) < Decimal("1e-6"):
                problems.append(f"{text}: {fig['python']} sits on a rounding boundary")
        else:
            problems += [f"{text}: {n} not said in any turn" for n in numbers_in(fig.get("said", text))
                         if n not in numbers]
    if expect.get("revise_section") not in SECTIONS:
        problems.append("bad revise_section")
    return problems


def split_group(item: dict) -> str:
    """The published report an item comes from: its source address, with the page number of a
    paginated article dropped (dyrmt.com/article-133619-2.html and -7.html are one report)."""
    source = str(item.get("source") or "")
    if not source.startswith(("http://", "https://")):
        return item["id"]
    return PAGINATED_ARTICLE.sub(r"\1", source)


def is_held_out(item: dict) -> bool:
    if item["id"] in PINNED_DEV:
        return False
    digest = hashlib.sha1((SPLIT_SALT + split_group(item)).encode("utf-8")).hexdigest()
    return int(digest, 16) % HELD_OUT_MODULUS == 0


def check_split(items: list[dict], split: dict) -> list[str]:
    dev, held = list(split.get("dev") or []), list(split.get("held_out") or [])
    problems = [f"{i} listed twice" for i in set(dev) & set(held)]
    for item in items:
        expected = "held_out" if is_held_out(item) else "dev"
        actual = "held_out" if item["id"] in held else "dev" if item["id"] in dev else None
        if actual != expected:
            problems.append(f"{item['id']}: split says {actual}, the rule says {expected}")
    return problems


def load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def main() -> int:
    messages = load("messages.yaml")["messages"]
    conversations = load("conversations.yaml")["conversations"]
    items = messages + conversations
    problems = [f"duplicate id {i}" for i in {x["id"] for x in items}
                if [y["id"] for y in items].count(i) > 1]
    problems += [f"{m['id']}: {p}" for m in messages for p in check_message(m)]
    problems += [f"{c['id']}: {p}" for c in conversations for p in check_conversation(c)]
    problems += check_split(items, load("split.yaml"))
    for p in problems:
        print(p)
    print(f"{len(messages)} messages, {len(conversations)} conversations, {len(problems)} problems")
    earlier = list(items)
    for file, id_pattern, name in EXTRA_DEV_SETS:
        if not (HERE / file).exists():
            continue
        messages = load(file)["messages"]
        extra_problems = check_extra_set(messages, id_pattern, earlier)
        for p in extra_problems:
            print(p)
        print(f"{len(messages)} {name} messages, {len(extra_problems)} problems")
        problems += extra_problems
        earlier += messages
    return 1 if problems else 0


def check_extra_set(messages: list[dict], id_pattern: re.Pattern, earlier: list[dict]) -> list[str]:
    """A further dev set: message checks, ids of its own pattern, sources disjoint from every
    earlier set's (no published report on two sets)."""
    ids = [m["id"] for m in messages]
    problems = [f"{i}: id does not match {id_pattern.pattern}" for i in ids if not id_pattern.fullmatch(i)]
    problems += [f"duplicate id {i}" for i in sorted(set(ids)) if ids.count(i) > 1]
    problems += [f"{m['id']}: {p}" for m in messages for p in check_message(m)]
    earlier_groups = {split_group(x) for x in earlier if x.get("source")}
    problems += [f"{m['id']}: source already used by an earlier set" for m in messages
                 if m.get("source") and split_group(m) in earlier_groups]
    return problems


if __name__ == "__main__":
    sys.exit(main())
