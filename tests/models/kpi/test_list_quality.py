"""List quality, with known answers: rows, callable, duplicates, numbers found dead, 対象外, connect rate;
as CSV (spreadsheet-safe) and as a printed sheet."""

from __future__ import annotations

import io
from datetime import datetime

from models.accounts import lists
from models.accounts.companies import create_company, update_company
from models.importing.importer import import_file, undo_import
from models.kpi.export import write_tables_csv
from models.kpi.list_quality import list_quality, quality_report, quality_tables
from models.store import clock
from models.store.db import stamp
from reports.list_quality import render_list_quality
from tests.reports.pdfcheck import layout_faults, page_count, shows, unembedded_fonts

AT = datetime(2026, 11, 20, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))


def _call(db, company_id, outcome):
    db.table("touches").insert(stamp({"company_id": company_id, "kind": "call", "outcome": outcome,
                                      "at": "2026-11-18T10:00:00+09:00"}))


def _list(db, tmp_path):
    path = tmp_path / "vendor.csv"
    path.write_text("会社名,電話番号,住所\n"
                    "株式会社あおば,03-1111-2222,東京都港区芝1-1\n"
                    "株式会社ひかり,,東京都港区芝2-2\n"  # no phone
                    "株式会社つばさ,03-12,東京都港区芝3-3\n"  # not a phone number
                    "株式会社みどり,06-1234-5678,大阪府大阪市北区1-1\n"
                    "株式会社あおば,03-1111-2222,東京都港区芝1-1\n"  # a duplicate of line 2
                    ",03-9999-0000,\n",  # no name: rejected
                    encoding="utf-8")
    result = import_file(db, path, "ベンダー提供リスト")
    ids = dict(db.execute("SELECT name, id FROM companies").fetchall())
    return result, ids


def test_a_lists_quality_counts_what_the_vendor_sent_and_what_calling_found(fresh_db, tmp_path):
    db = fresh_db
    _result, ids = _list(db, tmp_path)
    _call(db, ids["株式会社あおば"], "connected")
    _call(db, ids["株式会社あおば"], "not_available")
    _call(db, ids["株式会社みどり"], "bad_number")
    _call(db, ids["株式会社みどり"], "bad_number")  # the same company counts once
    update_company(db, ids["株式会社ひかり"], {"status": "disqualified"})
    other = create_company(db, {"name": "株式会社べつ", "phone": "03-5555-6666"}).id
    _call(db, other, "connected")  # not on the list
    (quality,) = list_quality(db)
    assert (quality.name, quality.rows_read, quality.rejected, quality.duplicates, quality.members) == (
        "ベンダー提供リスト", 6, 1, 1, 4)
    assert (quality.callable, quality.no_phone, quality.bad_phone) == (2, 1, 1)
    assert (quality.called, quality.bad_number, quality.disqualified) == (2, 1, 1)
    assert (quality.calls, quality.connects, quality.connect_rate) == (4, 1, 0.25)
    assert quality.text("connect_rate") == "25.0%"


def test_an_undone_import_and_an_archived_list_are_left_out(fresh_db, tmp_path):
    db = fresh_db
    result, _ids = _list(db, tmp_path)
    second = lists.create_list(db, "自社リスト")
    lists.add_to_list(db, second.id, [create_company(db, {"name": "株式会社じしゃ"}).id])
    assert [q.name for q in list_quality(db)] == ["ベンダー提供リスト", "自社リスト"]
    report = quality_report(db, generated_at=AT)
    assert report.total is not None and report.total.members == 5
    undo_import(db, result.import_id)
    assert [q.name for q in list_quality(db)] == ["自社リスト"]  # the import's list went with it
    db.execute("UPDATE target_lists SET archived = 1 WHERE id = ?", [second.id])
    assert list_quality(db) == [] and len(list_quality(db, include_archived=True)) == 1


def test_the_report_as_csv_and_as_a_sheet(fresh_db, tmp_path):
    db = fresh_db
    _list(db, tmp_path)
    db.execute("UPDATE target_lists SET name = '=危険な名前' WHERE name = 'ベンダー提供リスト'")
    report = quality_report(db, generated_at=AT)
    written = write_tables_csv(tmp_path / "quality.csv", quality_tables(report), "cp932")
    lines = (tmp_path / "quality.csv").read_bytes().decode("cp932").splitlines()
    assert lines[0] == ("リスト,取込行数,除外行,重複,掲載社数,架電可能,電話番号なし,番号の形式不正,架電済み,"
                        "番号不通,対象外,架電数,接続数,接続率")
    assert lines[1] == "'=危険な名前,6,1,1,4,2,1,1,0,0,0,0,0," and written.escaped_cells == 1
    out = io.BytesIO()
    render_list_quality(report, out)
    pdf = out.getvalue()
    assert layout_faults(pdf) == [] and unembedded_fonts(pdf) == [] and page_count(pdf) == 1
    assert shows(pdf, "リスト品質レポート", "=危険な名前", "架電可能", "番号不通", "対象外", "接続率",
                 "各項目の数え方", "社外秘") == []
