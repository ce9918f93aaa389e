"""Naming document-attribute columns beside the fixed columns of a sheet or CSV.

A document attribute may be called like a fixed column ("Start", "Coder", "Date"
from a corpus table): written as is, the file gets two columns of that name and
a reader (pandas, R, Excel's filters) silently takes one for the other. Such an
attribute is written as "Attribute: Start", the prefix the ``.qdpx`` writer
uses for the same clash, and so is an attribute already starting with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.core.exchange.refi_common import ATTRIBUTE_PREFIX

__all__ = ["attribute_headers"]


def attribute_headers(attributes: Sequence[str], fixed: Iterable[str]) -> list[str]:
    """The column header for each attribute, prefixed when it would clash with a fixed header (any case)."""
    taken = {h.strip().casefold() for h in fixed}
    out = []
    for name in attributes:
        clash = name.strip().casefold() in taken or name.startswith(ATTRIBUTE_PREFIX)
        header = ATTRIBUTE_PREFIX + name if clash else name
        taken.add(header.strip().casefold())
        out.append(header)
    return out
