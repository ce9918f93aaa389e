"""Speakers are names, role nouns or organisations, never pronouns or sentence fragments.

Seen on the speeches of the shared corpus: "As I", "We", "my fellow Americans",
'heading, "My Pledge"' were stored as speakers. First-person clauses belong to
the document's own speaker (its author) when that is known, and to no one otherwise.
"""

import pytest

from app.core.nlp.lexicon import lexicon_for
from app.core.nlp.mentions import Mention, checked
from app.core.nlp.process import find_quotes, process

SPEECH = (
    "As I said before, I believe that our nation will prosper in the years ahead.\n\n"
    "We have agreed that the talks will continue next spring in Astana.\n\n"
    "I am certain that my fellow Americans expect that I will address them with candor.\n\n"
    "It is believed that the treaty will be signed by the end of the year.\n"
)


def _speakers(quotes):
    return [q.speaker for q in quotes]


def test_first_person_clauses_have_no_speaker_without_an_author(pipeline):
    quotes = find_quotes(SPEECH, "en", pipeline)
    assert quotes, "the reported speech itself is still found"
    assert all(s is None for s in _speakers(quotes)), _speakers(quotes)


def test_first_person_clauses_resolve_to_the_author(pipeline):
    quotes = find_quotes(SPEECH, "en", pipeline, author="Franklin D. Roosevelt")
    first_person = [q for q in quotes if SPEECH[q.speaker_start : q.speaker_end] in ("I", "We")]
    assert len(first_person) >= 2
    assert {q.speaker for q in first_person} == {"Franklin D. Roosevelt"}
    assert all(SPEECH[q.speaker_start : q.speaker_end] in ("I", "We") for q in first_person)
    assert "Americans" not in " ".join(s or "" for s in _speakers(quotes))


def test_process_takes_one_author_per_text():
    texts = ["I believe that the reforms will make our country stronger.",
             "We think that the negotiations will succeed this year."]
    result = process(texts, "en", "blank", author=["Kassym-Jomart Tokayev", None])
    assert [q.speaker for q in result.documents[0].quotes] == ["Kassym-Jomart Tokayev"]
    assert [q.speaker for q in result.documents[1].quotes] == [None]


def test_third_person_attribution_is_unchanged_by_an_author(pipeline):
    text = "President Tokayev said that the reforms will continue next year."
    [q] = find_quotes(text, "en", pipeline, author="Someone Else")
    assert q.speaker == "Tokayev"


@pytest.mark.parametrize("fragment", ['heading, "My Pledge"', "my fellow Americans", "It", "You", "We", "the people"])
def test_fragments_and_pronouns_are_no_speaker_mention(fragment):
    lex = lexicon_for("en")
    m = checked(Mention(0, len(fragment), fragment, "name"), lex)
    assert m is None or m.kind == "self"
    if fragment == "We":
        assert m is not None and m.kind == "self"


def test_leading_words_of_a_capitalised_run_are_dropped():
    lex = lexicon_for("en")
    m = checked(Mention(10, 14, "As I", "name"), lex)
    assert (m.start, m.end, m.text, m.kind) == (13, 14, "I", "self")
    m = checked(Mention(0, 16, "And Nancy Pelosi", "name"), lex)
    assert (m.start, m.text, m.kind) == (4, "Nancy Pelosi", "name")


def test_reporting_clause_closing_the_sentence_wins(pipeline):
    text = ("Benjamin Netanyahu called on Italy to join the project. In December, Prime Minister "
            "Erdogan said that the pipeline renders the project unnecessary, Cyprus Mail reported.\n")
    [q] = [q for q in find_quotes(text, "en", pipeline) if q.kind == "reported"]
    assert q.speaker == "Cyprus Mail"
    assert text[q.speaker_start : q.speaker_end] == "Cyprus Mail"
    assert q.text == "the pipeline renders the project unnecessary"


def test_pronoun_in_a_closing_clause_does_not_override_the_named_subject(pipeline):
    text = "Chancellor Merkel said that the talks would resume in the spring, she added.\n"
    [q] = [q for q in find_quotes(text, "en", pipeline) if q.kind == "reported"]
    assert q.speaker == "Merkel"
