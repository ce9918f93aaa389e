"""Failures found from outside (issue 11, items 1, 4 and 6), each kept as a test.

One bad file is that file's failure and the batch goes on; zip bombs made of many
modest entries are refused; text that is not certainly decoded says so in a note.
"""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from importfixtures import zip_bytes

from app.core.importers import ImportFailure, ImportOptions, Source, parse_source
from app.core.importers.archive import open_office_zip
from app.core.importers.sources import SourceProblem, iter_sources
from app.core.importers.table_preview import preview_table

BAD_RTF = rb"{\rtf1\ansi hello \u99999999999 world}"


def _xlsx_without_workbook() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<Properties/>"})


def _split(items):
    sources = [i for i in items if isinstance(i, Source)]
    problems = {p.name: p.reason for p in items if isinstance(p, SourceProblem)}
    return sources, problems


# Item 1: any exception while reading one source is that source's failure.

def test_rtf_with_a_huge_unicode_escape_fails_with_a_reason():
    with pytest.raises(ImportFailure, match=r"damaged RTF \(OverflowError"):
        parse_source(Source("speech.rtf", BAD_RTF))


def test_xlsx_without_a_workbook_part_fails_naming_the_file_and_the_problem():
    with pytest.raises(ImportFailure) as caught:
        parse_source(Source("folder/table.xlsx", _xlsx_without_workbook()))
    message = str(caught.value)
    assert message.startswith("table.xlsx: ") and "no valid workbook part" in message
    assert "OSError" in message and "save it again" in message


def test_the_table_preview_turns_the_same_crash_into_a_failure():
    with pytest.raises(ImportFailure, match="no valid workbook part"):
        preview_table(Source("table.xlsx", _xlsx_without_workbook()))


def test_a_damaged_deflate_stream_is_one_entry_failure_and_the_next_entries_still_come(tmp_path):
    good = b"A perfectly fine article about grain prices. " * 20
    noise = random.Random(0).randbytes(4000)  # incompressible, so its deflate stream is long
    data = bytearray(zip_bytes({"a.txt": noise, "b.txt": good}))
    start = data.index(b"a.txt") + len(b"a.txt") + 200  # inside a.txt's compressed stream
    for i in range(start, start + 400):
        data[i] ^= 0x5A
    archive = tmp_path / "corpus.zip"
    archive.write_bytes(bytes(data))
    sources, problems = _split(list(iter_sources([archive])))
    assert problems[f"{archive}/a.txt"].startswith("damaged zip entry (")
    assert [s.data for s in sources] == [good]


# Item 4: zip bombs judged over every entry and the whole archive.

def test_sixty_entries_of_one_mebibyte_are_refused_before_anything_is_extracted(tmp_path):
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(zip_bytes({f"part{i:02}.txt": b"a" * (1 << 20) for i in range(60)}))
    assert archive.stat().st_size < 150_000
    sources, problems = _split(list(iter_sources([archive])))
    assert sources == []
    assert all("looks like a zip bomb" in reason for reason in problems.values())
    assert len(problems) == 60  # every entry judged on its own, each refused


def test_many_small_entries_that_add_up_to_a_bomb_are_refused_as_one_archive(tmp_path):
    # Each entry expands 60 KB from about 100 bytes: inside the per-entry allowance, but
    # 500 of them make 30 MB from 50 KB.
    archive = tmp_path / "many.zip"
    archive.write_bytes(zip_bytes({f"n{i:03}.txt": b"x" * 60_000 for i in range(500)}))
    sources, problems = _split(list(iter_sources([archive])))
    assert sources == []
    assert list(problems) == [str(archive)]
    assert "the archive would expand" in problems[str(archive)] and "zip bomb" in problems[str(archive)]


def test_a_short_repetitive_file_is_not_taken_for_a_bomb(tmp_path):
    archive = tmp_path / "ok.zip"
    archive.write_bytes(zip_bytes({"blank_rows.csv": b"text,title\n" + b",\n" * 20_000, "story.txt": b"Text " * 50}))
    sources, problems = _split(list(iter_sources([archive])))
    assert problems == {} and len(sources) == 2


def test_the_number_of_entries_is_bounded(tmp_path):
    archive = tmp_path / "crowd.zip"
    archive.write_bytes(zip_bytes({f"{i}.txt": f"article {i}".encode() for i in range(30)}))
    _sources, problems = _split(list(iter_sources([archive], ImportOptions(max_archive_entries=25))))
    assert problems == {str(archive): "refused: 30 entries in the archive (the limit is 25); split it into smaller archives"}


def test_total_size_is_judged_before_extraction(tmp_path):
    archive = tmp_path / "big.zip"
    entries = {f"{i}.txt": bytes((j * 31 + i) % 256 for j in range(5000)) for i in range(4)}
    archive.write_bytes(zip_bytes(entries, compression=zipfile.ZIP_STORED))
    _sources, problems = _split(list(iter_sources([archive], ImportOptions(max_archive_bytes=12_000))))
    assert problems == {str(archive): "refused: the archive expands to 20.0 KB (the limit is 12.0 KB); "
                                      "split it into smaller archives"}


def test_an_office_file_made_of_many_bomb_parts_is_refused():
    data = zip_bytes({f"word/media/p{i}.xml": b"<" + b"a" * 200_000 for i in range(20)})
    with pytest.raises(ImportFailure, match="zip bomb"):
        open_office_zip(data, ImportOptions(), ".docx")


# Item 6: decode as UTF-8 with replacement when most of it is UTF-8; report every guess.

CAFE = "Das Café am Rhein öffnet früh; Größe, Übung und Straße bleiben, wie sie sind. "


def test_utf8_with_a_few_invalid_bytes_keeps_its_accents_and_says_where_it_was_broken():
    # A stray 0xFF, a lead byte with nothing after it, and one Latin-1 é among UTF-8 text.
    parts = [p.encode() for p in (CAFE, CAFE, CAFE, CAFE)]
    data = parts[0] + b"\xff" + parts[1] + b"\xc3 " + parts[2].replace(b"Rhein", b"Rh\xe9in") + parts[3]
    cut = len(parts[0])
    [doc] = parse_source(Source("cafe.txt", data))
    assert "cafĂ" not in doc.text.lower()
    assert doc.text.count("Café") == 4 and doc.text.count("\ufffd") == 3 and "Rh\ufffdin" in doc.text
    assert doc.notes == [f"not valid UTF-8 throughout: 3 invalid byte sequence(s) replaced with \ufffd "
                         f"(first at byte {cut}); the rest read as UTF-8"]


def test_a_legacy_code_page_is_read_as_before_and_the_guess_is_reported():
    [doc] = parse_source(Source("cafe.txt", (CAFE * 4).encode("cp1252")))
    assert doc.text.startswith("Das Café")
    [note] = doc.notes
    assert note.startswith("not UTF-8: read as cp125") and "a guess" in note


def test_strict_utf8_has_no_note():
    [doc] = parse_source(Source("cafe.txt", (CAFE * 4).encode()))
    assert doc.notes == []


def test_a_table_reports_replacements_on_its_first_row():
    data = "text,title\n".encode() + (CAFE + ",eins\n").encode() + b"Zweite Zeile \xff mit Fehler,zwei\n"
    data += (CAFE + ",drei\n").encode()
    docs = parse_source(Source("t.csv", data))
    assert len(docs) == 3 and "\ufffd" in docs[1].text
    assert any("invalid byte sequence" in n for n in docs[0].notes)


def test_rtf_with_an_unknown_code_page_reports_its_guess_and_keeps_the_accents():
    [doc] = parse_source(Source("a.rtf", rb"{\rtf1\ansi\ansicpg99999 Caf\'e9 au lait, d\'e9j\'e0 vu}"))
    assert doc.text == "Café au lait, déjà vu"
    assert doc.notes == ["the RTF names code page 99999, which is unknown; its accented letters were read as "
                         "cp1252 (Windows Western), a guess: check them"]


def test_rtf_bytes_missing_from_the_code_page_are_counted():
    [doc] = parse_source(Source("a.rtf", rb"{\rtf1\ansi\ansicpg1252 Caf\'e9 \'81 noir}"))
    assert doc.notes == ["1 character(s) are not in code page cp1252 and were replaced with \ufffd"]


def test_rtf_mac_character_set_is_honoured():
    [doc] = parse_source(Source("a.rtf", rb"{\rtf1\mac Caf\'8e cr\'8fme}"))
    assert doc.text == "Café crème" and doc.importer == "rtf (mac_roman)"


def test_zip_bytes_helper_is_deflated():
    # The bomb tests above rely on zip_bytes compressing; a stored archive would prove nothing.
    info = zipfile.ZipFile(io.BytesIO(zip_bytes({"a.txt": b"a" * 10_000}))).infolist()[0]
    assert info.compress_size < 1_000


def test_a_web_page_with_a_few_broken_bytes_keeps_its_accents():
    para = "<p>Das Café am Rhein öffnet früh; die Gäste kommen aus der ganzen Stadt und bleiben lange.</p>"
    page = ("<html lang='de'><head><meta charset='utf-8'><title>Café</title></head><body><article><h1>Café</h1>"
            + para * 8 + "</article></body></html>").encode()
    cut = page.index(b"</article>")
    [doc] = parse_source(Source("cafe.html", page[:cut] + b"<p>Kaputt \xff hier.</p>" + page[cut:]))
    assert "Café am Rhein" in doc.text and "cafĂ" not in doc.text.lower() and "Ã" not in doc.text
    assert any("invalid byte sequence" in n for n in doc.notes)
