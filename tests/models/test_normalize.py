"""Keys for comparing: NFKC, kana, legal forms, phones, 法人番号, postal codes, prefectures."""

from __future__ import annotations

import pytest

from models import normalize as n


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ", "カブシキガイシャ テスト"),
        ("かぶしきがいしゃ　てすと", "カブシキガイシャ テスト"),
        ("  ヤマダ  タロウ ", "ヤマダ タロウ"),
        ("", None),
        (None, None),
    ],
)
def test_kana_reading_is_full_width_katakana(raw, expected):
    assert n.kana_reading(raw) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "株式会社テスト商事", "（株）テスト商事", "㈱テスト商事", "テスト商事株式会社", "テスト商事 (株)",
        "ﾃｽﾄ商事",
    ],
)
def test_name_key_drops_legal_forms_width_and_spaces(variant):
    expected = "テスト商事"
    assert n.name_key(variant) == expected


def test_name_key_keeps_branches_apart_and_long_vowels():
    assert n.name_key("テスト商事 札幌支社") != n.name_key("テスト商事 大阪支社")
    assert n.name_key("コーヒー商会") != n.name_key("コヒ商会")


def test_address_key_unifies_width_dashes_and_spaces():
    assert n.address_key("東京都千代田区丸の内１－２－３") == n.address_key("東京都 千代田区丸の内1-2-3")
    assert n.address_key("東京都千代田区丸の内1ー2ー3") == n.address_key("東京都千代田区丸の内1-2-3")


@pytest.mark.parametrize(
    ("raw", "formatted", "key"),
    [
        ("0312345678", "03-1234-5678", "+81312345678"),
        ("０３－１２３４－５６７８", "03-1234-5678", "+81312345678"),
        ("(011) 234-5678", "011-234-5678", "+81112345678"),
        ("090 1234 5678", "090-1234-5678", "+819012345678"),
        ("+81 6-1234-5678", "06-1234-5678", "+81612345678"),
        ("0120-123-456", "0120-123-456", "+81120123456"),
    ],
)
def test_phone_numbers_are_parsed_as_japanese(raw, formatted, key):
    assert n.format_phone(raw) == formatted
    assert n.phone_key(raw) == key
    assert n.tel_url(raw) == f"tel:{key}"


@pytest.mark.parametrize("raw", ["内線 12", "不明", "123", ""])
def test_non_phone_text_is_kept_as_given_and_has_no_key(raw):
    assert n.phone_key(raw) is None
    assert n.format_phone(raw) == (raw.strip() or None)


def test_corporate_number_check_digit():
    # 国税庁 publishes 8700110005901 (its own 法人番号) as an example of a valid number.
    assert n.corporate_number_valid("8700110005901")
    assert n.corporate_number_valid("８７００１１０００５９０１")
    assert not n.corporate_number_valid("1700110005901")
    assert not n.corporate_number_valid("870011000590")
    assert not n.corporate_number_valid("87001100059O1")
    assert n.clean_corporate_number("8-7001-1000-5901") == "8700110005901"
    for base in ("000000000000", "999999999999", "123456789012"):
        digit = n.corporate_number_check_digit(base)
        assert 1 <= digit <= 9
        assert n.corporate_number_valid(f"{digit}{base}")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("〒100-0005", "100-0005"), ("１０００００５", "100-0005"), ("1000005", "100-0005"), ("12345", "12345")],
)
def test_postal_code(raw, expected):
    assert n.postal_code(raw) == expected


def test_prefectures():
    assert len(n.PREFECTURES) == 47
    assert n.split_prefecture("大阪府大阪市北区梅田１丁目") == "大阪府"
    assert n.split_prefecture("札幌市中央区") is None
    assert n.normalize_prefecture("東京") == "東京都"
    assert n.normalize_prefecture("京都") == "京都府"
    assert n.normalize_prefecture("北海道") == "北海道"
    assert n.normalize_prefecture("ニューヨーク") == "ニューヨーク"


def test_search_text_matches_across_widths_and_kana():
    assert n.search_text("ﾃｽﾄ") == n.search_text("てすと") == n.search_text("テスト")
    assert n.search_text("ＡＢＣ　１２３") == "abc123"
