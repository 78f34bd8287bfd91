"""Exemplar passages lose their figures before any drafter sees them: old numbers must never
leak into a new report, and a passage's digits cannot steer an LLM either."""

from __future__ import annotations

import re

from retrieval.normalize import fold

DIGITS = re.compile(r"\d")


def mask_numbers(text: str) -> str:
    """Every digit (half- or full-width) becomes X: “预算50万元” → “预算XX万元”."""
    folded = fold(text)
    return "".join("X" if DIGITS.match(f) else o for o, f in zip(text, folded, strict=True))
