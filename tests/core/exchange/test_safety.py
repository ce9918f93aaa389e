from app.core.exchange.safety import MAX_CELL_CHARS, SafetyReport, csv_text, is_formula_like, safe_text, sheet_name


def test_forbidden_xml_characters_are_removed_and_counted():
    report = SafetyReport()
    assert safe_text("a\x00b\x07c\x1fd\ttab\nline\ufffe", report, "A1") == "abcd\ttab\nline"
    assert report.removed_characters == 4
    assert report.cells_with_removed_characters == 1
    assert "Removed 4 control character(s)" in report.lines()[0]


def test_long_text_is_cut_to_the_excel_limit_with_a_visible_marker():
    report = SafetyReport()
    out = safe_text("x" * 40_000, report, "Segments!K2")
    assert len(out) == MAX_CELL_CHARS
    assert out.endswith("[… cut: 40,000 characters in the original]")
    assert report.truncated_cells == ["Segments!K2"]


def test_limit_counts_utf16_units_for_emoji():
    report = SafetyReport()
    out = safe_text("😀" * 20_000, report, "A1")  # 40,000 UTF-16 units
    assert len(out.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert report.truncated_cells


def test_short_text_passes_unchanged():
    report = SafetyReport()
    assert safe_text("Grüße 😀", report, "A1") == "Grüße 😀"
    assert report.lines() == []


def test_formula_detection_and_csv_guard():
    for text in ("=1+1", "+1", "-2", "@SUM(A1)", "\t=1"):
        assert is_formula_like(text)
    assert not is_formula_like("a=1")
    report = SafetyReport()
    assert csv_text("=HYPERLINK(\"x\")", report, "r1") == "'=HYPERLINK(\"x\")"
    assert csv_text("=1", report, "r1", guard_formulas=False) == "=1"
    assert report.formula_like_cells == 2


def test_sheet_names_are_short_clean_and_unique():
    taken: set[str] = set()
    report = SafetyReport()
    a = sheet_name("Codes: [what]/why?*\\ and a very long tail here", taken, report)
    assert len(a) <= 31 and not set(a) & set("[]:*?/\\")
    b = sheet_name("Codes: [what]/why?*\\ and a very long tail here", taken, report)
    assert b != a and len(b) <= 31
    assert sheet_name("'quoted'", taken) == "quoted"
    assert sheet_name("History", taken) != "History"
    assert report.renamed_sheets
