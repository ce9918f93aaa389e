"""Plain input and output structures of the exporters and the REFI-QDA reader.

``ExportData`` is what the Project fills for an export: frozen records from
``app.core.records`` plus callables, so that document texts are fetched one at
a time and codings can be a generator (a project of 100,000 codings is never
held as one list by the exporters that stream).

``CodeNode`` is one code of a codebook tree as it travels between files and
the Project (codebook import from .xlsx/.qdc, REFI import). ``RefiProject`` is
what a REFI-QDA import returns. All offsets are code points of the text as
stored (after newline normalisation), half-open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.core.records import CodeInfo, CoderInfo, CodingInfo, DocStatus, DocumentInfo, MemoInfo

__all__ = [
    "ExportData",
    "CodeNode",
    "RefiUser",
    "RefiSource",
    "RefiCoding",
    "RefiNote",
    "RefiProject",
    "ImportedCodebook",
    "code_tree_from_infos",
    "walk_codes",
]


@dataclass
class ExportData:
    """Everything an export may write. Filled by the Project, read by the writers.

    ``codings`` may be a one-shot generator: each writer iterates it exactly once.
    ``statuses`` maps ``(document_id, coder_id)`` to that coder's status of the document.
    ``agreement`` rows (plain dicts, keys become column headers) make an Agreement
    sheet when given. ``sentences_of(doc_id)`` returns sentence spans for the context
    column; without it the context is the paragraph (or a window of it).
    """

    documents: Sequence[DocumentInfo]
    text_of: Callable[[int], str]
    codes: Sequence[CodeInfo]
    coders: Sequence[CoderInfo]
    codings: Iterable[CodingInfo]
    memos: Sequence[MemoInfo] = ()
    statuses: Mapping[tuple[int, int], DocStatus] = field(default_factory=dict)
    agreement: list[dict[str, object]] | None = None
    sentences_of: Callable[[int], Sequence[tuple[int, int]]] | None = None
    project_name: str = "Quotecoder project"


@dataclass
class CodeNode:
    """One code of a codebook tree, with its children in order."""

    guid: str
    name: str
    color: str | None = None  # "#rrggbb" or None when the source had none
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    shortcut: str | None = None
    archived: bool = False
    codable: bool = True
    children: list["CodeNode"] = field(default_factory=list)


@dataclass
class ImportedCodebook:
    """A codebook read from a file, with notes on what was added, skipped or guessed."""

    codes: list[CodeNode]
    notes: list[str] = field(default_factory=list)


def walk_codes(roots: Sequence[CodeNode], _parents: tuple[str, ...] = ()) -> Iterator[tuple[CodeNode, tuple[str, ...]]]:
    """Yield ``(node, path)`` depth-first in tree order; ``path`` holds the names from the root."""
    for node in roots:
        path = _parents + (node.name,)
        yield node, path
        yield from walk_codes(node.children, path)


def code_tree_from_infos(codes: Sequence[CodeInfo]) -> list[CodeNode]:
    """Build the ``CodeNode`` tree of a Project codebook (children ordered by ``position``)."""
    nodes = {
        c.id: CodeNode(
            guid=c.uuid,
            name=c.name,
            color=c.color or None,
            description=c.description,
            inclusion=c.inclusion,
            exclusion=c.exclusion,
            example=c.example,
            shortcut=c.shortcut,
            archived=c.archived,
        )
        for c in codes
    }
    roots: list[tuple[int, int, CodeNode]] = []
    children: dict[int, list[tuple[int, int, CodeNode]]] = {}
    for order, c in enumerate(codes):
        entry = (c.position, order, nodes[c.id])
        if c.parent_id is None or c.parent_id not in nodes:
            roots.append(entry)
        else:
            children.setdefault(c.parent_id, []).append(entry)
    for parent_id, kids in children.items():
        nodes[parent_id].children = [n for _, _, n in sorted(kids, key=lambda e: (e[0], e[1]))]
    return [n for _, _, n in sorted(roots, key=lambda e: (e[0], e[1]))]


@dataclass
class RefiUser:
    guid: str
    name: str
    # From Quotecoder's own users extension when the file has one (other programs have no place for these).
    color: str | None = None
    consensus: bool = False


@dataclass
class RefiSource:
    """A text source. ``text`` is None when the file did not carry it (a bare .qde)."""

    guid: str
    name: str
    text: str | None
    variables: dict[str, str] = field(default_factory=dict)
    description: str = ""
    created: datetime | None = None
    modified: datetime | None = None


@dataclass
class RefiCoding:
    """One code applied by one user to ``[start, end)`` of a source, in code points of its stored text."""

    guid: str
    source_guid: str
    code_guid: str
    user_guid: str
    start: int
    end: int
    memo: str = ""
    created: datetime | None = None
    modified: datetime | None = None


@dataclass
class RefiNote:
    """A memo. ``target`` is "project", "source", "code", "selection" or "none"."""

    guid: str
    title: str
    text: str
    target: str = "none"
    target_guid: str | None = None
    author_guid: str | None = None
    modified: datetime | None = None


@dataclass
class RefiProject:
    """What a REFI-QDA import returns; ``conversion_notes`` say what was converted or skipped."""

    name: str
    origin: str
    users: list[RefiUser] = field(default_factory=list)
    codes: list[CodeNode] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    codings: list[RefiCoding] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    # Codings of sources whose text the file did not carry (a bare .qde): positions
    # exactly as written, unconverted, for reporting; they cannot be placed.
    unplaced_codings: list[RefiCoding] = field(default_factory=list)
    conversion_notes: list[str] = field(default_factory=list)
