"""The path for teams: a real `chroma run` server on 127.0.0.1, reached through JIXIAO_CHROMA_URL."""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.settings import Settings
from retrieval.ingest import corpus_files, ingest
from retrieval.search import search
from retrieval.store import Store, StoreError
from tests.conftest import CORPUS, free_port

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.fail("the chroma command is missing from the virtual environment")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen([str(CHROMA), "run", "--path", str(path), "--port", str(port), "--host", "127.0.0.1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    import urllib.request

    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("chroma run did not start")
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_ingest_and_search_through_a_chroma_server(chroma_url, tmp_path):
    settings = Settings(JIXIAO_HOME=str(tmp_path / "a"), JIXIAO_EMBEDDINGS="hash", JIXIAO_CHROMA_URL=chroma_url)
    store = Store(settings)
    first = ingest(store, corpus_files(CORPUS))
    assert first.chunks_added > 100
    # a second app process on another machine: its own home, the same server
    other = Store(Settings(JIXIAO_HOME=str(tmp_path / "b"), JIXIAO_EMBEDDINGS="hash", JIXIAO_CHROMA_URL=chroma_url))
    assert other.count() == store.count()
    assert ingest(other, corpus_files(CORPUS)).chunks_added == 0
    hits = search(other, "三公经费 公务接待", k=3)
    assert hits[0].source.startswith("001")


def test_an_unreachable_server_is_a_clear_error_not_a_hang(tmp_path):
    settings = Settings(JIXIAO_HOME=str(tmp_path), JIXIAO_EMBEDDINGS="hash", JIXIAO_CHROMA_URL=f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    with pytest.raises(StoreError, match="无法连接 Chroma 服务器"):
        Store(settings)
    assert time.monotonic() - started < 60
