"""A count and the names that follow it: “直属事业单位10个，即县国库集中支付中心、县财政信息中心、…”.

When the marker says the names are all of them (即, 分别为, 分别是: statements.yaml `count_list_markers`)
and the list does not end with 等, the names should be as many as the count. The last name may hold
two joined by 和/及 (“…事务中心和…支付中心”) or be one name with 和 in it (“人力资源和社会保障局”):
either reading that matches is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.numbers import COUNT_UNITS
from assistant.validation.checks.base import Check, ReviewContext
from assistant.validation.judge import Checked
from assistant.validation.model import Finding
from assistant.validation.statements.vocabulary import alternation, vocabulary

JOINED = re.compile(r"[和及与]")
MAX_NAME_CHARS = 40
MIN_NAMES = 2


@lru_cache(maxsize=1)
def count_list() -> re.Pattern[str]:
    units = alternation([u for u in COUNT_UNITS if len(u) == 1])
    markers = alternation(vocabulary().words("count_list_markers"))
    return re.compile(rf"(?<![\d.])(?P<count>\d+)\s*(?P<unit>{units})\s*[,，]?\s*(?P<marker>{markers})\s*[:：]?\s*(?P<names>[^。；;:：\d]+?)(?=[。；;]|$)")


def readings(names: str) -> set[int]:
    """How many names a list holds: the last piece read as one name, and as two joined by 和/及."""
    pieces = [p.strip() for p in names.split("、") if p.strip()]
    counts = {len(pieces)}
    if pieces and JOINED.search(pieces[-1]):
        counts.add(len(pieces) + len(JOINED.findall(pieces[-1])))
    return counts


class ListedCount(Check):
    id = "sum.listed-count"

    def run(self, ctx: ReviewContext) -> Iterable[Checked]:
        markers = vocabulary().words("count_list_markers")
        for sentence in ctx.sentences:
            if not any(m in sentence.clean for m in markers):
                continue
            for match in count_list().finditer(sentence.clean):
                names = match.group("names").strip(" ,，")
                pieces = [p for p in names.split("、") if p.strip()]
                if names.endswith("等") or len(pieces) < MIN_NAMES or any(len(p) > MAX_NAME_CHARS for p in pieces):
                    continue
                count = int(match.group("count"))
                found = readings(names)
                if count in found:
                    yield Checked(None)
                    continue
                listed = min(found, key=lambda n: abs(n - count))
                message = f"文中说{count}{match.group('unit')}，“{match.group('marker')}”后列出的名称却是{listed}个"
                quote = sentence.quote(match.start(), match.end())
                yield Checked(Finding(self.kind, "error", message, quote, f"{count}{match.group('unit')}",
                                      f"{listed}{match.group('unit')}", ctx.location(sentence, match.start()), self.id))
