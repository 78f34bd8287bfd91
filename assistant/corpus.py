"""The corpus as the 语料库 page manages it: every report inside each stored file, and adding files
while refusing one whose content is already stored under another name.

Content identity is read from the store itself, so it also holds for files added from the command
line or by another worker on a shared Chroma server: chunk ids derive from (source, section, text),
so a file whose chunks, re-keyed under a stored file's name, are exactly that file's chunks holds
the same text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from retrieval.chunking import Chunk, chunk_document, chunk_id
from retrieval.ingest import expand
from retrieval.loaders import LoadError, load
from retrieval.store import Store, is_stale
from retrieval.structure import department, fiscal_year, heading_of

PAGE = 5000  # metadata rows read from the store at a time
Progress = Callable[[int, int, str], None]


@dataclass
class StoredReport:
    """One report inside a stored file (a 决算 page often carries its 绩效自评 annexes too)."""

    source: str
    title: str
    report_type: str
    year: int | None
    unit: str
    chunks: int = 0
    stale: int = 0  # passages cut by an older chunking format (retrieval.store.is_stale)
    types: Counter = field(default_factory=Counter, repr=False)


@lru_cache(maxsize=4096)
def report_title(section: str) -> str:
    """The report title a chunk's heading path starts with, or "" when it starts with no title."""
    first = section.split(" > ", 1)[0] if section else ""
    found = heading_of(first) if first else None
    return first if found and found[0] == 0 else ""


def stored_reports(store: Store) -> list[StoredReport]:
    """Every report of every stored file, each with its own type, year and unit (from its title,
    else the file's); chunks before a file's first title count towards its first report."""
    reports: dict[tuple[str, str], StoredReport] = {}
    first_position: dict[tuple[str, str], int] = {}
    named_units: dict[str, str] = {}  # per file: the unit its chunks were stored with
    for offset in range(0, store.count(), PAGE):
        for meta in store.collection.get(include=["metadatas"], limit=PAGE, offset=offset)["metadatas"]:
            title = report_title(meta.get("section", ""))
            key = (meta["source"], title)
            if key not in reports:
                year = (fiscal_year(title) if title else None) or meta["year"] or None
                reports[key] = StoredReport(meta["source"], title, meta["report_type"], year, unit_of(title))
                named_units.setdefault(meta["source"], meta["department"])
            report = reports[key]
            report.chunks += 1
            report.stale += is_stale(meta)
            report.types[meta["report_type"]] += 1
            first_position[key] = min(first_position.get(key, meta.get("position", 0)), meta.get("position", 0))
    first_titled: dict[str, tuple[str, str]] = {}
    for key in sorted((k for k in reports if k[1]), key=first_position.get):
        first_titled.setdefault(key[0], key)
    for key in [k for k in reports if not k[1] and k[0] in first_titled]:
        untitled = reports.pop(key)
        reports[first_titled[key[0]]].chunks += untitled.chunks
        reports[first_titled[key[0]]].stale += untitled.stale
    ordered = sorted(reports.values(), key=lambda r: (r.source, first_position[(r.source, r.title)]))
    title_units: dict[str, str] = {}  # a title that names no unit takes the unit the file's first title names
    for report in ordered:
        if report.unit:
            title_units.setdefault(report.source, report.unit)
    named_units.update(title_units)
    for report in ordered:
        report.report_type = report.types.most_common(1)[0][0]
        report.unit = report.unit or named_units[report.source]
    return ordered


def unit_of(title: str) -> str:
    """The unit a report title names (“2021年雅安市政务服务和大数据局整体绩效评价报告”), or ""."""
    return department(title) if title else ""


def duplicate_of(store: Store, chunks: list[Chunk], sizes: dict[str, int]) -> str | None:
    """The stored file (under another name) whose chunks are exactly these; `sizes`: chunks per stored file."""
    if not chunks:
        return None
    others = [s for s, n in sizes.items() if s != chunks[0].source and n == len(chunks)]
    probes = {chunk_id(s, chunks[0].section, chunks[0].text): s for s in others}
    for probe in sorted(store.existing_ids(list(probes))):
        source = probes[probe]
        ids = [chunk_id(source, c.section, c.text) for c in chunks]
        if len(store.existing_ids(ids)) == len(ids):
            return source
    return None


def add_files(store: Store, paths: Iterable[str | Path], progress: Progress | None = None) -> list[dict]:
    """Add each file unless it cannot be read or its content is already stored; one outcome per file:
    {"path", "status": added | skipped | duplicate | error, "chunks", "message"}."""
    files = expand(paths)
    sizes = Counter({d.source: d.chunks for d in store.documents()})
    outcomes = []
    for index, path in enumerate(files):
        if progress:
            progress(index, len(files), path.name)
        outcomes.append(add_one(store, path, sizes))
    if progress:
        progress(len(files), len(files), "")
    return outcomes


def add_one(store: Store, path: Path, sizes: Counter) -> dict:
    try:
        chunks = chunk_document(load(path))
    except LoadError as exc:
        return {"path": str(path), "status": "error", "chunks": 0, "message": str(exc)}
    same = duplicate_of(store, chunks, sizes)
    if same:
        return {"path": str(path), "status": "duplicate", "chunks": 0,
                "message": f"内容与已入库的“{same}”相同，未重复入库"}
    added = store.add(chunks)
    if added:
        sizes[chunks[0].source] += added
        return {"path": str(path), "status": "added", "chunks": added, "message": f"新增 {added} 段"}
    return {"path": str(path), "status": "skipped", "chunks": 0, "message": "已在库中，跳过"}
