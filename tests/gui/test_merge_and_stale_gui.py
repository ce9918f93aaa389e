"""File › Merge Project… and a codebook edit refused because another coder changed the code meanwhile."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.gui.dialogs.code_editor import CodeFields
from app.project import Project


def test_merge_project_menu_merges_a_copy_and_reloads(window, demo_path, tmp_path, monkeypatch):
    copy = tmp_path / "copy.qcp"
    window.project.db.dispose()
    shutil.copy(demo_path, copy)
    with Project.open(copy) as p:
        coder = p.coders.add("Dana").id
        doc = p.documents.list()[0].id
        code = p.codebook.add("Offline theme").id
        p.codings.add(doc, code, coder, 0, 3)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(copy)], ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.actions["merge_project"].trigger()
    assert shown and "Codings: 1 added" in shown[0] and "Codes added: 1; coders added: 1" in shown[0]
    assert "Dana" in [c.name for c in window.ws.coders()]
    assert "Offline theme" in [c.name for c in window.view.codes.values()]
    window.actions["merge_project"].trigger()  # twice adds nothing
    assert "Codings: 0 added, 1 already here" in shown[1]


def test_a_stale_code_edit_is_refused_reloaded_and_not_on_the_undo_stack(window, demo_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    code = next(iter(window.view.codes.values()))
    stack = window.ws.undo_stack
    depth = stack.count()
    with Project.open(demo_path) as other:  # another coder renames it meanwhile
        other.acting_coder_id = other.coders.add("Bob").id
        other.codebook.rename(code.id, "Renamed by Bob")
    fields = CodeFields(name=code.name, color="#ff0000", description=code.description, inclusion=code.inclusion,
                    exclusion=code.exclusion, example=code.example, shortcut=code.shortcut)
    window.codebook_actions.update(code.id, fields)
    assert warnings == ["Bob changed this code meanwhile; the codebook was reloaded"]
    assert stack.count() == depth  # nothing pushed, no empty macro either
    assert window.view.codes[code.id].name == "Renamed by Bob"  # the codebook was reloaded
    with Project.open(demo_path) as p:
        assert p.codebook.get(code.id).color == code.color
