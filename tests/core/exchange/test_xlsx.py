from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.core.exchange.model import ExportData
from app.core.exchange.xlsx import ExportCancelled, write_workbook
from app.core.records import CodingInfo, DocumentInfo

from exporters_sample import CODES, CODINGS, TEXTS


@pytest.fixture
def book(data, tmp_path):
    data.agreement = [{"Code": "Tone", "Krippendorff alpha": 0.71, "Units": 12}]
    path = tmp_path / "out.xlsx"
    report = write_workbook(data, path)
    return load_workbook(path), report


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def by_header(ws):
    data = rows(ws)
    return [dict(zip(data[0], r)) for r in data[1:]]


def test_sheets_in_order(book):
    wb, _ = book
    assert wb.sheetnames == ["Codebook", "Segments", "Documents", "Code x Document", "Code x Document (0-1)",
                             "Co-occurrence", "Agreement", "Memos"]


def test_agreement_sheet_left_out_without_rows(data, tmp_path):
    write_workbook(data, tmp_path / "a.xlsx")
    assert "Agreement" not in load_workbook(tmp_path / "a.xlsx").sheetnames


def test_headers_are_styled_frozen_and_filtered(book):
    wb, _ = book
    for ws in wb:
        assert ws["A1"].font.bold
        assert ws.freeze_panes in ("A2", "B2", "C2")
        assert ws.auto_filter.ref.startswith("A1:")
    seg = wb["Segments"]
    assert seg.auto_filter.ref == f"A1:{seg.cell(1, seg.max_column).column_letter}{len(CODINGS) + 1}"
    assert seg.column_dimensions["K"].width >= 40  # the quote column is wide


def test_codebook_rows_in_tree_order_with_colour_and_counts(book):
    wb, _ = book
    ws = wb["Codebook"]
    table = by_header(ws)
    assert [r["Full path"] for r in table] == ["Actors", "Actors/Politicians", "Actors/Critics", "Tone"]
    assert [r["Level"] for r in table][:2] == ["Actors", "    Politicians"]
    first = table[0]
    assert (first["Definition"], first["Inclusion criteria"], first["Exclusion criteria"], first["Example"]) == (
        "Who speaks", "named people", "pronouns", "the minister")
    assert first["Shortcut"] == "1" and table[2]["Archived"] == "yes"
    assert ws["C2"].fill.fgColor.rgb.endswith("1F77B4")
    politicians, tone = table[1], table[3]
    assert (politicians["Codings: Ann"], politicians["Codings: Bob"], politicians["Codings: total"]) == (2, 0, 2)
    assert politicians["Documents"] == 2
    assert (tone["Codings: Ann"], tone["Codings: Bob"], tone["Documents"]) == (1, 1, 1)


def test_segments_values_and_types(book):
    wb, _ = book
    table = by_header(wb["Segments"])
    assert len(table) == len(CODINGS)
    first = table[0]
    assert first["Quote"] == "The minister"
    assert (first["Start"], first["End"]) == (0, 12)
    assert first["Date"] == datetime(2024, 3, 1)  # a real Excel date
    assert first["Created"] == datetime(2024, 5, 1, 12, 30)  # UTC, no zone
    assert (first["Level 1"], first["Level 2"], first["Code path"]) == ("Actors", "Politicians", "Actors/Politicians")
    assert first["Coder"] == "Ann" and first["country"] == "UK" and first["genre"] == "speech"
    assert first["Context"] == 'The minister said: "We will act now." Critics disagreed.'
    emoji = table[3]
    assert emoji["Quote"] == TEXTS[1][58:93] and "😀" in emoji["Quote"]
    assert emoji["Context"] == "A second paragraph 😀 with an emoji."
    assert isinstance(first["Start"], int)


def test_sentences_callable_gives_the_sentence_as_context(data, tmp_path):
    data.sentences_of = lambda doc_id: [(0, 37), (38, 56), (58, len(TEXTS[1]))] if doc_id == 1 else [(0, 44), (45, 60)]
    write_workbook(data, tmp_path / "s.xlsx")
    table = by_header(load_workbook(tmp_path / "s.xlsx")["Segments"])
    assert table[0]["Context"] == 'The minister said: "We will act now."'
    assert table[2]["Context"] == "Critics disagreed."


def test_formula_like_text_is_written_as_text_everywhere(book):
    wb, report = book
    seg = wb["Segments"]
    found = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix
                    found.append(cell.value)
    assert "=cmd|' /C calc'!A0" in found  # the quote, visible text unchanged
    assert '=HYPERLINK("http://x")' in found  # a memo
    assert "@Web article" in found and "-Blog" in found and "=1+1" in found
    assert report.formula_like_cells >= 5
    assert seg["A2"].data_type == "n"


def test_control_characters_removed_and_long_cells_cut(tmp_path, data):
    dirty = "Bad\x00text\x0b here" + "y" * 40_000
    texts = {**TEXTS, 3: dirty}
    doc = DocumentInfo(3, "00000000-0000-4000-8000-000000000003", "Ctl\x01title", len(dirty), "h")
    data = ExportData(list(data.documents) + [doc], texts.__getitem__, CODES, data.coders,
                      [CodingInfo(9, "u9", 3, 4, 1, 0, len(dirty))])
    report = write_workbook(data, tmp_path / "c.xlsx")
    table = by_header(load_workbook(tmp_path / "c.xlsx")["Segments"])
    assert table[0]["Title"] == "Ctltitle"
    assert table[0]["Quote"].startswith("Badtext here")
    assert len(table[0]["Quote"]) == 32_767 and "cut: 40,012 characters" in table[0]["Quote"]
    assert report.removed_characters >= 3
    assert any(loc.startswith("Segments!") for loc in report.truncated_cells)
    assert report.lines()


def test_documents_sheet_status_and_counts(book):
    wb, _ = book
    table = by_header(wb["Documents"])
    speech = table[0]
    assert speech["Status: Ann"] == "done" and speech["Status: Bob"] == "in progress"
    assert (speech["Codings: Ann"], speech["Codings: Bob"], speech["Codings: total"]) == (2, 2, 4)
    assert table[1]["Status: Bob"] == "not started"
    assert speech["Date"] == datetime(2024, 3, 1) and speech["Length (characters)"] == len(TEXTS[1])


def test_code_by_document_counts_presence_and_cooccurrence(book):
    wb, _ = book
    counts = rows(wb["Code x Document"])
    assert counts[0] == ["Document ID", "Title", "Actors", "Actors/Politicians", "Actors/Critics", "Tone"]
    assert counts[1] == [1, "Minister speech", 0, 1, 1, 2]
    assert rows(wb["Code x Document (0-1)"])[1] == [1, "Minister speech", 0, 1, 1, 1]
    co = {r[0]: r[1:] for r in rows(wb["Co-occurrence"])[1:]}
    # Politicians [0,12) overlaps Tone [4,37) once; Critics overlaps nothing.
    assert co["Actors/Politicians"] == [0, 2, 0, 1]
    assert co["Tone"] == [0, 1, 0, 2]
    assert co["Actors/Critics"] == [0, 0, 1, 0]


def test_cancel_leaves_no_file(tmp_path, data):
    many = [CodingInfo(i, f"u{i}", 1, 2, 1, 0, 3) for i in range(2500)]
    data.codings = iter(many)
    with pytest.raises(ExportCancelled):
        write_workbook(data, tmp_path / "x.xlsx", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_progress_reports_counts(tmp_path, data):
    data.codings = iter([CodingInfo(i, f"u{i}", 1, 2, 1, 0, 3) for i in range(2100)])
    seen: list[int] = []
    write_workbook(data, tmp_path / "p.xlsx", progress=seen.append)
    assert seen == [1000, 2000, 2100]
