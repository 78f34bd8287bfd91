"""The formal register of a section offline (formal.yaml): staff's everyday words in their own
sentences replaced by the wording published reports use. The skeleton's sentences are formal already."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

FORMAL_WORDS = Path(__file__).resolve().parent / "formal.yaml"


@lru_cache(maxsize=1)
def formal_words() -> list[tuple[str, str]]:
    entries = yaml.safe_load(FORMAL_WORDS.read_text(encoding="utf-8"))["words"]
    return sorted(((e["say"], e["formal"]) for e in entries), key=lambda pair: len(pair[0]), reverse=True)


def formal(text: str) -> str:
    """The text with every everyday phrase in its formal wording, longest phrases first."""
    for say, formal_word in formal_words():
        text = text.replace(say, formal_word)
    return text
