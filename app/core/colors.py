"""Colours for codes and coders: validation and a palette that tells them apart."""

from __future__ import annotations

import re

from app.core.errors import ValidationError

__all__ = ["PALETTE", "ColorError", "normalize_color", "next_color"]

# Paul Tol's "muted" and "bright" schemes: distinguishable, including for colour-blind readers.
PALETTE = [
    "#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933",
    "#aa4499", "#4477aa", "#66ccee", "#228833", "#ccbb44", "#ee6677", "#aa3377", "#bbbbbb",
]

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


class ColorError(ValidationError):
    pass


def normalize_color(color: str) -> str:
    """'#ABC', 'abc', '#AABBCC' -> '#aabbcc'; anything else is refused with a clear message."""
    match = _HEX.match((color or "").strip())
    if not match:
        raise ColorError(f"'{color}' is not a colour; write it as #RRGGBB, for example #cc6677")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def next_color(used: list[str]) -> str:
    """The first palette colour not in ``used`` (cycling when all are taken)."""
    taken = {c.lower() for c in used}
    for color in PALETTE:
        if color not in taken:
            return color
    return PALETTE[len(used) % len(PALETTE)]
