"""Selections made in the real reader become code-point offsets whose quote is exactly what was selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import add_document

TEXTS = {
    "emoji": ("Family 👨‍👩‍👧 trip 🇰🇿 and 😀 smiles; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ends.", "😀 smiles"),
    "combining": ("Cafe\u0301 de\u0301ja\u0300 vu, nai\u0308ve re\u0301sume\u0301 here.", "de\u0301ja\u0300 vu"),
    "cyrillic": ("Президент Казахстана выступил с речью о справедливости.", "речью о справедливости"),
    "kazakh": ("Қазақстан Республикасы — әділетті мемлекет. Үкімет өз жұмысын жалғастырады.", "әділетті мемлекет"),
    "turkish": ("İstanbul'da ıslak ılık bir gün; SİYASET ve ışık — İIıi.", "ıslak ılık"),
    "arabic": ("قال الرئيس إن العدالة الاجتماعية أولوية. Then English.", "العدالة الاجتماعية"),
    "astral_then_bmp": ("🙂🙂🙂 before — the quoted words 🙂 after", "the quoted words 🙂"),
}


def _open(window, path, text, title):
    doc = add_document(path, text, title)
    window.view.documents.reload()
    assert window.view.documents.select(doc)
    assert window.view.doc_id == doc
    return doc


def _code_and_check(window, qtbot, doc, needle):
    qtbot.keyClick(window.view.reader, Qt.Key_1)
    segs = window.project.codings.segments(document_id=doc)
    text = window.project.documents.text(doc)
    start = text.index(needle)
    assert [(s.start, s.end, s.text) for s in segs] == [(start, start + len(needle), needle)]
    return segs[0]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_selection_found_by_qt_is_stored_in_code_points(window, qtbot, demo_path, name):
    text, needle = TEXTS[name]
    doc = _open(window, demo_path, text, name)
    cursor = window.view.reader.document().find(needle)
    assert not cursor.isNull()
    window.view.reader.setTextCursor(cursor)
    seg = _code_and_check(window, qtbot, doc, needle)
    # The highlight drawn for it covers exactly the UTF-16 range Qt selected.
    (h,) = window.view.reader.index.items
    selected = (cursor.selectionStart(), cursor.selectionEnd())
    assert (h.s16, h.e16) == selected
    assert (h.start, h.end) == (seg.start, seg.end)
    # Reopened after another document, the stored coding is drawn at the same place.
    window.view.documents.select(1)
    window.view.documents.select(doc)
    (h,) = window.view.reader.index.items
    assert (h.s16, h.e16) == selected


def test_keyboard_selection_over_emoji_and_combining_marks(window, qtbot, demo_path):
    text = "Start: e\u0301t\u00e9 👍🏽 ok — end"
    doc = _open(window, demo_path, text, "keys")
    reader = window.view.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.document().find("e\u0301").selectionStart())
    reader.setTextCursor(cursor)
    # Shift+Right moves by whole characters as the user sees them (grapheme clusters).
    for _ in range(8):  # é (e + U+0301), t, é, space, 👍🏽 (2 code points, 4 UTF-16 units), space, o, k
        qtbot.keyClick(reader, Qt.Key_Right, Qt.ShiftModifier)
    assert reader.selection_cp() is not None
    start, end = reader.selection_cp()
    assert text[start:end] == "e\u0301t\u00e9 👍🏽 ok"
    _code_and_check(window, qtbot, doc, "e\u0301t\u00e9 👍🏽 ok")


def test_crlf_file_imports_with_lf_and_offsets_match(window, qtbot, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("First line\r\nSecond line with quote\r\n\r\nThird — «цитата»\r\n".encode("utf-8"))
    outcomes = window.importer.run([str(path)], report=False)
    assert [o.status for o in outcomes] == ["imported"]
    doc = outcomes[0].document_id
    assert "\r" not in window.project.documents.text(doc)
    assert window.view.documents.select(doc)
    cursor = window.view.reader.document().find("«цитата»")
    window.view.reader.setTextCursor(cursor)
    _code_and_check(window, qtbot, doc, "«цитата»")


def test_very_long_line_selection_near_its_end(window, qtbot, demo_path):
    words = " ".join(f"w{i}" for i in range(40_000))  # one paragraph of ~250,000 characters
    text = "😀" + words + " the needle at the end 😀 done"
    doc = _open(window, demo_path, text, "long line")
    reader = window.view.reader
    cursor = reader.textCursor()
    cursor.movePosition(QTextCursor.End)
    cursor.movePosition(QTextCursor.Left, QTextCursor.MoveAnchor, len(" done"))
    cursor.movePosition(QTextCursor.Left, QTextCursor.KeepAnchor, len("the needle at the end 😀"))
    reader.setTextCursor(cursor)
    _code_and_check(window, qtbot, doc, "the needle at the end 😀")


def test_snap_to_words_setting_widens_the_coding(window, qtbot, demo_path):
    text = "They spoke about constitutional reform yesterday."
    doc = _open(window, demo_path, text, "snap")
    window.actions["snap_words"].setChecked(True)
    cursor = window.view.reader.document().find("stitutional ref")
    window.view.reader.setTextCursor(cursor)
    _code_and_check(window, qtbot, doc, "constitutional reform")
