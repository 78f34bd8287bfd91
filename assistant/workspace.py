"""Each user's work kept under JIXIAO_HOME in SQLite: conversations, every version of their drafts,
and review results, so nothing is lost on a page reload or a server restart.

A user is a login name when logins are on, otherwise an id the browser keeps. Every read is scoped
to its user: one user's id never opens another user's work. States, drafts and results are stored as
JSON, so they must be plain dicts and lists (a TypeError says which value is not).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, title TEXT NOT NULL, state TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_by_user ON conversations (user, updated);
CREATE TABLE IF NOT EXISTS drafts (
    user TEXT NOT NULL, conversation_id TEXT NOT NULL, version INTEGER NOT NULL, draft TEXT NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (user, conversation_id, version));
CREATE TABLE IF NOT EXISTS reviews (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, name TEXT NOT NULL, results TEXT NOT NULL,
    reports INTEGER NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, notes INTEGER NOT NULL,
    created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS reviews_by_user ON reviews (user, created);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
ID_BYTES = 8


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    title: str
    updated: float
    drafts: int  # versions saved so far


@dataclass(frozen=True)
class DraftVersion:
    version: int  # 1 for the first draft, counting up with every redraft
    created: float


@dataclass(frozen=True)
class ReviewInfo:
    id: str
    name: str
    created: float
    reports: int
    errors: int
    warnings: int
    notes: int


def when(timestamp: float) -> str:
    """A timestamp as the lists show it (local time, to the minute)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


class Workspace:
    """One SQLite file; safe to share between the server's threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _write(self, sql: str, values: tuple) -> None:
        with self._lock, self._db:
            self._db.execute(sql, values)

    def _read(self, sql: str, values: tuple) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, values).fetchall()

    # conversations -------------------------------------------------------------------------
    def save_conversation(self, user: str, conversation_id: str | None, title: str, state: dict) -> str:
        """Create (id None) or overwrite a conversation of this user; returns its id."""
        data, now = json.dumps(state, ensure_ascii=False), time.time()
        if conversation_id and self._read("SELECT 1 FROM conversations WHERE id=? AND user=?", (conversation_id, user)):
            self._write("UPDATE conversations SET title=?, state=?, updated=? WHERE id=? AND user=?",
                        (title, data, now, conversation_id, user))
            return conversation_id
        new_id = secrets.token_hex(ID_BYTES)
        self._write("INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?)", (new_id, user, title, data, now, now))
        return new_id

    def conversations(self, user: str) -> list[ConversationInfo]:
        """This user's conversations, the most recently changed first."""
        rows = self._read(
            "SELECT c.id, c.title, c.updated, (SELECT COUNT(*) FROM drafts d WHERE d.user=c.user AND "
            "d.conversation_id=c.id) FROM conversations c WHERE c.user=? ORDER BY c.updated DESC, c.rowid DESC", (user,))
        return [ConversationInfo(*row) for row in rows]

    def load_conversation(self, user: str, conversation_id: str) -> dict | None:
        rows = self._read("SELECT state FROM conversations WHERE id=? AND user=?", (conversation_id, user))
        return json.loads(rows[0][0]) if rows else None

    def delete_conversation(self, user: str, conversation_id: str) -> None:
        """Removes the conversation and every version of its draft."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM drafts WHERE user=? AND conversation_id=?", (user, conversation_id))
            self._db.execute("DELETE FROM conversations WHERE user=? AND id=?", (user, conversation_id))

    # drafts ----------------------------------------------------------------------------------
    def save_draft(self, user: str, conversation_id: str, draft: dict) -> int:
        """Keep a new version of the conversation's draft (earlier ones stay); returns its number."""
        data = json.dumps(draft, ensure_ascii=False)
        with self._lock, self._db:
            (latest,) = self._db.execute("SELECT COALESCE(MAX(version), 0) FROM drafts WHERE user=? AND conversation_id=?",
                                         (user, conversation_id)).fetchone()
            self._db.execute("INSERT INTO drafts VALUES (?, ?, ?, ?, ?)", (user, conversation_id, latest + 1, data, time.time()))
            self._db.execute("UPDATE conversations SET updated=? WHERE user=? AND id=?", (time.time(), user, conversation_id))
        return latest + 1

    def draft_versions(self, user: str, conversation_id: str) -> list[DraftVersion]:
        """Every saved version, the newest first."""
        rows = self._read("SELECT version, created FROM drafts WHERE user=? AND conversation_id=? ORDER BY version DESC",
                          (user, conversation_id))
        return [DraftVersion(*row) for row in rows]

    def load_draft(self, user: str, conversation_id: str, version: int | None = None) -> dict | None:
        """One version of the draft (the newest when `version` is None), or None."""
        if version is None:
            rows = self._read("SELECT draft FROM drafts WHERE user=? AND conversation_id=? ORDER BY version DESC LIMIT 1",
                              (user, conversation_id))
        else:
            rows = self._read("SELECT draft FROM drafts WHERE user=? AND conversation_id=? AND version=?",
                              (user, conversation_id, version))
        return json.loads(rows[0][0]) if rows else None

    # reviews ---------------------------------------------------------------------------------
    def save_review(self, user: str, name: str, results: list[dict]) -> str:
        """Keep a review (one dict per report, each with its `findings`); returns its id."""
        counts = {severity: sum(1 for r in results for f in r.get("findings", []) if f.get("severity") == severity)
                  for severity in ("error", "warning", "note")}
        new_id = secrets.token_hex(ID_BYTES)
        self._write("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_id, user, name, json.dumps(results, ensure_ascii=False), len(results), counts["error"],
                     counts["warning"], counts["note"], time.time()))
        return new_id

    def reviews(self, user: str) -> list[ReviewInfo]:
        """This user's reviews, the newest first."""
        rows = self._read("SELECT id, name, created, reports, errors, warnings, notes FROM reviews WHERE user=? "
                          "ORDER BY created DESC, rowid DESC", (user,))
        return [ReviewInfo(*row) for row in rows]

    def load_review(self, user: str, review_id: str) -> list[dict] | None:
        rows = self._read("SELECT results FROM reviews WHERE id=? AND user=?", (review_id, user))
        return json.loads(rows[0][0]) if rows else None

    def delete_review(self, user: str, review_id: str) -> None:
        self._write("DELETE FROM reviews WHERE user=? AND id=?", (user, review_id))

    # the app's own small facts -----------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def secret(self, name: str) -> str:
        """A random secret made on first use and kept, e.g. the key the browser's saved user id is
        encrypted with, so a browser is still recognised after a server restart."""
        with self._lock, self._db:
            self._db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (f"secret:{name}", secrets.token_hex(16)))
            return self._db.execute("SELECT value FROM meta WHERE key=?", (f"secret:{name}",)).fetchone()[0]


def open_workspace(settings) -> Workspace:
    """The workspace of this JIXIAO_HOME."""
    return Workspace(settings.workspace_file)
