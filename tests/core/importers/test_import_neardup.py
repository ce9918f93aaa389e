"""Near-duplicate grouping: the same wire story from several outlets, different stories apart."""

from __future__ import annotations

import pytest
from importfixtures import CORPUS

if not CORPUS.is_dir():
    pytest.skip("the shared corpus (../shared/corpus beside the checkout) is absent", allow_module_level=True)

from app.core.importers.base import ExcludedSpan
from app.core.importers.neardup import NearDuplicateIndex, shingles

STORY = (CORPUS / "en" / "2019-01-04_wikinews_magnitogorsk-apartment-building-collapses-after-explosi.txt").read_text()
OTHER = sorted(CORPUS.glob("en/*wikinews*.txt"))


def _outlet_copy(text: str, outlet: str) -> str:
    """How aggregators carry a wire story: own headline line, own footer, a word changed."""
    body = text.split("\n", 1)[1].replace("building", "block", 1)
    return f"{outlet}: Explosion in Magnitogorsk\n{body}\n\nRead more on {outlet}. Subscribe to our newsletter."


def test_wire_story_carried_by_three_outlets_is_one_group_named_after_the_first():
    index = NearDuplicateIndex()
    assert index.add("reuters", STORY) is None
    assert index.add("daily", _outlet_copy(STORY, "Daily Mail")) == "reuters"
    assert index.add("tass", _outlet_copy(STORY, "TASS")) == "reuters"
    assert index.groups() == {"reuters": ["reuters", "daily", "tass"]}
    assert index.group_of("tass") == "reuters"
    assert index.similarity("reuters", "daily") > 0.8


def test_different_stories_stay_apart():
    index = NearDuplicateIndex()
    for path in OTHER:
        assert index.add(path.name, path.read_text()) is None, path.name
    assert index.groups() == {}
    assert index.group_of(OTHER[0].name) is None


def test_boilerplate_spans_are_ignored_when_comparing():
    footer = "\n\nRecent Posts\n\n" + " ".join(f"Unrelated headline number {i} about sport." for i in range(80))
    text = STORY + footer
    index = NearDuplicateIndex()
    index.add("plain", STORY)
    assert index.add("with footer", text) is None  # the footer drowns the story
    index2 = NearDuplicateIndex()
    index2.add("plain", STORY)
    assert index2.add("with footer", text, [ExcludedSpan(len(STORY), len(text), "boilerplate")]) == "plain"


def test_groups_are_transitive():
    # a~b and b~c (Jaccard of the shingle sets 0.86) while a and c alone (0.73) would not match.
    # (With 10 words changed instead of 15, a and c share 0.815; the triangle inequality of Jaccard
    # distance keeps the margins near 0.06 at best, so the signatures are long.)
    words = [f"w{i}" for i in range(200)]
    a = " ".join(words)
    b = " ".join(words[:185] + [f"x{i}" for i in range(15)])
    c = " ".join([f"y{i}" for i in range(15)] + words[15:185] + [f"x{i}" for i in range(15)])
    index = NearDuplicateIndex(threshold=0.8, num_perm=1024)  # estimates within about 0.01: the test is not luck
    index.add("a", a)
    assert index.add("c", c) is None
    assert index.add("b", b) == "a"
    assert index.groups() == {"a": ["a", "c", "b"]}


def test_short_texts_are_not_indexed_and_keys_are_unique():
    index = NearDuplicateIndex()
    assert index.add("short", "Breaking: explosion reported.") is None
    assert len(index) == 0
    index.add("k", STORY)
    with pytest.raises(ValueError, match="already added"):
        index.add("k", STORY)


def test_shingles_are_case_insensitive_word_ngrams():
    assert shingles("The cat sat on the mat today", size=5) == {
        "the cat sat on the",
        "cat sat on the mat",
        "sat on the mat today",
    }
    assert shingles("Hi there", size=5) == {"hi there"}
