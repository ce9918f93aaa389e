"""File › Open Team Project…: host, port, database, user and password of a PostgreSQL team project.

Everything but the password is remembered (QSettings ``team/*``), and each
project opened is added to the recent team projects at the top of the dialog,
as a URL without the password. The password is never written anywhere: libpq's
own ``~/.pgpass`` remains the place for a user who wants it kept.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

RECENT_KEY = "team/recent"
MAX_RECENT = 8


def team_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """``postgresql://USER[:PASSWORD]@HOST:PORT/DB`` with every part quoted."""
    auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    return f"postgresql://{auth}@{host}:{port}/{quote(database, safe='')}"


def recent_team_projects() -> list[str]:
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings hands back a one-element list as a plain string
        value = [value]
    return [str(v) for v in value or []]


def remember_team_project(url: str) -> None:
    """Put a password-free URL first in the recent team projects."""
    recent = [url] + [u for u in recent_team_projects() if u != url]
    QSettings().setValue(RECENT_KEY, recent[:MAX_RECENT])


class TeamOpenDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("teamOpenDialog")
        self.setWindowTitle("Open Team Project")
        settings = QSettings()
        self.recent = QComboBox(objectName="recentTeamProjects")
        self.recent.addItem("Recent team projects…", None)
        for url in recent_team_projects():
            self.recent.addItem(url, url)
        self.recent.setEnabled(self.recent.count() > 1)
        self.recent.activated.connect(self._use_recent)
        self.host = QLineEdit(str(settings.value("team/host", "localhost")), objectName="teamHost")
        self.port = QSpinBox(objectName="teamPort")
        self.port.setRange(1, 65535)
        self.port.setValue(int(settings.value("team/port", 5432)))
        self.database = QLineEdit(str(settings.value("team/database", "")), objectName="teamDatabase")
        self.user = QLineEdit(str(settings.value("team/user", "")), objectName="teamUser")
        self.password = QLineEdit(objectName="teamPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Connect to your team's PostgreSQL server with the login your lead gave you. "
                                "The password is not stored."))
        layout.addWidget(self.recent)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._update_ok)
        self._update_ok()
        (self.password if self.user.text() else self.user if self.database.text() else self.host).setFocus()

    def _update_ok(self) -> None:
        filled = all(f.text().strip() for f in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.Open).setEnabled(filled)

    def _use_recent(self, index: int) -> None:
        url = self.recent.itemData(index)
        if url:
            self.fill_from(url)

    def fill_from(self, url: str) -> None:
        """Host, port, database and user from a password-free URL; the password is asked for."""
        parts = urlsplit(url)
        self.host.setText(parts.hostname or "localhost")
        self.port.setValue(parts.port or 5432)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))
        self.password.clear()
        self.password.setFocus()

    def url(self) -> str:
        """The URL to connect with (password included: hand it to Project.open, never store it)."""
        return team_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                        self.user.text().strip(), self.password.text())

    def safe_url(self) -> str:
        return team_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                        self.user.text().strip())

    def remember(self) -> None:
        settings = QSettings()
        settings.setValue("team/host", self.host.text().strip())
        settings.setValue("team/port", self.port.value())
        settings.setValue("team/database", self.database.text().strip())
        settings.setValue("team/user", self.user.text().strip())
        remember_team_project(self.safe_url())
