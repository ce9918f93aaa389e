"""Sentence spans of a text (also the units of agreement statistics at sentence level)."""

from __future__ import annotations

from typing import Any

__all__ = ["sentence_spans", "sentences_in_doc"]


def sentences_in_doc(doc: Any) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a processed doc, trimmed of white space, none empty.

    A sentence never runs over a line break: spaCy's sentencizer can join a
    heading to the paragraph below it, which is not a sentence to a reader.
    """
    from .mentions import text_of

    text = text_of(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        pos = a
        while True:
            cut = text.find("\n", pos, b)
            piece_end = b if cut < 0 else cut
            s, e = pos, piece_end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
            if cut < 0:
                break
            pos = cut + 1
    return out


def sentence_spans(text: str, language: str = "en", pipeline: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` with the pipeline for ``language`` (see :mod:`.pipelines`)."""
    from .pipelines import load_pipeline

    nlp, _ = load_pipeline(language, pipeline)
    return sentences_in_doc(nlp(text))
