"""REFI-QDA import: ``.qdc`` codebooks and ``.qdpx``/``.qde`` projects into plain structures.

Lenient where real writers differ (namespace variants, inner file names, folder
case, empty containers, missing users or names) and strict where data would be
wrong: positions are converted to code points of the stored text (see
:mod:`refi_positions`), codings that do not fit their text are dropped, and
every conversion or omission is written to ``conversion_notes``. A file that is
not REFI-QDA at all raises :class:`RefiFormatError` with the reason.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element

from app.core.exchange.model import CodeNode, ImportedCodebook, RefiCoding, RefiNote, RefiProject, RefiSource, RefiUser
from app.core.exchange.refi_common import (
    ORIGIN,
    USERS_EXTENSION,
    RefiFormatError,
    as_guid,
    local_name,
    parse_dt,
    read_entry,
    description_memos,
    unpack_code_description,
)
from app.core.exchange.refi_files import NoFiles, SourceFiles, ZipFiles, decode_text, open_qdpx, parse_xml, sibling_sources
from app.core.exchange.refi_positions import ALL_SCHEMES, Evidence, PositionMapper, choose_scheme
from app.core.text import normalize_newlines

__all__ = ["read_qdc", "read_qdpx", "read_qde", "read_refi_project", "RefiFormatError"]

_RGB = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
UNKNOWN_USER = "Unknown coder (REFI import)"


def _kids(el: Element | None, name: str) -> list[Element]:
    return [c for c in el if local_name(c.tag) == name] if el is not None else []


def _kid(el: Element | None, *names: str) -> Element | None:
    for name in names:
        found = _kids(el, name)
        if found:
            return found[0]
    return None


def _text(el: Element | None, name: str) -> str:
    child = _kid(el, name)
    return (child.text or "") if child is not None else ""


def _color(value: str | None, notes: list[str], name: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if _RGB.match(value):
        return value if len(value) == 7 else "#" + "".join(ch * 2 for ch in value[1:])
    if re.match(r"^#[0-9A-Fa-f]{8}$", value):
        notes.append(f"Code {name!r}: colour {value} had an alpha channel; kept {value[:7]}")
        return value[:7]
    notes.append(f"Code {name!r}: colour {value!r} is not #rrggbb and was left out")
    return None


class _Ctx:
    """State of one import: notes, seen GUIDs and where NoteRefs point."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.ours = origin.startswith(ORIGIN.split()[0])
        self.notes: list[str] = []
        self.code_guids: set[str] = set()
        self.code_memos: list[tuple[str, str, str]] = []  # (code GUID, title, text) from other programs' Descriptions
        self.note_targets: dict[str, tuple[str, str | None]] = {}

    def refs(self, el: Element, target: str, guid: str | None) -> None:
        for ref in _kids(el, "NoteRef"):
            if ref.get("targetGUID"):
                self.note_targets.setdefault(ref.get("targetGUID", ""), (target, guid))


def _codes(parent: Element | None, ctx: _Ctx, path: tuple[str, ...] = ()) -> list[CodeNode]:
    out = []
    for el in _kids(parent, "Code"):
        name = el.get("name") or "(unnamed code)"
        guid = el.get("guid") or ""
        if not guid or guid in ctx.code_guids:
            new = as_guid("/".join(path + (name, guid)), "code")
            ctx.notes.append(f"Code {name!r} had a missing or repeated GUID; it was given {new}")
            guid = new
        ctx.code_guids.add(guid)
        description = _text(el, "Description")
        codable = (el.get("isCodable") or "true").strip().lower() not in ("false", "0")
        node = CodeNode(guid=guid, name=name, color=_color(el.get("color"), ctx.notes, name),
                        description=description, codable=codable)
        # Definition, inclusion, exclusion and example sections, whoever wrote them. Our own
        # "[Memo: ...]" copies are dropped (the Notes carry those memos); another program's become notes.
        fields = unpack_code_description(description)
        node.description = fields["description"]
        node.inclusion, node.exclusion = fields.get("inclusion", ""), fields.get("exclusion", "")
        node.example = fields.get("example", "")
        if not ctx.ours:
            ctx.code_memos.extend((guid, title, text) for title, text in description_memos(description))
            if fields.get("shortcut"):  # another program's key is not ours to bind: keep it as text
                node.description = "\n\n".join(p for p in (node.description, f"Shortcut: {fields['shortcut']}") if p)
        if ctx.ours:
            node.shortcut = fields.get("shortcut") or None
            node.archived, node.codable = not codable, True
        ctx.refs(el, "code", guid)
        node.children = _codes(el, ctx, path + (name,))
        out.append(node)
    return out


def read_qdc(source: str | os.PathLike[str] | bytes) -> ImportedCodebook:
    """Read a REFI-QDA codebook (``.qdc``)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    root = parse_xml(data, "the codebook")
    if local_name(root.tag).lower() != "codebook":
        raise RefiFormatError(f"not a REFI-QDA codebook: the root element is <{local_name(root.tag)}>, not <CodeBook>")
    ctx = _Ctx(root.get("origin") or "")
    codes = _codes(_kid(root, "Codes"), ctx)
    if not codes:
        ctx.notes.append("The codebook holds no codes")
    return ImportedCodebook(codes, ctx.notes)


def read_qdpx(source: str | os.PathLike[str] | bytes | BinaryIO) -> RefiProject:
    """Read a REFI-QDA project archive with its source texts."""
    zf, qde = open_qdpx(source)
    with zf:
        project = _project(parse_xml(read_entry(zf, qde), qde.filename), ZipFiles(zf))
        _users_extension(zf, project)
        return project


def _users_extension(zf, project: RefiProject) -> None:
    """Coder colours and consensus flags from Quotecoder's own zip entry, when there is one."""
    info = next((i for i in zf.infolist() if i.filename == USERS_EXTENSION), None)
    if info is None:
        return
    try:
        users = json.loads(read_entry(zf, info).decode("utf-8")).get("users", {})
    except (ValueError, AttributeError, RefiFormatError):
        project.conversion_notes.append(f"{USERS_EXTENSION} is unreadable; coder colours and the consensus flag were not restored")
        return
    for user in project.users:
        extra = users.get(user.guid) if isinstance(users, dict) else None
        if not isinstance(extra, dict):
            continue
        color = extra.get("color")
        user.color = color if isinstance(color, str) and _RGB.match(color) else None
        user.consensus = extra.get("consensus") is True


def read_qde(path: str | os.PathLike[str]) -> RefiProject:
    """Read a bare project XML; texts come from a ``sources`` folder beside it when there is one."""
    path = Path(path)
    return _project(parse_xml(path.read_bytes(), path.name), sibling_sources(path))


def read_refi_project(path: str | os.PathLike[str]) -> RefiProject:
    """A .qdpx or a bare .qde, told apart by content (a zip starts with ``PK``)."""
    with open(path, "rb") as fh:
        zipped = fh.read(2) == b"PK"
    return read_qdpx(path) if zipped else read_qde(path)


def _variables(el: Element, names: dict[str, str]) -> dict[str, str]:
    out = {}
    for vv in _kids(el, "VariableValue"):
        ref = _kid(vv, "VariableRef")
        name = names.get(ref.get("targetGUID", "") if ref is not None else "")
        values = [c for c in vv if local_name(c.tag).endswith("Value")]
        if name and values:
            out[name] = (values[0].text or "").strip()
    return out


def _project(root: Element, files: SourceFiles) -> RefiProject:
    if local_name(root.tag) != "Project":
        raise RefiFormatError(f"not a REFI-QDA project: the root element is <{local_name(root.tag)}>, not <Project>")
    origin = root.get("origin") or ""
    ctx = _Ctx(origin)
    project = RefiProject(name=root.get("name") or "REFI-QDA project", origin=origin)
    project.users = [RefiUser(u.get("guid", ""), u.get("name") or u.get("id") or u.get("guid", ""))
                     for u in _kids(_kid(root, "Users"), "User") if u.get("guid")]
    project.codes = _codes(_kid(_kid(root, "CodeBook", "Codebook"), "Codes"), ctx)
    ctx.refs(root, "project", None)
    description = _text(root, "Description")
    var_names = {v.get("guid", ""): v.get("name", "") for v in _kids(_kid(root, "Variables"), "Variable")}
    raw_selections = _sources(root, files, project, ctx, var_names)
    _apply_cases(root, project, var_names, ctx)
    _codings(raw_selections, project, ctx, root.get("creatingUserGUID"))
    _notes(root, files, project, ctx)
    if not ctx.ours:  # our own Descriptions only repeat memos that the Notes carry
        if description.strip():
            project.notes.append(RefiNote(as_guid(description, "project-description"), "Project description",
                                          description, "project"))
        for code_guid, title, text in ctx.code_memos:
            project.notes.append(RefiNote(as_guid(f"{code_guid}:{title}:{text}", "code-memo"), title or "Memo",
                                          text, "code", code_guid))
    project.conversion_notes = ctx.notes
    return project


def _sources(root: Element, files: SourceFiles, project: RefiProject, ctx: _Ctx,
             var_names: dict[str, str]) -> dict[str, tuple[str, list[Element], list[Element]]]:
    """Text sources into ``project``; returns per source GUID its raw text, selections and whole-text codings."""
    skipped: Counter[str] = Counter()
    missing_text: dict[str, Element] = {}
    raw_by_source: dict[str, tuple[str, list[Element], list[Element]]] = {}
    for src in _kid(root, "Sources") or []:
        kind = local_name(src.tag)
        if kind != "TextSource":
            skipped[kind] += 1
            continue
        guid = src.get("guid") or as_guid(src.get("name") or str(len(project.sources)), "source")
        path = src.get("plainTextPath") or ""
        name = src.get("name") or (os.path.basename(path.split("://")[-1]) if path else guid)
        raw: str | None = None
        content = _kid(src, "PlainTextContent")
        if content is not None:
            raw = content.text or ""
        elif path:
            data = files.read(path)
            if data is not None:
                raw, problem = decode_text(data)
                if problem:
                    ctx.notes.append(f"Source {name!r}: its text file {problem}")
        if raw is None:
            ctx.notes.append(f"Source {name!r}: the text ({path or 'no path given'}) is not in the file; "
                             "its codings cannot be placed and were left out")
            missing_text[guid] = src
        text = normalize_newlines(raw) if raw is not None else None
        # Our Description of a source repeats its memos (for QualCoder); the Notes carry them.
        description = "" if ctx.ours else _text(src, "Description")
        project.sources.append(RefiSource(guid, name, text, _variables(src, var_names), description,
                                          parse_dt(src.get("creationDateTime")), parse_dt(src.get("modifiedDateTime"))))
        ctx.refs(src, "source", guid)
        if raw is not None:
            raw_by_source[guid] = (raw, _kids(src, "PlainTextSelection"), _kids(src, "Coding"))
    for kind, n in sorted(skipped.items()):
        ctx.notes.append(f"{n} {kind} source(s) skipped: only text sources are imported")
    _unplaced(missing_text, project, ctx, root.get("creatingUserGUID"))
    return raw_by_source


def _unplaced(missing_text: dict[str, Element], project: RefiProject, ctx: _Ctx, project_user: str | None) -> None:
    """Codings of sources without text, kept with their positions as written."""
    dropped: Counter[str] = Counter()
    fallback = project_user if project_user in {u.guid for u in project.users} else None
    for guid, src in missing_text.items():
        for sel in _kids(src, "PlainTextSelection"):
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                continue
            for coding in _kids(sel, "Coding"):
                _add_coding(project, ctx, coding, sel, guid, start, end, _text(sel, "Description"), fallback,
                            dropped, project.unplaced_codings)


def _apply_cases(root: Element, project: RefiProject, var_names: dict[str, str], ctx: _Ctx) -> None:
    by_guid = {s.guid: s for s in project.sources}
    applied = 0
    for case in _kids(_kid(root, "Cases"), "Case"):
        values = _variables(case, var_names)
        for ref in _kids(case, "SourceRef"):
            source = by_guid.get(ref.get("targetGUID", ""))
            if source is not None and values:
                for k, v in values.items():
                    source.variables.setdefault(k, v)
                applied += 1
    if applied:
        ctx.notes.append(f"Case variables were copied to {applied} source(s) that belong to those cases")


def _codings(raw_by_source: dict[str, tuple[str, list[Element], list[Element]]], project: RefiProject,
             ctx: _Ctx, project_user: str | None) -> None:
    evidence = []
    for raw, selections, _ in raw_by_source.values():
        norm = normalize_newlines(raw)
        for sel in selections:
            try:
                evidence.append(Evidence(raw, norm, int(sel.get("startPosition", "")), int(sel.get("endPosition", "")), sel.get("name") or ""))
            except ValueError:
                continue
    scheme, reason = choose_scheme(evidence, project.origin)
    users = {u.guid for u in project.users}
    fallback = project_user if project_user in users else None
    dropped: Counter[str] = Counter()
    moved = memo_only = 0
    converted_sources: list[str] = []
    names = {s.guid: s.name for s in project.sources}
    for source_guid, (raw, selections, whole) in raw_by_source.items():
        mapper = PositionMapper(raw, scheme)
        ends = [int(s.get("endPosition", "0") or 0) for s in selections if (s.get("endPosition") or "").lstrip("-").isdigit()]
        if ends and max(ends) > mapper.unit_length:
            fitting = [s for s in ALL_SCHEMES if PositionMapper(raw, s).unit_length >= max(ends)]
            if fitting:
                mapper = PositionMapper(raw, fitting[0])
                ctx.notes.append(f"Source {names[source_guid]!r}: positions run past the text as {scheme.describe()}; "
                                 f"read as {fitting[0].describe()} instead")
        if selections and (not mapper.identity or "\r\n" in raw):
            converted_sources.append(names[source_guid])
        for sel in selections:
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                dropped["positions that are not numbers"] += len(_kids(sel, "Coding")) or 1
                continue
            codings = _kids(sel, "Coding")
            memo = _text(sel, "Description")
            ctx.refs(sel, "source", source_guid)
            if not codings:
                memo_only += 1
                if memo:
                    project.notes.append(RefiNote(as_guid(sel.get("guid") or memo, "selection-memo"), "Memo on a selection",
                                                  memo, "source", source_guid, sel.get("creatingUser")))
                continue
            if not (0 <= start < end <= mapper.unit_length):
                dropped["positions outside the text"] += len(codings)
                continue
            cp_start, cp_end = mapper.to_cp(start), mapper.to_cp(end)
            moved += len(codings) if (cp_start, cp_end) != (start, end) else 0
            for coding in codings:
                _add_coding(project, ctx, coding, sel, source_guid, cp_start, cp_end, memo, fallback, dropped)
        for coding in whole:
            _add_coding(project, ctx, coding, coding, source_guid, 0, mapper.length, "", fallback, dropped)
    if converted_sources:
        ctx.notes.append(f"Positions were read as {scheme.describe()} ({reason}) and converted to code points of the "
                         f"text with LF line endings in {len(converted_sources)} source(s) "
                         f"({', '.join(converted_sources[:5])}); {moved} coding(s) moved")
    if memo_only:
        ctx.notes.append(f"{memo_only} selection(s) had no code (memo only); their memos were kept as notes on the source")
    for why, n in sorted(dropped.items()):
        ctx.notes.append(f"{n} coding(s) left out: {why}")


def _add_coding(project: RefiProject, ctx: _Ctx, coding: Element, sel: Element, source_guid: str, start: int,
                end: int, memo: str, fallback: str | None, dropped: Counter[str],
                into: list[RefiCoding] | None = None) -> None:
    ref = _kid(coding, "CodeRef")
    code = ref.get("targetGUID", "") if ref is not None else ""
    if code not in ctx.code_guids:
        dropped["the code is not in the codebook"] += 1
        return
    user = coding.get("creatingUser") or sel.get("creatingUser") or fallback
    if user is None:
        user = as_guid(UNKNOWN_USER, "user")
    if user not in {u.guid for u in project.users}:
        known = user == as_guid(UNKNOWN_USER, "user")
        project.users.append(RefiUser(user, UNKNOWN_USER if known else f"User {user[:8]}"))
        ctx.notes.append(f"Codings without a listed user were given the coder {project.users[-1].name!r}")
    guid = coding.get("guid") or as_guid(f"{sel.get('guid')}:{code}", "coding")
    (project.codings if into is None else into).append(RefiCoding(guid, source_guid, code, user, start, end, memo,
                                      parse_dt(coding.get("creationDateTime") or sel.get("creationDateTime")),
                                      parse_dt(sel.get("modifiedDateTime"))))


def _notes(root: Element, files: SourceFiles, project: RefiProject, ctx: _Ctx) -> None:
    for el in _kids(_kid(root, "Notes"), "Note"):
        guid = el.get("guid") or as_guid(el.get("name") or "", "note")
        content = _kid(el, "PlainTextContent")
        text = content.text or "" if content is not None else None
        if text is None and el.get("plainTextPath"):
            data = files.read(el.get("plainTextPath", ""))
            text = normalize_newlines(decode_text(data)[0]) if data is not None else None
            if text is None:
                ctx.notes.append(f"Note {el.get('name') or guid!r}: its text file is not in the file; kept with its description")
        if text is None or not text:
            text = _text(el, "Description") if text is None else text
        target, target_guid = ctx.note_targets.get(guid, ("none", None))
        project.notes.append(RefiNote(guid, el.get("name") or "Note", text, target, target_guid,
                                      el.get("creatingUser"), parse_dt(el.get("modifiedDateTime"))))
