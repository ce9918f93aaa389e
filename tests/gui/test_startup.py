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
