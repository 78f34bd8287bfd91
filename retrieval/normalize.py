"""Text as published, made matchable without losing where each character came from.

`fold` maps full-width ASCII to half-width one character for one character. `clean` goes further
for the statements parser: traditional characters become simplified (mirror sites republish
reports in traditional script), pinyin glosses some mirrors insert (“經(jīng)費”) and the spaces of
letter-spaced headings (“预 算 数”) and around figures (“增长 75 %”) are dropped. `Clean.origin` maps every clean character back to
the original, so quotes are always the report's own characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD[0x00A0] = 0x20  # no-break space
_FOLD[0x2014] = 0x2D  # em dash, used as a minus sign in tables


_NEEDS_FOLD = re.compile("[\uff01-\uff5e\u3000\u00a0\u2014]")
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# “较 2022 年预算 1.50 万元增长 75 %”: PDFs and Word set figures apart from the words around them
_FIGURE_SPACE = re.compile(r"(?<=\d) +(?=[\u4e00-\u9fff%])|(?<=[\u4e00-\u9fff]) +(?=\d)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def fold(text: str) -> str:
    """Map full-width ASCII (digits, letters, ％, （）, ，：) to half-width, one char for one char."""
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


def searchable(text: str) -> str:
    """Folded and simplified, pinyin glosses dropped: how search compares text (no origin map kept)."""
    folded = fold(text)
    if _CJK.search(folded):
        folded = folded.translate(_simplified())
    return _PINYIN_GLOSS.sub("", folded)


@lru_cache(maxsize=1)
def _simplified() -> dict[int, int]:
    """Traditional → simplified, character for character (OpenCC's TSCharacters table)."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    mapping = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            mapping[ord(source)] = ord(target)
    return mapping


@dataclass(frozen=True)
class Clean:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original of clean character i (one extra: the end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of clean characters start..end."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _isolated(text: str, index: int) -> bool:
    """Whether the CJK character at index stands alone between spaces or line ends (letter spacing)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not _CJK.match(before) and not _CJK.match(after)


def clean(text: str) -> Clean:
    """Folded, simplified text without pinyin glosses, letter spacing or spaces around figures, with its origin map."""
    folded = fold(text)
    if _CJK.search(folded):
        folded = folded.translate(_simplified())
    dropped: set[int] = set()
    for match in _PINYIN_GLOSS.finditer(folded):
        dropped.update(range(match.start(), match.end()))
    for match in _LETTER_SPACE.finditer(folded):
        space = match.start()
        if _isolated(folded, space - 1) or _isolated(folded, space + 1):
            dropped.add(space)
    for match in _FIGURE_SPACE.finditer(folded):
        dropped.update(range(match.start(), match.end()))
    if not dropped:
        return Clean(folded, tuple(range(len(text) + 1)))
    kept = [i for i in range(len(folded)) if i not in dropped]
    return Clean("".join(folded[i] for i in kept), tuple(kept) + (len(text),))
