"""Codes against a column variable: how often each theme appears per outlet, month, speaker, coder.

``crosstab(coded, codes, labels_of, count)`` counts, for every code (rows, in codebook
order) and every label (columns), either

- ``codings``: the codings of the code and of every code below it (a parent row is the
  indented total of its subtree);
- ``documents``: the distinct documents holding such codings;
- ``characters``: the summed length of those codings.

``labels_of(coded)`` gives the column labels of one coding: usually one (its document's
outlet or year, its coder), several for a coding that overlaps quotes of several
speakers, none to leave it out. Boilerplate is cut away before counting
(:func:`~app.core.analysis.model.clip_excluded`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.core.analysis.model import CodeNode, Coded, descendants, tree_order

__all__ = ["Crosstab", "crosstab", "COUNTS", "NO_VALUE"]

COUNTS = ("codings", "documents", "characters")
NO_VALUE = "(none)"


@dataclass(frozen=True)
class Crosstab:
    rows: list[str]  # code paths, codebook order
    depths: list[int]  # for indenting parents' totals
    cols: list[str]
    counts: list[list[int]]
    count: str

    def to_json(self) -> dict:
        return {"rows": self.rows, "cols": self.cols, "counts": self.counts, "count": self.count}

    def cell(self, row: str, col: str) -> int:
        return self.counts[self.rows.index(row)][self.cols.index(col)]


def crosstab(coded: Iterable[Coded], codes: Sequence[CodeNode], labels_of: Callable[[Coded], Iterable[str]],
             count: str = "codings", cols: Sequence[str] | None = None) -> Crosstab:
    if count not in COUNTS:
        raise ValueError(f"count must be one of {', '.join(COUNTS)}, not {count!r}")
    below = descendants(codes)
    order = tree_order(codes)
    # Per (code, label): the coding ids, document ids and characters of that code's own codings.
    own_ids: dict[tuple[int, str], set[int]] = {}
    own_docs: dict[tuple[int, str], set[int]] = {}
    own_chars: dict[tuple[int, str], int] = {}
    seen_labels: dict[str, None] = {}
    for c in coded:
        for label in dict.fromkeys(labels_of(c)):
            seen_labels.setdefault(label, None)
            key = (c.code_id, label)
            own_ids.setdefault(key, set()).add(c.coding_id)
            own_docs.setdefault(key, set()).add(c.document_id)
            own_chars[key] = own_chars.get(key, 0) + c.length
    columns = list(cols) if cols is not None else sorted(seen_labels, key=_label_key)
    table = []
    for code, _depth in order:
        row = []
        for label in columns:
            keys = [(member, label) for member in below[code.id]]
            if count == "codings":
                row.append(len(set().union(*(own_ids.get(k, set()) for k in keys))))
            elif count == "documents":
                row.append(len(set().union(*(own_docs.get(k, set()) for k in keys))))
            else:
                row.append(sum(own_chars.get(k, 0) for k in keys))
        table.append(row)
    return Crosstab([c.path for c, _ in order], [d for _, d in order], columns, table, count)


def _label_key(label: str) -> tuple[int, str]:
    return (1 if label == NO_VALUE else 0, label.casefold())
