"""PDF with a text layer (``.pdf``), read with pypdf.

* Pages are separated by a blank line, so a page break is visible as a
  paragraph break and never glues two words together.
* A word hyphenated at a line end ("impor-" / "tant") is rejoined only when it
  is certain: the hyphen is a soft hyphen, or the joined word occurs elsewhere
  in the same document and the hyphenated form does not. "well-known" broken
  after its hyphen stays as it is. The number of rejoined words is reported in
  the document's notes.
* A PDF whose pages hold no text is reported as "no text layer (scanned?)",
  one that needs a password as an encrypted PDF.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import make_document
from app.core.text import normalize_newlines

__all__ = ["parse_pdf", "rejoin_hyphenation"]

_WORD = re.compile(r"[^\W\d_]+")
# A word broken at a line end: letters, a hyphen (or soft hyphen), newline, lowercase continuation.
_BROKEN = re.compile(r"([^\W\d_]+)([-\u00ad])\n([^\W\d_]+)([ \t]+|(?=\n)|\Z)")
_FILENAME_TITLE = re.compile(r"\.(docx?|odt|rtf|pdf|indd|tex|txt)\s*$|^Microsoft Word - ", re.I)


def rejoin_hyphenation(text: str) -> tuple[str, int]:
    """Rejoin words hyphenated at line ends where certain; return the text and how many."""
    counts = Counter(w.lower() for w in _WORD.findall(text))
    hyphenated = Counter(m.lower() for m in re.findall(r"[^\W\d_]+-[^\W\d_]+", text))
    joined = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal joined
        head, hyphen, tail, after = m.groups()
        whole = head + tail
        certain = hyphen == "\u00ad" or (
            tail[0].islower() and counts[whole.lower()] > 0 and hyphenated[f"{head}-{tail}".lower()] == 0
        )
        if not certain:
            return m.group(0)
        joined += 1
        # The rest of the next line stays on its own line, after the completed word.
        return whole + ("\n" if after.strip(" \t") == "" and after else "")

    return _BROKEN.sub(fix, text), joined


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError) as exc:
        raise ImportFailure(f"not a valid PDF ({exc})") from exc
    if reader.is_encrypted:
        try:
            # Many PDFs are encrypted only against editing, with an empty user password.
            if not reader.decrypt(""):
                raise ImportFailure("encrypted PDF (needs a password)")
        except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError) as exc:
            raise ImportFailure("encrypted PDF (needs a password)") from exc
    return reader


def _page_texts(reader: PdfReader) -> list[str]:
    pages = []
    try:
        for page in reader.pages:
            text = normalize_newlines(page.extract_text() or "")
            pages.append("\n".join(line.rstrip() for line in text.split("\n")).strip("\n"))
    except FileNotDecryptedError as exc:
        raise ImportFailure("encrypted PDF (needs a password)") from exc
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ImportFailure(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    return pages


def parse_pdf(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    if not source.data.lstrip()[:5] == b"%PDF-":
        raise ImportFailure("not a valid PDF (it does not start with %PDF-)")
    reader = _open(source.data)
    pages = _page_texts(reader)
    if not pages:
        raise ImportFailure("empty after extraction (the PDF has no pages)")
    if not any(p.strip() for p in pages):
        raise ImportFailure("no text layer (scanned?)")
    text, joined = rejoin_hyphenation("\n\n".join(p for p in pages if p.strip()))
    meta = reader.metadata or {}
    title = meta.get("/Title")
    if title and _FILENAME_TITLE.search(str(title)):
        title = None
    attributes = {"pages": str(len(pages))}
    if meta.get("/Author"):
        attributes["file_author"] = str(meta["/Author"])
    created = getattr(reader.metadata, "creation_date", None) if reader.metadata else None
    if created is not None:
        attributes["file_created"] = created.isoformat()
    notes = [f"rejoined {joined} word(s) hyphenated at line ends"] if joined else []
    empty = sum(1 for p in pages if not p.strip())
    if empty:
        notes.append(f"{empty} of {len(pages)} page(s) have no text layer")
    return [
        make_document(
            source,
            options,
            text,
            importer="pdf (pypdf)",
            title=str(title) if title else None,
            attributes=attributes,
            notes=notes,
        )
    ]
