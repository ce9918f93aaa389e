"""Word documents (``.docx``): paragraphs, headings, tables and footnotes, in reading order.

Body paragraphs and tables are read in document order with python-docx (whose
XML parser does not resolve entities). Each paragraph becomes a paragraph of
the text (blank line between); a table becomes one paragraph with a line per
row and `` | `` between cells. Footnotes, which python-docx does not expose, are
read from ``word/footnotes.xml`` with defusedxml and appended under the body as
``[1] ...`` lines, so their text can be coded too.
"""

from __future__ import annotations

import io
from typing import Iterator

from xml.etree.ElementTree import ParseError

import docx
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DET
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.core.importers.archive import open_office_zip, read_entry
from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import join_paragraphs, make_document

__all__ = ["parse_docx", "docx_footnotes"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx (1.2+) repeats the same cell object once per grid column a merged
            # cell spans; keep it once.
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            cells.append(" ".join(cell.text.split("\n")).strip())
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _blocks(document: docx.document.Document) -> Iterator[tuple[str, str]]:
    """(kind, text) for each body block in order; kind is a style name or "table"."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else ""
            yield style or "", block.text
        elif isinstance(block, Table):
            yield "table", _table_text(block)


def docx_footnotes(data: bytes, options: ImportOptions) -> list[str]:
    """Text of each real footnote (separators left out), in the order they are stored."""
    zf = open_office_zip(data, options, ".docx")
    try:
        info = zf.getinfo("word/footnotes.xml")
    except KeyError:
        return []
    xml = read_entry(zf, info, options.max_file_bytes)
    try:
        root = DET.fromstring(xml, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        raise ImportFailure(f"not a valid .docx (footnotes part unreadable: {type(exc).__name__})") from exc
    notes = []
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = []
        for p in note.iter(f"{_W}p"):
            parts = []
            for el in p.iter():
                if el.tag == f"{_W}t" and el.text:
                    parts.append(el.text)
                elif el.tag == f"{_W}tab":
                    parts.append("\t")
            paragraphs.append("".join(parts))
        text = " ".join(p.strip() for p in paragraphs if p.strip())
        if text:
            notes.append(text)
    return notes


def parse_docx(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    open_office_zip(source.data, options, ".docx")
    try:
        document = docx.Document(io.BytesIO(source.data))
    except (KeyError, ValueError) as exc:
        raise ImportFailure("not a valid .docx (no Word document inside the zip)") from exc
    except Exception as exc:  # python-docx/lxml raise XMLSyntaxError and others for broken parts
        raise ImportFailure(f"not a valid .docx ({type(exc).__name__}: {exc})") from exc
    paragraphs, heading = [], None
    for kind, text in _blocks(document):
        paragraphs.append(text)
        if heading is None and text.strip() and (kind == "Title" or kind.startswith("Heading")):
            heading = text.strip()
    notes = docx_footnotes(source.data, options)
    if notes and any(p.strip() for p in paragraphs):
        paragraphs.append("Notes")
        paragraphs.extend(f"[{i}] {note}" for i, note in enumerate(notes, 1))
    props = document.core_properties
    attributes = {}
    if props.author:
        attributes["file_author"] = props.author
    if props.created:
        attributes["file_created"] = props.created.isoformat()
    return [
        make_document(
            source,
            options,
            join_paragraphs(paragraphs),
            importer="docx",
            title=props.title or heading,
            attributes=attributes,
        )
    ]
