"""Codings: validated offsets, exact quoted text, undo-able deletes, statuses, memos, audit."""

from __future__ import annotations

import pytest

from app.core.records import DocStatus
from app.project import NotFoundError, ValidationError
from app.project.bulk import RowError, import_codings

TEXT = "Ақорда: “Әділетті Қазақстан” 😀 — e\u0301te, İstanbul ıı, مرحبا.\nEnd"


@pytest.fixture
def setup(project, add_text):
    doc = add_text(TEXT, title="Mixed")
    code = project.codebook.add_path("Themes/Social justice").id
    coder = project.coders.add("Aigerim").id
    return doc, code, coder


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (6, 2), (0, len(TEXT) + 1)])
def test_spans_outside_the_text_are_refused(project, setup, start, end):
    doc, code, coder = setup
    with pytest.raises(ValidationError):
        project.codings.add(doc, code, coder, start, end)
    assert project.codings.count() == 0


def test_unknown_document_code_or_coder_is_refused(project, setup):
    doc, code, coder = setup
    for args in ((999, code, coder), (doc, 999, coder), (doc, code, 999)):
        with pytest.raises(NotFoundError):
            project.codings.add(*args, 0, 3)


def test_segment_text_is_exactly_the_code_point_slice(project, setup):
    doc, code, coder = setup
    spans = [(8, 28), (29, 30), (33, 38), (40, 48), (52, 57), (0, len(TEXT))]
    for start, end in spans:
        project.codings.add(doc, code, coder, start, end)
    texts = {(s.start, s.end): s.text for s in project.codings.segments(document_id=doc)}
    for start, end in spans:
        assert texts[(start, end)] == TEXT[start:end]
    assert texts[(29, 30)] == "😀"


def test_the_same_coding_twice_is_refused(project, setup):
    doc, code, coder = setup
    project.codings.add(doc, code, coder, 0, 6)
    with pytest.raises(ValidationError, match="already coded"):
        project.codings.add(doc, code, coder, 0, 6)


def test_delete_and_restore_keep_id_uuid_and_memo(project, setup):
    doc, code, coder = setup
    coding = project.codings.add(doc, code, coder, 0, 6, memo="first").id
    before = project.codings.get(coding)
    removed = project.codings.delete(coding)
    assert project.codings.count() == 0
    project.codings.restore(removed)
    assert project.codings.get(coding) == before


def test_change_code_span_and_memo(project, setup):
    doc, code, coder = setup
    other = project.codebook.add("Other").id
    coding = project.codings.add(doc, code, coder, 0, 6).id
    edit = project.codings.set_code(coding, other)
    assert edit.changes.codes == {code, other}
    project.codings.set_span(coding, 8, 28)
    project.codings.set_memo(coding, "headline slogan")
    [segment] = project.codings.segments()
    assert (segment.code_id, segment.text, segment.memo) == (other, "“Әділетті Қазақстан”", "headline slogan")
    with pytest.raises(ValidationError):
        project.codings.set_span(coding, 8, 8000)


def test_segments_filter_by_code_with_subcodes_and_by_coder(project, setup):
    doc, code, coder = setup
    parent = project.codebook.by_path("Themes").id
    other_coder = project.coders.add("Daniyar").id
    project.codings.add(doc, code, coder, 0, 6)
    project.codings.add(doc, parent, other_coder, 8, 28)
    assert len(project.codings.segments(code_ids=[parent])) == 1
    assert len(project.codings.segments(code_ids=[parent], include_subcodes=True)) == 2
    assert [s.coder for s in project.codings.segments(coder_ids=[other_coder])] == ["Daniyar"]


def test_status_follows_coding_until_marked(project, setup):
    doc, code, coder = setup
    assert project.documents.status(doc, coder) is DocStatus.NOT_STARTED
    project.codings.add(doc, code, coder, 0, 6)
    assert project.documents.statuses(coder)[doc] is DocStatus.IN_PROGRESS
    project.documents.set_status(doc, coder, "done")
    assert project.documents.status(doc, coder) is DocStatus.DONE
    with pytest.raises(ValidationError):
        project.documents.set_status(doc, coder, "finished")


def test_memos_on_project_document_and_code(project, setup):
    doc, code, coder = setup
    project.memos.add("project", None, "Coding rules v1")
    memo = project.memos.add("document", doc, "Opening speech").id
    project.memos.add("code", code, "Watch for irony")
    project.memos.update(memo, "Opening speech, abridged")
    assert [m.text for m in project.memos.list("document", doc)] == ["Opening speech, abridged"]
    assert len(project.memos.list()) == 3
    with pytest.raises(NotFoundError):
        project.memos.add("code", 999, "x")


def test_every_edit_is_audited_with_its_coder(project, setup):
    doc, code, coder = setup
    project.acting_coder_id = coder
    coding = project.codings.add(doc, code, coder, 0, 6).id
    project.codings.delete(coding)
    entries = project.audit.entries(limit=2)
    assert [(e.action, e.entity, e.entity_id, e.coder) for e in entries] == [
        ("delete", "coding", coding, "Aigerim"), ("add", "coding", coding, "Aigerim")
    ]


def test_metadata_can_be_corrected_but_never_the_text(project, setup):
    doc, code, coder = setup
    project.documents.update(doc, language="kk", outlet="Akorda")
    assert (project.documents.get(doc).language, project.documents.get(doc).outlet) == ("kk", "Akorda")
    with pytest.raises(ValidationError, match="never changes"):
        project.documents.update(doc, text="rewritten")
    assert project.documents.text(doc) == TEXT


def test_coding_import_is_all_or_nothing(project, setup):
    doc, code, coder = setup
    good = {"document": str(doc), "coder": "New coder", "code": "New/Code", "start": "0", "end": "6"}
    bad = {"document": "Mixed", "coder": "Aigerim", "code": "Themes", "start": "5", "end": "9999"}
    with pytest.raises(RowError, match="row 3: end 9999 is past the end"):
        import_codings(project, [good, bad])
    assert project.codings.count() == 0
    assert [c.name for c in project.coders.list()] == ["Aigerim"]
    assert "New/Code" not in [c.path for c in project.codebook.list()]

    ids = import_codings(project, [good, dict(bad, end="9")])
    assert len(ids) == 2
    assert {s.text for s in project.codings.segments()} == {TEXT[0:6], TEXT[5:9]}


def test_setting_a_date_by_hand_clears_the_ambiguity_flag(project, add_text):
    from datetime import date

    doc = add_text("Text.", published_text="03/04/2022", date_ambiguous=True)
    assert project.documents.get(doc).date_ambiguous
    project.documents.update(doc, published=date(2022, 4, 3))
    info = project.documents.get(doc)
    assert (info.published, info.date_ambiguous, info.published_text) == (date(2022, 4, 3), False, "03/04/2022")
