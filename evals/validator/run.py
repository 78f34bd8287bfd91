"""Planted-error benchmark: recall per kind on mutated clean reports, precision on the clean ones.

    python -m evals.validator.run

A mutation counts as found when the mutated report has a finding of the planted kind that the
clean report did not have. Clean reports count every finding they raise as a false alarm.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import yaml

from assistant.validation.validator import validate

HERE = Path(__file__).resolve().parent
CLEAN = HERE / "clean"


def mutants() -> list[tuple[str, dict, str]]:
    spec = yaml.safe_load((HERE / "mutations.yaml").read_text(encoding="utf-8"))
    out = []
    for name, mutations in spec.items():
        text = (CLEAN / name).read_text(encoding="utf-8")
        for mutation in mutations:
            if text.count(mutation["find"]) != 1:
                raise SystemExit(f"{name}: “{mutation['find']}” occurs {text.count(mutation['find'])} times")
            out.append((name, mutation, text.replace(mutation["find"], mutation["replace"])))
    return out


def main() -> None:
    clean_reports = sorted(CLEAN.glob("*.md"))
    false_alarms = {p.name: validate(p.read_text(encoding="utf-8")).findings for p in clean_reports}
    found: dict[str, list[bool]] = defaultdict(list)
    misses = []
    started = time.perf_counter()
    for name, mutation, text in mutants():
        kinds = {f.kind for f in validate(text).findings}
        hit = mutation["kind"] in kinds
        found[mutation["kind"]].append(hit)
        if not hit:
            misses.append(f"{name}: {mutation['find']} → {mutation['replace']} (found: {sorted(kinds) or 'nothing'})")
    elapsed = time.perf_counter() - started
    print(f"{sum(len(v) for v in found.values())} planted errors in {len(clean_reports)} clean reports "
          f"({elapsed:.1f} s)\n")
    print("| kind | planted | found | recall |\n|---|---|---|---|")
    for kind in sorted(found):
        hits = found[kind]
        print(f"| {kind} | {len(hits)} | {sum(hits)} | {sum(hits) / len(hits):.2f} |")
    print("\n| clean report | findings | errors |\n|---|---|---|")
    for name, findings in false_alarms.items():
        print(f"| {name} | {len(findings)} | {sum(f.severity == 'error' for f in findings)} |")
    if misses:
        print("\nmissed:\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
