"""Shared fixtures: every test runs offline, on the `hash` embedder, in its own JIXIAO_HOME."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "JIXIAO_CHROMA_URL"):
    os.environ.pop(variable, None)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT / "corpus"
SEED_FINAL_ACCOUNTS = CORPUS / "001_cbc299a9f93ac768.txt"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh JIXIAO_HOME with the hash embedder; the settings cache is cleared around the test."""
    from assistant.settings import get_settings

    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIXIAO_EMBEDDINGS", "hash")
    get_settings.cache_clear()
    yield tmp_path / "home"
    get_settings.cache_clear()


@pytest.fixture
def store(home):
    from assistant.settings import get_settings
    from retrieval.store import Store

    return Store(get_settings())


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """One store over the bundled corpus, shared by the read-only retrieval tests."""
    from assistant.settings import Settings
    from retrieval.ingest import corpus_files, ingest
    from retrieval.store import Store

    settings = Settings(JIXIAO_HOME=str(tmp_path_factory.mktemp("corpus-home")), JIXIAO_EMBEDDINGS="hash")
    store = Store(settings)
    ingest(store, corpus_files(CORPUS))
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
