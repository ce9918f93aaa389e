"""Previewing corpus tables before import: header, first rows, recognised columns, every table format."""

from __future__ import annotations

import json

import openpyxl
import pytest

from app.core.importers.base import ImportFailure, Source
from app.core.importers.table_preview import preview_path, preview_table


def test_csv_with_semicolons_and_a_quoted_newline():
    data = 'headline;body;published;Medium\n"A";"line one\nline two";2022-04-26;Kazinform\nB;text b;26.04.2022;Tengri\n'
    preview = preview_table(Source("t.csv", data.encode("utf-8-sig")))
    assert preview.header == ["headline", "body", "published", "Medium"]
    assert preview.rows[0] == ["A", "line one\nline two", "2022-04-26", "Kazinform"]
    g = preview.guessed
    assert (g.text, g.title, g.date, g.outlet) == ("body", "headline", "published", "Medium")


def test_tsv_limit_and_no_recognisable_text_column():
    data = "a\tb\n" + "".join(f"{i}\tx{i}\n" for i in range(50))
    preview = preview_table(Source("t.tsv", data.encode()), limit=5)
    assert preview.header == ["a", "b"] and len(preview.rows) == 5 and preview.guessed is None


def test_xlsx_json_and_jsonl(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Content", "Count"])
    sheet.append(["One", "Text one", 3.0])
    book.save(tmp_path / "t.xlsx")
    preview = preview_path(tmp_path / "t.xlsx")
    assert preview.header == ["Title", "Content", "Count"] and preview.rows == [["One", "Text one", "3"]]
    assert preview.guessed.text == "Content"
    objects = {"articles": [{"text": "t1", "url": "http://a"}, {"text": "t2", "author": "Z"}]}
    preview = preview_table(Source("c.json", json.dumps(objects).encode()))
    assert preview.header == ["text", "url", "author"] and preview.rows[1] == ["t2", "", "Z"]
    assert (preview.guessed.url, preview.guessed.author) == ("url", "author")
    lines = '{"body": "x", "n": 1}\n\n{"body": "y", "n": 2}\n'
    preview = preview_table(Source("c.jsonl", lines.encode()))
    assert preview.rows == [["x", "1"], ["y", "2"]]


def test_unreadable_tables_fail_with_a_reason():
    with pytest.raises(ImportFailure, match="not valid JSON"):
        preview_table(Source("c.json", b"{oops"))
    with pytest.raises(ImportFailure, match="no header row"):
        preview_table(Source("e.csv", b"\n\n"))
    with pytest.raises(ImportFailure, match="not a corpus table"):
        preview_table(Source("x.txt", b"hello"))
