"""Codebook to and from .xlsx.

Export writes the Codebook sheet of the full workbook (without counts). Import
reads that sheet back, or any simple sheet with a path column (names joined by
``/``, MAXQDA's ``>``, ``\\`` or ATLAS.ti's ``::``) and optional colour,
description, inclusion, exclusion, example, shortcut, archived and GUID
columns. Missing parents are created; duplicate paths are skipped; each of
those is reported in the notes.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Sequence

from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from app.core.exchange.model import CodeNode, ImportedCodebook
from app.core.exchange.safety import SafetyReport
from app.core.exchange.xlsx import atomic_output
from app.core.exchange.xlsx_sheets import write_codebook_sheet
from app.core.records import CodeInfo

__all__ = ["write_codebook_xlsx", "read_codebook_xlsx", "CodebookFormatError", "code_guid_for_path"]

_HEX = re.compile(r"^#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_ROLES = {
    "path": ("fullpath", "path", "codepath", "codesystem", "code", "codes", "category", "name", "codename"),
    "name": ("name",),
    "color": ("colour", "color", "codecolour", "codecolor"),
    "description": ("definition", "description", "memo", "codememo", "comment", "comments"),
    "inclusion": ("inclusioncriteria", "inclusion"),
    "exclusion": ("exclusioncriteria", "exclusion"),
    "example": ("example", "examples", "anchorexample"),
    "shortcut": ("shortcut", "key"),
    "archived": ("archived",),
    "guid": ("guid", "uuid", "id"),
}
_TRUE = {"yes", "true", "1", "x", "y", "ja", "oui"}


class CodebookFormatError(ValueError):
    """The file is not a codebook this program can read; the message says why."""


def code_guid_for_path(path: Sequence[str]) -> str:
    """A stable GUID for a code known only by its path, so re-importing gives the same GUIDs."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "quotecoder:code:" + "\x1f".join(path)))


def write_codebook_xlsx(codes: Sequence[CodeInfo], path: str | os.PathLike[str]) -> SafetyReport:
    """Write the codebook (tree order) as one Codebook sheet."""
    report = SafetyReport()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        write_codebook_sheet(wb, codes, [], None, report, set())
        wb.save(tmp)

    atomic_output(path, write)
    return report


def _key(header: object) -> str:
    return re.sub(r"[^a-z]", "", str(header or "").lower())


def _find_columns(row: Sequence[object]) -> dict[str, int]:
    keys = [_key(v) for v in row]
    found: dict[str, int] = {}
    for role, names in _ROLES.items():
        for name in names:  # earlier names win
            if name in keys and keys.index(name) not in found.values():
                found[role] = keys.index(name)
                break
    return found


def _text(row: Sequence[object], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    return str(row[col]).strip()


def _split(path: str, sep: str) -> list[str]:
    return [p.strip() for p in path.split(sep) if p.strip()]


_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")


def _guid(value: str) -> str:
    """``value`` when it is a GUID (a plain row number in an "ID" column is not)."""
    return value if _GUID.match(value) else ""


def _color(value: str) -> str | None:
    m = _HEX.match(value)
    if not m:
        return None
    h = m.group(1)
    return "#" + (h if len(h) == 6 else "".join(ch * 2 for ch in h))


def read_codebook_xlsx(path: str | os.PathLike[str]) -> ImportedCodebook:
    """Read a codebook from the "Codebook" sheet, or the first sheet with a code/path column."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CodebookFormatError(f"{os.fspath(path)} is not a readable .xlsx workbook: {exc}") from exc
    try:
        sheets = sorted(wb.worksheets, key=lambda ws: ws.title.lower() != "codebook")
        for ws in sheets:
            rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
            for i, row in enumerate(rows[:10]):
                cols = _find_columns(row)
                if "path" in cols:
                    return _build(rows[i + 1 :], cols, ws.title)
    finally:
        wb.close()
    raise CodebookFormatError("no sheet has a column named Full path, Path, Code or Name in its first ten rows")


def _build(rows: list[tuple[object, ...]], cols: dict[str, int], sheet: str) -> ImportedCodebook:
    notes: list[str] = []
    values = [_text(r, cols["path"]) for r in rows]
    sep = "/"
    for candidate in (">", "\\", "::", "/"):
        if any(candidate in v for v in values):
            sep = candidate
            break
    by_path: dict[tuple[str, ...], CodeNode] = {}
    roots: list[CodeNode] = []
    for n, row in enumerate(rows, start=2):
        raw = _text(row, cols["path"])
        if not raw:
            continue
        parts = _split(raw, sep)
        name = _text(row, cols.get("name"))
        if name and sep in name and raw.endswith(name):
            # A leaf name that holds the separator itself: keep it whole.
            head = raw[: -len(name)].rstrip().removesuffix(sep)
            parts = (_split(head, sep) if head else []) + [name]
        key = tuple(parts)
        if key in by_path and not by_path[key].guid.startswith("auto:"):
            notes.append(f"{sheet} row {n}: {raw!r} appears twice; the second row was skipped")
            continue
        for depth in range(1, len(parts)):
            parent_key = key[:depth]
            if parent_key not in by_path:
                _attach(by_path, roots, parent_key, CodeNode(guid="auto:" + code_guid_for_path(parent_key), name=parent_key[-1]))
                notes.append(f"{sheet} row {n}: parent {sep.join(parent_key)!r} was missing and was created")
        color_text = _text(row, cols.get("color"))
        node = CodeNode(
            guid=_guid(_text(row, cols.get("guid"))) or code_guid_for_path(key),
            name=parts[-1],
            color=_color(color_text) if color_text else None,
            description=_text(row, cols.get("description")),
            inclusion=_text(row, cols.get("inclusion")),
            exclusion=_text(row, cols.get("exclusion")),
            example=_text(row, cols.get("example")),
            shortcut=_text(row, cols.get("shortcut")) or None,
            archived=_text(row, cols.get("archived")).lower() in _TRUE,
        )
        if color_text and node.color is None:
            notes.append(f"{sheet} row {n}: colour {color_text!r} is not #rrggbb and was left out")
        if key in by_path:  # a parent created earlier now gets its own row
            node.children = by_path[key].children
            _replace(by_path, roots, key, node)
        else:
            _attach(by_path, roots, key, node)
    for node in by_path.values():
        node.guid = node.guid.removeprefix("auto:")
    if not roots:
        raise CodebookFormatError(f"sheet {sheet!r} has a code column but no codes")
    return ImportedCodebook(roots, notes)


def _attach(by_path: dict[tuple[str, ...], CodeNode], roots: list[CodeNode], key: tuple[str, ...], node: CodeNode) -> None:
    by_path[key] = node
    (by_path[key[:-1]].children if len(key) > 1 else roots).append(node)


def _replace(by_path: dict[tuple[str, ...], CodeNode], roots: list[CodeNode], key: tuple[str, ...], node: CodeNode) -> None:
    siblings = by_path[key[:-1]].children if len(key) > 1 else roots
    siblings[siblings.index(by_path[key])] = node
    by_path[key] = node
