"""spaCy assistance: sentences, quotes and who said them, entities, code suggestions, concordance.

Pure core: no database, no Qt. Every function takes texts (and a language
code) and returns frozen dataclasses from :mod:`app.core.nlp.types` whose
offsets are code points into exactly the text given, half-open. Importing this
package does not import spaCy; the submodules import it inside their functions,
and pipelines are loaded once, lazily, and cached (thread-safe).

Public API (import from the submodules):

Pipelines — :mod:`app.core.nlp.pipelines`
    ``installed_pipelines(language=None) -> list[(name, language)]``
    ``resolve_pipeline(language, pipeline=None) -> str`` (``"blank"`` forces rules only;
    ``"en_core_web_sm"`` also finds a package named ``en_core_web_sm_<suffix>``)
    ``load_pipeline(language, pipeline=None) -> (spacy Language, PipelineInfo)``;
    ``PipelineInfo.tag`` is ``"name==version"``, to store with results and recompute
    when it changes. ``clear_cache()``.

Batch — :mod:`app.core.nlp.process`
    ``process(texts, language, pipeline=None, progress=None, cancelled=None, n_process=1,
    batch_size=32, glossary=None) -> BatchResult`` (per document: sentences, quotes, entities).
    ``find_quotes(text, language="en", pipeline=None, glossary=None) -> list[Quote]``
    ``find_entities(text, language="en", pipeline=None, glossary=None) -> list[Entity]``

Sentences — :mod:`app.core.nlp.sentences`
    ``sentence_spans(text, language="en", pipeline=None) -> list[(start, end)]``

Quotes — :mod:`app.core.nlp.quotes` (marks only, no spaCy) and :mod:`app.core.nlp.detect`
    ``find_direct_quotes(text, min_words=4) -> list[RawQuote]``
    ``quotes_in_doc(doc, language, trained, glossary=None) -> list[Quote]``.
    ``Quote``: start, end, text (the words without the marks), kind ("direct",
    "reported" or "turn"), speaker (fullest known name or None), speaker_start, speaker_end,
    confidence (0..1), parts (one per paragraph of a multi-paragraph quote), open_mark.
    Speech-verb lexicons: :mod:`app.core.nlp.lexicon` (en, ru, tr).

Entities — :mod:`app.core.nlp.entities`
    ``glossary_matcher(nlp, glossary)``; ``entities_in_doc(doc, matcher=None, labels=None)``.
    A glossary is ``{"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]}``.

Suggestions — :mod:`app.core.nlp.suggest`
    ``build_matcher(nlp, [SuggestionPattern(code_key, pattern, lemma=False), ...])``;
    ``suggest(doc, matcher, excluded=()) -> list[Suggestion(code_key, start, end, matched_pattern)]``.

Concordance — :mod:`app.core.nlp.kwic`
    ``kwic(texts_or_pairs, term, lemma=False, language="en", pipeline=None, width=60,
    cancelled=None) -> list[KwicRow(doc_id, start, end, left, keyword, right)]``.
"""
