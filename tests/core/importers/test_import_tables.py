"""Corpus tables: one document per row/object, column mapping, attributes, exact cell text."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import openpyxl
import pytest

from app.core.importers import ImportFailure, ImportOptions, Source, parse_source

ARTICLE_1 = "Line one of the first article,\r\nwith \"quotes\" and a comma.\r\n\r\nSecond paragraph."
ARTICLE_2 = "Второй текст: «цитата» — и точка."


def _csv(delimiter: str = ",") -> bytes:
    def q(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    rows = [
        ["headline", "body", "published", "outlet", "url", "section"],
        ["First", q(ARTICLE_1), q("April 26, 2022"), "Daily News", "https://example.com/1", "politics"],
        ["Второй", q(ARTICLE_2), "03/04/2022", "Известия", "https://example.ru/2", ""],
        ["", "", "", "", "", ""],
        ["Empty", "", "2022-01-01", "X", "", "culture"],
    ]
    return ("\r\n".join(delimiter.join(r) for r in rows) + "\r\n").encode("utf-8-sig")


def test_csv_with_quoted_newlines_keeps_each_text_character_for_character():
    docs = parse_source(Source("corpus.csv", _csv()))
    assert [d.text for d in docs] == [ARTICLE_1.replace("\r\n", "\n"), ARTICLE_2]
    first, second = docs
    assert (first.title, first.outlet, first.source_url) == ("First", "Daily News", "https://example.com/1")
    assert first.published == date(2022, 4, 26)
    assert first.attributes == {"row": "2", "section": "politics"}
    assert first.source_name == "corpus.csv#row2"
    # An ambiguous date is kept as written and flagged, not guessed.
    assert second.published is None and second.published_text == "03/04/2022" and second.date_ambiguous
    assert second.language == "ru"
    assert first.notes == ["skipped 1 row(s) with no text: 5"]
    assert first.file_hash == second.file_hash == Source("corpus.csv", _csv()).sha256


@pytest.mark.parametrize("delimiter, name", [(";", "excel-de.csv"), ("\t", "corpus.tsv"), ("|", "pipes.csv")])
def test_other_delimiters(delimiter, name):
    docs = parse_source(Source(name, _csv(delimiter)))
    assert [d.text for d in docs] == [ARTICLE_1.replace("\r\n", "\n"), ARTICLE_2]


def test_named_columns_override_well_known_names():
    options = ImportOptions(text_column="headline", title_column="section", date_column="published")
    docs = parse_source(Source("c.csv", _csv()), options)
    assert [d.text for d in docs] == ["First", "Второй", "Empty"]
    assert docs[0].title == "politics"
    assert docs[0].attributes["body"] == ARTICLE_1


def test_missing_named_column_names_the_columns_found():
    with pytest.raises(ImportFailure, match=r"no text column 'article' \(columns found: headline, body, published"):
        parse_source(Source("c.csv", _csv()), ImportOptions(text_column="article"))


def test_table_without_a_recognisable_text_column():
    data = b"id,name,score\n1,Ann,3\n"
    with pytest.raises(ImportFailure, match=r"no text column .*columns found: id, name, score"):
        parse_source(Source("scores.csv", data))


def test_column_names_match_case_and_separators_loosely():
    data = "Full_Text;Publication Date;Source\nHallo Welt, dies ist ein Test.;10.11.2021;Die Zeit\n".encode("cp1252")
    [doc] = parse_source(Source("de.csv", data))
    assert doc.text == "Hallo Welt, dies ist ein Test."
    assert doc.published == date(2021, 11, 10) and doc.outlet == "Die Zeit"


def test_xlsx_rows_dates_and_attributes():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Articles"
    ws.append(["Title", "Text", "Date", "Author", "Words"])
    ws.append(["Budget", "The minister said:\n“No new taxes.”", datetime(2021, 3, 5, 14, 0), "A. Writer", 4])
    ws.append([None, None, None, None, None])
    ws.append(["Second", "+ a plain text that starts with a plus", date(2020, 1, 2), None, 2.5])
    other = wb.create_sheet("Other")
    other.append(["text"])
    other.append(["From the second sheet"])
    buffer = io.BytesIO()
    wb.save(buffer)
    docs = parse_source(Source("db.xlsx", buffer.getvalue()))
    assert [d.text for d in docs] == ["The minister said:\n“No new taxes.”", "+ a plain text that starts with a plus"]
    assert docs[0].published == date(2021, 3, 5) and docs[0].author == "A. Writer"
    assert docs[0].attributes == {"row": "2", "Words": "4"}
    assert docs[1].attributes == {"row": "4", "Words": "2.5"}
    [only] = parse_source(Source("db.xlsx", buffer.getvalue()), ImportOptions(sheet="Other"))
    assert only.text == "From the second sheet"
    with pytest.raises(ImportFailure, match=r"no sheet 'Missing' \(sheets: Articles, Other\)"):
        parse_source(Source("db.xlsx", buffer.getvalue()), ImportOptions(sheet="Missing"))


def test_xlsx_that_is_not_a_zip():
    with pytest.raises(ImportFailure, match=r"not a valid \.xlsx \(not a zip archive\)"):
        parse_source(Source("db.xlsx", b"id,text\n1,a\n"))


def test_json_list_and_wrapped_list():
    items = [
        {"title": "One", "content": "First text.", "date": "2022-04-26", "tags": ["a", "b"], "meta": {"k": 1}},
        {"title": "Two", "content": "Second text.", "link": "https://e.com/2", "views": 10},
    ]
    for payload in (items, {"count": 2, "articles": items}):
        docs = parse_source(Source("c.json", json.dumps(payload, ensure_ascii=False).encode()))
        assert [d.text for d in docs] == ["First text.", "Second text."]
        assert docs[0].published == date(2022, 4, 26)
        assert docs[0].attributes == {"item": "1", "tags": '["a", "b"]', "meta": '{"k": 1}'}
        assert docs[1].source_url == "https://e.com/2" and docs[1].attributes["views"] == "10"


def test_jsonl_objects_and_a_bad_line():
    good = '{"text": "Erste Meldung.", "source": "dpa"}\n\n{"text": "Zweite Meldung.", "source": "AFP"}\n'
    docs = parse_source(Source("wire.jsonl", good.encode()))
    assert [(d.text, d.outlet, d.attributes["line"]) for d in docs] == [
        ("Erste Meldung.", "dpa", "1"),
        ("Zweite Meldung.", "AFP", "3"),
    ]
    with pytest.raises(ImportFailure, match="line 2 is not valid JSON"):
        parse_source(Source("wire.jsonl", b'{"text": "ok"}\n{"text": broken}\n'))


def test_invalid_json_names_the_line():
    with pytest.raises(ImportFailure, match=r"not valid JSON \(line 2"):
        parse_source(Source("c.json", b'[\n{"text": }\n]'))
