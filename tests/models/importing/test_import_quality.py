"""An import says which rows were duplicates of which company and why, and what makes rows uncallable."""

from __future__ import annotations

from models.accounts.companies import create_company
from models.accounts.normalize import corporate_number_check_digit
from models.importing.importer import import_file

BASE = "234567890123"
NUMBER = f"{corporate_number_check_digit(BASE)}{BASE}"
WRONG = f"{(corporate_number_check_digit(BASE) + 1) % 10}{BASE}"


def test_duplicates_are_named_with_the_key_they_share(fresh_db, tmp_path):
    known = create_company(fresh_db, {"name": "株式会社みなと精機", "corporate_number": NUMBER})
    path = tmp_path / "list.csv"
    path.write_text(
        "会社名,電話番号,法人番号,住所\n"
        "株式会社あおば,03-1111-2222,,東京都港区芝1-1\n"  # 2: new
        "あおば,03-1111-2222,,\n"  # 3: the phone of line 2 (no address: not another branch)
        f"みなと精機,,{NUMBER},東京都品川区1-1\n"  # 4: the database company's 法人番号, with its address
        "(株)あおば,,,東京都港区芝1-1\n"  # 5: line 2's name and address; no phone
        "株式会社ひかり,03-12,,\n"  # 6: a phone that is not one
        f"株式会社つばさ,06-1234-5678,{WRONG},\n",  # 7: rejected for its 法人番号
        encoding="utf-8")
    result = import_file(fresh_db, path, "一都三県")
    assert (result.created, result.updated, result.duplicates, result.rejected) == (2, 1, 2, 1)
    assert [(m.line, m.company_name, m.reason, m.company_id, m.matched_line, m.outcome)
            for m in result.matches] == [
        (3, "株式会社あおば", "電話番号が同じ", None, 2, "duplicates"),
        (4, "株式会社みなと精機", "法人番号が同じ", known.id, None, "updated"),  # its address filled in
        (5, "株式会社あおば", "会社名と住所が同じ", None, 2, "duplicates")]
    assert (result.no_phone, result.bad_phone, result.bad_corporate_number) == (2, 1, 1)
    assert result.callable == 2 and result.warnings() == (  # more than half of the rows imported
        "取り込んだ 5 行のうち 3 行（60%）は架電できません。"
        "電話番号なし 2 行、電話番号として読めない値 1 行です。",)
    assert result.uncallable_text() == "電話番号なし 2 / 電話番号が不正 1 / 法人番号が不正 1（除外）"


def test_a_list_most_of_which_cannot_be_called_says_so(fresh_db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("会社名,電話番号\n株式会社あおば,\n株式会社ひかり,\n株式会社つばさ,03-1234-5678\n",
                    encoding="utf-8")
    result = import_file(fresh_db, path, "電話なし")
    assert result.warnings() == ("取り込んだ 3 行のうち 2 行（67%）は架電できません。"
                                 "電話番号なし 2 行、電話番号として読めない値 0 行です。",)
    half = tmp_path / "half.csv"
    half.write_text("会社名,電話番号\n株式会社あおば,\n株式会社つばさ,03-1234-5678\n", encoding="utf-8")
    assert import_file(fresh_db, half, "半分").warnings() == ()  # half is not most


def test_the_japan_post_sample_warns_that_it_has_no_phone_column(fresh_db, post_office_csv):
    result = import_file(fresh_db, post_office_csv, "郵便局リスト")
    assert not result.phone_mapped and result.no_phone == result.imported == 2055 and result.callable == 0
    assert result.warnings() == (
        "取り込んだ 2,055 行のうち 2,055 行（100%）は架電できません。"
        "電話番号の列が割り当てられていません。列の割り当てで電話番号を選んでください。",)
    assert len(result.matches) == result.updated + result.duplicates
