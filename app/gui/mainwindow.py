"""The main window: menus, toolbar, status bar, opening projects, importing; the panels live in WorkspaceView."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QToolBar

from app.core.errors import QuotecoderError
from app.gui.actions import MENUS, Actions
from app.gui.backups import BackupController
from app.gui.banner import show_read_only
from app.gui.codebook_actions import CodebookActions
from app.gui.coding_menu import CodingMenu
from app.gui.dialogs.coder_chooser import CoderChooserDialog
from app.gui.dialogs.coder_picker import CoderPickerDialog
from app.gui.dialogs.help import show_about
from app.gui.dialogs.quick_code import QuickCodeDialog
from app.gui.exchange import install as install_exchange
from app.gui.importing import ImportController
from app.gui.nlp.integration import install as install_nlp
from app.gui.preferences import Preferences
from app.gui.team_status import TeamStatusBar
from app.gui.theme import reader_font
from app.gui.workspace import ViewMode, Workspace
from app.gui.layout import install as install_layout
from app.gui.workspace_tools import install as install_tools
from app.gui.workspace_view import WorkspaceView
from app.project import PROJECT_SUFFIX, Project

FILTER = f"Quotecoder projects (*{PROJECT_SUFFIX})"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Quotecoder")
        self.resize(1400, 880)
        self.project: Project | None = None
        self.ws: Workspace | None = None
        self.view: WorkspaceView | None = None
        self.code_actions: list[QAction] = []
        self.actions = Actions(self)
        for _, action in self.actions.items():
            self.addAction(action)  # shortcuts work wherever the focus is in the window
        self.importer = ImportController(self)
        self.preferences = Preferences(self)
        self.backups = BackupController(self)
        self._build_menus()
        self.exchange = install_exchange(self)  # File > Export…, REFI import, Codebook menu
        install_nlp(self)  # Analysis menu, Quotes dock, suggestions (app/gui/nlp/integration.py)
        self.tools = install_tools(self)  # Memos dock, document memo/delete, History (app/gui/workspace_tools.py)
        self.layout_keeper = install_layout(self)  # bottom dock, hideable panes, saved layout (app/gui/layout.py)
        self._build_toolbar()
        self._build_recent_menu()
        self.coder_label = QLabel()
        self.coder_label.setObjectName("coderLabel")
        self.statusBar().addPermanentWidget(self.coder_label)
        self.team = TeamStatusBar(self)  # live updates, the team label (app/gui/team_status.py)
        self._welcome()
        self._connect()
        from app.gui.merging import MergeController

        self.merging = MergeController(self)
        settings = QSettings()
        self.actions["snap_words"].setChecked(settings.value("reader/snapWords", True, type=bool))  # on unless turned off
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_enabled()

    # --- building ---

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        for name, title, ids in MENUS:
            menu = bar.addMenu(title)
            menu.setObjectName(name)
            self.menus[name] = menu
            for action_id in ids:
                menu.addSeparator() if action_id is None else menu.addAction(a[action_id])
        a["agreement"].triggered.connect(self.open_agreement)
        a["team_coders"].triggered.connect(self.team_coders_dialog)
        group = QActionGroup(self)
        for action_id in ("view_mine", "view_all", "view_chosen"):
            group.addAction(a[action_id])
        a["view_mine"].setChecked(True)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action_id in ("import_files", None, "undo", "redo", None, "quick_code", "in_vivo", "new_code", None,
                          "mark_done", None, "previous_document", "next_document", None, "find", "switch_coder"):
            bar.addSeparator() if action_id is None else bar.addAction(self.actions[action_id])
        self.addToolBar(bar)

    def _build_recent_menu(self) -> None:
        from app.gui.start_page import fill_recent_menu

        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(self.recent_menu, self.open_project))
        self.actions["open_recent"].setMenu(self.recent_menu)  # declared in actions.py, placed by MENUS
        fill_recent_menu(self.recent_menu, self.open_project)

    def _welcome(self) -> None:
        from app.gui.start_page import StartPage

        page = StartPage()
        page.openRequested.connect(self.open_project)
        page.openDialogRequested.connect(self.open_project_dialog)
        page.newRequested.connect(self.new_project_dialog)
        self.start_page = page
        self.setCentralWidget(page)

    def _connect(self) -> None:
        a = self.actions
        a["new_project"].triggered.connect(self.new_project_dialog)
        a["open_project"].triggered.connect(self.open_project_dialog)
        a["open_team_project"].triggered.connect(self.team.open_dialog)
        a["import_files"].triggered.connect(self.importer.import_files_dialog)
        a["import_folder"].triggered.connect(self.importer.import_folder_dialog)
        a["quit"].triggered.connect(self.close)
        a["restore_backup"].triggered.connect(self.backups.restore_dialog)
        a["undo"].triggered.connect(lambda: self.ws and self.ws.undo())
        a["redo"].triggered.connect(lambda: self.ws and self.ws.redo())
        a["find"].triggered.connect(lambda: self.view and self.view.findbar.open_bar())
        a["find_next"].triggered.connect(lambda: self.view and self.view.findbar.find_next())
        a["find_previous"].triggered.connect(lambda: self.view and self.view.findbar.find_previous())
        a["next_document"].triggered.connect(lambda: self.view and self.view.documents.step(1))
        a["previous_document"].triggered.connect(lambda: self.view and self.view.documents.step(-1))
        a["quick_code"].triggered.connect(self.quick_code)
        a["in_vivo"].triggered.connect(lambda: self.view and self.view.in_vivo())
        a["snap_selection"].triggered.connect(lambda: self.view and self.view.snap_selection())
        a["remove_coding"].triggered.connect(lambda: self.view and self.view.remove_coding_at_cursor())
        a["mark_done"].triggered.connect(lambda: self.view and self.view.toggle_done())
        a["document_properties"].triggered.connect(self.document_properties)
        a["new_code"].triggered.connect(lambda: self.view and self.codebook_actions.new_code(None))
        a["view_mine"].triggered.connect(lambda: self.set_view(ViewMode.MINE))
        a["view_all"].triggered.connect(lambda: self.set_view(ViewMode.ALL))
        a["view_chosen"].triggered.connect(self.choose_coders_view)
        a["switch_coder"].triggered.connect(self.switch_coder_dialog)
        a["snap_words"].toggled.connect(self.preferences.set_snap)
        a["reader_font"].triggered.connect(self.preferences.choose_font)
        a["settings"].triggered.connect(self.preferences.settings_dialog)
        a["shortcuts_help"].triggered.connect(self.preferences.shortcuts_help)
        a["about"].triggered.connect(lambda: show_about(self))

    def _update_enabled(self) -> None:
        has = self.ws is not None
        for action_id, action in self.actions.items():
            if action_id not in ("new_project", "open_project", "open_recent", "open_team_project", "quit", "settings", "shortcuts_help", "about",
                                 "reader_font", "snap_words", "undo", "redo"):
                action.setEnabled(has)
        self.actions["undo"].setEnabled(has and self.ws.undo_stack.canUndo())
        self.actions["redo"].setEnabled(has and self.ws.undo_stack.canRedo())

    # --- projects ---

    def open_project(self, target: str | Path, coder_id: int | None = None, remember: str | None = None,
                     coder_name: str | None = None) -> bool:
        """Open ``target``; ``remember`` is what to store as the last project instead (a URL without password).

        ``coder_name`` codes as that coder without asking (``quotecoder gui --coder NAME``).
        """
        try:
            project = Project.open(target)
        except QuotecoderError as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return False
        if coder_id is None and coder_name:
            try:
                coder_id = project.coders.ensure(coder_name)
            except QuotecoderError as exc:
                QMessageBox.warning(self, "Quotecoder", str(exc))
        if coder_id is None:
            coder_id = self.team.coder_of(project)  # a team login decides who is coding
        if coder_id is None:
            coder_id = self._choose_coder(project)
        if coder_id is None:
            project.close()
            return False
        self.close_project()
        self.project = project
        self.ws = Workspace(project, coder_id, self)
        self.view = WorkspaceView(self.ws)
        self.codebook_actions = CodebookActions(self.view, self)
        self.coding_menu = CodingMenu(self.view, self, self.actions)
        self.setCentralWidget(self.view)
        self._wire_workspace()
        self.tools.attach(self.view)
        self.layout_keeper.attach(self.view)
        settings = QSettings()
        self.view.restore_state(settings)
        font = settings.value("reader/font")
        f = reader_font()
        if font:
            f.fromString(str(font))
        self.view.set_reader_font(f)
        self.view.snap_words = self.actions["snap_words"].isChecked()
        self.view.load()
        self.layout_keeper.restore_document()
        self._rebuild_code_shortcuts()
        self.team.start(self.ws, self.view)
        settings.setValue("project/last", remember or str(target))
        from app.gui.start_page import remember_project

        remember_project(remember or str(target))
        settings.setValue(self._coder_key(project), coder_id)
        self.setWindowTitle(f"{project.display_name} — Quotecoder")
        show_read_only(self, project.read_only)
        self.backups.on_open(project)
        if project.migration_backup is not None:
            self.statusBar().showMessage(f"Project upgraded; a backup was kept at {project.migration_backup}", 8000)
        self._update_status()
        self._update_enabled()
        return True

    def _wire_workspace(self) -> None:
        ws, view = self.ws, self.view
        ws.error.connect(lambda message: QMessageBox.warning(self, "Quotecoder", message))
        ws.changed.connect(lambda _: self._rebuild_code_shortcuts())
        ws.viewChanged.connect(self._update_status)
        view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 5000))
        view.codebook.editRequested.connect(self.codebook_actions.edit_code)
        view.codebook.contextRequested.connect(self.codebook_actions.context_menu)
        view.reader.codingMenuRequested.connect(self.coding_menu.show)
        view.propertiesRequested.connect(self.document_properties)
        stack = ws.undo_stack
        stack.indexChanged.connect(self._on_stack_changed)
        for name, tip, slot in (
            ("add", "New code", lambda: self.codebook_actions.new_code(None)),
            ("subcode", "New sub-code of the selected code",
             lambda: self.codebook_actions.new_code(view.codebook.current_id())),
            ("edit", "Edit the selected code", lambda: self._with_code(self.codebook_actions.edit_code)),
            ("merge", "Merge the selected code into another", lambda: self._with_code(self.codebook_actions.ask_merge)),
            ("archive", "Archive or restore the selected code",
             lambda: self._with_code(self.codebook_actions.toggle_archive)),
            ("delete", "Delete the selected code", lambda: self._with_code(self.codebook_actions.ask_delete)),
        ):
            view.codebook.add_button(name, tip, slot)
        view.codebook.finish_buttons()

    def _on_stack_changed(self, _index: int = 0) -> None:
        if self.ws is None:
            return
        stack = self.ws.undo_stack
        self.actions["undo"].setText(f"&Undo {stack.undoText()}" if stack.canUndo() else "&Undo")
        self.actions["redo"].setText(f"&Redo {stack.redoText()}" if stack.canRedo() else "&Redo")
        self._update_enabled()

    def _with_code(self, fn) -> None:
        code_id = self.view.codebook.current_id() if self.view else None
        if code_id is None:
            self.statusBar().showMessage("Select a code in the codebook first.", 4000)
        else:
            fn(code_id)

    def close_project(self) -> None:
        if self.view is not None:
            self.view.save_state(QSettings())
        for action in self.code_actions:
            self.removeAction(action)
        self.code_actions = []
        self.team.stop()
        if self.ws is not None:
            self.ws.undo_stack.blockSignals(True)
            self.ws.blockSignals(True)
        self.tools.detach()
        self.layout_keeper.detach()
        if self.project is not None:
            self.project.close()
        self.project = self.ws = self.view = None
        show_read_only(self, False)
        self._welcome()
        self._update_enabled()

    def _coder_key(self, project: Project) -> str:
        return "coder/" + hashlib.sha1(project.location.encode("utf-8")).hexdigest()[:16]

    def _choose_coder(self, project: Project) -> int | None:
        remembered = QSettings().value(self._coder_key(project))
        coders = project.coders.list()
        if remembered is not None and int(remembered) in {c.id for c in coders}:
            return int(remembered)
        dialog = CoderChooserDialog(coders, project.display_name, parent=self)
        if dialog.exec() != QDialog.Accepted:
            return None
        if dialog.new_name:
            try:
                return project.coders.ensure(dialog.new_name)
            except QuotecoderError as exc:
                QMessageBox.warning(self, "Quotecoder", str(exc))
                return None
        return dialog.chosen_id

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home() / f"project{PROJECT_SUFFIX}"), FILTER)
        if not path:
            return
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        try:
            Project.create(path).close()
        except QuotecoderError as exc:
            QMessageBox.critical(self, "Cannot create project", str(exc))
            return
        self.open_project(path)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()), FILTER)
        if path:
            self.open_project(path)

    # --- coders and views ---

    def switch_coder(self, coder_id: int) -> None:
        self.ws.set_coder(coder_id)
        QSettings().setValue(self._coder_key(self.project), coder_id)
        self.ws.undo_stack.clear()  # edits made as another coder are not undone in this coder's name

    def switch_coder_dialog(self) -> None:
        if self.ws is None:
            return
        dialog = CoderChooserDialog(self.project.coders.list(), self.project.display_name, self.ws.coder_id, self)
        if dialog.exec() != QDialog.Accepted:
            return
        coder_id = dialog.chosen_id
        if dialog.new_name:
            coder_id = self.project.coders.ensure(dialog.new_name)
        if coder_id is not None and coder_id != self.ws.coder_id:
            self.switch_coder(coder_id)

    def set_view(self, mode: ViewMode, chosen: set[int] | None = None) -> None:
        if self.ws is None:
            return
        self.actions[f"view_{mode.value}"].setChecked(True)
        self.ws.set_view(mode, chosen)

    def choose_coders_view(self) -> None:
        if self.ws is None:
            return
        dialog = CoderPickerDialog(self.ws.coders(), self.ws.coder_id, self.ws.chosen, self)
        if dialog.exec() == QDialog.Accepted:
            self.set_view(ViewMode.CHOSEN, dialog.chosen())
        else:
            self.actions[f"view_{self.ws.view_mode.value}"].setChecked(True)

    def _update_status(self) -> None:
        if self.ws is None:
            self.coder_label.setText("")
            return
        mode = {ViewMode.MINE: "my codings only (blind)", ViewMode.ALL: "all coders",
                ViewMode.CHOSEN: "chosen coders"}[self.ws.view_mode]
        self.coder_label.setText(f"Coding as <b>{self.ws.coder_name}</b> · showing {mode}")

    # --- coding ---

    def quick_code(self) -> None:
        if self.view is None:
            return
        if self.view.selection() is None:
            self.statusBar().showMessage("Select some text first, then press Ctrl+K.", 4000)
            return
        span = self.view.selection()
        dialog = QuickCodeDialog(list(self.view.codes.values()), self)
        dialog.setObjectName("quickCodeDialog")
        if dialog.exec() == QDialog.Accepted and dialog.chosen is not None:
            self.view.apply_code(dialog.chosen.id, span)

    def _rebuild_code_shortcuts(self) -> None:
        for action in self.code_actions:
            self.removeAction(action)
        self.code_actions = []
        if self.view is None:
            return
        for code in self.view.codes.values():
            if code.shortcut and not code.archived:
                action = QAction(f"Apply {code.path}", self)
                action.setShortcut(QKeySequence(code.shortcut))
                action.triggered.connect(lambda _=False, cid=code.id: self.view.apply_code(cid))
                self.addAction(action)
                self.code_actions.append(action)

    # --- preferences and help (preferences.py) ---

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return self.preferences.shortcut_rows()

    def document_properties(self) -> None:
        """Document › Properties…: correct the open document's metadata as one undoable edit."""
        if self.view is None or self.view.doc_id is None:
            return
        from app.gui.commands import UpdateDocument
        from app.gui.dialogs.document_properties import DocumentPropertiesDialog

        doc_id = self.view.doc_id
        dialog = DocumentPropertiesDialog(self.project.documents.get(doc_id), self)
        self.properties_dialog = dialog  # tests reach the open dialog here
        if dialog.exec() == QDialog.Accepted:
            changes = dialog.changes()
            if changes:
                self.ws.run(UpdateDocument(self.ws, doc_id, **changes))

    def open_agreement(self) -> None:
        if self.ws is None:
            return
        from app.gui.agreement import open_agreement_window

        self._agreement = open_agreement_window(self.project, self.ws.coder_id, self.ws.undo_stack, self)

    def team_coders_dialog(self) -> None:
        if self.project is None:
            return
        if not self.project.team.is_team:
            QMessageBox.information(self, "Team Coders", "This is not a team project: team projects live on "
                                    "PostgreSQL and are made with 'quotecoder team init' (see the README).")
            return
        from app.gui.team_coders import TeamCodersDialog

        TeamCodersDialog(self.project, self).exec()

    # --- closing ---

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        self.close_project()
        super().closeEvent(event)
