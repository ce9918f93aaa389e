"""quotecoder export / codebook export|import / import of a REFI-QDA project, end to end."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from bench.shared import REFI_SAMPLES

SAMPLES = REFI_SAMPLES


@pytest.fixture
def coded(tmp_path, qc, proj):
    """A project with one web text holding formula-like and control characters, two coders, two codes."""
    src = tmp_path / "web.txt"
    src.write_text("=HYPERLINK(\"http://evil\") said the post.\nJobs\x07 are back. @everyone cheered.\n", encoding="utf-8")
    assert qc("import", proj, src)[0] == 0
    assert qc("codes", proj, "add", "Economy/Jobs", "--color", "#336699", "--description", "=work")[0] == 0
    assert qc("codes", proj, "add", "Tone")[0] == 0
    for name in ("Ann", "Bob"):
        assert qc("coders", proj, "add", name)[0] == 0
    assert qc("code", proj, "--doc", 1, "--code", "Tone", "--coder", "Ann", "--start", 0, "--end", 25)[0] == 0
    assert qc("code", proj, "--doc", 1, "--code", "Economy/Jobs", "--coder", "Ann", "--start", 41, "--end", 56)[0] == 0
    assert qc("code", proj, "--doc", 1, "--code", "Economy/Jobs", "--coder", "Bob", "--start", 41, "--end", 45)[0] == 0
    return proj


def test_export_xlsx_sheets_headers_values_and_safety(coded, qc, tmp_path):
    out = tmp_path / "out.xlsx"
    code, stdout, err = qc("export", coded, out)
    assert code == 0, err
    assert f"wrote {out} (3 coding(s))" in stdout
    assert "control character" in stdout and "as text, not formulas" in stdout
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["Codebook", "Segments", "Documents"]
    seg = wb["Segments"]
    header = [c.value for c in seg[1]]
    assert header[:8] == ["Coding ID", "Document ID", "Title", "Date", "Outlet", "URL", "Coder", "Code path"]
    qcol = header.index("Quote")
    quotes = {row[qcol].value: row[qcol] for row in seg.iter_rows(min_row=2)}
    evil = quotes['=HYPERLINK("http://evil")']
    assert evil.data_type == "s"  # text, never a formula
    assert "Jobs are back." in quotes  # the BEL character was removed
    assert [c.value for c in wb["Codebook"][1]][0] == "Full path"
    assert wb["Codebook"]["A2"].value == "Economy"


def test_export_filters_by_coder_code_and_document(coded, qc, tmp_path):
    out = tmp_path / "ann.csv"
    code, stdout, err = qc("export", coded, out, "--coders", "Ann", "--codes", "Economy", "--documents", "1", "--bom")
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["Coder"], r["Code path"], r["Quote"]) for r in rows] == [("Ann", "Economy/Jobs", "Jobs are back.")]


def test_export_qdpx_then_import_into_a_new_project(coded, qc, tmp_path):
    out = tmp_path / "p.qdpx"
    assert qc("export", coded, out)[0] == 0
    other = tmp_path / "other.qcp"
    assert qc("init", other)[0] == 0
    code, stdout, err = qc("import", other, out)
    assert code == 0, err
    assert "1 document(s), 3 code(s), 2 coder(s), 3 coding(s)" in stdout
    segments = qc.json("segments", other, "--json")
    assert sorted((s["coder"], s["code"], s["text"]) for s in segments) == sorted(
        (s["coder"], s["code"], s["text"]) for s in qc.json("segments", coded, "--json"))


def test_codebook_export_and_import(coded, qc, tmp_path):
    for suffix in (".xlsx", ".qdc"):
        book = tmp_path / f"book{suffix}"
        code, stdout, err = qc("codebook", coded, "export", book)
        assert code == 0 and book.exists(), err
        fresh = tmp_path / f"fresh{suffix}.qcp"
        assert qc("init", fresh)[0] == 0
        code, stdout, err = qc("codebook", fresh, "import", book)
        assert code == 0, err
        assert "3 code(s) imported" in stdout
        def book_of(project):
            return [{k: v for k, v in c.items() if k != "codings"} for c in qc.json("codes", project, "list", "--json")]

        assert book_of(fresh) == book_of(coded)


def test_codebook_import_clash_is_one_line_error(coded, qc, tmp_path):
    book = tmp_path / "book.qdc"
    assert qc("codebook", coded, "export", book)[0] == 0
    other = tmp_path / "other.qcp"
    assert qc("init", other)[0] == 0
    assert qc("codes", other, "add", "Tone")[0] == 0
    code, stdout, err = qc("codebook", other, "import", book)
    assert code == 1
    assert err.startswith("quotecoder: error: nothing was imported") and err.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    (("export", "{p}", "{t}/out.pdf"), "use .xlsx, .csv, .qdc, .qdpx"),
    (("export", "{p}", "{t}/out.xlsx", "--coders", "Zed"), "no coder named 'Zed'"),
    (("export", "{p}", "{t}/out.xlsx", "--documents", "x"), "document ids"),
    (("codebook", "{p}", "import", "{t}/none.txt"), "use .xlsx, .qdc"),
    (("import", "{p}", "{t}/broken.qdpx"), "is not a readable REFI-QDA project"),
])
def test_errors_are_one_line_and_exit_1(coded, qc, tmp_path, args, message):
    (tmp_path / "broken.qdpx").write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = qc(*[a.format(p=coded, t=tmp_path) for a in args])
    assert code == 1
    assert message in err and err.count("\n") == 1


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared REFI-QDA samples not present")
def test_import_a_real_qdpx_prints_the_report(qc, proj):
    code, stdout, err = qc("import", proj, SAMPLES / "qc-1.3.2_demo-project.qdpx")
    assert code == 0, err
    assert "205 coding(s)" in stdout
    assert len(qc.json("segments", proj, "--json")) == 205


def test_import_of_ordinary_files_still_goes_to_documents(qc, proj, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Just text.", encoding="utf-8")
    code, stdout, _ = qc("import", proj, src)
    assert code == 0 and "1 imported" in stdout


def test_zip_with_qdpx_suffix_but_no_project_is_refused(qc, proj, tmp_path):
    bad = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("readme.txt", "nothing here")
    code, _, err = qc("import", proj, bad)
    assert code == 1 and "empty.qdpx" in err
