"""File > Export…, File > Import REFI-QDA project…, Codebook menu: the menu entries and the work behind them."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from app.project import Project


def _code_some(project) -> int:
    """Three codings on the demo (which ships without any): two by Aigerim, one by Daniyar."""
    doc = project.documents.list()[0]
    code = project.codebook.list()[-1]
    aigerim, daniyar = project.coders.by_name("Aigerim").id, project.coders.by_name("Daniyar").id
    project.codings.add(doc.id, code.id, aigerim, 0, 10)
    project.codings.add(doc.id, code.id, aigerim, 12, 30)
    project.codings.add(doc.id, code.id, daniyar, 0, 10)
    return 3


def _menu_texts(window) -> dict[str, list[str]]:
    out = {}
    for action in window.menuBar().actions():
        if action.menu() is not None:
            out[action.text().replace("&", "")] = [a.text().replace("&", "") for a in action.menu().actions()]
    return out


def test_menus_hold_the_exchange_actions(window):
    menus = _menu_texts(window)
    assert "Export…" in menus["File"] and "Import REFI-QDA Project…" in menus["File"]
    assert menus["File"].index("Export…") > menus["File"].index("Import Folder…")
    assert menus["Codebook"] == ["Export Codebook…", "Import Codebook…"]


def test_export_workbook_writes_the_demo_codings(window, tmp_path, qtbot):
    _code_some(window.project)
    outcome = window.exchange.export_to(tmp_path / "demo.xlsx", report=False, coders=["Aigerim"])
    assert outcome is not None and outcome.codings == 2
    wb = load_workbook(tmp_path / "demo.xlsx", read_only=True)
    rows = list(wb["Segments"].iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) - 1 == outcome.codings
    assert {r[header.index("Coder")] for r in rows[1:]} == {"Aigerim"}
    assert "Finished" not in window.statusBar().currentMessage() and "Wrote demo.xlsx" in window.statusBar().currentMessage()


def test_export_with_an_unknown_code_shows_the_error(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert window.exchange.export_to(tmp_path / "x.xlsx", report=False, codes=["No such code"]) is None
    assert shown and "No such code" in shown[0]
    assert not (tmp_path / "x.xlsx").exists()


def test_refi_round_trip_through_the_window(window, demo_path, tmp_path, qtbot):
    out = tmp_path / "demo.qdpx"
    _code_some(window.project)
    assert window.exchange.export_to(out, report=False) is not None
    with Project.open(demo_path) as p:
        expected = (p.documents.count(), p.codings.count(), len(p.codebook.list()))
    window.close_project()
    fresh = tmp_path / "fresh.qcp"
    with Project.create(fresh) as p:
        me = p.coders.add("Aigerim").id  # the same coder name: the import reuses this coder
    assert window.open_project(fresh, coder_id=me)
    report = window.exchange.import_refi_from(out, report=False)
    assert (report.documents, report.codings, report.codes) == expected
    assert window.view.documents.proxy.rowCount() == expected[0]


def test_codebook_export_then_import_into_an_empty_project(window, tmp_path):
    book = tmp_path / "book.qdc"
    assert window.exchange.export_codebook_to(book, report=False) is not None
    expected = [(c.uuid, c.path, c.color) for c in window.project.codebook.list()]
    window.close_project()
    fresh = tmp_path / "fresh.qcp"
    with Project.create(fresh) as p:
        me = p.coders.add("Aigerim").id  # the same coder name: the import reuses this coder
    assert window.open_project(fresh, coder_id=me)
    result = window.exchange.import_codebook_from(book, report=False)
    assert result.added == len(expected)
    assert [(c.uuid, c.path, c.color) for c in window.project.codebook.list()] == expected
