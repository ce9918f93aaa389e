"""The codebook: a tree with unique sibling names; merge and delete can be undone exactly."""

from __future__ import annotations

import pytest

from app.project import DuplicateError, InUseError, NotFoundError, ValidationError


def paths(project):
    return [c.path for c in project.codebook.list()]


def test_add_path_creates_parents_and_orders_siblings(project):
    project.codebook.add_path("Politics/Constitutional reform")
    project.codebook.add_path("Politics/Political neutrality")
    project.codebook.add_path("Social justice")
    assert paths(project) == [
        "Politics", "Politics/Constitutional reform", "Politics/Political neutrality", "Social justice"
    ]


@pytest.mark.parametrize("bad", ["", "   ", "a/b"])
def test_bad_names_are_refused(project, bad):
    with pytest.raises(ValidationError):
        project.codebook.add(bad)


def test_sibling_names_are_unique_ignoring_case(project):
    project.codebook.add("Social justice")
    with pytest.raises(DuplicateError, match="already exists"):
        project.codebook.add("social JUSTICE")
    parent = project.codebook.add("Themes").id
    project.codebook.add("Social justice", parent_id=parent)  # same name elsewhere is fine


def test_rename_recolour_describe(project):
    code = project.codebook.add("Justice").id
    project.codebook.rename(code, "Social justice")
    project.codebook.set_color(code, "ABC")
    project.codebook.describe(code, description="Fairness", inclusion="pensions", exclusion="courts", example="“…”")
    info = project.codebook.get(code)
    assert (info.name, info.color, info.description, info.inclusion, info.exclusion, info.example) == (
        "Social justice", "#aabbcc", "Fairness", "pensions", "courts", "“…”"
    )
    with pytest.raises(ValidationError, match="not a colour"):
        project.codebook.set_color(code, "red-ish")


def test_move_reorders_and_reparents_but_never_into_itself(project):
    a = project.codebook.add("A").id
    b = project.codebook.add("B").id
    c = project.codebook.add("C").id
    project.codebook.move(c, None, 0)
    assert paths(project) == ["C", "A", "B"]
    project.codebook.move(a, b)
    assert paths(project) == ["C", "B", "B/A"]
    with pytest.raises(ValidationError, match="under itself"):
        project.codebook.move(b, a)
    assert [x.position for x in project.codebook.children(None)] == [0, 1]


def test_merge_moves_codings_and_children_and_unmerge_restores_them(project, add_text):
    doc = add_text("Social justice and fairness for all.")
    coder = project.coders.add("Ann").id
    source = project.codebook.add_path("Fairness").id
    child = project.codebook.add("Pensions", parent_id=source).id
    target = project.codebook.add_path("Social justice").id
    coding = project.codings.add(doc, source, coder, 19, 27).id
    project.codebook.set_patterns(source, [("fairness", "phrase")])

    result = project.codebook.merge(source, target)
    assert paths(project) == ["Social justice", "Social justice/Pensions"]
    assert project.codings.get(coding).code_id == target
    assert project.codebook.patterns(target) == [("fairness", "phrase")]

    project.codebook.unmerge(result)
    assert paths(project) == ["Fairness", "Fairness/Pensions", "Social justice"]
    assert project.codings.get(coding).code_id == source
    assert project.codebook.get(source).uuid == result.source.uuid
    assert project.codebook.get(child).parent_id == source
    assert project.codebook.patterns(target) == []
    assert project.codebook.patterns(source) == [("fairness", "phrase")]


def test_delete_is_refused_while_codings_use_the_code(project, add_text):
    doc = add_text("Some words here.")
    coder = project.coders.add("Ann").id
    code = project.codebook.add("Theme").id
    project.codings.add(doc, code, coder, 0, 4)
    with pytest.raises(InUseError, match="1 coding"):
        project.codebook.delete(code)
    assert project.codings.count() == 1

    deleted = project.codebook.delete(code, delete_codings=True)
    assert project.codings.count() == 0
    with pytest.raises(NotFoundError):
        project.codebook.get(code)

    project.codebook.restore(deleted)
    [segment] = project.codings.segments()
    assert (segment.code_id, segment.text) == (code, "Some")


def test_archived_codes_cannot_be_applied(project, add_text):
    doc = add_text("Words.")
    coder = project.coders.add("Ann").id
    code = project.codebook.add("Old").id
    project.codebook.archive(code)
    with pytest.raises(ValidationError, match="archived"):
        project.codings.add(doc, code, coder, 0, 5)
    project.codebook.archive(code, False)
    project.codings.add(doc, code, coder, 0, 5)


def test_shortcuts_are_unique(project):
    a = project.codebook.add("A", shortcut="1").id
    b = project.codebook.add("B").id
    with pytest.raises(DuplicateError, match="already used"):
        project.codebook.set_shortcut(b, "1")
    project.codebook.set_shortcut(a, None)
    project.codebook.set_shortcut(b, "1")
