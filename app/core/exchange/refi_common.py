"""Shared pieces of the REFI-QDA reader and writer: names, GUIDs, dates, zip safety, variables.

REFI-QDA (www.qdasoftware.org) exchanges a codebook as ``.qdc`` (XML) and a
project as ``.qdpx`` (a zip holding ``project.qde`` and ``sources/``). A zip
from elsewhere is untrusted: every entry name is checked for path traversal
and every size for zip bombs before anything is read.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from datetime import date, datetime, timezone

from app.core.records import DocumentInfo

__all__ = [
    "NS_PROJECT",
    "NS_CODEBOOK",
    "ORIGIN",
    "RefiFormatError",
    "ZipLimits",
    "is_guid",
    "as_guid",
    "local_name",
    "format_dt",
    "parse_dt",
    "check_zip",
    "read_entry",
    "document_variables",
    "split_document_variables",
    "pack_code_description",
    "unpack_code_description",
]

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
ORIGIN = "Quotecoder 0.1"
_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")


class RefiFormatError(ValueError):
    """A REFI-QDA file that cannot be read; the message says what is wrong with it."""


def is_guid(value: str | None) -> bool:
    return bool(value) and bool(_GUID.match(value or ""))


def as_guid(value: str, kind: str = "") -> str:
    """``value`` if it is a REFI GUID, else a stable GUID derived from it (uuid5)."""
    return value if is_guid(value) else str(uuid.uuid5(uuid.NAMESPACE_URL, f"quotecoder:{kind}:{value}"))


def local_name(tag: str) -> str:
    """Tag without its namespace, so namespace variants read alike."""
    return tag.rsplit("}", 1)[-1]


def format_dt(value: datetime) -> str:
    """xsd:dateTime in UTC with a Z (naive datetimes are taken as UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def parse_dt(value: str | None) -> datetime | None:
    """An xsd:dateTime as an aware datetime (UTC when the file gave no zone); None if unreadable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


class ZipLimits:
    """Size limits for an untrusted zip (bytes); generous for text projects."""

    max_entries = 100_000
    max_entry = 512 * 1024 * 1024
    max_total = 2 * 1024 * 1024 * 1024
    max_ratio = 200  # uncompressed / compressed, for entries over 1 MiB


def check_zip(zf: zipfile.ZipFile, limits: type[ZipLimits] = ZipLimits) -> None:
    """Refuse traversal paths, absolute paths, too many entries and zip-bomb sizes."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise RefiFormatError(f"the archive has {len(infos):,} entries, more than {limits.max_entries:,}")
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise RefiFormatError(f"the archive entry {info.filename!r} points outside the archive")
        if info.file_size > limits.max_entry:
            raise RefiFormatError(f"the archive entry {info.filename!r} is too large ({info.file_size:,} bytes)")
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise RefiFormatError(f"the archive entry {info.filename!r} expands suspiciously (zip bomb?)")
        total += info.file_size
    if total > limits.max_total:
        raise RefiFormatError(f"the archive expands to {total:,} bytes, more than {limits.max_total:,}")


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: type[ZipLimits] = ZipLimits) -> bytes:
    """Read one entry, stopping if it yields more than its header promised (a lying header)."""
    cap = min(info.file_size, limits.max_entry)
    with zf.open(info) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise RefiFormatError(f"the archive entry {info.filename!r} is larger than its header says")
    return data


# Document metadata as REFI variables. Attributes that share a name with one of
# these get a prefix so that the import can tell them apart.
STANDARD_VARIABLES = {"Author": "author", "Outlet": "outlet", "URL": "source_url", "Language": "language"}
DATE_VARIABLE = "Date"
DATE_TEXT_VARIABLE = "Date as written"
ATTRIBUTE_PREFIX = "Attribute: "
_RESERVED = set(STANDARD_VARIABLES) | {DATE_VARIABLE, DATE_TEXT_VARIABLE}


def document_variables(doc: DocumentInfo) -> list[tuple[str, str, str]]:
    """``(name, typeOfVariable, value)`` for each non-empty metadata field and attribute."""
    out: list[tuple[str, str, str]] = []
    for name, attr in STANDARD_VARIABLES.items():
        value = getattr(doc, attr)
        if value:
            out.append((name, "Text", str(value)))
    if doc.published is not None:
        out.append((DATE_VARIABLE, "Date", doc.published.isoformat()))
    if doc.published_text:
        out.append((DATE_TEXT_VARIABLE, "Text", doc.published_text))
    for key, value in sorted(doc.attributes.items()):
        name = ATTRIBUTE_PREFIX + key if key in _RESERVED or key.startswith(ATTRIBUTE_PREFIX) else key
        out.append((name, "Text", value))
    return out


def split_document_variables(variables: dict[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """Inverse of :func:`document_variables`: DocumentInfo field values and plain attributes."""
    fields: dict[str, object] = {}
    attributes: dict[str, str] = {}
    for name, value in variables.items():
        if name in STANDARD_VARIABLES:
            fields[STANDARD_VARIABLES[name]] = value
        elif name == DATE_VARIABLE:
            try:
                fields["published"] = date.fromisoformat(value[:10])
            except ValueError:
                attributes[name] = value
        elif name == DATE_TEXT_VARIABLE:
            fields["published_text"] = value
        else:
            attributes[name.removeprefix(ATTRIBUTE_PREFIX)] = value
    return fields, attributes


# Quotecoder's codebook fields beyond REFI's one Description, kept in labelled
# sections after it so that other programs still show them as text.
_SECTIONS = {"Inclusion criteria": "inclusion", "Exclusion criteria": "exclusion", "Example": "example", "Shortcut": "shortcut"}
_SECTION_RE = re.compile(r"\n\n\[(" + "|".join(re.escape(k) for k in _SECTIONS) + r")\]\n")


def pack_code_description(description: str, inclusion: str, exclusion: str, example: str, shortcut: str | None) -> str:
    """One REFI Description holding the definition and the labelled extra fields."""
    text = description
    for label, value in zip(_SECTIONS, (inclusion, exclusion, example, shortcut or "")):
        if value:
            text += f"\n\n[{label}]\n{value}"
    return text


def unpack_code_description(text: str) -> dict[str, str]:
    """Split a Description written by :func:`pack_code_description` back into its fields."""
    pieces = _SECTION_RE.split(text)
    out = {"description": pieces[0]}
    for label, value in zip(pieces[1::2], pieces[2::2]):
        out[_SECTIONS[label]] = value
    return out
