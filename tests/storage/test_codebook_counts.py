"""Per-code counts filtered by document and coder (the workspace's codebook columns)."""

from __future__ import annotations

from app.core.importers import ImportedDocument


def _doc(project, text):
    return project.documents.add(ImportedDocument(text=text, title=text[:10], importer="test", source_name="t", file_hash="h")).id


def test_counts_filter_by_document_and_coder(project):
    a = project.codebook.add("A").id
    b = project.codebook.add("B").id
    ann = project.coders.add("Ann").id
    bob = project.coders.add("Bob").id
    d1 = _doc(project, "first document text here")
    d2 = _doc(project, "second document text here")
    project.codings.add(d1, a, ann, 0, 5)
    project.codings.add(d1, a, bob, 0, 5)
    project.codings.add(d1, b, ann, 6, 14)
    project.codings.add(d2, a, ann, 0, 6)
    assert project.codebook.counts() == {a: 3, b: 1}
    assert project.codebook.counts(document_id=d1) == {a: 2, b: 1}
    assert project.codebook.counts(coder_ids=[ann]) == {a: 2, b: 1}
    assert project.codebook.counts(document_id=d1, coder_ids=[bob]) == {a: 1}
    assert project.codebook.counts(document_id=d2, coder_ids=[bob]) == {}
