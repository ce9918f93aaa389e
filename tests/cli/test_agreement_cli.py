"""``quotecoder agreement``: the JSON contract, nulls for undefined, plain/CSV/xlsx output, exit codes."""

from __future__ import annotations

import pytest

TEXT1 = "The minister spoke. Reform is needed now.\n\nCritics disagreed. They said no."
TEXT2 = "Another article. It mentions reform too."

CODE_KEYS = {"code", "units", "coded_units", "percent_agreement", "cohen_kappa", "fleiss_kappa",
             "krippendorff_alpha", "krippendorff_alpha_ci95", "gwet_ac1", "alpha_u", "pairs", "per_document"}


@pytest.fixture
def coded(proj):
    from app.core.importers import ImportedDocument
    from app.project import Project

    with Project.open(proj) as p:
        d1, d2 = (p.documents.add(ImportedDocument(text=t, title=f"D{i}", importer="test", source_name=f"{i}.txt",
                                                  file_hash=str(i) * 64)).id for i, t in enumerate((TEXT1, TEXT2)))
        reform = p.codebook.add_path("Politics/Constitutional reform").id
        crit = p.codebook.add_path("Criticism").id
        p.codebook.add_path("Never used")
        a, b, c, _ = (p.coders.add(n).id for n in ("A", "B", "C", "D"))
        p.codings.add(d1, reform, a, 20, 41)
        p.codings.add(d1, reform, b, 20, 38)
        p.codings.add(d1, reform, c, 20, 41)
        p.codings.add(d1, crit, a, 43, 61)
        p.codings.add(d2, crit, b, 0, 16)
        p.documents.set_status(d2, a, "done")
    return proj, d1, d2


def test_json_contract_keys_and_values(qc, coded):
    proj, d1, d2 = coded
    js = qc.json("agreement", proj, "--coders", "A,B", "--json")
    assert set(js) == {"unit", "coders", "documents", "codes", "overall"}
    assert js["unit"] == "character" and js["coders"] == ["A", "B"] and js["documents"] == [d1, d2]
    assert [c["code"] for c in js["codes"]] == ["Politics/Constitutional reform", "Criticism"]
    reform = js["codes"][0]
    assert set(reform) == CODE_KEYS
    assert reform["units"] == len(TEXT1) + len(TEXT2) and reform["coded_units"] == {"A": 21, "B": 18}
    assert reform["krippendorff_alpha_ci95"] is None  # no --bootstrap
    assert reform["pairs"] == [{"coders": ["A", "B"], "percent_agreement": reform["percent_agreement"],
                                "cohen_kappa": reform["cohen_kappa"]}]
    assert set(reform["per_document"][0]) == {"document", "percent_agreement", "cohen_kappa", "krippendorff_alpha"}
    # Nobody coded the reform code in d2: kappa and alpha are 0/0 there -> null, not 0 or 1.
    d2_row = [d for d in reform["per_document"] if d["document"] == d2][0]
    assert d2_row["cohen_kappa"] is None and d2_row["krippendorff_alpha"] is None
    assert d2_row["percent_agreement"] == 1.0
    assert set(js["overall"]) == {"alpha_u", "cohen_kappa_pooled", "krippendorff_alpha_pooled"}
    assert 0 < js["overall"]["cohen_kappa_pooled"] < 1


def test_three_coders_bootstrap_units_codes_and_documents(qc, coded):
    proj, d1, _ = coded
    js = qc.json("agreement", proj, "--coders", "A,B,C", "--documents", str(d1), "--codes",
                 "Politics/Constitutional reform", "--bootstrap", "50", "--seed", "1", "--unit", "sentence", "--json")
    code = js["codes"][0]
    assert js["documents"] == [d1] and js["unit"] == "sentence" and len(js["codes"]) == 1
    assert code["cohen_kappa"] is None and js["overall"]["cohen_kappa_pooled"] is None  # three coders
    assert [p["coders"] for p in code["pairs"]] == [["A", "B"], ["A", "C"], ["B", "C"]]
    assert code["coded_units"] == {"A": 1, "B": 1, "C": 1} and code["percent_agreement"] == 1.0
    # One document: every resample is the same document, so the interval is a point (or null if undefined).
    assert code["krippendorff_alpha_ci95"] is None or code["krippendorff_alpha_ci95"][0] == code["krippendorff_alpha_ci95"][1]


def test_plain_table_shows_na_for_undefined(qc, coded):
    proj, _, d2 = coded
    code, out, err = qc("agreement", proj, "--coders", "A,B", "--codes", "Never used", "--documents", str(d2))
    assert code == 0, err
    assert "Never used" in out and "n/a" in out
    assert "None" not in out and "nan" not in out.lower()


def test_csv_and_xlsx_carry_the_same_numbers(qc, coded, tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    proj, _, _ = coded
    js = qc.json("agreement", proj, "--coders", "A,B", "--json")
    code, out, err = qc("agreement", proj, "--coders", "A,B", "--csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["code"] for r in rows] == ["Politics/Constitutional reform", "Criticism", "(overall)"]
    assert float(rows[0]["krippendorff_alpha"]) == pytest.approx(js["codes"][0]["krippendorff_alpha"])

    target = tmp_path / "report.xlsx"
    code, out, err = qc("agreement", proj, "--coders", "A,B", "-o", target)
    assert code == 0, err and target.exists()
    wb = load_workbook(target)
    assert wb.sheetnames == ["Agreement", "Agreement by document"]
    sheet = list(wb["Agreement"].values)
    header, first = sheet[0], dict(zip(sheet[0], sheet[1]))
    assert "krippendorff_alpha" in header
    assert first["code"] == "Politics/Constitutional reform"
    assert first["cohen_kappa"] == pytest.approx(js["codes"][0]["cohen_kappa"])
    assert first["krippendorff_alpha_ci95_low"] is None


@pytest.mark.parametrize("args,message", [
    (["--coders", "A,Nobody"], "there is no coder named 'Nobody'"),
    (["--coders", "A"], "at least two different coders"),
    (["--coders", "A,A"], "at least two different coders"),
    (["--coders", "A,D"], "no document is marked done or coded by all of A, D; pass --documents"),
    (["--coders", "A,B", "--documents", "1,x"], "--documents takes document ids"),
    (["--coders", "A,B", "--documents", "99"], "there is no document with id 99"),
    (["--coders", "A,B", "--codes", "Nope"], "there is no code 'Nope'"),
    (["--coders", "A,B", "-o", "report.txt"], "ending in .xlsx"),
])
def test_errors_are_one_line_with_exit_code_1(qc, coded, args, message):
    proj, _, _ = coded
    code, out, err = qc("agreement", proj, *args)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_unit_is_a_usage_error(qc, coded):
    proj, _, _ = coded
    with pytest.raises(SystemExit) as exc:
        qc("agreement", proj, "--coders", "A,B", "--unit", "word")
    assert exc.value.code == 2


def test_segment_matching_lists_matched_and_unmatched_segments(qc, coded):
    proj, d1, d2 = coded
    # A's reform segment is 21 characters, B's 18 of them: 86% of the longer one.
    js = qc.json("agreement", proj, "--coders", "A,B", "--json", "--match", "0.8")
    matching = js["segment_matching"]
    assert matching["coders"] == ["A", "B"] and matching["threshold"] == 0.8
    assert [(m["code"], m["document"], m["A"], m["B"]) for m in matching["matched"]] == [
        ("Politics/Constitutional reform", d1, [20, 41], [20, 38])]
    assert matching["unmatched"]["A"] == [{"code": "Criticism", "document": d1, "start": 43, "end": 61}]
    assert matching["unmatched"]["B"] == [{"code": "Criticism", "document": d2, "start": 0, "end": 16}]
    strict = qc.json("agreement", proj, "--coders", "A,B", "--json", "--match")["segment_matching"]
    assert strict["matched"] == [] and len(strict["unmatched"]["A"]) == 2

    code, out, err = qc("agreement", proj, "--coders", "A,B", "--match", "0.8")
    assert code == 0 and "1 matched, 1 only by A, 1 only by B" in out
    code, out, err = qc("agreement", proj, "--coders", "A,B,C", "--match")
    assert code == 1 and "exactly two coders" in err
