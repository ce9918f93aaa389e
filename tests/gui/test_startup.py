"""Opening the app does not pay for libraries only some actions need (spaCy, trafilatura, openpyxl, scipy)."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("spacy", "trafilatura", "openpyxl", "datasketch", "scipy", "pypdf", "py3langid")


def test_the_main_window_imports_no_heavy_library():
    code = (
        "import sys, app.gui.mainwindow\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "", f"imported at start-up: {result.stdout.strip()}"


def test_opening_a_project_in_the_window_loads_no_heavy_library(tmp_path):
    """The whole start, window shown and project on screen, pays for none of them (nor NumPy, Alembic or, for a SQLite file, psycopg)."""
    from app.project import Project

    path = tmp_path / "p.qcp"
    with Project.create(path) as project:
        project.coders.add("Aigerim")
        project.codebook.add_path("Social justice")
    code = (
        "import sys\n"
        "from app.gui.launch import launch\n"
        f"launch({str(path)!r}, coder='Aigerim', quit_after_show=True)\n"
        f"print(','.join(m for m in {HEAVY + ('numpy', 'alembic', 'psycopg')!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1:] in ([], [""]), f"loaded at start-up: {result.stdout.strip()}"
