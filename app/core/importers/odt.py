"""OpenDocument text (``.odt``): paragraphs, headings, lists, tables and notes in order.

Parsed with odfpy, which reads the XML through defusedxml (no entity expansion).
odfpy's own ``teletype.extractText`` would put a footnote's body in the middle of
the sentence that cites it, so the walk here is our own: notes are collected and
appended after the body as ``[1] ...`` lines, tracked deletions are left out,
``text:s``/``text:tab``/``text:line-break`` become spaces, tabs and newlines.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax import SAXException

from defusedxml import DefusedXmlException
from odf import opendocument
from odf.element import Element, Node
from odf.table import TableRow

from app.core.importers.archive import open_office_zip
from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import join_paragraphs, make_document

__all__ = ["parse_odt"]

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_SKIP = {(_TEXT, "tracked-changes"), (_TEXT, "sequence-decls"), (_TEXT, "note-citation")}


def _inline(node: Element, notes: list[str]) -> str:
    """Text of one paragraph; footnote bodies go to ``notes`` instead of inline."""
    parts: list[str] = []
    for child in node.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            parts.append(child.data)
            continue
        if child.nodeType != Node.ELEMENT_NODE or child.qname in _SKIP:
            continue
        name = child.qname
        if name == (_TEXT, "line-break"):
            parts.append("\n")
        elif name == (_TEXT, "tab"):
            parts.append("\t")
        elif name == (_TEXT, "s"):
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif name == (_TEXT, "note"):
            body = []
            for sub in child.childNodes:
                if sub.nodeType == Node.ELEMENT_NODE and sub.qname == (_TEXT, "note-body"):
                    body.extend(_paragraphs(sub, notes))
            text = " ".join(b.strip() for b in body if b.strip())
            if text:
                notes.append(text)
        else:
            parts.append(_inline(child, notes))
    return "".join(parts)


def _table(node: Element, notes: list[str]) -> str:
    rows = []
    for row in node.getElementsByType(TableRow):
        cells = []
        for cell in row.childNodes:
            if cell.nodeType == Node.ELEMENT_NODE and cell.qname == (_TABLE, "table-cell"):
                cells.append(" ".join(" ".join(_paragraphs(cell, notes)).split("\n")).strip())
        if any(cells):
            rows.append(" | ".join(cells).rstrip(" |"))
    return "\n".join(rows)


def _paragraphs(node: Element, notes: list[str], headings: list[str] | None = None) -> list[str]:
    """Block texts under ``node`` in document order."""
    out: list[str] = []
    for child in node.childNodes:
        if child.nodeType != Node.ELEMENT_NODE or child.qname in _SKIP:
            continue
        name = child.qname
        if name in ((_TEXT, "p"), (_TEXT, "h")):
            text = _inline(child, notes)
            out.append(text)
            if headings is not None and name == (_TEXT, "h") and text.strip():
                headings.append(text.strip())
        elif name == (_TABLE, "table"):
            out.append(_table(child, notes))
        else:  # lists, list items, sections, frames: descend
            out.extend(_paragraphs(child, notes, headings))
    return out


def parse_odt(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    open_office_zip(source.data, options, ".odt")
    try:
        document = opendocument.load(io.BytesIO(source.data))
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ImportFailure("not a valid .odt (no OpenDocument content inside the zip)") from exc
    except (SAXException, DefusedXmlException, ValueError) as exc:
        raise ImportFailure(f"not a valid .odt ({type(exc).__name__}: {exc})") from exc
    notes: list[str] = []
    headings: list[str] = []
    paragraphs = _paragraphs(document.text, notes, headings)
    if notes and any(p.strip() for p in paragraphs):
        paragraphs.append("Notes")
        paragraphs.extend(f"[{i}] {note}" for i, note in enumerate(notes, 1))
    meta_title = None
    for el in document.meta.childNodes:
        if el.nodeType == Node.ELEMENT_NODE and el.qname == (_DC, "title"):
            meta_title = str(el).strip() or None
    return [
        make_document(
            source,
            options,
            join_paragraphs(paragraphs),
            importer="odt",
            title=meta_title or (headings[0] if headings else None),
        )
    ]
