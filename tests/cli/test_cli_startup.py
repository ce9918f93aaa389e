"""Start-up cost of the command line: `--help` and `--version` parse arguments without loading the
database, spreadsheet or language libraries (each subcommand imports what it needs when it runs)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "spacy", "numpy", "PySide6", "trafilatura")

# A fresh interpreter runs the command and then reports which heavy packages got imported.
PROBE = """
import json, sys
from app.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(%r))
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
""" % (HEAVY,)


def _probe(*argv: str) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report, done.stdout


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["export", "--help"], ["agreement", "--help"],
                                  ["import", "--help"], ["nlp", "--help"], ["codebook", "--help"]])
def test_help_and_version_import_no_heavy_library(argv):
    report, out = _probe(*argv)
    assert report["code"] == 0
    assert report["heavy"] == []
    assert "quotecoder" in out


def test_a_real_command_still_loads_what_it_needs(tmp_path):
    report, out = _probe("init", str(tmp_path / "s.qcp"))
    assert report["code"] == 0 and "created project" in out
    assert "sqlalchemy" in report["heavy"]
