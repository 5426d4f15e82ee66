"""``main.py encrypt`` / ``decrypt`` / ``passphrase``, and every subcommand on an encrypted database with
its passphrase from ``KAKERU_PASSPHRASE`` (a script has no terminal to type it at)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.store import cipher
from models.store.db import backup_dir, open_db, stamp, writing

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "kaigan-dori 7"
CUSTOMER = "株式会社暗号試験"


def run_main(*args: str, passphrase: str | None = None,
             new: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in ("KAKERU_PASSPHRASE", "KAKERU_NEW_PASSPHRASE")}
    env.update(PYTHONIOENCODING="utf-8", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    if passphrase is not None:
        env["KAKERU_PASSPHRASE"] = passphrase
    if new is not None:
        env["KAKERU_NEW_PASSPHRASE"] = new
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def kakeru_file(tmp_path):
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    with writing(db):
        db.table("companies").insert(stamp({"name": CUSTOMER, "search_key": CUSTOMER}))
    db.close()
    yield path
    cipher.forget_all()


def test_encrypt_then_every_subcommand_with_the_passphrase(kakeru_file):
    done = run_main("encrypt", "--db", str(kakeru_file), passphrase=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert "暗号化しました" in done.stdout and "before-encrypt" in done.stdout
    assert CUSTOMER.encode() not in kakeru_file.read_bytes()

    for args in (["agenda"], ["check"], ["backup"], ["kpi", "--from", "2026-11-01", "--to", "2026-11-30"]):
        ran = run_main(*args, "--db", str(kakeru_file), passphrase=PASSPHRASE)
        assert ran.returncode == 0, (args, ran.stderr)
    backups = list(backup_dir(kakeru_file).glob("*.db"))
    assert len(backups) == 2 and not any(CUSTOMER.encode() in file.read_bytes() for file in backups)


def test_without_or_with_a_wrong_passphrase_a_sentence_and_nothing_changes(kakeru_file):
    assert run_main("encrypt", "--db", str(kakeru_file), passphrase=PASSPHRASE).returncode == 0
    before = kakeru_file.read_bytes()
    missing = run_main("agenda", "--db", str(kakeru_file))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "KAKERU_PASSPHRASE" in missing.stderr and "ファイルは変更していません" in missing.stderr
    wrong = run_main("import", __file__, "--db", str(kakeru_file), "--list", "x", passphrase="not it at all")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "パスフレーズが違う" in wrong.stderr
    assert run_main("decrypt", "--db", str(kakeru_file), passphrase="not it at all").returncode == 1
    assert kakeru_file.read_bytes() == before


def test_change_the_passphrase_then_decrypt(kakeru_file):
    assert run_main("encrypt", "--db", str(kakeru_file), passphrase=PASSPHRASE).returncode == 0
    changed = run_main("passphrase", "--db", str(kakeru_file), passphrase=PASSPHRASE, new="the second one")
    assert changed.returncode == 0, changed.stderr
    assert run_main("agenda", "--db", str(kakeru_file), passphrase=PASSPHRASE).returncode == 1
    decrypted = run_main("decrypt", "--db", str(kakeru_file), passphrase="the second one")
    assert decrypted.returncode == 0, decrypted.stderr
    with sqlite3.connect(kakeru_file) as conn:
        assert conn.execute("SELECT name FROM companies").fetchall() == [(CUSTOMER,)]


def test_refusals(kakeru_file, tmp_path):
    no_passphrase = run_main("encrypt", "--db", str(kakeru_file))  # no terminal, no variable
    assert no_passphrase.returncode == 1 and "KAKERU_PASSPHRASE" in no_passphrase.stderr
    short = run_main("encrypt", "--db", str(kakeru_file), passphrase="short")
    assert short.returncode == 1 and "8 文字以上" in short.stderr
    plain = run_main("decrypt", "--db", str(kakeru_file))
    assert plain.returncode == 1 and "暗号化されていません" in plain.stderr
    missing = run_main("encrypt", "--db", str(tmp_path / "typo.db"), passphrase=PASSPHRASE)
    assert missing.returncode == 1 and "見つかりません" in missing.stderr
    assert not (tmp_path / "typo.db").exists()
