"""The documents list filtered by outlet and language, through the real combo boxes."""

from __future__ import annotations

import pytest

from app.core.importers import ImportedDocument
from app.project import Project


@pytest.fixture
def meta_window(qtbot, tmp_path):
    path = tmp_path / "m.qcp"
    with Project.create(path) as p:
        for i, (outlet, language) in enumerate((("Kazinform", "en"), ("Tengri", "ru"), ("Kazinform", "ru"),
                                                (None, "en"))):
            p.documents.add(ImportedDocument(text=f"Text number {i} about something.", title=f"Doc {i}",
                                             importer="test", source_name=f"{i}.txt", file_hash=str(i) * 64,
                                             outlet=outlet, language=language))
        coder = p.coders.ensure("A")
    from app.gui.mainwindow import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_project(path, coder_id=coder)
    yield w
    w.close()


def shown(panel) -> list[str]:
    return sorted(panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount()))


def test_outlet_and_language_filters_combine_and_clear(meta_window):
    panel = meta_window.view.documents
    outlet, language = panel.meta.boxes["outlet"], panel.meta.boxes["language"]
    assert panel.meta.isVisibleTo(panel)
    assert [outlet.itemText(i) for i in range(outlet.count())] == [
        "All outlets", "Kazinform (2)", "Tengri (1)", "(none) (1)"]
    outlet.setCurrentIndex(outlet.findData("Kazinform"))
    assert shown(panel) == ["Doc 0", "Doc 2"]
    language.setCurrentIndex(language.findData("ru"))
    assert shown(panel) == ["Doc 2"]
    outlet.setCurrentIndex(outlet.findData(""))
    assert shown(panel) == []
    outlet.setCurrentIndex(0)
    assert shown(panel) == ["Doc 1", "Doc 2"]
    panel.reload()  # a reload (after an import) keeps the choice
    assert language.currentData() == "ru" and shown(panel) == ["Doc 1", "Doc 2"]
    doc0 = next(d.id for d in meta_window.project.documents.list() if d.title == "Doc 0")
    assert panel.select(doc0)  # jumping to a filtered-out document lifts the filters
    assert language.currentData() is None and len(shown(panel)) == 4
