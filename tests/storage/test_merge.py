"""Merging projects coded apart: matched by UUID then text/path/name, unioned, twice adds nothing."""

from __future__ import annotations

import pytest

from app.core.importers import ImportedDocument
from app.core.records import DocStatus
from app.project import Project
from app.project.merge import merge_projects


def _doc(project: Project, text: str, title: str) -> int:
    return project.documents.add(ImportedDocument(text=text, title=title, importer="test", source_name=f"{title}.txt",
                                                  file_hash="0" * 64)).id


def _copy_coded_by(tmp_path, name: str, base: str) -> Project:
    """A copy of the base project (same UUIDs) on which ``name`` codes offline."""
    path = tmp_path / f"{name}.qcp"
    path.write_bytes(open(base, "rb").read())
    return Project.open(path)


@pytest.fixture
def base(tmp_path):
    path = tmp_path / "base.qcp"
    with Project.create(path) as p:
        _doc(p, "Hello world, said the mayor.", "Speech")
        p.codebook.add_path("Economy/Jobs")
        p.coders.add("Alice")
        p.coders.add("Consensus", consensus=True)
    return str(path)


def test_merge_unions_copies_and_twice_adds_nothing(project, base, tmp_path):
    # The target already has the same speech (imported separately: other UUID, same text) and Alice.
    doc = _doc(project, "Hello world, said the mayor.", "Speech (again)")
    alice = project.coders.add("Alice").id
    jobs = project.codebook.add_path("Economy/Jobs").id
    project.codings.add(doc, jobs, alice, 0, 5)
    with _copy_coded_by(tmp_path, "alice", base) as copy:
        speech = copy.documents.list()[0].id
        a = copy.coders.by_name("Alice").id
        consensus = copy.coders.by_name("Consensus").id
        new_code = copy.codebook.add_path("Economy/Prices").id
        copy.codings.add(speech, copy.codebook.by_path("Economy/Jobs").id, a, 0, 5, memo="same as target")
        copy.codings.add(speech, new_code, a, 6, 11)
        copy.codings.add(speech, new_code, consensus, 6, 11)
        copy.documents.set_status(speech, a, DocStatus.DONE)
        copy.memos.add("document", speech, "The mayor is quoted twice.")
        _doc(copy, "A second article.", "Second")
        report = merge_projects(project, [copy])
        assert report.as_json() == {
            "documents_added": 1, "documents_matched": 1, "codes_added": 1, "coders_added": 1,
            "codings_added": 2, "codings_skipped": 1, "memos_added": 1, "conflicts": [],
        }
        again = merge_projects(project, [copy])
    assert again.as_json() | {"documents_matched": 0, "codings_skipped": 0} == {
        "documents_added": 0, "documents_matched": 0, "codes_added": 0, "coders_added": 0,
        "codings_added": 0, "codings_skipped": 0, "memos_added": 0, "conflicts": [],
    }
    assert project.codings.count() == 3
    merged_consensus = project.coders.by_name("Consensus")
    assert merged_consensus.consensus  # a consensus layer stays consensus
    assert [c.start for c in project.codings.for_document(doc, [merged_consensus.id])] == [6]
    assert project.documents.status(doc, alice) == DocStatus.DONE
    assert project.codebook.by_path("Economy/Prices")
    assert sorted(d.title for d in project.documents.list()) == ["Second", "Speech (again)"]


def test_a_failed_merge_changes_nothing(project, base, tmp_path, monkeypatch):
    with _copy_coded_by(tmp_path, "bob", base) as copy:
        copy.coders.add("Bob")
        import app.project.merge as merge

        def broken(*args):
            raise RuntimeError("disk full")

        monkeypatch.setattr(merge, "_memos", broken)
        with pytest.raises(RuntimeError):
            merge_projects(project, [copy])
    assert project.coders.list() == [] and project.documents.list() == [] and project.codebook.list() == []
