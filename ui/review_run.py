"""The reviews being checked, by browser session, so that 停止 stops the server's work too.

Gradio's `cancels=` ends the event in the browser at once, but the function it ran keeps going in
its worker thread; a batch is checked one report at a time, so the review looks at its flag before
each report and gives up there. A report already being checked is finished first. Closing the
page stops its reviews the same way (Gradio's unload, when the page's heartbeat ends).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


class ReviewStopped(Exception):
    """Raised inside a review whose 停止 was pressed, before its next report."""


@dataclass(eq=False)  # each run is itself: two fresh runs are not the same run
class ReviewRun:
    stop: threading.Event = field(default_factory=threading.Event)
    done: int = 0  # reports checked so far
    total: int = 0

    def step(self, done: int, total: int) -> None:
        """Called before each report (and once at the end); gives up when 停止 was pressed."""
        if self.stop.is_set():
            raise ReviewStopped
        self.done, self.total = done, total

    def stopped_message(self) -> str:
        checked = f"已核对 {self.done}/{self.total} 份，" if self.total else ""
        return f"已停止审核（{checked}本次结果未保存）"


class RunningReviews:
    """Session → its reviews in progress (a second 开始核对 before the first ends makes two)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs: dict[str, list[ReviewRun]] = {}

    def start(self, session: str) -> ReviewRun:
        run = ReviewRun()
        with self._lock:
            self._runs.setdefault(session, []).append(run)
        return run

    def finish(self, session: str, run: ReviewRun) -> None:
        with self._lock:
            runs = self._runs.get(session, [])
            if run in runs:
                runs.remove(run)
            if not runs:
                self._runs.pop(session, None)

    def stop(self, session: str) -> ReviewRun | None:
        """Stop the session's reviews; returns the latest, or None when nothing was running."""
        with self._lock:
            runs = list(self._runs.get(session, []))
        for run in runs:
            run.stop.set()
        return runs[-1] if runs else None

    def stopping(self) -> bool:
        """Whether every review in progress was asked to stop (and is finishing its current report)."""
        with self._lock:
            return all(run.stop.is_set() for runs in self._runs.values() for run in runs)

    def __len__(self) -> int:
        """How many reviews are being checked now."""
        with self._lock:
            return sum(len(runs) for runs in self._runs.values())
