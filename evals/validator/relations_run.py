"""How well the statements layer reads relations from real sentences, against hand labels.

    python -m evals.validator.relations_run            # precision and recall per relation type
    python -m evals.validator.relations_run --details  # also each dev miss and each dev extra

Labels (`relations/labels.yaml`, made without reading the parser) list every breakdown, change,
share and rate wholly inside a span of a real report. The parser reads the whole report; its
relations are cut down to the figures inside the span and compared role by role, figures by their
printed text. Documents keep the split of the validator's evaluation (`real/split.yaml`).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.rules import load_rules
from assistant.validation.statements import Statements
from assistant.validation.statements.facts import Fact
from assistant.validation.validator import review_context
from evals.validator.real_run import REAL, read_doc, split
from retrieval.loaders import load_text, tidy
from retrieval.normalize import clean

LABELS = Path(__file__).resolve().parent / "relations" / "labels.yaml"
TYPES = ("breakdown", "change", "share", "rate")
SPACE = re.compile(r"\s+")


def figure(text: str) -> str:
    return SPACE.sub("", clean(text).text)


@lru_cache(maxsize=256)
def parsed(doc_id: str) -> tuple[str, Statements]:
    """The statements the validator reads, tables included."""
    document = load_text(read_doc(REAL / "docs" / f"{doc_id}.txt").body, doc_id)
    return document.text, review_context(document, load_rules(None)).statements


def inside(fact: Fact | None, span: tuple[int, int]) -> bool:
    return fact is not None and span[0] <= fact.sentence.offset(fact.number.start) < span[1]


def shown(fact: Fact | None, span: tuple[int, int]) -> str | None:
    """A figure as printed, its minus sign kept (“增长-9.41%”, a table's “-309.74”)."""
    return ("-" if fact.number.negative else "") + figure(fact.text) if inside(fact, span) else None


def relations_in(st: Statements, span: tuple[int, int]) -> list[tuple[str, dict]]:
    """The parser's relations cut down to the span: (type, roles) with each figure's printed text."""
    out: list[tuple[str, dict]] = []
    for b in st.breakdowns:
        if inside(b.total, span) and all(inside(p, span) for p in b.parts):
            out.append(("breakdown", {"total": shown(b.total, span), "parts": sorted(figure(p.text) for p in b.parts)}))
    for c in st.changes:
        roles = {role: shown(getattr(c, role), span) for role in ("current", "prior", "amount", "rate")}
        if roles["amount"] or roles["rate"] or (c.direction == "flat" and inside(c.current, span)):
            out.append(("change", {k: v for k, v in roles.items() if v} | {"direction": c.direction}))
    for s in st.shares:
        if inside(s.rate, span) and inside(s.part, span):
            roles = {"part": shown(s.part, span), "rate": shown(s.rate, span), "whole": shown(s.whole, span)}
            out.append(("share", {k: v for k, v in roles.items() if v}))
    for r in st.ratios:
        bottoms = [shown(d, span) for d in r.denominators if inside(d, span)]
        if inside(r.rate, span) and r.numerators and inside(r.numerators[0], span) and bottoms:
            out.append(("rate", {"rate": shown(r.rate, span), "numerator": shown(r.numerators[0], span),
                                 "denominator": tuple(bottoms)}))
    return out


def label_roles(relation: dict) -> tuple[str, dict]:
    kind = relation["type"]
    if kind == "breakdown":
        return kind, {"total": figure(relation["total"]), "parts": sorted(figure(p) for p in relation["parts"])}
    if kind == "rate":
        return kind, {"rate": figure(relation["rate"]), "numerator": figure(relation["numerator"]),
                      "denominator": figure(relation["denominator"])}
    keys = {"change": ("current", "prior", "amount", "rate"), "share": ("part", "rate", "whole")}[kind]
    roles = {k: figure(relation[k]) for k in keys if relation.get(k)}
    if kind == "change" and relation.get("direction"):
        roles["direction"] = relation["direction"]
    return kind, roles


def same(kind: str, label: dict, found: dict) -> bool:
    if kind == "rate":
        return (label["rate"], label["numerator"]) == (found["rate"], found["numerator"]) \
            and label["denominator"] in found["denominator"]
    return label == found


def score(items: list[dict], details: list[str] | None = None) -> tuple[Counter, Counter, Counter]:
    labelled, found, matched = Counter(), Counter(), Counter()
    for item in items:
        text, st = parsed(item["doc"])
        start = text.find(tidy(item["span"]))
        if start < 0:
            raise SystemExit(f"{item['doc']}: span not found: {item['span'][:40]}")
        span = (start, start + len(tidy(item["span"])))
        wanted = [label_roles(r) for r in item["relations"]]
        got = relations_in(st, span)
        for kind, _ in wanted:
            labelled[kind] += 1
        for kind, _ in got:
            found[kind] += 1
        unmatched = list(got)
        for kind, roles in wanted:
            hit = next((g for g in unmatched if g[0] == kind and same(kind, roles, g[1])), None)
            if hit is not None:
                unmatched.remove(hit)
                matched[kind] += 1
            elif details is not None:
                details.append(f"{item['doc']} 漏读 {kind} {roles} ← {item['span'][:60]}")
        if details is not None:
            details.extend(f"{item['doc']} 多读 {kind} {roles} ← {item['span'][:60]}" for kind, roles in unmatched)
    return labelled, found, matched


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "—"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    items = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    parts = split()
    print("| split | relation | labelled | read | right | precision | recall |\n|---|---|---|---|---|---|---|")
    details: list[str] = []
    for name in ("dev", "heldout"):
        chosen = [i for i in items if i["doc"] in parts[name]]
        labelled, found, matched = score(chosen, details if (args.details and name == "dev") else None)
        for kind in (*TYPES, "all"):
            l_, f_, m_ = ((sum(c.values()) for c in (labelled, found, matched)) if kind == "all"
                          else (labelled[kind], found[kind], matched[kind]))
            print(f"| {name} ({len(chosen)} spans) | {kind} | {l_} | {f_} | {m_} | {ratio(m_, f_)} | {ratio(m_, l_)} |")
    if args.details:
        print("\n" + "\n".join(details))


if __name__ == "__main__":
    main()
