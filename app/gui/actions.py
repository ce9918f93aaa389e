"""Every QAction of the window, declared once: id, text, icon, standard key, user-overridable shortcut.

``SPECS`` declares the actions and ``MENUS`` the menu bar, in order. Features
(exchange, NLP, agreement) connect their slots to ``window.actions[id]``; none makes
QActions of its own or patches menus by title or position. A dock's show/hide toggle
is Qt's own ``toggleViewAction()``, added to the View menu by the dock's owner.

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
    ActionSpec("open_team_project", "Open &Team Project…",
               "Connect to a team project on a PostgreSQL server (host, database, your login)", "Ctrl+Shift+O"),
    ActionSpec("open_recent", "Open &Recent", "Open one of the projects opened last (app/gui/start_page.py)"),
    ActionSpec("import_files", "&Import Files…", "Import documents (text, Word, PDF, HTML, tables…)",
               "Ctrl+Shift+I", "import"),
    ActionSpec("import_folder", "Import &Folder…", "Import every document in a folder and its sub-folders"),
    ActionSpec("import_refi", "Import &REFI-QDA Project…",
               "Import a .qdpx project written by QualCoder, MAXQDA, ATLAS.ti or NVivo"),
    ActionSpec("merge_project", "&Merge Project…",
               "Merge projects coded apart (copies of this one) into this project"),
    ActionSpec("export", "&Export…", "Write the codings to Excel, CSV or REFI-QDA", "Ctrl+E"),
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
    ActionSpec("document_memo", "Document &Memo…", "Read or write the memo on the open document", "Ctrl+M", "edit"),
    ActionSpec("delete_document", "&Delete Document…",
               "Delete the selected document with its codings and memos (undoable)"),
    ActionSpec("history", "&History…", "Who did what and when, filterable by coder, document and action",
               "Ctrl+H"),
    ActionSpec("new_code", "New &Code…", "Add a code to the codebook", "Ctrl+Shift+N", "add"),
    ActionSpec("view_mine", "&My Codings Only (Blind)", "Show and count only your own codings", "Ctrl+1",
               checkable=True),
    ActionSpec("view_all", "&All Coders", "Show every coder's codings, each in their own style", "Ctrl+2",
               checkable=True),
    ActionSpec("view_chosen", "&Chosen Coders…", "Show the codings of the coders you pick", "Ctrl+3",
               checkable=True),
    ActionSpec("toggle_bottom", "&Bottom Panel", "Collapse or restore the Segments and Quotes panel below the reader",
               "F12"),
    ActionSpec("show_documents", "&Documents List", "Show or hide the list of documents", None, None, True),
    ActionSpec("show_codebook", "Code&book Pane", "Show or hide the codebook beside the reader", None, None, True),
    ActionSpec("switch_coder", "&Switch Coder…", "Choose who is coding", None, "coder"),
    ActionSpec("snap_words", "Snap Codings to Whole &Words", "Widen every new coding to whole words",
               None, None, True),
    ActionSpec("reader_font", "Reader &Font…", "Choose the font of the reader"),
    # Analysis (app/gui/nlp/integration.py)
    ActionSpec("run_nlp", "&Run NLP on the Corpus…", "Find sentences, quotes, speakers and entities in every document"),
    ActionSpec("concordance", "&Concordance…", "Keyword in context across the corpus", "Ctrl+Shift+F"),
    ActionSpec("code_quote", "Code This &Quote", "Apply the selected code to the whole quote at the cursor",
               "Ctrl+Shift+Q"),
    ActionSpec("code_speaker", "Code All Quotes by This S&peaker",
               "Apply the selected code to every quote of the speaker of the quote at the cursor, in this document"),
    ActionSpec("snap_sentence", "Snap Selection to &Sentence", "Widen the selection to whole sentences",
               "Ctrl+Shift+E"),
    ActionSpec("show_suggestions", "Show &Suggestions", "Show the codes' suggested passages (dashed)",
               "Ctrl+Shift+G", checkable=True),
    ActionSpec("accept_suggestion", "&Accept Suggestion", "Make the suggestion at the cursor a coding of yours",
               "Ctrl+Shift+A"),
    ActionSpec("reject_suggestion", "Re&ject Suggestion", "Do not suggest this passage for this code again",
               "Ctrl+Shift+X"),
    ActionSpec("nlp_settings", "NLP Se&ttings…", "Pipelines per language, glossary of names"),
    # Codebook (app/gui/exchange.py)
    ActionSpec("export_codebook", "&Export Codebook…", "Write the codebook to Excel, CSV or REFI-QDA (.qdc)"),
    ActionSpec("import_codebook", "&Import Codebook…", "Add codes from a codebook file (.qdc, .xlsx, .csv)"),
    # Team (app/gui/agreement/)
    ActionSpec("agreement", "&Agreement and Adjudication…", "Compare coders, then decide their disagreements",
               "Ctrl+Shift+R"),
    ActionSpec("team_coders", "&Coders…", "Team projects: add coders with their own logins, set roles, blind phase"),
    ActionSpec("settings", "&Settings…", "Shortcuts and preferences", Std.Preferences, "settings"),
    ActionSpec("shortcuts_help", "&Keyboard Shortcuts", "List every keyboard shortcut", Std.HelpContents),
    ActionSpec("about", "&About Quotecoder", "Version and licence"),
)


# The menu bar, in order: (object name, title, action ids; None is a separator).
MENUS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    ("fileMenu", "&File", ("new_project", "open_project", "open_recent", "open_team_project", None, "import_files",
                           "import_folder", "import_refi", "export", None, "merge_project", "restore_backup", None,
                           "settings", None, "quit")),
    ("editMenu", "&Edit", ("undo", "redo", None, "find", "find_next", "find_previous")),
    ("codeMenu", "&Code", ("quick_code", "in_vivo", "snap_selection", "remove_coding", None, "new_code", None,
                           "snap_words")),
    ("documentMenu", "&Document", ("next_document", "previous_document", None, "mark_done", None,
                                   "document_properties", "document_memo", None, "delete_document")),
    ("viewMenu", "&View", ("view_mine", "view_all", "view_chosen", None, "switch_coder", None, "reader_font", None,
                            "toggle_bottom", "show_documents", "show_codebook", None)),
    ("analysisMenu", "&Analysis", ("run_nlp", "concordance", None, "code_quote", "code_speaker", "snap_sentence",
                                   None, "show_suggestions", "accept_suggestion", "reject_suggestion", None,
                                   "nlp_settings")),
    ("codebookMenu", "Code&book", ("export_codebook", "import_codebook")),
    ("teamMenu", "&Team", ("agreement", "history", None, "team_coders")),
    ("helpMenu", "&Help", ("shortcuts_help", None, "about")),
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
