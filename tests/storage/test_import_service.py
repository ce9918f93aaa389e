"""Importing into a project: many formats at once, bad files skipped, duplicates, near-duplicates, cancel."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bench.shared import CORPUS
from app.assets import resource
from app.core.importers import ImportOptions

SEED = Path(str(resource("demo", "000_77d7894f4c471d5e.txt")))
STORY = (
    "The parliament approved the constitutional amendments on Tuesday after a long debate in which "
    "deputies from every faction spoke about the balance of powers, the role of the courts and the "
    "rights of citizens, and the president is expected to sign the law within ten days."
)


def test_a_folder_with_broken_files_imports_the_good_ones_and_names_each_failure(project, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(5):
        (folder / f"good{i}.txt").write_text(f"Article {i}. {STORY} Number {i}.", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"this is not a zip archive")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "notes.xyz").write_text("unknown type", encoding="utf-8")
    outcomes = project.documents.import_paths([str(folder)])
    by_name = {Path(o.path).name: o for o in outcomes}
    assert sum(o.status == "imported" for o in outcomes) == 5
    assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].error
    assert by_name["broken.docx"].status == "failed" and by_name["broken.docx"].error
    assert by_name["binary.txt"].status == "failed" and "binary" in by_name["binary.txt"].error
    assert project.documents.count() == 5


def test_the_same_text_twice_is_a_duplicate_even_with_other_line_endings(project, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"One line.\nTwo lines.\n")
    (tmp_path / "b.txt").write_bytes(b"One line.\r\nTwo lines.\r\n")
    outcomes = project.documents.import_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert [o.status for o in outcomes] == ["imported", "duplicate"]
    assert outcomes[1].document_id == outcomes[0].document_id


def test_a_wire_story_carried_by_two_outlets_is_grouped(project, tmp_path):
    wire = " ".join(f"{STORY[:-1]}, said source number {i}." for i in range(6))
    (tmp_path / "outlet1.txt").write_text("Outlet One\n\n" + wire + " Reporting by our correspondent.", encoding="utf-8")
    (tmp_path / "outlet2.txt").write_text("Outlet Two\n\n" + wire + " Our own report.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Weather. " + " ".join(["sunny and warm"] * 20), encoding="utf-8")
    first, second, other = project.documents.import_paths(
        [str(tmp_path / n) for n in ("outlet1.txt", "outlet2.txt", "other.txt")])
    assert second.near_duplicate_of == first.document_id
    assert project.documents.get(first.document_id).near_duplicate_group == first.document_id
    assert project.documents.get(other.document_id).near_duplicate_group is None


def test_zip_entries_with_traversal_are_ignored_and_reported(project, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.txt", "A harmless article about reforms.")
        archive.writestr("../evil.txt", "escape attempt")
    (tmp_path / "corpus.zip").write_bytes(buffer.getvalue())
    outcomes = project.documents.import_paths([str(tmp_path / "corpus.zip")])
    statuses = sorted((o.status, Path(o.path).name) for o in outcomes)
    assert ("imported", "ok.txt") in statuses
    assert any(s == "failed" and "evil" in name for s, name in statuses)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_web_text_metadata_and_boilerplate_without_changing_the_text(project):
    [outcome] = project.documents.import_paths([str(SEED)])
    doc = project.documents.get(outcome.document_id)
    assert project.documents.text(doc.id) == SEED.read_text(encoding="utf-8")
    assert doc.title.startswith("President Kassym-Jomart Tokayev participates")
    assert doc.published.isoformat() == "2022-04-26"
    assert doc.language == "en"
    spans = project.documents.excluded_spans(doc.id)
    text = project.documents.text(doc.id)
    assert spans and any("Recent Posts" in text[s.start:s.end] for s in spans)
    assert "social justice" not in "".join(text[s.start:s.end] for s in spans)


def test_cancelling_keeps_the_finished_documents(project, tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"Document {i}: {STORY}", encoding="utf-8")
    seen: list[str] = []
    outcomes = project.documents.import_paths(
        [str(tmp_path)], progress=lambda n, name: seen.append(name), cancelled=lambda: len(seen) >= 3)
    assert len(outcomes) == 3 and project.documents.count() == 3


def test_a_corpus_table_becomes_one_document_per_row_with_attributes(project, tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text('headline,body,published,section\n"First","Line one\nline two",2022-04-26,politics\n'
                     '"Second","Another text",26.04.2022,economy\n', encoding="utf-8")
    outcomes = project.documents.import_paths(
        [str(table)], ImportOptions(title_column="headline", text_column="body", date_column="published"))
    assert [o.status for o in outcomes] == ["imported", "imported"]
    docs = project.documents.list()
    assert [d.title for d in docs] == ["First", "Second"]
    assert project.documents.text(docs[0].id) == "Line one\nline two"
    assert docs[0].attributes["section"] == "politics"
    assert [d.published.isoformat() for d in docs] == ["2022-04-26", "2022-04-26"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")
def test_the_whole_shared_corpus_imports(project):
    outcomes = project.documents.import_paths([str(CORPUS / "en"), str(CORPUS / "html"), str(CORPUS / "multi")])
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed
    assert sum(o.status == "imported" for o in outcomes) >= 80
