"""Turning what a caller types into FTS5 and LIKE conditions."""

from __future__ import annotations

from models.accounts.search import Search, fts_string, like_pattern, parse_terms


def test_terms_are_normalised_like_the_search_key():
    # hiragana → katakana, half-width kana and full-width digits → NFKC, case folded
    assert parse_terms("やまだ　ｹﾝｾﾂ ＡＢＣ１２３") == (("ヤマダ",), ("ケンセツ",), ("abc123",))


def test_empty_and_blank_queries_have_no_terms():
    assert parse_terms("") == ()
    assert parse_terms(None) == ()
    assert parse_terms(" \u3000 ") == ()
    assert not Search.parse("  ")


def test_repeated_terms_count_once():
    assert parse_terms("東京 東京") == (("東京",),)


def test_a_phone_number_is_also_tried_as_digits_and_as_e164():
    assert parse_terms("03-1234-5678") == (("03-1234-5678", "0312345678", "+81312345678"),)
    assert parse_terms("0312345678") == (("0312345678", "+81312345678"),)
    assert parse_terms("（０３）１２３４") == (("(03)1234", "031234", "+8131234"),)
    assert parse_terms("1234") == (("1234",),)


def test_long_terms_go_to_fts_and_short_ones_to_like():
    search = Search.parse("札幌市 北 03")
    assert search.fts_terms == (("札幌市",),)
    # "03" is short itself, so its group is checked with LIKE even though "+813" is long enough
    assert search.like_terms == (("北",), ("03", "+813"))
    assert search.fts_query == '"札幌市"'


def test_fts_query_quotes_every_term_and_joins_alternatives():
    search = Search.parse('a"b"c 0312345678')
    assert search.fts_query == '"a""b""c" AND ("0312345678" OR "+81312345678")'


def test_fts_operators_typed_by_the_caller_are_plain_text():
    for text in ("AND", "OR", "NOT", "NEAR(", "a*", "col:abc", "^abc", "(abc)", "abc -def"):
        query = Search.parse(text).fts_query
        assert query is None or all(part.startswith('"') for part in query.split(" AND "))


def test_fts_string_doubles_quotes():
    assert fts_string('say "hi"') == '"say ""hi"""'


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"


def test_like_conditions_check_the_short_terms():
    search = Search.parse("札幌市 北")
    conditions, params = search.like_conditions("k")
    assert conditions == ["(k LIKE ? ESCAPE '\\')"]
    assert params == ["%北%"]


def test_substring_conditions_check_every_term_literally():
    conditions, params = Search.parse("札幌市 5%_ 0312345678").substring_conditions("k")
    assert conditions == ["(instr(k, ?) > 0)", "(instr(k, ?) > 0)", "(instr(k, ?) > 0 OR instr(k, ?) > 0)"]
    assert params == ["札幌市", "5%_", "0312345678", "+81312345678"]
