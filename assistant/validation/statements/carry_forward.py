"""A year's balance carried forward, stated in one sentence:

    “上年结转和结余资金为98.45万元,本年收入1095.76万元,支出1193.35万元,用事业基金弥补收支差额0万元,
    结余分配0万元,年末结转和结余资金为5862.89万元”

年末结转和结余 = 年初结转和结余 + 本年收入 + 用事业基金弥补 − 本年支出 − 结余分配 (收入总计 = 支出总计). Each
role is named once, all under the same fund words (“一般公共预算财政拨款上年结转…收入…支出…年末结转和结余”).
"""

from __future__ import annotations

import re

from assistant.validation.statements.document import ReadDocument
from assistant.validation.statements.facts import Fact
from assistant.validation.statements.relations import CarryForward
from assistant.validation.statements.vocabulary import vocabulary

LABEL_YEAR = re.compile(r"20\d\d\s*年度?")
LABEL_TAIL = re.compile(r"(?:资金|数)?\s*(?:为|是|:|：)?\s*$")
REQUIRED = ("opening", "income", "spending", "closing")


def read_carry_forwards(doc: ReadDocument) -> list[CarryForward]:
    out = []
    for item in doc.items:
        roles: dict[str, list[Fact]] = {}
        prefixes = set()
        for fact in item.values():
            if not fact.number.is_money or fact.prior:
                continue
            found = role_of(fact.label)
            if found is not None:
                roles.setdefault(found[0], []).append(fact)
                prefixes.add(found[1])
        if all(len(roles.get(r, [])) == 1 for r in REQUIRED) and len(prefixes) == 1 \
                and all(len(v) == 1 for v in roles.values()) \
                and roles["opening"][0].number.start < roles["closing"][0].number.start:
            one = {r: v[0] for r, v in roles.items()}
            out.append(CarryForward(one["opening"], one["income"], one["spending"], one["closing"],
                                    one.get("added"), one.get("taken"), prefixes.pop()))
    return out


def role_of(label: str) -> tuple[str, str] | None:
    """(role, the words before it) of a label ending in one of the roles' words, or None."""
    words = vocabulary().data["carry_forward"]
    text = LABEL_TAIL.sub("", LABEL_YEAR.sub("", label)).strip(" ,，;；")
    for role in ("opening", "closing", "added", "taken", "income", "spending"):
        for word in sorted(words[role], key=len, reverse=True):
            if text.endswith(word):
                return role, text[: -len(word)]
    return None
