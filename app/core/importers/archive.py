"""Reading zip containers safely: archives of a corpus and Office files (docx, xlsx, odt).

Zip headers can lie and a few kilobytes can expand to gigabytes. The archive as
a whole is judged first (:func:`archive_problem`: how many entries, how much
they expand to, and the ratio of expanded to compressed bytes over all of them),
then every entry before it is read (:func:`entry_problem`: declared size against
the per-file limit, its own compression ratio, running total against the archive
limit), and each is read with a hard cap, so a header that understates the size
still cannot make us hold more than the limit.

The ratio is judged for every entry, small ones too: sixty entries of 1 MiB each
that compress to a kilobyte are as much a bomb as one of 60 MiB. A small
allowance (:data:`RATIO_SLACK_BYTES`) above ``ratio x compressed size`` keeps a
short, very repetitive file (a page of blank table rows) from being refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import BinaryIO

from app.core.importers.base import ImportFailure, ImportOptions

__all__ = ["open_zip", "archive_problem", "entry_problem", "read_entry", "unsafe_name", "open_office_zip",
           "RATIO_SLACK_BYTES"]

_CHUNK = 1 << 16
# Bytes an entry (or an archive) may expand to beyond ``max_compression_ratio``
# times its compressed size: deflate squeezes a few kilobytes of repeated
# characters 500:1, and that much is harmless.
RATIO_SLACK_BYTES = 64 * 1024


def _ratio_problem(expanded: int, compressed: int, limit: float, what: str) -> str | None:
    if expanded <= limit * compressed + RATIO_SLACK_BYTES:
        return None
    ratio = expanded / max(compressed, 1)
    return (f"refused: {what} would expand {ratio:.0f}:1 ({_size(expanded)} from {_size(compressed)}; "
            f"the limit is {limit:.0f}:1), which looks like a zip bomb")


def _size(n: int) -> str:
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e3:.1f} KB" if n >= 1e3 else f"{n} bytes"


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
    problem = _ratio_problem(info.file_size, info.compress_size, options.max_compression_ratio, "the entry")
    if problem:
        return problem
    if total_so_far + info.file_size > options.max_archive_bytes:
        return f"refused: the archive expands past {options.max_archive_bytes / 1e9:.1f} GB"
    return None


def archive_problem(zf: zipfile.ZipFile, options: ImportOptions) -> str | None:
    """Why a whole archive must not be opened (too many entries, expands too far), or None.

    Judged from the central directory before any entry is read, so a bomb made
    of many entries that each look modest is refused at once, with one reason.
    Entries that fail on their own are left to :func:`entry_problem`, so one bad
    entry is refused alone and its good neighbours still land.
    """
    files = [info for info in zf.infolist() if not info.is_dir()]
    if len(files) > options.max_archive_entries:
        return (f"refused: {len(files)} entries in the archive (the limit is {options.max_archive_entries}); "
                "split it into smaller archives")
    # Entries that fail on their own (too large, a bomb entry) are refused one by one
    # by entry_problem; the rest must not add up to a bomb or past the size limit.
    files = [info for info in files if info.file_size <= options.max_file_bytes and _ratio_problem(
        info.file_size, info.compress_size, options.max_compression_ratio, "") is None]
    expanded = sum(info.file_size for info in files)
    if expanded > options.max_archive_bytes:
        return (f"refused: the archive expands to {_size(expanded)} (the limit is "
                f"{_size(options.max_archive_bytes)}); split it into smaller archives")
    compressed = sum(info.compress_size for info in files)
    return _ratio_problem(expanded, compressed, options.max_compression_ratio, "the archive")


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
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - zlib.error, BadZipFile (CRC), EOFError ...: a damaged entry
        raise ImportFailure(f"damaged zip entry ({type(exc).__name__}: {exc})") from exc
    return bytes(out)


def open_office_zip(data: bytes, options: ImportOptions, what: str) -> zipfile.ZipFile:
    """Open an Office file's zip after checking every part against the zip-bomb limits."""
    zf = open_zip(data, what)
    problem = archive_problem(zf, options)
    if problem:
        zf.close()
        raise ImportFailure(f"{what}: {problem}")
    total = 0
    for info in zf.infolist():
        problem = entry_problem(info, options, total)
        if problem:
            zf.close()
            raise ImportFailure(f"{what} part {info.filename}: {problem}")
        total += info.file_size
    return zf
