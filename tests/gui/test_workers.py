"""Long jobs run off the GUI thread, report progress, can be cancelled, and report failures."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app.gui.workers import JobFailed, run_with_progress


def test_job_runs_in_another_thread_and_returns(qtbot):
    seen = []

    def job(progress, cancelled):
        seen.append(threading.current_thread() is threading.main_thread())
        for i in range(3):
            progress(i + 1, f"step {i}")
        return 42

    result, cancelled = run_with_progress(None, "Working", job, total=3)
    assert (result, cancelled, seen) == (42, False, [False])


def test_cancel_stops_the_job(qtbot):
    steps = []

    def job(progress, cancelled):
        for i in range(500):
            if cancelled():
                break
            steps.append(i)
            progress(i, "")
            time.sleep(0.01)
        return len(steps)

    def press_cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                widget.findChild(QPushButton).click()  # what the user does
                return
        QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(400, press_cancel)
    result, cancelled = run_with_progress(None, "Working", job, total=500)
    assert cancelled and result < 500


def test_failure_is_reported():
    def job(progress, cancelled):
        raise ValueError("bad input file")

    with pytest.raises(JobFailed, match="bad input file"):
        run_with_progress(None, "Working", job)
