"""`quotecoder import` over a folder with broken files: each is its own failure, no traceback, notes shown."""

from __future__ import annotations

import io
import zipfile

BAD_RTF = rb"{\rtf1\ansi hello \u99999999999 world}"


def _no_workbook_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


def _folder(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "1.txt").write_text("The first article, about the harvest in the north.", encoding="utf-8")
    (folder / "2.rtf").write_bytes(BAD_RTF)
    (folder / "2b.xlsx").write_bytes(_no_workbook_xlsx())
    (folder / "3.txt").write_text("The third article, about the railway to the coast.", encoding="utf-8")
    return folder


def test_one_bad_file_does_not_stop_the_batch_and_prints_no_traceback(qc, proj, tmp_path):
    folder = _folder(tmp_path)
    code, out, err = qc("import", proj, folder)
    assert code == 0 and "Traceback" not in out + err
    lines = out.splitlines()
    assert any(line.startswith("imported") and line.split()[1].endswith("1.txt") for line in lines)
    assert any(line.startswith("imported") and line.split()[1].endswith("3.txt") for line in lines)
    [rtf] = [line for line in lines if "2.rtf" in line]
    assert rtf.startswith("failed") and "damaged RTF (OverflowError" in rtf
    [xlsx] = [line for line in lines if "2b.xlsx" in line]
    assert xlsx.startswith("failed") and "2b.xlsx: damaged or unusual .xlsx file" in xlsx
    assert lines[-1] == "2 imported (0 near-duplicate), 0 duplicate(s), 2 failed"
    titles = [d["title"] for d in qc.json("docs", proj, "--json")]
    assert len(titles) == 2


def test_replacement_characters_are_reported_in_text_and_json(qc, proj, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Das Café am Rhein öffnet früh. ".encode() * 3 + b"\xff" + "Größe.".encode())
    code, out, _err = qc("import", proj, path)
    assert code == 0
    assert "  note: not valid UTF-8 throughout: 1 invalid byte sequence(s) replaced" in out
    other = tmp_path / "other.qcp"
    qc("init", other)
    [outcome] = qc.json("import", other, path, "--json")
    assert outcome["status"] == "imported" and outcome["notes"][0].startswith("not valid UTF-8 throughout")


def test_segments_csv_defuses_formulas_like_export_csv(qc, proj, tmp_path):
    import csv

    hostile = tmp_path / "hostile.txt"
    body = "=HYPERLINK(\"http://x\")\n+1 said the caller\n-2 @SUM(A1)\x07 bell"
    hostile.write_text(body, encoding="utf-8")
    quotes = ["=HYPERLINK(", "+1 said the caller", "-2 @SUM(A1)\x07"]
    qc("import", proj, hostile)
    qc("codes", proj, "add", "@Code")
    assert qc("coders", proj, "add", "--", "-Coder")[0] == 0
    for quote in quotes:
        start, end = body.index(quote), body.index(quote) + len(quote)
        assert qc("code", proj, "--doc", 1, "--code", "@Code", "--coder=-Coder", "--start", start,
                  "--end", end, "--memo", "=1+1")[0] == 0
    code, out, err = qc("segments", proj, "--csv")
    assert code == 0
    listed = list(csv.DictReader(io.StringIO(out)))
    export = tmp_path / "out.csv"
    assert qc("export", proj, export)[0] == 0
    with open(export, encoding="utf-8", newline="") as fh:
        exported = list(csv.DictReader(fh))
    for fields in (listed, [{k.lower(): v for k, v in row.items()} for row in exported]):
        cells = [v for row in fields for v in row.values() if v]
        assert not any(v.startswith(("=", "+", "-", "@")) for v in cells), "a formula reached the CSV raw"
        assert not any("\x07" in v for v in cells)
    assert [r["text"] for r in listed] == ["'=HYPERLINK(", "'+1 said the caller", "'-2 @SUM(A1)"]
    assert {r["memo"] for r in listed} == {"'=1+1"} and {r["coder"] for r in listed} == {"'-Coder"}
    assert "starting with = + - or @ as text" in err
