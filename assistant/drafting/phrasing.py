"""Retrieved phrasing without a model: prior reports' sentences reused with this year's figures.

Each exemplar passage (same report type and section) is read with the validator's statement parsing;
a sentence is reused only when every figure in it maps onto a given or derived figure (rules in
exemplar_figures.yaml) and it names no other place or reason. Its figures are then replaced by ours
and its years by our year. A skeleton paragraph that states exactly the same figures is replaced by
the exemplar sentence, so a bureau that ingests its own past reports gets drafts in its own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.derive import Values
from retrieval.loaders import load_text

MAX_SENTENCE_CHARS = 160
CONNECTOR_CHARS = 6  # a figure-less clause this short (“资金使用效率有待提高” is longer) only links figures
YEAR = re.compile(r"(20\d\d)(\s*年)")


@dataclass(frozen=True)
class Exemplar:
    text: str  # the sentence with our figures
    keys: frozenset[str]  # the figures it states
    source: str


@lru_cache(maxsize=1)
def mapping() -> dict:
    return yaml.safe_load((Path(__file__).with_name("exemplar_figures.yaml")).read_text(encoding="utf-8"))


def key_of(fact, previous_key: str | None) -> str | None:
    if fact.role == "change":
        base = mapping()["changes"].get(previous_key or "")
        if base is None:
            return None
        return f"{base}.change_rate" if fact.number.is_percent else f"{base}.change"
    words = f"{fact.title}{fact.name}{fact.rate_name}{fact.label}"
    for rule in mapping()["rules"]:
        if rule["role"] != fact.role or rule.get("measure", fact.measure) != fact.measure:
            continue
        if not rule.get("words") or any(w in words for w in rule["words"]):
            return rule["key"]
    return None


def adapt(sentence, facts, values: Values, year: int, own: tuple[str, ...] = (),
          own_report: bool = False) -> tuple[str, frozenset[str]] | None:
    """The sentence with our figures, and the keys it states; None when a figure does not map or
    it names something not ours (`own`: this report's unit and project names). From another unit's
    report only sentences made of figures are taken: a clause without one (“全部用于委托检测”) says
    something about that unit's work, which may not hold for ours."""
    text = sentence.clean
    if len(text) > MAX_SENTENCE_CHARS or foreign(text, own):
        return None
    if not own_report and any(len(c) > CONNECTOR_CHARS and not re.search(r"\d", c) for c in re.split(r"[,，;；。]", text)):
        return None
    replacements, keys, previous = [], set(), None
    for fact in facts:
        key = key_of(fact, previous)
        if key is None or key not in values or not unit_fits(fact.number, values[key].unit):
            return None
        if fact.role == "change" and not same_direction(fact, values, key):
            return None
        replacements.append((fact.number.start, fact.number.end, values[key].with_unit))
        keys.add(key)
        previous = key if fact.role != "change" else previous
    if not keys:
        return None
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return full_width(with_year(text, year)), frozenset(keys)


def unit_fits(number, unit: str) -> bool:
    return number.is_money and unit == "万元" or number.is_percent and unit == "%"


def same_direction(fact, values: Values, key: str) -> bool:
    direction = values.get(key.rsplit(".", 1)[0] + ".direction")
    return direction is not None and (fact.direction == "up") == (direction.value > 0)


def foreign(text: str, own: tuple[str, ...] = ()) -> bool:
    for name in sorted(filter(None, own), key=len, reverse=True):
        text = text.replace(name, "")
    return re.search(mapping()["foreign"], re.sub(mapping()["own_words"], "", text)) is not None


HALF_WIDTH_PUNCTUATION = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


def full_width(text: str) -> str:
    """Chinese punctuation back in prose (the parsed text is folded to half-width); “1,234” stays."""
    return re.sub(r"[,;:()!?]", lambda m: m[0] if m[0] == "," and number_comma(text, m.start())
                  else HALF_WIDTH_PUNCTUATION[m[0]], text)


def number_comma(text: str, at: int) -> bool:
    return at > 0 and text[at - 1].isdigit() and re.match(r"\d{3}(?!\d)", text[at + 1 : at + 5]) is not None


def with_year(text: str, year: int) -> str:
    """The sentence's years moved to ours, keeping their distance (“2023年…2024年” → our year and next)."""
    years = [int(m[1]) for m in YEAR.finditer(text)]
    if not years:
        return text
    shift = year - min(years)
    return YEAR.sub(lambda m: f"{int(m[1]) + shift}{m[2]}", text)


def exemplar_sentences(passages: list[tuple[str, str]], values: Values, year: int,
                       own: tuple[str, ...] = ()) -> list[Exemplar]:
    """Reusable sentences of (source, text) passages, in the order found, without repeats."""
    from assistant.validation.statements.document import read_document
    from assistant.validation.text import sentences

    found: dict[str, Exemplar] = {}
    for source, passage in passages:
        own_report = any(name and (name in source or name in passage) for name in own)
        document = read_document(sentences(load_text(passage, source)), year)
        for item in document.items:
            adapted = adapt(item.sentence, item.facts, values, year, own, own_report)
            if adapted and adapted[0] not in found:
                found[adapted[0]] = Exemplar(adapted[0], adapted[1], source)
    return list(found.values())
