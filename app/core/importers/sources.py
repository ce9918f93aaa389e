"""Turning what the user picked (files, folders, zip archives) into a stream of Sources.

:func:`iter_sources` walks folders recursively and opens ``.zip`` archives
(zips inside zips too), yielding one :class:`Source` at a time, so a corpus of
any size never sits in memory at once: only the file being yielded (and, for a
zip inside a zip, that inner archive) is held.

Anything that cannot become a Source is yielded in its place as a
:class:`SourceProblem` with a reason, in stream order, so the import report
lists it and a progress count covers it: unsupported types, files over the
size limit, unreadable files, zip entries with absolute paths or ``..``
(ignored, never extracted), entries that fail the size or compression-ratio
check (zip bombs, refused before extraction), whole archives with too many
entries or that expand too far (refused as one problem, nothing extracted),
archives nested too deep.
Hidden files and folders (names starting with ".") and macOS ``__MACOSX``
resource forks are skipped silently.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Collection, Iterable, Iterator

from app.core.importers.archive import archive_problem, entry_problem, open_zip, read_entry, unsafe_name
from app.core.importers.base import ImportFailure, ImportOptions, Source

__all__ = ["SourceProblem", "iter_sources", "count_files"]


@dataclass(frozen=True)
class SourceProblem:
    """A file or archive entry that was not turned into a Source, and why."""

    name: str
    reason: str


@dataclass
class _Budget:
    """Bytes one top-level archive (with everything nested in it) may still expand to."""

    remaining: int


def _default_suffixes() -> Collection[str]:
    from app.core.importers import PARSERS  # late: the package imports this module

    return PARSERS.keys()


def _hidden(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _too_large(size: int, options: ImportOptions) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {options.max_file_bytes / 1e6:.0f} MB)"


def iter_sources(
    paths: Iterable[str | os.PathLike[str]],
    options: ImportOptions | None = None,
    on_error: Callable[[SourceProblem], None] | None = None,
    suffixes: Collection[str] | None = None,
) -> Iterator[Source | SourceProblem]:
    """Yield a Source for every importable file under ``paths``, a SourceProblem for the rest.

    ``on_error``, when given, is also called with every problem (for logging);
    problems are yielded either way. ``suffixes`` limits what counts as
    importable (default: every suffix in ``PARSERS``).
    """
    options = options or ImportOptions()
    known = {s.lower() for s in (suffixes if suffixes is not None else _default_suffixes())}
    for path in paths:
        for item in _iter_path(Path(path), options, known):
            if isinstance(item, SourceProblem) and on_error is not None:
                on_error(item)
            yield item


def _iter_path(path: Path, options: ImportOptions, known: set[str]) -> Iterator[Source | SourceProblem]:
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
            for name in sorted(files):
                if not name.startswith("."):
                    yield from _iter_file(Path(root) / name, options, known)
    elif path.exists():
        yield from _iter_file(path, options, known)
    else:
        yield SourceProblem(str(path), "no such file or folder")


def _iter_file(path: Path, options: ImportOptions, known: set[str]) -> Iterator[Source | SourceProblem]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix != ".zip" and suffix not in known:
        yield SourceProblem(name, f"unsupported file type '{suffix or '(none)'}'")
        return
    try:
        size = path.stat().st_size
        if suffix == ".zip":
            with path.open("rb") as fh:
                yield from _iter_zip(fh, name, options, known, 1, _Budget(options.max_archive_bytes))
            return
        if size > options.max_file_bytes:
            yield SourceProblem(name, _too_large(size, options))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceProblem(name, f"cannot read the file ({exc.strerror or exc})")
        return
    yield Source(name, data)


def _iter_zip(
    fileobj: BinaryIO,
    name: str,
    options: ImportOptions,
    known: set[str],
    depth: int,
    budget: _Budget,
) -> Iterator[Source | SourceProblem]:
    try:
        zf = open_zip(fileobj, "zip archive")
    except ImportFailure as exc:
        yield SourceProblem(name, str(exc))
        return
    with zf:
        problem = archive_problem(zf, options)
        if problem is not None:
            yield SourceProblem(name, problem)
            return
        for info in zf.infolist():
            if info.is_dir():
                continue
            entry = f"{name}/{info.filename}"
            if unsafe_name(info.filename):
                yield SourceProblem(entry, "ignored: unsafe path in the archive (absolute or containing '..')")
                continue
            if _hidden(info.filename):
                continue
            suffix = PurePosixPath(info.filename).suffix.lower()
            if suffix != ".zip" and suffix not in known:
                yield SourceProblem(entry, f"unsupported file type '{suffix or '(none)'}'")
                continue
            problem = entry_problem(info, options, options.max_archive_bytes - budget.remaining)
            if problem is not None:
                yield SourceProblem(entry, problem)
                continue
            try:
                data = read_entry(zf, info, min(options.max_file_bytes, budget.remaining))
            except ImportFailure as exc:
                yield SourceProblem(entry, str(exc))
                continue
            budget.remaining -= len(data)
            if suffix != ".zip":
                yield Source(entry, data)
            elif depth >= options.max_archive_depth:
                yield SourceProblem(entry, f"refused: archives nested more than {options.max_archive_depth} deep")
            else:
                yield from _iter_zip(io.BytesIO(data), entry, options, known, depth + 1, budget)


def count_files(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files (archives counted once) ``iter_sources`` will look at, for a progress bar."""
    total = 0
    for path in map(Path, paths):
        if path.is_dir():
            for _root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__MACOSX"]
                total += sum(1 for f in files if not f.startswith("."))
        else:
            total += 1
    return total
