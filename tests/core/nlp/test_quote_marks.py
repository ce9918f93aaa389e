"""Direct quotes found by their marks, in every common style (no spaCy needed)."""

import pytest

from app.core.nlp.quotes import find_direct_quotes

SAID = "we have done a lot together here"


@pytest.mark.parametrize(
    "open_, close",
    [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("„", "“"), ("„", "”"), ("‹", "›"), ("「", "」")],
)
def test_each_quotation_style(open_, close):
    text = f"The leader said {open_}{SAID}{close} on Monday."
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == SAID
    assert q.open_mark == open_ and q.closed


def test_apostrophes_are_not_quote_marks():
    text = "Kazakhstan’s leader said: ‘We don’t stop and the leaders’ plans won’t change at all.’ Then he left."
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == "We don’t stop and the leaders’ plans won’t change at all."


def test_straight_apostrophes_inside_straight_single_quotes():
    text = "He wrote 'it's the party's time to act now' yesterday."
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == "it's the party's time to act now"


def test_trailing_comma_is_left_out():
    text = "“We need to continue this work,” President Tokayev said."
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == "We need to continue this work"


def test_multi_paragraph_quote_reopened_at_each_paragraph():
    text = "He said:\n\n“First paragraph of the quote goes here.\n\n“Second paragraph goes on.\n\n“Third and last one ends.”\n\nAfter."
    [q] = find_direct_quotes(text)
    assert len(q.parts) == 3
    assert [text[s:e] for s, e in q.parts] == [
        "First paragraph of the quote goes here.",
        "Second paragraph goes on.",
        "Third and last one ends.",
    ]
    assert text[q.start : q.end].startswith("First") and text[q.start : q.end].endswith("ends.")


def test_multi_paragraph_quote_opened_once():
    text = "The message reads:\n\n“Russia highly values your contribution.\n\nI will be glad to meet you again.”\n"
    [q] = find_direct_quotes(text)
    assert len(q.parts) == 2 and q.closed
    assert text[q.end - 5 : q.end] == "gain."


def test_interrupted_quote_gives_two_quotes():
    text = "“We have done a lot together,” he said. “However, time does not stand still.”"
    a, b = find_direct_quotes(text)
    assert text[a.start : a.end] == "We have done a lot together"
    assert text[b.start : b.end] == "However, time does not stand still."


def test_nested_quotes_report_only_the_outer_one():
    text = "She said “the so-called ‘Listening State’ concept works for all of us” today."
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == "the so-called ‘Listening State’ concept works for all of us"


def test_short_scare_quotes_are_not_quotes():
    assert find_direct_quotes("They implement the “Listening State” Concept and a “lousy” deal.") == []


def test_unclosed_quote_stops_at_the_blank_line():
    text = "He said “this has no closing mark at all here\n\nNext paragraph “is a proper quote of words”."
    a, b = find_direct_quotes(text)
    assert not a.closed and text[a.start : a.end] == "this has no closing mark at all here"
    assert b.closed and text[b.start : b.end] == "is a proper quote of words"


def test_offsets_are_code_points_with_emoji_before():
    text = "😀😀 CJK 𠀋 then “the quoted words are these” end"
    [q] = find_direct_quotes(text)
    assert text[q.start : q.end] == "the quoted words are these"
