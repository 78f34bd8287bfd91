"""From the figures a conversation gathered (a dict that may be partial) to `Figures` a draft can be
built from: outputs without a value left out, the 自评表 built from what was stated when staff gave
none, and a preview of the derived values for replies before the report can be drafted."""

from __future__ import annotations

import copy
import datetime

from assistant.derive import Values, derive
from assistant.drafting.indicators import default_indicators, pending_rows
from assistant.figures import Figures, FiguresError, parse_figures
from assistant.rules import UnknownRuleSet, load_rules

SCORED_TYPES = ("project", "department")
PREVIEW_UNIT = "（待补充）"
PREVIEW_YEAR = 2000


def usable(data: dict) -> dict:
    """The figures without the parts still being collected (an output whose count is not given)."""
    clean = copy.deepcopy(data)
    clean["outputs"] = [o for o in clean.get("outputs", []) if o.get("value") is not None]
    return clean


UNIT_PENDING = "（单位名称待补充）"


def assumed_year() -> int:
    """Reports are written about the fiscal year just ended: the year a draft assumes until told."""
    return datetime.date.today().year - 1


def with_basic_spending(data: dict) -> None:
    """基本支出 = 人员经费 + 公用经费 (DOMAIN.md), when staff gave the two and not the sum."""
    accounts = data.get("accounts") or {}
    if accounts.get("basic") is None and accounts.get("personnel") is not None and accounts.get("public") is not None:
        accounts["basic"] = round(accounts["personnel"] + accounts["public"], 6)


def figures_for_draft(data: dict) -> Figures:
    clean = usable(data)
    clean.setdefault("unit", UNIT_PENDING)
    clean.setdefault("year", assumed_year())
    with_basic_spending(clean)
    figures = parse_figures(clean)
    if not figures.indicators and figures.report_type in SCORED_TYPES:
        try:
            rules = load_rules(figures.rules)
        except UnknownRuleSet as exc:
            raise FiguresError([str(exc)]) from exc
        figures.indicators = default_indicators(figures, rules)
    return figures


def preview_values(data: dict) -> Values | None:
    """The derived values of what is known so far (None while too little is known to derive)."""
    partial = usable(data)
    partial.setdefault("year", PREVIEW_YEAR)
    partial.setdefault("unit", PREVIEW_UNIT)
    try:
        values, _ = derive(figures_for_draft(partial))
    except FiguresError:
        return None
    return values


def build_draft(data: dict, store=None, model=None, events=None, styles: dict[str, str] | None = None):
    """The whole report from the conversation's figures; `styles` maps section ids to how a
    revision asked for them (specific, shorter)."""
    from assistant.drafting.pipeline import draft

    figures = figures_for_draft(data)
    result = draft(figures, store, model, events=events, styles=styles)
    unknown = (["填报单位"] if figures.unit == UNIT_PENDING else []) + ([f"报告年度（暂按{figures.year}年）"] if "year" not in data else [])
    result.pending = unknown + pending_rows(figures.indicators)
    return result
