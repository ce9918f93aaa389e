"""Fault fixtures: small real file systems (a full one, a read-only one) where the test may mount them."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.importers import ImportedDocument


def document(i: int, words: int = 60) -> ImportedDocument:
    text = f"Document {i}. " + " ".join(f"word{i}_{k}" for k in range(words)) + "."
    return ImportedDocument(text=text, title=f"Doc {i}", importer="test", source_name=f"{i}.txt",
                            file_hash=f"{i:064d}")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True)


@contextmanager
def tmpfs(where: Path, size: str):
    """A real tmpfs of ``size`` at ``where`` (needs root and a kernel that lets us mount), else skip."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the test runs as a normal user here)")
    where.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        _run("umount", "-l", str(where))


@contextmanager
def read_only_folder(where: Path):
    """A folder the test user cannot write: chmod for a normal user, a read-only remount for root."""
    if os.geteuid() != 0:
        os.chmod(where, 0o555)
        for p in where.iterdir():
            os.chmod(p, 0o444)
        try:
            yield where
        finally:
            os.chmod(where, 0o755)
        return
    with tmpfs(where.with_name(where.name + "-ro"), "64m") as mounted:
        for p in where.iterdir():
            shutil.copy2(p, mounted / p.name)
        done = _run("mount", "-o", "remount,ro", str(mounted))
        if done.returncode != 0:
            pytest.skip(f"cannot remount the tmpfs read-only: {done.stderr.strip()}")
        yield mounted
