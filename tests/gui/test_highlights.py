"""Highlights: overlapping codings get their own lanes; visibility queries find exactly the touching ones."""

from __future__ import annotations

import random

from app.core.records import CodingInfo
from app.core.text import OffsetMap
from app.gui.highlights import HighlightIndex, make_highlights


def _h(spans, text="x" * 400):
    codings = [CodingInfo(i, f"u{i}", 1, 1, 1, s, e) for i, (s, e) in enumerate(spans)]
    return make_highlights(codings, OffsetMap(text), {1: ("A", "#cc6677")}, {1: "Ann"}, {})


def test_overlapping_codings_never_share_a_lane():
    index = HighlightIndex(_h([(0, 10), (5, 15), (12, 20), (30, 40), (8, 9)]))
    assert index.lanes == 3
    items = index.items
    for a in items:
        for b in items:
            if a is not b and a.s16 < b.e16 and b.s16 < a.e16:
                assert a.lane != b.lane


def test_overlapping_query_matches_brute_force():
    rng = random.Random(7)
    spans = []
    for _ in range(500):
        s = rng.randrange(0, 190)
        spans.append((s, s + rng.randrange(1, 10 if rng.random() < 0.9 else 150)))
    index = HighlightIndex(_h(spans))
    for _ in range(200):
        a = rng.randrange(0, 200)
        b = a + rng.randrange(1, 30)
        got = sorted(h.id for h in index.overlapping(a, b))
        want = sorted(i for i, (s, e) in enumerate(spans) if s < b and e > a)
        assert got == want


def test_astral_characters_shift_utf16_positions():
    text = "😀😀 abc"
    (h,) = make_highlights([CodingInfo(1, "u", 1, 1, 1, 3, 6)], OffsetMap(text), {}, {}, {})
    assert (h.start, h.end, h.s16, h.e16) == (3, 6, 5, 8)
    assert h.code_path == "(deleted code)"


def test_adding_and_removing_keeps_lanes_valid_and_queries_exact():
    rng = random.Random(11)
    spans = [(s, s + rng.randrange(1, 40)) for s in (rng.randrange(0, 350) for _ in range(300))]
    all_h = _h(spans)
    index = HighlightIndex(all_h[:100])
    live = {h.id: h for h in all_h[:100]}
    for h in all_h[100:]:
        index.add(h)
        live[h.id] = h
        if rng.random() < 0.3:
            gone = rng.choice(sorted(live))
            assert index.remove(gone).id == gone
            del live[gone]
    assert sorted(h.id for h in index.items) == sorted(live)
    assert [h.s16 for h in index.items] == sorted(h.s16 for h in index.items)
    for a in index.items:
        for b in index.overlapping(a.s16, a.e16):
            assert b is a or b.lane != a.lane
    for _ in range(100):
        a = rng.randrange(0, 400)
        b = a + rng.randrange(1, 30)
        assert sorted(h.id for h in index.overlapping(a, b)) == sorted(
            i for i, h in live.items() if h.s16 < b and h.e16 > a)
