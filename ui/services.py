"""What every page shares in one process: settings, the store, the chat model if any, each user's
workspace, and the bundled corpus being indexed in the background.

The app answers at once on a fresh machine: embedding the bundled corpus takes a minute with the
bundled model, so it runs in a thread while review (which needs no store) already works; search
and drafting say how far the index has got instead of waiting.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.settings import CORPUS_DIR, Settings
from assistant.workspace import Workspace, open_workspace
from retrieval.chunking import CHUNKING_FORMAT
from retrieval.ingest import corpus_files, corpus_needed, ingest
from retrieval.loaders import SUPPORTED
from retrieval.store import Store
from ui.review_run import RunningReviews

UPLOAD_TYPES = list(SUPPORTED)  # what the command line reads, .xlsx included
FIGURE_TYPES = [".yaml", ".yml", ".json", ".xlsx"]


def echo(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Indexing:
    """How far the background indexing of the bundled corpus has got."""

    running: bool = False
    done: int = 0
    total: int = 0
    current: str = ""
    error: str = ""

    def message(self) -> str:
        """“语料库正在建立索引（x/y）” while running, else ""."""
        return f"语料库正在建立索引（{self.done}/{self.total}）" if self.running else ""


@dataclass
class Services:
    settings: Settings
    store: Store
    model: object | None = None
    workspace: Workspace | None = None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    indexing: Indexing = field(default_factory=Indexing)
    indexer: threading.Thread | None = None  # the thread indexing the bundled corpus, if one was started
    reviews: RunningReviews = field(default_factory=RunningReviews)  # what 审核's 停止 can stop

    def __post_init__(self) -> None:
        self.workspace = self.workspace or open_workspace(self.settings)

    def apply_settings(self, settings: Settings) -> bool:
        """Use settings the 设置 page saved, without a restart: the chat model at once, and a new store
        (indexed in the background) when the embedder changed. Returns whether the store was replaced;
        a StoreError or an index still being built leaves everything as it was."""
        rebuild = store_key(settings) != store_key(self.settings)
        if rebuild and self.indexing.running:
            raise ServicesBusy(f"{self.indexing.message()}，完成后才能更换向量模型")
        store = Store(settings) if rebuild else self.store
        self.settings, self.store, self.model = settings, store, chat_model(settings)
        if rebuild:
            self.index_corpus_in_background()
        return rebuild

    def corpus_busy(self) -> str:
        """What search and drafting should say instead of searching: "" when the corpus is ready."""
        return self.indexing.message()

    def corpus_marker(self) -> str:
        """The workspace key that records the bundled corpus indexed into this store, as cut now."""
        return f"corpus-indexed:{self.settings.collection}:{self.store.embedder.name}:{CHUNKING_FORMAT}"

    def index_corpus_in_background(self, corpus_dir: Path = CORPUS_DIR, say: Callable[[str], None] = echo) -> threading.Thread | None:
        """Embed the bundled corpus in a thread when this store has never finished doing so, or holds it
        cut by an older chunking format (an upgrade: ingesting again replaces those passages)."""
        marker = self.corpus_marker()
        files = corpus_files(corpus_dir)
        if self.indexing.running or self.workspace.meta(marker):
            return None
        if not self.workspace.meta(marker + ":started") and not corpus_needed(self.store, files):
            return None  # filled as it is cut now, by the command line or an earlier version of this page
        self.indexing = Indexing(running=True, total=len(files))
        self.workspace.set_meta(marker + ":started", "1")
        self.indexer = threading.Thread(target=self._index, args=(files, marker, say), name="corpus-index", daemon=True)
        self.indexer.start()
        return self.indexer

    def _index(self, files: list[Path], marker: str, say: Callable[[str], None]) -> None:
        started = time.monotonic()
        state = self.indexing

        def progress(done: int, total: int, name: str) -> None:
            state.done, state.current = done, name
            if name:
                say(f"正在建立语料库索引（{done + 1}/{total}）：{name}")

        try:
            with self.ingest_lock:
                result = ingest(self.store, files, progress)
            self.workspace.set_meta(marker, "1")
            say(f"语料库索引已建立：{result.files} 个文件，新增 {result.chunks_added} 段，用时 {time.monotonic() - started:.0f} 秒")
        except Exception as exc:  # the app keeps serving review; the corpus page shows the reason
            state.error = f"建立语料库索引失败：{exc}"
            say(state.error)
        finally:
            state.running = False


class ServicesBusy(Exception):
    """A change that has to wait for the background work to finish."""


def store_key(settings: Settings) -> tuple:
    """The settings that decide which store (and which vectors) the app uses."""
    return settings.embeddings, settings.embedding_model, settings.collection, settings.chroma_url, settings.home


def chat_model(settings: Settings):
    """The configured model for drafting, or None offline."""
    if not settings.llm_configured:
        return None
    from assistant.drafting.llm import ChatModel

    return ChatModel(settings)


def safe_name(path: str | Path) -> str:
    """A display and storage name for an upload: its base name, without path parts or control characters."""
    name = Path(str(path).replace("\\\\", "/")).name
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(". ") or "upload"
    return name[:120]
