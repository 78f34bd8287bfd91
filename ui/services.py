"""What every page shares in one process: settings, the store, and the chat model if any."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant.settings import Settings

UPLOAD_TYPES = [".pdf", ".docx", ".html", ".htm", ".txt", ".md"]
FIGURE_TYPES = [".yaml", ".yml", ".json", ".xlsx"]


@dataclass
class Services:
    settings: Settings
    store: object
    model: object | None = None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


def safe_name(path: str | Path) -> str:
    """A display and storage name for an upload: its base name, without path parts or control characters."""
    name = Path(str(path).replace("\\\\", "/")).name
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name).strip(". ") or "upload"
    return name[:120]
