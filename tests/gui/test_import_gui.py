"""Import in the app: column mapping over a preview, the report with CSV export, drag-and-drop onto the window."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from app.core.importers.table_preview import preview_path

TABLE = ("headline,body,when,paper,extra\n"
         "=HYPERLINK(1),\"President Tokayev spoke about reforms today in Astana.\",2022-04-26,Kazinform,a\n"
         "Second,\"Farmers asked for fair grain prices at the meeting.\",2022-04-27,Tengri,b\n")


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_mapping_dialog_starts_from_the_recognised_columns_and_builds_options(qtbot, qtmodeltester, table):
    from app.gui.dialogs.column_mapping import ColumnMappingDialog

    dialog = ColumnMappingDialog(table, preview_path(table))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.chosen() == {"text": "body", "title": "headline", "date": None, "outlet": None, "author": None,
                               "url": None}
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    dialog.boxes["outlet"].setCurrentIndex(dialog.boxes["outlet"].findData("body"))
    assert not ok.isEnabled() and "both" in dialog.note.text()
    dialog.boxes["outlet"].setCurrentIndex(dialog.boxes["outlet"].findData("paper"))
    dialog.boxes["date"].setCurrentIndex(dialog.boxes["date"].findData("when"))
    assert ok.isEnabled() and "extra" in dialog.note.text()
    assert dialog.model.headerData(3, Qt.Horizontal) == "paper → outlet"
    options = dialog.options()
    assert (options.text_column, options.title_column, options.date_column, options.outlet_column) == (
        "body", "headline", "when", "paper")


def accept_mapping(monkeypatch, **columns):
    from app.gui.dialogs import column_mapping

    def fake_exec(dialog):
        for role, name in columns.items():
            dialog.boxes[role].setCurrentIndex(dialog.boxes[role].findData(name))
        return QDialog.Accepted

    monkeypatch.setattr(column_mapping.ColumnMappingDialog, "exec", fake_exec)


def test_importing_a_table_uses_the_mapped_columns(window, table, monkeypatch):
    accept_mapping(monkeypatch, date="when", outlet="paper")
    before = len(window.project.documents.list())
    outcomes = window.importer.run([str(table)], report=False)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    docs = {d.title: d for d in window.project.documents.list()}
    assert len(docs) == before + 2
    second = docs["Second"]
    assert second.outlet == "Tengri" and second.published.isoformat() == "2022-04-27"
    assert window.project.documents.text(second.id) == "Farmers asked for fair grain prices at the meeting."


def test_cancelling_the_mapping_imports_nothing(window, table, monkeypatch):
    from app.gui.dialogs import column_mapping

    monkeypatch.setattr(column_mapping.ColumnMappingDialog, "exec", lambda d: QDialog.Rejected)
    before = len(window.project.documents.list())
    assert window.importer.run([str(table)], report=False) is None
    assert len(window.project.documents.list()) == before


def test_report_lists_every_outcome_and_saves_a_safe_csv(window, table, tmp_path, monkeypatch):
    accept_mapping(monkeypatch)
    text = tmp_path / "a.txt"
    text.write_text("Farmers asked for fair grain prices at the meeting.", encoding="utf-8")
    broken = tmp_path / "b.docx"
    broken.write_bytes(b"not a zip at all")
    window.importer.run([str(table), str(text), str(broken)])
    dialog = window.importer.report
    assert dialog.isVisible()
    statuses = {dialog.model.rows[r][0] for r in range(dialog.model.rowCount())}
    assert {"imported", "duplicate", "failed"} <= statuses
    out = tmp_path / "report.csv"
    dialog.save(out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_status = {r["status"]: r for r in rows}
    assert by_status["failed"]["file"].endswith("b.docx") and by_status["failed"]["reason"]
    assert by_status["duplicate"]["file"].endswith("a.txt")
    assert any(r["title"] == "'=HYPERLINK(1)" for r in rows)  # a formula-like title reaches Excel as text
    dialog.close()


def test_near_duplicates_are_named_in_the_report(window, tmp_path, monkeypatch):
    from app.gui.dialogs.import_report import report_rows

    story = ("Astana hosted a meeting of farmers on Tuesday where the agriculture minister promised fair prices "
             "for grain, new credit lines for small family farms in the northern regions, faster payments for the "
             "harvest delivered to the state food corporation, cheaper diesel during the sowing season, support for "
             "young people who return to their villages, modern storage near the railway stations, and a review of "
             "the export quotas that traders have criticised for two years. Farmers' unions welcomed the plan but "
             "said they would watch closely how the money reaches the fields before the autumn.")
    a, b = tmp_path / "wire1.txt", tmp_path / "wire2.txt"
    a.write_text(story, encoding="utf-8")
    b.write_text(story.replace("Tuesday", "Wednesday"), encoding="utf-8")
    outcomes = window.importer.run([str(a), str(b)], report=False)
    near = [o for o in outcomes if o.near_duplicate_of is not None]
    assert near, "the second wire copy is flagged"
    titles = {d.id: d.title for d in window.project.documents.list()}
    row = report_rows(near, titles)[0]
    assert row[0] == "near-duplicate" and row[5] == titles[near[0].near_duplicate_of]


def test_dropping_files_on_the_window_imports_them(window, tmp_path, monkeypatch):
    path = tmp_path / "dropped.txt"
    path.write_text("A dropped article about the harvest and the grain prices this year.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window takes files while a project is open
    event = QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, event)
    assert event.isAccepted()
    assert any((d.imported_from or "").endswith("dropped.txt") for d in window.project.documents.list())
    window.importer.report.close()
