"""Offsets: code points in storage, UTF-16 in Qt, one mapping between them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.text import (
    OffsetMap,
    SpanError,
    normalize_newlines,
    paragraph_spans,
    snap_to_words,
    text_hash,
    validate_span,
)

SAMPLES = [
    "plain ascii",
    "emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "e\u0301te\u0301 combining",
    "Қазақстан Республикасы",
    "İstanbul ıi Iı",
    "مرحبا بالعالم",
    "漢字 𠀀𠀁 extension B",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_position_round_trips(text):
    omap = OffsetMap(text)
    utf16 = text.encode("utf-16-le")
    assert omap.utf16_length == len(utf16) // 2
    for cp in range(len(text) + 1):
        u16 = omap.to_utf16(cp)
        assert utf16[: 2 * u16].decode("utf-16-le") == text[:cp]
        assert omap.to_cp(u16) == cp


def test_a_position_inside_a_surrogate_pair_moves_to_the_character_start():
    text = "a😀b"
    omap = OffsetMap(text)
    assert omap.to_cp(2) == 1  # between the two halves of 😀
    assert omap.to_cp(3) == 2


@given(st.text())
def test_mapping_round_trips_for_any_text(text):
    omap = OffsetMap(text)
    for cp in range(len(text) + 1):
        assert omap.to_cp(omap.to_utf16(cp)) == cp


@given(st.text(), st.data())
def test_utf16_slice_equals_code_point_slice(text, data):
    omap = OffsetMap(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    utf16 = text.encode("utf-16-le")
    a, b = omap.to_utf16(start), omap.to_utf16(end)
    assert utf16[2 * a: 2 * b].decode("utf-16-le") == text[start:end]


def test_positions_outside_the_text_are_refused():
    with pytest.raises(SpanError):
        OffsetMap("abc").to_utf16(4)
    with pytest.raises(SpanError):
        OffsetMap("😀").to_cp(3)


@given(st.text())
def test_newline_normalisation_leaves_no_cr_and_is_idempotent(text):
    once = normalize_newlines(text)
    assert "\r" not in once
    assert normalize_newlines(once) == once


def test_crlf_cr_and_bom_normalise_to_the_same_hash():
    assert normalize_newlines("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert text_hash("a\r\nb") == text_hash("a\nb") == text_hash("\ufeffa\rb")
    assert text_hash("a\nb") != text_hash("a\nc")


@pytest.mark.parametrize("start,end,length", [(0, 0, 5), (-1, 2, 5), (3, 2, 5), (0, 6, 5)])
def test_invalid_spans(start, end, length):
    with pytest.raises(SpanError):
        validate_span(start, end, length)


def test_paragraphs_are_split_on_blank_lines_and_trimmed():
    text = "  First para\nstill first.\n\n\n Second. \n \nThird"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First para\nstill first.", "Second.", "Third"]


def test_snap_to_words_widens_to_whole_words_and_trims_space():
    text = "The Head of State stressed that"
    assert text[slice(*snap_to_words(text, 5, 16))] == "Head of State"
    assert text[slice(*snap_to_words(text, 3, 9))] == "Head"
    accents = "cafe\u0301 noir"
    assert accents[slice(*snap_to_words(accents, 0, 3))] == "cafe\u0301"
