"""Render the main window offscreen to PNG: ``python -m tools.screenshots OUTDIR``.

Two scenes: the demo project with a few codings by two coders (light and dark
theme), and a larger project built from ``shared/corpus/en`` and coded by
keyword, shown with every coder's codings.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.shared import CORPUS as SHARED_CORPUS  # noqa: E402
from app.core.importers import ImportOptions  # noqa: E402
from app.project import Project, QuotecoderError  # noqa: E402

CORPUS = SHARED_CORPUS / "en"
KEYWORDS = {
    "Social justice": r"social justice|fair(ness)?|pension|welfare|inequality",
    "Political neutrality": r"non-partisan|impartial|dialogue|all political forces",
    "Constitutional reform": r"constitution(al)?|amendment|referendum",
    "Modernization/Economic reform": r"econom(y|ic)|investment|growth",
    "Modernization/Institutional reform": r"institution(al|s)?|reform(s)?",
    "Unity of the people": r"unity|harmony|interethnic|statehood",
}


def _sentences(text: str):
    for m in re.finditer(r"[^.!?\n]+[.!?]", text):
        yield m.start(), m.end()


def code_by_keywords(project: Project, per_doc: int, coders: list[int]) -> int:
    """Code sentences that mention a code's keywords (a stand-in for a coder's work in pictures)."""
    codes = {path: project.codebook.by_path(path).id for path in KEYWORDS}
    added = 0
    for doc in project.documents.list():
        text = project.documents.text(doc.id)
        n = 0
        for start, end in _sentences(text):
            for path, pattern in KEYWORDS.items():
                hit = re.search(pattern, text[start:end], re.IGNORECASE)
                if hit is None:
                    continue
                coder = coders[(start // 7) % len(coders)]
                s, e = (start + hit.start(), start + hit.end()) if n % 3 == 2 else (start, end)
                while s < e and text[s].isspace():
                    s += 1
                try:
                    project.codings.add(doc.id, codes[path], coder, s, e,
                                        memo="Clear case." if n % 5 == 0 else "")
                except QuotecoderError as exc:  # a duplicate span from two keywords: skip it, say why
                    print(f"skipped a coding: {exc}", file=sys.stderr)
                    continue
                n += 1
                added += 1
            if n >= per_doc:
                break
    return added


def _window(path: Path, coder: str, size=(1440, 900)):
    from app.gui.mainwindow import MainWindow

    with Project.open(path) as p:
        coder_id = p.coders.by_name(coder).id
    window = MainWindow()
    window.resize(*size)
    window.show()
    window.open_project(path, coder_id=coder_id)
    QApplication.processEvents()
    return window


def _shoot(window, out: Path) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(out))
    print(f"wrote {out}")


def render(outdir: Path) -> list[Path]:
    from app.demo import ensure_demo_project
    from app.gui.launch import application
    from app.gui.theme import apply_theme
    from app.gui.workspace import ViewMode

    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="qc-shots-"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp / "settings"))
    app = application()
    written = []

    demo = ensure_demo_project(tmp / "demo.qcp")
    with Project.open(demo) as p:
        coders = [p.coders.by_name("Aigerim").id, p.coders.by_name("Daniyar").id]
        code_by_keywords(p, 14, coders)
        p.nlp.process(pipeline="blank")  # so the Quotes panel shows who said what
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        window = _window(demo, "Aigerim")
        window.set_view(ViewMode.ALL)
        view = window.view
        view.codebook.select(window.project.codebook.by_path("Social justice").id)
        view.reader.verticalScrollBar().setValue(8)
        _shoot(window, outdir / f"demo-{theme}.png")
        written.append(outdir / f"demo-{theme}.png")
        window.close()

    apply_theme(app, "light")
    corpus = tmp / "corpus.qcp"
    with Project.create(corpus) as p:
        a = p.coders.add("Aigerim", color="#cc6677").id
        d = p.coders.add("Daniyar", color="#4477aa").id
        from app.demo import DEMO_CODEBOOK

        for path, color, definition, *_rest, shortcut in DEMO_CODEBOOK:
            edit = p.codebook.add_path(path, color=color, description=definition)
            if shortcut:
                p.codebook.set_shortcut(edit.id, shortcut)
        p.documents.import_paths([str(CORPUS)], ImportOptions())
        code_by_keywords(p, 25, [a, d])
        p.nlp.process(pipeline="blank")
        docs = p.documents.list()
        for doc in docs[: len(docs) // 3]:
            p.documents.set_status(doc.id, a, "done")
    window = _window(corpus, "Aigerim")
    counts = window.project.documents.coding_counts()
    busiest = sorted(counts, key=lambda d: -counts[d])[2]
    window.view.documents.select(busiest)
    window.view.codebook.select(window.project.codebook.by_path("Constitutional reform").id)
    _shoot(window, outdir / "corpus-blind.png")
    written.append(outdir / "corpus-blind.png")
    window.set_view(ViewMode.ALL)
    _shoot(window, outdir / "corpus-all-coders.png")
    written.append(outdir / "corpus-all-coders.png")
    window.close()

    # The demo's first document scrolled to its greyed tail (boilerplate, not part of the article).
    fresh = ensure_demo_project(tmp / "fresh.qcp")
    window = _window(fresh, "Aigerim")
    doc = window.view.doc_id
    spans = window.project.documents.excluded_spans(doc)
    window.nlp.dock.hide()  # no NLP run on this copy: keep the picture on the reader
    if spans:
        reader = window.view.reader
        # Centre a point just before the tail, so article text and greyed boilerplate both show.
        at = max(0, spans[-1].start - 150)
        reader.select_cp(at, at)
        reader.centerCursor()
    _shoot(window, outdir / "boilerplate.png")
    written.append(outdir / "boilerplate.png")
    window.close()

    from tools.screenshot_nlp import render as render_nlp

    written.append(render_nlp(outdir / "nlp.png"))
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.screenshots OUTDIR", file=sys.stderr)
        return 2
    render(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
