"""Guessing which column holds which field, and saved mappings."""

from __future__ import annotations

import pytest

from models.importing.mapping import (
    FIELD_LABELS,
    FIELDS,
    find_mapping,
    guess_mapping,
    header_field,
    load_mappings,
    parse_columns,
    save_mapping,
)
from models.importing.tabular import SourceTable, read_table
from models.store.errors import ValidationError


def table(rows, header=None):
    width = max(len(row) for row in [*rows, header or []])
    return SourceTable(
        path="t.csv", encoding="utf-8", has_header=header is not None,
        header=header or [f"列{n}" for n in range(1, width + 1)], rows=rows, first_line_number=1,
    )


def test_every_field_has_a_japanese_label():
    assert set(FIELD_LABELS) == set(FIELDS)


@pytest.mark.parametrize(("header", "field"), [
    ("会社名", "name"), ("企業名", "name"), ("商号", "name"), ("法人名", "name"), ("Company Name", "name"),
    ("フリガナ", "name_kana"), ("会社名（カナ）", "name_kana"), ("ふりがな", "name_kana"),
    ("TEL", "phone"), ("電話番号", "phone"), ("代表電話番号", "phone"), ("Phone", "phone"),
    ("住所", "address"), ("所在地", "address"), ("住所1", "address"), ("住所２", "address"),
    ("市区町村", "address"), ("番地", "address"), ("都道府県", "prefecture"), ("〒", "postal_code"),
    ("郵便番号", "postal_code"), ("ZIP", "postal_code"), ("法人番号", "corporate_number"),
    ("業種", "industry"), ("従業員数", "employees"), ("決算月", "fiscal_year_end_month"),
    ("決算期", "fiscal_year_end_month"), ("URL", "website"), ("ホームページ", "website"),
    ("HP", "website"), ("担当者", "contact_name"), ("担当者名", "contact_name"),
    ("担当者カナ", "contact_kana"), ("部署", "contact_department"), ("役職", "contact_title"),
    ("メール", "contact_email"), ("E-mail", "contact_email"), ("メールアドレス", "contact_email"),
    ("担当者 電話番号", "contact_phone"), ("備考", "notes"), ("メモ", "notes"), ("ｶﾅ", "name_kana"),
    ("謎の列", None), ("", None),
])
def test_header_words(header, field):
    assert header_field(header) == field


def test_guess_from_japanese_headers():
    header = ["No.", "企業名", "フリガナ", "TEL", "FAX番号", "都道府県", "住所1", "住所2", "担当者", "メール"]
    guessed = guess_mapping(table([["1", "A社", "エーシャ", "03-1111-2222", "", "東京都", "港区", "1-1",
                                    "山田", "a@example.jp"]], header))
    assert guessed == [None, "name", "name_kana", "phone", None, "prefecture", "address", "address",
                       "contact_name", "contact_email"]


def test_guess_from_english_headers():
    header = ["Company", "Phone", "Address", "Zip", "Employees", "Website", "Notes"]
    row = ["Acme", "03-1111-2222", "Tokyo", "100-0001", "10", "acme.jp", ""]
    guessed = guess_mapping(table([row], header))
    assert guessed == ["name", "phone", "address", "postal_code", "employees", "website", "notes"]


def test_a_second_phone_column_is_not_taken_twice():
    header = ["会社名", "電話番号", "電話番号2"]
    guessed = guess_mapping(table([["A", "03-1111-2222", "03-1111-2223"]], header))
    assert guessed == ["name", "phone", None]


def test_unknown_name_header_falls_back_to_values():
    rows = [[f"株式会社テスト{n}", f"03-1111-{2000 + n}"] for n in range(10)]
    assert guess_mapping(table(rows, ["得意先", "TEL"])) == ["name", "phone"]


def test_the_real_sample_is_guessed_from_its_values(post_office_csv):
    guessed = guess_mapping(read_table(post_office_csv))
    assert guessed == [None, "name_kana", "name", "prefecture", "address", "address", "address",
                       "postal_code", None, None, None, None, None]


def test_headerless_values_in_another_order():
    rows = []
    for n in range(30):
        rows.append([
            f"06-{6000 + n:04d}-{1000 + n:04d}", f"カブシキガイシャ テスト{n}", "12",
            f"株式会社テスト商事{n}",
            f"530-{n:04d}", f"大阪府大阪市北区梅田{n}丁目1-{n}", f"https://test{n}.co.jp",
            f"info{n}@test.co.jp", "5000012010024",
        ])
    guessed = guess_mapping(table(rows))
    assert guessed == ["phone", "name_kana", None, "name", "postal_code", "address", "website",
                       "contact_email", "corporate_number"]


def test_headerless_address_parts_after_a_city_column():
    rows = [[f"有限会社サンプル{n}", "札幌市中央区", f"北{n}条西", f"{n}丁目{n}番地", "0"]
            for n in range(1, 20)]
    assert guess_mapping(table(rows)) == ["name", "address", "address", "address", None]


def test_parse_columns():
    assert parse_columns("name,-,address,address", width=5) == ["name", None, "address", "address", None]
    assert parse_columns(["name", None, "phone"]) == ["name", None, "phone"]
    with pytest.raises(ValidationError, match="nmae"):
        parse_columns("nmae,phone")
    with pytest.raises(ValidationError, match="2 列"):
        parse_columns("name,phone,address", width=2)
    assert parse_columns("name,phone,-,-", width=2) == ["name", "phone"]


def test_saved_mappings_round_trip_and_are_found_for_a_file(fresh_db):
    header_table = table([["A", "1"]], ["得意先名", "電話"])
    save_mapping(fresh_db, "得意先一覧", ["name", "phone"], header=header_table.header)
    save_mapping(fresh_db, "郵便局", [None, "name_kana", "name"])
    save_mapping(fresh_db, "郵便局", [None, "name_kana", "name", "prefecture"])  # replaces
    assert load_mappings(fresh_db) == {"郵便局": [None, "name_kana", "name", "prefecture"],
                                       "得意先一覧": ["name", "phone"]}
    found = find_mapping(fresh_db, table([["A", "1"]], ["得意先名 ", "電話"]))
    assert found == ("得意先一覧", ["name", "phone"])
    assert find_mapping(fresh_db, table([["a", "b", "c", "d"]])) == ("郵便局", [None, "name_kana", "name",
                                                                              "prefecture"])
    assert find_mapping(fresh_db, table([["a", "b", "c"]])) is None
    with pytest.raises(ValidationError):
        save_mapping(fresh_db, "  ", ["name"])
    with pytest.raises(ValidationError):
        save_mapping(fresh_db, "bad", ["company"])
