"""The validator on real published reports, against hand-made keys, dev and held-out separately.

    python -m evals.validator.real_run              # both splits, counts only
    python -m evals.validator.real_run --details    # also every miss and false finding on dev

A finding belongs to the key entry whose quote holds the figure the finding states (or, failing
that, whose quote overlaps the finding's). What counts is described in `real/README.md`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.validation.model import Finding
from assistant.validation.validator import validate
from retrieval.loaders import load_text

REAL = Path(__file__).resolve().parent / "real"
TO_CATCH = ("error", "coarse")
MUST_NOT_ERR = ("correct", "note", "ambiguous")


@dataclass
class Entry:
    id: str
    label: str
    kind: str
    quote: str
    stated: str
    start: int
    end: int
    why: str = ""


@dataclass
class RealDoc:
    id: str
    source: str
    body: str
    entries: list[Entry]

    def line_offsets(self) -> list[int]:
        offsets, position = [], 0
        for line in self.body.split("\n"):
            offsets.append(position)
            position += len(line) + 1
        return offsets


def read_doc(path: Path) -> RealDoc:
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    source = next((line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("# source")), "")
    key_path = REAL / "keys" / f"{path.stem}.yaml"
    key = yaml.safe_load(key_path.read_text(encoding="utf-8")) if key_path.exists() else {"entries": []}
    entries = []
    for raw in key.get("entries") or []:
        start = body.find(raw["quote"])
        if start < 0:
            raise SystemExit(f"{path.stem}: quote not in the document: {raw['quote']}")
        entries.append(Entry(raw["id"], raw["label"], raw.get("kind", ""), raw["quote"], str(raw.get("stated", "")),
                             start, start + len(raw["quote"]), raw.get("why", "")))
    return RealDoc(path.stem, source, body, entries)


def finding_span(doc: RealDoc, offsets: list[int], finding: Finding) -> tuple[int, int, int]:
    """(start, end, anchor) of a finding in the body; the anchor is where its stated figure stands."""
    line = finding.location.line
    base = offsets[line - 1] if 0 < line <= len(offsets) else 0
    position = doc.body.find(finding.quote, base) if finding.quote else -1
    if position < 0 or position - base > 4000:
        line_end = doc.body.find("\n", base)
        start, end = base, (line_end if line_end >= 0 else len(doc.body))
    else:
        start, end = position, position + len(finding.quote)
    stated_at = doc.body.find(finding.stated, start, end) if finding.stated else -1
    return start, end, stated_at if stated_at >= 0 else start


SAME_KIND = {"rate": ("rate", "completion")}  # a completion claim (完成预算X%) is a rate finding


def match(doc: RealDoc, finding: Finding, offsets: list[int]) -> Entry | None:
    """The entry a finding speaks of: of its kind and stating its figure, the one its quote covers
    most; else of its kind, holding its stated figure, then overlapping its quote; failing that, of
    any kind, holding then overlapping (a sum of changes and a growth can share a quote: the finding
    belongs to the claim of its kind)."""
    start, end, anchor = finding_span(doc, offsets, finding)
    holding = [e for e in doc.entries if e.start <= anchor < e.end]
    overlapping = [e for e in doc.entries if e.start < end and start < e.end]
    kinds = SAME_KIND.get(finding.kind, (finding.kind,))
    stating = [e for e in overlapping if e.kind in kinds and e.stated and normal_figure(e.stated) == normal_figure(finding.stated)]
    if stating:
        return max(stating, key=lambda e: (min(end, e.end) - max(start, e.start), -(e.end - e.start)))
    for group in ([e for e in holding if e.kind in kinds], [e for e in overlapping if e.kind in kinds], holding, overlapping):
        if group:
            same_figure = [e for e in group if e.stated and normal_figure(e.stated) == normal_figure(finding.stated)]
            return min(same_figure or group, key=lambda e: e.end - e.start)
    return None


def normal_figure(text: str) -> str:
    return "".join(text.split()).rstrip("元万亿%")


@dataclass
class Tally:
    to_catch: int = 0
    caught: int = 0
    caught_as_error: int = 0
    must_not_err: int = 0
    flagged: int = 0
    error_findings: int = 0
    unexplained: int = 0
    warnings_on_correct: int = 0
    claims: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)
    caught_by_kind: Counter = field(default_factory=Counter)


def evaluate(doc: RealDoc, tally: Tally) -> None:
    report = validate(load_text(doc.body, doc.id))
    tally.claims += report.claims
    offsets = doc.line_offsets()
    matched: dict[str, list[Finding]] = {}
    for finding in report.findings:
        entry = match(doc, finding, offsets)
        if entry is not None:
            matched.setdefault(entry.id, []).append(finding)
        if finding.severity == "error" and (entry is None or entry.label not in TO_CATCH):
            tally.unexplained += 1
            tally.false.append(f"{doc.id} 第{finding.location.line}行 [{entry.label if entry else '未标注'}] "
                               f"{finding.kind}: {finding.message}")
        tally.error_findings += finding.severity == "error"
    for entry in doc.entries:
        severities = {f.severity for f in matched.get(entry.id, [])}
        if entry.label in TO_CATCH:
            tally.to_catch += 1
            tally.by_kind[entry.kind] += 1
            if severities & {"error", "warning"}:
                tally.caught += 1
                tally.caught_by_kind[entry.kind] += 1
                tally.caught_as_error += "error" in severities
            else:
                tally.misses.append(f"{doc.id} {entry.id} [{entry.kind}] {entry.quote} — {entry.why}")
        elif entry.label in MUST_NOT_ERR:
            tally.must_not_err += 1
            tally.flagged += "error" in severities
            if "warning" in severities and entry.label == "correct":
                tally.warnings_on_correct += 1
                tally.warned.append(f"{doc.id} {entry.id} [{entry.kind}] {entry.quote} — "
                                    + "; ".join(f.message for f in matched[entry.id] if f.severity == "warning"))


def split() -> dict[str, list[str]]:
    return yaml.safe_load((REAL / "split.yaml").read_text(encoding="utf-8"))


def run(names: list[str]) -> Tally:
    tally = Tally()
    for name in names:
        evaluate(read_doc(REAL / "docs" / f"{name}.txt"), tally)
    return tally


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else f"{a}/0"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--details", action="store_true", help="list dev misses and false findings")
    args = parser.parse_args()
    parts = split()
    print("| split | docs | key entries | real errors caught | as errors | correct claims flagged as errors "
          "| error findings unexplained | warnings on correct claims |")
    print("|---|---|---|---|---|---|---|---|")
    tallies = {}
    for name in ("dev", "heldout"):
        tally = tallies[name] = run(parts[name])
        print(f"| {name} | {len(parts[name])} | {tally.to_catch + tally.must_not_err} | "
              f"{ratio(tally.caught, tally.to_catch)} | {tally.caught_as_error} | "
              f"{ratio(tally.flagged, tally.must_not_err)} | {ratio(tally.unexplained, tally.error_findings)} | "
              f"{tally.warnings_on_correct} |")
    for name, tally in tallies.items():
        kinds = ", ".join(f"{k} {tally.caught_by_kind[k]}/{n}" for k, n in sorted(tally.by_kind.items()))
        print(f"\n{name} errors caught by kind: {kinds or '—'}")
    if args.details:
        dev = tallies["dev"]
        print("\nDev misses:\n" + "\n".join(dev.misses or ["—"]))
        print("\nDev error findings not explained by the key:\n" + "\n".join(dev.false or ["—"]))
        print("\nDev warnings on correct claims:\n" + "\n".join(dev.warned or ["—"]))


if __name__ == "__main__":
    main()
