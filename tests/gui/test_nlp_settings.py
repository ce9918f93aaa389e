"""NLP settings dialog: pipeline per language into QSettings and process(), glossary, code patterns (undoable)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.core.importers import ImportedDocument
from app.project import Project

TEXT = "“Social justice is our aim,” the Head of State said. Fairness matters to farmers."


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "s.qcp")
    p.documents.add(ImportedDocument(text=TEXT, title="T", importer="test", source_name="t.txt",
                                     file_hash="2" * 64, language="en"))
    p.codebook.add("Social justice")
    yield p
    p.close()


def test_pipeline_choice_is_stored_per_language_and_used_by_a_run(qtbot, qtmodeltester, project):
    from app.gui.nlp.settings_dialog import NlpSettingsDialog, RULES_ONLY
    from app.gui.nlp.pipeline_choice import pipeline_for

    dialog = NlpSettingsDialog(project)
    qtbot.addWidget(dialog)
    box = dialog.pipeline_boxes["en"]
    names = [box.itemText(i) for i in range(box.count())]
    assert RULES_ONLY in names and any(n.startswith("en_core_web_sm") for n in names)
    box.setCurrentIndex(box.findText(RULES_ONLY))
    dialog.accept()
    assert QSettings().value("nlp/pipeline/en") == "blank"
    assert pipeline_for("en-GB") == "blank"
    report = project.nlp.process(pipeline=pipeline_for("en"))
    assert report.pipelines[0].startswith("blank:en")
    qtmodeltester.check(dialog.glossary_model)


def test_a_remembered_choice_is_shown_and_automatic_clears_it(qtbot, project):
    from app.gui.nlp.settings_dialog import AUTOMATIC, NlpSettingsDialog
    from app.gui.nlp.pipeline_choice import pipeline_for, set_pipeline_for

    set_pipeline_for("en", "blank")
    dialog = NlpSettingsDialog(project)
    qtbot.addWidget(dialog)
    box = dialog.pipeline_boxes["en"]
    assert box.currentData() == "blank"
    box.setCurrentIndex(box.findText(AUTOMATIC))
    dialog.accept()
    assert pipeline_for("en") is None


def test_glossary_add_and_remove_reach_the_project(qtbot, project, monkeypatch):
    from app.gui.nlp import settings_dialog as nlp_settings
    from app.gui.nlp.settings_dialog import NlpSettingsDialog

    warnings = []
    monkeypatch.setattr(nlp_settings.QMessageBox, "warning", lambda *args: warnings.append(args[2]))

    dialog = NlpSettingsDialog(project)
    qtbot.addWidget(dialog)
    dialog.canonical.setText("Kassym-Jomart Tokayev")
    dialog.aliases.setText("Tokayev; the Head of State")
    dialog.label.setCurrentText("PERSON")
    assert dialog.add_glossary()
    assert project.nlp.glossary_map() == {"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]}
    assert dialog.glossary_model.rowCount() == 3
    row = next(i for i, r in enumerate(dialog.glossary_model.rows) if r[1] == "Tokayev")
    dialog.glossary_view.selectRow(row)
    assert dialog.remove_glossary() == 1
    assert project.nlp.glossary_map() == {"Kassym-Jomart Tokayev": ["the Head of State"]}
    dialog.canonical.setText("")
    assert not dialog.add_glossary()
    assert warnings and "empty" in warnings[0]
    assert project.nlp.glossary_map() == {"Kassym-Jomart Tokayev": ["the Head of State"]}


def test_patterns_apply_on_ok_through_an_undoable_command(qtbot, tmp_path):
    from app.gui.nlp.settings_dialog import NlpSettingsDialog
    from app.gui.workspace import Workspace

    with Project.create(tmp_path / "w.qcp") as p:
        p.documents.add(ImportedDocument(text=TEXT, title="T", importer="test", source_name="t.txt",
                                         file_hash="3" * 64, language="en"))
        code = p.codebook.add("Social justice").id
        coder = p.coders.ensure("A")
        ws = Workspace(p, coder)
        dialog = NlpSettingsDialog(p, None, ws)
        qtbot.addWidget(dialog)
        dialog.code_box.setCurrentIndex(dialog.code_box.findData(code))
        for text, kind in (("social justice", "phrase"), ("fairness", "word")):
            dialog.pattern.setText(text)
            dialog.kind.setCurrentText(kind)
            dialog.add_pattern()
        assert p.codebook.patterns(code) == []  # nothing saved before OK
        dialog.accept()
        assert p.codebook.patterns(code) == [("social justice", "phrase"), ("fairness", "word")]
        doc_id = p.documents.list()[0].id
        found = {TEXT[s.start:s.end] for s in p.nlp.suggestions(doc_id, coder, "blank")}
        assert found == {"Social justice", "Fairness"}
        ws.undo_stack.undo()
        assert p.codebook.patterns(code) == []
        ws.undo_stack.redo()
        assert len(p.codebook.patterns(code)) == 2
