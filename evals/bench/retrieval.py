"""Retrieval at scale: synthetic corpora of 1k, 10k and 100k chunks built from the bundled reports
with varied figures, departments and years. For each size: ingest chunks/s, query latency p50/p95
(keyword, vector, hybrid — the default, with the glossary — over the 131 dev queries' texts), store
size on disk and the process's peak memory.

    python -m evals.bench.retrieval [--sizes 1000 10000 100000] [--embedder hash|e5]

Each size runs in its own process so peak memory is that size's alone.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from assistant.settings import CORPUS_DIR, Settings
from evals.retrieval.corpus import queries as dev_queries
from retrieval.chunking import chunk_document, chunk_id
from retrieval.ingest import corpus_files
from retrieval.loaders import load
from retrieval.search import search
from retrieval.store import Store

PLACES = ["大英县", "南县", "益阳市", "永州市", "雅安市", "安化县", "桃江县", "沅江市", "祁阳县", "道县", "宁远县", "天全县"]


def synthetic_chunks(n: int, seed: int = 7):
    """n distinct chunks: the bundled chunks with every figure redrawn and a place and year swapped in."""
    rng = random.Random(seed)
    base = [c for path in corpus_files(CORPUS_DIR) for c in chunk_document(load(path))]
    out = []
    for i in range(n):
        chunk = base[i % len(base)]
        place, year = rng.choice(PLACES), rng.randint(2016, 2025)
        text = re.sub(r"\d+\.\d+", lambda m: f"{rng.uniform(0.1, 2000):.2f}", chunk.text)
        text = f"{place}{year}年度 {text}"
        source = f"synthetic_{i // 40:05d}.txt"
        out.append(replace(chunk, id=chunk_id(source, chunk.section, text), text=text, source=source, year=year,
                           department=place))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, embedder: str) -> dict:
    home = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    try:
        store = Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS=embedder))
        chunks = synthetic_chunks(n)
        started = time.perf_counter()
        for start in range(0, len(chunks), 2000):
            store.add(chunks[start : start + 2000])
        ingest_seconds = time.perf_counter() - started
        queries = [q["query"] for q in dev_queries("dev")]  # their texts only: latency, not recall
        search(store, queries[0], k=5)  # builds the BM25 matrices once, as the first query of a process does
        latency = {}
        for method in ("keyword", "vector", "hybrid"):
            times = []
            for query in queries:
                t = time.perf_counter()
                search(store, query, k=5, method=method)
                times.append((time.perf_counter() - t) * 1000)
            latency[method] = (percentile(times, 0.5), percentile(times, 0.95))
        return {"chunks": n, "embedder": embedder, "ingest_per_s": n / ingest_seconds, "latency_ms": latency,
                "disk_mb": directory_size(home) / 1e6,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--embedder", default="hash")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.embedder)))
        return
    rows = []
    for n in args.sizes:
        done = subprocess.run([sys.executable, "-m", "evals.bench.retrieval", "--one", str(n), "--embedder", args.embedder],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"measured {n}", file=sys.stderr)
    print("| chunks | embedder | ingest chunks/s | keyword p50/p95 ms | vector p50/p95 ms | hybrid p50/p95 ms | disk MB | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        lat = " | ".join(f"{r['latency_ms'][m][0]:.1f} / {r['latency_ms'][m][1]:.1f}" for m in ("keyword", "vector", "hybrid"))
        print(f"| {r['chunks']} | {r['embedder']} | {r['ingest_per_s']:.0f} | {lat} | {r['disk_mb']:.0f} | {r['peak_mb']:.0f} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["latency_ms"]["hybrid"][1] / first["latency_ms"]["hybrid"][1]
        print(f"\nhybrid p95 grows {growth:.1f}× from {first['chunks']} to {last['chunks']} chunks "
              f"({last['chunks'] / first['chunks']:.0f}× the data)")


if __name__ == "__main__":
    main()
