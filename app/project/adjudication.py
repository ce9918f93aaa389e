"""Adjudication: resolving a disagreement by writing the consensus layer.

The consensus layer is just another coder, marked ``consensus=True`` (created
on demand as "Consensus"); it exports like any coder. Resolving one
disagreement region of one code in one document means: the consensus codings
of that code that overlap the affected range are replaced by the accepted
spans —

* ``Choice.A`` / ``Choice.B``: the (merged) spans of coder A / B of that code
  that overlap the region, whole, as the coder drew them. When that coder did
  not code the region, nothing is accepted there: "not coded" is the verdict.
* ``Choice.BOTH``: the union of both coders' overlapping spans.
* an edited span: :meth:`Adjudicator.adjudicate` with any spans the user drew.

Every change goes through ``project.codings.add`` / ``delete`` (validated,
audit-logged). The returned :class:`Adjudication` holds the added and removed
codings in full, so :meth:`Adjudicator.revert` (undo) and
:meth:`Adjudicator.reapply` (redo) restore exactly those rows, ids included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.records import CodingInfo
from app.project.errors import ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project

__all__ = ["Choice", "Adjudication", "Adjudicator", "merged"]


class Choice(str, Enum):
    A = "a"
    B = "b"
    BOTH = "both"


@dataclass(frozen=True)
class Adjudication:
    """What one adjudication changed: consensus codings added and removed (full records, for undo)."""

    document_id: int
    code_id: int
    consensus_id: int
    added: tuple[CodingInfo, ...]
    removed: tuple[CodingInfo, ...]


def merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged, sorted."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class Adjudicator:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    def consensus_coder(self, name: str = "Consensus") -> int:
        """The id of a consensus coder: the one called ``name`` if it is one, else the first, else a new one."""
        consensus = [c for c in self._p.coders.list() if c.consensus]
        for c in consensus:
            if c.name == name:
                return c.id
        if consensus:
            return consensus[0].id
        taken = {c.name for c in self._p.coders.list()}
        final, n = name, 2
        while final in taken:
            final, n = f"{name} {n}", n + 1
        return self._p.coders.add(final, consensus=True).id  # type: ignore[return-value]

    def _spans(self, document_id: int, code_id: int, coder_id: int) -> list[tuple[int, int]]:
        with self._db.reader() as s:
            rows = s.execute(select(m.Coding.start, m.Coding.end).where(
                m.Coding.document_id == document_id, m.Coding.code_id == code_id, m.Coding.coder_id == coder_id))
            return merged([(a, b) for a, b in rows])

    def proposal(self, document_id: int, code_id: int, choice: Choice | str, region: tuple[int, int],
                 coder_a: int, coder_b: int) -> list[tuple[int, int]]:
        """The spans that accepting ``choice`` for ``region`` would write: spans overlapping or touching it."""
        choice = Choice(choice)
        start, end = region
        picked: list[tuple[int, int]] = []
        for coder, wanted in ((coder_a, Choice.A), (coder_b, Choice.B)):
            if choice in (wanted, Choice.BOTH):
                picked += [(a, b) for a, b in self._spans(document_id, code_id, coder) if a <= end and b >= start]
        return merged(picked)

    def adjudicate(self, document_id: int, code_id: int, region: tuple[int, int],
                   spans: Sequence[tuple[int, int]], consensus_id: int | None = None) -> Adjudication:
        """Replace the consensus codings of ``code_id`` overlapping ``region`` (widened to ``spans``)."""
        if region[0] >= region[1]:
            raise ValidationError("the region to adjudicate is empty")
        cid = consensus_id if consensus_id is not None else self.consensus_coder()
        if not self._p.coders.get(cid).consensus:
            raise ValidationError("adjudication writes only into a consensus coder")
        spans = merged(spans)
        lo = min([region[0], *(a for a, _ in spans)])
        hi = max([region[1], *(b for _, b in spans)])
        existing = [c for c in self._p.codings.for_document(document_id, [cid])
                    if c.code_id == code_id and c.start < hi and c.end > lo]
        keep = {(c.start, c.end) for c in existing} & set(spans)
        removed = tuple(self._p.codings.delete(c.id) for c in existing if (c.start, c.end) not in keep)
        added = tuple(
            self._p.codings.get(self._p.codings.add(document_id, code_id, cid, a, b).id)  # type: ignore[arg-type]
            for a, b in spans if (a, b) not in keep
        )
        return Adjudication(document_id, code_id, cid, added, removed)

    def revert(self, adj: Adjudication) -> None:
        """Undo: remove what was added, bring back what was removed."""
        for c in adj.added:
            self._p.codings.delete(c.id)
        for c in adj.removed:
            self._p.codings.restore(c)

    def reapply(self, adj: Adjudication) -> None:
        """Redo after :meth:`revert`, with the same coding ids."""
        for c in adj.removed:
            self._p.codings.delete(c.id)
        for c in adj.added:
            self._p.codings.restore(c)
