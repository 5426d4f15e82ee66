"""No file a person chooses to write can replace the database: not the file itself (by its name, a link or a
hard link), not its companions or backups folder, not another SQLite file, not a folder or a device. Every
writer of a chosen path asks ``check_output_path`` first, so the database stays sound whatever is typed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from brief_samples import make_typical

from models.accounts.target_filter import TargetFilter
from models.importing.export import export_targets_csv
from models.importing.importer import Reject, write_rejects_csv
from models.kpi.export import write_tables_csv
from models.meetings.ics import export_ics
from models.store.backup import backup_now, validate_backup
from models.store.check import backup_file, quick_check
from models.store.db import backup_dir, open_db
from models.store.errors import KakeruError
from models.store.output_path import COMPANION_SUFFIXES, OutputPathRefused, check_output_path
from reports.briefing import write_brief, write_day_briefs

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def opened(tmp_path):
    """A database file open in this process, with a meeting (its id) and one backup beside it."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    meeting_id = make_typical(db)
    backup_now(db)
    yield db, path, meeting_id
    db.close()


def sound(path: Path) -> bool:
    return quick_check(path) and validate_backup(path).ok  # whole, and still a Kakeru database


def test_a_new_file_or_an_ordinary_one_may_be_written(opened, tmp_path):
    _db, path, _ = opened
    (tmp_path / "old.pdf").write_bytes(b"%PDF-1.4 an older sheet")
    for target in (tmp_path / "brief.pdf", tmp_path / "old.pdf", tmp_path / "sub" / "new.csv"):
        assert check_output_path(target, path) == target


def test_the_database_itself_is_refused_by_name_link_and_hard_link(opened, tmp_path):
    _db, path, _ = opened
    link = tmp_path / "link.pdf"
    link.symlink_to(path)
    hard = tmp_path / "hard.pdf"
    os.link(path, hard)
    relative = Path(os.path.relpath(path))
    for target in (path, link, hard, relative, tmp_path / "sub" / ".." / "kakeru.db"):
        with pytest.raises(OutputPathRefused, match="使用中のデータベースそのものです"):
            check_output_path(target)  # known as open in this process, without being told


@pytest.mark.parametrize("suffix", COMPANION_SUFFIXES)
def test_every_companion_of_the_database_is_refused(opened, suffix):
    _db, path, _ = opened
    with pytest.raises(OutputPathRefused, match="関連ファイル") as refused:
        check_output_path(f"{path}{suffix}")
    assert str(refused.value) == (
        f"「{path}{suffix}」には保存できません。使用中のデータベースと一緒に使われている関連ファイルです。"
        "別の場所かファイル名を指定してください。どのファイルも変更していません。")


def test_the_backups_folder_and_any_sqlite_file_are_refused(opened, tmp_path):
    _db, path, _ = opened
    [backup] = backup_dir(path).glob("*.db")
    for target in (backup, backup_dir(path) / "brief.pdf", backup_dir(path) / "sub" / "brief.pdf"):
        with pytest.raises(OutputPathRefused, match="バックアップを保管するフォルダー"):
            check_output_path(target)
    other = tmp_path / "other" / "another.db"  # a database this process never had open
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    for target in (other, Path(os.path.relpath(other))):
        with pytest.raises(OutputPathRefused, match="SQLite のデータベースファイルです"):
            check_output_path(target)
    with pytest.raises(OutputPathRefused, match="関連ファイル"):
        check_output_path(f"{other}-wal")
    # ``backup --out`` writes a database: replacing another, closed one is what it is asked to do.
    assert check_output_path(other, path, database_copy=True) == other


def test_folders_and_devices_are_refused(opened, tmp_path):
    with pytest.raises(OutputPathRefused, match="フォルダーです"):
        check_output_path(tmp_path)
    if os.name == "posix":
        with pytest.raises(OutputPathRefused, match="通常のファイルではありません"):
            check_output_path("/dev/null")
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with pytest.raises(OutputPathRefused, match="通常のファイルではありません"):
            check_output_path(fifo)


WRITERS = {
    "ics": lambda db, meeting, out: export_ics(db, out),
    "brief": lambda db, meeting, out: write_brief(db, meeting, out),
    "targets csv": lambda db, meeting, out: export_targets_csv(db, TargetFilter(), out),
    "kpi csv": lambda db, meeting, out: write_tables_csv(out, [(["a"], [["1"]])]),
    "rejects csv": lambda db, meeting, out: write_rejects_csv([Reject(2, "会社名がありません", ("",))], out),
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("target", ["database", "wal", "shm", "lock", "backup"])
def test_every_writer_refuses_the_database_and_its_companions(opened, writer, target):
    db, path, meeting = opened
    out = {"database": path, "wal": Path(f"{path}-wal"), "shm": Path(f"{path}-shm"),
           "lock": Path(f"{path}.lock"), "backup": next(backup_dir(path).glob("*.db"))}[target]
    before = out.read_bytes() if out.exists() and target != "wal" else None
    with pytest.raises(KakeruError, match="には保存できません"):  # the CSV writers say it as an ExportError
        WRITERS[writer](db, meeting, out)
    if before is not None:
        assert out.read_bytes() == before
    assert not list(out.parent.glob("*.partial"))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert sound(path)


def test_a_days_briefs_are_not_written_into_the_backups_folder(opened):
    db, path, meeting = opened
    day = date.fromisoformat(db.execute("SELECT substr(starts_at, 1, 10) FROM meetings WHERE id = ?",
                                        [meeting]).fetchone()[0])
    with pytest.raises(OutputPathRefused):
        write_day_briefs(db, day, backup_dir(path))
    assert not list(backup_dir(path).glob("*.pdf"))


def test_backup_out_refuses_the_companions_but_may_replace_a_closed_copy(opened, tmp_path):
    _db, path, _ = opened
    with pytest.raises(OutputPathRefused):
        backup_file(path, f"{path}-wal")
    copy = tmp_path / "copy.db"
    assert backup_file(path, copy).verdict.ok
    assert backup_file(path, copy).verdict.ok  # the earlier copy, a closed database, is replaced


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_command_line_refuses_the_database_as_an_output(opened, tmp_path):
    db, path, meeting = opened
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("会社名,電話番号\n,03-0000-0000\n株式会社新規,03-1111-2222\n", encoding="utf-8")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = path.read_bytes()
    runs = [
        run_main("brief", str(meeting), "--db", str(path), "--out", str(path)),
        run_main("ics", "--db", str(path), "--out", f"{path}-wal"),
        run_main("import", str(csv_file), "--db", str(path), "--list", "新規", "--rejects", str(path)),
    ]
    if os.name == "posix":
        runs.append(run_main("ics", "--db", str(path), "--out", "/dev/null"))
    for result in runs:
        assert result.returncode == 1, result.stdout + result.stderr
        assert "には保存できません" in result.stderr and "保存しました" not in result.stdout
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before  # the import was refused before it wrote anything
    assert sound(path)
