"""Pipelines load lazily and once; batch processing reports progress and honours cancel."""

import subprocess
import sys

import pytest

from app.core.nlp.pipelines import BLANK, load_pipeline, resolve_pipeline
from app.core.nlp.process import find_entities, process
from app.core.nlp.sentences import sentence_spans

from .conftest import TRAINED


def test_importing_the_package_does_not_import_spacy():
    code = "import sys, app.core.nlp, app.core.nlp.process, app.core.nlp.kwic; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_blank_pipeline_has_sentencizer_and_lookup_lemmatizer():
    nlp, info = load_pipeline("en", BLANK)
    assert info.name == "blank:en" and not info.trained
    assert [t.lemma_ for t in nlp("leaders stressed")] == ["leader", "stress"]


def test_language_without_lookup_table_or_spacy_support_still_loads():
    nlp, info = load_pipeline("kk", BLANK)  # spaCy has no "kk": multilingual tokenizer, no lemmatizer
    assert "sentencizer" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert sentence_spans("Бірінші сөйлем. Екінші сөйлем.", "kk", BLANK) == [(0, 15), (16, 30)]


def test_pipeline_is_loaded_once():
    assert load_pipeline("en", BLANK)[0] is load_pipeline("en", BLANK)[0]


def test_unknown_pipeline_name_is_an_error():
    with pytest.raises(LookupError):
        resolve_pipeline("en", "xx_no_such_pipeline")


@pytest.mark.skipif(not TRAINED, reason="no trained English pipeline installed")
def test_default_picks_the_installed_trained_pipeline_and_short_name_resolves():
    assert resolve_pipeline("en") == TRAINED[0]
    assert resolve_pipeline("en", "en_core_web_sm") == TRAINED[0]
    _, info = load_pipeline("en")
    assert info.trained and info.tag == f"{info.name}=={info.version}"


def test_sentences_never_cross_a_line_break(pipeline):
    text = "A heading\nFirst sentence here. Second one?\n\nNew paragraph."
    spans = sentence_spans(text, "en", pipeline)
    assert [text[s:e] for s, e in spans] == ["A heading", "First sentence here.", "Second one?", "New paragraph."]


def test_glossary_entities_work_without_a_trained_pipeline():
    text = "The Head of State met Tokayev's team."
    ents = find_entities(text, "en", BLANK, {"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]})
    assert [(text[e.start : e.end], e.canonical) for e in ents] == [
        ("The Head of State", "Kassym-Jomart Tokayev"),
        ("Tokayev", "Kassym-Jomart Tokayev"),
    ]


@pytest.mark.skipif(not TRAINED, reason="no trained English pipeline installed")
def test_trained_pipeline_adds_ner_entities():
    ents = find_entities("Vladimir Putin visited Kazakhstan in May.", "en", TRAINED[0])
    assert ("Vladimir Putin", "PERSON") in [(e.text, e.label) for e in ents]
    assert ("Kazakhstan", "GPE") in [(e.text, e.label) for e in ents]


def test_process_returns_results_per_document_with_progress(pipeline):
    texts = ["“We have done a lot together,” Tokayev said. Fine.", "No quotes here at all."]
    seen = []
    result = process(texts, "en", pipeline, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)] and not result.cancelled
    first, second = result.documents
    assert [q.speaker for q in first.quotes] == ["Tokayev"]
    assert len(first.sentences) == 2 and second.quotes == ()
    assert result.pipeline == load_pipeline("en", pipeline)[1]


def test_process_stops_when_cancelled():
    calls = []
    result = process(["One text.", "Two.", "Three."], "en", BLANK, cancelled=lambda: len(calls) >= 1,
                     progress=lambda d, t: calls.append(d))
    assert result.cancelled and len(result.documents) == 1
