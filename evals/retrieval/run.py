"""Recall@1, recall@5 and MRR of keyword, vector (e5 and hash) and hybrid retrieval, in one run.

    python -m evals.retrieval.run [--home DIR]

Stores are kept under DIR (default .jixiao/evals) so e5 embeddings are computed once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from assistant.settings import CORPUS_DIR, Settings
from retrieval.ingest import corpus_files, ingest
from retrieval.search import Hit, search
from retrieval.store import Store

QUERIES = Path(__file__).resolve().parent / "queries.yaml"
METHODS = [("keyword", "hash", "keyword"), ("vector (e5)", "e5", "vector"), ("vector (hash)", "hash", "vector"),
           ("hybrid (e5)", "e5", "hybrid"), ("hybrid (hash)", "hash", "hybrid")]


def is_right(hit: Hit, answers: list[dict]) -> bool:
    return any(hit.source.startswith(a["source"]) and a["phrase"] in hit.text for a in answers)


def score(store: Store, queries: list[dict], method: str) -> dict[str, float]:
    r1 = r5 = mrr = 0.0
    for item in queries:
        hits = search(store, item["query"], k=10, method=method)
        rank = next((i for i, h in enumerate(hits, start=1) if is_right(h, item["answers"])), None)
        r1 += rank == 1
        r5 += rank is not None and rank <= 5
        mrr += 1 / rank if rank else 0
    n = len(queries)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "MRR": mrr / n}


def open_store(home: Path, embedder: str) -> Store:
    store = Store(Settings(JIXIAO_HOME=str(home / embedder), JIXIAO_EMBEDDINGS=embedder))
    if store.count() == 0:
        print(f"building the {embedder} store …", file=sys.stderr)
        ingest(store, corpus_files(CORPUS_DIR))
    return store


def check_answers(store: Store, queries: list[dict]) -> list[str]:
    """Queries whose answer phrase is in no chunk of its source: a broken label, not a miss."""
    texts = store.collection.get(include=["documents", "metadatas"])
    broken = []
    for item in queries:
        if not any(m["source"].startswith(a["source"]) and a["phrase"] in d
                   for a in item["answers"] for d, m in zip(texts["documents"], texts["metadatas"], strict=True)):
            broken.append(item["query"])
    return broken


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=Path(".jixiao/evals/retrieval"))
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    stores = {name: open_store(args.home, name) for name in ("hash", "e5")}
    broken = check_answers(stores["hash"], queries)
    if broken:
        sys.exit(f"labels with no matching chunk: {broken}")
    subsets = {"all": queries, "paraphrase": [q for q in queries if q.get("paraphrase")],
               "keyword-like": [q for q in queries if not q.get("paraphrase")]}
    print(f"{len(queries)} queries ({len(subsets['paraphrase'])} paraphrases) over {stores['hash'].count()} chunks\n")
    print("| method | subset | recall@1 | recall@5 | MRR |\n|---|---|---|---|---|")
    for label, embedder, method in METHODS:
        for subset, items in subsets.items():
            s = score(stores[embedder], items, method)
            print(f"| {label} | {subset} | {s['recall@1']:.3f} | {s['recall@5']:.3f} | {s['MRR']:.3f} |")


if __name__ == "__main__":
    main()
