"""Every QAction of the window, declared once: id, text, icon, standard key, user-overridable shortcut.

Shortcuts a user sets in the settings dialog are stored in QSettings under
``shortcuts/<id>`` and win over the defaults declared here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

from app.gui.icons import icon

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    tip: str
    shortcut: str | QKeySequence.StandardKey | None = None
    icon: str | None = None  # an SVG under resources/icons, or "SP_..." for a Qt standard icon
    checkable: bool = False


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("new_project", "&New Project…", "Create an empty project file", Std.New, "SP_FileIcon"),
    ActionSpec("open_project", "&Open Project…", "Open a project file", Std.Open, "SP_DialogOpenButton"),
    ActionSpec("import_files", "&Import Files…", "Import documents (text, Word, PDF, HTML, tables…)",
               "Ctrl+Shift+I", "import"),
    ActionSpec("import_folder", "Import &Folder…", "Import every document in a folder and its sub-folders"),
    ActionSpec("restore_backup", "Restore &Backup…", "Put an automatic backup of this project back in its place"),
    ActionSpec("quit", "&Quit", "Close Quotecoder (everything is already saved)", Std.Quit),
    ActionSpec("undo", "&Undo", "Undo the last edit", Std.Undo, "undo"),
    ActionSpec("redo", "&Redo", "Redo the edit just undone", Std.Redo, "redo"),
    ActionSpec("find", "&Find in Document…", "Search the open document", Std.Find, "find"),
    ActionSpec("find_next", "Find &Next", "Next match", Std.FindNext),
    ActionSpec("find_previous", "Find Pre&vious", "Previous match", Std.FindPrevious),
    ActionSpec("next_document", "Next Document", "Open the next document in the list", "Ctrl+PgDown", "next"),
    ActionSpec("previous_document", "Previous Document", "Open the previous document in the list",
               "Ctrl+PgUp", "previous"),
    ActionSpec("quick_code", "&Quick Code…", "Apply a code to the selection by typing part of its name",
               "Ctrl+K", "tag"),
    ActionSpec("in_vivo", "In-&Vivo Code", "Make a new code from the selected words and apply it",
               "Ctrl+Shift+K", "invivo"),
    ActionSpec("snap_selection", "Snap Selection to &Words", "Widen the selection to whole words", "Ctrl+Shift+W"),
    ActionSpec("remove_coding", "&Remove Coding", "Remove the coding under the cursor (yours)", "Ctrl+Backspace"),
    ActionSpec("mark_done", "Mark Document &Done", "Mark this document done for you (toggle)", "Ctrl+D", "done"),
    ActionSpec("document_properties", "Document &Properties…",
               "Correct the title, language, outlet, author, URL and date of the open document", "Alt+Return"),
    ActionSpec("new_code", "New &Code…", "Add a code to the codebook", "Ctrl+Shift+N", "add"),
    ActionSpec("view_mine", "&My Codings Only (Blind)", "Show and count only your own codings", "Ctrl+1",
               checkable=True),
    ActionSpec("view_all", "&All Coders", "Show every coder's codings, each in their own style", "Ctrl+2",
               checkable=True),
    ActionSpec("view_chosen", "&Chosen Coders…", "Show the codings of the coders you pick", "Ctrl+3",
               checkable=True),
    ActionSpec("switch_coder", "&Switch Coder…", "Choose who is coding", None, "coder"),
    ActionSpec("snap_words", "Snap Codings to Whole &Words", "Widen every new coding to whole words",
               None, None, True),
    ActionSpec("reader_font", "Reader &Font…", "Choose the font of the reader"),
    ActionSpec("settings", "&Settings…", "Shortcuts and preferences", Std.Preferences, "settings"),
    ActionSpec("shortcuts_help", "&Keyboard Shortcuts", "List every keyboard shortcut", Std.HelpContents),
    ActionSpec("about", "&About Quotecoder", "Version and licence"),
)


def default_sequence(spec: ActionSpec) -> QKeySequence:
    if spec.shortcut is None:
        return QKeySequence()
    return QKeySequence(spec.shortcut)


class Actions(QObject):
    """The QActions of one main window, by id."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self.specs = {spec.id: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            action.setObjectName(f"action_{spec.id}")
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            if spec.icon:
                action.setIcon(_icon(spec.icon))
            self._actions[spec.id] = action
        self.apply_shortcuts()

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def items(self):
        return self._actions.items()

    def apply_shortcuts(self) -> None:
        settings = QSettings()
        for action_id, action in self._actions.items():
            override = settings.value(f"shortcuts/{action_id}")
            spec = self.specs[action_id]
            if override is not None:
                action.setShortcut(QKeySequence(str(override)))
            elif isinstance(spec.shortcut, QKeySequence.StandardKey):
                action.setShortcuts(spec.shortcut)  # every platform binding (Ctrl+Y and Ctrl+Shift+Z for redo)
            else:
                action.setShortcut(default_sequence(spec))
            seq = action.shortcut()
            if not seq.isEmpty():
                action.setToolTip(f"{self.specs[action_id].tip} ({seq.toString(QKeySequence.NativeText)})")

    @staticmethod
    def set_override(action_id: str, sequence: str | None) -> None:
        settings = QSettings()
        if sequence is None:
            settings.remove(f"shortcuts/{action_id}")
        else:
            settings.setValue(f"shortcuts/{action_id}", sequence)


def _icon(name: str) -> QIcon:
    if name.startswith("SP_"):
        return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))
    return icon(name)
