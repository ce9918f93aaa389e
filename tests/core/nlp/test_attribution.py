"""Speakers of quotes: reporting clauses, pronouns, role nouns, glossary; reported speech."""

from app.core.nlp.process import find_quotes

ARTICLE = (
    "President Kassym-Jomart Tokayev participates in the Congress\n\n"
    "“Amanat prioritizes the affirmation of the principle of social justice,” President Tokayev said.\n\n"
    "“You have to be an effective channel of engagement,” the Head of State stressed.\n\n"
    "“We have done a lot together,” he said. “However, time does not stand still.”\n\n"
    "He believes that competition for the votes will become fiercer.\n"
)


def _direct(quotes):
    return [q for q in quotes if q.kind == "direct"]


def test_reporting_clause_after_quote_with_fullest_name(pipeline):
    q = _direct(find_quotes(ARTICLE, "en", pipeline))[0]
    assert q.speaker == "Kassym-Jomart Tokayev"
    assert ARTICLE[q.speaker_start : q.speaker_end] in ("President Tokayev", "Tokayev")
    assert q.confidence >= 0.8


def test_role_noun_resolves_to_last_named_speaker(pipeline):
    q = _direct(find_quotes(ARTICLE, "en", pipeline))[1]
    assert q.speaker == "Kassym-Jomart Tokayev"
    assert ARTICLE[q.speaker_start : q.speaker_end] == "the Head of State"


def test_interrupted_quote_both_parts_get_the_pronoun_speaker(pipeline):
    a, b = _direct(find_quotes(ARTICLE, "en", pipeline))[2:4]
    assert a.text == "We have done a lot together" and b.text == "However, time does not stand still."
    assert a.speaker == b.speaker == "Kassym-Jomart Tokayev"
    assert ARTICLE[a.speaker_start : a.speaker_end] == "he"


def test_indirect_speech_with_pronoun(pipeline):
    [q] = [q for q in find_quotes(ARTICLE, "en", pipeline) if q.kind == "reported"]
    assert q.text == "competition for the votes will become fiercer"
    assert q.speaker == "Kassym-Jomart Tokayev"
    assert ARTICLE[q.speaker_start : q.speaker_end] == "He"


def test_clause_before_quote_and_noted_that(pipeline):
    text = "Interior Minister Joachim Brudziński said: “I can’t find the words for this kind of act.”"
    [q] = find_quotes(text, "en", pipeline)
    assert (q.kind, q.speaker) == ("direct", "Joachim Brudziński")


def test_inverted_reporting_clause(pipeline):
    text = "“The next hours will decide everything,” said Tomasz Stefaniak, a surgeon."
    [q] = find_quotes(text, "en", pipeline)
    assert q.speaker == "Tomasz Stefaniak"


def test_pronoun_picks_the_latest_speaker_not_the_first(pipeline):
    text = (
        "“We are committed to keeping our border safe,” Nancy Pelosi said.\n\n"
        "“We made a plea to the president once again,” Chuck Schumer said.\n\n"
        "“So we told the president we needed it,” he added.\n"
    )
    speakers = [q.speaker for q in find_quotes(text, "en", pipeline)]
    assert speakers == ["Nancy Pelosi", "Chuck Schumer", "Chuck Schumer"]


def test_glossary_alias_names_the_speaker(pipeline):
    text = "“We will keep the course of reforms for all citizens,” the Head of State said."
    [q] = find_quotes(text, "en", pipeline, glossary={"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]})
    assert q.speaker == "Kassym-Jomart Tokayev" and q.confidence >= 0.8


def test_quote_without_any_clause_has_no_speaker_and_low_confidence(pipeline):
    [q] = find_quotes("The banner read “put it to the people now” in large letters.", "en", pipeline)
    assert q.speaker is None and q.confidence < 0.5


def test_next_paragraph_quote_continues_the_speaker(pipeline):
    text = "“The first quoted sentence is here,” Tokayev said.\n\n“And the speech goes on in this paragraph.”\n"
    a, b = find_quotes(text, "en", pipeline)
    assert a.speaker == b.speaker == "Tokayev"
    assert b.confidence < a.confidence


def test_russian_speech_verbs_with_blank_pipeline():
    text = "«Мы продолжим работу над реформами вместе», — заявил Токаев."
    [q] = find_quotes(text, "ru", "blank")
    assert q.text == "Мы продолжим работу над реформами вместе"
    assert q.speaker == "Токаев"


def test_offsets_point_into_the_given_text_with_astral_characters(pipeline):
    text = "😀 𠀋 “We have done a lot together,” President Tokayev said."
    [q] = find_quotes(text, "en", pipeline)
    assert text[q.start : q.end] == q.text == "We have done a lot together"
    assert text[q.speaker_start : q.speaker_end] in ("President Tokayev", "Tokayev")
