"""Nothing lost across formats: memos where other programs read them, coders' colours and consensus flag,
creatingUser on sources, code-description sections from any program, prefixed attribute columns, file modes."""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import zipfile

import openpyxl
import pytest
import xmlschema
from defusedxml import ElementTree as SafeET
from exporters_sample import CODERS, CODES, DOCUMENTS, MEMOS, sample_data
from shared_material import REFI_QDA, needs_schemas

from app.core.exchange.csvout import write_segments_csv
from app.core.exchange.refi_common import pack_code_description, unpack_code_description
from app.core.exchange.refi_read import read_qdc, read_qdpx
from app.core.exchange.refi_write import write_qdc, write_qdpx
from app.core.exchange.xlsx import write_workbook

NS = {"q": "urn:QDA-XML:project:1.0"}
RGB = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


def _with(data, **changes):
    return dataclasses.replace(data, **changes)


def _qde(path):
    with zipfile.ZipFile(path) as zf:
        return SafeET.fromstring(zf.read("project.qde")), set(zf.namelist()), zf


@needs_schemas
def test_the_written_project_is_valid_against_the_refi_schema(tmp_path):
    from lxml import etree

    path = tmp_path / "p.qdpx"
    write_qdpx(sample_data(), path)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("project.qde")
    xmlschema.XMLSchema(str(REFI_QDA / "Project.xsd")).validate(xml.decode("utf-8"))
    etree.XMLSchema(etree.parse(str(REFI_QDA / "Project.xsd"))).assertValid(etree.fromstring(xml))
    colours = re.findall(rb'color="([^"]*)"', xml)
    assert colours and all(RGB.match(c.decode()) for c in colours)  # libxml2 lets #RRGGBBAA through


def test_memos_are_where_qualcoder_reads_them(tmp_path):
    path = tmp_path / "p.qdpx"
    write_qdpx(sample_data(), path)
    root, names, _ = _qde(path)
    assert root.find("q:Description", NS).text == "Code quotes first."  # project memo
    speech = root.find(f"q:Sources/q:TextSource[@guid='{DOCUMENTS[0].uuid}']", NS)
    assert speech.find("q:Description", NS).text == "Check the date."  # document memo
    tone = root.find(f".//q:Code[@guid='{CODES[3].uuid}']", NS)
    assert tone.find("q:Description", NS).text == "[Memo: Tone memo]\nTone is hard."  # code memo
    # The project memo is a journal: a Note with a plainTextPath (and then no PlainTextContent).
    plan = root.find(f"q:Notes/q:Note[@guid='{MEMOS[0].uuid}']", NS)
    assert plan.get("plainTextPath") == f"internal://{MEMOS[0].uuid}.txt" and plan.find("q:PlainTextContent", NS) is None
    with zipfile.ZipFile(path) as zf:
        assert zf.read(f"sources/{MEMOS[0].uuid}.txt").decode("utf-8") == "Code quotes first."
    # Memos on codes and documents stay Notes with their text inline, as before.
    on_code = root.find(f"q:Notes/q:Note[@guid='{MEMOS[2].uuid}']", NS)
    assert on_code.find("q:PlainTextContent", NS).text == "Tone is hard."


def test_every_text_source_has_a_listed_creating_user(tmp_path):
    path = tmp_path / "p.qdpx"
    write_qdpx(sample_data(), path)
    root, _, _ = _qde(path)
    users = {u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert sources and all(s.get("creatingUser") == CODERS[0].uuid for s in sources) and CODERS[0].uuid in users
    write_qdpx(_with(sample_data(), coders=[], codings=[]), tmp_path / "nobody.qdpx")
    root, _, _ = _qde(tmp_path / "nobody.qdpx")
    [user] = root.findall("q:Users/q:User", NS)
    assert all(s.get("creatingUser") == user.get("guid") for s in root.iterfind("q:Sources/q:TextSource", NS))


def test_our_own_round_trip_brings_every_memo_back_once(tmp_path):
    path = tmp_path / "p.qdpx"
    write_qdpx(sample_data(), path)
    project = read_qdpx(path)
    got = sorted((n.title, n.target, n.text) for n in project.notes)
    assert got == [("On the speech", "source", "Check the date."), ("Plan", "project", "Code quotes first."),
                   ("Tone memo", "code", "Tone is hard.")]
    assert all(s.description == "" for s in project.sources)  # not a second "Description" memo
    tone = next(c for c in project.codes if c.guid == CODES[3].uuid)
    assert tone.description == ""  # the memo copy is not taken for a definition


def test_consensus_flag_and_coder_colours_survive_the_round_trip(tmp_path):
    coders = [dataclasses.replace(CODERS[0], color="#aa3377"),
              dataclasses.replace(CODERS[1], color="#228833", consensus=True)]
    path = tmp_path / "p.qdpx"
    write_qdpx(_with(sample_data(), coders=coders), path)
    users = {u.guid: (u.name, u.color, u.consensus) for u in read_qdpx(path).users}
    assert users == {CODERS[0].uuid: ("Ann", "#aa3377", False), CODERS[1].uuid: ("Bob", "#228833", True)}
    root, names, _ = _qde(path)
    assert "quotecoder/users.json" in names  # beside the XML, which stays plain REFI for other programs
    assert all(set(u.keys()) <= {"guid", "name"} for u in root.iterfind("q:Users/q:User", NS))


def test_other_programs_files_without_the_extension_give_ordinary_coders():
    sample = REFI_QDA / "samples" / "qc-1.3.2_demo-project.qdpx" if REFI_QDA else None
    if sample is None or not sample.is_file():
        pytest.skip("the qc sample is not in ../shared/refi-qda/samples")
    assert [(u.color, u.consensus) for u in read_qdpx(sample).users] == [(None, False)]


def test_an_empty_definition_writes_no_leading_blank_lines():
    text = pack_code_description("", "named people", "", "the minister", None)
    assert text == "[Inclusion criteria]\nnamed people\n\n[Example]\nthe minister"
    assert unpack_code_description(text) == {"description": "", "inclusion": "named people",
                                             "example": "the minister"}
    assert pack_code_description("", "", "", "", None) == ""


@pytest.mark.parametrize("origin", ["MAXQDA 24", "ATLAS.ti 23", "Quotecoder 0.1"])
def test_code_description_sections_are_unpacked_whoever_wrote_them(tmp_path, origin):
    description = ("Definition: Statements about prices of food.\n\nInclusion criteria:\nAny named price.\n\n"
                   "**Exclusion criteria**\nWages and salaries.\n\n## Anchor example\n\"Bread costs twice as much.\"")
    xml = (f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="{origin}">'
           '<Codes><Code guid="6f1c3c52-43a5-4d4e-9d1e-0c7b8a5e1f00" name="Prices" isCodable="true">'
           f'<Description>{description}</Description></Code></Codes></CodeBook>')
    path = tmp_path / "c.qdc"
    path.write_text(xml, encoding="utf-8")
    [code] = read_qdc(path).codes
    assert (code.description, code.inclusion, code.exclusion, code.example) == (
        "Statements about prices of food.", "Any named price.", "Wages and salaries.", "\"Bread costs twice as much.\"")


def test_a_plain_description_from_another_program_stays_whole(tmp_path):
    text = "Apply this code when a study uses Gee's concept.\nExamples include affinity spaces."
    assert unpack_code_description(text) == {"description": text}


def test_another_programs_project_description_becomes_a_project_memo(tmp_path):
    xml = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="MAXQDA 24">'
           '<Description>Fieldwork 2023, two coders.</Description></Project>')
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", xml)
    notes = [(n.title, n.target, n.text) for n in read_qdpx(path).notes]
    assert notes == [("Project description", "project", "Fieldwork 2023, two coders.")]


def _clashing_data():
    data = sample_data()
    docs = [dataclasses.replace(DOCUMENTS[0], attributes={"Start": "page 3", "Coder": "wire", "date": "1 May",
                                                          "genre": "speech"}), DOCUMENTS[1]]
    return _with(data, documents=docs)


def test_attributes_named_like_fixed_columns_are_prefixed_in_csv(tmp_path):
    path = tmp_path / "s.csv"
    write_segments_csv(_clashing_data(), path)
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert len(header) == len(set(header))
    assert {"Start", "Coder", "Date", "Attribute: Start", "Attribute: Coder", "Attribute: date", "genre"} <= set(header)


def test_attributes_named_like_fixed_columns_are_prefixed_in_the_workbook(tmp_path):
    path = tmp_path / "s.xlsx"
    write_workbook(_clashing_data(), path)
    wb = openpyxl.load_workbook(path, read_only=True)
    for sheet in ("Segments", "Documents"):
        header = [c for c in next(wb[sheet].iter_rows(values_only=True)) if c is not None]
        assert len(header) == len(set(header)), sheet
        assert "Attribute: date" in header and "Date" in header
    wb.close()


@pytest.mark.parametrize("suffix", ["qdpx", "csv", "xlsx", "qdc"])
def test_exported_files_get_the_users_normal_permissions(tmp_path, suffix):
    path = tmp_path / f"out.{suffix}"
    old = os.umask(0o022)
    try:
        if suffix == "qdpx":
            write_qdpx(sample_data(), path)
        elif suffix == "csv":
            write_segments_csv(sample_data(), path)
        elif suffix == "xlsx":
            write_workbook(sample_data(), path)
        else:
            write_qdc(CODES, path)
        assert path.stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        path.unlink()
        write_qdc(CODES, path) if suffix == "qdc" else write_segments_csv(sample_data(), path)
        assert path.stat().st_mode & 0o777 == 0o600  # a private umask is honoured too
    finally:
        os.umask(old)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_source_text_with_a_few_broken_bytes_stays_utf8_and_says_so(tmp_path):
    text = "Das Café am Rhein öffnet früh. " * 3
    xml = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="MAXQDA 24">'
           '<Sources><TextSource guid="6f1c3c52-43a5-4d4e-9d1e-0c7b8a5e1f01" name="Cafe" '
           'plainTextPath="internal://cafe.txt"/></Sources></Project>')
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", xml)
        zf.writestr("sources/cafe.txt", text.encode() + b"\xff" + text.encode())
    project = read_qdpx(path)
    assert project.sources[0].text == text + "\ufffd" + text
    assert any("1 invalid byte sequence(s) replaced" in n for n in project.conversion_notes)


def test_another_programs_shortcut_section_is_kept_as_text(tmp_path):
    xml = ('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24">'
           '<Codes><Code guid="6f1c3c52-43a5-4d4e-9d1e-0c7b8a5e1f02" name="P" isCodable="true">'
           '<Description>About prices.\nShortcut: F5</Description></Code></Codes></CodeBook>')
    path = tmp_path / "c.qdc"
    path.write_text(xml, encoding="utf-8")
    [code] = read_qdc(path).codes
    assert (code.description, code.shortcut) == ("About prices.\n\nShortcut: F5", None)
