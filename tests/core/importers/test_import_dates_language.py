"""Dates as sources write them, never guessed; language of short, long and mixed text."""

from __future__ import annotations

from datetime import date

import pytest
from importfixtures import CORPUS, needs_corpus

from app.core.importers.dates import find_date, parse_date, to_date
from app.core.importers.language import detect_language, language_shares


@pytest.mark.parametrize(
    "text",
    [
        "2022-04-26",
        "2022-04-26T10:15:00+02:00",
        "2022/04/26",
        "20220426",
        "26.04.2022",
        "26. 04. 2022",
        "April 26, 2022",
        "Apr. 26, 2022",
        "Tuesday, April 26, 2022",
        "April 26th, 2022, 12:00",
        "26 April 2022",
        "26. April 2022",
        "26 avril 2022",
        "26 апреля 2022 г.",
        "26 Nisan 2022",
        "26 сәуір 2022",
        "Tue, 26 Apr 2022 10:00:00 +0000",
        "26/04/2022",
        "04/26/2022",
    ],
)
def test_unambiguous_forms_give_the_same_date(text):
    parsed = parse_date(text)
    assert parsed is not None and parsed.value == date(2022, 4, 26) and not parsed.ambiguous


@pytest.mark.parametrize("text", ["03/04/2022", "3-4-2022", "11/12/2021 10:00"])
def test_day_month_ambiguity_is_flagged_not_guessed(text):
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value is None and parsed.ambiguous and parsed.text == text


def test_impossible_date_is_kept_as_text():
    parsed = parse_date("31.02.2022")
    assert parsed is not None and parsed.value is None and parsed.ambiguous


@pytest.mark.parametrize("text", [None, "", "yesterday", "March 1, 1999, became a special date", "Go back"])
def test_non_dates_are_not_dates(text):
    assert parse_date(text) is None


def test_same_day_and_month_is_not_ambiguous():
    assert parse_date("05/05/2020").value == date(2020, 5, 5)


def test_find_date_locates_a_date_in_running_text():
    text = "NUR-SULTAN, 26 April 2022 — The Head of State said"
    parsed, start, end = find_date(text)
    assert parsed.value == date(2022, 4, 26) and text[start:end] == "26 April 2022"


def test_to_date_accepts_spreadsheet_values():
    from datetime import datetime

    assert to_date(datetime(2021, 11, 10, 9, 30)).value == date(2021, 11, 10)
    assert to_date(date(2021, 11, 10)).value == date(2021, 11, 10)
    assert to_date(None) is None


@needs_corpus
@pytest.mark.parametrize(
    "name, expected",
    [
        ("multi/1923-02-17_ataturk_izmir-iktisat-kongresi-konusmasi_tr.txt", "tr"),
        ("multi/2003-03-31_bundespraesident_rau-rede-foederalismuskonvent_de.txt", "de"),
        ("multi/2019-09-11_sauvonsluniversite_decisions-ag-education-idf_fr.txt", "fr"),
        ("multi/ud-pud_news-excerpts_ru.txt", "ru"),
        ("multi/ud-ktb_akorda-sentences_kk.txt", "kk"),
        ("en/1961-01-20_kennedy_inaugural.txt", "en"),
    ],
)
def test_corpus_languages(name, expected):
    assert detect_language((CORPUS / name).read_text(encoding="utf-8")) == expected


@needs_corpus
def test_bilingual_notice_reports_both_languages():
    text = (CORPUS / "multi" / "2019-04-16_kazakhstan-embassy_election-announcement_kk-ru.txt").read_text()
    shares = language_shares(text)
    assert set(list(shares)[:2]) == {"kk", "ru"}
    assert min(shares["kk"], shares["ru"]) > 0.3


def test_short_sentences_are_detected_and_too_short_text_is_none():
    assert detect_language("Спасибо большое, дорогие друзья!") == "ru"
    assert detect_language("Vielen Dank für die Einladung nach Berlin.") == "de"
    assert detect_language("OK") is None
    assert detect_language("12.05.2021 — 14:00") is None


def test_long_paragraph_outweighs_short_lines_in_another_language():
    english = "The President stressed that the party provides full support to the reforms of the state. " * 3
    text = f"Son dakika\n\nGeri dön\n\n{english}\n\nPaylaş\n\nYorum yap"
    assert detect_language(text) == "en"
