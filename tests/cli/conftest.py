from __future__ import annotations

import json

import pytest

from app.cli import main


class Runner:
    def __init__(self, capsys):
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str):
        code, out, err = self(*args)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def qc(capsys):
    return Runner(capsys)


@pytest.fixture
def proj(tmp_path, qc):
    path = tmp_path / "study.qcp"
    assert qc("init", path)[0] == 0
    return path


from pg_cluster import pg_cluster, team_db  # noqa: E402,F401  (private PostgreSQL for the team commands)
