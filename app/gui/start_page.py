"""The start page shown when no project is open, and File › Open Recent: the projects opened last."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QMenu, QPushButton, QVBoxLayout, QWidget

KEY = "recent/projects"
MAX_RECENT = 8


def recent_projects() -> list[str]:
    value = QSettings().value(KEY) or []
    items = [value] if isinstance(value, str) else list(value)
    return [str(v) for v in items if v]


def remember_project(target: str) -> None:
    items = [target] + [t for t in recent_projects() if t != target]
    QSettings().setValue(KEY, items[:MAX_RECENT])


def forget_project(target: str) -> None:
    QSettings().setValue(KEY, [t for t in recent_projects() if t != target])


def _label(target: str) -> str:
    if "://" in target:
        return target
    path = Path(target)
    return f"{path.name} — {path.parent}"


class StartPage(QWidget):
    openRequested = Signal(str)
    openDialogRequested = Signal()
    newRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.targets = recent_projects()
        title = QLabel("<h2>Quotecoder</h2><p>Open a project (Ctrl+O) or create a new one (Ctrl+N).</p>")
        title.setAlignment(Qt.AlignCenter)
        self.model = QStringListModel([_label(t) for t in self.targets], self)
        self.list = QListView()
        self.list.setObjectName("recentProjects")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.NoEditTriggers)
        self.list.activated.connect(lambda index: self.openRequested.emit(self.targets[index.row()]))
        self.list.setVisible(bool(self.targets))
        recent = QLabel("<b>Recent projects</b> — double-click or press Enter to open" if self.targets
                        else "No recent projects yet.")
        open_button = QPushButton("Open Project…")
        new_button = QPushButton("New Project…")
        open_button.clicked.connect(self.openDialogRequested)
        new_button.clicked.connect(self.newRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(recent)
        column.addWidget(self.list)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        if self.targets:
            self.list.setCurrentIndex(self.model.index(0))


def fill_recent_menu(menu: QMenu, open_target) -> None:
    """File › Open Recent: rebuilt each time it is about to show."""
    menu.clear()
    targets = recent_projects()
    for n, target in enumerate(targets, start=1):
        menu.addAction(f"&{n} {_label(target)}", lambda t=target: open_target(t))
    if not targets:
        menu.addAction("No recent projects").setEnabled(False)
