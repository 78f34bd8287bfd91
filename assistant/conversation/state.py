"""The figures a conversation has gathered (the dict form of `Figures`) and how each understood
message changes them. Every change is returned as a line the reply shows (“全年执行数 113.50万元”,
or “113.50万元 → 113.80万元” for a correction), so the user sees exactly what was recorded."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.conversation.names import Named
from assistant.conversation.understand import Mention
from assistant.fields import fields, label, with_unit

ITEM_LISTS = ("budget.items", "accounts.income", "accounts.procurement", "accounts.functions")
DEFAULT_BOUND = "≥"
BOUND_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


@dataclass
class Recorded:
    what: str  # the Chinese label
    value: str  # as shown, with unit
    before: str | None = None  # the value it replaced


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


def number_text(value: float, unit: str) -> str:
    if unit == "万元":
        return f"{value:.2f}万元"
    return f"{value:g}{unit}"


def apply_names(data: dict, names: list[Named]) -> list[Recorded]:
    out = []
    for named in names:
        before = data.get(named.path)
        if before == named.value or before not in (None, "") and not named.explicit:
            continue  # a unit read from opening words never replaces one already given
        data[named.path] = named.value
        out.append(Recorded(label(named.path), str(named.value), None if before in (None, "") else str(before)))
    return out


def apply_lists(data: dict, lists: list[Named]) -> list[Recorded]:
    out = []
    for named in lists:
        kept = get_path(data, named.path) or []
        new = [item for item in named.value if item not in kept]
        set_path(data, named.path, kept + new)
        out += [Recorded(label(named.path), item) for item in new]
    return out


def apply_mentions(data: dict, mentions: list[Mention]) -> tuple[list[Recorded], list[str]]:
    """What was recorded, and the clauses of mentions that could not be used (a change against last
    year whose current value is not known yet)."""
    out: list[Recorded | None] = []
    for mention in mentions:
        if mention.path == "outputs":
            out.append(apply_output(data, mention))
        elif mention.path in ITEM_LISTS:
            out.append(apply_item(data, mention))
        elif mention.path == "survey.target":
            target = f"{BOUND_SIGNS.get(mention.bound, DEFAULT_BOUND)}{mention.value:g}%"
            out.append(replace_value(data, "survey.target", target, "满意度目标", target))
        elif mention.change:
            out.append(apply_change(data, mention))
        else:
            out.append(replace_value(data, mention.path, mention.value, label(mention.path),
                                     number_text(mention.value, mention.unit)))
    unused = [m.said for m, r in zip(mentions, out, strict=True) if r is None]
    return [r for r in out if r is not None], unused


def replace_value(data: dict, path: str, value, what: str, shown: str) -> Recorded:
    before = get_path(data, path)
    set_path(data, path, value)
    if before is None or before == value:
        return Recorded(what, shown)
    return Recorded(what, shown, with_unit(path, before) if not isinstance(before, str) else before)


def find_output(outputs: list[dict], name: str, unit: str) -> dict | None:
    """The output of that name (or one whose name contains it, or is contained in it) and unit."""
    same_unit = [o for o in outputs if o.get("unit", unit) == unit]
    exact = next((o for o in same_unit if o["name"] == name), None)
    return exact or next((o for o in same_unit if name in o["name"] or o["name"] in name), None)


def apply_output(data: dict, mention: Mention) -> Recorded:
    outputs = data.setdefault("outputs", [])
    output = find_output(outputs, mention.name, mention.unit)
    if output is None:
        output = {"name": mention.name, "unit": mention.unit}
        outputs.append(output)
    shown = number_text(mention.value, mention.unit)
    if mention.target:
        output["target"] = f"{BOUND_SIGNS.get(mention.bound, DEFAULT_BOUND)}{shown}"
        return Recorded(f"{output['name']}目标", output["target"])
    if mention.prior and mention.change:
        return apply_change(data, mention, output)
    key, what = ("prior", f"上年{output['name']}") if mention.prior else ("value", output["name"])
    before = output.get(key)
    output[key] = mention.value
    old = None if before is None or before == mention.value else number_text(before, mention.unit)
    return Recorded(what, shown, old)


def apply_item(data: dict, mention: Mention) -> Recorded | None:
    items = get_path(data, mention.path) or []
    if mention.change:
        return apply_item_change(items, mention)
    set_path(data, mention.path, items)
    item = next((i for i in items if i["name"] == mention.name), None)
    before = item["amount"] if item else None
    if item is None:
        items.append({"name": mention.name, "amount": mention.value})
    else:
        item["amount"] = mention.value
    old = None if before is None or before == mention.value else number_text(before, "万元")
    return Recorded(mention.name, number_text(mention.value, "万元"), old)


def prior_from_change(current: float, mention: Mention) -> float:
    """Last year's value: this year's minus a rise, plus a fall."""
    return round(current + (-1 if mention.change == "up" else 1) * mention.value, 6)


def apply_item_change(items: list[dict], mention: Mention) -> Recorded | None:
    """“财政拨款收入比上年减少58.49万元”: the named line's last-year amount, once its amount is known."""
    item = next((i for i in items if mention.name and (i["name"] == mention.name or mention.name in i["name"])), None)
    if item is None:
        return None
    item["prior"] = prior_from_change(item["amount"], mention)
    return Recorded(f"上年{item['name']}", number_text(item["prior"], "万元") + "（由增减额推算）")


def apply_change(data: dict, mention: Mention, output: dict | None = None) -> Recorded | None:
    """“比去年多了300人次”: last year's value is this year's minus the change (plus, for a fall)."""
    if output is not None:
        current, unit = output.get("value"), mention.unit
        if current is None:
            return None
        output["prior"] = prior_from_change(current, mention)
        return Recorded(f"上年{output['name']}", number_text(output["prior"], unit) + "（由增减额推算）")
    current_field = next((f for f in fields().values() if f.prior and fields()[f.prior].path == mention.path), None)
    current = get_path(data, current_field.path) if current_field else None
    if current is None:
        return None
    prior = prior_from_change(current, mention)
    return replace_value(data, mention.path, prior, label(mention.path), number_text(prior, mention.unit) + "（由增减额推算）")


TOLERANCE = 0.005  # 万元


def reconcile(data: dict) -> list[Recorded]:
    """A stated 本年收入/支出 that equals its parts plus the 结转 is the 收、支总计: moved there."""
    accounts = data.get("accounts") or {}
    income = [i["amount"] for i in accounts.get("income", [])]
    moves = []
    for key, parts in (("income_total", income + [accounts.get("carried_in") or 0.0]),
                       ("expenditure_total", [accounts.get("basic") or 0.0, accounts.get("project") or 0.0,
                                              accounts.get("carried_out") or 0.0])):
        total = accounts.get(key)
        extra = accounts.get("carried_in") if key == "income_total" else accounts.get("carried_out")
        if total is not None and extra and len([p for p in parts if p]) > 1 and abs(sum(parts) - total) <= TOLERANCE:
            accounts["grand_total"] = accounts.pop(key)
            moves.append(Recorded(label("accounts.grand_total"), number_text(total, "万元") + f"（原记为{label('accounts.' + key)}）"))
    return moves
