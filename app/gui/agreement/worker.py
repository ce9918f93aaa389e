"""Runs :func:`app.project.agreement.run` in the thread pool, with progress and cancel signals.

The inputs are read from the database on the GUI thread (a few queries); the
statistics, sentence splitting and bootstrap run here, so the window keeps
painting. The runner holds only plain values — no session, no Qt widget.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, Signal

from app.core.agreement_spans import AgreementCancelled
from app.core.errors import QuotecoderError
from app.project.agreement import AgreementInputs, run


class AgreementSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # AgreementResult
    cancelled = Signal()
    failed = Signal(str)


class AgreementRunner(QRunnable):
    def __init__(self, inputs: AgreementInputs) -> None:
        super().__init__()
        self.inputs = inputs
        self.signals = AgreementSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = run(self.inputs, self.signals.progress.emit, self._cancel.is_set)
        except AgreementCancelled:
            self.signals.cancelled.emit()
        except (QuotecoderError, ValueError) as exc:
            self.signals.failed.emit(str(exc))
        else:
            self.signals.finished.emit(result)
