import io
import re
import zipfile
from pathlib import Path

import pytest
import xmlschema

from bench.shared import REFI_QDA
from app.core.exchange.model import code_tree_from_infos
from app.core.exchange.refi_common import RefiFormatError, split_document_variables
from app.core.exchange.refi_read import read_qdc, read_qde, read_qdpx, read_refi_project
from app.core.exchange.refi_write import write_qdc, write_qdpx

from exporters_sample import CODERS, CODES, CODINGS, DOCUMENTS, TEXTS

REFI = REFI_QDA
SAMPLES = REFI / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared REFI-QDA samples not present")


@pytest.fixture(scope="module")
def project_schema():
    return xmlschema.XMLSchema(str(REFI / "Project.xsd"))


@needs_samples
def test_qdpx_export_validates_and_holds_utf8_sources(data, tmp_path, project_schema):
    path = tmp_path / "p.qdpx"
    write_qdpx(data, path)
    with zipfile.ZipFile(path) as zf:
        project_schema.validate(zf.read("project.qde").decode("utf-8"))
        for d in DOCUMENTS:
            assert zf.read(f"sources/{d.uuid}.txt").decode("utf-8") == TEXTS[d.id]


@needs_samples
def test_qdc_export_validates(tmp_path):
    write_qdc(CODES, tmp_path / "c.qdc")
    xmlschema.XMLSchema(str(REFI / "Codebook.xsd")).validate(str(tmp_path / "c.qdc"))


def test_qdpx_round_trip(data, tmp_path):
    path = tmp_path / "p.qdpx"
    write_qdpx(data, path)
    p = read_qdpx(path)
    assert [(u.guid, u.name) for u in p.users] == [(c.uuid, c.name) for c in CODERS]
    assert p.codes == code_tree_from_infos(CODES)
    assert [(s.guid, s.name, s.text) for s in p.sources] == [(d.uuid, d.title, TEXTS[d.id]) for d in DOCUMENTS]
    fields, attributes = split_document_variables(p.sources[0].variables)
    doc = DOCUMENTS[0]
    assert fields == {"author": doc.author, "outlet": doc.outlet, "source_url": doc.source_url,
                      "language": doc.language, "published": doc.published}
    assert attributes == doc.attributes
    code_uuid = {c.id: c.uuid for c in CODES}
    coder_uuid = {c.id: c.uuid for c in CODERS}
    doc_uuid = {d.id: d.uuid for d in DOCUMENTS}
    expected = [(c.uuid, doc_uuid[c.document_id], code_uuid[c.code_id], coder_uuid[c.coder_id], c.start, c.end,
                 c.memo, c.created_at) for c in CODINGS]
    got = [(c.guid, c.source_guid, c.code_guid, c.user_guid, c.start, c.end, c.memo, c.created) for c in p.codings]
    assert sorted(got) == sorted(expected)
    notes = {n.title: (n.target, n.target_guid, n.text) for n in p.notes}
    assert notes["Plan"] == ("project", None, "Code quotes first.")
    assert notes["On the speech"] == ("source", DOCUMENTS[0].uuid, "Check the date.")
    assert notes["Tone memo"] == ("code", CODES[3].uuid, "Tone is hard.")
    assert p.conversion_notes == []  # stored LF text and code points: nothing to convert


@needs_samples
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.qd[ep]*")) if SAMPLES.is_dir() else [])
def test_every_sample_project_imports(name):
    p = read_refi_project(SAMPLES / name)
    assert p.origin
    for c in p.codings:
        text = next(s.text for s in p.sources if s.guid == c.source_guid)
        assert 0 <= c.start < c.end <= len(text)
    assert {c.user_guid for c in p.codings + p.unplaced_codings} <= {u.guid for u in p.users}


@needs_samples
def test_qc_sample_codings_are_the_lines_qc_named():
    path = SAMPLES / "qc-1.3.2_demo-project.qdpx"
    p = read_qdpx(path)
    xml = zipfile.ZipFile(path).read("project.qde").decode()
    line_of = {int(m.group(2)): int(m.group(1)) for m in re.finditer(r'name="line:(\d+)" startPosition="(\d+)"', xml)}
    texts = {s.guid: s.text for s in p.sources}
    assert len(p.codings) == 205
    for c in p.codings:
        text = texts[c.source_guid]
        assert text[c.start : c.end].rstrip("\n") == text.split("\n")[line_of[c.start]]


@needs_samples
def test_bare_nvivo_qde_keeps_codings_unplaced_and_says_why():
    p = read_qde(SAMPLES / "nvivo-win-12.6_project.qde")
    assert p.codings == [] and len(p.unplaced_codings) == 303
    assert any("is not in the file" in n for n in p.conversion_notes)
    assert sorted(u.name for u in p.users) == ["Gergo", "floriansipos"]


@needs_samples
def test_atlas_sample_structure_and_skipped_media():
    p = read_qde(SAMPLES / "atlasti-8.4.0_spec-annex-A2_project.qde")
    names = [c.name for c in p.codes]
    assert "Coke::full-fat Coke" in names and '"rushed"' in names
    assert any("PDFSource" in n for n in p.conversion_notes)
    research = next(n for n in p.notes if n.title == "Research Plan")
    assert research.text.startswith("This is a great project")


@needs_samples
def test_sample_codebooks_including_taguette_empty_sets():
    assert [c.name for c in read_qdc(SAMPLES / "taguette-1.4.1_codebook.qdc").codes] == [
        "xsd:element name", "CodeBook", "Variables"]
    atlas = read_qdc(SAMPLES / "atlasti-win-23.4.0_codebook.qdc").codes
    assert (atlas[0].name, atlas[0].color, atlas[0].description) == ("code1", "#46AA00", "description")


def _qdpx(xml: str, files: dict[str, bytes], qde_name: str = "project.qde") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(qde_name, xml.encode("utf-8"))
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


G = "11111111-1111-1111-1111-{:012d}"


def _project(origin: str, selections: list[tuple[int, int, str]], ns: str = "urn:QDA-XML:project:1.0") -> str:
    sels = "".join(
        f'<PlainTextSelection guid="{G.format(10 + i)}" name="{name}" startPosition="{s}" endPosition="{e}" '
        f'creatingUser="{G.format(1)}"><Coding guid="{G.format(50 + i)}"><CodeRef targetGUID="{G.format(2)}"/>'
        f"</Coding></PlainTextSelection>"
        for i, (s, e, name) in enumerate(selections)
    )
    return (f'<Project xmlns="{ns}" name="t" origin="{origin}"><Users><User guid="{G.format(1)}" name="U"/></Users>'
            f'<CodeBook><Codes><Code guid="{G.format(2)}" name="C" isCodable="true"/></Codes></CodeBook>'
            f'<Sources><TextSource guid="{G.format(3)}" name="S" plainTextPath="internal://{G.format(3)}.txt">'
            f"{sels}</TextSource></Sources></Project>")


RAW = "Line one 😀 here\r\nSecond 😀 line with words\r\nThird line."
STORED = RAW.replace("\r\n", "\n")


def _utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def test_nvivo_utf16_positions_over_crlf_with_bom_are_converted():
    # NVivo for Windows: UTF-8 with BOM, CRLF, positions in UTF-16 units over the CRLF text.
    start_cp, end_cp = RAW.index("Second"), RAW.index("words") + 5
    sel = (_utf16(RAW, start_cp), _utf16(RAW, end_cp), "")
    data = _qdpx(_project("NVivo for Windows 12.6", [sel]), {f"Sources/{G.format(3)}.txt": b"\xef\xbb\xbf" + RAW.encode()})
    p = read_qdpx(data)
    (c,) = p.codings
    assert p.sources[0].text == STORED
    assert STORED[c.start : c.end] == "Second 😀 line with words"
    assert any("UTF-16 code units" in n and "1 coding(s) moved" in n for n in p.conversion_notes)


def test_selection_names_reveal_crlf_counted_as_one():
    # A writer that counted code points over LF text although its file has CRLF: names tell.
    picks = [("Second 😀 line", STORED.index("Second")), ("Third line", STORED.index("Third"))]
    sels = [(pos, pos + len(name), name) for name, pos in picks]
    data = _qdpx(_project("SomeTool 1.0", sels), {f"sources/{G.format(3)}.txt": RAW.encode()})
    p = read_qdpx(data)
    assert [STORED[c.start : c.end] for c in p.codings] == ["Second 😀 line", "Third line"]
    assert any("CRLF counted as one" in n for n in p.conversion_notes)


def test_spec_positions_on_crlf_file_count_the_cr():
    start = RAW.index("Third")
    data = _qdpx(_project("Other", [(start, start + 5, "")]), {f"sources/{G.format(3)}.txt": RAW.encode()})
    (c,) = read_qdpx(data).codings
    assert STORED[c.start : c.end] == "Third"


def test_variations_tolerated_inner_name_namespace_and_empty_containers():
    xml = _project("X", [(0, 4, "")], ns="urn:QDA-XML:project:0:4").replace("</Sources>", "</Sources><Notes/><Sets/>")
    data = _qdpx(xml, {f"SOURCES/{G.format(3)}.TXT": b"Line one"}, qde_name="Export/My Project.qde")
    (c,) = read_qdpx(data).codings
    assert (c.start, c.end) == (0, 4)


def test_positions_outside_text_and_unknown_codes_are_dropped_with_notes():
    xml = _project("X", [(0, 400, ""), (0, 4, "")]).replace(
        "</Sources>", "</Sources>").replace(f'<CodeRef targetGUID="{G.format(2)}"/></Coding></PlainTextSelection></TextSource>',
                                            f'<CodeRef targetGUID="{G.format(9)}"/></Coding></PlainTextSelection></TextSource>')
    p = read_qdpx(_qdpx(xml, {f"sources/{G.format(3)}.txt": b"Line one"}))
    assert p.codings == []
    assert any("outside the text" in n for n in p.conversion_notes)
    assert any("not in the codebook" in n for n in p.conversion_notes)


def test_broken_files_are_refused_clearly(tmp_path):
    with pytest.raises(RefiFormatError, match="zip"):
        read_qdpx(b"this is not a zip")
    with pytest.raises(RefiFormatError, match="no .qde"):
        read_qdpx(_qdpx("<Project/>", {}, qde_name="readme.txt"))
    with pytest.raises(RefiFormatError, match="well-formed"):
        read_qdpx(_qdpx("<Project name='x'><Users>", {}))
    with pytest.raises(RefiFormatError, match="root element"):
        read_qdpx(_qdpx("<CodeBook/>", {}))
    (tmp_path / "c.qdc").write_text("<Project name='x'/>")
    with pytest.raises(RefiFormatError, match="not a REFI-QDA codebook"):
        read_qdc(tmp_path / "c.qdc")


def test_entities_and_external_references_are_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<Project name="&b;"/>')
    with pytest.raises(RefiFormatError, match="DTD or entities"):
        read_qdpx(_qdpx(bomb, {}))
    external = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>'
    with pytest.raises(RefiFormatError, match="DTD or entities"):
        read_qdpx(_qdpx(external, {}))


def test_zip_traversal_and_bombs_are_refused():
    with pytest.raises(RefiFormatError, match="outside the archive"):
        read_qdpx(_qdpx(_project("X", []), {"../../evil.txt": b"x"}))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", _project("X", []))
        zf.writestr("sources/big.txt", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(RefiFormatError, match="zip bomb"):
        read_qdpx(buf.getvalue())


def test_a_bomb_of_many_one_mebibyte_entries_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", _project("X", []))
        for i in range(60):
            zf.writestr(f"sources/{i}.txt", b"a" * (1 << 20))
    with pytest.raises(RefiFormatError, match="zip bomb"):
        read_qdpx(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", _project("X", []))
        for i in range(400):
            zf.writestr(f"sources/{i}.txt", b"a" * 60_000)  # each inside the allowance, together 24 MB
    with pytest.raises(RefiFormatError, match="over all its entries"):
        read_qdpx(buf.getvalue())
