"""Our keyword search: BM25 over jieba words plus character bigrams.

Local Chroma has no sparse search, so this index lives beside the store under JIXIAO_HOME: a
SQLite table of tokens and metadata is the durable part; the BM25 matrices are rebuilt from it in
memory when its contents change, and the table itself is rebuilt from the store when missing.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.normalize import searchable

DOMAIN_WORDS = ["预算执行率", "资金到位率", "到位率", "执行率", "结转结余", "年初结转和结余", "年末结转和结余", "三公经费", "公务接待费", "公务用车", "运行维护费", "因公出国", "机关运行经费", "政府采购", "国有资产", "基本支出", "项目支出", "人员经费", "公用经费", "一般公共预算", "财政拨款", "政府性基金", "国有资本经营", "绩效目标", "绩效指标", "满意度", "自评得分", "存在问题", "改进建议", "改进措施", "评价结论", "产出指标", "效益指标", "数量指标", "质量指标", "时效指标", "成本指标", "社会效益", "可持续影响"]
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[\u4e00-\u9fff]|[a-z0-9.%]+")
FILTER_FIELDS = ("report_type", "year", "source", "kind", "section_kind", "department", "document_title", "section")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in DOMAIN_WORDS:
        jieba.add_word(word, freq=20000)
    return jieba


def tokenize(text: str) -> list[str]:
    """jieba search-mode words (no punctuation) and the bigrams of every run of Han characters."""
    text = searchable(text).lower()
    words = [w for w in _jieba().cut_for_search(text) if _WORD.match(w)]
    bigrams = [run[i : i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)]
    return words + bigrams


class KeywordIndex:
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(directory / "keyword.sqlite", check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS chunks (id TEXT PRIMARY KEY, tokens TEXT, meta TEXT)")
        self._lock = threading.Lock()
        self._built_for: tuple[int, int] | None = None
        self._bm25 = None
        self._ids: list[str] = []
        self._meta: dict[str, np.ndarray] = {}

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM chunks")}

    def add(self, ids: list[str], texts: list[str], metadatas: list[dict]) -> None:
        rows = [
            (i, " ".join(tokenize(t)), json.dumps({f: m.get(f) for f in FILTER_FIELDS}, ensure_ascii=False))
            for i, t, m in zip(ids, texts, metadatas, strict=True)
        ]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?)", rows)

    def delete(self, ids: list[str]) -> None:
        with self._lock, self._db:
            self._db.executemany("DELETE FROM chunks WHERE id = ?", [(i,) for i in ids])

    def _generation(self) -> tuple[int, int]:
        return self._db.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM chunks").fetchone()

    def _ensure_built(self) -> None:
        generation = self._generation()
        if generation != self._built_for:
            self._ids, metas, self._bm25 = build_bm25(self._db.execute("SELECT id, tokens, meta FROM chunks ORDER BY rowid"))
            self._meta = {f: np.array([str(m.get(f)) for m in metas], dtype=object) for f in FILTER_FIELDS}
            self._built_for = generation

    def search(self, query: str, k: int = 50, where: dict | None = None, expansion: list[str] | None = None,
               expansion_weight: float = 0.0, prefer: dict | None = None, preference: float = 0.0) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; `where` filters on report_type, year, source, kind.
        `expansion`: further terms (the glossary's), whose words together weigh at most `expansion_weight`
        times the typed words (each counts `expansion_weight` until they outnumber the typed words).
        `prefer`: fields like `where`; a matching passage's score counts (1 + `preference`) times."""
        with self._lock:
            self._ensure_built()
            if not self._ids:
                return []
            typed = tokenize(query)
            scores = self._bm25.scores(typed)
            seen = set(typed)
            added = list(dict.fromkeys(t for term in expansion or [] for t in tokenize(term) if t not in seen))
            if added and expansion_weight > 0:
                scores += expansion_weight * min(1.0, len(typed) / len(added)) * self._bm25.scores(added)
            preferred = self._mask(prefer)
            if preferred is not None and preference > 0:
                scores = np.where(preferred, scores * (1 + preference), scores)
            mask = self._mask(where)
            if mask is not None:
                scores = np.where(mask, scores, 0.0)
            k = min(k, len(self._ids))
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top])]
            return [(self._ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def vocabulary(self) -> dict[str, int]:
        """Every word the index holds (a dict, for fast membership tests)."""
        with self._lock:
            self._ensure_built()
            return self._bm25.vocabulary if self._bm25 else {}

    def values(self, field: str) -> dict[str, set[str]]:
        """Each distinct value of a metadata field, with the sources whose passages carry it."""
        with self._lock:
            self._ensure_built()
            found: dict[str, set[str]] = {}
            for value, source in zip(self._meta[field], self._meta["source"], strict=True):
                found.setdefault(value, set()).add(source)
            return found

    def _mask(self, where: dict | None) -> np.ndarray | None:
        if not where:
            return None
        mask = np.ones(len(self._ids), dtype=bool)
        for field, value in where.items():
            values = value if isinstance(value, list | tuple | set) else [value]
            mask &= np.isin(self._meta[field], [str(v) for v in values])
        return mask


class BM25:
    """Okapi BM25 (k1 = 1.5, b = 0.75) with term-major postings in numpy arrays.

    Built by streaming rows, so memory holds one posting per (term, chunk) pair rather than every
    token of every chunk as a Python string: 100k chunks fit in a few hundred MB.
    """

    def __init__(self, vocabulary: dict[str, int], indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray, n: int) -> None:
        self.vocabulary, self.indptr, self.docs, self.weights, self.n = vocabulary, indptr, docs, weights, n

    def scores(self, tokens: list[str]) -> np.ndarray:
        scores = np.zeros(self.n, dtype=np.float32)
        for term in tokens:  # a repeated query term counts again, as in bm25s and Lucene
            index = self.vocabulary.get(term)
            if index is not None:
                lo, hi = self.indptr[index], self.indptr[index + 1]
                scores[self.docs[lo:hi]] += self.weights[lo:hi]
        return scores


def build_bm25(rows, k1: float = 1.5, b: float = 0.75) -> tuple[list[str], list[dict], BM25]:
    from array import array

    vocabulary: dict[str, int] = {}
    terms, docs, counts, lengths = array("i"), array("i"), array("f"), array("f")
    ids, metas = [], []
    for doc, (chunk_id, tokens, meta) in enumerate(rows):
        ids.append(chunk_id)
        metas.append(json.loads(meta))
        words = tokens.split()
        lengths.append(len(words))
        unique, tf = np.unique(np.array([vocabulary.setdefault(w, len(vocabulary)) for w in words], dtype=np.int32),
                               return_counts=True)
        terms.extend(unique.tolist())
        docs.extend([doc] * len(unique))
        counts.extend(tf.tolist())
    n = len(ids)
    term_ids, doc_ids = np.frombuffer(terms, dtype=np.int32), np.frombuffer(docs, dtype=np.int32)
    tf, length = np.frombuffer(counts, dtype=np.float32), np.frombuffer(lengths, dtype=np.float32)
    df = np.bincount(term_ids, minlength=len(vocabulary)).astype(np.float32)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    average = float(length.mean()) if n else 1.0
    weights = idf[term_ids] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length[doc_ids] / max(average, 1e-9)))
    order = np.argsort(term_ids, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(df.astype(np.int64))])
    return ids, metas, BM25(vocabulary, indptr, doc_ids[order], weights[order].astype(np.float32), n)
