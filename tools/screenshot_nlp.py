"""Render the main window with the Quotes dock and suggestions offscreen: ``python -m tools.screenshot_nlp OUT.png``.

The demo project plus the English corpus articles, processed with the best
installed pipeline, a glossary entry for the President and suggestion patterns
on two codes; the reader shows a document whose quotes and suggestions are
visible, with one quote selected from the Quotes dock.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.importers import ImportOptions  # noqa: E402
from app.gui.nlp.models import SPAN_ROLE  # noqa: E402
from app.project import Project  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "en"
PATTERNS = {
    "Social justice": [("social justice", "phrase"), ("fair", "lemma"), ("pension", "lemma"), ("welfare", "word")],
    "Constitutional reform": [("constitution", "lemma"), ("referendum", "lemma"), ("amendment", "lemma")],
}


def prepare(path: Path) -> tuple[int, int]:
    """Fill the project; return (coder id, id of the document with the most quotes)."""
    from app.demo import ensure_demo_project

    ensure_demo_project(path)
    with Project.open(path) as p:
        if CORPUS.is_dir():
            p.documents.import_paths([str(CORPUS)], ImportOptions(language="en"))
        p.nlp.glossary_add("Kassym-Jomart Tokayev", ["Tokayev", "the Head of State", "the President"])
        for code_path, patterns in PATTERNS.items():
            p.codebook.set_patterns(p.codebook.by_path(code_path).id, patterns)
        p.nlp.process()
        coder = p.coders.by_name("Aigerim").id
        counts: dict[int, int] = {}
        for q in p.nlp.quotes():
            counts[q.document_id] = counts.get(q.document_id, 0) + (2 if q.speaker else 1)
        candidates = sorted(counts, key=lambda d: -counts[d])[:12] or [p.documents.list()[0].id]
        best = max(candidates, key=lambda d: (min(len(p.nlp.suggestions(d, coder)), 6), counts.get(d, 0)))
        return coder, best


def render(out: Path) -> Path:
    from app.gui.launch import application
    from app.gui.mainwindow import MainWindow

    tmp = Path(tempfile.mkdtemp(prefix="qc-nlp-shot-"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp / "settings"))
    app = application()
    coder_id, doc_id = prepare(tmp / "nlp.qcp")
    window = MainWindow()
    window.resize(1440, 960)
    window.show()
    window.open_project(tmp / "nlp.qcp", coder_id=coder_id)
    nlp = window.nlp
    nlp.panel.refresh()
    window.view.documents.select(doc_id)
    if window.view.doc_id != doc_id:
        window.view.open_document(doc_id)
    for _ in range(400):  # suggestions arrive from a worker thread
        app.processEvents()
        if nlp.overlay.items:
            break
        QApplication.instance().thread().msleep(25)
    rows = [r for r in range(nlp.panel.proxy.rowCount())
            if nlp.panel.proxy.data(nlp.panel.proxy.index(r, 0), SPAN_ROLE)[0] == doc_id]
    suggestion = nlp.overlay.items[len(nlp.overlay.items) // 2] if nlp.overlay.items else None

    def distance(row: int) -> int:
        _, start, end = nlp.panel.proxy.data(nlp.panel.proxy.index(row, 0), SPAN_ROLE)
        overlap = suggestion is not None and start < suggestion.end and suggestion.start < end
        return 10 ** 9 if suggestion is None or overlap else abs(start - suggestion.start)

    near = min(rows, key=distance, default=None)
    if near is not None and (suggestion is None or distance(near) < 500):
        index = nlp.panel.proxy.index(near, 1)
        nlp.panel.view.setCurrentIndex(index)
        nlp.panel.view.scrollTo(index)
        nlp.panel.view.activated.emit(index)
    elif suggestion is not None:  # show the suggestion itself, the cursor left inside it
        window.view.reader.select_cp(suggestion.start, suggestion.start + 1)
        window.view.reader.select_cp(suggestion.start, suggestion.start)
    nlp.panel.view.resizeColumnToContents(0)
    window.resizeDocks([nlp.dock], [230], Qt.Vertical)
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out}: {len(nlp.overlay.items)} suggestions, {nlp.panel.model.rowCount()} quotes")
    window.close()
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.screenshot_nlp OUT.png", file=sys.stderr)
        return 2
    render(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
