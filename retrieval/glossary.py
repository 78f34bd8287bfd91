"""Staff's everyday words ↔ the reports' official terms (`glossary.yaml`), for query expansion.

Staff ask “去年坐飞机出国花了多少”; reports write “因公出国（境）费支出决算0万元”. The keyword side only
meets words the report uses, so a query is widened with the official terms its words stand for. The
added terms are weighted below the words actually typed (`EXPANSION_WEIGHT`), so a passage that
matches what the user wrote still comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from retrieval.normalize import clean

GLOSSARY = Path(__file__).with_name("glossary.yaml")


@dataclass(frozen=True)
class Entry:
    said: tuple[str, ...]  # words that trigger the entry, as typed (folded, simplified)
    official: tuple[str, ...]  # the terms reports use for them
    example: str  # a query that triggers the entry
    kind: str | None = None  # the section kind the question asks for, if the entry says one


def normal(text: str) -> str:
    """Folded, simplified, lower-case: how queries and glossary words are compared."""
    return clean(text).text.lower()


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    said = [Entry(tuple(map(normal, e["said"])), tuple(e["official"]), e["example"], e.get("kind")) for e in data["said"]]
    synonyms = [Entry(tuple(map(normal, e["words"])), tuple(e["words"]), e["example"]) for e in data["synonyms"]]
    return tuple(said + synonyms)


def triggered(query: str) -> list[Entry]:
    text = normal(query)
    return [entry for entry in entries() if any(word in text for word in entry.said)]


def expansions(query: str) -> list[str]:
    """Official terms the query's words stand for, each once, leaving out what the query already says."""
    text = normal(query)
    terms: list[str] = []
    for entry in triggered(query):
        terms.extend(t for t in entry.official if normal(t) not in text and t not in terms)
    return terms


def asked_kinds(query: str) -> list[str]:
    """Section kinds the query asks for (“有啥隐患” → problems), from the entries it triggers."""
    return list(dict.fromkeys(entry.kind for entry in triggered(query) if entry.kind))
