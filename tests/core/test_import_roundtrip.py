"""Property: any text saved as UTF-8, UTF-8 with BOM or UTF-16 imports character for character."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.importers import ImportOptions, Source, parse_source
from app.core.text import normalize_newlines

# Printable text of any script, plus the line breaks and tabs real files have.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")),
        st.sampled_from(["\n", "\r", "\t"]),
    ),
    min_size=1,
).filter(lambda t: t.strip() and any(ch.isalpha() for ch in t))

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
}


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from(sorted(ENCODINGS)))
def test_saved_text_imports_exactly(text, encoding):
    data = ENCODINGS[encoding](text)
    [doc] = parse_source(Source("sample.txt", data), ImportOptions(detect_language=False, mark_boilerplate=False))
    assert doc.text == normalize_newlines(text.lstrip("\ufeff")) or doc.text == normalize_newlines(text)
    assert "\r" not in doc.text
