"""Check the v2 retrieval labels against the documents themselves, without the retrieval system.

    python -m evals.retrieval.labels_check [--queries v2|v3]

Every answer's phrase must occur verbatim in the body of its source document (after the `# …` header of
the real reports), be 6–30 characters long and sit on one line; ids must be unique, styles valid, at least
half the queries colloquial, and the split (if written) must cover every id exactly once. Prints counts by
style, section kind and document, and exits non-zero on any problem.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from evals.retrieval.corpus import BUNDLED, QUERY_SETS, corpus_files, query_files

STYLES = {"lexical", "colloquial"}
PHRASE_MIN, PHRASE_MAX = 6, 30
HEADER_MARK = "# source:"


def body(text: str) -> str:
    """A real report without its `# source/type/region/year` header (the header ends at the first blank line)."""
    if text.startswith(HEADER_MARK):
        return text.partition("\n\n")[2]
    return text


def load_documents() -> dict[str, str]:
    """Document id → body: `000` … for the bundled reports (file name prefix), `r101` … for the real ones."""
    return {p.name.split("_")[0] if p.parent == BUNDLED else p.stem: body(p.read_text(encoding="utf-8"))
            for p in corpus_files()}


def problems_of(item: dict, docs: dict[str, str]) -> list[str]:
    found = []
    if item.get("style") not in STYLES:
        found.append(f"style {item.get('style')!r}")
    if not item.get("query") or not item.get("section_kind") or not item.get("answers"):
        found.append("missing query, section_kind or answers")
    for answer in item.get("answers", []):
        source, phrase = answer.get("source", ""), answer.get("phrase", "")
        if source not in docs:
            found.append(f"unknown source {source!r}")
        elif phrase not in docs[source]:
            found.append(f"phrase not in {source}: {phrase!r}")
        if not PHRASE_MIN <= len(phrase) <= PHRASE_MAX:
            found.append(f"phrase length {len(phrase)}: {phrase!r}")
        if "\n" in phrase:
            found.append(f"phrase spans lines: {phrase!r}")
    return found


def split_problems(split_file: Path, ids: list[str], styles: dict[str, str]) -> list[str]:
    if not split_file.exists():
        return []
    split = yaml.safe_load(split_file.read_text(encoding="utf-8"))
    for part in ("dev", "held_out"):
        print(f"{part}: {len(split.get(part, []))} queries", dict(Counter(styles.get(i) for i in split.get(part, []))))
    listed = split.get("dev", []) + split.get("held_out", [])
    missing, extra = set(ids) - set(listed), set(listed) - set(ids)
    found = [f"split: {len(listed) - len(set(listed))} ids listed twice"] if len(listed) != len(set(listed)) else []
    if missing or extra:
        found.append(f"split: missing {sorted(missing)}, unknown {sorted(extra)}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", choices=QUERY_SETS, default="v2", help="the query set to check")
    labelled, split_file = query_files(parser.parse_args().queries)
    queries = yaml.safe_load(labelled.read_text(encoding="utf-8"))["queries"]
    docs = load_documents()
    ids = [q["id"] for q in queries]
    problems = [f"duplicate id {i}" for i, n in Counter(ids).items() if n > 1]
    for item in queries:
        problems += [f"{item['id']}: {p}" for p in problems_of(item, docs)]
    styles = Counter(q["style"] for q in queries)
    if styles["colloquial"] * 2 < len(queries):
        problems.append(f"only {styles['colloquial']} of {len(queries)} queries are colloquial")
    problems += split_problems(split_file, ids, {q["id"]: q["style"] for q in queries})
    covered = Counter(a["source"] for q in queries for a in q["answers"])
    print(f"{len(queries)} queries: {dict(styles)}; {len(covered)} of {len(docs)} documents answer at least one")
    print("by section kind:", dict(Counter(q["section_kind"] for q in queries).most_common()))
    print("queries with more than one acceptable answer:", sum(len(q["answers"]) > 1 for q in queries))
    print("second pass done:", sum(q.get("checked") == 2 for q in queries), "of", len(queries))
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
