"""Long pure functions off the GUI thread, with progress, cancel and a progress dialog.

A job is ``fn(progress, cancelled) -> result`` where ``progress(done, label, total=0)``
reports and ``cancelled()`` is polled; the same shape the Project's long calls
have (``documents.import_paths``). The GUI thread keeps painting meanwhile.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.errors import QuotecoderError

Job = Callable[[Callable[[int, str], None], Callable[[], bool]], Any]


class JobSignals(QObject):
    progress = Signal(int, str)
    progress_of = Signal(int, int)  # (done, total), when the job knows its total
    finished = Signal(object)
    failed = Signal(str)


class JobRunner(QRunnable):
    """Runs one job in the global thread pool; ``cancel()`` asks it to stop at its next check."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, label: str = "", total: int = 0) -> None:
        self.signals.progress.emit(done, label)
        if total:
            self.signals.progress_of.emit(done, total)

    def _is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.job(self._progress, self._is_cancelled)
        except QuotecoderError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug in the job must reach the user, not vanish in a thread
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=5)}")
        else:
            self.signals.finished.emit(result)


class JobFailed(Exception):
    pass


def run_with_progress(parent: QWidget | None, title: str, job: Job, total: int = 0) -> tuple[Any, bool]:
    """Run ``job`` in a worker while a modal progress dialog shows; return (result, was_cancelled).

    Raises :class:`JobFailed` with the worker's message when the job failed.
    """
    dialog = QProgressDialog(title, "Cancel", 0, total, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    runner = JobRunner(job)
    runner.setAutoDelete(False)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def on_progress(done: int, label: str) -> None:
        if total:
            dialog.setValue(min(done, total))
        dialog.setLabelText(f"{title}\n{label}")

    def on_finished(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def on_failed(message: str) -> None:
        outcome["error"] = message
        loop.quit()

    runner.signals.progress.connect(on_progress)
    runner.signals.finished.connect(on_finished)
    runner.signals.failed.connect(on_failed)
    dialog.canceled.connect(runner.cancel)
    QThreadPool.globalInstance().start(runner)
    while not outcome:
        # exec() can return at once when the application was told to quit before; keep serving
        # events until the job reports, so a result is never dropped.
        if loop.exec() != 0 or not outcome:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
    was_cancelled = runner.cancelled
    dialog.canceled.disconnect(runner.cancel)
    dialog.close()
    if "error" in outcome:
        raise JobFailed(outcome["error"])
    return outcome.get("result"), was_cancelled
