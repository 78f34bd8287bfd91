"""Whole numbering: sections numbered 一、二、三… with no gaps (restarting in each 第X部分), and
within a section its headings （一）（二）… and 一、二、… counted afresh, after empty headings and
sections without text were left out."""

from __future__ import annotations

import re

CHINESE = "一二三四五六七八九十"
PART = re.compile(r"^第[一二三四五六七八九十]+部分")
TOP = re.compile(r"^[一二三四五六七八九十]{1,3}、")
SUB = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
MAX_HEADING_CHARS = 40  # longer lines that start “一、” are numbered list items in prose, left as written


def chinese(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (reports rarely go past twenty sections)."""
    if number <= 10:
        return CHINESE[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CHINESE[tens - 1]) + "十" + (CHINESE[ones - 1] if ones else "")


def renumber_titles(titles: list[str]) -> list[str]:
    out, count = [], 0
    for title in titles:
        if PART.match(title):
            count = 0
        elif TOP.match(title):
            count += 1
            title = TOP.sub(f"{chinese(count)}、", title)
        out.append(title)
    return out


def renumber_text(text: str) -> str:
    """Headings inside a section's text: 一、 and （一） each counted from one; a （一） count
    restarts under each new 一、 heading."""
    lines, top, sub = [], 0, 0
    for line in text.split("\n"):
        if TOP.match(line) and len(line) < MAX_HEADING_CHARS:
            top, sub = top + 1, 0
            line = TOP.sub(f"{chinese(top)}、", line)
        elif SUB.match(line) and len(line) < MAX_HEADING_CHARS:
            sub += 1
            line = SUB.sub(f"（{chinese(sub)}）", line)
        lines.append(line)
    return "\n".join(lines)

