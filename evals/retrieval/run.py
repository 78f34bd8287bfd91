"""Recall@1, recall@5 and MRR per retrieval method, on dev and held-out, lexical and colloquial apart.

    python -m evals.retrieval.run [--queries v2|v3] [--home DIR] [--fresh] [--misses] [--sweep] [--dev-only]

The corpus (bundled + 157 real reports) is ingested once per embedder under DIR (default
.jixiao/evals/retrieval-v2); e5 vectors are cached by content under .jixiao/evals/cache, so only new
passages are embedded. `--misses` lists the dev queries the default misses (never held-out ones);
`--sweep` prints the dev scores behind the frozen fusion, glossary and kind-preference weights.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import retrieval.search as search_module
from assistant.settings import Settings
from evals.retrieval.corpus import (
    HOME,
    QUERY_SETS,
    SPLITS,
    STYLES,
    corpus_files,
    embedder,
    queries,
    rank_of,
    scores,
)
from retrieval.ingest import ingest
from retrieval.search import search
from retrieval.store import Store

DEFAULT = "hybrid (e5) + glossary = default"
METHODS = [  # label, embedder, search options
    ("keyword", "e5", {"method": "keyword", "glossary": False}),
    ("keyword + glossary", "e5", {"method": "keyword"}),
    ("vector (e5)", "e5", {"method": "vector"}),
    ("vector (hash)", "hash", {"method": "vector"}),
    ("hybrid (e5)", "e5", {"method": "hybrid", "glossary": False}),
    ("hybrid (hash) + glossary", "hash", {"method": "hybrid"}),
    (DEFAULT, "e5", {"method": "hybrid"}),
]
DEPTH = 10


def open_store(home: Path, kind: str) -> Store:
    store = Store(Settings(JIXIAO_HOME=str(home / kind), JIXIAO_EMBEDDINGS=kind), embedder=embedder(kind))
    files = corpus_files()
    if len(store.documents()) < len(files):
        print(f"ingesting {len(files)} reports into the {kind} store …", file=sys.stderr)
        ingest(store, files)
    return store


def ranks(store: Store, items: list[dict], options: dict) -> list[int | None]:
    out = []
    for item in items:
        hits = search(store, item["query"], k=DEPTH, **options)
        out.append(rank_of([(h.source, h.text) for h in hits], item["answers"]))
    return out


def unreachable(store: Store, items: list[dict]) -> int:
    """Queries whose answer phrase lies in no passage (split across two): a miss no method can avoid."""
    got = store.collection.get(include=["documents", "metadatas"])
    passages = [(m["source"], d) for d, m in zip(got["documents"], got["metadatas"], strict=True)]
    return sum(rank_of(passages, item["answers"]) is None for item in items)


def table(stores: dict[str, Store], splits: dict[str, list[dict]], methods=METHODS) -> None:
    print("| method | split | style | queries | recall@1 | recall@5 | MRR |\n|---|---|---|---|---|---|---|")
    for label, kind, options in methods:
        for split, items in splits.items():
            found = dict(zip((q["id"] for q in items), ranks(stores[kind], items, options), strict=True))
            for style in STYLES:
                s = scores([found[q["id"]] for q in items if q["style"] == style])
                print(f"| {label} | {split} | {style} | {s['n']} | {s['recall@1']:.3f} | {s['recall@5']:.3f} | {s['MRR']:.3f} |")


def sweep(stores: dict[str, Store], dev: list[dict]) -> None:
    """Dev only: the keyword weight of the fusion and the glossary's weight, then the preference for the
    section kind a question asks for, around the frozen values."""
    frozen = (search_module.KEYWORD_WEIGHT, search_module.EXPANSION_WEIGHT)
    frozen_preference = search_module.KIND_PREFERENCE
    print("\ndev only | keyword weight | glossary weight | lexical r@5 | colloquial r@5 | lexical MRR | colloquial MRR")
    for keyword_weight in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        for expansion_weight in (0.3, 0.5, 0.7):
            search_module.KEYWORD_WEIGHT, search_module.EXPANSION_WEIGHT = keyword_weight, expansion_weight
            found = ranks(stores["e5"], dev, {"method": "hybrid"})
            lex, col = (scores([r for r, q in zip(found, dev, strict=True) if q["style"] == s]) for s in STYLES)
            print(f"| | {keyword_weight} | {expansion_weight} | {lex['recall@5']:.3f} | {col['recall@5']:.3f} "
                  f"| {lex['MRR']:.3f} | {col['MRR']:.3f} |")
    search_module.KEYWORD_WEIGHT, search_module.EXPANSION_WEIGHT = frozen
    print("\ndev only | kind preference | lexical r@5 | colloquial r@5 | lexical MRR | colloquial MRR")
    for preference in (0.0, 0.15, 0.3, 0.5, 0.8):
        search_module.KIND_PREFERENCE = preference
        found = ranks(stores["e5"], dev, {"method": "hybrid"})
        lex, col = (scores([r for r, q in zip(found, dev, strict=True) if q["style"] == s]) for s in STYLES)
        print(f"| | {preference} | {lex['recall@5']:.3f} | {col['recall@5']:.3f} | {lex['MRR']:.3f} | {col['MRR']:.3f} |")
    search_module.KIND_PREFERENCE = frozen_preference


def misses(store: Store, dev: list[dict]) -> None:
    print("\ndev queries the default misses in its top 5:")
    for item, rank in zip(dev, ranks(store, dev, {"method": "hybrid"}), strict=True):
        if rank is None or rank > 5:
            print(f"  {item['id']} {item['style']} rank {rank}: {item['query']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=HOME / "retrieval-v2")
    parser.add_argument("--misses", action="store_true", help="list the dev queries the default misses")
    parser.add_argument("--sweep", action="store_true", help="dev scores over fusion and glossary weights")
    parser.add_argument("--dev-only", action="store_true", help="leave held-out out (while tuning)")
    parser.add_argument("--queries", choices=QUERY_SETS, default="v2", help="the labelled query set")
    parser.add_argument("--fresh", action="store_true", help="rebuild the stores (after a change to chunking)")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(args.home, ignore_errors=True)  # the embedding cache lives elsewhere and is kept
    stores = {kind: open_store(args.home, kind) for kind in ("e5", "hash")}
    splits = {split: queries(split, args.queries) for split in (SPLITS[:1] if args.dev_only else SPLITS)}
    print(f"{sum(map(len, splits.values()))} queries over {len(corpus_files())} reports, {stores['e5'].count()} passages; "
          + ", ".join(f"{split}: {len(items)} ({unreachable(stores['e5'], items)} with no passage holding the answer)"
                      for split, items in splits.items()) + "\n")
    table(stores, splits)
    if args.sweep:
        sweep(stores, splits["dev"])
    if args.misses:
        misses(stores["e5"], splits["dev"])


if __name__ == "__main__":
    main()
