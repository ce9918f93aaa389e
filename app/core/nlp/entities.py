"""Named entities: the trained pipeline's NER plus an entity ruler fed by the project glossary.

The glossary maps a canonical name to its aliases, for example
``{"Kassym-Jomart Tokayev": ["Tokayev", "the Head of State"]}``. Glossary
matches win over the statistical NER where they overlap and carry the canonical
name, so "the Head of State" is found (and named) even with the blank pipeline.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .types import Entity

__all__ = ["glossary_matcher", "entities_in_doc"]


def glossary_matcher(nlp: Any, glossary: Mapping[str, Sequence[str]], label: str = "PERSON") -> Any:
    """A case-insensitive PhraseMatcher over every glossary name and alias.

    Match ids are the canonical names. Build once per (pipeline, glossary)
    and reuse it for every document.
    """
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for canonical, aliases in glossary.items():
        phrases = [canonical, *aliases]
        matcher.add(canonical, [nlp.make_doc(p) for p in phrases if p.strip()])
    return matcher


def entities_in_doc(
    doc: Any,
    matcher: Any | None = None,
    labels: frozenset[str] | None = None,
    glossary_label: str = "PERSON",
) -> list[Entity]:
    """Entities of a processed doc, glossary matches first, then NER where it does not overlap."""
    from .mentions import text_of

    text = text_of(doc)
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []
    if matcher is not None:
        matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        for match_id, s, e in matches:
            span = doc[s:e]
            a, b = span.start_char, span.end_char
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            canonical = doc.vocab.strings[match_id]
            found.append(Entity(a, b, glossary_label, text[a:b], canonical))
    for ent in doc.ents:
        if labels is not None and ent.label_ not in labels:
            continue
        a, b = ent.start_char, ent.end_char
        if any(a < y and x < b for x, y in taken):
            continue
        found.append(Entity(a, b, ent.label_, text[a:b]))
    found.sort(key=lambda e: (e.start, e.end))
    return found
