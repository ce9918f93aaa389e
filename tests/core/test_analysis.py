"""The analysis core on worked examples: boilerplate left out, parents as totals, query precedence."""

from __future__ import annotations

import pytest

from app.core.analysis.crosstab import crosstab
from app.core.analysis.model import CodeNode, Coded, clip_excluded
from app.core.analysis.query import And, Code, Not, Or, parse, run
from app.core.errors import ValidationError

CODES = [CodeNode(1, "A", None), CodeNode(2, "A/x", 1), CodeNode(3, "B", None)]


def test_boilerplate_is_cut_away_and_a_coding_inside_it_disappears():
    coded = [Coded(1, 1, 7, "Ann", 0, 10), Coded(2, 3, 7, "Ann", 20, 25), Coded(3, 2, 8, "Ann", 0, 4)]
    clipped = clip_excluded(coded, {7: [(4, 6), (18, 30)]})
    assert [(c.coding_id, c.start, c.end) for c in clipped] == [(1, 0, 4), (1, 6, 10), (3, 0, 4)]
    table = crosstab(clipped, CODES, lambda c: [c.coder], "codings")
    assert table.rows == ["A", "A/x", "B"] and table.depths == [0, 1, 0]
    assert table.counts == [[2], [1], [0]]  # coding 1 counts once although split in two
    assert crosstab(clipped, CODES, lambda c: [c.coder], "characters").counts == [[12], [4], [0]]


def test_precedence_not_then_and_then_or():
    assert parse("A OR B AND NOT C") == Or(Code("A"), And(Code("B"), Not(Code("C"))))
    assert parse("(A OR B) AND C") == And(Or(Code("A"), Code("B")), Code("C"))
    assert parse("Social justice and 'A/x'") == And(Code("Social justice"), Code("A/x"))


def test_nested_not_on_characters():
    coded = [Coded(1, 1, 1, "Ann", 0, 10), Coded(2, 3, 1, "Ann", 5, 15), Coded(3, 2, 1, "Ann", 8, 9)]
    # A covers [0,10) (its child x is inside). A AND NOT (B AND NOT A/x) = [0,10) minus ([5,10) minus [8,9)).
    hits = run(parse("A AND NOT (B AND NOT A/x)"), coded, CODES, {1: 20})
    assert [(h.start, h.end) for h in hits] == [(0, 5), (8, 9)]


def test_unknown_path_is_refused():
    with pytest.raises(ValidationError, match="not a code"):
        run(parse("C"), [], CODES, {})
