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
