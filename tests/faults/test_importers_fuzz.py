"""Random and mutated bytes fed to every importer: only the project's own errors may come out.

Each importer is given bytes it has never seen (random, and valid files of its
format with bytes flipped, cut, inserted or repeated). Whatever happens, the
result is either documents with usable text or an ``ImportFailure`` with a
reason; never another exception, which would end a whole batch. Zip archives
go through ``iter_sources`` (which must yield a problem, not raise), REFI-QDA
projects through the reader (``RefiFormatError``). Under ``CI`` the hypothesis
profile is derandomized (tests/conftest.py), so the same examples run every time.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "importers"))
from importfixtures import docx_bytes, odt_bytes, pdf_bytes, zip_bytes  # noqa: E402

from app.core.importers import PARSERS, ImportedDocument, ImportFailure, ImportOptions, Source, parse_source  # noqa: E402
from app.core.importers.sources import SourceProblem, iter_sources  # noqa: E402
from app.core.importers.table_preview import TABLE_SUFFIXES, preview_table  # noqa: E402

# Language detection is not what is tested here and costs most of the time per example.
OPTIONS = ImportOptions(detect_language=False, max_file_bytes=2_000_000)
# QUOTECODER_FUZZ_EXAMPLES=500 for a deeper search by hand; the suite keeps it short.
EXAMPLES = int(os.environ.get("QUOTECODER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["title", "text", "date"])
    ws.append(["First", "Farmers asked for fair grain prices.", "2024-03-01"])
    ws.append(["=Second", "Le café du port ouvre tôt 😀", "1 May 2024"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


TEXT = "Das Café am Rhein öffnet früh.\r\nZweite Zeile 😀 mit „Zitat“.\n\nDritter Absatz."
SEEDS: dict[str, bytes] = {
    ".txt": TEXT.encode("utf-8"),
    ".md": ("---\ntitle: Seed\ndate: 2024-03-01\n---\n# Heading\n\n" + TEXT).encode(),
    ".markdown": ("# Heading\n\n" + TEXT).encode("cp1252", "replace"),
    ".html": ("<html lang='de'><head><title>Seed</title></head><body><article><h1>Seed</h1><p>"
              + "</p><p>".join([TEXT] * 6) + "</p></article></body></html>").encode(),
    ".htm": b"<html><body><p>" + b"Ein Absatz mit Text. " * 40 + b"</p></body></html>",
    ".docx": docx_bytes(footnote=True),
    ".odt": odt_bytes(),
    ".rtf": rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 Caf\'e9 \u8220?Zitat\u8221? au lait\par Zweite Zeile\par}",
    ".pdf": pdf_bytes([["A first line of the article", "and a second one"], ["Page two"]]),
    ".csv": "title,text,date\nOne,\"Grain prices, again\",2024-03-01\n=Two,Café 😀,1 May 2024\n".encode(),
    ".tsv": "title\ttext\nOne\tGrain prices\nTwo\tCafé\n".encode("cp1252"),
    ".xlsx": _xlsx(),
    ".json": '[{"title": "One", "text": "Grain prices"}, {"title": "Two", "text": "Café 😀"}]'.encode(),
    ".jsonl": b'{"title": "One", "text": "Grain prices"}\n{"title": "Two", "text": "Caf\\u00e9"}\n',
}
assert set(SEEDS) == set(PARSERS), "every registered importer gets a seed"


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, cut, inserted, or a stretch repeated or dropped."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "repeat", "truncate"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set":
            data[at] = draw(st.sampled_from([0x00, 0xFF, 0x80, 0xC3, 0x5C, 0x7B, 0x7D, 0x3C, 0x22, 0x0A]))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 32))] * draw(st.integers(2, 50))
        else:
            del data[at:]
    return bytes(data)


def _check(suffix: str, data: bytes) -> None:
    try:
        documents = parse_source(Source(f"fuzz{suffix}", data), OPTIONS)
    except ImportFailure as exc:
        assert str(exc).strip(), "a failure says why"
        return
    assert documents and all(isinstance(d, ImportedDocument) for d in documents)
    for doc in documents:
        assert isinstance(doc.text, str) and doc.text.strip() and "\r" not in doc.text
        assert doc.title is not None and all(isinstance(n, str) for n in doc.notes)
        for span in doc.excluded_spans:
            assert 0 <= span.start <= span.end <= len(doc.text)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_valid_seeds_import(suffix):
    documents = parse_source(Source(f"seed{suffix}", SEEDS[suffix]), OPTIONS)
    assert documents, "the seed itself must be a good file, or mutating it proves little"


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@FUZZ
@given(data=st.data())
def test_mutated_files_fail_only_with_a_reason(suffix, data):
    _check(suffix, data.draw(mutated(SEEDS[suffix]), label="bytes"))


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@settings(max_examples=max(15, EXAMPLES // 3), deadline=None)
@given(blob=st.binary(max_size=2048))
def test_random_bytes_fail_only_with_a_reason(suffix, blob):
    _check(suffix, blob)


@pytest.mark.parametrize("suffix", sorted(TABLE_SUFFIXES))
@FUZZ
@given(data=st.data())
def test_table_previews_of_mutated_tables_fail_only_with_a_reason(suffix, data):
    blob = data.draw(mutated(SEEDS[suffix]), label="bytes")
    try:
        preview = preview_table(Source(f"fuzz{suffix}", blob), OPTIONS)
    except ImportFailure:
        return
    assert all(len(row) == len(preview.header) for row in preview.rows)


ARCHIVE = zip_bytes({"a.txt": SEEDS[".txt"], "b/c.docx": SEEDS[".docx"], "inner.zip": zip_bytes({"d.csv": SEEDS[".csv"]}),
                     "e.json": SEEDS[".json"]})


@FUZZ
@given(data=st.data())
def test_mutated_archives_yield_sources_or_problems_never_an_exception(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("zip") / "corpus.zip"
    path.write_bytes(data.draw(mutated(ARCHIVE), label="archive"))
    for item in iter_sources([path], OPTIONS):
        assert isinstance(item, (Source, SourceProblem))
        if isinstance(item, Source):
            _check(item.suffix, item.data)
        else:
            assert item.reason


def _our_qdpx() -> bytes:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "exchange"))
    from exporters_sample import sample_data

    from app.core.exchange.refi_write import write_qdpx

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "p.qdpx"
        write_qdpx(sample_data(), out)
        return out.read_bytes()


QDPX = _our_qdpx()


@FUZZ
@given(data=st.data())
def test_mutated_refi_projects_fail_only_with_a_format_error(data):
    from app.core.exchange.refi_common import RefiFormatError
    from app.core.exchange.refi_read import read_qdpx

    blob = data.draw(mutated(QDPX), label="qdpx")
    try:
        project = read_qdpx(blob)
    except RefiFormatError as exc:
        assert str(exc).strip()
        return
    for coding in project.codings:
        text = next(s.text for s in project.sources if s.guid == coding.source_guid)
        assert text is not None and 0 <= coding.start < coding.end <= len(text)


def test_the_archive_seed_is_whole():
    with zipfile.ZipFile(io.BytesIO(ARCHIVE)) as zf:
        assert zf.testzip() is None
