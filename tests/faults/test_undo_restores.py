"""Every undo restores everything its edit removed, including what the database cascaded away."""

from __future__ import annotations


def setup(project, add_text):
    doc = add_text("The president spoke of social justice and of fair wages for all.")
    coder = project.coders.add("Aigerim").id
    other = project.coders.add("Dana").id
    source = project.codebook.add("Justice").id
    target = project.codebook.add("Fairness").id
    project.codings.add(doc, source, coder, 20, 34)
    memo = project.memos.add("code", source, "Use for appeals to equal treatment.", title="Definition").id
    rejected = project.nlp.reject_suggestion(doc, source, other, 42, 53)
    return doc, coder, other, source, target, memo, rejected


def memos_of(project, code_id):
    return [(m.id, m.uuid, m.title, m.text) for m in project.memos.list("code", code_id)]


def rejections(project, doc, coder):
    from sqlalchemy import select

    from app.storage import models as m

    with project.db.reader() as s:
        rows = s.execute(select(m.SuggestionDecision.code_id, m.SuggestionDecision.start, m.SuggestionDecision.end)
                         .where(m.SuggestionDecision.document_id == doc, m.SuggestionDecision.coder_id == coder))
        return sorted(tuple(r) for r in rows)


def test_undoing_a_delete_brings_back_memos_and_rejected_suggestions(project, add_text):
    doc, coder, other, source, _target, _memo, _ = setup(project, add_text)
    memos_before = memos_of(project, source)
    codings_before = [(c.id, c.uuid, c.start, c.end) for c in project.codings.for_document(doc)]
    deleted = project.codebook.delete(source, delete_codings=True)
    assert memos_of(project, source) == [] and rejections(project, doc, other) == []

    project.codebook.restore(deleted)
    assert memos_of(project, source) == memos_before
    assert rejections(project, doc, other) == [(source, 42, 53)]
    assert [(c.id, c.uuid, c.start, c.end) for c in project.codings.for_document(doc)] == codings_before


def test_a_merge_carries_rejections_to_the_target_and_unmerge_gives_them_back(project, add_text):
    doc, coder, other, source, target, memo, _ = setup(project, add_text)
    project.nlp.reject_suggestion(doc, target, other, 42, 53)  # the same rejection, already on the target
    project.nlp.reject_suggestion(doc, source, other, 0, 13)
    result = project.codebook.merge(source, target)
    assert rejections(project, doc, other) == [(target, 0, 13), (target, 42, 53)]
    assert [m.id for m in project.memos.list("code", target)] == [memo]

    project.codebook.unmerge(result)
    assert rejections(project, doc, other) == [(source, 0, 13), (source, 42, 53), (target, 42, 53)]
    assert [m.id for m in project.memos.list("code", source)] == [memo]
    assert project.memos.list("code", target) == []
