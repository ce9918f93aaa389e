"""The plain records the analysis functions read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Coded:
    """One coding, reduced to what counting and querying need."""

    coding_id: int
    code_id: int
    document_id: int
    coder: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class CodeNode:
    id: int
    path: str
    parent_id: int | None


def descendants(codes: Sequence[CodeNode]) -> dict[int, set[int]]:
    """Each code's id with the ids of every code below it (a parent counts its children)."""
    children: dict[int | None, list[int]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code.id)
    out: dict[int, set[int]] = {}

    def walk(code_id: int) -> set[int]:
        if code_id not in out:
            found = {code_id}
            for child in children.get(code_id, []):
                found |= walk(child)
            out[code_id] = found
        return out[code_id]

    for code in codes:
        walk(code.id)
    return out


def tree_order(codes: Sequence[CodeNode]) -> list[tuple[CodeNode, int]]:
    """Codes in tree order, siblings in the order given (the codebook's), each with its depth."""
    children: dict[int | None, list[CodeNode]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    known = {code.id for code in codes}
    out: list[tuple[CodeNode, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            out.append((code, depth))
            walk(code.id, depth + 1)

    walk(None, 0)
    for orphan in [c for c in codes if c.parent_id is not None and c.parent_id not in known]:
        out.append((orphan, 0))
        walk(orphan.id, 1)
    return out


def clip_excluded(coded: Iterable[Coded], excluded: dict[int, list[tuple[int, int]]]) -> list[Coded]:
    """Codings with boilerplate left out: the parts inside excluded spans are cut away.

    A coding wholly inside boilerplate disappears; one that straddles a boundary becomes its
    pieces outside, each with the coding's id (counting codings counts distinct ids).
    """
    out = []
    for c in coded:
        spans = excluded.get(c.document_id)
        if not spans:
            out.append(c)
            continue
        pieces = [(c.start, c.end)]
        for s, e in spans:
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[1] > p[0]] \
                if s < c.end and e > c.start else pieces
        out.extend(Coded(c.coding_id, c.code_id, c.document_id, c.coder, a, b) for a, b in pieces)
    return out
