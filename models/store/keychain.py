"""Remembering a database's passphrase in the OS keychain (``keyring``), only when the caller asks.

The keychain is the only place a passphrase is ever stored. Without one (a headless machine, a Linux
desktop without a secret service) nothing is remembered and the passphrase is asked at each start: reading
says "not remembered", storing raises ``KeychainUnavailable`` with the sentence to show.
"""

from __future__ import annotations

from pathlib import Path

from models.store.errors import KakeruError

SERVICE = "Kakeru"


class KeychainUnavailable(KakeruError):
    def __init__(self, detail: str = ""):
        super().__init__(
            "この環境ではキーチェーン（パスワードの保管庫）を使えないため、パスフレーズを保存できませんでした。"
            "パスフレーズはどこにも保存していません。起動のたびに入力してください。"
            + (f"（詳細: {detail}）" if detail else "")
        )


def account(db_path: str | Path) -> str:
    """The keychain entry's account name: the database's full path (one passphrase per file)."""
    return str(Path(db_path).resolve())


def remember(db_path: str | Path, passphrase: str) -> None:
    """Store ``passphrase`` for the database at ``db_path`` in the OS keychain.

    Raises:
        KeychainUnavailable: there is no usable keychain; nothing was stored anywhere.
    """
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, account(db_path), passphrase)
    except Exception as error:  # every backend fails its own way (no D-Bus, locked, refused)
        raise KeychainUnavailable(_detail(error)) from error


def recall(db_path: str | Path) -> str | None:
    """The passphrase stored for the database at ``db_path``; None when none is, or there is no keychain."""
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, account(db_path))
    except Exception:  # no keychain means nothing remembered: the passphrase is asked instead
        return None


def forget(db_path: str | Path) -> bool:
    """Remove the stored passphrase of the database at ``db_path``; whether one was removed."""
    keyring = _keyring()
    try:
        keyring.delete_password(SERVICE, account(db_path))
    except Exception:  # none stored, or no keychain: either way nothing is stored now
        return False
    return True


def _keyring():
    import keyring  # only when a database is encrypted: it takes a tenth of a second to load

    return keyring


def _detail(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
