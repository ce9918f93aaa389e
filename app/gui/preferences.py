"""Preferences and help of the main window: snapping, reader font, settings dialog, shortcut list."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFontDialog, QWidget

from app.gui.actions import default_sequence
from app.gui.backups import KEEP_KEY, keep_setting
from app.gui.dialogs.help import ShortcutsDialog, native
from app.gui.dialogs.settings import SettingsDialog
from app.gui.theme import apply_theme, reader_font


class Preferences:
    def __init__(self, window) -> None:
        self.window = window

    def set_snap(self, on: bool) -> None:
        QSettings().setValue("reader/snapWords", on)
        if self.window.view is not None:
            self.window.view.snap_words = on

    def choose_font(self) -> None:
        view = self.window.view
        current = view.reader.font() if view else reader_font()
        ok, font = QFontDialog.getFont(current, self.window, "Reader font")
        if ok:
            QSettings().setValue("reader/font", font.toString())
            if view is not None:
                view.set_reader_font(font)

    def settings_dialog(self) -> None:
        actions = self.window.actions
        settings = QSettings()
        dialog = SettingsDialog(actions, actions["snap_words"].isChecked(),
                                str(settings.value("theme", "system")), self.window, keep_backups=keep_setting())
        if dialog.exec() != QDialog.Accepted:
            return
        settings.setValue(KEEP_KEY, dialog.keep_backups.value())
        actions["snap_words"].setChecked(dialog.snap.isChecked())
        theme = dialog.theme.currentData()
        settings.setValue("theme", theme)
        apply_theme(QApplication.instance(), theme)
        for action_id, sequence in dialog.shortcuts().items():
            same = sequence == default_sequence(actions.specs[action_id]).toString(QKeySequence.PortableText)
            actions.set_override(action_id, None if same else sequence)
        actions.apply_shortcuts()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = [(action.text().replace("&", "").rstrip("…"), native(action.shortcut()))
                for _, action in self.window.actions.items() if not action.shortcut().isEmpty()]
        rows += [(action.text(), native(action.shortcut())) for action in self.window.code_actions]
        # Actions that other parts (Analysis menu, exchange) add to the window themselves.
        listed = {id(a) for _, a in self.window.actions.items()} | {id(a) for a in self.window.code_actions}
        rows += [(action.text().replace("&", "").rstrip("…"), native(action.shortcut()))
                 for action in QWidget.actions(self.window)
                 if id(action) not in listed and not action.shortcut().isEmpty()]
        rows.append(("Apply a code to the selection", "click the code"))
        return rows

    def shortcuts_help(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self.window).exec()
