"""A coder's speaker correction is listed instead of the detected one and survives re-running NLP."""

from __future__ import annotations

import pytest

from app.project import NotFoundError, ValidationError

TEXT = (
    "Mr John Carter met reporters in Geneva on Monday.\n\n"
    "\"We will sign the agreement before the end of the year,\" Carter said.\n\n"
    "\"It could be the best deal we ever made,\" he added.\n"
)


def test_correction_replaces_the_detected_speaker_and_survives_a_rerun(project, add_text):
    doc = add_text(TEXT, "Talks", language="en")
    project.nlp.process(pipeline="blank")
    first = project.nlp.quotes(doc)[0]
    assert first.speaker == "John Carter" and not first.corrected
    fixed, previous = project.nlp.correct_speaker(first.id, "  Jane   Roe ")
    assert (fixed.speaker, fixed.corrected, fixed.detected_speaker) == ("Jane Roe", True, "John Carter")
    assert previous == (False, "John Carter")
    assert [q.text for q in project.nlp.quotes(speaker="Jane Roe")] == [first.text]
    assert ("Jane Roe", 1) in project.nlp.speakers()

    project.nlp.process(pipeline="en_core_web_sm" if _trained() else "blank")  # new rows, new ids
    again = [q for q in project.nlp.quotes(doc) if q.start == first.start][0]
    assert (again.speaker, again.corrected) == ("Jane Roe", True)

    restored = project.nlp.clear_speaker_correction(again.id)
    assert (restored.speaker, restored.corrected) == ("John Carter", False)


def test_no_named_speaker_and_bad_input(project, add_text):
    doc = add_text(TEXT, "Talks", language="en")
    project.nlp.process(pipeline="blank")
    quote = project.nlp.quotes(doc)[1]
    fixed, _ = project.nlp.correct_speaker(quote.id, None)
    assert fixed.speaker is None and fixed.corrected and not fixed.needs_check
    with pytest.raises(ValidationError):
        project.nlp.correct_speaker(quote.id, "   ")
    with pytest.raises(NotFoundError):
        project.nlp.correct_speaker(10**6, "Anyone")
    assert project.nlp.quote(quote.id).speaker is None  # the refused edits changed nothing


def _trained() -> bool:
    from app.core.nlp.pipelines import installed_pipelines

    return bool(installed_pipelines("en"))
