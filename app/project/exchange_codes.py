"""Adding a codebook tree (``CodeNode``s from a file) to the project inside one transaction.

Two policies. A codebook import is strict: a code whose path is already taken
by another code, or whose GUID already belongs to a code elsewhere, is a clash,
and clashes are collected and refused together (the caller's transaction rolls
back). A REFI project import is lenient: a code at an existing path is reused
(its codings land there), a GUID that is taken elsewhere gets a new one, and
both are noted. A code at the same path with the same GUID is the same code in
both policies and is reused. Archived codes are archived after the codings are
in, because an archived code takes no new codings.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.exchange.model import CodeNode
from app.storage import models as m

if TYPE_CHECKING:
    from app.project.service import Project

__all__ = ["TreeResult", "add_code_tree", "clean_uuid"]

_SLASH = "\u2215"  # DIVISION SLASH: looks like "/", which separates levels of a code path


def clean_uuid(value: str | None) -> str | None:
    """A GUID as the database stores it (lower case, no braces), or None if it is not one."""
    if not value:
        return None
    try:
        return str(uuidlib.UUID(value.strip().strip("{}")))
    except ValueError:
        return None


@dataclass
class TreeResult:
    """GUID in the file -> code id in the project, and what happened on the way."""

    ids: dict[str, int] = field(default_factory=dict)
    added: int = 0
    reused: int = 0
    clashes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    archive: list[m.Code] = field(default_factory=list)

    def finish(self) -> None:
        """Archive the codes the file marked archived (call after codings are added)."""
        for row in self.archive:
            row.archived = True


def _clean_name(name: str, notes: list[str]) -> str:
    clean = " ".join((name or "").split()) or "(unnamed code)"
    if "/" in clean:
        notes.append(f"Code {clean!r}: '/' separates code levels here, so it became {_SLASH!r}")
        clean = clean.replace("/", _SLASH)
    return clean[:500]


def _sibling(s: Session, parent_id: int | None, name: str) -> m.Code | None:
    where = m.Code.parent_id.is_(None) if parent_id is None else m.Code.parent_id == parent_id
    return s.scalar(select(m.Code).where(where, func.lower(m.Code.name) == name.lower()).limit(1))


def add_code_tree(project: "Project", s: Session, roots: Sequence[CodeNode], strict: bool) -> TreeResult:
    """Add ``roots`` (depth first, siblings in file order) inside ``s``; see the module docstring."""
    result = TreeResult()
    created: set[int] = set()
    shortcuts = {sc for sc in s.scalars(select(m.Code.shortcut)) if sc}

    def walk(nodes: Sequence[CodeNode], parent_id: int | None, parent_path: str) -> None:
        for node in nodes:
            name = _clean_name(node.name, result.notes)
            path = f"{parent_path}/{name}" if parent_path else name
            guid = clean_uuid(node.guid)
            by_uuid = s.scalar(select(m.Code).where(m.Code.uuid == guid)) if guid else None
            at_path = _sibling(s, parent_id, name)
            if at_path is not None and at_path.id in created:
                # Two siblings of the same name in the file itself: keep both, apart.
                n = 2
                while _sibling(s, parent_id, f"{name} ({n})") is not None:
                    n += 1
                result.notes.append(f"Code {path!r} appears twice under one parent; the second became '{name} ({n})'")
                name, path, at_path = f"{name} ({n})", f"{path} ({n})", None
            if at_path is not None and by_uuid is not None and at_path.id == by_uuid.id:
                row = at_path
                result.reused += 1
            elif at_path is not None:
                if strict:
                    result.clashes.append(f"'{path}' already exists (as another code)")
                    continue
                row = at_path
                result.reused += 1
                result.notes.append(f"Code {path!r} already exists; its codings from the file were added to it")
            else:
                if by_uuid is not None:
                    if strict:
                        result.clashes.append(f"'{path}' has the GUID of the existing code '{by_uuid.name}'")
                        continue
                    result.notes.append(f"Code {path!r} had the GUID of another code here; it was given a new one")
                    guid = None
                shortcut = node.shortcut or None
                if shortcut and shortcut in shortcuts:
                    if strict:
                        result.clashes.append(f"'{path}' wants the shortcut {shortcut}, which another code has")
                        continue
                    result.notes.append(f"Code {path!r}: the shortcut {shortcut} is taken and was left out")
                    shortcut = None
                row = project.codebook.add_in(
                    s, name, parent_id, color=node.color, description=node.description, inclusion=node.inclusion,
                    exclusion=node.exclusion, example=node.example, shortcut=shortcut, uuid=guid,
                )
                if shortcut:
                    shortcuts.add(shortcut)
                created.add(row.id)
                result.added += 1
                if node.archived:
                    result.archive.append(row)
            result.ids[node.guid] = row.id
            walk(node.children, row.id, path)

    walk(roots, None, "")
    return result
