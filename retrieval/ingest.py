"""Ingest files and folders into the store, file by file, with progress and per-file errors.

Each file is loaded, chunked and added on its own, so a bad file is reported and skipped while
the rest of the batch goes on, and a batch killed half-way leaves every finished file stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.chunking import chunk_document
from retrieval.loaders import SUPPORTED, LoadError, load
from retrieval.store import Store

Progress = Callable[[int, int, str], None]


@dataclass
class IngestResult:
    files: int = 0
    chunks_added: int = 0
    skipped: int = 0
    errors: list[dict] = field(default_factory=list)
    per_file: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"files": self.files, "chunks_added": self.chunks_added, "skipped": self.skipped, "errors": self.errors}


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the supported files anywhere under named folders."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            out.append(path)
    return out


def ingest(store: Store, paths: Iterable[str | Path], progress: Progress | None = None) -> IngestResult:
    files = expand(paths)
    result = IngestResult()
    for index, path in enumerate(files, start=1):
        if progress:
            progress(index - 1, len(files), path.name)
        result.files += 1
        try:
            chunks = chunk_document(load(path))
            added = store.add(chunks)
        except LoadError as exc:
            result.errors.append({"path": str(path), "error": str(exc)})
            result.per_file.append({"path": str(path), "status": "error", "chunks": 0, "message": str(exc)})
            continue
        result.chunks_added += added
        if added == 0:
            result.skipped += 1
        result.per_file.append({"path": str(path), "status": "added" if added else "skipped", "chunks": added,
                                "message": f"新增 {added} 段" if added else "已在库中，跳过"})
    if progress:
        progress(len(files), len(files), "")
    return result


def ensure_corpus(store: Store, corpus_dir: Path, progress: Progress | None = None) -> IngestResult | None:
    """Ingest the bundled corpus when the store is empty, or again when its stored passages were cut by
    an older chunking format (Store.add then replaces them); None when nothing had to be done."""
    files = corpus_files(corpus_dir)
    return ingest(store, files, progress) if corpus_needed(store, files) else None


def corpus_needed(store: Store, files: list[Path]) -> bool:
    """Whether the bundled corpus has to be ingested: the store is empty or holds it cut the old way."""
    return store.count() == 0 or bool(store.stale_ids({path.name for path in files}))


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The bundled reports: top-level supported files, not the README or the examples folder."""
    return sorted(p for p in corpus_dir.iterdir()
                  if p.is_file() and p.suffix.lower() in SUPPORTED and p.stem.lower() != "readme")
