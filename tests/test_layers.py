"""The layering rule: app.core and app.storage never import Qt (checked in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app.core
import app.storage


def _modules(package) -> list[str]:
    return [package.__name__] + [
        m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if not m.name.startswith("app.db")
    ]


def test_core_and_storage_import_no_qt():
    modules = _modules(app.core) + _modules(app.storage) + ["app.project", "app.cli"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by a non-GUI layer: {result.stdout}"


def test_starting_the_cli_does_not_import_spacy():
    code = "import sys, app.cli; app.cli.build_parser(); print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_import_contracts_hold():
    """The import-linter contracts in pyproject.toml: one-way layers, Qt-free core, no cycles."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(root / "pyproject.toml"), "--no-cache"],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
