"""Reading zip containers safely: archives of a corpus and Office files (docx, xlsx, odt).

Zip headers can lie and a few kilobytes can expand to gigabytes. Every entry is
checked before it is read (declared size against the per-file limit, size
against compressed size for the compression ratio, running total against the
archive limit) and then read with a hard cap, so a header that understates the
size still cannot make us hold more than the limit.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import BinaryIO

from app.core.importers.base import ImportFailure, ImportOptions

__all__ = ["open_zip", "entry_problem", "read_entry", "unsafe_name", "open_office_zip"]

_CHUNK = 1 << 16
# Small entries compress extremely well when they are repetitive (a CSV of
# zeros); the ratio is only judged above this size.
_RATIO_MIN_BYTES = 1 << 20


def open_zip(file: bytes | BinaryIO, what: str = "zip archive") -> zipfile.ZipFile:
    """Open a zip from bytes or a binary file; ImportFailure when it is not one."""
    fileobj = io.BytesIO(file) if isinstance(file, bytes) else file
    try:
        return zipfile.ZipFile(fileobj)
    except zipfile.BadZipFile as exc:
        raise ImportFailure(f"not a valid {what} (not a zip archive)") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise ImportFailure(f"not a valid {what} (damaged zip archive: {exc})") from exc


def unsafe_name(name: str) -> bool:
    """True for entry names that could write outside a folder: absolute, drive, or ``..``."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return True
    return ".." in normal.split("/")


def entry_problem(info: zipfile.ZipInfo, options: ImportOptions, total_so_far: int = 0) -> str | None:
    """Why an entry must not be extracted (too large, zip bomb, encrypted), or None."""
    if info.flag_bits & 0x1:
        return "encrypted zip entry (needs a password)"
    if info.file_size > options.max_file_bytes:
        return (
            f"too large ({info.file_size / 1e6:.1f} MB; the limit is {options.max_file_bytes / 1e6:.0f} MB)"
        )
    if info.file_size > _RATIO_MIN_BYTES:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > options.max_compression_ratio:
            return f"refused: compression ratio {ratio:.0f}:1 looks like a zip bomb"
    if total_so_far + info.file_size > options.max_archive_bytes:
        return f"refused: the archive expands past {options.max_archive_bytes / 1e9:.1f} GB"
    return None


def read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one entry, never more than ``limit`` bytes whatever its header says."""
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit:
                    raise ImportFailure(f"refused: expands past its declared size (over {limit / 1e6:.0f} MB)")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ImportFailure(f"damaged zip entry ({exc})") from exc
    return bytes(out)


def open_office_zip(data: bytes, options: ImportOptions, what: str) -> zipfile.ZipFile:
    """Open an Office file's zip after checking every part against the zip-bomb limits."""
    zf = open_zip(data, what)
    total = 0
    for info in zf.infolist():
        problem = entry_problem(info, options, total)
        if problem:
            raise ImportFailure(f"{what} part {info.filename}: {problem}")
        total += info.file_size
    return zf
