"""Encryption at rest: a lost laptop leaks nothing from the database or its backups.

The database and every backup of it hold no customer string in their bytes, a plain SQLite reader cannot
open them, a wrong passphrase changes nothing, and the passphrase can be changed or the encryption undone.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from models.store import backup, cipher, encryption, keychain
from models.store.backup import backup_now, daily_backup_if_due, list_backups, restore_backup, validate_backup
from models.store.check import check_file, quick_check
from models.store.db import backup_dir, open_db, stamp, writing
from models.store.encryption import (
    AlreadyEncrypted,
    NotEncrypted,
    change_passphrase,
    decrypt_database,
    encrypt_database,
)
from models.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    PassphraseRequired,
    ValidationError,
    WrongPassphrase,
)

PASSPHRASE = "tsukishima 2026"
CUSTOMER = "株式会社秘密商事"
PERSON = "極秘太郎"
NOTE = "SecretBudget-4711"  # ASCII too, so a byte search does not depend on the text encoding


@pytest.fixture(autouse=True)
def _no_keys_held():
    yield
    cipher.forget_all()


def fill(db, suffix: str = "") -> None:
    with writing(db):
        company = db.table("companies").insert(
            stamp({"name": CUSTOMER + suffix, "search_key": CUSTOMER})).last_pk
        db.table("contacts").insert(stamp({"company_id": company, "name": PERSON, "notes": NOTE}))


def plain_file(tmp_path: Path) -> Path:
    """A plain Kakeru file with customers in it and one (plain) backup, closed."""
    path = tmp_path / "kakeru.db"
    db = open_db(path)
    fill(db)
    backup_now(db, now=datetime(2026, 11, 1, 9, 0))
    db.close()
    return path


def everything_on_disk(path: Path) -> list[Path]:
    """The database, whatever SQLite keeps beside it, and every file in its backups folder."""
    files = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    folder = backup_dir(path)
    files += sorted(folder.iterdir()) if folder.is_dir() else []
    return [file for file in files if file.is_file()]


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def leaks(file: Path) -> bool:
    data = file.read_bytes()
    return any(secret.encode(encoding) in data for secret in (CUSTOMER, PERSON, NOTE)
               for encoding in ("utf-8", "utf-16-le", "cp932"))


def test_the_database_and_its_backups_hold_no_customer_string(tmp_path):
    path = plain_file(tmp_path)
    assert leaks(path) and any(leaks(file) for file in backup_dir(path).iterdir())  # the test can see a leak

    done = encrypt_database(path, PASSPHRASE)
    # Written after: into the encrypted file's WAL, then backed up in every way a backup is taken.
    db = open_db(path)
    fill(db, "（追加）")
    assert Path(f"{path}-wal").stat().st_size > 0
    backup_now(db, now=datetime(2026, 11, 2, 9, 0))
    daily_backup_if_due(db)
    backup.backup_before(db, "import")
    copy = backup_dir(path) / "by-hand.db"
    from models.store.db import backup_to

    backup_to(db, copy)
    files = everything_on_disk(path)
    assert Path(f"{path}-wal") in files and copy in files and done.backup in files
    assert len([file for file in files if file.parent == backup_dir(path)]) >= 6
    assert [file.name for file in files if leaks(file)] == []
    db.close()
    assert [file.name for file in everything_on_disk(path) if leaks(file)] == []


def test_a_plain_sqlite_reader_cannot_open_them(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    files = [path, *backup_dir(path).glob("*.db")]
    assert len(files) == 3  # the database, the backup it had, the backup taken first
    for file in files:
        conn = sqlite3.connect(file)
        try:
            with pytest.raises(sqlite3.DatabaseError) as caught:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        assert caught.value.sqlite_errorcode == sqlite3.SQLITE_NOTADB, file.name


def test_it_opens_again_with_the_passphrase_and_only_with_it(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    cipher.forget_all()  # as a new start of the app

    with pytest.raises(PassphraseRequired) as required:
        open_db(path)
    assert "パスフレーズ" in str(required.value) and "ファイルは変更していません" in str(required.value)
    assert isinstance(required.value, DatabaseCorrupt)  # whatever took "not a database" as damage still does
    assert cipher.unlock(path, PASSPHRASE) is True
    db = open_db(path)
    try:
        assert db.execute("SELECT name FROM companies").fetchall() == [(CUSTOMER,)]
        found = db.execute("SELECT name FROM companies_fts "
                           "JOIN companies ON companies.id = companies_fts.rowid "
                           "WHERE companies_fts MATCH '秘密商'").fetchall()
        assert found == [(CUSTOMER,)]
    finally:
        db.close()


def test_a_wrong_passphrase_leaves_every_file_byte_identical(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    cipher.forget_all()
    before = {file: file.read_bytes() for file in everything_on_disk(path)}

    with pytest.raises(WrongPassphrase) as wrong:
        cipher.unlock(path, "not the passphrase")
    assert str(wrong.value).startswith("パスフレーズが違うため")
    assert "ファイルは変更していません" in str(wrong.value)
    with pytest.raises(WrongPassphrase):
        decrypt_database(path, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        change_passphrase(path, "a brand new one", "not the passphrase")
    with pytest.raises(PassphraseRequired):
        open_db(path)
    assert {file: file.read_bytes() for file in everything_on_disk(path)} == before


def test_the_passphrase_can_be_changed(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    done = change_passphrase(path, "a brand new passphrase", PASSPHRASE)
    assert done.backups_converted == 2 and done.backups_left == ()
    cipher.forget_all()
    with pytest.raises(WrongPassphrase):
        cipher.unlock(path, PASSPHRASE)
    cipher.unlock(path, "a brand new passphrase")
    for info in list_backups(path):  # every backup opens with the new passphrase
        assert validate_backup(info.path).ok, info.path.name
    assert [file.name for file in everything_on_disk(path) if leaks(file)] == []


def test_decrypting_makes_the_database_and_its_backups_plain_again(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    cipher.forget_all()
    done = decrypt_database(path, PASSPHRASE)
    assert done.backup.name.endswith("-before-decrypt.db")
    cipher.forget_all()
    for file in (path, *backup_dir(path).glob("*.db")):
        conn = sqlite3.connect(file)
        try:
            assert conn.execute("SELECT name FROM companies").fetchall() == [(CUSTOMER,)], file.name
        finally:
            conn.close()
    db = open_db(path)
    db.close()


def test_an_encrypted_backup_restores_and_stays_encrypted(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    db = open_db(path)
    taken = backup_now(db, now=datetime(2026, 11, 3, 9, 0))
    fill(db, "（復元後は消える）")
    db.close()
    restore_backup(path, taken)
    assert cipher.looks_encrypted(path)
    cipher.forget_all()
    cipher.unlock(path, PASSPHRASE)
    db = open_db(path)
    try:
        assert db.execute("SELECT name FROM companies").fetchall() == [(CUSTOMER,)]
    finally:
        db.close()


def test_checks_read_an_unlocked_encrypted_file(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    assert quick_check(path) is True
    assert check_file(path).ok
    taken = list_backups(path)[0].path
    assert validate_backup(taken).ok
    cipher.forget_all()
    verdict = validate_backup(taken)
    assert not verdict.ok and "暗号化" in verdict.message_ja


def test_errors_of_an_encrypted_connection_are_sqlite3_errors(tmp_path):
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    db = open_db(path)
    try:
        uid = db.execute("SELECT uid FROM companies").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError) as caught, writing(db):
            db.execute("INSERT INTO companies (uid, name, created_at, updated_at) VALUES (?, 'x', '', '')",
                       (uid,))
        assert caught.value.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CONSTRAINT
        with pytest.raises(sqlite3.OperationalError):
            next(iter(db.execute("SELECT no_such_column FROM companies")))
    finally:
        db.close()


def test_encrypting_refuses_while_the_database_is_open_elsewhere(tmp_path):
    path = plain_file(tmp_path)
    other = open_db(path)
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM companies").fetchone()  # a reader holds the file
        before = path.read_bytes()
        with pytest.raises(DatabaseLocked):
            encrypt_database(path, PASSPHRASE)
        assert path.read_bytes() == before and not cipher.looks_encrypted(path)
        assert [info.reason for info in list_backups(path)] == ["manual"]  # no backup converted
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_refusals_say_what_to_do(tmp_path):
    path = plain_file(tmp_path)
    with pytest.raises(ValidationError) as short:
        encrypt_database(path, "short")
    assert "8 文字以上" in str(short.value)
    with pytest.raises(ValidationError):
        encryption.check_passphrase(PASSPHRASE, PASSPHRASE + "!")
    with pytest.raises(NotEncrypted):
        decrypt_database(path)
    encrypt_database(path, PASSPHRASE)
    with pytest.raises(AlreadyEncrypted):
        encrypt_database(path, PASSPHRASE)


def test_a_conversion_stopped_before_the_rename_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = plain_file(tmp_path)
    before = dump(path)
    real_replace = os.replace

    def refuse_the_database(source, target):
        if Path(target) == path:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(encryption.os, "replace", refuse_the_database)
    with pytest.raises(encryption.ConversionFailed) as failed:
        encrypt_database(path, PASSPHRASE)
    assert "データベースは変更していません" in str(failed.value)
    # The same content, plain; only out of WAL mode, as a clean close leaves it.
    assert dump(path) == before and not cipher.looks_encrypted(path)
    assert not list(tmp_path.glob("*.converting*"))
    monkeypatch.undo()
    # Its backups were converted first; running it again finishes the work.
    done = encrypt_database(path, PASSPHRASE)
    assert cipher.looks_encrypted(path) and done.backups_left == ()
    assert [file.name for file in everything_on_disk(path) if leaks(file)] == []


def test_a_new_file_can_be_made_encrypted(tmp_path):
    path = tmp_path / "new.db"
    cipher.prepare_new(path, cipher.derive_key(PASSPHRASE))
    db = open_db(path)
    fill(db)
    db.close()
    assert cipher.looks_encrypted(path) and not leaks(path)
    cipher.forget_all()
    cipher.unlock(path, PASSPHRASE)


class _MemoryKeyring:
    """A keychain in memory, so no test touches the machine's own."""

    priority = 1

    def __init__(self):
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        del self.stored[(service, username)]


def test_the_keychain_remembers_only_when_asked_and_no_keychain_means_not_remembered(tmp_path, monkeypatch):
    from keyring.backends import fail

    memory = _MemoryKeyring()
    monkeypatch.setattr(keychain, "_keyring", lambda: memory)
    path = plain_file(tmp_path)
    encrypt_database(path, PASSPHRASE)
    assert keychain.recall(path) is None and keychain.recall_key(path) is None
    keychain.remember(path, PASSPHRASE)
    [(entry, text)] = memory.stored.items()
    # The key the passphrase gives for this file, not the passphrase: no derivation at a start, and a
    # passphrase used elsewhere too is never stored.
    assert entry == ("Kakeru", str(path.resolve())) and PASSPHRASE not in text
    remembered = keychain.recall_key(path)
    assert remembered == cipher.key_for(path) and cipher.key_opens(path, remembered)
    assert keychain.forget(path) is True and keychain.recall_key(path) is None
    memory.stored[entry] = "not a key"  # whatever else is there is not taken for one
    assert keychain.recall_key(path) is None

    # What a headless machine (CI, a Linux desktop without a secret service) has: keyring's "fail" backend.
    monkeypatch.setattr(keychain, "_keyring", fail.Keyring)
    assert keychain.recall(path) is None and keychain.recall_key(path) is None
    with pytest.raises(keychain.KeychainUnavailable) as caught:
        keychain.remember(path, PASSPHRASE)
    assert "どこにも保存していません" in str(caught.value)
    assert keychain.forget(path) is False


def test_a_callers_everyday_writes_work_on_an_encrypted_file(tmp_path):
    """Import, a logged call and its next plan on an encrypted file: the writes that take the id of an
    INSERT cursor, which is sqlcipher3's here (not a sqlite3.Cursor)."""
    from models.importing.importer import import_file
    from models.planning.touches import log_outcome

    path = tmp_path / "enc.db"
    cipher.prepare_new(path, cipher.derive_key(PASSPHRASE))
    db = open_db(path)
    csv = tmp_path / "list.csv"
    csv.write_text("会社名,電話番号\n株式会社暗号商事,03-1234-5678\n株式会社鍵屋,06-2345-6789\n",
                   encoding="utf-8")
    result = import_file(db, csv, list_name="暗号化リスト")
    assert result.created == 2 and result.import_id > 0
    company = db.execute("SELECT id FROM companies WHERE name = '株式会社暗号商事'").fetchone()[0]
    logged = log_outcome(db, company, "not_available")
    assert logged.touch_id > 0
    db.close()
    assert not leaks(path)
