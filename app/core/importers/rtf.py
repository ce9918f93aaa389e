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


# The character sets an RTF header may name instead of \\ansi (RTF 1.9.1, "Character Set").
_CHARSETS = {b"\\mac": "mac_roman", b"\\pca": "cp850", b"\\pc": "cp437"}
_CHARSET = re.compile(rb"\\(ansi|mac|pca|pc)(?![a-z])")


def _codepage(data: bytes, notes: list[str]) -> str:
    """The code page of the file's ``\\'hh`` bytes; a note when it had to be guessed."""
    head = data[:4096]
    m = _CODEPAGE.search(head)
    if m:
        number = m.group(1).decode()
        name = f"cp{int(number)}" if len(number) < 7 else ""
        try:
            if name:
                codecs.lookup(name)
                return name
        except LookupError:
            pass
        notes.append(f"the RTF names code page {number[:12]}, which is unknown; its accented letters were read "
                     "as cp1252 (Windows Western), a guess: check them")
        return "cp1252"
    charset = _CHARSET.search(head)
    if charset and charset.group(1) != b"ansi":
        return _CHARSETS[b"\\" + charset.group(1)]
    return "cp1252"


def parse_rtf(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    data = source.data
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ImportFailure("not an RTF file (it does not start with {\\rtf)")
    notes: list[str] = []
    encoding = _codepage(data, notes)
    if notes:  # an unknown \ansicpg: striprtf would fall back to UTF-8 and replace every accent
        data = _CODEPAGE.sub(rb"\\ansicpg1252", data, count=1)
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError, OverflowError) as exc:
        raise ImportFailure(f"damaged RTF ({type(exc).__name__}: {exc})") from exc
    replaced = text.count("\ufffd") - data.count(b"\\uc1\\u65533") - data.count(b"\\u65533")
    if replaced > 0:
        notes.append(f"{replaced} character(s) are not in code page {encoding} and were replaced with \ufffd")
    return [
        make_document(
            source,
            options,
            join_paragraphs(text.replace("\r\n", "\n").split("\n")),
            importer=f"rtf ({encoding})",
            notes=notes,
        )
    ]
