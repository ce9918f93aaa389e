"""``project.exchange``: exports to .xlsx, .csv, .qdc and .qdpx, and codebook / REFI-QDA imports.

The exporters in :mod:`app.core.exchange` are pure; this module fills their
:class:`ExportData` from the project without holding it whole: codings are a
generator that reads them in batches grouped by document (so the text cache of
the writers fetches each text once), texts are read one at a time. Imports are
one transaction each, so a broken or clashing file changes nothing
(see :mod:`app.project.exchange_import`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select

from app.core.exchange.model import ExportData
from app.core.exchange.safety import SafetyReport
from app.core.records import CodeInfo, CoderInfo, CodingInfo, DocStatus, DocumentInfo
from app.core.text import paragraph_spans
from app.project.convert import coding_info
from app.project.errors import NotFoundError, ValidationError
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.exchange_import import CodebookImport, RefiImport
    from app.project.service import Project

__all__ = ["ExchangeManager", "ExportOutcome", "EXPORT_SUFFIXES", "CODEBOOK_SUFFIXES", "REFI_SUFFIXES"]

EXPORT_SUFFIXES = (".xlsx", ".csv", ".qdc", ".qdpx")
CODEBOOK_SUFFIXES = (".xlsx", ".qdc")
REFI_SUFFIXES = (".qdpx", ".qde")
_BATCH_DOCS = 200

Progress = Callable[[int, int], None]


@dataclass
class ExportOutcome:
    """What an export wrote and what sanitising or filtering had to say about it."""

    path: Path
    format: str
    codings: int
    safety: SafetyReport = field(default_factory=SafetyReport)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Notes first, then what sanitising changed (removed characters, cut cells...)."""
        return [*self.notes, *self.safety.lines()]


def _suffix(path: str | Path, allowed: Sequence[str], what: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise ValidationError(f"cannot tell the {what} format of {Path(path).name}; use {', '.join(allowed)}")
    return suffix


class ExchangeManager:
    def __init__(self, project: "Project") -> None:
        self._p = project
        self._db = project.db

    # --- choosing what to export ---

    def _coders(self, coders: Sequence[str | int] | None) -> list[CoderInfo]:
        everyone = self._p.coders.list()
        if coders is None:
            return everyone
        by_id = {c.id: c for c in everyone}
        out: list[CoderInfo] = []
        names = {c.name for c in everyone}
        for c in coders:
            if isinstance(c, int) or (str(c).strip().isdigit() and str(c).strip() not in names):
                info = by_id.get(int(c))
                if info is None:
                    raise NotFoundError(f"there is no coder with id {c}")
            else:
                info = self._p.coders.by_name(str(c).strip())
            if info not in out:
                out.append(info)
        return out

    def _codes(self, codes: Sequence[str | int] | None) -> tuple[list[CodeInfo], set[int] | None]:
        """Codes for the codebook sheet (chosen ones, their sub-codes and ancestors) and the coding filter."""
        everything = self._p.codebook.list()
        if codes is None:
            return everything, None
        by_id = {c.id: c for c in everything}
        chosen: list[CodeInfo] = []
        for code in codes:
            info = by_id.get(code) if isinstance(code, int) else self._p.codebook.by_path(str(code).strip())
            if info is None:
                raise NotFoundError(f"there is no code with id {code}")
            chosen.append(info)
        wanted = {c.id for c in everything if any(c.path == x.path or c.path.startswith(x.path + "/") for x in chosen)}
        keep = set(wanted)
        for cid in wanted:
            parent = by_id[cid].parent_id
            while parent is not None and parent not in keep:
                keep.add(parent)
                parent = by_id[parent].parent_id
        return [c for c in everything if c.id in keep], wanted

    def _documents(self, documents: Sequence[int] | None) -> list[DocumentInfo]:
        everything = self._p.documents.list()
        if documents is None:
            return everything
        by_id = {d.id: d for d in everything}
        missing = [str(d) for d in documents if int(d) not in by_id]
        if missing:
            raise NotFoundError(f"there is no document with id {', '.join(missing)}")
        wanted = {int(d) for d in documents}
        return [d for d in everything if d.id in wanted]

    def _iter_codings(self, doc_ids: list[int], coder_ids: list[int] | None,
                      code_ids: set[int] | None) -> Iterator[CodingInfo]:
        """The chosen codings, grouped by document and by start, read a batch of documents at a time."""
        for i in range(0, len(doc_ids), _BATCH_DOCS):
            query = select(m.Coding).where(m.Coding.document_id.in_(doc_ids[i : i + _BATCH_DOCS]))
            if coder_ids is not None:
                query = query.where(m.Coding.coder_id.in_(coder_ids))
            if code_ids is not None:
                query = query.where(m.Coding.code_id.in_(code_ids))
            with self._db.reader() as s:
                rows = [coding_info(r) for r in s.scalars(
                    query.order_by(m.Coding.document_id, m.Coding.start, m.Coding.end, m.Coding.id))]
            yield from rows

    def count_codings(self, coders: Sequence[str | int] | None = None, codes: Sequence[str | int] | None = None,
                      documents: Sequence[int] | None = None) -> int:
        """How many codings an export with these filters writes (for a progress bar)."""
        query = select(func.count(m.Coding.id))
        conditions = []
        if coders is not None:
            conditions.append(m.Coding.coder_id.in_([c.id for c in self._coders(coders)]))
        if codes is not None:
            conditions.append(m.Coding.code_id.in_(self._codes(codes)[1] or set()))
        if documents is not None:
            conditions.append(m.Coding.document_id.in_([int(d) for d in documents]))
        with self._db.reader() as s:
            return s.scalar(query.where(and_(*conditions)) if conditions else query) or 0

    def _sentences_of(self) -> Callable[[int], Sequence[tuple[int, int]]] | None:
        """Stored NLP sentences, when the NLP pass was run; paragraphs for documents it has not seen."""
        with self._db.reader() as s:
            if s.scalar(select(m.Sentence.document_id).limit(1)) is None:
                return None

        def sentences_of(doc_id: int) -> Sequence[tuple[int, int]]:
            spans = self._p.nlp.sentences(doc_id)
            return spans or paragraph_spans(self._p.documents.text(doc_id))

        return sentences_of

    def export_data(self, coders: Sequence[str | int] | None = None, codes: Sequence[str | int] | None = None,
                    documents: Sequence[int] | None = None, include_agreement: bool = False,
                    notes: list[str] | None = None) -> ExportData:
        """What an export writes, filtered by coders (names or ids), codes (paths, with sub-codes) and documents."""
        coder_infos = self._coders(coders)
        code_infos, code_filter = self._codes(codes)
        docs = self._documents(documents)
        coder_ids = [c.id for c in coder_infos] if coders is not None else None
        statuses: dict[tuple[int, int], DocStatus] = {}
        doc_set = {d.id for d in docs}
        for coder in coder_infos:
            for doc_id, status in self._p.documents.statuses(coder.id).items():
                if doc_id in doc_set:
                    statuses[(doc_id, coder.id)] = status
        memos = [mo for mo in self._p.memos.list()
                 if mo.target == "project" or (mo.target == "document" and mo.target_id in doc_set)
                 or (mo.target == "code" and mo.target_id in {c.id for c in code_infos})]
        agreement = self._agreement_rows(coder_infos, codes, documents, notes) if include_agreement else None
        return ExportData(
            documents=docs, text_of=self._p.documents.text, codes=code_infos, coders=coder_infos,
            codings=self._iter_codings([d.id for d in docs], coder_ids, code_filter), memos=memos,
            statuses=statuses, agreement=agreement, sentences_of=self._sentences_of(),
            project_name=self._p.display_name,
        )

    def _agreement_rows(self, coders: list[CoderInfo], codes: Sequence[str | int] | None,
                        documents: Sequence[int] | None, notes: list[str] | None) -> list[dict[str, object]] | None:
        from app.project.agreement_export import report_rows

        names = [c.name for c in coders if not c.consensus]
        if len(names) < 2:
            if notes is not None:
                notes.append("No Agreement sheet: agreement needs at least two coders (consensus layers do not count).")
            return None
        result = self._p.agreement.report(names, codes=codes, documents=documents)
        return report_rows(result.report)

    # --- exporting ---

    def export(self, path: str | Path, coders: Sequence[str | int] | None = None,
               codes: Sequence[str | int] | None = None, documents: Sequence[int] | None = None,
               include_agreement: bool = False, bom: bool = False, guard_formulas: bool = True,
               progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> ExportOutcome:
        """Write ``path`` in the format its suffix names (.xlsx, .csv, .qdc, .qdpx).

        ``progress(done, total)`` counts codings written. A cancelled export raises
        :class:`app.core.exchange.xlsx.ExportCancelled` and leaves no file behind.
        """
        from app.core.exchange.csvout import write_segments_csv
        from app.core.exchange.refi_write import write_qdc, write_qdpx
        from app.core.exchange.xlsx import write_workbook

        path = Path(path)
        suffix = _suffix(path, EXPORT_SUFFIXES, "export")
        if not path.parent.is_dir():
            raise ValidationError(f"folder {path.parent} does not exist")
        notes: list[str] = []
        total = self.count_codings(coders, codes, documents) if suffix != ".qdc" else 0
        step = None if progress is None else (lambda n: progress(n, total))
        if suffix == ".qdc":
            code_infos, _ = self._codes(codes)
            if not code_infos:
                raise ValidationError("the codebook is empty; add codes before exporting it")
            return ExportOutcome(path, "qdc", 0, write_qdc(code_infos, path), notes)
        data = self.export_data(coders, codes, documents, include_agreement and suffix == ".xlsx", notes)
        if include_agreement and suffix != ".xlsx":
            notes.append("The agreement report goes into .xlsx exports only; this file has none.")
        if suffix == ".xlsx":
            safety = write_workbook(data, path, step, cancelled)
        elif suffix == ".csv":
            safety = write_segments_csv(data, path, bom=bom, guard_formulas=guard_formulas,
                                        progress=step, cancelled=cancelled)
        else:
            safety = write_qdpx(data, path, step, cancelled)
        return ExportOutcome(path, suffix[1:], total, safety, notes)

    def export_codebook(self, path: str | Path) -> ExportOutcome:
        """The codebook alone, as an .xlsx Codebook sheet or a REFI-QDA .qdc."""
        from app.core.exchange.codebook_xlsx import write_codebook_xlsx
        from app.core.exchange.refi_write import write_qdc

        path = Path(path)
        suffix = _suffix(path, CODEBOOK_SUFFIXES, "codebook")
        codes = self._p.codebook.list()
        if not codes:
            raise ValidationError("the codebook is empty; there is nothing to export")
        safety = write_codebook_xlsx(codes, path) if suffix == ".xlsx" else write_qdc(codes, path)
        return ExportOutcome(path, suffix[1:], 0, safety, [f"{len(codes)} code(s) written."])

    # --- importing (all or nothing; see exchange_import) ---

    def import_codebook(self, path: str | Path) -> "CodebookImport":
        """Add the codes of an .xlsx or .qdc codebook; refuses codes that clash with existing ones."""
        from app.project.exchange_import import import_codebook

        return import_codebook(self._p, Path(path), _suffix(path, CODEBOOK_SUFFIXES, "codebook"))

    def import_refi(self, path: str | Path) -> "RefiImport":
        """Bring a REFI-QDA project (.qdpx, or a bare .qde) into this project in one transaction."""
        from app.project.exchange_import import import_refi

        return import_refi(self._p, Path(path))
