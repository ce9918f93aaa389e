"""Qt item models of the Agreement view: thin adapters over plain lists and the core report.

* :class:`CheckListModel` — a checkable list (coders, codes, documents to compare).
* :class:`CodeStatsModel` — one row per code with every statistic, coloured
  against Krippendorff's thresholds (alpha-like values >= .800 green, >= .667
  amber, below red), "n/a" for undefined.
* :class:`DisagreementModel` — the disagreement regions of one code across the
  chosen documents, in document and text order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.core.agreement.report import AgreementReport, CodeAgreement

Index = QModelIndex | QPersistentModelIndex

GOOD, TENTATIVE, POOR = QColor("#cfe8cf"), QColor("#fbe7b5"), QColor("#f4c7c3")
REGION_ROLE = Qt.UserRole + 1


def threshold_color(value: float | None) -> QColor | None:
    """Krippendorff (2004): >= .800 reliable, >= .667 tentative, below that not acceptable."""
    if value is None:
        return None
    return GOOD if value >= 0.800 else TENTATIVE if value >= 0.667 else POOR


def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


class CheckListModel(QAbstractListModel):
    """Items ``(key, label)`` that the user ticks; ``checked()`` returns the ticked keys in order."""

    def __init__(self, items: Sequence[tuple[object, str]] = (), checked: Sequence[object] = (), parent=None) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._checked = set(checked)

    def set_items(self, items: Sequence[tuple[object, str]], checked: Sequence[object]) -> None:
        self.beginResetModel()
        self._items, self._checked = list(items), set(checked)
        self.endResetModel()

    def checked(self) -> list:
        return [key for key, _ in self._items if key in self._checked]

    def set_all(self, on: bool) -> None:
        self._checked = {key for key, _ in self._items} if on else set()
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1), [Qt.CheckStateRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        key, label = self._items[index.row()]
        if role == Qt.DisplayRole:
            return label
        if role == Qt.CheckStateRole:
            return Qt.Checked if key in self._checked else Qt.Unchecked
        if role == Qt.UserRole:
            return key
        return None

    def setData(self, index: Index, value, role: int = Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or not index.isValid():
            return False
        key = self._items[index.row()][0]
        on = value == Qt.Checked or value == Qt.Checked.value
        (self._checked.add if on else self._checked.discard)(key)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable


@dataclass(frozen=True)
class _Col:
    header: str
    tip: str
    alpha_like: bool = False


class CodeStatsModel(QAbstractTableModel):
    """The report as a table: one row per code, then an "Overall" row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.report: AgreementReport | None = None
        self._cols: list[_Col] = []

    def set_report(self, report: AgreementReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._cols = self._columns(report)
        self.endResetModel()

    @staticmethod
    def _columns(report: AgreementReport | None) -> list[_Col]:
        if report is None:
            return []
        two = len(report.coders) == 2
        cols = [_Col("Code", "The code (each compared on its own codings)"),
                _Col("Units", f"Units ({report.unit}s) in the chosen documents, excluded text left out")]
        cols += [_Col(f"Coded: {name}", f"Units {name} coded") for name in report.coders]
        cols += [
            _Col("% agree", "Percent agreement (mean over coder pairs)"),
            _Col("Cohen κ" if two else "Mean Cohen κ", "Cohen (1960); with more coders the mean of the pairs", True),
            _Col("Fleiss κ", "Fleiss (1971)", True),
            _Col("Kripp. α", "Krippendorff's alpha, nominal (2011)", True),
            _Col("α 95% CI", "Bootstrap interval resampling documents"),
            _Col("Gwet AC1", "Gwet (2008)", True),
            _Col("u-α", "Krippendorff's unitizing alpha on the character continuum", True),
        ]
        return cols

    def code_at(self, row: int) -> CodeAgreement | None:
        if self.report is None or not 0 <= row < len(self.report.codes):
            return None
        return self.report.codes[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.codes) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cols)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(self._cols):
            return None
        if role == Qt.DisplayRole:
            return self._cols[section].header
        if role == Qt.ToolTipRole:
            return self._cols[section].tip
        return None

    def _values(self, row: int) -> list[object]:
        report = self.report
        assert report is not None
        n = len(report.coders)
        code = self.code_at(row)
        if code is None:  # the overall row
            o = report.overall
            return ["Overall (pooled)", None, *([None] * n), None,
                    o.cohen_kappa_pooled if n == 2 else None, None, o.krippendorff_alpha_pooled, None, None,
                    o.alpha_u]
        ci = code.krippendorff_alpha_ci95
        return [str(code.code), code.units, *(code.coded_units[c] for c in report.coders), code.percent_agreement,
                code.cohen_kappa if n == 2 else code.mean_pairwise_cohen_kappa, code.fleiss_kappa,
                code.krippendorff_alpha, ci, code.gwet_ac1, code.alpha_u]

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or self.report is None or not 0 <= index.row() < self.rowCount():
            return None
        col = index.column()
        if not 0 <= col < len(self._cols):
            return None
        value = self._values(index.row())[col]
        is_overall = index.row() == len(self.report.codes)
        if role == Qt.DisplayRole:
            if col == 0 or isinstance(value, int) and not isinstance(value, bool):
                return str(value) if value is not None else ""
            if col == 1 or self._cols[col].header.startswith("Coded"):
                return "" if value is None else str(value)
            if isinstance(value, tuple):
                return f"{value[0]:.3f} – {value[1]:.3f}"
            if is_overall and value is None:
                return ""
            return fmt(value)
        if role == Qt.BackgroundRole and self._cols[col].alpha_like and isinstance(value, float):
            return threshold_color(value)
        if role == Qt.ForegroundRole and self._cols[col].alpha_like and isinstance(value, float):
            return QColor("#1f2328")
        if role == Qt.TextAlignmentRole and col > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and col > 0 and value is None and not is_overall:
            return "Undefined for these data (for example 0/0 when nobody used the code)"
        if role == Qt.UserRole:
            return value
        return None


@dataclass(frozen=True)
class RegionRow:
    document: int
    title: str
    start: int
    end: int
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    excerpt: str


class DisagreementModel(QAbstractTableModel):
    HEADERS = ("Document", "Span", "Coded by", "Not coded by", "Text")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[RegionRow] = []

    def set_rows(self, rows: Sequence[RegionRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return (r.title, f"{r.start}–{r.end}", ", ".join(r.coded_by), ", ".join(r.not_coded_by),
                    r.excerpt)[index.column()] if 0 <= index.column() < 5 else None
        if role == REGION_ROLE:
            return r
        return None
