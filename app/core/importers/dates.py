"""Reading publication dates the way sources write them, without guessing.

``parse_date("April 26, 2022")`` and ``parse_date("26.04.2022")`` give the same
``date(2022, 4, 26)``. A date whose day and month could be swapped
("03/04/2022") is returned with ``ambiguous=True`` and no date: a researcher
filtering by month must not get a silently wrong one.

Why not ``dateutil.parser``: it knows English month names only (the corpus writes
"26 апреля 2022", "26 сәуір 2022", "26 Nisan 2022"), and it resolves "03/04/2022" by a
``dayfirst`` switch instead of saying it cannot tell, which is exactly the silent guess
this module exists to refuse. So the project keeps this small parser and does not
depend on python-dateutil.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["ParsedDate", "parse_date", "find_date", "to_date", "MONTHS"]


@dataclass(frozen=True)
class ParsedDate:
    """A date as read from text: ``value`` when certain, else ``ambiguous`` and the text."""

    text: str
    value: date | None
    ambiguous: bool = False


# Month names (full, genitive and common abbreviations) in the languages of the corpus.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "ocak", "январь", "января", "янв", "қаңтар", "enero", "gennaio"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "subat", "şubat", "февраль", "февраля", "фев", "ақпан", "febrero", "febbraio"),
    3: ("march", "mar", "märz", "maerz", "mars", "mart", "март", "марта", "мар", "наурыз", "marzo"),
    4: ("april", "apr", "avril", "avr", "nisan", "апрель", "апреля", "апр", "сәуір", "abril", "aprile"),
    5: ("may", "mai", "mayıs", "mayis", "май", "мая", "мамыр", "mayo", "maggio"),
    6: ("june", "jun", "juni", "juin", "haziran", "июнь", "июня", "июн", "маусым", "junio", "giugno"),
    7: ("july", "jul", "juli", "juillet", "juil", "temmuz", "июль", "июля", "июл", "шілде", "julio", "luglio"),
    8: ("august", "aug", "août", "aout", "ağustos", "agustos", "август", "августа", "авг", "тамыз", "agosto"),
    9: ("september", "sep", "sept", "septembre", "eylül", "eylul", "сентябрь", "сентября", "сен", "қыркүйек", "septiembre", "settembre"),
    10: ("october", "oct", "oktober", "okt", "octobre", "ekim", "октябрь", "октября", "қазан", "octubre", "ottobre"),
    11: ("november", "nov", "novembre", "kasım", "kasim", "ноябрь", "ноября", "ноя", "қараша", "noviembre"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "aralık", "aralik", "декабрь", "декабря", "дек", "желтоқсан", "diciembre", "dicembre"),
}
MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names}

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = r"(?:[^\W\d_]+,?\s+)?"
_YEAR = r"(\d{4})"
# What may follow the year in a field that holds only a date: a time, a zone, "г." / "yılı".
_TAIL = r"(?:\s*(?:г\.?|года|yılı|year))?(?:[,\sT]+(?:at\s+|um\s+|à\s+)?\d{1,2}[:.h]\d{2}\b.*)?$"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 2022-04-26, 2022-04-26T10:00:00Z, 2022/04/26, 2022.04.26
    (re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TAIL), "ymd"),
    # 20220426
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd_compact"),
    # 26.04.2022 (the dotted form is day-first wherever it is used)
    (re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?" + _YEAR + _TAIL), "dmy"),
    # 03/04/2022, 3-4-2022: ambiguous unless one part exceeds 12
    (re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-]" + _YEAR + _TAIL), "slashed"),
    # April 26, 2022 / Tuesday, April 26, 2022 / Apr. 26 2022
    (re.compile(r"^" + _WEEKDAY + r"(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TAIL, re.I), "mdy_name"),
    # 26 April 2022 / 26. April 2022 / 26 апреля 2022 г. / RFC 2822: Tue, 26 Apr 2022 10:00:00 +0000
    (re.compile(r"^" + _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(" + _MONTH_RE + r")\.?,?\s+" + _YEAR + _TAIL, re.I), "dmy_name"),
]


def parse_date(text: str | None) -> ParsedDate | None:
    """Read one date written on its own (a metadata field, a dateline line).

    Returns None when ``text`` holds no date at all; a ParsedDate with
    ``value=None, ambiguous=True`` when it holds a date that cannot be read for
    certain (day and month both 12 or less in a slashed form, or an impossible
    date such as 31.02.2022).
    """
    if text is None:
        return None
    raw = text.strip()
    if not raw:
        return None
    cleaned = re.sub(r"\s+", " ", raw)
    for pattern, kind in _PATTERNS:
        m = pattern.match(cleaned)
        if m:
            return _from_match(raw, kind, m.groups())
    return None


def _from_match(raw: str, kind: str, groups: tuple[str, ...]) -> ParsedDate:
    if kind == "ymd":
        y, mo, d = int(groups[0]), int(groups[2]), int(groups[3])
    elif kind == "ymd_compact":
        y, mo, d = int(groups[0]), int(groups[1]), int(groups[2])
    elif kind == "dmy":
        d, mo, y = int(groups[0]), int(groups[1]), int(groups[2])
    elif kind == "slashed":
        a, b, y = int(groups[0]), int(groups[1]), int(groups[2])
        if a > 12 and b <= 12:
            d, mo = a, b
        elif b > 12 and a <= 12:
            mo, d = a, b
        elif a == b:
            d = mo = a
        else:
            return ParsedDate(raw, None, ambiguous=True)
    elif kind == "mdy_name":
        mo, d, y = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
    else:  # dmy_name
        d, mo, y = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
    return _build(raw, y, mo, d)


def _build(raw: str, y: int, mo: int, d: int) -> ParsedDate:
    try:
        return ParsedDate(raw, date(y, mo, d))
    except ValueError:
        # Looks like a date but is not a real one (31.02.2022): keep the text, flag it.
        return ParsedDate(raw, None, ambiguous=True)


# Dates inside running text (datelines such as "Nur-Sultan, April 26 2022 —").
_SEARCH_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"),
    re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"),
    re.compile(r"\b(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I),
    re.compile(r"(?<![\w.])(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(" + _MONTH_RE + r")\.?,?\s+(\d{4})\b", re.I),
]


def find_date(text: str) -> tuple[ParsedDate, int, int] | None:
    """Find the first unambiguous-format date inside running text.

    Returns the parsed date and its ``[start, end)`` in ``text``. Only forms
    that cannot be misread (ISO, dotted day-first, month names) are searched
    for; slashed numbers are left alone inside prose.
    """
    best: tuple[ParsedDate, int, int] | None = None
    for pattern in _SEARCH_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1]):
            parsed = parse_date(m.group(0))
            if parsed is not None and parsed.value is not None:
                best = (parsed, m.start(), m.end())
    return best


def to_date(value: object) -> ParsedDate | None:
    """A date from a table cell or JSON value: ``date``/``datetime`` objects or text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.isoformat(), value.date())
    if isinstance(value, date):
        return ParsedDate(value.isoformat(), value)
    return parse_date(str(value))
