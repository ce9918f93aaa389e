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
import zlib
from collections.abc import Sequence
from datetime import date, datetime, timezone

from app.core.records import DocumentInfo

__all__ = [
    "NS_PROJECT",
    "NS_CODEBOOK",
    "ORIGIN",
    "USERS_EXTENSION",
    "IMPORT_USER_NAME",
    "IMPORT_USER_GUID",
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
    "description_memos",
]

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
ORIGIN = "Quotecoder 0.1"
# A zip entry beside project.qde with what REFI's <User> cannot hold (colour, consensus flag).
USERS_EXTENSION = "quotecoder/users.json"
# The user named as creator of sources when the project has no coders at all.
IMPORT_USER_NAME = "Quotecoder"
IMPORT_USER_GUID = "5a1e0c0d-0000-5000-8000-000000000001"
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
    max_ratio = 200  # uncompressed / compressed, for every entry and for the archive as a whole
    ratio_slack = 64 * 1024  # bytes beyond the ratio a short, repetitive entry may expand to


def check_zip(zf: zipfile.ZipFile, limits: type[ZipLimits] = ZipLimits) -> None:
    """Refuse traversal paths, absolute paths, too many entries and zip-bomb sizes."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise RefiFormatError(f"the archive has {len(infos):,} entries, more than {limits.max_entries:,}")
    total = compressed = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise RefiFormatError(f"the archive entry {info.filename!r} points outside the archive")
        if info.file_size > limits.max_entry:
            raise RefiFormatError(f"the archive entry {info.filename!r} is too large ({info.file_size:,} bytes)")
        if info.file_size > limits.max_ratio * info.compress_size + limits.ratio_slack:
            raise RefiFormatError(f"the archive entry {info.filename!r} expands suspiciously (zip bomb?)")
        total += info.file_size
        compressed += info.compress_size
    if total > limits.max_total:
        raise RefiFormatError(f"the archive expands to {total:,} bytes, more than {limits.max_total:,}")
    # Many entries that each stay inside the allowance can still add up to a bomb.
    if total > limits.max_ratio * compressed + limits.ratio_slack:
        raise RefiFormatError(f"the archive expands {total / max(compressed, 1):.0f}:1 over all its entries (zip bomb?)")


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: type[ZipLimits] = ZipLimits) -> bytes:
    """Read one entry, stopping if it yields more than its header promised (a lying header)."""
    cap = min(info.file_size, limits.max_entry)
    try:
        with zf.open(info) as fh:
            data = fh.read(cap + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        # A damaged entry (bad header, corrupt deflate stream, CRC mismatch): the file's fault, said as such.
        raise RefiFormatError(f"the archive entry {info.filename!r} is damaged ({type(exc).__name__}: {exc})") from exc
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
# sections after it so that other programs still show them as text. Code memos
# follow as "[Memo: title]" sections, since some programs (QualCoder) read a
# code's memo only from its Description.
_SECTIONS = {"Inclusion criteria": "inclusion", "Exclusion criteria": "exclusion", "Example": "example", "Shortcut": "shortcut"}

# Headings other programs and codebook templates use for the same sections
# (MAXQDA and ATLAS.ti code memos, QualCoder, German "Kodierleitfaden"s); matched
# case-insensitively on a line of their own, as "[Label]", "Label:", "## Label" or "**Label**".
_SYNONYMS = {
    "description": ("definition", "code definition", "definition of the code", "beschreibung", "definición"),
    "inclusion": ("inclusion", "inclusion criteria", "inclusion criterion", "include", "when to use", "use when",
                  "use this code when", "coding rule", "coding rules", "einschlusskriterien", "einschlusskriterium",
                  "kodierregel", "kodierregeln"),
    "exclusion": ("exclusion", "exclusion criteria", "exclusion criterion", "exclude", "when not to use",
                  "do not use when", "don't use when", "ausschlusskriterien", "ausschlusskriterium", "abgrenzung"),
    "example": ("example", "examples", "anchor example", "anchor examples", "typical example", "typical examples",
                "typical exemplars", "ankerbeispiel", "ankerbeispiele", "beispiel", "beispiele"),
    "shortcut": ("shortcut",),
}
_LABEL_KEY = {label: key for key, labels in _SYNONYMS.items() for label in labels}
_LABELS = "|".join(sorted((re.escape(label) for label in _LABEL_KEY), key=len, reverse=True))
_HEADING = re.compile(
    r"^\s*(?:\[(?P<bracket>" + _LABELS + r")\]"
    r"|(?:#{1,6}\s*)?(?:\*\*|__)?(?P<label>" + _LABELS + r")(?:\*\*|__)?\s*(?P<colon>:)?(?:\*\*|__)?)"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MEMO_HEADING = re.compile(r"^\[Memo(?:: (?P<title>.*))?\]$")


def pack_code_description(description: str, inclusion: str, exclusion: str, example: str, shortcut: str | None,
                          memos: Sequence[tuple[str, str]] = ()) -> str:
    """One REFI Description holding the definition, the labelled extra fields and the code's memos.

    Empty parts are left out, so an empty definition never leaves blank lines at the top.
    """
    parts = [description.strip("\n")] if description.strip() else []
    for label, value in zip(_SECTIONS, (inclusion, exclusion, example, shortcut or "")):
        if value and value.strip():
            parts.append(f"[{label}]\n{value.strip(chr(10))}")
    for title, text in memos:
        if text.strip():
            parts.append(f"[Memo: {' '.join(title.split())}]\n{text.strip(chr(10))}" if title.strip()
                         else f"[Memo]\n{text.strip(chr(10))}")
    return "\n\n".join(parts)


def _heading(line: str) -> tuple[str, str] | None:
    """``(field, text after the heading)`` when ``line`` is a section heading, else None."""
    m = _HEADING.match(line)
    if m is None:
        return None
    label = (m.group("bracket") or m.group("label")).lower()
    rest = m.group("rest")
    # "Example: text" or "## Example" / "[Example]" / "**Example**" alone on its line; a plain sentence
    # that merely starts with the word ("Examples include ...") is no heading.
    if m.group("bracket") is None and m.group("colon") is None and rest:
        return None
    if m.group("bracket") is not None and rest:
        return None
    return _LABEL_KEY[label], rest


def unpack_code_description(text: str) -> dict[str, str]:
    """Split a code Description into definition, inclusion, exclusion, example (and shortcut).

    Reads what :func:`pack_code_description` writes and the headed sections other programs
    and codebook templates write ("Definition:", "Inclusion criteria", "## Example", ...).
    Text before the first heading is the definition. ``[Memo: ...]`` sections (our copies of
    code memos, which the Notes carry too) are left out; :func:`description_memos` has them.
    """
    return _parse_description(text)[0]


def description_memos(text: str) -> list[tuple[str, str]]:
    """The ``(title, text)`` of each ``[Memo: title]`` section of a code Description."""
    return _parse_description(text)[1]


def _parse_description(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    out: dict[str, list[str]] = {}
    memos: list[tuple[str, str]] = []
    key, memo_title, buf = "description", None, []

    def flush() -> None:
        value = "\n".join(buf).strip("\n")
        if memo_title is not None:
            memos.append((memo_title, value))
        elif value:
            out.setdefault(key, []).append(value)

    for line in text.split("\n"):
        memo = _MEMO_HEADING.match(line.strip())
        found = None if memo else _heading(line)
        if memo is None and found is None:
            buf.append(line)
            continue
        flush()
        buf = []
        if memo is not None:
            memo_title = memo.group("title") or ""
            continue
        memo_title = None
        key, rest = found
        if rest:
            buf.append(rest)
    flush()
    fields = {k: "\n\n".join(v) for k, v in out.items()}
    fields.setdefault("description", "")
    return fields, memos
