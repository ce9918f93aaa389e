"""Language detection for imported documents (ISO 639-1 codes).

Uses py3langid (a maintained, NumPy-based port of langid.py covering 97
languages, Kazakh included). Two things make it fit news corpora:

* A document is first judged on two short probes, its opening and its close.
  When they agree (nearly always) that is the language. When they differ the
  document looks mixed (a Kazakh notice followed by its Russian version, an
  English article wrapped in Turkish boilerplate) and it is judged paragraph by
  paragraph: the language that holds most of the letters wins, so one long
  paragraph in the main language outweighs many short lines in another.
* Text too short to judge (fewer than ``min_letters`` letters) gives None
  rather than a guess; the user can set the language by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache


__all__ = ["detect_language", "language_shares"]

_PARAGRAPHS = re.compile(r"\n\s*\n")
# Enough text to decide; long documents are judged on their first paragraphs.
# (Detection is most of the cost of importing plain text, and grows with length.)
_BUDGET_CHARS = 6_000
# Short neighbouring paragraphs are judged together, up to this many characters.
_CHUNK_CHARS = 400
_LETTER = re.compile(r"[^\W\d_]")
# Each probe (opening, close) is this many characters: detection costs about a
# microsecond per character, so two probes cost a tenth of judging every paragraph.
_PROBE_CHARS = 300


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loads a model: only when first needed

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _chunks(text: str) -> list[str]:
    """Paragraphs, short neighbours joined, within the character budget."""
    chunks: list[str] = []
    current: list[str] = []
    size = used = 0
    for para in _PARAGRAPHS.split(text):
        if used >= _BUDGET_CHARS:
            break
        current.append(para)
        size += len(para)
        used += len(para)
        if size >= _CHUNK_CHARS:
            chunks.append("\n".join(current))
            current, size = [], 0
    if current:
        chunks.append("\n".join(current))
    return chunks


def language_shares(text: str, min_letters: int = 20) -> dict[str, float]:
    """Share of letters per detected language, largest first (shares sum to 1).

    Paragraphs (short neighbours judged together) with fewer than
    ``min_letters`` letters are too short to judge and are left out; an empty
    dict means nothing could be judged. A document whose opening and close are
    in the same language is that language alone.
    """
    identifier = _identifier()
    chunks = _chunks(text)
    # The first and last paragraphs long enough to judge (letters counted only until found).
    first = next((i for i, c in enumerate(chunks) if _letters(c) >= min_letters), None)
    if first is None:
        # No paragraph long enough alone; judge the text as a whole.
        if _letters(text) < min_letters:
            return {}
        return {identifier.classify(text[:_BUDGET_CHARS])[0]: 1.0}
    last = next(i for i in range(len(chunks) - 1, first - 1, -1) if _letters(chunks[i]) >= min_letters)
    if first == last and len(chunks[first]) <= 2 * _PROBE_CHARS:
        return {identifier.classify(chunks[first])[0]: 1.0}
    opening = identifier.classify(chunks[first][:_PROBE_CHARS])[0]
    if opening == identifier.classify(chunks[last][-_PROBE_CHARS:])[0]:
        return {opening: 1.0}
    weights: Counter[str] = Counter()
    for chunk in chunks:
        n = _letters(chunk)
        if n >= min_letters:
            weights[identifier.classify(chunk[:_BUDGET_CHARS])[0]] += n
    total = sum(weights.values())
    return {lang: w / total for lang, w in weights.most_common()}


def detect_language(text: str, min_letters: int = 20) -> str | None:
    """The main language of ``text`` as an ISO 639-1 code, or None when too short to tell."""
    shares = language_shares(text, min_letters=min_letters)
    if not shares:
        return None
    return next(iter(shares))
