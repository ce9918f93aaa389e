"""A non-editable install works: migrations, the demo corpus and icons ship inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_creates_and_migrates_projects_from_its_own_files(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = wheels.glob("quotecoder-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(site), XDG_DATA_HOME=str(tmp_path / "data"))
    code = (
        "import app, pathlib; assert pathlib.Path(app.__file__).parent.parent == pathlib.Path(%r), app.__file__\n"
        "from app.demo import ensure_demo_project\n"
        "from app.project import Project\n"
        "with Project.open(ensure_demo_project()) as p:\n"
        "    print(p.documents.count(), len(p.codebook.list()))\n"
    ) % str(site)
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    documents, codes = map(int, result.stdout.split())
    assert documents >= 4 and codes >= 3
