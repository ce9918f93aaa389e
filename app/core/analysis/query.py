"""Code queries: code paths combined with AND, OR, NOT and parentheses.

``parse('"Politics/Constitutional reform" AND NOT "Social justice"')`` gives a tree;
``run(tree, coded, units)`` finds where it holds, coder by coder (each coder's codings are
queried on their own, as a researcher compares what one coder saw):

- ``within="overlap"`` (the default): on the same characters. AND is where the codes'
  codings overlap, OR where any of them is, NOT what the other side does not cover, within
  the document. The result is the stretches where the expression holds.
- ``within`` a unit (sentence, paragraph, document): a unit matches when the expression
  holds for the codes present in it (a code is present when one of its codings overlaps
  the unit). The result is, per matching unit, the stretch from the first to the last
  character of the codings named positively in the expression, cut to the unit (the whole
  unit for an expression made of NOTs only).

An expression that is a code or an OR of codes returns every matching coding itself.
A code path stands for the code and every code below it. Precedence: NOT, then AND, then
OR; a path with spaces or operators in it is quoted ("..." or '...').
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.analysis.model import CodeNode, Coded, descendants
from app.core.errors import ValidationError

__all__ = ["Code", "And", "Or", "Not", "Hit", "parse", "run", "WITHIN"]

WITHIN = ("overlap", "sentence", "paragraph", "document")


@dataclass(frozen=True)
class Code:
    path: str


@dataclass(frozen=True)
class Not:
    operand: "Node"


@dataclass(frozen=True)
class And:
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Or:
    left: "Node"
    right: "Node"


Node = Code | Not | And | Or


@dataclass(frozen=True)
class Hit:
    """One result: a coding itself (``coding_id`` set) or a stretch where the expression holds."""

    document_id: int
    coder: str
    start: int
    end: int
    coding_id: int | None = None
    code_id: int | None = None


_TOKEN = re.compile(r'\s*(?:(\()|(\))|"([^"]*)"|\'([^\']*)\'|([^\s()"\']+))')


def _tokens(expr: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValidationError(f"cannot read the query at {expr[pos:pos + 20]!r}: close every quote")
        pos = m.end()
        if m.group(1):
            out.append(("(", "("))
        elif m.group(2):
            out.append((")", ")"))
        elif m.group(3) is not None or m.group(4) is not None:
            out.append(("path", m.group(3) if m.group(3) is not None else m.group(4)))
        elif m.group(5).upper() in ("AND", "OR", "NOT"):
            out.append((m.group(5).upper(), m.group(5)))
        else:
            out.append(("word", m.group(5)))
    return out


def parse(expr: str) -> Node:
    """The tree of ``expr``; a clear ValidationError saying where it is wrong otherwise."""
    tokens = _tokens(expr)
    # Unquoted neighbouring words form one path ("Social justice" may be typed without quotes).
    merged: list[tuple[str, str]] = []
    for kind, value in tokens:
        if kind == "word" and merged and merged[-1][0] == "word":
            merged[-1] = ("word", merged[-1][1] + " " + value)
        else:
            merged.append((kind, value))
    tokens = [("path", v) if k == "word" else (k, v) for k, v in merged]
    if not tokens:
        raise ValidationError("the query is empty: name at least one code path")
    position = 0

    def peek() -> str | None:
        return tokens[position][0] if position < len(tokens) else None

    def take(kind: str) -> str:
        nonlocal position
        if peek() != kind:
            found = tokens[position][1] if position < len(tokens) else "the end"
            raise ValidationError(f"the query expected {'a code path' if kind == 'path' else kind} but found {found!r}")
        position += 1
        return tokens[position - 1][1]

    def expression() -> Node:
        node = term()
        while peek() == "OR":
            take("OR")
            node = Or(node, term())
        return node

    def term() -> Node:
        node = factor()
        while peek() == "AND":
            take("AND")
            node = And(node, factor())
        return node

    def factor() -> Node:
        if peek() == "NOT":
            take("NOT")
            return Not(factor())
        if peek() == "(":
            take("(")
            node = expression()
            take(")")
            return node
        return Code(take("path").strip().strip("/"))

    tree = expression()
    if position != len(tokens):
        raise ValidationError(f"the query has something left over at {tokens[position][1]!r}: join parts with AND or OR")
    return tree


def paths(node: Node) -> list[str]:
    if isinstance(node, Code):
        return [node.path]
    if isinstance(node, Not):
        return paths(node.operand)
    return paths(node.left) + paths(node.right)


def _positive(node: Node, negated: bool = False) -> set[str]:
    if isinstance(node, Code):
        return set() if negated else {node.path}
    if isinstance(node, Not):
        return _positive(node.operand, not negated)
    return _positive(node.left, negated) | _positive(node.right, negated)


def _only_or(node: Node) -> bool:
    return isinstance(node, Code) or (isinstance(node, Or) and _only_or(node.left) and _only_or(node.right))


# --- interval sets: sorted, disjoint, half-open ---

Spans = list[tuple[int, int]]


def _union(spans: Iterable[tuple[int, int]]) -> Spans:
    out: Spans = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        elif e > s:
            out.append((s, e))
    return out


def _intersect(a: Spans, b: Spans) -> Spans:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _complement(a: Spans, length: int) -> Spans:
    out, pos = [], 0
    for s, e in a:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < length:
        out.append((pos, length))
    return out


def run(tree: Node, coded: Sequence[Coded], codes: Sequence[CodeNode], lengths: dict[int, int],
        within: str = "overlap", units: dict[int, list[tuple[int, int]]] | None = None) -> list[Hit]:
    """Where ``tree`` holds. ``lengths`` gives each document's length; ``units`` its sentences or
    paragraphs (``within="document"`` needs none)."""
    if within not in WITHIN:
        raise ValidationError(f"--within must be one of {', '.join(WITHIN)}, not {within!r}")
    by_path = {c.path: c.id for c in codes}
    below = descendants(codes)
    members: dict[str, set[int]] = {}
    for path in paths(tree):
        if path not in by_path:
            raise ValidationError(f"the query names {path!r}, which is not a code; list them with 'quotecoder codes PROJECT list'")
        members[path] = below[by_path[path]]
    wanted = set().union(*members.values())
    groups: dict[tuple[int, str], list[Coded]] = {}
    for c in coded:
        if c.code_id in wanted:
            groups.setdefault((c.document_id, c.coder), []).append(c)
    if _only_or(tree):
        return [Hit(c.document_id, c.coder, c.start, c.end, c.coding_id, c.code_id)
                for key in sorted(groups) for c in sorted(groups[key], key=lambda c: (c.start, c.end, c.coding_id))]
    if any(isinstance(n, Not) for n in _walk(tree)):
        # A NOT can hold where a coder coded nothing of the named codes: every coder with any
        # coding in a document is asked there.
        for c in coded:
            groups.setdefault((c.document_id, c.coder), [])
    hits: list[Hit] = []
    for (doc, coder), items in sorted(groups.items()):
        cover = {path: _union((c.start, c.end) for c in items if c.code_id in ids) for path, ids in members.items()}
        length = lengths.get(doc, max((c.end for c in items), default=0))
        if within == "overlap":
            hits += [Hit(doc, coder, s, e) for s, e in _eval_spans(tree, cover, length)]
            continue
        doc_units = [(0, length)] if within == "document" else (units or {}).get(doc, [])
        positive = _positive(tree)
        for us, ue in doc_units:
            present = {path for path, spans in cover.items() if any(s < ue and e > us for s, e in spans)}
            if not _eval_bool(tree, present):
                continue
            inside = [(max(s, us), min(e, ue)) for path in positive for s, e in cover[path] if s < ue and e > us]
            start, end = (min(s for s, _ in inside), max(e for _, e in inside)) if inside else (us, ue)
            hits.append(Hit(doc, coder, start, end))
    return hits


def _walk(node: Node):
    yield node
    if isinstance(node, Not):
        yield from _walk(node.operand)
    elif isinstance(node, (And, Or)):
        yield from _walk(node.left)
        yield from _walk(node.right)


def _eval_spans(node: Node, cover: dict[str, Spans], length: int) -> Spans:
    if isinstance(node, Code):
        return cover[node.path]
    if isinstance(node, Not):
        return _complement(_eval_spans(node.operand, cover, length), length)
    left, right = _eval_spans(node.left, cover, length), _eval_spans(node.right, cover, length)
    return _intersect(left, right) if isinstance(node, And) else _union(left + right)


def _eval_bool(node: Node, present: set[str]) -> bool:
    if isinstance(node, Code):
        return node.path in present
    if isinstance(node, Not):
        return not _eval_bool(node.operand, present)
    if isinstance(node, And):
        return _eval_bool(node.left, present) and _eval_bool(node.right, present)
    return _eval_bool(node.left, present) or _eval_bool(node.right, present)
