"""Plain text (``.txt``): any encoding, any line endings."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from charset_normalizer import from_bytes

from app.core.importers.base import ImportedDocument, ImportFailure, ImportOptions, Source
from app.core.importers.common import first_line, make_document
from app.core.importers.webtext import analyse_webtext
from app.core.text import normalize_newlines

__all__ = ["decode_text", "mostly_utf8", "parse_plaintext"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Code pages in rough order of how often news text arrives in them.
_PREFERENCE = {
    name: rank
    for rank, name in enumerate(
        "utf_8 cp1252 latin_1 iso8859_15 cp1251 cp1250 cp1254 iso8859_9 cp1253 cp1257 koi8_r koi8_u "
        "cp1256 cp1255 iso8859_2 iso8859_5 mac_roman cp932 shift_jis euc_jp gb18030 gb2312 big5 cp949 euc_kr".split()
    )
}


# Control characters other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def decode_text(data: bytes, notes: list[str] | None = None) -> tuple[str, str]:
    """Decode bytes of unknown encoding; return ``(text, encoding)``.

    A byte-order mark decides first, then strict UTF-8, then UTF-8 with
    replacement characters when most of the non-ASCII bytes are valid UTF-8 (a
    UTF-8 file with a few broken bytes must not become mojibake), then
    charset-normalizer. Bytes that look binary (NUL bytes without a UTF-16/32
    BOM, or text that is mostly control characters) are refused.

    The text is immutable once imported, so anything short of a certain decoding
    is said: every replacement and every guessed code page is appended to
    ``notes`` (shown in the import report) when a list is given.
    """
    text, encoding = _decode(data, notes if notes is not None else [])
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    if sample and controls > 0.1 * len(sample):
        raise ImportFailure("binary data, not text")
    return text, encoding


def mostly_utf8(data: bytes, notes: list[str]) -> str | None:
    """The text as UTF-8 with U+FFFD for invalid bytes, when valid UTF-8 outweighs them; else None."""
    text = data.decode("utf-8", errors="replace")
    already = data.count("\ufffd".encode())  # replacement characters the file itself holds
    replaced = text.count("\ufffd") - already
    valid = sum(1 for ch in text if ord(ch) > 127) - replaced - already
    if valid <= 0 or replaced > valid:
        return None
    first = _first_invalid(data)
    notes.append(
        f"not valid UTF-8 throughout: {replaced} invalid byte sequence(s) replaced with \ufffd "
        f"(first at byte {first}); the rest read as UTF-8"
    )
    return text


def _first_invalid(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return -1


def _decode(data: bytes, notes: list[str]) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportFailure(f"starts with a {encoding} byte-order mark but is not valid {encoding}") from exc
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is not None:
            return guess
        raise ImportFailure("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = mostly_utf8(data, notes)
    if text is not None:
        return text, "utf-8"
    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        raise ImportFailure("not UTF-8 and no encoding fits")
    # Several code pages often fit about equally well (German umlauts read the
    # same in cp1250 and cp1252 but not in the Baltic cp775 that may score a hair
    # better). Among the candidates about as clean and as coherent as the best,
    # take the one native to the text's language, else the most widely used;
    # guesses that read like noise are skipped. On the corpus re-encoded in six
    # legacy code pages (298 samples, many only 60-120 characters long) this
    # mis-decodes 20, against 50 of 151 for charset-normalizer's best() alone.
    close = [
        m for m in results
        if m.encoding and m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.1
    ]
    # The language the text reads as names its usual code page (Turkish: cp1254).
    native = {enc for m in close for enc in _NATIVE.get(m.language, ())}
    ranked = sorted(close, key=lambda m: (m.encoding not in native, _PREFERENCE.get(m.encoding, len(_PREFERENCE))))
    ranked += [m for m in results if m.encoding and m not in close]
    for match in ranked:
        text = str(match)
        if _plausible(text):
            notes.append(f"not UTF-8: read as {match.encoding} (a guess from the bytes; check the accents)")
            return text, match.encoding
    raise ImportFailure("not UTF-8 and no encoding fits")


_NATIVE: dict[str, tuple[str, ...]] = {
    "Turkish": ("cp1254", "iso8859_9"),
    "Russian": ("cp1251", "koi8_r"),
    "Ukrainian": ("cp1251", "koi8_u"),
    "Bulgarian": ("cp1251",),
    "Kazakh": ("cp1251",),
    "Polish": ("cp1250", "iso8859_2"),
    "Czech": ("cp1250", "iso8859_2"),
    "Slovak": ("cp1250", "iso8859_2"),
    "Hungarian": ("cp1250", "iso8859_2"),
    "Croatian": ("cp1250", "iso8859_2"),
    "Romanian": ("cp1250", "iso8859_16"),
    "Greek": ("cp1253", "iso8859_7"),
    "Hebrew": ("cp1255", "iso8859_8"),
    "Arabic": ("cp1256", "iso8859_6"),
    "Lithuanian": ("cp1257", "iso8859_13"),
    "Latvian": ("cp1257", "iso8859_13"),
    "Estonian": ("cp1257", "iso8859_13"),
}
_COMMON_MARKS = set("“”‘’„‚«»‹›–—…•·°§€£¥№©®™\u00a0\u00ad")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def _plausible(text: str) -> bool:
    """Does a legacy-encoding guess read like text rather than decoded noise?

    charset-normalizer finds *some* code page for almost any bytes. Real text
    has few non-ASCII symbols (besides quotes and dashes) and its non-ASCII
    letters come mostly from one script; decoded noise has many symbols or a
    mix of scripts (Hangul and Han ideographs in equal parts, say).
    """
    sample = text[:20000]
    extra = [ch for ch in sample if ord(ch) > 127]
    if not extra:
        return True
    symbols = sum(1 for ch in extra if not ch.isalpha() and ch not in _COMMON_MARKS and not unicodedata.category(ch).startswith("M"))
    if symbols > 0.2 * len(extra):
        return False
    scripts = Counter(_script(ch) for ch in extra if ch.isalpha())
    if not scripts:
        return True
    main = scripts.most_common(1)[0][1]
    return main >= 0.7 * sum(scripts.values())


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM has NULs in every other byte for Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if nuls > 0.4 * half:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def parse_plaintext(source: Source, options: ImportOptions) -> list[ImportedDocument]:
    """A ``.txt`` file: decoded, newlines normalised, otherwise exactly as saved.

    Web text saved as plain text has its metadata read (headline, dateline,
    source URL, categories) and, when ``options.mark_boilerplate``, its trailing
    "Recent Posts" marked as excluded; the text is never altered.
    """
    notes: list[str] = []
    text, encoding = decode_text(source.data, notes)
    text = normalize_newlines(text)
    if not text.strip():
        raise ImportFailure("empty after extraction")
    info = analyse_webtext(text)
    attributes = {"encoding": encoding}
    if info.place:
        attributes["place"] = info.place
    if info.categories:
        attributes["categories"] = "; ".join(info.categories)
    return [
        make_document(
            source,
            options,
            text,
            importer=f"plaintext ({encoding})",
            title=(info.title if info.categories else None) or first_line(text),
            date=info.date,
            source_url=info.source_url,
            attributes=attributes,
            excluded_spans=info.excluded if options.mark_boilerplate else [],
            notes=notes,
        )
    ]
