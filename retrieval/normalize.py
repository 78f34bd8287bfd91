"""Full-width to half-width folding that keeps every character's position.

Matching runs on the folded text while quotes are cut from the original at the same offsets,
so a user always sees the characters the report printed.
"""

from __future__ import annotations

import re

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD[0x00A0] = 0x20  # no-break space
_FOLD[0x2014] = 0x2D  # em dash, used as a minus sign in tables


_NEEDS_FOLD = re.compile("[\uff01-\uff5e\u3000\u00a0\u2014]")


def fold(text: str) -> str:
    """Map full-width ASCII (digits, letters, ％, （）, ，：) to half-width, one char for one char."""
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
