"""Memos on every target, the history filters, and deleting a document with an exact undo."""

from __future__ import annotations

import pytest

from app.project import NotFoundError, ValidationError

TEXT = "The President said: “We will win 😀.” Then he left the hall."


@pytest.fixture
def setup(project, add_text):
    doc = add_text(TEXT, title="Speech")
    other = add_text("Another text entirely.", title="Other")
    code = project.codebook.add_path("Economy/Jobs").id
    ann = project.coders.add("Ann").id
    bob = project.coders.add("Bob").id
    return doc, other, code, ann, bob


def test_memos_on_all_four_targets_have_author_and_times(project, setup):
    doc, _other, code, ann, bob = setup
    project.acting_coder_id = ann
    coding = project.codings.add(doc, code, bob, 4, 13).id
    project.memos.add("project", None, "Plan the coding.")
    project.memos.add("document", doc, "Check the date.", author_id=bob)
    project.memos.add("code", code, "Broad code.")
    project.memos.add("coding", coding, "A slogan.", author_id=bob)
    memos = {mo.target: mo for mo in project.memos.list(include_codings=True)}
    assert {t: (mo.author, mo.text) for t, mo in memos.items()} == {
        "project": ("Ann", "Plan the coding."), "document": ("Bob", "Check the date."),
        "code": ("Ann", "Broad code."), "coding": ("Bob", "A slogan."),
    }
    assert memos["document"].target_id == doc and memos["coding"].target_id == coding
    assert all(mo.created_at is not None and mo.modified_at is not None for mo in memos.values())
    # Exports see project/document/code memos as notes; the coding memo travels with the coding.
    assert {mo.target for mo in project.memos.list()} == {"project", "document", "code"}
    assert project.codings.get(coding).memo == "A slogan."


def test_a_coding_memo_is_its_coders_and_one_per_coding(project, setup):
    doc, _other, code, ann, bob = setup
    coding = project.codings.add(doc, code, bob, 4, 13).id
    with pytest.raises(ValidationError, match="belongs to Bob"):
        project.memos.add("coding", coding, "Mine", author_id=ann)
    project.memos.add("coding", coding, "First")
    with pytest.raises(ValidationError, match="already has a memo"):
        project.memos.add("coding", coding, "Second")
    with pytest.raises(NotFoundError):
        project.memos.add("coding", 999, "x")
    assert project.codings.get(coding).memo == "First"


def test_deleted_memo_comes_back_whole(project, setup):
    doc, _other, _code, ann, _bob = setup
    project.acting_coder_id = ann
    memo = project.memos.add("document", doc, "Check the date.").id
    before = project.memos.get(memo)
    project.memos.delete(memo)
    assert project.memos.list() == []
    project.memos.restore(before)
    assert project.memos.get(memo) == before


def test_history_filters_by_coder_document_and_action(project, setup):
    doc, other, code, ann, bob = setup
    project.acting_coder_id = ann
    first = project.codings.add(doc, code, ann, 4, 13).id
    project.codings.set_memo(first, "slogan")
    project.acting_coder_id = bob
    project.codings.add(other, code, bob, 0, 7)
    project.memos.add("document", doc, "Check the date.")
    by_bob = project.audit.entries(coder="Bob")
    assert [(e.action, e.entity) for e in by_bob] == [("add", "memo"), ("add", "coding")]
    on_doc = project.audit.entries(document_id=doc)
    assert [(e.coder, e.action, e.entity) for e in on_doc] == [
        ("Bob", "add", "memo"), ("Ann", "memo", "coding"), ("Ann", "add", "coding"), (None, "import", "document"),
    ]
    assert [e.entity for e in project.audit.entries(action="memo")] == ["coding"]
    assert "memo" in project.audit.actions()
    assert len(project.audit.entries(limit=2)) == 2


def test_deleting_a_document_removes_its_codings_and_undo_brings_everything_back(project, setup):
    doc, other, code, ann, bob = setup
    kept = project.codings.add(other, code, ann, 0, 7).id
    c1 = project.codings.add(doc, code, ann, 4, 13, memo="slogan").id
    project.codings.add(doc, code, bob, 20, 33)
    project.documents.set_status(doc, ann, "done")
    project.documents.set_attribute(doc, "region", "North")
    project.memos.add("document", doc, "Check the date.")
    assert project.documents.codings_by_coder(doc) == {"Ann": 1, "Bob": 1}
    segments_before = project.codings.segments(document_id=doc)
    memos_before = project.memos.list(include_codings=True)

    deleted = project.documents.delete(doc)
    assert deleted.codings == 2
    assert [d.id for d in project.documents.list()] == [other]
    assert [c.id for c in project.codings.iter_all()] == [kept]
    assert [mo.target for mo in project.memos.list(include_codings=True)] == []
    with pytest.raises(NotFoundError):
        project.documents.get(doc)
    assert project.audit.entries(limit=1)[0].action == "delete"

    project.documents.restore(deleted)
    assert project.documents.get(doc).attributes == {"region": "North"}
    assert project.documents.text(doc) == TEXT
    assert project.codings.segments(document_id=doc) == segments_before
    assert project.codings.get(c1).memo == "slogan"
    assert project.memos.list(include_codings=True) == memos_before
    assert project.documents.status(doc, ann).value == "done"
    # New rows after the undo get fresh ids (sequences untouched by the re-insert).
    assert project.codings.add(doc, code, ann, 0, 3).id not in {c.id for c in segments_before}


def test_deleting_a_missing_document_says_so(project, setup):
    with pytest.raises(NotFoundError, match="no document with id 999"):
        project.documents.delete(999)


def test_every_memo_is_exported_to_xlsx_csv_and_qdpx(project, setup, tmp_path):
    import csv
    import zipfile

    from openpyxl import load_workbook

    doc, _other, code, ann, _bob = setup
    project.acting_coder_id = ann
    coding = project.codings.add(doc, code, ann, 4, 13).id
    project.memos.add("project", None, "Plan the coding.")
    project.memos.add("document", doc, "=Check the date.")
    project.memos.add("code", code, "Broad code.")
    project.memos.add("coding", coding, "A slogan.")

    wb = load_workbook(project.exchange.export(tmp_path / "out.xlsx").path)
    rows = list(wb["Memos"].iter_rows(values_only=True))
    header = rows[0]
    got = {(r[header.index("On")], r[header.index("Document or code")], r[header.index("Memo")],
            r[header.index("Author")]) for r in rows[1:]}
    assert got == {("project", None, "Plan the coding.", "Ann"), ("document", "Speech", "=Check the date.", "Ann"),
                   ("code", "Economy/Jobs", "Broad code.", "Ann")}
    formula = [c for c in wb["Memos"]["D"] if c.value == "=Check the date."]
    assert formula and formula[0].data_type == "s"
    assert all(r[header.index("Created")] is not None for r in rows[1:])
    seg = list(wb["Segments"].iter_rows(values_only=True))
    assert seg[1][seg[0].index("Memo")] == "A slogan."

    project.exchange.export(tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8") as fh:
        assert [r["Memo"] for r in csv.DictReader(fh)] == ["A slogan."]

    project.exchange.export(tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as z:
        xml = z.read("project.qde").decode("utf-8")
    for text in ("Plan the coding.", "=Check the date.", "Broad code.", "A slogan."):
        assert text in xml
