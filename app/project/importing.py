"""Turning the paths a user names into Sources for the importers, reporting what cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from app.core.importers import ImportOptions, Source
from app.project.documents import ImportOutcome


def iter_import_sources(paths: Iterable[str], options: ImportOptions) -> Iterator[Source | ImportOutcome]:
    """Files as given; folders recursively (hidden files skipped), in a stable order."""
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                yield _read(child, options)
        elif path.exists():
            yield _read(path, options)
        else:
            yield ImportOutcome(str(raw), "failed", error="no such file or folder")


def _read(path: Path, options: ImportOptions) -> Source | ImportOutcome:
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            return ImportOutcome(
                str(path), "failed",
                error=f"too large ({size / 1e6:.1f} MB; the limit is {options.max_file_bytes / 1e6:.0f} MB)",
            )
        return Source(str(path), path.read_bytes())
    except OSError as exc:
        return ImportOutcome(str(path), "failed", error=f"cannot be read: {exc.strerror or exc}")
