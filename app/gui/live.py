"""Other coders' changes, shown as they are committed, without ever blocking the window.

On PostgreSQL a QSocketNotifier watches the listening connection's socket:
when a notification arrives, the batch is read (non-blocking) and turned into
the ChangeSet an edit of one's own would return, so the views refresh exactly
what a teammate touched: their coding appears in the reader and the segments
when the view shows that coder, a renamed code is renamed in the codebook, a
document they (or you, in another window) marked done is marked. A slow timer
checks the connection; a drop shows in the status bar and is retried, and after
a reconnect what is shown is compared with the database (changes made during
the gap were not heard).

On SQLite a QTimer polls ``PRAGMA data_version``; when another connection has
committed, the same comparison refreshes what differs (two windows on one file
see each other's edits).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from app.core.errors import QuotecoderError
from app.core.records import ChangeSet
from app.gui.workspace import Workspace
from app.project.live import Batch, Snapshot, changeset, needs_full_reload

POLL_MS = 400  # SQLite: how often data_version is asked (a few microseconds each)
CHECK_MS = 1000  # PostgreSQL: how often the connection is checked when nothing arrives


class LiveUpdates(QObject):
    """Listens for the open project's committed changes and hands them to the workspace."""

    statusChanged = Signal(str)  # "" when connected; otherwise what is wrong, for the status bar

    def __init__(self, ws: Workspace, current_document: Callable[[], int | None] = lambda: None,
                 parent: QObject | None = None, retry_seconds: float | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.current_document = current_document
        self.status = ""
        self.applied = 0  # batches that refreshed something (for tests and the curious)
        self._notifier: QSocketNotifier | None = None
        self._source = None
        self._snapshot: Snapshot | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        try:
            self._source = ws.project.live.source()
        except QuotecoderError as exc:
            self._set_status(f"Live updates off: {exc}")
            return
        if retry_seconds is not None and hasattr(self._source, "retry_seconds"):
            self._source.retry_seconds = retry_seconds
        if ws.project.live.has_notifications:
            self._watch_socket()
            self._timer.start(CHECK_MS)
        else:
            self._snapshot = self._take_snapshot()
            self._timer.start(POLL_MS)
        ws.viewChanged.connect(self._forget_snapshot)

    # --- reading ---

    def poll(self) -> None:
        """Read whatever has arrived and apply it; never waits."""
        if self._source is None:
            return
        batch: Batch = self._source.poll()  # a drop is reported in the batch, never raised
        if batch.lost:
            self._drop_socket()
            what = ("Team connection lost" if self.ws.project.live.has_notifications
                    else "Cannot check the project file for changes")
            self._set_status(f"{what} ({batch.lost}); retrying…")
            return
        if self._notifier is None and self.ws.project.live.has_notifications:
            self._watch_socket()
        self._set_status("")
        try:
            self._apply(batch)
        except QuotecoderError as exc:
            self._set_status(f"Could not refresh: {exc}")

    def _apply(self, batch: Batch) -> None:
        if batch.resync:
            self._refresh_shown()
        if not batch.changes:
            return
        if needs_full_reload(batch.changes):
            self.ws.viewChanged.emit()
        else:
            self.ws.notify(changeset(batch.changes))
        self.applied += 1

    def _refresh_shown(self) -> None:
        """Something changed, what is unknown: refresh the documents whose status or count differ."""
        before = self._snapshot
        after = self._take_snapshot()
        self._snapshot = after
        if before is None:
            self.ws.viewChanged.emit()
            self.applied += 1
            return
        documents = before.differing(after)
        if set(before.statuses) != set(after.statuses):
            self.ws.viewChanged.emit()  # documents were added or removed
        else:
            self.ws.reload_coders()
            current = self.current_document()
            if current is not None:
                documents.add(current)
            self.ws.notify(ChangeSet(documents=frozenset(documents)))
        self.applied += 1

    def _take_snapshot(self) -> Snapshot:
        return self.ws.project.live.snapshot(self.ws.coder_id, self.ws.visible_coders())

    def _forget_snapshot(self) -> None:
        if self._snapshot is not None:
            self._snapshot = self._take_snapshot()

    # --- the socket ---

    def _watch_socket(self) -> None:
        fd = self._source.fileno() if self._source is not None else None
        if fd is None:
            return
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Read, self)
        self._notifier.activated.connect(self.poll)

    def _drop_socket(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.statusChanged.emit(text)

    def stop(self) -> None:
        self._timer.stop()
        self._drop_socket()
        if self._source is not None:
            self._source.close()
            self._source = None
