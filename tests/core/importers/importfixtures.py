"""Files the importer tests build themselves (no network, no binary fixtures in git)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
import pytest

from bench.shared import CORPUS

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus beside the checkout) is absent")



def pdf_bytes(pages: list[list[str]], *, info_title: str | None = None) -> bytes:
    """A minimal valid PDF with one Helvetica text line per string, one page per list.

    Written by hand (objects, then an xref table with exact byte offsets), so the
    test needs no PDF-writing library. Lines must be ASCII without parentheses.
    """
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1: catalog, 2: pages, 3: font, then (page, content) pairs, then optional info.
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            ops.append(f"({line}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1") if lines else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info_ref = ""
    if info_title is not None:
        objects.append(f"<< /Title ({info_title}) >>".encode("latin-1"))
        info_ref = f" /Info {len(objects)} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    """A PDF that needs a password to open (RC4, which pypdf writes without extra libraries)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes([["Confidential minutes of the board"]]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_FOOTNOTES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Quoted from the </w:t></w:r><w:r><w:t>Reuters wire, 3 May 2021.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def docx_bytes(*, footnote: bool = False) -> bytes:
    """A Word file with a title, a heading, paragraphs, a table (with a merged cell) and a footnote part."""
    import docx

    document = docx.Document()
    document.add_heading("Minister defends budget", level=0)
    document.add_paragraph("The minister said: “We will not raise taxes.” Critics disagreed.")
    document.add_heading("Reactions", level=1)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Party"
    table.cell(0, 1).text = "Position"
    table.cell(1, 0).text = "Greens"
    table.cell(1, 1).text = "against"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "No other party commented"
    document.add_paragraph("Ünïcödé survives: Qazaqstan — Қазақстан 🇰🇿.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if not footnote:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/footnotes.xml", _FOOTNOTES_XML)
    return out.getvalue()


def odt_bytes() -> bytes:
    """An OpenDocument text with a heading, a paragraph with runs of spaces and a note, a list and a table."""
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, Note, NoteBody, NoteCitation, P, S

    doc = OpenDocumentText()
    doc.text.addElement(H(outlinelevel=1, text="Election notice"))
    p = P(text="Polls open at 8")
    p.addElement(S(c=3))
    p.addText("sharp.")
    note = Note(noteclass="footnote", id="ftn1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Local time."))
    note.addElement(body)
    p.addElement(note)
    doc.text.addElement(p)
    items = List()
    for word in ("Bring an ID", "Vote once"):
        item = ListItem()
        item.addElement(P(text=word))
        items.addElement(item)
    doc.text.addElement(items)
    table = Table(name="Results")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for a, b in (("Candidate", "Votes"), ("Ayan", "1200")):
        row = TableRow()
        for value in (a, b):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    tail = P()
    teletype.addTextToElement(tail, "Сайлау — выборы.")
    doc.text.addElement(tail)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            zf.writestr(info, data)
    return out.getvalue()
