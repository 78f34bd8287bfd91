"""The shape every loader produces: a document as lines of text and typed blocks.

Line numbers are 1-based positions in `Document.text`, which is what a user sees when the
validator quotes a finding, so every later stage (structure, chunks, claims) keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    line: int
    end_line: int
    level: int = 0
    title: str = ""  # for a heading: the heading itself, without body text on the same line


@dataclass
class Document:
    source: str
    text: str
    path: str | None = None
    blocks: list[Block] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]+\|[^|\n]+\|")
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def split_row(line: str) -> tuple[str, ...]:
    """Cells of one `|`-row or tab-separated row."""
    cells = line.strip().strip("|").split("|") if "|" in line else line.split("\t")
    return tuple(c.strip() for c in cells)


def is_table_line(line: str) -> bool:
    return bool(_TABLE_ROW.match(line)) or bool(_SEPARATOR_ROW.match(line)) and "-" in line


def blocks_from_text(text: str) -> list[Block]:
    """Blocks by line: runs of `|`-rows become one table; every other non-empty line a paragraph.

    Headings are recognised later by `retrieval.structure`, which knows the numbering styles.
    """
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if is_table_line(line):
            start = i
            while i < len(lines) and lines[i].strip() and is_table_line(lines[i]):
                i += 1
            blocks.append(Block("table", "\n".join(lines[start:i]), start + 1, i))
            continue
        blocks.append(Block("paragraph", line, i + 1, i + 1))
        i += 1
    return blocks
