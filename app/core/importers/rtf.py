"""Rich Text Format (``.rtf``): text through striprtf, in the file's declared code page.

RTF is 7-bit ASCII with escapes; characters outside ASCII are either ``\\uN``
escapes or ``\\'hh`` bytes in the code page named by ``\\ansicpgN``. The bytes
are read as Latin-1 (lossless) and striprtf decodes the escapes with that code
page (Windows-1252 when none is named). Each RTF paragraph becomes a paragraph.
"""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import join_paragraphs, make_document

__all__ = ["parse_rtf"]

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def _codepage(data: bytes) -> str:
    m = _CODEPAGE.search(data[:4096])
    if m:
        name = f"cp{int(m.group(1))}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return "cp1252"


def parse_rtf(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    data = source.data
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ImportFailure("not an RTF file (it does not start with {\\rtf)")
    encoding = _codepage(data)
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError) as exc:
        raise ImportFailure(f"damaged RTF ({exc})") from exc
    return [
        make_document(
            source,
            options,
            join_paragraphs(text.replace("\r\n", "\n").split("\n")),
            importer=f"rtf ({encoding})",
        )
    ]
