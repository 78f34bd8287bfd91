"""The Chroma store (embedded or a server) plus the keyword index beside it.

Adding is idempotent because chunk ids derive from content. A collection records the embedder
that built it and refuses another one, since vectors of two models cannot be compared. Passages cut
by an older chunking format (chunking.CHUNKING_FORMAT) are stale: adding a file's passages again
removes that file's stale ones, so an upgrade never leaves old and new passages side by side.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb  # noqa: E402
from chromadb.config import Settings as ChromaSettings  # noqa: E402

from retrieval.chunking import CHUNKING_FORMAT, Chunk, context  # noqa: E402
from retrieval.embeddings import CachedEmbedder, JixiaoEmbeddingFunction, make_embedder  # noqa: E402
from retrieval.keyword import KeywordIndex  # noqa: E402

KEYWORD_FORMAT = "k3"  # bumped when what the keyword index holds changes: an old index is rebuilt from the store


class StoreError(Exception):
    """A store that cannot be opened or used, with a reason fit to show a user."""


@dataclass
class StoredDocument:
    source: str
    report_type: str
    year: int
    department: str
    chunks: int


def connect(settings) -> chromadb.api.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(f"无法连接 Chroma 服务器 JIXIAO_CHROMA_URL={settings.chroma_url}：{exc}") from exc
        return client
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store_dir), settings=chroma_settings)


class Store:
    def __init__(self, settings, embedder: CachedEmbedder | None = None) -> None:
        """`settings`: the assistant's Settings (or any object with the same fields); retrieval
        reads no environment of its own."""
        self.settings = settings
        self.embedder = embedder or make_embedder(self.settings.embeddings, self.settings)
        self.client = connect(self.settings)
        self.collection = self.client.get_or_create_collection(
            self.settings.collection,
            embedding_function=JixiaoEmbeddingFunction(self.settings.embeddings, self.embedder),
            metadata={"embedder": self.embedder.name, "hnsw:space": "cosine"},
        )
        built_by = (self.collection.metadata or {}).get("embedder")
        if built_by and built_by != self.embedder.name:
            raise StoreError(
                f"向量库由 {built_by} 构建，当前向量模型为 {self.embedder.name}，不能混用："
                "请改回原来的 JIXIAO_EMBEDDINGS，或换一个 JIXIAO_HOME / JIXIAO_COLLECTION"
            )
        scope = self.settings.home / "keyword" / f"{self.settings.collection}-{self.embedder.name}-{KEYWORD_FORMAT}"
        self.keywords = KeywordIndex(scope)
        self.sync_keywords()

    def count(self) -> int:
        return self.collection.count()

    def existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            found.update(self.collection.get(ids=ids[start : start + 500], include=[])["ids"])
        return found

    def add(self, chunks: list[Chunk]) -> int:
        """Embed and store the chunks not yet present, then drop their files' stale passages; returns
        how many were new."""
        present = self.existing_ids([c.id for c in chunks])
        new = [c for c in chunks if c.id not in present]
        if new:  # when nothing is new, the file was added as cut now before, and its stale passages went then
            self._store(new)
            self.remove(self.stale_ids({c.source for c in chunks}))
        return len(new)

    def _store(self, new: list[Chunk]) -> None:
        vectors = self.embedder.embed_documents([embedding_text(c) for c in new])
        batch = max(1, min(1000, self.client.get_max_batch_size()))
        for start in range(0, len(new), batch):
            part = new[start : start + batch]
            self.collection.upsert(  # upsert, not add: two processes racing on one server both succeed
                ids=[c.id for c in part], documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part], embeddings=vectors[start : start + batch].tolist(),
            )
        metadatas = [c.metadata() for c in new]
        self.keywords.add([c.id for c in new], [keyword_text(c.text, m) for c, m in zip(new, metadatas, strict=True)],
                          metadatas)

    def stale_ids(self, sources: set[str]) -> list[str]:
        """The passages of these files cut by another chunking format than the current one."""
        if not sources:
            return []
        got = self.collection.get(where={"source": {"$in": sorted(sources)}}, include=["metadatas"])
        return [i for i, meta in zip(got["ids"], got["metadatas"], strict=True) if is_stale(meta)]

    def remove(self, ids: list[str]) -> int:
        if ids:
            self.collection.delete(ids=ids)
            self.keywords.delete(ids)
        return len(ids)

    def sync_keywords(self) -> None:
        """Bring the keyword index in line with the store (after a crash, or on a new machine)."""
        if self.keywords.count() == self.collection.count():
            return
        stored: list[str] = []
        page = 5000
        for offset in range(0, self.collection.count(), page):
            stored.extend(self.collection.get(include=[], limit=page, offset=offset)["ids"])
        indexed = self.keywords.ids()
        self.keywords.delete(sorted(indexed - set(stored)))
        missing = sorted(set(stored) - indexed)
        for start in range(0, len(missing), 1000):
            got = self.collection.get(ids=missing[start : start + 1000], include=["documents", "metadatas"])
            texts = [keyword_text(t, m) for t, m in zip(got["documents"], got["metadatas"], strict=True)]
            self.keywords.add(got["ids"], texts, got["metadatas"])

    def documents(self) -> list[StoredDocument]:
        by_source: dict[str, StoredDocument] = {}
        page = 5000
        for offset in range(0, self.collection.count(), page):
            for meta in self.collection.get(include=["metadatas"], limit=page, offset=offset)["metadatas"]:
                doc = by_source.setdefault(
                    meta["source"], StoredDocument(meta["source"], meta["report_type"], meta["year"], meta["department"], 0)
                )
                doc.chunks += 1
        return sorted(by_source.values(), key=lambda d: d.source)

    def delete_source(self, source: str) -> int:
        return self.remove(self.collection.get(where={"source": source}, include=[])["ids"])

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}


def is_stale(metadata: dict) -> bool:
    """A stored passage cut by another chunking format than the current one."""
    return metadata.get("chunking") != CHUNKING_FORMAT


def keyword_text(text: str, metadata: dict) -> str:
    """What the keyword index holds: the passage with its context (title, unit, heading path), which
    names what the passage itself leaves unsaid."""
    return f"{context(metadata)}\n{text}"


def embedding_text(chunk: Chunk) -> str:
    """What the vector model sees: the passage after the title of its report (year and kind of report;
    structure.document_title) and its unit when the title leaves it out (most questions name a unit).
    The full heading path is left out: measured on the dev queries it pulled every passage of a
    section towards the same vector (python -m evals.retrieval.study --part embedded)."""
    unit = chunk.department if chunk.department and chunk.department not in chunk.document_title else ""
    heading = " ".join(part for part in (chunk.document_title, unit) if part)
    return f"{heading}\n{chunk.text}" if heading else chunk.text
