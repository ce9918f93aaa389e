"""Light and dark themes that follow the system, on the Fusion style, with one small style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {
    "window": "#f4f5f7", "base": "#ffffff", "alt": "#f7f8fa", "text": "#1f2328", "muted": "#6a737d",
    "button": "#eef0f3", "highlight": "#3d6fb6", "highlight_text": "#ffffff", "border": "#d7dbe0",
    "tooltip": "#ffffff", "link": "#2f5d8a",
}
DARK = {
    "window": "#1f2125", "base": "#17181b", "alt": "#1c1e22", "text": "#e6e6e6", "muted": "#9aa0a6",
    "button": "#2a2d32", "highlight": "#4f7fc4", "highlight_text": "#ffffff", "border": "#33363c",
    "tooltip": "#2a2d32", "link": "#8ab4f8",
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return QGuiApplication.palette().color(QPalette.Window).lightness() < 128


def apply_theme(app: QApplication, mode: str = "system") -> str:
    """Apply "light", "dark" or "system"; returns the theme used."""
    dark = system_is_dark() if mode == "system" else mode == "dark"
    colors = DARK if dark else LIGHT
    app.setStyle("Fusion")
    app.setPalette(_palette(colors))
    app.setStyleSheet(_sheet(colors))
    from app.gui.icons import _cached

    _cached.cache_clear()
    return "dark" if dark else "light"


def follow_system(app: QApplication, mode_getter) -> None:
    """Re-apply the theme when the system switches between light and dark."""
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda *_: mode_getter() == "system" and apply_theme(app, "system"))


def reader_font() -> QFont:
    font = QFont()
    font.setFamilies(["Charter", "Georgia", "Noto Serif", "DejaVu Serif", "Times New Roman", "serif"])
    font.setPointSizeF(12.5)
    return font


def _palette(c: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in ((role.Window, "window"), (role.Base, "base"), (role.AlternateBase, "alt"),
                   (role.Text, "text"), (role.WindowText, "text"), (role.ButtonText, "text"),
                   (role.Button, "button"), (role.Highlight, "highlight"), (role.HighlightedText, "highlight_text"),
                   (role.ToolTipBase, "tooltip"), (role.ToolTipText, "text"), (role.Link, "link"),
                   (role.PlaceholderText, "muted")):
        p.setColor(r, QColor(c[key]))
    p.setColor(QPalette.Disabled, role.Text, QColor(c["muted"]))
    p.setColor(QPalette.Disabled, role.WindowText, QColor(c["muted"]))
    p.setColor(QPalette.Disabled, role.ButtonText, QColor(c["muted"]))
    p.setColor(role.Mid, QColor(c["border"]))
    return p


def _sheet(c: dict[str, str]) -> str:
    return f"""
    QMainWindow::separator {{ background: {c['border']}; width: 1px; height: 1px; }}
    QSplitter::handle {{ background: {c['border']}; }}
    QSplitter::handle:horizontal {{ width: 1px; }}
    QSplitter::handle:vertical {{ height: 1px; }}
    QToolBar {{ border: none; border-bottom: 1px solid {c['border']}; spacing: 2px; padding: 3px; }}
    QStatusBar {{ border-top: 1px solid {c['border']}; }}
    QHeaderView::section {{ background: {c['window']}; border: none; border-bottom: 1px solid {c['border']};
                            padding: 4px 6px; color: {c['muted']}; font-weight: 600; }}
    QTableView, QTreeView, QListView {{ border: 1px solid {c['border']}; border-radius: 4px;
                                         selection-background-color: {c['highlight']}; }}
    QLineEdit, QComboBox, QSpinBox {{ border: 1px solid {c['border']}; border-radius: 4px; padding: 3px 6px;
                                      background: {c['base']}; }}
    QLineEdit:focus {{ border-color: {c['highlight']}; }}
    #readerHeading {{ background: {c['base']}; padding: 14px 24px 8px 24px;
                      border-bottom: 1px solid {c['border']}; }}
    #readerColumn {{ background: {c['base']}; }}
    #reader {{ background: {c['base']}; }}
    #findBar {{ background: {c['window']}; border-top: 1px solid {c['border']}; }}
    #segmentsTitle, #progressLabel {{ color: {c['muted']}; }}
    QToolTip {{ border: 1px solid {c['border']}; padding: 4px; }}
    """
