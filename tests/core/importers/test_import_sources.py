"""Expanding files, folders and zips into sources; hostile archives; a folder with broken files."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from importfixtures import CORPUS, docx_bytes, encrypted_pdf_bytes, needs_corpus, pdf_bytes, zip_bytes

from app.core.importers import ImportFailure, ImportOptions, Source, parse_source
from app.core.importers.sources import SourceProblem, count_files, iter_sources


def _split(items):
    sources = [i for i in items if isinstance(i, Source)]
    problems = {p.name: p.reason for p in items if isinstance(p, SourceProblem)}
    return sources, problems


def test_folder_is_walked_recursively_skipping_hidden_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("first article text")
    (tmp_path / "a" / "deeper").mkdir()
    (tmp_path / "a" / "deeper" / "two.md").write_text("# second")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    sources, problems = _split(list(iter_sources([tmp_path])))
    assert sorted(Path(s.name).name for s in sources) == ["one.txt", "two.md"]
    assert problems == {str(tmp_path / "photo.jpg"): "unsupported file type '.jpg'"}
    assert count_files([tmp_path]) == 3


def test_iter_sources_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"text {i}")
    stream = iter_sources([tmp_path])
    first = next(stream)
    assert isinstance(first, Source) and first.name.endswith("0.txt")


def test_zip_entries_nested_zips_and_a_traversal_entry(tmp_path):
    inner = zip_bytes({"inner/story.txt": b"wire story text"})
    archive = tmp_path / "corpus.zip"
    archive.write_bytes(
        zip_bytes(
            {
                "news/a.txt": "Zitat „ok“".encode(),
                "../../etc/evil.txt": b"escape attempt",
                "/abs/path.txt": b"absolute",
                "__MACOSX/._a.txt": b"resource fork",
                "nested.zip": inner,
                "news/": b"",
            }
        )
    )
    seen: list[SourceProblem] = []
    sources, problems = _split(list(iter_sources([archive], on_error=seen.append)))
    assert {s.name: s.data for s in sources} == {
        f"{archive}/news/a.txt": "Zitat „ok“".encode(),
        f"{archive}/nested.zip/inner/story.txt": b"wire story text",
    }
    assert problems[f"{archive}/../../etc/evil.txt"].startswith("ignored: unsafe path")
    assert problems[f"{archive}/../../etc/evil.txt"] == problems[f"{archive}//abs/path.txt"]
    assert len(problems) == 2 and len(seen) == 2
    assert not (tmp_path.parent / "etc").exists()


def test_zip_bomb_is_refused_before_extraction(tmp_path):
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(zip_bytes({"zeros.txt": b"0" * (20 * 1024 * 1024), "ok.txt": b"fine"}))
    assert archive.stat().st_size < 100_000
    sources, problems = _split(list(iter_sources([archive])))
    assert [s.name for s in sources] == [f"{archive}/ok.txt"]
    assert "looks like a zip bomb" in problems[f"{archive}/zeros.txt"]


def test_archive_limits_total_size_and_nesting_depth(tmp_path):
    level3 = zip_bytes({"deep.txt": b"deep"})
    level2 = zip_bytes({"l3.zip": level3})
    archive = tmp_path / "n.zip"
    archive.write_bytes(zip_bytes({"l2.zip": level2, "big.txt": b"x" * 5000}, compression=zipfile.ZIP_STORED))
    options = ImportOptions(max_archive_depth=2, max_file_bytes=4000)
    _sources, problems = _split(list(iter_sources([archive], options)))
    assert problems[f"{archive}/l2.zip/l3.zip"] == "refused: archives nested more than 2 deep"
    assert problems[f"{archive}/big.txt"].startswith("too large")


def test_file_over_the_limit_is_not_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 3_000_000)
    _sources, problems = _split(list(iter_sources([big], ImportOptions(max_file_bytes=1_000_000))))
    assert problems == {str(big): "too large (3.0 MB; the limit is 1 MB)"}


def test_missing_path_and_broken_zip(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    _sources, problems = _split(list(iter_sources([tmp_path / "nope.txt", broken])))
    assert problems == {str(tmp_path / "nope.txt"): "no such file or folder", str(broken): "not a valid zip archive (not a zip archive)"}


@needs_corpus
def test_folder_with_broken_files_imports_the_rest_and_names_each_reason(tmp_path):
    good = sorted(CORPUS.glob("en/*.txt"))[:20]
    for path in good:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "story.docx").write_bytes(docx_bytes())
    (tmp_path / "report.pdf").write_bytes(pdf_bytes([["A report with a text layer."]]))
    noise = random.Random(1)
    broken = {
        "noise.txt": (
            b"Caf\xe9 cr\xe8me " * 3 + bytes(noise.randrange(128, 256) for _ in range(300)),
            "not UTF-8 and no encoding fits",
        ),
        "controls.txt": (bytes(range(1, 32)) * 10, "binary data"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary data"),
        "renamed.docx": (b"just text, not a zip", "not a valid .docx (not a zip archive)"),
        "locked.pdf": (encrypted_pdf_bytes(), "encrypted PDF (needs a password)"),
        "scan.pdf": (pdf_bytes([[]]), "no text layer (scanned?)"),
        "blank.txt": (b"\n\n   \n", "empty after extraction"),
        "huge.txt": (b"a" * 600_000, "too large"),
    }
    for name, (data, _reason) in broken.items():
        (tmp_path / name).write_bytes(data)
    options = ImportOptions(max_file_bytes=500_000)
    imported, failures = [], {}
    for item in iter_sources([tmp_path], options):
        if isinstance(item, SourceProblem):
            failures[Path(item.name).name] = item.reason
            continue
        try:
            imported.extend(parse_source(item, options))
        except ImportFailure as exc:
            failures[Path(item.name).name] = str(exc)
    assert set(failures) == set(broken)
    assert len(imported) == len(good) + 2
    for name, (_data, reason) in broken.items():
        assert failures[name].startswith(reason), (name, failures[name])
