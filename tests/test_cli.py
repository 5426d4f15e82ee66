"""What the headless subcommands print (``cli``), read without a subprocess.

The data comes from the models' own test fixtures, so the figures asserted here are the ones those tests
already know; tests/test_cli_briefs.py runs ``main.py`` itself.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from brief_samples import make_typical

from cli import (
    agenda_as_json,
    agenda_as_text,
    agenda_output,
    backup_output,
    brief_output,
    briefs_output,
    check_output,
    check_report_text,
    ics_output,
    kpi_output,
)
from models.meetings.meetings import update_meeting
from models.planning.agenda import build_agenda
from models.store.backup import list_backups
from models.store.check import check_database
from models.store.errors import NotFound, ValidationError
from tests.models.kpi import test_kpi as kpi_tests
from tests.models.kpi.test_kpi import WEEK
from tests.models.meetings import test_ics as ics_tests
from tests.models.planning import test_agenda as agenda_tests
from tests.models.planning.test_agenda import DAY
from tests.models.store import test_backup as backup_tests
from tests.models.store import test_check as check_tests
from tests.models.store.test_backup import names
from tests.models.store.test_check import CASES, damage_mid_page, plant, unchecked_files
from tests.reports.pdfcheck import page_count

# The models' own fixtures: the data, and so the figures asserted, are the ones their tests know.
queue, filled, week = agenda_tests.queue, ics_tests.filled, kpi_tests.week
sample, db_file = check_tests.sample, backup_tests.db_file


def test_agenda_output(queue):
    db, _ = queue
    assert agenda_output(db, "2026-11-20", as_json=False) == agenda_as_text(build_agenda(db, DAY))
    assert json.loads(agenda_output(db, DAY, as_json=True))["date"] == "2026-11-20"
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        agenda_output(db, "20/11/2026", as_json=False)


def test_text_and_json_output(queue):
    db, _ = queue
    agenda = build_agenda(db, DAY)
    text = agenda_as_text(agenda)
    lines = text.splitlines()
    assert lines[0] == "2026年11月20日（金） の架電リスト"
    assert lines[1] == "期限超過 3件・本日予定 3件・新規 4件・本日実施 0件（目標 40件）"
    assert lines[2].startswith(" 1. 【期限超過】株式会社overdue10（カブシキガイシャoverdue10）  03-1234-5678")
    assert "予定日 11/17 を3日過ぎています：決算前の採用計画を確認" in text
    data = json.loads(agenda_as_json(agenda))
    assert data["date"] == "2026-11-20" and data["counts"]["fresh"] == 4
    entries = data["entries"]
    assert [e["position"] for e in entries] == list(range(1, 11))
    assert entries[4]["due"] == "2026-11-20T14:00+09:00" and entries[4]["last_outcome_label"] == "折返し依頼"
    assert entries[5]["due"] == "2026-11-20" and entries[-1]["due"] is None
    assert [e["name"] for e in entries] == [e.company_name for e in agenda.entries]  # same order as text


def test_an_empty_day(fresh_db):
    agenda = build_agenda(fresh_db, DAY)
    assert agenda.entries == () and "架電予定はありません" in agenda_as_text(agenda)


def test_ics_message(filled, tmp_path):
    db, _ = filled
    message = ics_output(db, tmp_path / "x.ics")
    assert message.startswith("予定2件と商談1件を「")


def test_kpi_text_json_and_unknown_list(week):
    db, _, _ = week
    text = kpi_output(db, WEEK.start, WEEK.end, "一都三県", False)
    assert "リスト「一都三県」" in text and "架電数" in text and "60.0%（3 / 5）" in text
    data = json.loads(kpi_output(db, WEEK.start, WEEK.end, None, True))
    assert data["figures"]["calls"]["value"] == 5
    assert data["figures"]["win_rate"]["definition"] == "受注数 ÷ 商談化数。"
    with pytest.raises(NotFound, match="リスト「存在しない」が見つかりません"):
        kpi_output(db, WEEK.start, WEEK.end, "存在しない", False)


def test_brief_and_briefs(fresh_db, tmp_path):
    first, second = make_typical(fresh_db), make_typical(fresh_db)
    update_meeting(fresh_db, second, {"status": "cancelled"})
    message = brief_output(fresh_db, first, tmp_path / "one" / "brief.pdf")
    assert "保存しました" in message and "1 ページ" in message
    assert page_count(tmp_path / "one" / "brief.pdf") == 1

    message = briefs_output(fresh_db, date(2025, 1, 16), tmp_path / "day")
    assert "2025年1月16日（木）の商談 1 件" in message  # the cancelled meeting is not printed
    assert sorted(p.name for p in (tmp_path / "day").iterdir()) == [
        f"brief-2025-01-16-1000-{first}.pdf", "briefs-2025-01-16-all.pdf",
    ]
    assert "商談はありません" in briefs_output(fresh_db, date(2025, 1, 17), tmp_path / "none")
    assert not (tmp_path / "none").exists()
    with pytest.raises(NotFound):
        brief_output(fresh_db, 999, tmp_path / "x.pdf")


# -- check and backup ------------------------------------------------------------------------------------

def test_check_of_a_consistent_database(sample):
    db, path, _ = sample
    report = check_database(db)
    assert report.ok and report.problems == [], check_report_text(report)
    assert "問題は見つかりませんでした" in check_report_text(report)
    code, text = check_output(path)
    assert code == 0 and "正常" in text


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_prints_each_planted_problem_with_its_count(sample, case):
    db, path, ids = sample
    statements, _kind, _table, count = CASES[case]
    plant(db, *statements(ids))
    report = check_database(db)
    text = check_report_text(report)
    assert f"{count:,} 件" in text and "見つかりました" in text
    code, cli_text = check_output(path)
    assert code == 1 and cli_text.endswith(text)


def test_check_of_a_file_damaged_in_the_middle_of_a_page(sample, tmp_path):
    damaged, data = damage_mid_page(sample, tmp_path)
    code, text = check_output(damaged)
    assert code == 1
    assert "破損" in text and "バックアップからの復元" in text
    assert damaged.read_bytes() == data  # checking never writes


def test_check_cli_refuses_files_it_cannot_check(tmp_path):
    files = unchecked_files(tmp_path)
    code, text = check_output(files["missing"])
    assert code == 1 and "見つかりません" in text
    code, text = check_output(files["garbage"])
    assert code == 1 and "読み取れません" in text
    code, text = check_output(files["foreign"])
    assert code == 1 and "Kakeru のデータベースではありません" in text
    code, text = check_output(files["newer"])
    assert code == 1 and "新しいバージョン" in text


def test_backup_cli_writes_to_the_backups_folder_or_to_a_named_file(db_file, tmp_path):
    db, path = db_file
    db.close()
    code, text = backup_output(path)
    assert code == 0 and "バックアップを作成しました" in text
    assert [b.reason for b in list_backups(path)] == ["manual"]
    out = tmp_path / "elsewhere" / "copy.db"
    code, text = backup_output(path, out)
    assert code == 0 and str(out) in text
    assert names(out) == ["株式会社はじめ"]
    code, text = backup_output(tmp_path / "missing.db")
    assert code == 1 and "見つかりません" in text
    assert not (tmp_path / "missing.db").exists()
