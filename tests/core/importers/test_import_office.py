"""Word, OpenDocument, RTF and PDF: text in reading order, and a specific reason for each broken file."""

from __future__ import annotations

import pytest
from importfixtures import docx_bytes, encrypted_pdf_bytes, odt_bytes, pdf_bytes, zip_bytes

from app.core.importers import ImportFailure, ImportOptions, Source, parse_source
from app.core.importers.pdf import rejoin_hyphenation


def _one(name: str, data: bytes, options: ImportOptions | None = None):
    [doc] = parse_source(Source(name, data), options)
    return doc


def test_docx_paragraphs_headings_and_table_in_reading_order():
    doc = _one("budget.docx", docx_bytes())
    assert doc.text == (
        "Minister defends budget\n\n"
        "The minister said: “We will not raise taxes.” Critics disagreed.\n\n"
        "Reactions\n\n"
        "Party | Position\nGreens | against\nNo other party commented\n\n"
        "Ünïcödé survives: Qazaqstan — Қазақстан 🇰🇿."
    )
    assert doc.title == "Minister defends budget"
    assert doc.language == "en"


def test_docx_merged_table_cell_is_read_once():
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Speaker"
    table.cell(0, 2).text = "Outlet"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "Tokayev", "said", "Akorda"
    out = io.BytesIO()
    document.save(out)
    doc = _one("merged.docx", out.getvalue())
    assert "Speaker | Outlet" in doc.text and "Speaker | Speaker" not in doc.text
    assert "Tokayev | said | Akorda" in doc.text


def test_docx_footnotes_are_appended_as_numbered_notes():
    doc = _one("budget.docx", docx_bytes(footnote=True))
    assert doc.text.endswith("\n\nNotes\n\n[1] Quoted from the Reuters wire, 3 May 2021.")


def test_docx_that_is_not_a_zip():
    with pytest.raises(ImportFailure, match=r"not a valid \.docx \(not a zip archive\)"):
        _one("fake.docx", b"This is a plain text file renamed to docx.")


def test_docx_zip_without_a_word_document():
    with pytest.raises(ImportFailure, match=r"not a valid \.docx \(no Word document"):
        _one("other.docx", zip_bytes({"readme.txt": b"hello"}))


def test_docx_with_a_bomb_part_is_refused_before_parsing():
    data = zip_bytes({"word/document.xml": b"<" + b"a" * (30 * 1024 * 1024)})
    with pytest.raises(ImportFailure, match="zip bomb"):
        _one("bomb.docx", data)


def test_odt_headings_spaces_lists_tables_and_notes():
    doc = _one("notice.odt", odt_bytes())
    assert doc.text == (
        "Election notice\n\n"
        "Polls open at 8   sharp.\n\n"
        "Bring an ID\n\nVote once\n\n"
        "Candidate | Votes\nAyan | 1200\n\n"
        "Сайлау — выборы.\n\n"
        "Notes\n\n[1] Local time."
    )
    assert doc.title == "Election notice"


def test_odt_that_is_not_a_zip():
    with pytest.raises(ImportFailure, match=r"not a valid \.odt \(not a zip archive\)"):
        _one("x.odt", b"\x00\x01garbage")


RTF = (
    rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times New Roman;}}"
    rb"\f0 \'cf\'f0\'e5\'e7\'e8\'e4\'e5\'ed\'f2 \'e7\'e0\'ff\'e2\'e8\'eb:\par "
    rb"\u171? Mir \u8212? peace \u187?\par}"
)


def test_rtf_code_page_and_unicode_escapes():
    doc = _one("statement.rtf", RTF)
    assert doc.text == "Президент заявил:\n\n« Mir — peace »"


def test_rtf_that_is_not_rtf():
    with pytest.raises(ImportFailure, match="not an RTF file"):
        _one("x.rtf", b"Just text")


def test_pdf_pages_become_paragraphs_and_certain_hyphenation_is_rejoined():
    data = pdf_bytes(
        [
            ["The budget is impor-", "tant for the state.", "It is important to a well-", "known economist."],
            ["Second page starts here."],
        ],
        info_title="State budget",
    )
    doc = _one("budget.pdf", data)
    assert doc.text == (
        "The budget is important\nfor the state.\nIt is important to a well-\nknown economist.\n\n"
        "Second page starts here."
    )
    assert doc.title == "State budget"
    assert doc.attributes["pages"] == "2"
    assert doc.notes == ["rejoined 1 word(s) hyphenated at line ends"]


def test_hyphenation_is_kept_where_the_hyphenated_form_is_attested():
    text = "a long-\nterm plan and a longterm one and a long-term view"
    assert rejoin_hyphenation(text) == (text, 0)
    assert rejoin_hyphenation("the govern\u00ad\nment said") == ("the government\nsaid", 1)
    assert rejoin_hyphenation("unknown hyphen-\nation stays") == ("unknown hyphen-\nation stays", 0)


def test_pdf_without_text_layer():
    with pytest.raises(ImportFailure, match=r"no text layer \(scanned\?\)"):
        _one("scan.pdf", pdf_bytes([[], []]))


def test_encrypted_pdf():
    with pytest.raises(ImportFailure, match=r"encrypted PDF \(needs a password\)"):
        _one("secret.pdf", encrypted_pdf_bytes())


def test_damaged_pdf():
    with pytest.raises(ImportFailure, match="not a valid PDF"):
        _one("broken.pdf", b"%PDF-1.4\n1 0 obj garbage")
    with pytest.raises(ImportFailure, match="not a valid PDF"):
        _one("renamed.pdf", b"<html>not a pdf</html>")
