"""Cell sanitising shared by every writer: web text is untrusted.

* A text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab/CR, which some
  spreadsheet programs skip before looking for a formula) must never become a
  formula. The .xlsx writer stores such a cell as a string with Excel's
  quote-prefix flag, so the visible text is unchanged; the CSV writer, which has
  no cell types, prefixes an apostrophe (the OWASP advice) unless told not to.
* Characters that XML 1.0 forbids (C0 controls except tab/LF/CR, lone
  surrogates, U+FFFE/U+FFFF) are removed and counted.
* A cell holds at most 32,767 characters (Excel counts UTF-16 units); longer
  text is cut and ends with a visible marker, and the cut is reported.
* Sheet names are at most 31 characters, never contain ``[]:*?/\\``, never
  start or end with an apostrophe, and are unique ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = [
    "SafetyReport",
    "MAX_CELL_CHARS",
    "FORMULA_STARTS",
    "is_formula_like",
    "remove_forbidden",
    "safe_text",
    "csv_text",
    "sheet_name",
]

MAX_CELL_CHARS = 32_767
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_MARKER = " [… cut: {n:,} characters in the original]"


@dataclass
class SafetyReport:
    """What sanitising changed; the CLI prints :meth:`lines`."""

    removed_characters: int = 0
    cells_with_removed_characters: int = 0
    truncated_cells: list[str] = field(default_factory=list)  # "Sheet!column row" or similar
    formula_like_cells: int = 0
    renamed_sheets: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Human-readable summary, empty when nothing had to change."""
        out: list[str] = []
        if self.removed_characters:
            out.append(
                f"Removed {self.removed_characters:,} control character(s) that XML forbids "
                f"from {self.cells_with_removed_characters:,} cell(s)."
            )
        if self.truncated_cells:
            shown = ", ".join(self.truncated_cells[:5])
            more = f" and {len(self.truncated_cells) - 5} more" if len(self.truncated_cells) > 5 else ""
            out.append(
                f"Cut {len(self.truncated_cells):,} cell(s) to the {MAX_CELL_CHARS:,}-character limit: {shown}{more}."
            )
        if self.formula_like_cells:
            out.append(f"Wrote {self.formula_like_cells:,} cell(s) starting with = + - or @ as text, not formulas.")
        for old, new in self.renamed_sheets.items():
            out.append(f"Sheet name {old!r} became {new!r}.")
        return out


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def remove_forbidden(text: str, report: SafetyReport | None = None) -> str:
    """Drop characters XML 1.0 forbids, counting them in ``report``."""
    if _FORBIDDEN.search(text) is None:  # nearly always: no new string
        return text
    cleaned, n = _FORBIDDEN.subn("", text)
    if n and report is not None:
        report.removed_characters += n
        report.cells_with_removed_characters += 1
    return cleaned


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def safe_text(text: str, report: SafetyReport, where: str | Callable[[], str], limit: int = MAX_CELL_CHARS) -> str:
    """Return ``text`` without forbidden characters and cut to ``limit`` UTF-16 units with a marker.

    ``where`` names the cell in the report; a callable is asked only when the text is cut,
    so writers need not format a cell address for every value.
    """
    text = remove_forbidden(text, report)
    if len(text) <= limit // 2 or _utf16_len(text) <= limit:
        return text
    marker = _MARKER.format(n=len(text))
    budget = limit - len(marker)
    # Cut at ``budget`` UTF-16 units; a surrogate pair split by the cut is dropped whole.
    cut = text.encode("utf-16-le", "surrogatepass")[: 2 * budget].decode("utf-16-le", "ignore")
    report.truncated_cells.append(where() if callable(where) else where)
    return cut + marker


def csv_text(text: str, report: SafetyReport, where: str, guard_formulas: bool = True) -> str:
    """Sanitise a CSV field: forbidden characters removed, length cut, formulas defused with ``'``."""
    text = safe_text(text, report, where)
    if text and is_formula_like(text):
        report.formula_like_cells += 1
        if guard_formulas:
            return "'" + text
    return text


def sheet_name(name: str, taken: set[str], report: SafetyReport | None = None) -> str:
    """A valid, unique sheet name for ``name``; adds the result (lower-cased) to ``taken``."""
    clean = _SHEET_BAD.sub("_", remove_forbidden(name)).strip().strip("'").strip() or "Sheet"
    if clean.lower() == "history":  # reserved by Excel
        clean = "History_"
    base = clean[:31]
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    if candidate != name and report is not None:
        report.renamed_sheets[name] = candidate
    return candidate
