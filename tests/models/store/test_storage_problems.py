"""Storage Kakeru cannot keep records in is said as it is: read-only (file or folder), a folder that cannot be
made, an empty file. Nothing of it is taken for a damaged database ("restore from a backup"), nothing of it is
changed, and commands that only read still read a read-only database.

Root ignores file permissions (CI runs as root), so ``os.access`` — what Kakeru asks — is made to answer as
it does for a read-only drive. ``test_on_a_real_read_only_mount`` mounts one when the machine allows it.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.store.check import backup_file, check_file, quick_check
from models.store.db import backup_dir, check_can_open, open_db, open_existing, stamp, writing
from models.store.errors import (
    DatabaseCannotOpen,
    DatabaseEmpty,
    DatabaseReadOnly,
    DiskFull,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def kakeru_file(tmp_path):
    """A closed Kakeru database with three companies, everything in the main file (no -wal left)."""
    path = tmp_path / "data" / "kakeru.db"
    db = open_db(path)
    with writing(db):
        db.table("companies").insert_all(stamp({"name": f"株式会社テスト{i}"}) for i in range(3))
    db.close()
    assert not Path(f"{path}-wal").exists()
    return path


def read_only(monkeypatch, *paths: Path) -> None:
    """``os.access`` answers for ``paths`` as on a read-only drive: readable, never writable."""
    real = os.access
    denied = {Path(p).resolve() for p in paths}

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() in denied:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- read-only ----------------------------------------------------------------------------------

def test_a_read_only_file_is_refused_at_open_with_the_reason(kakeru_file, monkeypatch):
    read_only(monkeypatch, kakeru_file)
    before = kakeru_file.read_bytes()
    with pytest.raises(DatabaseReadOnly) as refused:
        open_db(kakeru_file)
    assert str(refused.value) == (
        f"データベース「{kakeru_file}」は読み取り専用のため、Kakeru で開けません"
        "（開いても、記録を保存できないためです）。"
        "ファイルは変更していません。ファイルに書き込みの権限があるか、"
        "読み取り専用のドライブや USB メモリーに置かれていないかをご確認ください。")
    assert "復元" not in str(refused.value) and "破損" not in str(refused.value)
    assert kakeru_file.read_bytes() == before and files_in(kakeru_file.parent) == ["kakeru.db"]


def test_a_read_only_folder_is_refused_at_open(kakeru_file, monkeypatch):
    read_only(monkeypatch, kakeru_file.parent)
    with pytest.raises(DatabaseReadOnly, match="のあるフォルダーは読み取り専用のため") as refused:
        open_db(kakeru_file)
    assert refused.value.folder and refused.value.opening
    with pytest.raises(DatabaseReadOnly):
        open_db(kakeru_file.parent / "new.db")  # a new file could not be made there either
    assert files_in(kakeru_file.parent) == ["kakeru.db"]


def test_commands_that_only_read_still_read_read_only_storage(kakeru_file, monkeypatch):
    read_only(monkeypatch, kakeru_file, kakeru_file.parent)
    db = open_existing(kakeru_file)
    try:
        assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 3
        with pytest.raises(DatabaseReadOnly, match="書き込めませんでした"), writing(db):
            db.table("companies").insert(stamp({"name": "株式会社新規"}))
    finally:
        db.close()
    assert files_in(kakeru_file.parent) == ["kakeru.db"]  # no -shm or -wal made in the read-only folder


def test_a_check_and_a_copy_of_read_only_storage_work_and_say_nothing_of_damage(kakeru_file, monkeypatch,
                                                                               tmp_path):
    read_only(monkeypatch, kakeru_file, kakeru_file.parent)
    assert quick_check(kakeru_file) and check_file(kakeru_file).ok
    copy = backup_file(kakeru_file, tmp_path / "copy.db")
    assert copy.verdict.ok and copy.verdict.companies == 3
    assert files_in(kakeru_file.parent) == ["kakeru.db"]


@pytest.mark.parametrize(("code", "named", "words"), [
    (errno.EROFS, DatabaseReadOnly, "フォルダーは読み取り専用"),
    (errno.EACCES, DatabaseReadOnly, "フォルダーは読み取り専用"),
    (errno.ENOSPC, DiskFull, "空き容量が不足"),
    (errno.EIO, DatabaseCannotOpen, "開けませんでした"),
])
def test_a_folder_that_cannot_be_made_is_said_plainly(tmp_path, monkeypatch, code, named, words):
    def refuse(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(named, match=words):
        open_db(tmp_path / "new-folder" / "kakeru.db")


def test_a_file_where_the_folder_should_be_or_a_folder_given_as_the_file_cannot_be_opened(tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(DatabaseCannotOpen):
        open_db(tmp_path / "a-file" / "kakeru.db")
    with pytest.raises(DatabaseCannotOpen):
        check_can_open(tmp_path)


# -- an empty file ------------------------------------------------------------------------------

def test_an_empty_file_is_not_a_database_and_is_never_replaced(tmp_path):
    empty = tmp_path / "kakeru.db"
    empty.touch()
    for open_it in (open_db, open_existing, check_file, backup_file):
        with pytest.raises(DatabaseEmpty) as refused:
            open_it(empty)
        assert "中身が空のファイル（0 バイト）で、Kakeru のデータベースではありません" in str(refused.value)
    assert empty.stat().st_size == 0 and files_in(tmp_path) == ["kakeru.db"]  # no backups folder either
    assert not backup_dir(empty).exists()
    open_db(tmp_path / "new.db").close()  # a path with no file is still a new database
    assert (tmp_path / "new.db").stat().st_size > 0


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_command_line_refuses_an_empty_file_and_leaves_it_alone(tmp_path):
    empty = tmp_path / "kakeru.db"
    empty.touch()
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("会社名\n株式会社新規\n", encoding="utf-8")
    for args in (("backup", "--db", str(empty)), ("import", str(csv_file), "--db", str(empty), "--list", "x"),
                 ("agenda", "--db", str(empty))):
        result = run_main(*args)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "0 バイト" in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert empty.stat().st_size == 0 and files_in(tmp_path) == ["kakeru.db", "list.csv"]


# -- a real read-only mount ---------------------------------------------------------------------

def _can_mount_read_only(folder: Path) -> bool:
    if os.name != "posix" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "sh", "-c", f"mount --bind -o ro '{folder}' '{folder}'"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def run_on_read_only(mounted: Path, *args: str) -> subprocess.CompletedProcess:
    """``main.py args`` in a mount namespace where ``mounted`` (a folder or a file) is read-only."""
    command = " ".join(f"'{a}'" for a in (sys.executable, "main.py", *args))
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", f"mount --bind -o ro '{mounted}' '{mounted}' && exec {command}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_on_a_real_read_only_mount(kakeru_file, tmp_path, what):
    if not _can_mount_read_only(kakeru_file.parent):
        pytest.skip("a read-only bind mount needs unshare and mount permission (root or user namespaces)")
    mounted = kakeru_file.parent if what == "folder" else kakeru_file
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("会社名\n株式会社新規\n", encoding="utf-8")
    before = kakeru_file.read_bytes()
    agenda = run_on_read_only(mounted, "agenda", "--db", str(kakeru_file), "--json")
    assert agenda.returncode == 0, agenda.stderr
    check = run_on_read_only(mounted, "check", "--db", str(kakeru_file))
    assert check.returncode == 0 and "問題は見つかりませんでした" in check.stdout, check.stdout + check.stderr
    for args in (("import", str(csv_file), "--db", str(kakeru_file), "--list", "x"),
                 ("demo", "--db", str(kakeru_file), "--companies", "2", "--force")):
        result = run_on_read_only(mounted, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "読み取り専用のため、Kakeru で開けません" in result.stderr and "復元" not in result.stderr
    assert kakeru_file.read_bytes() == before
