import csv

import pytest
from openpyxl import Workbook

from app.core.exchange.codebook_xlsx import CodebookFormatError, read_codebook_xlsx, write_codebook_xlsx
from app.core.exchange.csvout import write_segments_csv
from app.core.exchange.model import code_tree_from_infos, walk_codes
from app.core.exchange.refi_read import read_qdc
from app.core.exchange.refi_write import write_qdc

from exporters_sample import CODES, CODINGS, TEXTS


def test_csv_is_tidy_utf8_with_formula_guard(data, tmp_path):
    path = tmp_path / "seg.csv"
    report = write_segments_csv(data, path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines(keepends=True)))
    assert len(rows) == len(CODINGS)
    assert rows[3]["Quote"] == TEXTS[1][58:93]
    assert rows[0]["Date"] == "2024-03-01" and rows[0]["Created"] == "2024-05-01 12:30:00"
    assert rows[4]["Quote"] == "'=cmd|' /C calc'!A0"
    assert rows[4]["Title"] == "'@Web article"
    assert report.formula_like_cells >= 3


def test_csv_bom_and_unguarded_option(data, tmp_path):
    path = tmp_path / "seg.csv"
    write_segments_csv(data, path, bom=True, guard_formulas=False)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[4]["Quote"] == "=cmd|' /C calc'!A0"
    assert "\n" in rows[3]["Context"] or rows[3]["Context"].startswith("A second")


def test_codebook_xlsx_round_trip_is_identical(tmp_path):
    path = tmp_path / "codebook.xlsx"
    write_codebook_xlsx(CODES, path)
    imported = read_codebook_xlsx(path)
    assert imported.codes == code_tree_from_infos(CODES)
    assert imported.notes == []


def test_codebook_qdc_round_trip_is_identical(tmp_path):
    path = tmp_path / "codebook.qdc"
    write_qdc(CODES, path)
    imported = read_qdc(path)
    assert imported.codes == code_tree_from_infos(CODES)


def test_simple_sheet_with_maxqda_paths_and_colours(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Code", "Color", "Description"])
    ws.append(["Framing > Conflict", "ff0000", "Two sides"])
    ws.append(["Framing > Human interest", "#0f0", None])
    ws.append(["Framing", None, "Top level"])
    ws.append(["Sources", "not a colour", None])
    wb.save(tmp_path / "simple.xlsx")
    result = read_codebook_xlsx(tmp_path / "simple.xlsx")
    paths = ["/".join(p) for _, p in walk_codes(result.codes)]
    assert paths == ["Framing", "Framing/Conflict", "Framing/Human interest", "Sources"]
    framing = result.codes[0]
    assert framing.description == "Top level"
    assert [c.color for c in framing.children] == ["#ff0000", "#00ff00"]
    assert any("missing" in n for n in result.notes) and any("not #rrggbb" in n for n in result.notes)


def test_path_column_with_slashes(tmp_path):
    wb = Workbook()
    wb.active.append(["Path"])
    wb.active.append(["A/B"])
    wb.active.append(["A"])
    wb.save(tmp_path / "p.xlsx")
    codes = read_codebook_xlsx(tmp_path / "p.xlsx").codes
    assert [n.name for n, _ in walk_codes(codes)] == ["A", "B"]


def test_not_a_codebook(tmp_path):
    wb = Workbook()
    wb.active.append(["Something", "Else"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(CodebookFormatError):
        read_codebook_xlsx(tmp_path / "x.xlsx")
    (tmp_path / "y.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CodebookFormatError):
        read_codebook_xlsx(tmp_path / "y.xlsx")
