"""Importing target lists: every row accounted for, dedupe, contacts, the list, undo, and bad input."""

from __future__ import annotations

import csv
import itertools
import json
import sqlite3
import threading

import import_scenario
import openpyxl
import pytest

from models.accounts.companies import create_company, get_company, update_company
from models.importing import importer as importing
from models.importing import plan as import_plan
from models.importing import write as import_write
from models.importing.importer import (
    ImportCancelled,
    import_file,
    import_table,
    join_address,
    read_table,
    undo_import,
    write_rejects_csv,
)
from models.store.db import open_db
from models.store.errors import ImportFileError, KakeruError, NotFound, ValidationError

HALF_WIDTH_KATAKANA = {chr(code) for code in range(0xFF61, 0xFFA0)}
HEADER = "会社名,フリガナ,法人番号,電話番号,都道府県,住所,従業員数,決算月,担当者,部署\r\n"
# Valid 法人番号 (check digit first): 5000012010024 and 1010001000006 are real-format numbers.
VALID_A = "5000012010024"
VALID_B = "1010001000006"


def write_csv(tmp_path, text, name="list.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def dump(db) -> list[str]:
    return list(db.conn.iterdump())


def companies(db) -> list[dict]:
    return [dict(row) for row in db.query("SELECT * FROM companies ORDER BY id")]


def test_the_real_sample_accounts_for_every_row(fresh_db, post_office_csv):
    result = import_file(fresh_db, post_office_csv, "郵便局リスト")
    assert result.rows == 2055
    assert result.created + result.updated + result.duplicates + result.rejected == result.rows
    assert result.created > 2000 and result.rejected == 0
    assert result.as_json_dict() == {
        "rows": 2055, "created": result.created, "updated": result.updated,
        "duplicates": result.duplicates, "rejected": 0, "encoding": "cp932", "list": "郵便局リスト",
    }
    row = fresh_db.execute(
        "SELECT name, name_kana, prefecture, address, postal_code FROM companies"
        " WHERE name LIKE '%日本経済新聞社%札幌%'"
    ).fetchone()
    assert row == ("株式会社　日本経済新聞社　札幌支社", "(カブ) ニホンケイザイシンブンシヤ サツポロシシヤ",
                   "北海道",
                   "北海道札幌市中央区北一条西６丁目１－２アーバンネット札幌ビル２Ｆ", "060-8621")
    kana = "".join(value for (value,) in fresh_db.execute("SELECT name_kana FROM companies"))
    assert not set(kana) & HALF_WIDTH_KATAKANA
    # branches of one company at different addresses stay separate targets
    query = "SELECT count(*) FROM companies WHERE name_key = '三井住友海上火災保険'"
    branches = fresh_db.execute(query).fetchone()
    assert branches[0] == 3
    members = fresh_db.execute("SELECT count(*), min(priority) FROM list_members").fetchone()
    assert members == (result.created, 1)
    # searchable straight away, Japanese substrings included
    query = "SELECT count(*) FROM companies_fts WHERE companies_fts MATCH '日本経済新聞'"
    hits = fresh_db.execute(query).fetchone()
    assert hits[0] >= 1


def test_explicit_columns_like_the_cli(fresh_db, post_office_csv):
    columns = "-,name_kana,name,address,address,address,address,postal_code,-,-,-,-,-"
    result = import_file(fresh_db, post_office_csv, "郵便局", columns=columns)
    assert result.rejected == 0
    query = "SELECT prefecture, address FROM companies WHERE name = '朝日新聞社　北海道支社'"
    row = fresh_db.execute(query).fetchone()
    assert row == ("北海道", "北海道札幌市中央区北二条西１丁目１番地")
    with pytest.raises(ValidationError, match="nmae"):
        import_file(fresh_db, post_office_csv, "郵便局", columns="nmae")


def test_headerless_file_with_no_name_column_is_refused(fresh_db, tmp_path):
    path = write_csv(tmp_path, "03-1111-2222,100-0001\r\n06-1111-2222,530-0001\r\n")
    before = dump(fresh_db)
    with pytest.raises(ValidationError, match="会社名"):
        import_file(fresh_db, path, "L")
    assert dump(fresh_db) == before


def test_missing_name_column_in_mapping(file_db, tmp_path):
    db, _path = file_db
    table = read_table(write_csv(tmp_path, HEADER + "A社,エーシャ,,03-1111-2222,,,,,,\r\n"))
    before = dump(db)
    with pytest.raises(ValidationError, match="会社名の列"):
        import_table(db, table, [None, "name_kana", None, "phone"], "L")
    with pytest.raises(ValidationError, match="リスト名"):
        import_table(db, table, ["name"], "  ")
    assert dump(db) == before


def test_cleaning_and_rejects_with_line_numbers(fresh_db, tmp_path):
    text = (
        HEADER
        + f"株式会社テスト,ﾃｽﾄ,{VALID_A},０３１２３４５６７８,東京,千代田区丸の内1-1-1,"
          "\"1,200名\",3月期,山田 太郎,人事部\r\n"
        + ",ナナシ,,03-9999-0000,,,,,,\r\n"
        + f"不正番号商事,,{VALID_A[:-1]}5,,,,,,,\r\n"
        + "桁違い商事,,12345,,,,,,,\r\n"
        + "マイナス工業,,,,,,-5,,,\r\n"
        + "十三月物産,,,,,,,13,,\r\n"
        + "多数電機,,,,,,多数,,,\r\n"
    )
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    assert (result.rows, result.created, result.rejected) == (7, 1, 6)
    assert [reject.line for reject in result.rejects] == [3, 4, 5, 6, 7, 8]
    reasons = [reject.reason for reject in result.rejects]
    assert reasons[0] == "会社名が空です。"
    assert "チェックディジット" in reasons[1]
    assert "13桁" in reasons[2]
    assert "従業員数" in reasons[3] and "決算月" in reasons[4] and "従業員数" in reasons[5]
    assert result.rejects[1].values[0] == "不正番号商事"
    company = companies(fresh_db)[0]
    assert company["name_kana"] == "テスト"
    assert company["phone"] == "03-1234-5678"
    assert company["prefecture"] == "東京都"
    assert company["address"] == "東京都千代田区丸の内1-1-1"
    assert (company["employees"], company["fiscal_year_end_month"]) == (1200, 3)
    assert company["corporate_number"] == VALID_A
    contact = fresh_db.execute("SELECT name, department, company_id FROM contacts").fetchone()
    assert contact == ("山田 太郎", "人事部", company["id"])


def test_rejects_csv(fresh_db, tmp_path):
    text = "会社名,電話番号\r\nA社,03-1111-2222\r\n,=HYPERLINK(\"x\")\r\n"
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    out = write_rejects_csv(result, tmp_path / "rejects.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["行番号", "理由", "会社名", "電話番号"]
    assert rows[1] == ["3", "会社名が空です。", "", "'=HYPERLINK(\"x\")"]
    write_rejects_csv(result.rejects, tmp_path / "sjis.csv", encoding="cp932")
    assert (tmp_path / "sjis.csv").read_text(encoding="cp932").startswith("行番号,理由,列1")


def test_dedupe_by_corporate_number_phone_and_name_at_address(fresh_db, tmp_path):
    by_number = create_company(fresh_db, {"name": "株式会社アルファ", "corporate_number": VALID_A})
    by_phone = create_company(fresh_db, {"name": "ベータ有限会社", "phone": "06-1234-5678",
                                         "prefecture": "大阪府", "address": "大阪府大阪市中央区本町1-1"})
    by_address = create_company(fresh_db, {"name": "株式会社ガンマ", "address": "東京都港区芝公園4-2-8"})
    text = (
        "会社名,法人番号,電話番号,住所,業種\r\n"
        f"（株）アルファ本社,{VALID_A},,,製造業\r\n"              # same number, other spelling → updated
        "ベータ（有）,,0612345678,,\r\n"                           # same phone → duplicate
        "ガンマ株式会社,,,東京都港区芝公園４－２－８,\r\n"          # same name at same address → updated
        "株式会社ガンマ,,,大阪府大阪市北区梅田1-1-1,\r\n"           # branch elsewhere → created
        f"ベータ工業,{VALID_B},06-1234-5678,大阪府堺市堺区1-1,\r\n"  # shared number, other name and place
        "株式会社デルタ,,03-5555-0000,,\r\n"
        "デルタ,,03-5555-0000,,小売業\r\n"                          # same phone within the file
    )
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    # ガンマ gains its prefecture (read from the address), so it counts as updated
    assert (result.created, result.updated, result.duplicates, result.rejected) == (3, 3, 1, 0)
    assert get_company(fresh_db, by_number.id).industry == "製造業"
    assert get_company(fresh_db, by_number.id).name == "株式会社アルファ"  # never overwritten
    names = [row["name"] for row in companies(fresh_db)]
    assert names.count("株式会社ガンマ") == 2
    assert "ベータ工業" in names
    delta = [row for row in companies(fresh_db) if row["name"] == "株式会社デルタ"]
    assert delta[0]["industry"] == "小売業"
    listed = {row[0] for row in fresh_db.execute("SELECT company_id FROM list_members")}
    assert {by_number.id, by_phone.id, by_address.id} <= listed and len(listed) == 6


def test_different_corporate_numbers_are_never_merged(fresh_db, tmp_path):
    text = f"会社名,法人番号,電話番号\r\nA社,{VALID_A},03-1111-2222\r\nA社,{VALID_B},03-1111-2222\r\n"
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    assert result.created == 2


def test_fill_blanks_only_and_contacts_deduped(fresh_db, tmp_path):
    existing = create_company(
        fresh_db, {"name": "株式会社イプシロン", "phone": "03-2222-3333", "notes": "大事な顧客"}
    )
    text = (
        "会社名,電話番号,備考,業種,担当者,役職\r\n"
        "イプシロン,03-2222-3333,上書きしない,IT,佐藤 花子,部長\r\n"
        "イプシロン,03-2222-3333,,,佐藤　花子,\r\n"   # the same person (spaces differ) → duplicate
        "イプシロン,03-2222-3333,,,鈴木 一郎,\r\n"     # a new person → updated
    )
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    assert (result.created, result.updated, result.duplicates) == (0, 2, 1)
    company = get_company(fresh_db, existing.id)
    assert (company.notes, company.industry) == ("大事な顧客", "IT")
    names = [row[0] for row in fresh_db.execute("SELECT name FROM contacts ORDER BY id")]
    assert names == ["佐藤 花子", "鈴木 一郎"]
    change = fresh_db.execute("SELECT action, before_json FROM import_changes").fetchone()
    assert change[0] == "updated"
    assert json.loads(change[1]) == {"before": {"industry": None}, "after": {"industry": "IT"}}


def test_second_import_of_the_same_file_is_all_duplicates(fresh_db, tmp_path):
    text = "会社名,電話番号\r\nA社,03-1111-2222\r\nB社,03-1111-3333\r\n"
    path = write_csv(tmp_path, text, encoding="cp932")
    first = import_file(fresh_db, path, "L")
    second = import_file(fresh_db, path, "L")
    assert (first.created, second.created, second.duplicates) == (2, 0, 2)
    assert fresh_db.execute("SELECT count(*) FROM list_members").fetchone()[0] == 2
    third = import_file(fresh_db, path, "別リスト")
    assert third.duplicates == 2
    assert fresh_db.execute("SELECT count(*) FROM list_members").fetchone()[0] == 4


def test_list_priority_follows_the_file(fresh_db, tmp_path):
    import_file(fresh_db, write_csv(tmp_path, "会社名\r\nA社\r\nB社\r\n"), "L")
    import_file(fresh_db, write_csv(tmp_path, "会社名\r\nC社\r\nA社\r\n", name="2.csv"), "L")
    order = fresh_db.execute(
        "SELECT c.name FROM list_members m JOIN companies c ON c.id = m.company_id ORDER BY m.priority"
    ).fetchall()
    assert [name for (name,) in order] == ["A社", "B社", "C社"]


def test_undo_reverts_the_whole_import(fresh_db, tmp_path):
    kept = create_company(fresh_db, {"name": "既存商事", "phone": "03-7777-8888"})
    edited = create_company(fresh_db, {"name": "編集工業", "phone": "03-7777-9999"})
    text = ("会社名,電話番号,業種,担当者\r\n既存商事,03-7777-8888,卸売業,担当A\r\n"
            "編集工業,03-7777-9999,製造業,\r\n"
            "新規物産,03-6666-0000,,担当B\r\n")
    before_import = companies(fresh_db)
    result = import_file(fresh_db, write_csv(tmp_path, text), "新しいリスト")
    assert (result.created, result.updated) == (1, 2)
    update_company(fresh_db, edited.id, {"industry": "建設業"})  # the caller's edit after the import

    undone = undo_import(fresh_db, result.import_id)
    assert (undone.companies_deleted, undone.companies_restored, undone.fields_kept) == (1, 1, 1)
    assert undone.contacts_deleted == 2 and undone.memberships_removed == 3
    assert get_company(fresh_db, kept.id).industry is None
    assert get_company(fresh_db, edited.id).industry == "建設業"
    assert [c["name"] for c in companies(fresh_db)] == [c["name"] for c in before_import]
    assert fresh_db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM target_lists").fetchone()[0] == 0
    assert fresh_db.execute("SELECT undone_at FROM imports").fetchone()[0]
    with pytest.raises(ValidationError, match="すでに取り消"):
        undo_import(fresh_db, result.import_id)
    with pytest.raises(NotFound):
        undo_import(fresh_db, 999)


def test_undo_is_refused_once_calls_were_logged(fresh_db, tmp_path):
    result = import_file(fresh_db, write_csv(tmp_path, "会社名\r\nA社\r\nB社\r\n"), "L")
    company_id = fresh_db.execute("SELECT id FROM companies WHERE name = 'A社'").fetchone()[0]
    fresh_db.execute(
        "INSERT INTO touches (uid, created_at, updated_at, company_id, at)"
        " VALUES ('t', '', '', ?, '2025-01-01')",
        [company_id],
    )
    before = dump(fresh_db)
    with pytest.raises(ValidationError, match="架電記録"):
        undo_import(fresh_db, result.import_id)
    assert dump(fresh_db) == before


def test_cancel_writes_nothing(file_db, tmp_path):
    db, _path = file_db
    rows = "".join(f"会社{n},03-1111-{n:04d}\r\n" for n in range(5000))
    path = write_csv(tmp_path, "会社名,電話番号\r\n" + rows)
    before = dump(db)
    with pytest.raises(ImportCancelled):
        import_file(db, path, "L", progress=lambda done, total: done < 2000)
    with pytest.raises(ImportCancelled):  # cancelled in the middle of writing
        import_file(db, path, "L", progress=lambda done, total: done <= total // 2)
    assert dump(db) == before
    calls = []
    result = import_file(db, path, "L", progress=lambda done, total: calls.append((done, total)))
    assert result.created == 5000
    assert calls[-1][0] == calls[-1][1] and all(a[0] <= b[0] for a, b in itertools.pairwise(calls))


def test_a_failed_write_leaves_the_file_unchanged(file_db, tmp_path):
    db, _path = file_db
    import_file(db, write_csv(tmp_path, "会社名\r\n先客\r\n"), "L")
    db.execute("CREATE TRIGGER boom BEFORE INSERT ON list_members WHEN new.priority > 2 "
               "BEGIN SELECT RAISE(ABORT, 'boom'); END")
    before = dump(db)
    with pytest.raises(sqlite3.IntegrityError):
        import_file(db, write_csv(tmp_path, "会社名\r\nA社\r\nB社\r\nC社\r\n", name="2.csv"), "L")
    assert dump(db) == before


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "空のファイル"),
    ("binary.csv", b"\x00\x01\x02\xff" * 100, "CSV・TSV"),
    ("header.csv", "会社名,電話番号\r\n".encode(), "見出し行"),
])
def test_bad_files_leave_the_database_unchanged(file_db, tmp_path, name, content, message):
    db, _path = file_db
    import_file(db, write_csv(tmp_path, "会社名\r\n先客\r\n", name="first.csv"), "L")
    before = dump(db)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        import_file(db, path, "L")
    assert dump(db) == before


def test_wrong_encoding_forced(file_db, post_office_csv):
    db, _path = file_db
    before = dump(db)
    with pytest.raises(ImportFileError, match="UTF-8") as caught:
        import_file(db, post_office_csv, "L", encoding="utf-8")
    assert "1行目" in str(caught.value)
    assert isinstance(caught.value, KakeruError)
    assert dump(db) == before


def test_ragged_rows_big_cells_and_wide_files(fresh_db, tmp_path):
    big = "長" * (1024 * 1024)
    wide_header = ",".join(["会社名", "電話番号", *(f"項目{n}" for n in range(3, 101))])
    text = (wide_header + "\r\n" + "A社\r\n" + "B社,03-1111-2222," + ",".join(["x"] * 110) + "\r\n"
            + f'C社,,"{big}"\r\n')
    result = import_file(fresh_db, write_csv(tmp_path, text), "L")
    assert (result.rows, result.created, result.rejected) == (3, 3, 0)


def test_big_notes_are_kept(fresh_db, tmp_path):
    big = "メモ" * 300_000
    result = import_file(fresh_db, write_csv(tmp_path, f'会社名,備考\r\nA社,"{big}"\r\n'), "L")
    assert result.created == 1
    assert fresh_db.execute("SELECT length(notes) FROM companies").fetchone()[0] == len(big)


def test_xlsx_import(fresh_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "説明"
    book.active.append([])
    sheet = book.create_sheet("リスト")
    sheet.append(["企業名", "TEL", "郵便番号", "所在地", "決算月", "従業員数"])
    sheet.append(["株式会社エクセル", 312345678, "1000005", "東京都千代田区丸の内1-1", 3, 250])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = import_file(fresh_db, path, "L")
    assert (result.created, result.encoding) == (1, None)
    company = companies(fresh_db)[0]
    assert (company["phone"], company["postal_code"]) == ("03-1234-5678", "100-0005")
    assert company["prefecture"] == "東京都"
    assert (company["fiscal_year_end_month"], company["employees"]) == (3, 250)


def test_changes_by_another_connection_during_the_plan_are_respected(file_db, tmp_path):
    db, path = file_db
    rows = "".join(f"会社{n},03-2222-{n:04d}\r\n" for n in range(4000))
    source = write_csv(tmp_path, "会社名,電話番号\r\n" + rows)
    other = open_db(path)

    def progress(done, total):
        if done == 2000:  # while planning: someone else adds a company the file also has
            other.execute("INSERT INTO companies (uid, created_at, updated_at, name, phone, phone_key) "
                          "VALUES ('x', '', '', '別の会社', '03-2222-3999', '+81322223999')")
            other.conn.commit()

    result = import_file(db, source, "L", progress=progress)
    other.close()
    assert (result.created, result.duplicates) == (3999, 1)


def test_join_address():
    assert join_address(["東京都", "港区", "芝公園４－２－８"]) == "東京都港区芝公園４－２－８"
    assert join_address(["1-2-3", "ABC Bldg"]) == "1-2-3 ABC Bldg"
    assert join_address(["大阪市北区梅田1-1", "ABCビル"]) == "大阪市北区梅田1-1 ABCビル"


# --- a large import: the same rows as before the importer was made fast, and a right search index ---

# Produced by the importer before it was made faster (batched search index, cached phone parsing):
# the counts and a digest of every row it wrote (import_scenario.canonical) for the same two files.
SCENARIO_COUNTS = [(300, 300, 0, 0, 0), (2000, 1529, 364, 57, 50)]
SCENARIO_DIGEST = "bae414dbca674116290ab76f8a557a1355595d5dddb9f660eb1e3d9fcecf1cc2"


def _import_scenario(db, tmp_path):
    seed, source = import_scenario.write_files(tmp_path)
    results = [import_file(db, seed, "種リスト"), import_file(db, source, "本リスト")]
    counts = [(r.rows, r.created, r.updated, r.duplicates, r.rejected) for r in results]
    rejects = [reject for result in results for reject in result.rejects]
    return counts, rejects


def test_a_large_import_gives_the_same_counts_and_rows_as_before(fresh_db, tmp_path):
    counts, rejects = _import_scenario(fresh_db, tmp_path)
    assert counts == SCENARIO_COUNTS
    assert len(rejects) == 50 and all(reject.line > 1 for reject in rejects)
    picture = import_scenario.canonical(fresh_db, rejects)
    assert all(picture["search"].values())  # every sample search finds something
    assert import_scenario.digest(picture) == SCENARIO_DIGEST


def test_the_search_index_is_right_after_a_large_import(fresh_db, tmp_path):
    _import_scenario(fresh_db, tmp_path)
    for query in import_scenario.SEARCHES:
        found = import_scenario.found_by_index(fresh_db, query)
        assert found == import_scenario.found_by_scan(fresh_db, query)
    trigger = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'companies_fts_insert'"
    assert fresh_db.execute(trigger).fetchone()[0] == 1
    later = create_company(fresh_db, {"name": "後から追加した会社ﾃｽﾄ"})  # the trigger indexes it again
    assert import_scenario.found_by_index(fresh_db, "追加した会社") == [later.id]


def test_batched_and_row_by_row_search_indexing_agree(tmp_path, monkeypatch):
    pictures = []
    for batch_from in (1000, 10**9):  # the batched path, and the trigger for every row
        monkeypatch.setattr(import_write, "_FTS_BATCH_FROM", batch_from)
        db = open_db(":memory:")
        folder = tmp_path / str(batch_from)
        folder.mkdir()
        _counts, rejects = _import_scenario(db, folder)
        pictures.append(import_scenario.canonical(db, rejects))
        db.close()
    assert pictures[0] == pictures[1]


@pytest.mark.parametrize("pipelined", [True, False])
def test_planning_while_writing_gives_the_same_rows(file_db, tmp_path, monkeypatch, pipelined):
    """A file database, planned in a worker thread while the rows are written (or planned first):
    the same counts and rows as the importer has always written, and a right search index."""
    db, _path = file_db
    monkeypatch.setattr(importing, "PIPELINE_FROM", 1 if pipelined else 10**9)
    monkeypatch.setattr(import_plan, "_CHUNK", 97)  # many chunks: later rows fill in companies written
    threads, rewritten = [], []
    plan_and_write, rewrite = import_write.plan_and_write, import_write._rewrite_filled_in

    def counting_plan_and_write(*args, **kwargs):
        threads.append(True)
        return plan_and_write(*args, **kwargs)

    def counting_rewrite(db, plan, now, scorer):
        rewritten.extend(c for c in plan.created if c.dirty)
        return rewrite(db, plan, now, scorer)

    monkeypatch.setattr(importing, "plan_and_write", counting_plan_and_write)
    monkeypatch.setattr(import_write, "_rewrite_filled_in", counting_rewrite)
    counts, rejects = _import_scenario(db, tmp_path)
    assert len(threads) == (2 if pipelined else 0)
    if pipelined:
        assert rewritten  # new companies that a later row filled in were written again
    assert counts == SCENARIO_COUNTS
    picture = import_scenario.canonical(db, rejects)
    assert import_scenario.digest(picture) == SCENARIO_DIGEST
    for query in import_scenario.SEARCHES:
        assert import_scenario.found_by_index(db, query) == import_scenario.found_by_scan(db, query)
    triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'companies_fts_%'"
    assert db.execute(triggers).fetchone()[0] == 3
    last_import = db.execute("SELECT max(id) FROM imports").fetchone()[0]
    undo_import(db, last_import)  # the rows written while planning leave with the import
    for query in import_scenario.SEARCHES:
        assert import_scenario.found_by_index(db, query) == import_scenario.found_by_scan(db, query)
    assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == SCENARIO_COUNTS[0][1]


def _no_planning_thread_left() -> bool:
    return not any(thread.name == "import-plan" for thread in threading.enumerate())


def test_a_failure_while_planning_in_the_worker_leaves_the_file_unchanged(file_db, tmp_path, monkeypatch):
    db, _path = file_db
    import_file(db, write_csv(tmp_path, "会社名\r\n先客\r\n"), "L")
    before = dump(db)
    monkeypatch.setattr(import_plan, "_CHUNK", 500)
    place = import_plan.Planner._place
    calls = itertools.count()

    def failing_place(self, *args):
        if next(calls) == 3000:  # chunks of companies are written by then
            raise RuntimeError("a bug in planning")
        return place(self, *args)

    monkeypatch.setattr(import_plan.Planner, "_place", failing_place)
    rows = "".join(f"会社{n},03-4444-{n:04d}\r\n" for n in range(6000))
    with pytest.raises(RuntimeError, match="a bug in planning"):
        import_file(db, write_csv(tmp_path, "会社名,電話番号\r\n" + rows, name="big.csv"), "L")
    assert dump(db) == before
    assert _no_planning_thread_left()


def test_a_failed_write_while_planning_stops_the_worker_and_changes_nothing(file_db, tmp_path, monkeypatch):
    db, _path = file_db
    monkeypatch.setattr(import_plan, "_CHUNK", 500)
    db.execute("CREATE TRIGGER boom BEFORE INSERT ON companies WHEN new.name = '会社1200' "
               "BEGIN SELECT RAISE(ABORT, 'boom'); END")
    before = dump(db)
    rows = "".join(f"会社{n},03-5555-{n:04d}\r\n" for n in range(6000))
    with pytest.raises(sqlite3.IntegrityError):
        import_file(db, write_csv(tmp_path, "会社名,電話番号\r\n" + rows), "L")
    assert dump(db) == before
    assert _no_planning_thread_left()


def test_without_a_second_connection_the_plan_is_made_first(file_db, tmp_path, monkeypatch):
    db, _path = file_db
    monkeypatch.setattr(importing, "reading_connection", lambda db: None)
    monkeypatch.setattr(importing, "plan_and_write", None)  # not called
    rows = "".join(f"会社{n}\r\n" for n in range(5000))
    assert import_file(db, write_csv(tmp_path, "会社名\r\n" + rows), "L").created == 5000


def test_undo_of_a_large_import_takes_its_rows_out_of_the_search_index(fresh_db, tmp_path):
    seed, source = import_scenario.write_files(tmp_path)
    import_file(fresh_db, seed, "種リスト")
    before = import_scenario.found_by_index(fresh_db, "丸の内")
    result = import_file(fresh_db, source, "本リスト")
    assert len(import_scenario.found_by_index(fresh_db, "丸の内")) > len(before)
    undo_import(fresh_db, result.import_id)
    assert import_scenario.found_by_index(fresh_db, "丸の内") == before
    assert import_scenario.found_by_scan(fresh_db, "丸の内") == before


def test_a_search_trigger_that_does_more_is_kept_row_by_row(fresh_db, tmp_path):
    fresh_db.execute("CREATE TABLE seen (company_id INTEGER)")
    fresh_db.execute("DROP TRIGGER companies_fts_insert")
    fresh_db.execute("""CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
        INSERT INTO companies_fts(rowid, search_key) VALUES (new.id, new.search_key);
        INSERT INTO seen VALUES (new.id);
    END""")
    rows = "".join(f"会社{n},03-3333-{n:04d}\r\n" for n in range(1500))
    result = import_file(fresh_db, write_csv(tmp_path, "会社名,電話番号\r\n" + rows), "L")
    assert result.created == 1500
    assert fresh_db.execute("SELECT count(*) FROM seen").fetchone()[0] == 1500
    found = import_scenario.found_by_index(fresh_db, "会社1499")
    assert found == import_scenario.found_by_scan(fresh_db, "会社1499") and len(found) == 1
