"""Plain text, Markdown and web text saved as .txt: exact text, metadata, boilerplate spans."""

from __future__ import annotations

import codecs
import random
from datetime import date

import pytest
from importfixtures import CORPUS, needs_corpus

from app.core.importers import ImportFailure, ImportOptions, Source, parse_source
from app.core.importers.common import article_text
from app.core.importers.webtext import analyse_webtext

TXT_FILES = sorted(p for p in CORPUS.rglob("*.txt"))
SEED = CORPUS / "seed" / "000_77d7894f4c471d5e.txt"


@needs_corpus
@pytest.mark.parametrize("path", TXT_FILES, ids=lambda p: f"{p.parent.name}/{p.name[:40]}")
def test_every_corpus_text_is_imported_character_for_character(path):
    [doc] = parse_source(Source(str(path), path.read_bytes()))
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.file_hash == Source(str(path), path.read_bytes()).sha256
    for span in doc.excluded_spans:
        assert 0 <= span.start < span.end <= len(doc.text)


@needs_corpus
def test_seed_web_text_metadata_is_read_without_touching_the_text():
    raw = SEED.read_text(encoding="utf-8")
    [doc] = parse_source(Source(str(SEED), SEED.read_bytes()))
    assert doc.text == raw
    assert doc.title == "President Kassym-Jomart Tokayev participates in the XXIII Congress of the Amanat party"
    assert doc.published == date(2022, 4, 26)
    assert doc.source_url == (
        "https://www.akorda.kz/en/president-kassym-jomart-tokayev-participates-in-the-xxiii-congress-of-the-amanat-party-263498"
    )
    assert doc.attributes["place"] == "Nur-Sultan, Kazakhstan"
    assert doc.attributes["categories"] == "SİYASET"
    # The article is English although the trailing posts are Turkish and Russian.
    assert doc.language == "en"


@needs_corpus
def test_seed_boilerplate_spans_cover_categories_and_recent_posts_only():
    raw = SEED.read_text(encoding="utf-8")
    [doc] = parse_source(Source(str(SEED), SEED.read_bytes()))
    head, tail = doc.excluded_spans
    assert raw[head.start:head.end] == "Categories: SİYASET"
    assert raw[tail.start:].startswith("Go back Go back\n")
    assert tail.end == len(raw)
    excluded = raw[tail.start:tail.end]
    assert "kaynak:https://www.akorda.kz" in excluded and "Recent Posts" in excluded and "14 saat ago" in excluded
    article = article_text(raw, doc.excluded_spans)
    assert "Concluding his speech, President Tokayev expressed confidence" in article
    assert "Recent Posts" not in article and "Единая Россия" not in article
    assert {s.reason for s in doc.excluded_spans} == {"boilerplate"}


@needs_corpus
def test_boilerplate_marking_can_be_switched_off():
    [doc] = parse_source(Source("seed.txt", SEED.read_bytes()), ImportOptions(mark_boilerplate=False))
    assert doc.excluded_spans == []
    assert doc.published == date(2022, 4, 26)


@needs_corpus
@pytest.mark.parametrize(
    "path",
    [p for p in TXT_FILES if p.parent.name != "seed"],
    ids=lambda p: p.name[:40],
)
def test_ordinary_articles_get_no_boilerplate_spans(path):
    info = analyse_webtext(path.read_text(encoding="utf-8"))
    assert info.excluded == [] and info.categories == [] and info.source_url is None


def test_classic_dateline_in_the_first_paragraph_gives_place_and_date():
    text = (
        "Police report record border crossings\n\n"
        "BERLIN, 10 November 2021 — The federal police registered 1,246 unauthorised entries with a link to "
        "Belarus in the first nine days of November, the interior ministry said on Wednesday in a statement "
        "that was also sent to the regional governments.\n"
    )
    info = analyse_webtext(text)
    assert info.place == "BERLIN"
    assert info.date is not None and info.date.value == date(2021, 11, 10)


def test_russian_source_line_and_recent_posts_heading_are_recognised():
    body = "Президент провёл встречу с делегацией. " * 8
    text = f"Встреча с делегацией\n\n{body}\n\nисточник: https://example.kz/news/1\n\nПоследние записи\n\nДругая новость\n"
    info = analyse_webtext(text)
    assert info.source_url == "https://example.kz/news/1"
    [span] = info.excluded
    assert text[span.start:].startswith("источник:")


def test_utf16_with_bom_and_crlf_is_decoded_and_normalised():
    original = "Zitat: „Wir schaffen das.“\r\nZweite Zeile — ok 😀\r\n"
    [doc] = parse_source(Source("a.txt", codecs.BOM_UTF16_LE + original.encode("utf-16-le")))
    assert doc.text == original.replace("\r\n", "\n")
    assert "utf-16" in doc.importer


def test_utf16_without_bom_is_recognised():
    original = "Plain English text saved by an old Windows tool.\n"
    [doc] = parse_source(Source("a.txt", original.encode("utf-16-le")))
    assert doc.text == original


@needs_corpus
def test_legacy_encoding_is_detected():
    original = (CORPUS / "multi" / "2021-11-10_bundespolizei_pressemitteilung-migration-belarus_de.txt").read_text()
    [doc] = parse_source(Source("a.txt", original.encode("cp1252")))
    assert doc.text == original
    assert doc.language == "de"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary data"),
        (b"   \n\t\n", "empty after extraction"),
        (b"", "empty after extraction"),
    ],
)
def test_broken_text_files_fail_with_a_specific_reason(data, reason):
    with pytest.raises(ImportFailure, match=reason):
        parse_source(Source("broken.txt", data))


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(ImportFailure, match=r"too large \(0.0 MB; the limit is 0 MB\)"):
        parse_source(Source("big.txt", b"x" * 2000), ImportOptions(max_file_bytes=1000))


def test_unsupported_suffix_names_the_supported_ones():
    with pytest.raises(ImportFailure, match=r"unsupported file type '.doc'.*\.docx"):
        parse_source(Source("old.doc", b"\xd0\xcf\x11\xe0"))


def test_markdown_is_kept_verbatim_with_front_matter_as_metadata():
    text = (
        "---\ntitle: \"Speech at the Joint Session\"\ndate: 2019-03-20\nauthor: Kassym-Jomart Tokayev\n"
        "tags:\n  - parliament\nlayout: post\n---\n\n# Heading\n\nDear *members* of Parliament!\n"
    )
    [doc] = parse_source(Source("post.md", text.encode()))
    assert doc.text == text
    assert doc.title == "Speech at the Joint Session"
    assert doc.published == date(2019, 3, 20)
    assert doc.author == "Kassym-Jomart Tokayev"
    assert doc.attributes["layout"] == "post"
    [span] = doc.excluded_spans
    assert text[span.start:span.end].startswith("---\ntitle") and text[span.end:].startswith("\n# Heading")


def test_markdown_without_front_matter_takes_its_title_from_the_first_heading():
    [doc] = parse_source(Source("n.md", b"Intro line\n\n## The real headline ##\n\nBody."))
    assert doc.title == "The real headline" and doc.excluded_spans == []


@needs_corpus
def test_forced_language_wins_over_detection():
    [doc] = parse_source(Source("seed.txt", SEED.read_bytes()), ImportOptions(language="tr"))
    assert doc.language == "tr"


@needs_corpus
@pytest.mark.parametrize(
    "name, encoding",
    [
        ("multi/2019-08-29_kazakhstan-embassy_hurricane-dorian-notice_ru.txt", "cp1251"),
        ("multi/ud-pud_news-excerpts_ru.txt", "koi8_r"),
        ("multi/1933-10-29_ataturk_onuncu-yil-nutku_tr.txt", "cp1254"),
        ("multi/2020-01-20_soundofscience_candidature-collective-hceres_fr.txt", "cp1252"),
    ],
)
def test_whole_articles_in_legacy_code_pages_decode_exactly(name, encoding):
    original = (CORPUS / name).read_text(encoding="utf-8").encode(encoding, "replace").decode(encoding)
    [doc] = parse_source(Source("legacy.txt", original.encode(encoding)))
    assert doc.text == original


def test_random_bytes_are_not_taken_for_text():
    noise = random.Random(7)
    data = bytes(noise.randrange(128, 256) for _ in range(2000))
    with pytest.raises(ImportFailure, match="not UTF-8 and no encoding fits"):
        parse_source(Source("noise.txt", data))
