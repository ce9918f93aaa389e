"""Optimistic concurrency on the codebook and undo that never destroys another coder's work."""

from __future__ import annotations

import pytest

from app.project.errors import StaleEditError, UndoRefusedError


def test_an_edit_on_a_stale_version_is_refused_naming_who_changed_it(project):
    aigerim, bob = project.coders.add("Aigerim").id, project.coders.add("Bob").id
    code = project.codebook.add("Economy").id
    seen = project.codebook.get(code).version
    project.acting_coder_id = aigerim
    project.codebook.rename(code, "Economy and jobs", version=seen)
    project.acting_coder_id = bob
    with pytest.raises(StaleEditError, match="^Aigerim changed this code meanwhile; the codebook was reloaded$"):
        project.codebook.set_color(code, "#ff0000", version=seen)
    fresh = project.codebook.get(code)
    assert fresh.name == "Economy and jobs" and fresh.color != "#ff0000" and fresh.version == seen + 1
    project.codebook.set_color(code, "#ff0000", version=fresh.version)
    assert project.codebook.get(code).color == "#ff0000"


def test_undoing_a_new_code_others_coded_with_is_refused(project, add_text):
    alice, bob = project.coders.add("Alice").id, project.coders.add("Bob").id
    doc = add_text("Hello world")
    code = project.codebook.add("Theme").id
    project.codings.add(doc, code, alice, 0, 5)
    project.codings.add(doc, code, bob, 6, 11)
    with pytest.raises(UndoRefusedError, match=r"other coders coded with it since \(Bob \(1\)\)"):
        project.codebook.undo_add(code, alice)
    assert project.codings.count() == 2 and project.codebook.get(code)
    project.codings.delete(project.codings.for_document(doc, [bob])[0].id)
    project.codebook.undo_add(code, alice)  # only Alice's own coding goes with it
    assert project.codebook.list() == [] and project.codings.count() == 0
