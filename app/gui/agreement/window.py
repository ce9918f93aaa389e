"""The Agreement window: choose, compute in a worker, read the table, review and adjudicate.

Left: coders, codes and documents to compare (no document ticked means the
default: those every chosen coder marked done or coded), the unit and the
bootstrap size. Right, top: one row per code with every statistic. Selecting a
code lists its disagreements; selecting one shows the coders side by side on
that document, and the buttons write the verdict into the consensus layer
through :class:`AdjudicateCommand` on the shared undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QThreadPool
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QListView, QMainWindow, QMessageBox,
    QProgressBar, QPushButton, QSpinBox, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from app.core.agreement.segments import disagreement_regions
from app.core.agreement.units import UNIT_KINDS
from app.core.errors import QuotecoderError
from app.gui.agreement.commands import AdjudicateCommand
from app.gui.agreement.compare import CompareView
from app.gui.agreement.models import REGION_ROLE, CheckListModel, CodeStatsModel, DisagreementModel, RegionRow
from app.gui.workers import JobRunner
from app.project import Project
from app.project.agreement import AgreementResult
from app.project.agreement import run as run_agreement


def _list(model: CheckListModel, name: str) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setModel(model)
    view.setUniformItemSizes(True)
    return view


class AgreementWindow(QMainWindow):
    def __init__(self, project: Project, coder_id: int | None, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agreement — {project.display_name}")
        self.project, self.undo_stack = project, undo_stack
        if project.acting_coder_id is None:
            project.acting_coder_id = coder_id
        self.result: AgreementResult | None = None
        self.runner: JobRunner | None = None
        self._texts: dict[int, str] = {}
        self._build()
        self.reload_choices()

    # --- layout ---

    def _build(self) -> None:
        self.coders = CheckListModel(parent=self)
        self.codes = CheckListModel(parent=self)
        self.documents = CheckListModel(parent=self)
        self.unit = QComboBox(objectName="unit")
        self.unit.addItems(list(UNIT_KINDS))
        self.bootstrap = QSpinBox(objectName="bootstrap", maximum=10_000, singleStep=100, value=0)
        self.bootstrap.setToolTip("Resamples of documents for the 95% interval of alpha (0: none)")
        self.compute = QPushButton("&Compute", objectName="compute", clicked=self.start)
        self.cancel = QPushButton("Cancel", objectName="cancel", enabled=False, clicked=self._cancel)
        self.progress = QProgressBar(objectName="progress", textVisible=True)
        self.status = QLabel(wordWrap=True, objectName="status")

        left = QWidget()
        form = QVBoxLayout(left)
        form.addWidget(QLabel("<b>Coders</b>"))
        form.addWidget(_list(self.coders, "coders"), 1)
        form.addWidget(QLabel("<b>Codes</b> (none ticked: every code they used)"))
        form.addWidget(_list(self.codes, "codes"), 2)
        form.addWidget(QLabel("<b>Documents</b> (none ticked: done or coded by all)"))
        form.addWidget(_list(self.documents, "documents"), 2)
        opts = QFormLayout()
        opts.addRow("Unit", self.unit)
        opts.addRow("Bootstrap", self.bootstrap)
        form.addLayout(opts)
        row = QHBoxLayout()
        row.addWidget(self.compute)
        row.addWidget(self.cancel)
        form.addLayout(row)
        form.addWidget(self.progress)
        form.addWidget(self.status)

        self.stats = CodeStatsModel(self)
        self.table = QTableView(objectName="stats")
        self.table.setModel(self.stats)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._code_chosen)

        self.regions = DisagreementModel(self)
        self.region_table = QTableView(objectName="disagreements")
        self.region_table.setModel(self.regions)
        self.region_table.setSelectionBehavior(QTableView.SelectRows)
        self.region_table.setSelectionMode(QTableView.SingleSelection)
        self.region_table.verticalHeader().hide()
        header = self.region_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.resizeSection(0, 150)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.region_table.selectionModel().selectionChanged.connect(self._region_chosen)

        self.compare = CompareView()
        self.compare.currentChanged.connect(self._compare_moved)
        review = QWidget()
        rv = QVBoxLayout(review)
        rv.setContentsMargins(0, 0, 0, 0)
        nav = QHBoxLayout()
        self.prev_button = QPushButton("◀ Previous", objectName="previous", clicked=lambda: self.step(-1))
        self.next_button = QPushButton("Next ▶", objectName="next", clicked=lambda: self.step(1))
        self.where = QLabel(objectName="where")
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        nav.addWidget(self.where, 1)
        rv.addLayout(nav)
        rv.addWidget(self.compare, 1)
        adj = QHBoxLayout()
        self.coder_a, self.coder_b = QComboBox(objectName="coder_a"), QComboBox(objectName="coder_b")
        adj.addWidget(QLabel("A:"))
        adj.addWidget(self.coder_a)
        adj.addWidget(QLabel("B:"))
        adj.addWidget(self.coder_b)
        self.accept_a = QPushButton("Accept A", objectName="accept_a", clicked=lambda: self.adjudicate("a"))
        self.accept_b = QPushButton("Accept B", objectName="accept_b", clicked=lambda: self.adjudicate("b"))
        self.accept_both = QPushButton("Accept both", objectName="accept_both",
                                       clicked=lambda: self.adjudicate("both"))
        self.accept_edit = QPushButton("Accept selection", objectName="accept_edit",
                                       clicked=lambda: self.adjudicate("edit"))
        self.accept_edit.setToolTip("Select the right words in any pane, then accept them as the consensus")
        for b in (self.accept_a, self.accept_b, self.accept_both, self.accept_edit):
            adj.addWidget(b)
        rv.addLayout(adj)

        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(self.region_table)
        bottom.addWidget(review)
        bottom.setSizes([380, 820])
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.table)
        right.addWidget(bottom)
        right.setSizes([260, 440])
        main = QSplitter(Qt.Horizontal)
        main.addWidget(left)
        main.addWidget(right)
        main.setSizes([240, 1160])
        self.setCentralWidget(main)
        QShortcut(QKeySequence("F8"), self, activated=lambda: self.step(1))
        QShortcut(QKeySequence("Shift+F8"), self, activated=lambda: self.step(-1))
        self._set_review_enabled(False)
        self.resize(1400, 860)

    def _set_review_enabled(self, on: bool) -> None:
        for w in (self.prev_button, self.next_button, self.accept_a, self.accept_b, self.accept_both,
                  self.accept_edit):
            w.setEnabled(on)

    # --- choosing and computing ---

    def reload_choices(self) -> None:
        coders = [c for c in self.project.coders.list() if not c.consensus]
        self.coders.set_items([(c.name, c.name) for c in coders], [c.name for c in coders[:2]])
        self.codes.set_items([(c.path, c.path) for c in self.project.codebook.list()], [])
        self.documents.set_items([(d.id, f"{d.id}: {d.title}") for d in self.project.documents.list()], [])

    def start(self) -> None:
        try:
            inputs = self.project.agreement.inputs(
                self.coders.checked(), self.unit.currentText(), self.codes.checked() or None,
                self.documents.checked() or None, self.bootstrap.value(), seed=1)
        except QuotecoderError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"Computing on {len(inputs.documents)} document(s)…")
        # Inputs were read here on the GUI thread (a few queries); statistics and bootstrap run in the pool.
        self.runner = JobRunner(
            lambda progress, cancelled: run_agreement(inputs, lambda done, total: progress(done, "", total), cancelled))
        self.runner.signals.progress_of.connect(self._progress)
        self.runner.signals.finished.connect(self.show_result)
        self.runner.signals.failed.connect(self._failed)
        self.compute.setEnabled(False)
        self.cancel.setEnabled(True)
        QThreadPool.globalInstance().start(self.runner)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    def _cancel(self) -> None:
        if self.runner is not None:
            self.runner.cancel()

    def _failed(self, message: str) -> None:
        cancelled = self.runner is not None and self.runner.cancelled
        self._done("Cancelled." if cancelled else message)

    def _done(self, message: str) -> None:
        self.runner = None
        self.compute.setEnabled(True)
        self.cancel.setEnabled(False)
        self.status.setText(message)

    def show_result(self, result: AgreementResult) -> None:
        self.result = result
        r = result.report
        self.stats.set_report(r)
        for combo in (self.coder_a, self.coder_b):
            combo.clear()
            combo.addItems(list(r.coders))
        self.coder_b.setCurrentIndex(1)
        self.regions.set_rows([])
        self._done(f"{len(r.codes)} code(s), {len(r.documents)} document(s), {', '.join(r.coders)}; "
                   f"unit: {r.unit}. Green α ≥ .800, amber ≥ .667, red below; n/a = undefined.")
        if r.codes:
            self.table.selectRow(0)

    # --- drilling down ---

    def _text(self, document: int) -> str:
        if document not in self._texts:
            self._texts[document] = self.project.documents.text(document)
        return self._texts[document]

    def current_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        code = self.stats.code_at(rows[0].row()) if rows else None
        return None if code is None else str(code.code)

    def _code_chosen(self, *_: QItemSelection) -> None:
        code, result = self.current_code(), self.result
        if code is None or result is None:
            self.regions.set_rows([])
            return
        rows = []
        for doc in result.study.documents:
            for reg in disagreement_regions(result.study, code, doc):
                text = self._text(doc)
                excerpt = " ".join(text[reg.start:min(reg.end, reg.start + 120)].split())
                rows.append(RegionRow(doc, result.inputs.titles.get(doc, str(doc)), reg.start, reg.end,
                                      reg.coded_by, reg.not_coded_by, excerpt))
        self.regions.set_rows(rows)
        self.where.setText(f"{len(rows)} disagreement(s) on {code}")
        if rows:
            self.region_table.selectRow(0)
        else:
            self._set_review_enabled(False)

    def current_region(self) -> RegionRow | None:
        rows = self.region_table.selectionModel().selectedRows()
        return self.regions.data(rows[0], REGION_ROLE) if rows else None

    def _region_chosen(self, *_: QItemSelection) -> None:
        row, result = self.current_region(), self.result
        if row is None or result is None:
            self._set_review_enabled(False)
            return
        self._show_document(row.document, row.start)
        self._set_review_enabled(True)

    def _show_document(self, document: int, at: int) -> None:
        result = self.result
        code = self.current_code()
        assert result is not None and code is not None
        study = result.study
        ci, di = study.code_index(code), study.doc_index(document)
        spans: dict[str, list[tuple[int, int]]] = {}
        for i, name in enumerate(study.coders):
            sel = (study.span_coder == i) & (study.span_code == ci) & (study.span_doc == di)
            spans[name] = list(zip(study.span_start[sel].tolist(), study.span_end[sel].tolist()))
        consensus = [c for c in self.project.coders.list() if c.consensus]
        code_id = result.inputs.code_ids[code]
        for c in consensus:
            spans[c.name] = [(x.start, x.end) for x in self.project.codings.for_document(document, [c.id])
                             if x.code_id == code_id]
        regions = disagreement_regions(study, code, document)
        index = next((i for i, r in enumerate(regions) if r.start == at), 0)
        self.compare.show_document(self._text(document), spans, regions, index)

    def _compare_moved(self, index: int) -> None:
        regions = self.compare.regions
        if 0 <= index < len(regions):
            r = regions[index]
            self.where.setText(f"Disagreement {index + 1} of {len(regions)} in this document: "
                               f"{r.start}–{r.end}, coded by {', '.join(r.coded_by)}")

    def step(self, delta: int) -> None:
        """Next / previous disagreement of the code, across documents (F8 / Shift+F8)."""
        n = self.regions.rowCount()
        if not n:
            return
        rows = self.region_table.selectionModel().selectedRows()
        current = rows[0].row() if rows else -1
        self.region_table.selectRow((current + delta) % n)

    # --- adjudicating ---

    def adjudicate(self, choice: str) -> bool:
        """Write the chosen verdict for the current disagreement into the consensus layer (undoable)."""
        row, result, code = self.current_region(), self.result, self.current_code()
        if row is None or result is None or code is None:
            return False
        code_id = result.inputs.code_ids[code]
        region = (row.start, row.end)
        a_name, b_name = self.coder_a.currentText(), self.coder_b.currentText()
        if choice == "edit":
            span = self.compare.selected_span()
            if span is None:
                self.status.setText("Select the words to accept in one of the panes first.")
                return False
            spans, label = [span], f"Accept edited span for {code}"
        else:
            spans = self.project.agreement.proposal(row.document, code_id, choice, region,
                                                    result.inputs.coder_ids[a_name], result.inputs.coder_ids[b_name])
            who = {"a": a_name, "b": b_name, "both": f"{a_name} and {b_name}"}[choice]
            label = f"Accept {who} for {code}"
        command = AdjudicateCommand(self.project, row.document, code_id, region, spans, label,
                                    on_change=self._refresh_document, on_error=self.status.setText)
        try:
            command.first()
        except QuotecoderError as exc:
            QMessageBox.warning(self, "Adjudication", str(exc))
            return False
        self.undo_stack.push(command)
        self.status.setText(f"{label}: written to the consensus layer (undo with {QKeySequence(QKeySequence.Undo).toString()}).")
        return True

    def _refresh_document(self, document: int) -> None:
        row = self.current_region()
        if row is not None and row.document == document:
            self._show_document(document, row.start)


def open_agreement_window(project: Project, coder_id: int | None, undo_stack: QUndoStack,
                          parent: QWidget | None = None) -> AgreementWindow:
    """Open (and return) the Agreement window; edits go on ``undo_stack``."""
    window = AgreementWindow(project, coder_id, undo_stack, parent)
    window.setAttribute(Qt.WA_DeleteOnClose)
    window.show()
    return window
