"""crosstab and query from the command line, every count recomputed here from segments --json and docs --json."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from openpyxl import load_workbook

from app.project import Project

TEXT = ("Social justice matters. The constitution must change.\n\n"
        "Pensions are unfair. Parliament gains power.\n\n"
        "Unity of the people above all.")


def _make(tmp_path):
    path = tmp_path / "study.qcp"
    files = []
    for n in range(3):
        f = tmp_path / f"doc{n}.txt"
        f.write_text(TEXT + f" ({n})", encoding="utf-8")
        files.append(f)
    with Project.create(path) as p:
        coders = {name: p.coders.add(name).id for name in ("Aigerim", "Daniyar", "Elena")}
        codes = {c: p.codebook.add_path(c).id for c in ("Social justice", "Politics",
                                                         "Politics/Constitutional reform", "Politics/Parliament",
                                                         "Unity")}
        outcomes = p.documents.import_paths([str(f) for f in files])
        ids = [o.document_id for o in outcomes]
        for doc, outlet, day, region in zip(ids, ["Akorda", "Tengri", "Akorda"],
                                            [date(2022, 3, 1), date(2022, 3, 20), date(2022, 4, 2)],
                                            ["Astana", "Almaty", None]):
            p.documents.update(doc, outlet=outlet, published=day)
            if region:
                p.documents.set_attribute(doc, "region", region)
        sj, cr, parl, unity = (codes["Social justice"], codes["Politics/Constitutional reform"],
                               codes["Politics/Parliament"], codes["Unity"])
        spans = [  # (doc index, coder, code, start, end)
            (0, "Aigerim", sj, 0, 23), (0, "Aigerim", cr, 24, 53), (0, "Daniyar", sj, 0, 14),
            (0, "Daniyar", cr, 4, 53), (0, "Elena", parl, 76, 99), (1, "Aigerim", sj, 55, 75),
            (1, "Aigerim", parl, 76, 99), (1, "Elena", sj, 55, 75), (1, "Elena", unity, 101, 131),
            (2, "Daniyar", unity, 101, 131), (2, "Daniyar", codes["Politics"], 24, 99),
        ]
        for doc, coder, code, start, end in spans:
            p.codings.add(ids[doc], code, coders[coder], start, end)
    return path, ids


def test_crosstab_by_outlet_month_and_coder_matches_a_count_made_from_the_segments(qc, tmp_path):
    path, _ids = _make(tmp_path)
    segments = qc.json("segments", path, "--json")
    docs = {d["id"]: d for d in qc.json("docs", path, "--json")}
    regions = dict(zip(_ids, ["Astana", "Almaty", "(none)"]))
    for cols, label in (("outlet", lambda s: docs[s["document_id"]]["outlet"]),
                        ("month", lambda s: docs[s["document_id"]]["date"][:7]),
                        ("coder", lambda s: s["coder"]),
                        ("attribute:region", lambda s: regions[s["document_id"]])):
        table = qc.json("crosstab", path, "--rows", "code", "--cols", cols, "--json")
        assert table["count"] == "codings" and set(table) == {"rows", "cols", "counts", "count"}
        expected = Counter()
        for s in segments:
            parts = s["code"].split("/")
            for depth in range(1, len(parts) + 1):  # a parent counts its children
                expected["/".join(parts[:depth]), label(s)] += 1
        for r, row in enumerate(table["rows"]):
            for c, col in enumerate(table["cols"]):
                assert table["counts"][r][c] == expected[row, col], (cols, row, col)
        assert sum(expected[row, col] for row in table["rows"] if "/" not in row for col in table["cols"]) == len(segments)


def test_crosstab_counts_documents_and_characters(qc, tmp_path):
    path, _ids = _make(tmp_path)
    segments = qc.json("segments", path, "--json")
    docs = {d["id"]: d for d in qc.json("docs", path, "--json")}
    table = qc.json("crosstab", path, "--cols", "outlet", "--count", "documents", "--json")
    chars = qc.json("crosstab", path, "--cols", "outlet", "--count", "characters", "--coders", "Aigerim,Elena", "--json")
    for row in table["rows"]:
        for col in table["cols"]:
            mine = [s for s in segments if (s["code"] == row or s["code"].startswith(row + "/"))
                    and docs[s["document_id"]]["outlet"] == col]
            assert table["counts"][table["rows"].index(row)][table["cols"].index(col)] == len({s["document_id"] for s in mine})
            theirs = [s for s in mine if s["coder"] in ("Aigerim", "Elena")]
            assert chars["counts"][chars["rows"].index(row)][chars["cols"].index(col)] == sum(len(s["text"]) for s in theirs)
    assert table["rows"] == ["Social justice", "Politics", "Politics/Constitutional reform", "Politics/Parliament", "Unity"]


def test_crosstab_csv_and_workbook(qc, tmp_path):
    path, _ids = _make(tmp_path)
    code, out, _err = qc("crosstab", path, "--cols", "coder", "--csv")
    assert code == 0 and out.splitlines()[0] == "code,Aigerim,Daniyar,Elena"
    assert "Politics,2,2,1" in out.splitlines()  # a parent counts its children
    book = tmp_path / "table.xlsx"
    code, out, err = qc("crosstab", path, "--cols", "coder", "-o", book)
    assert code == 0, err
    rows = list(load_workbook(book, read_only=True)["Crosstab"].iter_rows(values_only=True))
    assert rows[0] == ("Code", "Aigerim", "Daniyar", "Elena")
    assert rows[2] == ("Politics", 2, 2, 1) and rows[3][0].strip() == "Constitutional reform"


def test_crosstab_errors_say_what_to_do(qc, tmp_path):
    path, _ids = _make(tmp_path)
    code, _out, err = qc("crosstab", path, "--cols", "weather")
    assert code == 1 and "--cols must be one of" in err
    code, _out, err = qc("crosstab", path, "--cols", "speaker")
    assert code == 1 and "run 'quotecoder nlp" in err
    code, _out, err = qc("crosstab", path, "--cols", "outlet", "--codes", "Nope")
    assert code == 1 and "Nope" in err


def test_query_and_overlap_gives_the_stretch_where_codes_meet(qc, tmp_path):
    path, ids = _make(tmp_path)
    hits = qc.json("query", path, '"Social justice" AND Politics', "--json")
    # Only Daniyar's doc0 codings meet: SJ [0,14) with Constitutional reform [4,53) -> [4,14).
    assert [(h["document_id"], h["coder"], h["start"], h["end"], h["text"]) for h in hits] == [
        (ids[0], "Daniyar", 4, 14, "al justice")]
    assert set(hits[0]) == {"id", "document_id", "document_title", "coder", "code", "start", "end", "text", "memo"}


def test_query_or_returns_every_matching_coding(qc, tmp_path):
    path, _ids = _make(tmp_path)
    segments = qc.json("segments", path, "--json")
    hits = qc.json("query", path, "Unity OR Politics/Parliament", "--json")
    expected = {s["id"] for s in segments if s["code"] in ("Unity", "Politics/Parliament")}
    assert {h["id"] for h in hits} == expected and len(hits) == len(expected)


def test_query_within_paragraph_with_not_and_nesting(qc, tmp_path):
    path, ids = _make(tmp_path)
    # Paragraph 1 is [0,53), paragraph 2 [55,99). In doc0 Aigerim and Daniyar coded SJ and Constitutional
    # reform in paragraph 1; in doc1 Aigerim coded SJ and Parliament in paragraph 2. The stretch runs
    # from the first to the last character of those codings inside the paragraph.
    hits = qc.json("query", path, '"Social justice" AND (Politics OR Unity)', "--within", "paragraph", "--json")
    assert {(h["document_id"], h["coder"], h["start"], h["end"]) for h in hits} == {
        (ids[0], "Aigerim", 0, 53), (ids[0], "Daniyar", 0, 53), (ids[1], "Aigerim", 55, 99)}
    # NOT: paragraphs where a coder coded Social justice but no Politics code.
    hits = qc.json("query", path, '"Social justice" AND NOT Politics', "--within", "paragraph", "--json")
    assert {(h["document_id"], h["coder"], h["start"], h["end"]) for h in hits} == {(ids[1], "Elena", 55, 75)}
    # Overlap NOT: Daniyar's SJ minus his Constitutional reform is [0,4).
    hits = qc.json("query", path, '"Social justice" AND NOT "Politics/Constitutional reform"', "--coders", "Daniyar",
                   "--json")
    assert [(h["start"], h["end"], h["text"]) for h in hits] == [(0, 4, "Soci")]


def test_query_errors_name_the_problem(qc, tmp_path):
    path, _ids = _make(tmp_path)
    for expr, words in (('"Social justice" AND', "expected a code path"), ('"Unclosed', "close every quote"),
                        ("Nope AND Unity", "'Nope', which is not a code"), ("(Unity", "expected )")):
        code, _out, err = qc("query", path, expr)
        assert code == 1 and words in err, (expr, err)
