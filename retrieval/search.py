"""Hybrid retrieval: BM25 and vector similarity fused by reciprocal rank, with metadata filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from retrieval.store import Store

Method = Literal["hybrid", "keyword", "vector"]
RRF_K = 60
CANDIDATES = 50


@dataclass
class Hit:
    id: str
    source: str
    section: str
    text: str
    score: float
    metadata: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"source": self.source, "section": self.section, "text": self.text, "score": round(self.score, 6)}


def chroma_where(filters: dict | None) -> dict | None:
    if not filters:
        return None
    clauses = [
        {key: {"$in": list(value)}} if isinstance(value, list | tuple | set) else {key: value}
        for key, value in filters.items()
    ]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def vector_ranking(store: Store, query: str, n: int, filters: dict | None) -> list[tuple[str, float]]:
    if store.count() == 0:
        return []
    vector = store.embedder.embed_query(query)
    result = store.collection.query(
        query_embeddings=[vector.tolist()], n_results=min(n, store.count()), where=chroma_where(filters),
        include=["distances"],
    )
    return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]


def fuse(rankings: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: each list adds 1 / (60 + rank) for every id it ranks."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def search(
    store: Store, query: str, k: int = 5, filters: dict | None = None, method: Method = "hybrid"
) -> list[Hit]:
    """Best chunks for the query; `filters` keys: report_type, year, source, kind."""
    if not query.strip():
        return []
    if method == "keyword":
        ranked = store.keywords.search(query, k, filters)
    elif method == "vector":
        ranked = vector_ranking(store, query, k, filters)
    else:
        ranked = fuse([store.keywords.search(query, CANDIDATES, filters),
                       vector_ranking(store, query, CANDIDATES, filters)])
    ranked = ranked[:k]
    found = store.get([chunk_id for chunk_id, _ in ranked])
    hits = []
    for chunk_id, score in ranked:
        if chunk_id in found:
            text, meta = found[chunk_id]
            hits.append(Hit(chunk_id, meta["source"], meta["section"], text, score, meta))
    return hits


def exemplars(store: Store, section_title: str, report_type: str, k: int = 3) -> list[Hit]:
    """Passages showing how prior reports of this type phrased this section (any type if none)."""
    hits = search(store, section_title, k=k, filters={"report_type": report_type, "kind": "text"})
    return hits or search(store, section_title, k=k, filters={"kind": "text"})
