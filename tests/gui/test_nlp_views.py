"""Quotes panel and Concordance dialog over a real project: models pass qtmodeltester, filter, jump, code."""

from __future__ import annotations

import pytest

from app.core.importers import ImportedDocument
from app.project import Project

SPEECH = (
    "“We have done a lot together over these years,” Tokayev said. “However, time does not stand still.”\n\n"
    "“Our farmers need fair prices for their grain and milk,” Minister Aidarbekov said on Tuesday."
)


@pytest.fixture
def nlp_project(tmp_path):
    project = Project.create(tmp_path / "n.qcp")
    doc = ImportedDocument(text=SPEECH, title="Speech", importer="test", source_name="s.txt",
                           file_hash="0" * 64, language="en")
    project.documents.add(doc)
    project.nlp.process(pipeline="blank")
    yield project
    project.close()


def test_quotes_panel_lists_filters_and_jumps(qtbot, qtmodeltester, nlp_project):
    from app.gui.nlp.quotes_panel import QuotesPanel

    panel = QuotesPanel(nlp_project)
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)
    speakers = {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}
    assert "Tokayev" in speakers and len(speakers) == 2
    panel.speaker.setCurrentIndex(panel.speaker.findData("Tokayev"))
    assert panel.proxy.rowCount() >= 1
    assert {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())} == {"Tokayev"}
    assert panel.proxy.index(0, 2).data() == "Speech"
    with qtbot.waitSignal(panel.jump_requested) as blocker:
        panel.view.activated.emit(panel.proxy.index(0, 1))
    doc_id, start, end = blocker.args
    assert SPEECH[start:end].startswith("We have done a lot")


def test_concordance_sorts_and_codes_a_row(qtbot, qtmodeltester, nlp_project):
    from app.gui.nlp.concordance import ConcordanceDialog

    dialog = ConcordanceDialog(nlp_project)
    qtbot.addWidget(dialog)
    dialog.term.setText("said")
    dialog.search()
    qtmodeltester.check(dialog.model)
    assert dialog.proxy.rowCount() == 2
    dialog.view.sortByColumn(2, Qt_Ascending())
    rights = [dialog.proxy.index(r, 2).data() for r in range(2)]
    assert rights == sorted(rights, key=str.lower)
    dialog.view.setCurrentIndex(dialog.proxy.index(1, 1))
    with qtbot.waitSignal(dialog.code_requested) as blocker:
        dialog.code_button.click()
    doc_id, start, end = blocker.args
    assert SPEECH[start:end] == "said"
    code = nlp_project.codebook.add_path("Speech act").id
    coder = nlp_project.coders.add("Ann").id
    nlp_project.codings.add(doc_id, code, coder, start, end)
    assert nlp_project.codings.count(document_id=doc_id) == 1


def Qt_Ascending():
    from PySide6.QtCore import Qt

    return Qt.AscendingOrder


def test_low_confidence_speakers_are_marked_and_a_correction_is_undoable(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from app.gui.nlp.quotes_panel import QuotesPanel
    from app.gui.workspace import Workspace

    text = ("“We have done a lot together over these years,” Tokayev said.\n\n"
            "Officials met in the capital on Tuesday.\n\n"
            "“Nobody here knows who will pay for all of this,” one of them said.")
    project = Project.create(tmp_path / "c.qcp")
    try:
        project.documents.add(ImportedDocument(text=text, title="T", importer="test", source_name="t.txt",
                                               file_hash="1" * 64, language="en"))
        project.nlp.process(pipeline="blank")
        coder = project.coders.ensure("A")
        ws = Workspace(project, coder)
        panel = QuotesPanel(project, ws=ws)
        qtbot.addWidget(panel)
        rows = {panel.proxy.index(r, 1).data(): r for r in range(panel.proxy.rowCount())}
        sure = panel.proxy.index(rows["We have done a lot together over these years"], 0)
        assert sure.data() == "Tokayev"
        unsure = [panel.proxy.index(r, 0) for r in range(panel.proxy.rowCount())
                  if panel.proxy.index(r, 0).data().endswith("?")]
        assert unsure, "a quote with a weak cue shows its speaker for checking"
        panel.only_check.setChecked(True)
        assert panel.proxy.rowCount() == len(unsure)
        panel.only_check.setChecked(False)

        assert panel.proxy.setData(sure, "Kassym-Jomart Tokayev", Qt.EditRole)
        assert [q.speaker for q in project.nlp.quotes() if q.corrected] == ["Kassym-Jomart Tokayev"]
        shown = {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}
        assert "Kassym-Jomart Tokayev" in shown
        ws.undo_stack.undo()
        assert not any(q.corrected for q in project.nlp.quotes())
        assert "Tokayev" in {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())}
        ws.undo_stack.redo()
        assert [q.speaker for q in project.nlp.quotes() if q.corrected] == ["Kassym-Jomart Tokayev"]
    finally:
        project.close()
