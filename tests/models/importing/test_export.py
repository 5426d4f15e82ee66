"""CSV export of the Targets view: headers, encodings, formula escaping, atomic writing."""

from __future__ import annotations

import csv
import errno
import os

import pytest

from models.accounts.companies import create_company
from models.accounts.targets import TargetFilter
from models.importing import export
from models.importing.export import ExportError, encodable, escape_cell, export_targets_csv
from models.store.errors import DiskFull

HEADER = ["会社名", "フリガナ", "電話番号", "都道府県", "住所", "業種", "従業員数", "ランク", "スコア",
          "ステータス", "最終接触日", "次回予定", "備考"]


def read_csv(path, encoding):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def db(fresh_db):
    create_company(fresh_db, {"name": "株式会社山田建設", "name_kana": "やまだけんせつ",
                              "phone": "0312345678", "prefecture": "東京",
                              "address": "東京都千代田区丸の内1-1-1", "industry": "建設業",
                              "employees": "1,200", "rank": "A", "status": "nurturing",
                              "notes": "決算は3月\n人事は1月に計画"})
    sato = create_company(fresh_db, {"name": "=HYPERLINK(\"http://evil\")", "status": "do_not_call",
                                     "notes": "-1+2"})
    fresh_db.execute("UPDATE companies SET score = 72.5, last_touch_at = '2025-06-01T10:00:00+09:00' "
                     "WHERE id = ?", [sato.id])
    fresh_db.execute("INSERT INTO plans (uid, created_at, updated_at, company_id, due) "
                     "VALUES ('p', 'now', 'now', ?, '2025-07-01T14:30:00+09:00')", [sato.id])
    return fresh_db


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＠x"])
def test_formulas_get_an_apostrophe(value):
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12", "+3.5", "-1,200", "-0.25", "-", "--", "―", "03-1234-5678",
                                   "株式会社", "", "a=b", " =1"])
def test_harmless_cells_are_kept(value):
    assert escape_cell(value) == value


def test_other_dash_starts_are_escaped():
    assert escape_cell("-A") == "'-A"
    assert escape_cell("- 1") == "'- 1"
    assert escape_cell("-1-2") == "'-1-2"


def test_encodable_replaces_what_cp932_lacks():
    assert encodable("𠮷野家", "cp932") == ("〓野家", True)
    assert encodable("髙島屋①", "cp932") == ("髙島屋①", False)  # vendor extensions CP932 does have
    assert encodable("A—B ¥100", "cp932") == ("A―B ￥100", False)  # look-alikes, nothing lost
    assert encodable("😀", "utf-8-sig") == ("😀", False)


def test_utf8_export_with_bom_and_japanese_headers(db, tmp_path):
    path = tmp_path / "targets.csv"
    result = export_targets_csv(db, TargetFilter(), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in path.read_bytes()
    rows = read_csv(path, "utf-8-sig")
    assert rows[0] == HEADER  # the score: 建設業 20 + 1,000名以上 20 + 東京都 15
    assert rows[1] == ["株式会社山田建設", "ヤマダケンセツ", "03-1234-5678", "東京都",
                       "東京都千代田区丸の内1-1-1", "建設業", "1200", "A", "55", "ナーチャリング", "", "",
                       "決算は3月\n人事は1月に計画"]
    assert rows[2] == ["'=HYPERLINK(\"http://evil\")", "", "", "", "", "", "", "", "72.5", "架電不可",
                       "2025-06-01", "2025-07-01 14:30", "'-1+2"]
    assert result.rows == 2 and result.escaped_cells == 2 and result.replaced_cells == 0
    assert result.path == path and result.encoding == "utf-8-sig"


def test_cp932_export_counts_what_it_had_to_replace(db, tmp_path):
    create_company(db, {"name": "𠮷野家", "notes": "😀 ありがとう — ¥500"})
    path = tmp_path / "sjis.csv"
    result = export_targets_csv(db, TargetFilter(), path, encoding="cp932")
    rows = read_csv(path, "cp932")
    assert rows[0] == HEADER
    assert [rows[3][0], rows[3][12]] == ["〓野家", "〓 ありがとう ― ￥500"]
    assert rows[1][0] == "株式会社山田建設"
    assert result.replaced_cells == 2 and result.rows == 3


def test_export_follows_the_filter_the_sort_and_the_columns(db, tmp_path):
    path = tmp_path / "some.csv"
    result = export_targets_csv(db, TargetFilter(exclude_closed=True), path, columns=["name", "status"])
    assert read_csv(path, "utf-8-sig") == [["会社名", "ステータス"], ["株式会社山田建設", "ナーチャリング"]]
    assert result.rows == 1
    export_targets_csv(db, TargetFilter(), path, sort="score", descending=True, columns=["score", "id"])
    assert [row[0] for row in read_csv(path, "utf-8-sig")] == ["スコア", "72.5", "55"]
    with pytest.raises(ValueError):
        export_targets_csv(db, TargetFilter(), path, columns=["password"])
    with pytest.raises(ValueError):
        export_targets_csv(db, TargetFilter(), path, encoding="latin-1")


def test_an_empty_view_writes_the_header_only(fresh_db, tmp_path):
    path = tmp_path / "empty.csv"
    assert export_targets_csv(fresh_db, TargetFilter(), path).rows == 0
    assert read_csv(path, "utf-8-sig") == [HEADER]


def _leftovers(folder):
    return [name for name in os.listdir(folder) if name.endswith(".partial")]


def test_a_full_disk_leaves_the_old_file_untouched(db, tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_text("前の内容", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(DiskFull, match="空き容量が不足"):
        export_targets_csv(db, TargetFilter(), path)
    assert path.read_text(encoding="utf-8") == "前の内容"
    assert _leftovers(tmp_path) == []


def test_no_permission_is_a_plain_sentence(db, tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export.os, "replace", denied)
    with pytest.raises(ExportError, match=r"書き込めませんでした。.*Excel"):
        export_targets_csv(db, TargetFilter(), tmp_path / "locked.csv")
    assert _leftovers(tmp_path) == []
    assert not (tmp_path / "locked.csv").exists()


def test_a_missing_folder_is_a_plain_sentence(db, tmp_path):
    with pytest.raises(ExportError, match=r"フォルダー.*見つかりません"):
        export_targets_csv(db, TargetFilter(), tmp_path / "nowhere" / "x.csv")
    with pytest.raises(ExportError, match="フォルダーです"):
        export_targets_csv(db, TargetFilter(), tmp_path)


def test_the_written_file_is_readable_by_others(db, tmp_path):
    path = tmp_path / "share.csv"
    export_targets_csv(db, TargetFilter(), path)
    if os.name == "posix":
        assert path.stat().st_mode & 0o644 == 0o644


def test_cell_text_formats():
    row = export.TargetRow(id=1, name="x", score=80.0, employees=12, status="untouched",
                           last_touch_at="2025-01-02T03:04:05+09:00", next_plan_due="2025-02-03")
    columns = ("score", "employees", "status", "last_touch_at", "next_plan_due", "rank")
    expected = ["80", "12", "未接触", "2025-01-02", "2025-02-03", ""]
    assert [export.cell_text(row, c) for c in columns] == expected
