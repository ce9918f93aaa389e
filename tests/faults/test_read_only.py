"""A project on a read-only disk or without write permission opens read-only: browse, search, export."""

from __future__ import annotations

import pytest

from app.cli import main
from app.project import Project, ReadOnlyError
from tests.faults.conftest import document, read_only_folder


@pytest.fixture
def shelved(tmp_path):
    """A closed project with two documents and one coding, in a folder nobody may write to."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    with Project.create(folder / "study.qcp") as p:
        doc = p.documents.add(document(1)).id
        p.documents.add(document(2))
        code = p.codebook.add("Theme").id
        coder = p.coders.add("Aigerim").id
        p.codings.add(doc, code, coder, 0, 8)
    with read_only_folder(folder) as ro:
        yield ro / "study.qcp"


def test_a_read_only_project_browses_searches_and_exports(shelved, tmp_path):
    before = shelved.read_bytes()
    with Project.open(shelved) as p:
        assert p.read_only
        assert [d.title for d in p.documents.list()] == ["Doc 1", "Doc 2"]
        assert [(s.code_path, s.text) for s in p.codings.segments()] == [("Theme", "Document")]
        assert [(hit.doc_id, hit.keyword) for hit in p.nlp.kwic("word2_3")] == [(2, "word2_3")]
        p.exchange.export(tmp_path / "out.xlsx")
        assert (tmp_path / "out.xlsx").stat().st_size > 0
        with pytest.raises(ReadOnlyError, match="read-only, so edits are off"):
            p.codebook.add("New theme")
        assert [c.path for c in p.codebook.list()] == ["Theme"]
    assert shelved.read_bytes() == before


def test_the_cli_lists_a_read_only_project_and_refuses_edits_in_one_line(shelved, capsys):
    assert main(["docs", str(shelved)]) == 0
    assert "Doc 2" in capsys.readouterr().out
    assert main(["codes", str(shelved), "add", "Other"]) == 1
    err = capsys.readouterr().err
    assert "edits are off" in err and "Traceback" not in err
