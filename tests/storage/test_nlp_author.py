"""project.nlp.process passes each document's author, so "I believe that …" in a speech is its speaker's."""

from __future__ import annotations

SPEECH = "I believe that our country will become stronger and fairer in the coming years.\n"


def test_first_person_reported_speech_is_the_documents_author(project, add_text):
    with_author = add_text(SPEECH, "Address", language="en", author="Kassym-Jomart Tokayev")
    anonymous = add_text(SPEECH, "Unsigned", language="en")
    project.nlp.process(pipeline="blank")
    [q] = project.nlp.quotes(with_author)
    assert (q.kind, q.speaker) == ("reported", "Kassym-Jomart Tokayev")
    assert project.documents.text(with_author)[q.speaker_start:q.speaker_end] == "I"
    [q] = project.nlp.quotes(anonymous)
    assert q.speaker is None
