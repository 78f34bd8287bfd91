"""Asking a language model for the official terms behind a question, as a further query expansion.

The model is reached through a `complete(system, user) -> str` function the caller supplies (the
assistant's chat model), so retrieval itself talks to no endpoint. Its terms join the glossary's on
the keyword side, below the words typed; terms the corpus never uses are dropped, and a failed call
leaves the search as it was.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Container
from functools import lru_cache
from pathlib import Path

import yaml

from retrieval.keyword import tokenize

Complete = Callable[[str, str], str]
MAX_TERMS = 8
TERM_CHARS = (2, 20)
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def request() -> dict:
    return yaml.safe_load(Path(__file__).with_name("rewrite.yaml").read_text(encoding="utf-8"))


def parse_terms(answer: str) -> list[str]:
    """Terms from the model's answer: one per line or separated by ，、,；, without numbering or quotes."""
    pieces = re.split(r"[\n，、,；;]+", answer)
    terms = [re.sub(r"^\s*(?:\d+[.、)]|[-*•])\s*", "", p).strip(" 　\"'“”《》") for p in pieces]
    return list(dict.fromkeys(t for t in terms if TERM_CHARS[0] <= len(t) <= TERM_CHARS[1]))[:MAX_TERMS]


def official_terms(question: str, complete: Complete, known: Callable[[str], bool]) -> list[str]:
    """The model's official terms for the question that the corpus knows; [] when the call fails."""
    try:
        answer = complete(request()["system"], request()["user"].format(question=question))
    except Exception as exc:  # any endpoint failure: search without the model's help
        log.warning("改写查询失败，按原查询检索：%s", exc)
        return []
    return [term for term in parse_terms(answer) if known(term)]


def rewriter(complete: Complete, vocabulary: Callable[[], Container[str]] | None = None) -> Callable[[str], list[str]]:
    """A `rewrite` for `retrieval.search.search`. `vocabulary` gives the keyword index's words; a term
    is kept when most of its words are in it."""

    def known(term: str) -> bool:
        if vocabulary is None:
            return True
        words = tokenize(term)
        return bool(words) and sum(w in vocabulary() for w in words) * 2 >= len(words)

    return lambda question: official_terms(question, complete, known)
