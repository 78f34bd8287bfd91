"""The chat's phrasings (`rules/chat.yaml`) loaded once, and the normalisation of what staff type:
half-width digits, Chinese numerals before a unit (“一百二十万元” → “120万元”), “百分之九十六” → “96%”,
and a bare 亿 after a figure read as 亿元."""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an
import yaml

from assistant.numbers import COUNT_UNITS
from assistant.rules import RULES_DIR
from retrieval.normalize import fold

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
WAN = 10000
SINGLE_WORDS = ("一", "两")


@lru_cache(maxsize=1)
def phrasings() -> dict:
    """chat.yaml, with each item list given as `names_from: <file> <key>` read from that rules file."""
    data = yaml.safe_load((RULES_DIR / "chat.yaml").read_text(encoding="utf-8"))
    for rule in data["items"]:
        if "names_from" in rule:
            file, key = rule.pop("names_from").split()
            rule["names"] = yaml.safe_load((RULES_DIR / file).read_text(encoding="utf-8"))[key]["names"]
    return data


def words(key: str) -> list[str]:
    """A word list of chat.yaml (`intents.draft`, `prior_words` …), longest first."""
    node = phrasings()
    for part in key.split("."):
        node = node[part]
    listed = node["words"] if isinstance(node, dict) else node
    return sorted(listed, key=len, reverse=True)


def first_word(text: str, key: str) -> str | None:
    return next((w for w in words(key) if w in text), None)


@lru_cache(maxsize=1)
def count_units() -> list[str]:
    return sorted(set(COUNT_UNITS) | set(phrasings()["outputs"]["extra_units"]), key=len, reverse=True)


@lru_cache(maxsize=1)
def _chinese_figure() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in ["万元", "亿元", "元", "%", *count_units()])
    return re.compile(rf"(?P<num>[{CN_DIGITS}]{{2,12}}|[一二两三四五六七八九十](?={units}))(?P<unit>{units})?")


@lru_cache(maxsize=1)
def _bare_wan() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in count_units())
    return re.compile(rf"(\d)\s*万(?!元|亿|多|余|\d|{units})")


def _arabic(run: str) -> str | None:
    if run.strip("点") != run or not any(ch in run for ch in "一二两三四五六七八九十百千万亿"):
        return None
    try:
        value = float(cn2an.cn2an(run, "smart"))
    except (ValueError, KeyError, TypeError):
        return None
    if "万" in run or "亿" in run:
        return f"{value / WAN:g}万"
    return f"{value:g}"


def normalise(message: str) -> str:
    """The message with every figure in Arabic digits and half-width characters."""
    text = fold(message)
    text = re.sub(rf"百分之([{CN_DIGITS}0-9.]+)", lambda m: (_arabic(m[1]) or m[1]) + "%", text)

    def replace(match: re.Match) -> str:
        run, unit = match["num"], match["unit"] or ""
        if run in SINGLE_WORDS:
            return match[0]  # “一个项目”, “一起”, “两家”: words more often than figures
        if not unit and "万" not in run and "亿" not in run:
            return match[0]  # “一窗受理”, “三公”: words, not figures
        converted = _arabic(run)
        if converted is None:
            return match[0]
        if converted.endswith("万") and unit in ("万元", "元"):
            unit = "元" if unit == "万元" else unit
        return converted + unit

    text = _chinese_figure().sub(replace, text)
    text = re.sub(r"(\d)\s*亿(?![元\d])", r"\1亿元", text)
    return _bare_wan().sub(r"\1万元", text)  # “应该是125万”, “470.37万不是473.07”: staff mean 万元
