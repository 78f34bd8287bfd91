"""Hybrid retrieval: BM25 over each passage and its context, widened by the glossary's official terms
(weighted below the words typed), and vector similarity, fused by a weighted sum of normalised scores;
with filters on report type, section kind, year and unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from retrieval.glossary import asked_kinds, expansions
from retrieval.report_types import type_from_words
from retrieval.section_kinds import kind_from_words
from retrieval.store import Store

Method = Literal["hybrid", "keyword", "vector"]
Rewrite = Callable[[str], list[str]]  # a question → official terms for it (a language model's, say)
CANDIDATES = 50
KEYWORD_WEIGHT = 0.6  # chosen on the dev queries only (python -m evals.retrieval.run --sweep), then frozen
EXPANSION_WEIGHT = 0.5  # a glossary term's words count half as much as a typed word (dev queries)
KIND_PREFERENCE = 0.3  # a passage of the kind the question asks for (“有啥隐患” → 存在问题) scores 1.3× on the keyword side (dev)
FILTER_KEYS = ("report_type", "section_kind", "year", "unit", "source", "kind")


class FilterError(ValueError):
    """A filter that names no known report type or section kind, or an unknown filter key."""


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


def resolve_filters(store: Store, filters: dict | None) -> dict | None:
    """User filters as stored fields. Report types and section kinds may be named in Chinese
    (“部门决算”, “三公经费”); a unit named in part (“大英县”) becomes the documents whose unit, opening
    line or headings contain it. None when there is nothing to filter on."""
    wanted = {key: value for key, value in (filters or {}).items() if value not in (None, "", [])}
    unknown = set(wanted) - set(FILTER_KEYS)
    if unknown:
        raise FilterError(f"未知的筛选条件：{', '.join(sorted(unknown))}（可用：{', '.join(FILTER_KEYS)}）")
    for key, lookup, label in (("report_type", type_from_words, "报告类型"), ("section_kind", kind_from_words, "段落类别")):
        if key in wanted:
            names = wanted[key] if isinstance(wanted[key], list | tuple | set) else [wanted[key]]
            ids = [lookup(str(name)) for name in names]
            if None in ids:
                raise FilterError(f"未知的{label}：{names[ids.index(None)]}")
            wanted[key] = ids if len(ids) > 1 else ids[0]
    if "unit" in wanted:
        sources = unit_sources(store, str(wanted.pop("unit")))
        if "source" in wanted:
            sources &= set(wanted["source"] if isinstance(wanted["source"], list | tuple | set) else [wanted["source"]])
        wanted["source"] = sorted(sources)
    return wanted or None


def unit_sources(store: Store, unit: str) -> set[str]:
    sources: set[str] = set()
    for field_name in ("department", "document_title", "section"):  # a unit is named in its report's title
        for value, found in store.keywords.values(field_name).items():
            if unit in value:
                sources |= found
    return sources


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


def keyword_ranking(store: Store, query: str, n: int, filters: dict | None, terms: list[str],
                    kinds: list[str]) -> list[tuple[str, float]]:
    return store.keywords.search(query, n, filters, expansion=terms, expansion_weight=EXPANSION_WEIGHT,
                                 prefer={"section_kind": kinds} if kinds else None, preference=KIND_PREFERENCE)


def fuse(keyword: list[tuple[str, float]], vector: list[tuple[str, float]],
         keyword_weight: float | None = None) -> list[tuple[str, float]]:
    """Convex combination of min-max-normalised scores. Unlike rank fusion, a chunk that one
    retriever is sure of keeps its lead."""
    keyword_weight = KEYWORD_WEIGHT if keyword_weight is None else keyword_weight
    scores: dict[str, float] = {}
    for weight, ranking in ((keyword_weight, keyword), (1 - keyword_weight, vector)):
        for chunk_id, value in normalised(ranking).items():
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight * value
    return sorted(scores.items(), key=lambda item: -item[1])


def normalised(ranking: list[tuple[str, float]]) -> dict[str, float]:
    if not ranking:
        return {}
    values = [score for _, score in ranking]
    low, high = min(values), max(values)
    return {chunk_id: (score - low) / (high - low) if high > low else 1.0 for chunk_id, score in ranking}


def search(store: Store, query: str, k: int = 5, filters: dict | None = None, method: Method = "hybrid",
           glossary: bool = True, rewrite: Rewrite | None = None) -> list[Hit]:
    """Best passages for the query. `filters`: report_type, section_kind, year, unit, source, kind
    (text | table); each a value or a list. `glossary`: widen the keyword side with official terms and
    prefer passages of the section kind the question asks for;
    `rewrite`: a further source of official terms (a language model), added the same way."""
    if not query.strip():
        return []
    if store.settings.chroma_url:
        store.sync_keywords()  # other processes may have added chunks to the shared server
    where = resolve_filters(store, filters)
    if where and where.get("source") == []:
        return []  # a unit no document names
    terms = (expansions(query) if glossary else []) + (rewrite(query) if rewrite else [])
    kinds = asked_kinds(query) if glossary else []
    if method == "keyword":
        ranked = keyword_ranking(store, query, k, where, terms, kinds)
    elif method == "vector":
        ranked = vector_ranking(store, query, k, where)
    else:
        ranked = fuse(keyword_ranking(store, query, CANDIDATES, where, terms, kinds),
                      vector_ranking(store, query, CANDIDATES, where))
    return hits_for(store, ranked[:k])


def hits_for(store: Store, ranked: list[tuple[str, float]]) -> list[Hit]:
    found = store.get([chunk_id for chunk_id, _ in ranked])
    hits = []
    for chunk_id, score in ranked:
        if chunk_id in found:
            text, meta = found[chunk_id]
            hits.append(Hit(chunk_id, meta["source"], meta["section"], text, score, meta))
    return hits


def exemplars(store: Store, section_title: str, report_type: str, k: int = 3, kind: str | None = None) -> list[Hit]:
    """Passages showing how prior reports of this type phrased this section (any type if none);
    `kind` (a section kind such as 存在问题) narrows them to passages of that kind when there are any."""
    wanted = {"kind": "text", **({"section_kind": kind} if kind else {})}
    for filters in ({**wanted, "report_type": report_type}, wanted, {"kind": "text"}):
        hits = search(store, section_title, k=k, filters=filters)
        if hits:
            return hits
    return []
