"""One write-only worksheet with a styled, frozen header, widths, wrapping and autofilter.

Every value goes through :mod:`app.core.exchange.safety`: text is cleaned and
cut, text that looks like a formula is written as a string cell with Excel's
quote prefix (visible text unchanged), dates stay dates, numbers stay numbers,
and time-zone-aware datetimes become naive UTC (Excel has no time zones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from app.core.exchange.safety import FORMULA_STARTS, SafetyReport, safe_text, sheet_name

__all__ = ["Column", "SheetWriter", "HEADER_FILL", "text_color_for"]

HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_HEADER_FONT = Font(bold=True)
_HEADER_BORDER = Border(bottom=Side(style="thin", color="7F7F7F"))
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Cell styles registered once per workbook as named styles; a cell takes one by name
# (openpyxl's public API), which costs far less than building a style per cell.
_STYLES: dict[str, dict[str, object]] = {
    "datetime": {"number_format": DATETIME_FORMAT},
    "wrap": {"alignment": _WRAP},
}


def _register_styles(wb: Workbook) -> dict[str, str]:
    """Key -> name of the named style, adding those the workbook lacks."""
    names = {key: f"Quotecoder {key}" for key in _STYLES}
    existing = set(wb.named_styles)
    for key, attrs in _STYLES.items():
        if names[key] not in existing:
            wb.add_named_style(NamedStyle(name=names[key], **attrs))
    return names


@dataclass(frozen=True)
class Column:
    """A column: header text, width in characters, whether long text wraps."""

    header: str
    width: float = 14
    wrap: bool = False


def text_color_for(fill_hex: str) -> str:
    """Black or white, whichever reads better on ``fill_hex`` ("rrggbb")."""
    r, g, b = (int(fill_hex[i : i + 2], 16) for i in (0, 2, 4))
    return "000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "FFFFFF"


class SheetWriter:
    """Appends sanitised rows to a new sheet of a write-only workbook.

    Widths and the frozen header must be set before the first row in write-only
    mode, so they are set here in the constructor; :meth:`close` sets the
    autofilter over what was written.
    """

    def __init__(
        self,
        wb: Workbook,
        title: str,
        columns: Sequence[Column],
        report: SafetyReport,
        taken: set[str],
        freeze: str = "A2",
    ) -> None:
        self.report = report
        self.title = sheet_name(title, taken, report)
        self.ws = wb.create_sheet(self.title)
        self._wrap = [c.wrap for c in columns]
        self.width = len(columns)
        self.rows = 0
        self.ws.freeze_panes = freeze
        for i, col in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = col.width
        header = []
        for col in columns:
            cell = WriteOnlyCell(self.ws, value=safe_text(col.header, report, f"{self.title}!header"))
            cell.data_type = "s"
            cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, HEADER_FILL, _HEADER_BORDER, _HEADER_ALIGN
            header.append(cell)
        self.ws.append(header)
        self.rows = 1
        self._style_names = _register_styles(wb)

    def _styled(self, value: object, key: str | None) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws, value=value)
        if key is not None:
            c.style = self._style_names[key]
        return c

    def _where(self, col: int) -> str:
        return f"{self.title}!{get_column_letter(col + 1)}{self.rows + 1}"

    def cell(self, value: object, col: int) -> object:
        """Convert one value into what ``append`` takes, applying the safety rules."""
        if isinstance(value, str):
            text = safe_text(value, self.report, lambda: self._where(col))
        elif value is None or isinstance(value, (bool, int, float)):
            return value
        elif isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(timezone.utc).replace(tzinfo=None)
            return self._styled(value, "datetime")
        elif isinstance(value, date):
            return value  # openpyxl gives a plain date its "yyyy-mm-dd" format itself: no styled cell
        else:
            text = safe_text(str(value), self.report, lambda: self._where(col))
        formula = text.startswith(FORMULA_STARTS)
        wrap = col < self.width and self._wrap[col] and len(text) > 40
        if not formula and not wrap:
            return text
        c = self._styled(text, "wrap" if wrap else None)
        c.data_type = "s"  # never "f", whatever the text starts with
        if formula:
            c.quotePrefix = True  # Excel shows the text as written and never evaluates it
            self.report.formula_like_cells += 1
        return c

    def append(self, values: Sequence[object]) -> None:
        self.ws.append([self.cell(v, i) for i, v in enumerate(values)])
        self.rows += 1

    def append_cells(self, cells: Sequence[object]) -> None:
        """Append values already converted (e.g. styled cells made by the caller)."""
        self.ws.append(list(cells))
        self.rows += 1

    def close(self) -> None:
        """Turn the autofilter on over the header and every written row."""
        if self.width:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.width)}{self.rows}"
