"""project.exchange: exports filled from a stored project, codebook and REFI-QDA imports, round trips."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.shared import REFI_SAMPLES
from app.core.exchange.xlsx import ExportCancelled
from app.project import Project, ValidationError

SAMPLES = REFI_SAMPLES
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared REFI-QDA samples not present")

SPEECH = "We will build.\nJobs matter 😀 here.\r\nThe economy grows. =SUM(A1) said no one."
ARTICLE = "Voters met the mayor.\n\nThe mayor promised jobs and roads."


@pytest.fixture
def filled(project, add_text):
    """Two documents, three codes (one archived, one with a shortcut), two coders, codings, memos."""
    p = project
    d1 = add_text(SPEECH, title="Speech", outlet="Gazette", author="A. Writer", source_url="https://x.test/1",
                  language="en", published=date(2024, 3, 1), attributes={"party": "Green", "Author": "clash"})
    d2 = add_text(ARTICLE, title="=Article")
    economy = p.codebook.add("Economy", color="#112233", description="About money", inclusion="prices",
                             exclusion="sports", example="jobs", shortcut="Ctrl+1").id
    jobs = p.codebook.add("Jobs", economy, color="#445566").id
    tone = p.codebook.add("Tone", color="#aabbcc").id
    ann = p.coders.add("Ann").id
    bob = p.coders.add("Bob").id
    text = p.documents.text(d1)
    j = text.index("Jobs")
    p.codings.add(d1, jobs, ann, j, j + 11, memo="first")
    p.codings.add(d1, jobs, bob, j, j + 4)
    p.codings.add(d1, economy, ann, text.index("The economy"), len(text), memo="-risky memo")
    p.codings.add(d2, tone, bob, 0, 6)
    p.codings.add(d2, economy, ann, ARTICLE.index("jobs"), ARTICLE.index("jobs") + 4)
    p.codebook.archive(tone)
    p.memos.add("project", None, "Plan the coding.", title="Plan")
    p.memos.add("document", d1, "Check the date.", title="On the speech")
    p.memos.add("code", economy, "Broad code.", title="Economy memo")
    p.documents.set_status(d2, ann, "done")
    return {"docs": (d1, d2), "codes": (economy, jobs, tone), "coders": (ann, bob)}


def _state(p: Project):
    docs = sorted((d.uuid, d.title, p.documents.text(d.id), d.outlet, d.author, d.source_url, d.language,
                   d.published, tuple(sorted(d.attributes.items()))) for d in p.documents.list())
    codes = [(c.uuid, c.path, c.position, c.color, c.description, c.inclusion, c.exclusion, c.example,
              c.shortcut, c.archived) for c in p.codebook.list()]
    coders = sorted((c.uuid, c.name) for c in p.coders.list())
    code_uuid = {c.id: c.uuid for c in p.codebook.list()}
    coder_uuid = {c.id: c.uuid for c in p.coders.list()}
    doc_uuid = {d.id: d.uuid for d in p.documents.list()}
    codings = sorted((c.uuid, doc_uuid[c.document_id], code_uuid[c.code_id], coder_uuid[c.coder_id], c.start, c.end,
                      c.memo) for c in p.codings.iter_all())
    memos = sorted((mo.uuid, mo.target, mo.title, mo.text) for mo in p.memos.list())
    return docs, codes, coders, codings, memos


def test_qdpx_round_trip_into_an_empty_project_gives_the_same_project(filled, project, tmp_path):
    out = project.exchange.export(tmp_path / "p.qdpx")
    assert out.codings == 5
    with Project.create(tmp_path / "copy.qcp") as copy:
        report = copy.exchange.import_refi(out.path)
        assert (report.documents, report.codes, report.coders, report.codings) == (2, 3, 2, 5)
        assert report.dropped_codings == 0
        assert _state(copy) == _state(project)


def test_refi_import_twice_adds_nothing_the_second_time(filled, project, tmp_path):
    out = project.exchange.export(tmp_path / "p.qdpx")
    with Project.create(tmp_path / "copy.qcp") as copy:
        copy.exchange.import_refi(out.path)
        before = _state(copy)
        again = copy.exchange.import_refi(out.path)
        assert (again.documents, again.duplicate_documents, again.codes, again.codings) == (0, 2, 0, 0)
        assert again.dropped_codings == 5 and any("already there" in n for n in again.notes)
        assert _state(copy) == before


def test_broken_refi_file_changes_nothing(project, tmp_path, add_text):
    add_text("Kept text.", title="Kept")
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("project.qde", "<Project><Sources><TextSource")
    with pytest.raises(ValidationError, match="bad.qdpx is not a readable REFI-QDA project"):
        project.exchange.import_refi(bad)
    assert [d.title for d in project.documents.list()] == ["Kept"]
    assert project.codebook.list() == []


def test_refi_import_failing_midway_rolls_everything_back(filled, project, tmp_path, monkeypatch):
    out = project.exchange.export(tmp_path / "p.qdpx")
    import app.project.exchange_import as ei

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ei, "_memos", boom)
    with Project.create(tmp_path / "copy.qcp") as copy:
        with pytest.raises(RuntimeError):
            copy.exchange.import_refi(out.path)
        assert copy.documents.count() == 0 and copy.codebook.list() == [] and copy.coders.count() == 0


@pytest.mark.parametrize("suffix", [".xlsx", ".qdc"])
def test_codebook_export_import_is_identical(filled, project, tmp_path, suffix):
    out = project.exchange.export_codebook(tmp_path / f"book{suffix}")
    with Project.create(tmp_path / "copy.qcp") as copy:
        result = copy.exchange.import_codebook(out.path)
        assert result.added == 3
        assert _state(copy)[1] == _state(project)[1]


def test_codebook_import_refuses_clashes_and_changes_nothing(filled, project, tmp_path):
    out = project.exchange.export_codebook(tmp_path / "book.qdc")
    with Project.create(tmp_path / "copy.qcp") as copy:
        copy.codebook.add("Tone")  # same path, another code
        copy.codebook.add("Other")
        with pytest.raises(ValidationError, match=r"clash.*'Tone' already exists"):
            copy.exchange.import_codebook(out.path)
        assert [c.path for c in copy.codebook.list()] == ["Tone", "Other"]


def test_codebook_import_of_the_same_codebook_reuses_it(filled, project, tmp_path):
    out = project.exchange.export_codebook(tmp_path / "book.xlsx")
    result = project.exchange.import_codebook(out.path)
    assert (result.added, result.reused) == (0, 3)


def test_codebook_from_a_simple_maxqda_sheet(project, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Code", "Color", "Description"])
    wb.active.append(["Politics > Parties", "#ff0000", "Party names"])
    wb.active.append(["Politics > Voters", "", ""])
    wb.save(tmp_path / "simple.xlsx")
    result = project.exchange.import_codebook(tmp_path / "simple.xlsx")
    codes = {c.path: c for c in project.codebook.list()}
    assert list(codes) == ["Politics", "Politics/Parties", "Politics/Voters"]
    assert codes["Politics/Parties"].color == "#ff0000" and codes["Politics/Parties"].description == "Party names"
    assert any("was missing and was created" in n for n in result.notes)


def test_unknown_suffix_is_refused(project, tmp_path):
    with pytest.raises(ValidationError, match="use .xlsx, .csv, .qdc, .qdpx"):
        project.exchange.export(tmp_path / "out.pdf")


def test_xlsx_export_sheets_values_and_filters(filled, project, tmp_path):
    first = min(c.id for c in project.codings.iter_all())
    project.codings.set_memo(first, "A long memo that needs more than forty characters to say it.")
    out = project.exchange.export(tmp_path / "out.xlsx", coders=["Ann"], codes=["Economy"])
    assert out.codings == 3
    wb = load_workbook(out.path)
    assert wb.sheetnames[:2] == ["Codebook", "Segments"]
    rows = list(wb["Segments"].iter_rows(values_only=True))
    header = rows[0]
    quotes = [r[header.index("Quote")] for r in rows[1:]]
    assert quotes == ["Jobs matter", "The economy grows. =SUM(A1) said no one.", "jobs"]
    assert {r[header.index("Coder")] for r in rows[1:]} == {"Ann"}
    assert [r[header.index("Code path")] for r in rows[1:]] == ["Economy/Jobs", "Economy", "Economy"]
    assert rows[1][header.index("party")] == "Green"
    # A title starting with '=' stays text, never a formula.
    titles = [c for c in wb["Segments"]["C"] if c.value == "=Article"]
    assert titles and all(c.data_type == "s" for c in titles)
    assert all(c.quotePrefix for c in titles)
    cells = list(wb["Segments"].iter_rows(min_row=2))
    date_cell = cells[0][header.index("Date")]
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    assert cells[0][header.index("Created")].number_format == "yyyy-mm-dd hh:mm:ss"
    long_memo = cells[0][header.index("Memo")]
    assert long_memo.value.startswith("A long memo") and long_memo.alignment.wrap_text
    assert long_memo.alignment.vertical == "top" and not long_memo.quotePrefix
    assert not cells[2][header.index("Quote")].alignment.wrap_text
    codebook = [r[0] for r in wb["Codebook"].iter_rows(values_only=True)]
    assert "Tone" not in codebook and "Economy/Jobs" in codebook


def test_xlsx_agreement_sheet_when_asked(filled, project, tmp_path):
    out = project.exchange.export(tmp_path / "out.xlsx", include_agreement=True)
    wb = load_workbook(out.path)
    assert "Agreement" in wb.sheetnames
    header = next(wb["Agreement"].iter_rows(values_only=True))
    assert "krippendorff_alpha" in header


def test_csv_export_with_bom_and_context_from_stored_sentences(filled, project, tmp_path):
    from app.storage import models as m

    d1 = filled["docs"][0]
    text = project.documents.text(d1)
    with project.db.session() as s:
        s.add(m.Sentence(document_id=d1, start=0, end=text.index("\n") + 1))
        s.add(m.Sentence(document_id=d1, start=text.index("Jobs"), end=text.index("The economy")))
        s.add(m.Sentence(document_id=d1, start=text.index("The economy"), end=len(text)))
    out = project.exchange.export(tmp_path / "out.csv", documents=[d1], bom=True)
    raw = out.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    by_quote = {r["Quote"]: r for r in rows}
    assert by_quote["Jobs"]["Context"] == "Jobs matter 😀 here.\n"
    assert by_quote["Jobs matter"]["Memo"] == "first"
    assert rows[-1]["Memo"] == "'-risky memo"  # defused for spreadsheets


def test_export_cancel_leaves_no_file(filled, project, tmp_path, monkeypatch):
    import app.core.exchange.xlsx as xlsx

    monkeypatch.setattr(xlsx, "PROGRESS_EVERY", 1)
    with pytest.raises(ExportCancelled):
        project.exchange.export(tmp_path / "out.xlsx", cancelled=lambda: True)
    assert not (tmp_path / "out.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_export_progress_reports_done_and_total(filled, project, tmp_path):
    seen = []
    project.exchange.export(tmp_path / "out.xlsx", progress=lambda n, total: seen.append((n, total)))
    assert seen[-1] == (5, 5)


@needs_samples
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.qd[ep]*")) if SAMPLES.is_dir() else [])
def test_every_sample_imports_into_a_project(project, name):
    report = project.exchange.import_refi(SAMPLES / name)
    assert report.origin
    assert project.coders.count() >= (1 if report.codings else 0)
    for c in list(project.codings.iter_all())[:50]:
        assert 0 <= c.start < c.end <= project.documents.get(c.document_id).length
    assert report.codings == project.codings.count()


@needs_samples
def test_qc_sample_codings_keep_the_lines_qc_meant(project):
    path = SAMPLES / "qc-1.3.2_demo-project.qdpx"
    report = project.exchange.import_refi(path)
    assert report.codings == 205
    xml = zipfile.ZipFile(path).read("project.qde").decode()
    line_of = {int(mt.group(2)): int(mt.group(1)) for mt in re.finditer(r'name="line:(\d+)" startPosition="(\d+)"', xml)}
    for c in list(project.codings.iter_all())[:40]:
        text = project.documents.text(c.document_id)
        assert text[c.start : c.end].rstrip("\n") == text.split("\n")[line_of[c.start]]


@needs_samples
def test_bare_qde_without_texts_reports_left_out_codings(project):
    report = project.exchange.import_refi(SAMPLES / "nvivo-win-12.6_project.qde")
    assert report.codings == 0 and report.dropped_codings == 303
    assert any("is not in the file" in line for line in report.lines())
