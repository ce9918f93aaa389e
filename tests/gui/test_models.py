"""Every item model passes qtmodeltester, and the proxies filter and sort as a user expects."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMimeData, Qt

from app.core.records import CodeInfo, DocStatus, DocumentInfo, SegmentInfo
from app.gui.models.codebook import MIME, CodebookModel, CodebookProxy
from app.gui.models.documents import DocumentsModel, DocumentsProxy
from app.gui.models.rows import RowsModel
from app.gui.models.segments import SegmentsModel, SegmentsProxy


def _docs():
    return [
        DocumentInfo(1, "u1", "Congress of Amanat", 100, "h1", "en", outlet="Akorda", published=date(2022, 4, 26)),
        DocumentInfo(2, "u2", "Meeting with Nazarbayev", 200, "h2", "ru", outlet="Kremlin", published=date(2019, 5, 28)),
        DocumentInfo(3, "u3", "UN General Debate", 300, "h3", "en", outlet="UN"),
    ]


def _codes():
    return [
        CodeInfo(1, "c1", "Modernization", "Modernization", None, 0, "#ddcc77"),
        CodeInfo(2, "c2", "Economic reform", "Modernization/Economic reform", 1, 0, "#999933", depth=1),
        CodeInfo(3, "c3", "Institutional reform", "Modernization/Institutional reform", 1, 1, "#44aa99", depth=1),
        CodeInfo(4, "c4", "Social justice", "Social justice", None, 1, "#cc6677", shortcut="1"),
    ]


def test_documents_model_and_proxy(qtmodeltester):
    model = DocumentsModel()
    model.reset(_docs(), {1: DocStatus.DONE, 2: DocStatus.IN_PROGRESS}, {1: 5, 2: 12})
    qtmodeltester.check(model)
    proxy = DocumentsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(5, Qt.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == [
        "Meeting with Nazarbayev", "Congress of Amanat", "UN General Debate"]
    proxy.sort(1, Qt.AscendingOrder)
    assert proxy.index(0, 0).data() == "UN General Debate"  # undated first
    proxy.set_text("kreml")
    assert proxy.rowCount() == 1
    proxy.set_text("")
    proxy.set_status("done")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Congress of Amanat"]
    model.set_row_state(3, DocStatus.DONE, 1)
    assert proxy.rowCount() == 2
    assert model.progress() == (2, 3)


def test_codebook_model_tree_counts_and_drop(qtmodeltester):
    moves = []
    model = CodebookModel(lambda *args: moves.append(args))
    model.reset(_codes())
    model.set_counts({4: 2}, {4: 9, 2: 1})
    qtmodeltester.check(model)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Modernization", "Social justice"]
    mod = model.index(0, 0)
    assert [model.index(r, 0, mod).data() for r in range(model.rowCount(mod))] == ["Economic reform",
                                                                                   "Institutional reform"]
    assert model.index(1, 1).data() == "2" and model.index(1, 2).data() == "9"
    # Dropping "Social justice" onto "Modernization" asks for a move; the model itself changes nothing.
    mime = model.mimeData([model.index(1, 0)])
    assert model.dropMimeData(mime, Qt.MoveAction, -1, -1, mod) is False
    assert moves == [(4, 1, None)]
    # Reordering inside a parent: dropping the first child below the second lands at position 1.
    mime = model.mimeData([model.index(0, 0, mod)])
    model.dropMimeData(mime, Qt.MoveAction, 2, 0, mod)
    assert moves[-1] == (2, 1, 1)
    assert not model.canDropMimeData(QMimeData(), Qt.MoveAction, -1, -1, mod)
    assert MIME in model.mimeTypes()

    proxy = CodebookProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("institutional")
    assert proxy.rowCount() == 1  # the parent stays to show where the match is
    parent = proxy.index(0, 0)
    assert proxy.rowCount(parent) == 1 and proxy.index(0, 0, parent).data() == "Institutional reform"


def test_segments_model_and_proxy(qtmodeltester):
    rows = [
        SegmentInfo(1, 1, "Congress", 4, "Social justice", 1, "Aigerim", 0, 10, "social  justice\nfor all", "memo"),
        SegmentInfo(2, 2, "Meeting", 4, "Social justice", 2, "Daniyar", 5, 9, "fair"),
    ]
    model = SegmentsModel()
    model.reset(rows, {4: "#cc6677"})
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "social justice for all"
    proxy = SegmentsProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_coder("Daniyar")
    assert proxy.rowCount() == 1 and proxy.index(0, 1).data() == "Meeting"
    proxy.set_coder(None)
    proxy.setFilterFixedString("congress")
    assert proxy.rowCount() == 1


def test_rows_model(qtmodeltester):
    model = RowsModel(["Action", "Keys"], [("Undo", "Ctrl+Z"), ("Quick code", "Ctrl+K")], data=[1, 2])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "Ctrl+K"
