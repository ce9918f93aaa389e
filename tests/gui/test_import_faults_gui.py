"""File › Import over a folder holding broken files: each fails on its own, the list reloads, notes are shown."""

from __future__ import annotations

import io
import zipfile


def _no_workbook_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


def test_a_batch_with_broken_files_reports_each_failure_and_shows_the_new_documents(window, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "1.txt").write_text("Wheat farmers in the north met the minister about grain prices.", encoding="utf-8")
    (folder / "2.rtf").write_bytes(rb"{\rtf1\ansi hello \u99999999999 world}")
    (folder / "2b.xlsx").write_bytes(_no_workbook_xlsx())
    (folder / "3.txt").write_bytes("Le café du port ouvre tôt; les pêcheurs arrivent à l'aube. ".encode() * 3 + b"\xff")
    rows_before = window.view.documents.proxy.rowCount()
    window.importer.run([str(folder)])
    dialog = window.importer.report
    rows = {dialog.model.rows[r][1].rsplit("/", 1)[-1]: dialog.model.rows[r] for r in range(dialog.model.rowCount())}
    assert rows["1.txt"][0] == "imported" and rows["3.txt"][0] == "imported"
    assert rows["2.rtf"][0] == "failed" and "OverflowError" in rows["2.rtf"][6]
    assert rows["2b.xlsx"][0] == "failed" and "no valid workbook part" in rows["2b.xlsx"][6]
    assert "replaced with \ufffd" in rows["3.txt"][6]  # the note is the reason column of an imported file
    assert window.view.documents.proxy.rowCount() == rows_before + 2
    assert window.statusBar().currentMessage().startswith("2 imported, 0 already in the project, 2 failed")
    dialog.close()


def test_the_summary_names_failures_and_notes():
    from app.gui.importing import summary
    from app.project.importing import ImportOutcome

    text = summary([ImportOutcome("a/x.rtf", "failed", error="damaged RTF"),
                    ImportOutcome("a/y.txt", "imported", 1, "Y", notes=("read as cp1251 (a guess)",))], False)
    assert text.splitlines() == ["1 imported, 0 already in the project, 1 failed.", "• x.rtf: damaged RTF",
                                 "• y.txt: note: read as cp1251 (a guess)"]
