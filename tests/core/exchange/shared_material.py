"""Where the shared REFI-QDA schemas and samples are: ``../shared`` beside the checkout.

A git worktree sits elsewhere than the main checkout, so the main checkout's
neighbour is tried too (found through the worktree's ``.git`` file);
``QUOTECODER_SHARED`` overrides both. Tests that need the material skip with
the reason when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _candidates() -> list[Path]:
    out = []
    if os.environ.get("QUOTECODER_SHARED"):
        out.append(Path(os.environ["QUOTECODER_SHARED"]))
    out.append(REPO.parent / "shared")
    dotgit = REPO / ".git"
    if dotgit.is_file():  # a worktree: "gitdir: /main/.git/worktrees/NAME"
        gitdir = Path(dotgit.read_text(encoding="utf-8").split(":", 1)[1].strip())
        main = gitdir.parents[2] if gitdir.parent.name == "worktrees" else gitdir.parent
        out.append(main.parent / "shared")
    return out


def shared_dir() -> Path | None:
    return next((p for p in _candidates() if (p / "refi-qda" / "Project.xsd").is_file()), None)


SHARED = shared_dir()
REFI_QDA = SHARED / "refi-qda" if SHARED else None
needs_schemas = pytest.mark.skipif(
    REFI_QDA is None, reason="the REFI-QDA schemas are not in ../shared/refi-qda beside the checkout")
