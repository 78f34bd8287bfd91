"""Errors planted in real dev text: each `correct` key entry's stated figure is scaled by a third, one
at a time, and the validator runs on the changed page. The share of plants reported (error or warning
on that entry), by kind, says how much of what real reports state the validator reads well enough
to check — a larger sample of real phrasing than the real errors alone. Dev split only: it is a tool
for finding what to read next, not a result.

    python -m evals.validator.real_planted              # recall by kind
    python -m evals.validator.real_planted --misses     # also every plant not reported
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import replace

from assistant.validation.validator import validate
from evals.validator.real_run import REAL, RealDoc, match, read_doc, split
from retrieval.loaders import load_text

KINDS = ("growth", "share", "sum", "rate", "completion", "remainder")
SCALE = 1.37  # far outside any rounding, and no round ratio a sentence would print by chance
FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def planted(doc: RealDoc, entry) -> tuple[RealDoc, object] | None:
    """The page with the entry's stated figure scaled, and the entry as it now reads."""
    found = FIGURE.search(entry.stated.replace(" ", ""))
    whole = re.compile(r"(?<![\d.,])" + re.escape(found.group()) + r"(?![\d])") if found else None
    at = whole.search(doc.body, entry.start, entry.end) if whole else None  # “21” is not in “2021年”
    if at is None:
        return None
    position = at.start()
    printed = found.group().replace(",", "")
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    value = float(printed)
    scaled = f"{value * SCALE if value else 3:.{decimals}f}"
    body = doc.body[:position] + scaled + doc.body[position + len(found.group()) :]
    moved = replace(entry, label="error", stated=scaled, end=entry.end + len(scaled) - len(found.group()))
    earlier = [e for e in doc.entries if e is not entry and e.end <= entry.start]  # later quotes have moved
    return RealDoc(doc.id, doc.source, body, [moved, *earlier]), moved


def reported(doc: RealDoc, entry) -> bool:
    offsets = doc.line_offsets()
    return any(f.severity in ("error", "warning") and match(doc, f, offsets) is entry
               for f in validate(load_text(doc.body, doc.id)).findings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list every plant not reported")
    args = parser.parse_args()
    total, caught, misses = Counter(), Counter(), []
    for name in split()["dev"]:
        doc = read_doc(REAL / "docs" / f"{name}.txt")
        for entry in doc.entries:
            if entry.label != "correct" or entry.kind not in KINDS or (made := planted(doc, entry)) is None:
                continue
            total[entry.kind] += 1
            if reported(*made):
                caught[entry.kind] += 1
            else:
                misses.append(f"{entry.id} [{entry.kind}] {entry.quote[:70]!r} {entry.stated} → {made[1].stated}")
    print("| kind | planted | reported |\n|---|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {total[kind]} | {caught[kind]} ({caught[kind] / max(total[kind], 1):.0%}) |")
    print(f"| all | {sum(total.values())} | {sum(caught.values())} ({sum(caught.values()) / max(sum(total.values()), 1):.0%}) |")
    if args.misses:
        print("\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
