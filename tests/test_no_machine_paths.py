"""No file of the project names a folder of the machine it was written on.

Shared material is found relative to the checkout (bench/shared.py); an absolute path
into a home, work or temp folder works on one machine and silently collects nothing on
the next.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("app", "tests", "bench", "tools", "db", "resources")
# Built from parts so that this file does not match itself.
ROOTS = ["work", "home", "tmp", "root", "Users", "var" + "/folders"]
ABSOLUTE = re.compile(r"""["'`(\s=](/(?:%s)/[\w.-]+)""" % "|".join(ROOTS))
WINDOWS = re.compile(r"""["'`]([A-Za-z]:\\\\(?:Users|Documents and Settings)\\\\)""")
TEXT = {".py", ".md", ".txt", ".toml", ".cfg", ".ini", ".json", ".csv", ".spec", ".desktop", ".xml", ".yml", ".yaml", ".mako"}


def _files():
    for folder in FOLDERS:
        base = ROOT / folder
        if base.is_dir():
            yield from (p for p in base.rglob("*") if p.is_file() and p.suffix in TEXT and "__pycache__" not in p.parts)


def test_no_absolute_path_into_a_home_work_or_temp_folder():
    found = []
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in (ABSOLUTE, WINDOWS):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(1)}")
    assert not found, "absolute machine paths (find shared material through bench/shared.py):\n" + "\n".join(found)


def test_the_check_finds_such_a_path(tmp_path):
    sample = 'CORPUS = Path("/' + 'work/shared/corpus")'
    assert ABSOLUTE.search(sample)


def test_no_merge_conflict_markers_are_left():
    markers = ("<" * 7 + " ", ">" * 7 + " ")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in _files()
             for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1)
             if line.startswith(markers)]
    assert not found, "unresolved merge conflicts: " + ", ".join(found[:10])
