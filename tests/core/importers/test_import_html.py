"""Saved web pages: main text against the clean copies in the corpus, metadata, original bytes."""

from __future__ import annotations

from datetime import date

import pytest
from importfixtures import CORPUS, needs_corpus

from app.core.importers import ImportFailure, Source, parse_source
from app.core.importers.neardup import NearDuplicateIndex

HTML = CORPUS / "html"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _import(name: str):
    path = HTML / name
    [doc] = parse_source(Source(str(path), path.read_bytes()))
    return doc


# Pages whose clean text (extracted and checked by hand for the corpus) sits in multi/.
PAIRS = [
    ("2021-11-10_bundespolizei_pressemitteilung-migration-belarus.html",
     "2021-11-10_bundespolizei_pressemitteilung-migration-belarus_de.txt"),
    ("2003-03-31_bundespraesident_rau-rede-foederalismuskonvent.html",
     "2003-03-31_bundespraesident_rau-rede-foederalismuskonvent_de.txt"),
]


@needs_corpus
@pytest.mark.parametrize("html, clean", PAIRS)
def test_main_text_matches_the_clean_copy_paragraph_for_paragraph(html, clean):
    doc = _import(html)
    reference = (CORPUS / "multi" / clean).read_text(encoding="utf-8")
    assert _lines(doc.text) == _lines(reference)
    # Paragraphs are separated by one blank line, so paragraph views find them.
    assert doc.text == "\n\n".join(line for line in reference.split("\n") if line.strip())


@needs_corpus
def test_bundespolizei_metadata():
    doc = _import(PAIRS[0][0])
    assert doc.title.startswith("Illegale Migration aus Belarus über Polen nach Deutschland")
    assert doc.published == date(2021, 11, 10)
    assert doc.source_url.startswith("https://www.bundespolizei.de/")
    assert doc.outlet == "bundespolizei.de"
    assert doc.language == "de"
    assert doc.original == (HTML / PAIRS[0][0]).read_bytes()
    assert doc.original_media_type == "text/html"


@needs_corpus
def test_a_menu_label_in_the_title_tag_gives_way_to_the_article_heading():
    doc = _import(PAIRS[1][0])  # <title> is "Navigation und Service"
    assert doc.title == "Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent der deutschen Landesparlamente"
    assert doc.published == date(2003, 3, 31)


@needs_corpus
def test_kremlin_page_has_outlet_tags_and_no_navigation():
    doc = _import("2018-04-03_kremlin-en_joint-news-conference-putin-erdogan.html")
    assert doc.title == "Joint news conference of Vladimir Putin and Recep Tayyip Erdogan"
    assert doc.outlet == "President of Russia"
    assert doc.published == date(2018, 4, 3)
    assert doc.language == "en"
    assert "Transcripts" in doc.attributes["tags"].split("; ")
    for junk in ("Subscribe", "Search", "Send a letter", "All materials on this site"):
        assert junk not in doc.text


@needs_corpus
def test_kremlin_lead_paragraph_is_restored_and_the_body_matches_the_clean_text():
    doc = _import("2018-04-03_kremlin-en_joint-news-conference-putin-erdogan.html")
    reference = (CORPUS / "en" / "2018-04-03_kremlin_joint-news-conference-of-vladimir-putin-and-recep-tayyip-erd.txt")
    clean = _lines(reference.read_text(encoding="utf-8"))
    # The clean copy starts with headline and dateline, which are metadata here.
    assert _lines(doc.text) == clean[2:]
    assert any("lead paragraph restored" in n for n in doc.notes)


@needs_corpus
def test_the_same_story_as_html_and_as_text_is_a_near_duplicate():
    doc = _import("2018-04-03_kremlin-en_joint-news-conference-putin-erdogan.html")
    text = (CORPUS / "en" / "2018-04-03_kremlin_joint-news-conference-of-vladimir-putin-and-recep-tayyip-erd.txt").read_text()
    index = NearDuplicateIndex()
    assert index.add("txt", text) is None
    assert index.add("html", doc.text) == "txt"


@needs_corpus
@pytest.mark.parametrize("name", sorted(p.name for p in HTML.glob("*.html")))
def test_every_saved_page_imports_with_a_title_and_language(name):
    doc = _import(name)
    assert doc.text.strip() and doc.title and doc.language in {"de", "en"}
    assert "<div" not in doc.text and "function(" not in doc.text


def test_page_without_main_text_is_empty_after_extraction():
    page = b"<html><head><title>x</title><style>p{}</style></head><body><script>var a = 1;</script></body></html>"
    with pytest.raises(ImportFailure, match="empty after extraction"):
        parse_source(Source("empty.html", page))


def test_binary_file_named_html_is_refused():
    with pytest.raises(ImportFailure, match="binary data"):
        parse_source(Source("image.htm", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50))
