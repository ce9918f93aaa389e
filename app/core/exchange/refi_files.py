"""Getting at the parts of a REFI-QDA file safely: the XML and the source texts.

A ``.qdpx`` is a zip: the project XML is ``project.qde`` by the standard, but
writers vary the inner name and the case of the ``sources`` folder, so both are
found leniently. A bare ``.qde`` may have a ``sources``/``Sources`` folder
beside it. XML is parsed with defusedxml and DTDs are refused outright (no
entity expansion, no external entities).
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path
from typing import BinaryIO, Protocol
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.core.exchange.refi_common import RefiFormatError, ZipLimits, check_zip, read_entry

__all__ = ["parse_xml", "decode_text", "SourceFiles", "ZipFiles", "DirFiles", "NoFiles", "open_qdpx", "sibling_sources"]


def parse_xml(data: bytes, what: str) -> Element:
    """Parse untrusted XML; any DTD, entity or syntax error becomes :class:`RefiFormatError`."""
    if not data.strip():
        raise RefiFormatError(f"{what} is empty")
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise RefiFormatError(f"{what} declares a DTD or entities, which are refused for safety ({exc})") from exc
    except ParseError as exc:
        raise RefiFormatError(f"{what} is not well-formed XML: {exc}") from exc


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a source text file; returns the text without BOM (line endings kept) and a note if guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "was UTF-16 encoded"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    # Mostly UTF-8 with a few broken bytes: keep it UTF-8 (U+FFFD for the broken ones) rather
    # than turn every accent into mojibake by reading the whole file as Windows-1252.
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if valid > 0 and replaced <= valid:
        return text, (f"was not valid UTF-8 throughout: {replaced} invalid byte sequence(s) replaced with "
                      f"\ufffd (first at byte {first})")
    return data.decode("cp1252", "replace"), "was not UTF-8 and was read as Windows-1252 (a guess)"


def _candidates(ref: str) -> tuple[str, str]:
    """The path a REFI reference names, and its file name, lower-cased."""
    path = ref.strip()
    for scheme in ("internal://", "relative://", "absolute://", "file://"):
        if path.lower().startswith(scheme):
            path = path[len(scheme) :]
            break
    path = path.replace("\\", "/").lstrip("/").lower()
    return path, posixpath.basename(path)


class SourceFiles(Protocol):
    """Looks up the files a project refers to by ``plainTextPath``; None when absent."""

    def read(self, ref: str) -> bytes | None: ...


class NoFiles:
    def read(self, ref: str) -> bytes | None:
        return None


class ZipFiles:
    """Files inside a checked zip, found by ``sources/<name>`` in any case, else by file name."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.by_path = {i.filename.replace("\\", "/").lower(): i for i in zf.infolist() if not i.is_dir()}
        self.by_name: dict[str, zipfile.ZipInfo] = {}
        for key, info in self.by_path.items():
            self.by_name.setdefault(posixpath.basename(key), info)

    def read(self, ref: str) -> bytes | None:
        path, name = _candidates(ref)
        info = self.by_path.get("sources/" + path) or self.by_path.get(path) or self.by_name.get(name)
        return read_entry(self.zf, info) if info is not None else None


class DirFiles:
    """Files in a ``sources`` folder (any case) beside a bare ``.qde``."""

    def __init__(self, folder: Path) -> None:
        self.files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}

    def read(self, ref: str) -> bytes | None:
        _, name = _candidates(ref)
        path = self.files.get(name)
        if path is None or path.stat().st_size > ZipLimits.max_entry:
            return None
        return path.read_bytes()


def sibling_sources(qde: Path) -> SourceFiles:
    """The ``sources`` folder next to a .qde file, whatever its case, or nothing."""
    for entry in qde.parent.iterdir():
        if entry.is_dir() and entry.name.lower() == "sources":
            return DirFiles(entry)
    return NoFiles()


def open_qdpx(source: str | os.PathLike[str] | bytes | BinaryIO) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    """Open and check a .qdpx; return the zip and the entry of its project XML."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise RefiFormatError(f"not a REFI-QDA project archive (.qdpx is a zip file): {exc}") from exc
    check_zip(zf)
    qdes = [i for i in zf.infolist() if i.filename.lower().endswith(".qde") and not i.is_dir()]
    if not qdes:
        zf.close()
        raise RefiFormatError("the archive holds no project XML (no .qde file)")
    # project.qde at the root by the standard; else the shallowest .qde.
    qdes.sort(key=lambda i: (i.filename.lower() != "project.qde", i.filename.count("/"), i.filename))
    return zf, qdes[0]
