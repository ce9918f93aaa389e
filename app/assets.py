"""Where the files that ship with Quotecoder are: one place, whatever the install.

``db/`` and ``resources/`` sit at the top of the checkout and are mapped into the
package as ``app.db`` and ``app.resources`` at build time (``setup.py``). The editable
install, the wheel and a PyInstaller bundle all find them through these two
functions, never through paths relative to the source tree.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["resource", "migrations_folder"]


def resource(*parts: str) -> Traversable:
    """A file or folder under ``resources/``, e.g. ``resource("icons", "add.svg")``."""
    return resources.files("app.resources").joinpath(*parts)


def migrations_folder() -> Path:
    """The Alembic script folder (``db/``) as a real directory, as Alembic needs one."""
    return Path(str(resources.files("app.db")))
