"""Start-up and quit of the window, against a bare PySide6 window with a text editor, side by side.

A/B/A/B in one run: ``quotecoder gui PROJECT --coder NAME --quit-after-show`` (window shown,
the demo project opened and on screen, then closed) against a bare QMainWindow holding a
QPlainTextEdit shown and closed. Wall and CPU seconds (user + system of the child) per
process; the ratio is of medians.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.setCentralWidget(QPlainTextEdit("text")); w.resize(1400, 880)
w.show(); QTimer.singleShot(0, w.close); app.exec()
"""

ROUNDS = 5


def _timed(cmd: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run() -> str:
    from app.demo import ensure_demo_project

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=f"{tmp}/data",
                   XDG_CONFIG_HOME=f"{tmp}/config")
        os.environ.update(XDG_DATA_HOME=env["XDG_DATA_HOME"])
        project = ensure_demo_project(Path(tmp) / "demo.qcp")
        app_cmd = [sys.executable, "-m", "app", "gui", str(project), "--coder", "Aigerim", "--quit-after-show"]
        bare_cmd = [sys.executable, "-c", BARE]
        _timed(app_cmd, env)  # first start writes caches (bytecode, fontconfig); not counted
        ours, bare = [], []
        for _ in range(ROUNDS):
            ours.append(_timed(app_cmd, env))
            bare.append(_timed(bare_cmd, env))
    wall_o, cpu_o = (statistics.median(x[i] for x in ours) for i in (0, 1))
    wall_b, cpu_b = (statistics.median(x[i] for x in bare) for i in (0, 1))
    return "\n".join([
        "## Start-up: the window on a project, against a bare PySide6 window",
        "",
        f"{ROUNDS} rounds A/B/A/B in one run, medians; target: at most 3× the bare window.",
        "",
        "| | wall s | CPU s |",
        "| --- | --- | --- |",
        f"| `quotecoder gui demo.qcp --quit-after-show` | {wall_o:.2f} | {cpu_o:.2f} |",
        f"| bare QMainWindow + QPlainTextEdit | {wall_b:.2f} | {cpu_b:.2f} |",
        f"| **ratio** | **{wall_o / wall_b:.1f}×** | **{cpu_o / cpu_b:.1f}×** |",
        "",
    ])


if __name__ == "__main__":
    print(run())
