"""Failures that happen to a team: an ingest killed half-way, two app processes on one Chroma server."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from assistant.settings import Settings
from retrieval.ingest import ingest
from retrieval.search import search
from retrieval.store import Store
from tests.conftest import CORPUS, ROOT
from tests.test_chroma_server import chroma_url  # noqa: F401  (fixture)

JIXIAO = Path(sys.executable).parent / "jixiao"


def many_reports(folder: Path, copies: int) -> Path:
    """Distinct reports: the bundled ones with the place changed, so every copy has its own chunks."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for source in sorted(CORPUS.glob("*.txt")):
            text = source.read_text(encoding="utf-8").replace("雅安市", f"第{i}市").replace("大英县", f"第{i}县")
            (folder / f"{i:02d}_{source.name}").write_text(f"第{i}份\n" + text, encoding="utf-8")
    return folder


def ingest_process(folder: Path, home: Path, extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_EMBEDDINGS": "hash", **(extra or {})}
    return subprocess.Popen([str(JIXIAO), "ingest", str(folder), "--json"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def keyword_count(home: Path) -> int:
    files = list(home.glob("keyword/*/keyword.sqlite"))
    if not files:
        return 0
    try:
        with sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_an_ingest_killed_half_way_completes_on_rerun_without_duplicates(tmp_path):
    folder = many_reports(tmp_path / "reports", 6)
    home = tmp_path / "home"
    process = ingest_process(folder, home)
    deadline = time.monotonic() + 300
    while keyword_count(home) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash")).count()
    rerun = ingest_process(folder, home)
    first = json.loads(rerun.communicate(timeout=600)[0])
    assert not first["errors"]
    reference = Store(Settings(JIXIAO_HOME=str(tmp_path / "clean"), JIXIAO_EMBEDDINGS="hash"))
    expected = ingest(reference, [folder]).chunks_added
    store = Store(Settings(JIXIAO_HOME=str(home), JIXIAO_EMBEDDINGS="hash"))
    assert partial < expected  # it really was killed half-way
    assert store.count() == expected and store.keywords.count() == expected
    again = ingest_process(folder, home)
    assert json.loads(again.communicate(timeout=600)[0])["chunks_added"] == 0


def test_two_processes_share_one_chroma_server(chroma_url, tmp_path):  # noqa: F811
    folder_a = many_reports(tmp_path / "a", 3)
    folder_b = tmp_path / "b"
    folder_b.mkdir()
    for path in sorted(folder_a.iterdir())[5:]:  # overlapping batches
        (folder_b / path.name).write_bytes(path.read_bytes())
    for path in sorted(CORPUS.glob("*.txt")):
        (folder_b / f"extra_{path.name}").write_text("另一批\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    server = {"JIXIAO_CHROMA_URL": chroma_url, "JIXIAO_COLLECTION": "shared_test"}
    searches: list[int] = []
    stop = threading.Event()

    def keep_searching() -> None:
        reader = Store(Settings(JIXIAO_HOME=str(tmp_path / "reader"), JIXIAO_EMBEDDINGS="hash", **server))
        while not stop.is_set():
            searches.append(len(search(reader, "预算执行率", k=3)))
            time.sleep(0.1)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    one, two = ingest_process(folder_a, tmp_path / "h1", server), ingest_process(folder_b, tmp_path / "h2", server)
    outputs = [json.loads(p.communicate(timeout=600)[0]) for p in (one, two)]
    stop.set()
    thread.join()
    assert all(not o["errors"] for o in outputs)
    union = tmp_path / "union"
    union.mkdir()
    for path in [*folder_a.iterdir(), *folder_b.iterdir()]:
        (union / path.name).write_bytes(path.read_bytes())
    expected = ingest(Store(Settings(JIXIAO_HOME=str(tmp_path / "ref"), JIXIAO_EMBEDDINGS="hash")), [union]).chunks_added
    shared = Store(Settings(JIXIAO_HOME=str(tmp_path / "h3"), JIXIAO_EMBEDDINGS="hash", **server))
    assert shared.count() == expected  # nothing lost, nothing twice
    assert searches and all(isinstance(n, int) for n in searches)
    assert search(shared, "政府采购支出总额", k=1)


def test_keyword_search_sees_chunks_another_process_added(chroma_url, tmp_path):  # noqa: F811
    server = {"JIXIAO_CHROMA_URL": chroma_url, "JIXIAO_COLLECTION": "fresh_test"}
    reader = Store(Settings(JIXIAO_HOME=str(tmp_path / "reader"), JIXIAO_EMBEDDINGS="hash", **server))
    writer = Store(Settings(JIXIAO_HOME=str(tmp_path / "writer"), JIXIAO_EMBEDDINGS="hash", **server))
    ingest(writer, sorted(CORPUS.glob("002_*.txt")))
    hits = search(reader, "扶贫队员劳务费", k=3, method="keyword")
    assert hits and hits[0].source.startswith("002")
