"""GUI speed: open a 1 MB document with 10,000 codings, apply a code, switch documents in 10,000.

Runs the real main window on the offscreen platform. Times include painting
(``repaint()`` forces the paint synchronously), so "readable" means the
visible text and its highlights and stripes are drawn.
"""

from __future__ import annotations

import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.generate import generate  # noqa: E402


def _window(path: Path):
    from app.gui.mainwindow import MainWindow
    from app.gui.workspace import ViewMode

    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    t0 = time.perf_counter()
    window.open_project(path, coder_id=1)
    QApplication.processEvents()
    opened = time.perf_counter() - t0
    window.set_view(ViewMode.ALL)  # the heaviest view: every coder's codings drawn
    return window, opened


def _dispose(window) -> None:
    """Close and delete the window now, so no Qt object is left for interpreter shutdown to collect."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    gc.collect()


def _paint(view) -> None:
    view.reader.viewport().repaint()
    view.reader.stripe.repaint()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def big_document(folder: Path) -> dict[str, float]:
    # ~1 MB of text (about 170,000 words) carrying 10,000 codings by three coders.
    project = generate(folder / "big.qcp", documents=1, codings=10_000, words_per_doc=170_000)
    size = len(project.documents.text(1).encode("utf-8"))
    project.close()
    window, _ = _window(folder / "big.qcp")
    view = window.view
    opens = []
    for _ in range(3):
        t0 = time.perf_counter()
        view.open_document(1)
        _paint(view)
        opens.append(time.perf_counter() - t0)
    bar = view.reader.verticalScrollBar()
    rng = random.Random(3)
    frames = []
    for _ in range(30):
        bar.setValue(rng.randrange(bar.maximum() + 1))
        t0 = time.perf_counter()
        _paint(view)
        frames.append(time.perf_counter() - t0)
    applies = []
    code = next(iter(view.codes))
    text_len = len(view.text)
    for _ in range(30):
        start = rng.randrange(0, text_len - 100)
        view.reader.select_cp(start, start + rng.randint(10, 90))
        t0 = time.perf_counter()
        ok = view.apply_code(code)
        _paint(view)
        applies.append(time.perf_counter() - t0)
        assert ok
    _dispose(window)
    return {"bytes": size, "open": min(opens), "open_median": statistics.median(opens),
            "frame": statistics.median(frames), "frame_max": max(frames),
            "apply": statistics.median(applies), "apply_max": max(applies)}


def many_documents(folder: Path) -> dict[str, float]:
    generate(folder / "many.qcp", documents=10_000, codings=200_000, words_per_doc=500).close()
    window, opened = _window(folder / "many.qcp")
    view = window.view
    rng = random.Random(5)
    switches = []
    for _ in range(30):
        doc = rng.randrange(1, 10_001)
        t0 = time.perf_counter()
        view.documents.select(doc)
        _paint(view)
        switches.append(time.perf_counter() - t0)
        assert view.doc_id == doc
    steps = []
    for _ in range(20):
        t0 = time.perf_counter()
        view.documents.step(1)
        _paint(view)
        steps.append(time.perf_counter() - t0)
    _dispose(window)
    return {"open_project": opened, "switch": statistics.median(switches), "switch_max": max(switches),
            "next": statistics.median(steps)}


def _child(part: str, folder: Path) -> dict[str, float]:
    """Run one part in a fresh process (a fresh QApplication); its JSON result comes back on stdout.

    The child leaves with ``os._exit``: PySide6 6.12 can abort while collecting
    Qt wrappers at interpreter shutdown after the 200,000-coding run, which
    must not turn ``make bench`` red after the figures are taken.
    """
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-m", "bench.bench_gui", part, str(folder)], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"GUI benchmark part {part} failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def _child_main(part: str, folder: str) -> None:
    from app.gui.launch import application

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(Path(folder) / f"settings-{part}"))
    application()
    result = {"big": big_document, "many": many_documents}[part](Path(folder))
    print(json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)


def run() -> str:
    folder = Path(tempfile.mkdtemp(prefix="qc-bench-gui-"))
    big = _child("big", folder)
    many = _child("many", folder)
    return "\n".join([
        "## GUI (workspace)",
        "",
        "The real main window on the offscreen platform, painting forced synchronously (`repaint()`), "
        "every coder's codings shown (the heaviest view).",
        "",
        "| What | Measured | Target |",
        "|---|---|---|",
        f"| Open a {big['bytes'] / 1e6:.2f} MB document with 10,000 codings until drawn (best of 3; median "
        f"{_ms(big['open_median'])}) | {_ms(big['open'])} | < 1 s |",
        f"| Scroll to a random place and draw one frame, that document (median; worst) | "
        f"{_ms(big['frame'])}; {_ms(big['frame_max'])} | smooth |",
        f"| Apply a code: command, database commit, highlight and stripe drawn (median of 30; worst) | "
        f"{_ms(big['apply'])}; {_ms(big['apply_max'])} | < 50 ms |",
        f"| Open a project of 10,000 documents and 200,000 codings in the window | {_ms(many['open_project'])} | — |",
        f"| Switch to a random document in that project, drawn (median of 30; worst) | "
        f"{_ms(many['switch'])}; {_ms(many['switch_max'])} | < 200 ms |",
        f"| Next document (Ctrl+PgDown), drawn (median of 20) | {_ms(many['next'])} | < 200 ms |",
        "",
        "How: the reader is a `QPlainTextEdit` (lays out only the blocks it shows); highlights and coding "
        "stripes are painted per visible block from an index sorted by start (bisect), so a frame's cost "
        "depends on what is on screen, not on the 10,000 codings. An edit refreshes only the codings it "
        "touched and adjusts the codebook counts by difference.",
        "",
    ])


if __name__ == "__main__":
    if len(sys.argv) == 3:
        _child_main(sys.argv[1], sys.argv[2])
    else:
        print(run())
