"""Web pages that were saved as plain text: read their metadata, mark their boilerplate.

News aggregators and "save as text" leave a recognisable shape (see
``shared/corpus/seed/``)::

    Categories: SİYASET
    <headline>
    Nur-Sultan, Kazakhstan          <- dateline place
    April 26, 2022                  <- dateline date
    <article>
    kaynak:https://www.akorda.kz/...  <- source line ("source:", "источник:", ...)
    Recent Posts                    <- unrelated posts, often in other languages
    ...

:func:`analyse_webtext` reads headline, date, place, source URL and categories
from such lines and returns the non-article parts (the categories line, and
everything from the source/"Go back" lines through the trailing "Recent Posts")
as :class:`ExcludedSpan` ranges. The text itself is never changed, so no offset
moves; the spans only tell views and statistics what to leave out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.importers.base import ExcludedSpan
from app.core.importers.dates import ParsedDate, find_date, parse_date

__all__ = ["WebTextInfo", "analyse_webtext"]

_CATEGORIES = re.compile(
    r"^\s*(?:categories|category|tags|kategoriler|kategori|etiketler|kategorien|kategorie|schlagwörter|"
    r"catégories|catégorie|rubriques|категории|категория|рубрики|рубрика|теги|санаттар|санат)\s*:\s*(?P<value>.+?)\s*$",
    re.I,
)
_SOURCE = re.compile(
    r"^\s*(?:source|sources|kaynak|kaynakça|источник|джерело|quelle|fuente|fonte|дереккөз|derekkoz)\s*:\s*"
    r"(?P<url>https?://\S+)\s*$",
    re.I,
)
_RECENT = re.compile(
    r"^\s*(?:recent posts|recent articles|recent news|related posts|related articles|related news|latest news|"
    r"latest posts|more news|more stories|popular posts|you may also like|read also|"
    r"son yazılar|son haberler|son eklenenler|ilgili yazılar|ilgili haberler|benzer haberler|"
    r"последние записи|последние новости|свежие записи|похожие записи|похожие новости|читайте также|"
    r"ähnliche beiträge|neueste beiträge|aktuelle beiträge|weitere meldungen|das könnte sie auch interessieren|"
    r"articles récents|derniers articles|articles similaires|à lire aussi|"
    r"соңғы жазбалар|соңғы жаңалықтар|ұқсас жаңалықтар)\s*:?\s*$",
    re.I,
)
_NAVIGATION = re.compile(
    r"^\s*(?:(?:go back|back|geri dön|geri|назад|вернуться|zurück|retour|share|paylaş|поделиться|print|yazdır)\s*)+$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]\s*$")
# The header (categories, headline, dateline) ends at the first long paragraph.
_BODY_LINE = 200
_HEADER_LINES = 20


@dataclass
class WebTextInfo:
    """Metadata read from a web text, and the spans that are not the article."""

    title: str | None = None
    date: ParsedDate | None = None
    place: str | None = None
    source_url: str | None = None
    categories: list[str] = field(default_factory=list)
    excluded: list[ExcludedSpan] = field(default_factory=list)

    @property
    def found_anything(self) -> bool:
        return bool(self.date or self.place or self.source_url or self.categories or self.excluded)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # end of the content, before the newline
    content: str

    @property
    def blank(self) -> bool:
        return not self.content.strip()

    @property
    def stripped(self) -> str:
        return self.content.strip()


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def analyse_webtext(text: str) -> WebTextInfo:
    """Read web-page metadata from ``text`` (already newline-normalised) and mark boilerplate."""
    lines = _lines(text)
    info = WebTextInfo()
    _read_header(lines, info)
    for line in lines:
        m = _SOURCE.match(line.content)
        if m:
            info.source_url = m.group("url").rstrip(".,;)")
            break
    trailing = _trailing_boilerplate(lines)
    if trailing is not None:
        info.excluded.append(ExcludedSpan(trailing, len(text), "boilerplate"))
    return info


def _read_header(lines: list[_Line], info: WebTextInfo) -> None:
    seen = 0
    for line in lines:
        if line.blank:
            continue
        s = line.stripped
        if len(s) > _BODY_LINE or seen >= _HEADER_LINES:
            if info.date is None:
                _dateline_in_paragraph(s, info)
            return
        seen += 1
        m = _CATEGORIES.match(line.content)
        if m and not info.categories:
            info.categories = [c.strip() for c in re.split(r"[,;|]", m.group("value")) if c.strip()]
            info.excluded.append(ExcludedSpan(line.start, line.end, "boilerplate"))
            continue
        parsed = parse_date(s)
        if parsed is not None:
            if info.date is None:
                info.date = parsed
            continue
        if info.place is None and _looks_like_place(s):
            info.place = _place_and_date(s, info)
            continue
        if info.title is None and len(s.split()) >= 3 and not s.endswith(":"):
            info.title = s


_PLACE_PART = r"[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,3}"
_PLACE = re.compile(rf"^(?P<place>{_PLACE_PART}, {_PLACE_PART})(?:,? (?P<rest>.+))?$")


def _looks_like_place(s: str) -> bool:
    """"Nur-Sultan, Kazakhstan" or "Berlin, 10.11.2021": capitalised words around a comma."""
    m = _PLACE.match(s)
    if not m or len(s) > 80 or _SENTENCE_END.search(s):
        return False
    words = m.group("place").replace(",", " ").split()
    if not all(w[0].isupper() for w in words):
        return False
    rest = m.group("rest")
    return rest is None or parse_date(rest) is not None


def _place_and_date(s: str, info: WebTextInfo) -> str:
    m = _PLACE.match(s)
    assert m is not None
    rest = m.group("rest")
    if rest is not None and info.date is None:
        info.date = parse_date(rest)
    return m.group("place")


_DATELINE_DASH = re.compile(r"\s[-–—]\s|\s?—\s?|\(\w+\)\s[-–—]")


def _dateline_in_paragraph(paragraph: str, info: WebTextInfo) -> None:
    """A classic dateline opening the first paragraph: "BERLIN, 10 November 2021 — ..."."""
    dash = _DATELINE_DASH.search(paragraph[:100])
    if not dash:
        return
    prefix = paragraph[: dash.start()]
    found = find_date(prefix)
    if found is None:
        return
    parsed, start, _end = found
    info.date = parsed
    place = prefix[:start].strip(" ,")
    if place and len(place) <= 40 and place[0].isupper() and not _SENTENCE_END.search(place):
        info.place = info.place or place


def _trailing_boilerplate(lines: list[_Line]) -> int | None:
    """Offset where trailing boilerplate starts, or None when there is none.

    It starts at a "Recent Posts"-style heading that comes after the article
    body, pulled back over the source line, navigation lines ("Go back") and
    single-word leftovers (a logo's alt text) directly above it.
    """
    body_seen = False
    heading = None
    for i, line in enumerate(lines):
        if len(line.stripped) > _BODY_LINE // 2:
            body_seen = True
        elif body_seen and _RECENT.match(line.content):
            heading = i
            break
    if heading is None:
        return None
    start = heading
    for k in range(heading - 1, -1, -1):
        s = lines[k].stripped
        if not s:
            continue
        if _SOURCE.match(s) or _NAVIGATION.match(s) or _is_leftover(s):
            start = k
            continue
        break
    return lines[start].start


def _is_leftover(s: str) -> bool:
    """A stray word or two with no sentence punctuation ("zline"), not an article line."""
    return len(s) <= 30 and len(s.split()) <= 2 and not _SENTENCE_END.search(s)
