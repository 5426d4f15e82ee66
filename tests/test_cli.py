"""What the headless subcommands print (``cli``), read without a subprocess, and the command line itself.

The data comes from the models' own test fixtures, so the figures asserted here are the ones those tests
already know; tests/test_cli_briefs.py runs ``main.py brief|briefs`` on a demo database. The tests at the
end run ``main.py`` in a subprocess, as a person or a script does.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

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
from models.store import settings
from models.store.backup import list_backups
from models.store.check import check_database
from models.store.db import open_db
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

ROOT = Path(__file__).resolve().parent.parent

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


# -- the command line, run as a person runs it -------------------------------------------------------------

def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                          timeout=120)


@pytest.mark.parametrize("spelling", [["--columns", "-,name,phone"], ["--columns=-,name,phone"]])
def test_columns_may_start_by_skipping_a_column(tmp_path, spelling):
    listed = tmp_path / "list.csv"
    listed.write_text("S-001,株式会社列飛ばし,03-1234-5678\n", encoding="utf-8")
    db = tmp_path / "kakeru.db"
    done = run_main("import", str(listed), "--db", str(db), "--list", "一覧", "--no-header", *spelling,
                    "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["created"] == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name, phone FROM companies").fetchall() == [
            ("株式会社列飛ばし", "03-1234-5678")]


@pytest.mark.parametrize("spelling", ["euc_jp", "EUC-JP"])
def test_import_reads_the_encoding_its_message_suggests(tmp_path, spelling):
    listed = tmp_path / "list.csv"
    listed.write_bytes("会社名,電話番号\n株式会社イーユーシー,03-1234-5678\n".encode("euc_jp"))
    db = tmp_path / "kakeru.db"
    command = ("import", str(listed), "--db", str(db), "--list", "一覧")
    unclear = run_main(*command)
    assert unclear.returncode == 1 and "EUC-JP" in unclear.stderr
    done = run_main(*command, "--encoding", spelling, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["encoding"] == "euc_jp" and json.loads(done.stdout)["created"] == 1


def test_import_refuses_an_encoding_python_does_not_know_before_opening_anything(tmp_path):
    listed = tmp_path / "list.csv"
    listed.write_text("会社名\nA社\n", encoding="utf-8")
    db = tmp_path / "kakeru.db"
    done = run_main("import", str(listed), "--db", str(db), "--list", "一覧", "--encoding", "base64")
    assert done.returncode == 1 and "文字コード「base64」は扱えません" in done.stderr
    assert "Traceback" not in done.stderr and not db.exists()


def test_a_columns_value_forgotten_before_an_option_is_still_a_usage_error(tmp_path):
    db = tmp_path / "k.db"
    done = run_main("import", "list.csv", "--db", str(db), "--list", "一覧", "--columns", "--json")
    assert done.returncode == 2 and "expected one argument" in done.stderr
    assert not db.exists()


READ_ONLY = {
    "agenda": [],
    "ics": ["--out", "{out}/kakeru.ics"],
    "kpi": ["--from", "2025-01-06", "--to", "2025-01-12"],
    "brief": ["1", "--out", "{out}/brief.pdf"],
    "briefs": ["--date", "2025-01-06", "--out", "{out}/day"],
    "check": [],
    "backup": [],
}


@pytest.mark.parametrize("command", sorted(READ_ONLY))
def test_a_read_only_subcommand_refuses_a_missing_database(tmp_path, command):
    missing = tmp_path / "typo" / "kakeru.db"  # a mistyped folder: not even it may be created
    out = tmp_path / "out"
    args = [arg.format(out=out) for arg in READ_ONLY[command]]
    done = run_main(command, "--db", str(missing), *args)
    assert done.returncode == 1
    assert f"データベース「{missing}」が見つかりません。" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no database, no folder, no output


@pytest.fixture(scope="module")
def long_agenda(tmp_path_factory) -> Path:
    """A database whose agenda prints far more than a pipe holds (1,000 fresh targets)."""
    folder = tmp_path_factory.mktemp("pipe")
    listed = folder / "list.csv"
    listed.write_text("".join(f"株式会社パイプライン検証サンプル{i:04d},カブシキガイシャパイプラインケンショウ{i:04d},"
                              f"03-{1000 + i:04d}-{i:04d}\n" for i in range(1000)), encoding="utf-8")
    path = folder / "kakeru.db"
    done = run_main("import", str(listed), "--db", str(path), "--list", "一覧", "--no-header",
                    "--columns", "name,name_kana,phone")
    assert done.returncode == 0, done.stderr
    db = open_db(path)
    try:
        settings.set_daily_target(db, 1000)
    finally:
        db.close()
    return path


def test_agenda_into_a_reader_that_stops_early_prints_no_traceback(long_agenda):
    # `main.py agenda | head -1`: the reader takes one line and closes the pipe while agenda still writes.
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "agenda", "--db", str(long_agenda)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                               env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    first = process.stdout.readline().decode("utf-8")
    process.stdout.close()
    errors = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait(timeout=120) == 141  # the pipe did break (the output outgrew it)
    assert first.endswith(" の架電リスト\n")
    assert errors == ""
