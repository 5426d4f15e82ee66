"""Encrypting, decrypting and re-keying a database, and the passphrase every subcommand asks for."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    pass

from cli.common import EXIT_OK

PASSPHRASE_VARIABLE = "KAKERU_PASSPHRASE"  # the database's passphrase, for scripts
NEW_PASSPHRASE_VARIABLE = "KAKERU_NEW_PASSPHRASE"  # the new one, for `passphrase` in a script


def _ask_passphrase(prompt: str, variable: str, *, confirm: bool = False) -> str | None:
    """A passphrase from the environment ``variable``, else typed at the terminal (twice with ``confirm``);
    None when neither is possible (no variable, and no terminal to ask at)."""
    given = os.environ.get(variable)
    if given:
        return given
    if not (sys.stdin is not None and sys.stdin.isatty()):
        return None
    import getpass

    typed = getpass.getpass(prompt)
    if confirm:
        from models.store.encryption import check_passphrase

        check_passphrase(typed, getpass.getpass("確認のため、もう一度入力してください: "))
    return typed


def unlock_database(args: argparse.Namespace) -> None:
    """Before a subcommand opens ``--db``: take an encrypted file's passphrase from ``KAKERU_PASSPHRASE``
    or the terminal, and check it.

    Raises:
        PassphraseRequired: the file is encrypted and no passphrase could be had.
        WrongPassphrase: the passphrase does not open it (the file is unchanged).
    """
    from models.store import cipher
    from models.store.errors import PassphraseRequired

    path = getattr(args, "db", None)
    if not path or args.command == "encrypt" or cipher.is_unlocked(path):
        return
    passphrase = _ask_passphrase(f"データベース「{path}」のパスフレーズ: ", PASSPHRASE_VARIABLE)
    if passphrase is None:
        raise PassphraseRequired(str(path))
    cipher.unlock(path, passphrase)


def _progress_printer(verb: str):
    """A progress callback printing ``verb… NN%`` over itself on a terminal's stderr (else nothing)."""
    if not (sys.stderr is not None and sys.stderr.isatty()):
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{verb}… {percent}%", end="" if percent < 100 else "\n", file=sys.stderr, flush=True)

    return show


def cmd_encrypt(args: argparse.Namespace) -> int:
    from models.store import cipher
    from models.store.encryption import AlreadyEncrypted, encrypt_database
    from models.store.errors import DatabaseMissing, ValidationError

    if not Path(args.db).is_file():
        raise DatabaseMissing(str(args.db))
    if cipher.looks_encrypted(args.db):
        raise AlreadyEncrypted(args.db)
    passphrase = _ask_passphrase("新しいパスフレーズ: ", PASSPHRASE_VARIABLE, confirm=True)
    if passphrase is None:
        raise ValidationError(f"パスフレーズを環境変数 {PASSPHRASE_VARIABLE} で指定するか、"
                              "端末から実行して入力してください。データベースは変更していません。")
    done = encrypt_database(args.db, passphrase, progress=_progress_printer("暗号化しています"))
    print(f"データベース「{args.db}」を暗号化しました。{done.summary_ja()}"
          "パスフレーズを忘れると、データもバックアップも開けなくなります。安全な場所に控えてください。")
    return EXIT_OK


def cmd_decrypt(args: argparse.Namespace) -> int:
    from models.store import keychain
    from models.store.encryption import decrypt_database

    done = decrypt_database(args.db, progress=_progress_printer("暗号化を解除しています"))
    keychain.forget(args.db)  # a remembered passphrase opens nothing now
    print(f"データベース「{args.db}」の暗号化を解除しました。{done.summary_ja()}")
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    from models.store import cipher, keychain
    from models.store.encryption import NotEncrypted, change_passphrase
    from models.store.errors import DatabaseMissing, ValidationError

    if not Path(args.db).is_file():
        raise DatabaseMissing(str(args.db))
    if not cipher.looks_encrypted(args.db):
        raise NotEncrypted(args.db)
    new = _ask_passphrase("新しいパスフレーズ: ", NEW_PASSPHRASE_VARIABLE, confirm=True)
    if new is None:
        raise ValidationError(f"新しいパスフレーズを環境変数 {NEW_PASSPHRASE_VARIABLE} で指定するか、"
                              "端末から実行して入力してください。データベースは変更していません。")
    done = change_passphrase(args.db, new, progress=_progress_printer("パスフレーズを変更しています"))
    if keychain.recall(args.db) is not None:
        keychain.remember(args.db, new)  # the one remembered is kept current, not left stale
    print(f"データベース「{args.db}」のパスフレーズを変更しました。{done.summary_ja()}")
    return EXIT_OK
