"""REFI-QDA export: the codebook as ``.qdc`` and the project as ``.qdpx``.

The project XML is streamed into the zip with a SAX writer, so its size in
memory does not grow with the project; source texts go to
``sources/<guid>.txt`` as UTF-8, exactly as stored (LF line endings), so the
positions written are the stored code-point offsets, which is what REFI-QDA
counts. Each coding becomes one PlainTextSelection (one coder, one memo) with
one Coding. Codings are grouped by document before writing, because REFI
nests selections inside their source.
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from xml.sax.saxutils import XMLGenerator

from app.core.exchange.model import CodeNode, ExportData, code_tree_from_infos
from app.core.exchange.refi_common import (
    NS_CODEBOOK,
    NS_PROJECT,
    ORIGIN,
    IMPORT_USER_GUID,
    IMPORT_USER_NAME,
    USERS_EXTENSION,
    as_guid,
    document_variables,
    format_dt,
    pack_code_description,
)
from app.core.exchange.safety import SafetyReport, remove_forbidden
from app.core.exchange.xlsx import PROGRESS_EVERY, ExportCancelled, atomic_output
from app.core.records import CodeInfo, CodingInfo, MemoInfo

__all__ = ["write_qdc", "write_qdpx"]

_NAME_CHARS = 200  # selection names carry the start of the quote, as ATLAS.ti does


class _Xml:
    """Thin wrapper over XMLGenerator that drops XML-forbidden characters and empty attributes."""

    def __init__(self, out: object, report: SafetyReport) -> None:
        self.gen = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
        self.report = report

    def start(self, tag: str, **attrs: object) -> None:
        clean = {k: remove_forbidden(str(v), self.report) for k, v in attrs.items() if v is not None and v != ""}
        self.gen.startElement(tag, clean)

    def end(self, tag: str) -> None:
        self.gen.endElement(tag)

    def leaf(self, tag: str, text: str | None = None, **attrs: object) -> None:
        self.start(tag, **attrs)
        if text:
            self.gen.characters(remove_forbidden(text, self.report))
        self.end(tag)


def _code_nodes(codes: Sequence[CodeInfo] | Sequence[CodeNode]) -> list[CodeNode]:
    if codes and isinstance(codes[0], CodeInfo):
        return code_tree_from_infos(codes)  # type: ignore[arg-type]
    return list(codes)  # type: ignore[arg-type]


def _write_codes(x: _Xml, nodes: Sequence[CodeNode], memo_refs: dict[str, list[str]] | None,
                 code_memos: dict[str, list[tuple[str, str]]] | None = None) -> None:
    for node in nodes:
        color = node.color if node.color and len(node.color) in (4, 7) else None
        x.start("Code", guid=as_guid(node.guid, "code"), name=node.name,
                isCodable="false" if node.archived or not node.codable else "true", color=color)
        # The code's memos go into its Description too: QualCoder reads a code memo nowhere else.
        desc = pack_code_description(node.description, node.inclusion, node.exclusion, node.example, node.shortcut,
                                     (code_memos or {}).get(node.guid, ()))
        if desc:
            x.leaf("Description", desc)
        for note in (memo_refs or {}).get(node.guid, []):
            x.leaf("NoteRef", targetGUID=note)
        _write_codes(x, node.children, memo_refs, code_memos)
        x.end("Code")


def write_qdc(codes: Sequence[CodeInfo] | Sequence[CodeNode], path: str | os.PathLike[str]) -> SafetyReport:
    """Write a REFI-QDA codebook (``.qdc``). Archived codes are written with ``isCodable="false"``."""
    nodes = _code_nodes(codes)
    if not nodes:
        raise ValueError("the codebook is empty; REFI-QDA needs at least one code")
    report = SafetyReport()

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            x = _Xml(fh, report)
            x.gen.startDocument()
            x.start("CodeBook", xmlns=NS_CODEBOOK, origin=ORIGIN)
            x.start("Codes")
            _write_codes(x, nodes, None)
            x.end("Codes")
            x.end("CodeBook")
            x.gen.endDocument()

    atomic_output(path, write)
    return report


def _memo_kind(m: MemoInfo, doc_guid: dict[int, str], code_guid: dict[int, str]) -> tuple[str, str]:
    """Where a memo is attached: ("document", source GUID), ("code", code GUID) or ("project", "")."""
    if m.target == "document" and m.target_id in doc_guid:
        return "document", doc_guid[m.target_id]
    if m.target == "code" and m.target_id in code_guid:
        return "code", code_guid[m.target_id]
    return "project", ""


def _memo_targets(data: ExportData) -> tuple[dict[str, dict[str, list[str]]], dict[str, dict[str, list[tuple[str, str]]]]]:
    """Note GUIDs, and memo (title, text) pairs, per target kind ("project", "document", "code") and target GUID."""
    doc_guid = {d.id: as_guid(d.uuid, "document") for d in data.documents}
    code_guid = {c.id: c.uuid for c in data.codes}
    refs: dict[str, dict[str, list[str]]] = {"project": {}, "document": {}, "code": {}}
    texts: dict[str, dict[str, list[tuple[str, str]]]] = {"project": {}, "document": {}, "code": {}}
    for m in data.memos:
        kind, key = _memo_kind(m, doc_guid, code_guid)
        refs[kind].setdefault(key, []).append(as_guid(m.uuid, "memo"))
        texts[kind].setdefault(key, []).append((m.title, m.text))
    return refs, texts


def _joined(memos: Sequence[tuple[str, str]]) -> str:
    """Memos as one Description text: each titled one under its title, separated by blank lines."""
    parts = []
    for title, text in memos:
        text = text.strip("\n")
        if text.strip():
            parts.append(f"{' '.join(title.split())}\n{text}" if title.strip() and len(memos) > 1 else text)
    return "\n\n".join(parts)


def _users_extension(data: ExportData, coder_guid: dict[int, str]) -> bytes:
    """Coder colours and the consensus flag, which REFI-QDA's <User> cannot hold.

    Written as a zip entry of its own beside project.qde: other programs read only the
    project XML and its sources, so they never see it, and the XML stays schema-valid.
    """
    users = {coder_guid[c.id]: {"name": c.name, "color": c.color or None, "consensus": bool(c.consensus)}
             for c in data.coders}
    return json.dumps({"format": 1, "users": users}, ensure_ascii=False, indent=1).encode("utf-8")


def write_qdpx(
    data: ExportData,
    path: str | os.PathLike[str],
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SafetyReport:
    """Write the whole project as a REFI-QDA ``.qdpx`` archive; returns what sanitising changed."""
    report = SafetyReport()
    by_doc: dict[int, list[CodingInfo]] = {}
    for n, c in enumerate(data.codings, start=1):
        by_doc.setdefault(c.document_id, []).append(c)
        if n % PROGRESS_EVERY == 0 and cancelled is not None and cancelled():
            raise ExportCancelled("export cancelled")
    coder_guid = {c.id: as_guid(c.uuid, "coder") for c in data.coders}
    code_guid = {c.id: as_guid(c.uuid, "code") for c in data.codes}
    memos, memo_texts = _memo_targets(data)

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for d in data.documents:
                text = data.text_of(d.id)
                zf.writestr(f"sources/{as_guid(d.uuid, 'document')}.txt", text.encode("utf-8", "replace"))
            journals = set(memos["project"].get("", ()))
            for m in data.memos:  # project memos are journals, which QualCoder reads only from a text file
                if as_guid(m.uuid, "memo") in journals:
                    zf.writestr(f"sources/{as_guid(m.uuid, 'memo')}.txt",
                                remove_forbidden(m.text, report).encode("utf-8", "replace"))
            if data.coders:
                zf.writestr(USERS_EXTENSION, _users_extension(data, coder_guid))
            with zf.open("project.qde", "w", force_zip64=True) as raw:
                x = _Xml(raw, report)
                _write_project(x, data, by_doc, coder_guid, code_guid, (memos, memo_texts), progress, cancelled)

    atomic_output(path, write)
    return report


def _write_project(
    x: _Xml,
    data: ExportData,
    by_doc: dict[int, list[CodingInfo]],
    coder_guid: dict[int, str],
    code_guid: dict[int, str],
    memo_info: tuple[dict[str, dict[str, list[str]]], dict[str, dict[str, list[tuple[str, str]]]]],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    memos, memo_texts = memo_info
    journals = set(memos["project"].get("", ()))
    # Who "created" each source: REFI readers invent a user when there is none (QualCoder: "default").
    people = [c for c in data.coders if not c.consensus] or list(data.coders)
    source_user = coder_guid[people[0].id] if people else IMPORT_USER_GUID
    x.gen.startDocument()
    x.start("Project", xmlns=NS_PROJECT, name=data.project_name, origin=ORIGIN, creationDateTime=format_dt(datetime.now(timezone.utc)))
    x.start("Users")
    for c in data.coders:
        x.leaf("User", guid=coder_guid[c.id], name=c.name)
    if not data.coders:
        x.leaf("User", guid=IMPORT_USER_GUID, name=IMPORT_USER_NAME)
    x.end("Users")
    if data.codes:
        x.start("CodeBook")
        x.start("Codes")
        _write_codes(x, code_tree_from_infos(data.codes), memos["code"], memo_texts["code"])
        x.end("Codes")
        x.end("CodeBook")
    variables: dict[str, str] = {}
    doc_vars = {d.id: document_variables(d) for d in data.documents}
    for values in doc_vars.values():
        for name, kind, _ in values:
            variables.setdefault(name, kind)
    if variables:
        x.start("Variables")
        for name, kind in variables.items():
            x.leaf("Variable", guid=as_guid(name, "variable"), name=name, typeOfVariable=kind)
        x.end("Variables")
    written = 0
    if data.documents:
        x.start("Sources")
        for d in data.documents:
            guid = as_guid(d.uuid, "document")
            x.start("TextSource", guid=guid, name=d.title, plainTextPath=f"internal://{guid}.txt",
                    creatingUser=source_user, creationDateTime=format_dt(d.imported_at) if d.imported_at else None)
            described = _joined(memo_texts["document"].get(guid, ()))
            if described:  # the document's memos, where QualCoder and MAXQDA show a source memo
                x.leaf("Description", described)
            codings = by_doc.get(d.id, [])
            text = data.text_of(d.id) if codings else ""
            for c in codings:
                _write_selection(x, c, text, coder_guid, code_guid)
                written += 1
                if written % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled("export cancelled")
                    if progress is not None:
                        progress(written)
            for note in memos["document"].get(guid, []):
                x.leaf("NoteRef", targetGUID=note)
            for name, kind, value in doc_vars[d.id]:
                x.start("VariableValue")
                x.leaf("VariableRef", targetGUID=as_guid(name, "variable"))
                x.leaf("DateValue" if kind == "Date" else "TextValue", value)
                x.end("VariableValue")
            x.end("TextSource")
        x.end("Sources")
    if data.memos:
        x.start("Notes")
        for m in data.memos:
            _write_note(x, m, coder_guid, as_guid(m.uuid, "memo") in journals)
        x.end("Notes")
    described = _joined(memo_texts["project"].get("", ()))
    if described:  # the project memos, where other programs show the project's memo
        x.leaf("Description", described)
    for note in memos["project"].get("", []):
        x.leaf("NoteRef", targetGUID=note)
    x.end("Project")
    x.gen.endDocument()


def _write_selection(x: _Xml, c: CodingInfo, text: str, coder_guid: dict[int, str], code_guid: dict[int, str]) -> None:
    coding = as_guid(c.uuid, "coding")
    user = coder_guid.get(c.coder_id)
    created = format_dt(c.created_at) if c.created_at else None
    x.start("PlainTextSelection", guid=str(uuid.uuid5(uuid.UUID(coding), "selection")),
            name=" ".join(text[c.start : c.end][:_NAME_CHARS].split()),
            startPosition=c.start, endPosition=c.end, creatingUser=user, creationDateTime=created,
            modifyingUser=user if c.modified_at else None,
            modifiedDateTime=format_dt(c.modified_at) if c.modified_at else None)
    if c.memo:
        x.leaf("Description", c.memo)
    x.start("Coding", guid=coding, creatingUser=user, creationDateTime=created)
    x.leaf("CodeRef", targetGUID=code_guid[c.code_id])
    x.end("Coding")
    x.end("PlainTextSelection")


def _write_note(x: _Xml, m: MemoInfo, coder_guid: dict[int, str], journal: bool) -> None:
    """A Note; a journal (project memo) names its text file, as REFI allows and QualCoder requires."""
    author = coder_guid.get(m.author_id) if m.author_id is not None else None
    modified = format_dt(m.modified_at) if m.modified_at else None
    guid = as_guid(m.uuid, "memo")
    x.start("Note", guid=guid, name=m.title, plainTextPath=f"internal://{guid}.txt" if journal else None,
            creatingUser=author, modifyingUser=author if modified else None, modifiedDateTime=modified)
    if not journal:  # REFI: PlainTextContent or plainTextPath, never both
        x.leaf("PlainTextContent", m.text)
    x.end("Note")
