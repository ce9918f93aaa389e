"""Team › Coders…: a lead adds coders with their own logins, sets roles and switches the blind phase.

Everything is done by ``project.team``; the database refuses what the connected
login may not do, and the refusal is shown in the dialog as one sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import QuotecoderError
from app.core.records import TeamMember
from app.project import Project

ROLES = ("coder", "adjudicator", "lead")
COLUMNS = ("Coder", "Role", "Login", "Connects with")


class TeamModel(QAbstractTableModel):
    """The team's coders (TeamMember records) as a table."""

    def __init__(self, members: list[TeamMember], parent=None) -> None:
        super().__init__(parent)
        self.members = members

    def reset(self, members: list[TeamMember]) -> None:
        self.beginResetModel()
        self.members = members
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or role != Qt.DisplayRole:
            return None
        m = self.members[index.row()]
        return (m.coder, m.role or "—", m.login or "—", m.url or "")[index.column()]

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None


class TeamCodersDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Team Coders")
        self.setObjectName("teamCodersDialog")
        self.model = TeamModel(project.team.list(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.name = QLineEdit(placeholderText="Name of the new coder")
        self.new_role = QComboBox()
        self.new_role.addItems(ROLES)
        self.password = QLineEdit(placeholderText="Password (empty: generate one)")
        self.password.setEchoMode(QLineEdit.Password)
        self.add_button = QPushButton("&Add Coder")
        self.add_button.clicked.connect(self.add_coder)
        add_row = QHBoxLayout()
        for widget in (self.name, self.new_role, self.password, self.add_button):
            add_row.addWidget(widget)

        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.role_button = QPushButton("Set &Role of Selected")
        self.role_button.clicked.connect(self.set_role)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role)
        role_row.addWidget(self.role_button)
        role_row.addStretch(1)

        self.blind = QCheckBox("&Blind phase: coders see only their own codings")
        self.blind.setChecked(project.team.blind)
        self.blind.toggled.connect(self.set_blind)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        me = project.team.me
        who = f"You are {me.coder} ({me.role})." if me else "You are connected as the project's administrator."
        layout.addWidget(QLabel(f"{who} Only leads may add coders, change roles or switch the blind phase."))
        layout.addWidget(self.table)
        layout.addLayout(add_row)
        layout.addLayout(role_row)
        layout.addWidget(self.blind)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _refresh(self) -> None:
        self.model.reset(self.project.team.list())

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)

    def selected(self) -> TeamMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.members[rows[0].row()] if rows else None

    def add_coder(self) -> None:
        try:
            member = self.project.team.add(self.name.text(), self.new_role.currentText(),
                                           password=self.password.text() or None)
        except QuotecoderError as exc:
            self._say(str(exc), error=True)
            return
        self.name.clear()
        self.password.clear()
        self._refresh()
        note = f" Password (shown once): {member.password}" if member.password else ""
        self._say(f"{member.coder} connects as {member.url}.{note}")

    def set_role(self) -> None:
        member = self.selected()
        if member is None:
            self._say("Select a coder first.", error=True)
            return
        try:
            changed = self.project.team.set_role(member.coder, self.role.currentText())
        except QuotecoderError as exc:
            self._say(str(exc), error=True)
            return
        self._refresh()
        self._say(f"{changed.coder} is now {changed.role}.")

    def set_blind(self, on: bool) -> None:
        try:
            self.project.team.set_blind(on)
        except QuotecoderError as exc:
            self.blind.blockSignals(True)
            self.blind.setChecked(not on)
            self.blind.blockSignals(False)
            self._say(str(exc), error=True)
            return
        self._say("Blind phase on: coders see only their own codings." if on else "Blind phase off.")
