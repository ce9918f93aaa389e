"""Settings: snapping, theme, and the keyboard shortcut of every action (stored in QSettings)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QKeySequenceEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget)


class SettingsDialog(QDialog):
    def __init__(self, actions, snap: bool, theme: str, parent=None, keep_backups: int = 7) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.resize(520, 600)
        self.snap = QCheckBox("Widen every new coding to whole words")
        self.snap.setChecked(snap)
        self.theme = QComboBox()
        for label, value in (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark")):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        general = QGroupBox("General")
        form = QFormLayout(general)
        form.addRow(self.snap)
        form.addRow("Theme", self.theme)
        self.keep_backups = QSpinBox()
        self.keep_backups.setObjectName("keepBackups")
        self.keep_backups.setRange(0, 365)
        self.keep_backups.setValue(keep_backups)
        self.keep_backups.setSpecialValueText("off")
        self.keep_backups.setToolTip("A project file is backed up the first time it is opened each day; "
                                     "this many daily backups are kept (0 turns them off)")
        form.addRow("Daily backups kept", self.keep_backups)

        self.editors: dict[str, QKeySequenceEdit] = {}
        keys = QWidget()
        keys_form = QFormLayout(keys)
        for action_id, action in actions.items():
            edit = QKeySequenceEdit(action.shortcut())
            edit.setClearButtonEnabled(True)
            self.editors[action_id] = edit
            keys_form.addRow(action.text().replace("&", "").rstrip("…"), edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(keys)
        shortcuts = QGroupBox("Keyboard shortcuts")
        QVBoxLayout(shortcuts).addWidget(scroll)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(shortcuts, 1)
        layout.addWidget(buttons)

    def shortcuts(self) -> dict[str, str]:
        return {k: e.keySequence().toString(QKeySequence.PortableText) for k, e in self.editors.items()}
