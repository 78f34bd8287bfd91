"""List numbering across paragraphs: which numbered items are siblings (“1、…” and “2、…”), which sit a
level deeper (“(1)…” under “1、…”), by the custom 一、 > (一) > 1、 > (1) > ①."""

from __future__ import annotations

import re

from assistant.validation.statements.document import ReadDocument, ReadSentence
from assistant.validation.statements.facts import Fact
from assistant.validation.text import LIST_NUMBERING, NUMBERING_LEVELS


def same_numbering(fact: Fact, following: ReadSentence) -> bool:
    a = LIST_NUMBERING.match(fact.sentence.clean)
    b = LIST_NUMBERING.match(following.sentence.clean)
    return bool(a and b) and numbering_style(a.group()) == numbering_style(b.group())


def numbering_style(numbering: str) -> str:
    """“(二)” and “(三)” alike, “(二)” and “(1)” not: a different level."""
    return re.sub(r"[一二三四五六七八九十]+", "C", re.sub(r"\d+", "D", numbering.strip()))


LEVELS = [re.compile(r"^\s*" + level) for level in NUMBERING_LEVELS]


def numbering_rank(doc: ReadDocument, sentence) -> int:
    """How deep a sentence's numbered paragraph sits: 一、 > (一) > 1、 > (1) > ①, by custom; −1 unnumbered."""
    opening = doc.opening(sentence).sentence.clean
    return next((rank for rank, level in enumerate(LEVELS) if level.match(opening)), -1)


def numbered(fact: Fact) -> bool:
    """Whether a figure's paragraph opens with list numbering (1. / (一) / ①)."""
    return bool(LIST_NUMBERING.match(fact.sentence.clean))
