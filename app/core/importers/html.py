"""Saved web pages (``.html``/``.htm``): the article's main text and its metadata.

Extraction is done by trafilatura (the maintained main-content extractor used
in corpus linguistics), which drops navigation, ads, comment threads and
"recent posts" lists. Each extracted block (paragraph, heading, list item,
table row) becomes a paragraph, separated by a blank line. The page's original
bytes travel with the document so extraction can be redone with a later
trafilatura without asking the researcher for the files again.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import join_paragraphs, make_document
from app.core.importers.dates import parse_date
from app.core.importers.plaintext import decode_text, mostly_utf8

__all__ = ["parse_html", "extract_html"]

_LANG_ATTR = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)


def _check_not_binary(data: bytes) -> None:
    """Refuse files that are not text before handing them to the HTML parser."""
    if b"\x00" in data[:65536]:
        decode_text(data)  # raises "binary data, not text" unless it is UTF-16/32 text


def extract_html(data: bytes | str, *, url: str | None = None) -> dict[str, object]:
    """Run trafilatura on page bytes; return its document as a dict (``text`` and metadata).

    Raises ImportFailure when no main text can be found.
    """
    if isinstance(data, bytes):
        _check_not_binary(data)
    result = trafilatura.bare_extraction(
        data,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    if result is None:
        raise ImportFailure("empty after extraction (no main text found in the page)")
    doc = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    if not (doc.get("text") or "").strip():
        raise ImportFailure("empty after extraction (no main text found in the page)")
    return doc


def _pick_title(meta_title: str | None, body: object, text: str) -> str | None:
    """The headline: the page title when the article shows it, else the article's first heading.

    Many sites put the site's name or a menu label in ``<title>`` ("Navigation
    und Service"); a heading inside the extracted article is then the better choice.
    """
    head = text[:2000]
    if meta_title and meta_title in head:
        return meta_title
    if body is not None:
        for element in body.iter("head"):  # type: ignore[attr-defined]
            heading = " ".join("".join(element.itertext()).split())
            if heading:
                return heading
    return meta_title


def _split_list(values: object) -> list[str]:
    """trafilatura gives tags as a list of comma-joined strings ("News ,Transcripts")."""
    out: list[str] = []
    for value in values or []:  # type: ignore[union-attr]
        out.extend(v.strip() for v in str(value).split(",") if v.strip())
    return list(dict.fromkeys(out))


def _restore_lead(data: bytes, description: str | None, text: str) -> str | None:
    """The article's lead paragraph when the extractor dropped it, else None.

    Some sites (en.kremlin.ru) set the lead apart from the body, and trafilatura
    leaves it out. When the page description is missing from the extracted text
    but is, word for word, a block of the page's body, that block is the lead.
    """
    wanted = " ".join((description or "").split())
    if len(wanted) < 40 or wanted[:60] in " ".join(text[:5000].split()):
        return None
    try:
        tree = lxml.html.fromstring(data)
    except (ParserError, ValueError):
        return None
    body = tree.find("body")
    for element in (body if body is not None else tree).iter("p", "div", "span", "section"):
        if " ".join(element.text_content().split()) == wanted:
            return wanted
    return None


def _page(data: bytes, notes: list[str]) -> bytes | str:
    """The page for the extractor: a UTF-8 page with a few broken bytes is decoded here, with a note.

    Left to itself the extractor guesses a code page for it and turns every accent into mojibake;
    pages in a declared legacy code page are still handed over as bytes, for it to decode.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        text = mostly_utf8(data, notes)
        if text is not None:
            return text
    return data


def parse_html(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    notes: list[str] = []
    doc = extract_html(_page(source.data, notes))
    raw = str(doc["text"])
    lead = _restore_lead(source.data, doc.get("description"), raw)  # type: ignore[arg-type]
    if lead:
        raw = lead + "\n" + raw
        notes.append("lead paragraph restored from the page (the extractor had left it out)")
    text = join_paragraphs(raw.split("\n"))
    attributes: dict[str, str] = {}
    for key in ("hostname", "description", "license", "pagetype"):
        if doc.get(key):
            attributes[key] = str(doc[key])
    categories = _split_list(doc.get("categories"))
    tags = _split_list(doc.get("tags"))
    if categories:
        attributes["categories"] = "; ".join(categories)
    if tags:
        attributes["tags"] = "; ".join(tags)
    lang = _LANG_ATTR.search(source.data[:20000])
    title = _pick_title(doc.get("title"), doc.get("body"), text)  # type: ignore[arg-type]
    # trafilatura falls back to the title when a page names no site; the host is better then.
    sitename = doc.get("sitename")
    outlet = sitename if sitename and sitename not in (doc.get("title"), title) else doc.get("hostname")
    return [
        make_document(
            source,
            options,
            text,
            importer=f"html (trafilatura {trafilatura.__version__})",
            title=title,
            date=parse_date(doc.get("date")),  # type: ignore[arg-type]
            author=doc.get("author") or None,
            outlet=outlet or None,
            source_url=doc.get("url") or None,
            language_hint=lang.group(1).decode("ascii") if lang else None,
            attributes=attributes,
            original=source.data,
            original_media_type="text/html",
            notes=notes,
        )
    ]
