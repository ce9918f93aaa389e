"""Render the Memos dock and the History window at 1024×700 and 1920×1080, light and dark.

    python -m tools.screenshot_workspace OUTDIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.project import Project


def render(outdir: Path) -> list[Path]:
    from app.demo import ensure_demo_project
    from app.gui.launch import application
    from app.gui.mainwindow import MainWindow
    from app.gui.theme import apply_theme

    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="qc-ws-shots-"))
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp / "settings"))
    app = application()
    demo = ensure_demo_project(tmp / "demo.qcp")
    with Project.open(demo) as p:
        ann = p.coders.by_name("Aigerim").id
        p.acting_coder_id = ann
        doc = p.documents.list()[0].id
        code = p.codebook.by_path("Social justice").id
        text = p.documents.text(doc)
        start = text.index("social justice")
        coding = p.codings.add(doc, code, ann, start, start + 14).id
        p.memos.add("project", None, "Code the speeches first, then the articles. Disagreements go to Friday's meeting.")
        p.memos.add("document", doc, "The date in the header is the speech date, not the publication date.")
        p.memos.add("code", code, "Includes 'fairness' when it is about income or opportunity.")
        p.memos.add("coding", coding, "A slogan, repeated in three later speeches.")
    written = []
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        for size in ((1024, 700), (1920, 1080)):
            QSettings().remove("window/state")  # each size from a first start, not the previous window's layout
            window = MainWindow()
            window.resize(*size)
            window.show()
            window.open_project(demo, coder_id=ann)
            window.tools.dock.show()
            window.tools.panel.view.selectRow(1)
            for _ in range(3):
                QApplication.processEvents()
            out = outdir / f"memos-{theme}-{size[0]}.png"
            window.grab().save(str(out))
            written.append(out)
            window.tools.dock.hide()
            for _ in range(3):
                QApplication.processEvents()
            out = outdir / f"reader-{theme}-{size[0]}.png"
            window.grab().save(str(out))
            written.append(out)
            window.actions["history"].trigger()
            history = window.tools.history
            history.resize(min(900, size[0] - 80), min(520, size[1] - 80))
            for _ in range(3):
                QApplication.processEvents()
            out = outdir / f"history-{theme}-{size[0]}.png"
            history.grab().save(str(out))
            written.append(out)
            window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.screenshot_workspace OUTDIR", file=sys.stderr)
        return 2
    for path in render(Path(args[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
