"""Remembering an encrypted database's key in the OS keychain (``keyring``), only when the caller asks.

What is stored is the key the passphrase gives for that file (with its salt), not the passphrase: a start
then needs no key derivation (a few tenths of a second on purpose), and a passphrase used elsewhere too is
never written anywhere. The keychain is the only place either is ever stored. Without one (a headless
machine, a Linux desktop without a secret service) nothing is remembered and the passphrase is asked at
each start: reading says "not remembered", storing raises ``KeychainUnavailable`` with the sentence to show.
"""

from __future__ import annotations

from pathlib import Path

from models.store import cipher
from models.store.errors import KakeruError

SERVICE = "Kakeru"
_PREFIX = "sqlcipher-key-v1:"  # raw key and salt in hex, as SQLCipher's PRAGMA key takes them


class KeychainUnavailable(KakeruError):
    def __init__(self, detail: str = ""):
        super().__init__(
            "この環境ではキーチェーン（パスワードの保管庫）を使えないため、パスフレーズを保存できませんでした。"
            "パスフレーズはどこにも保存していません。起動のたびに入力してください。"
            + (f"（詳細: {detail}）" if detail else "")
        )


def account(db_path: str | Path) -> str:
    """The keychain entry's account name: the database's full path (one entry per file)."""
    return str(Path(db_path).resolve())


def entry_text(key: cipher.Key) -> str:
    """What the keychain holds for ``key``."""
    return f"{_PREFIX}{key.raw.hex()}{key.salt.hex()}"


def remember(db_path: str | Path, passphrase: str) -> None:
    """Store the key ``passphrase`` gives for the encrypted database at ``db_path`` in the OS keychain.

    Raises:
        KeychainUnavailable: there is no usable keychain; nothing was stored anywhere.
        ValueError: the file at ``db_path`` is not encrypted.
    """
    salt = cipher.file_salt(db_path)
    if salt is None:
        raise ValueError(f"{db_path} is not an encrypted database")
    remember_key(db_path, cipher.derive_key(passphrase, salt))


def remember_key(db_path: str | Path, key: cipher.Key) -> None:
    """Store ``key`` (the encrypted database's at ``db_path``) in the OS keychain.

    Raises:
        KeychainUnavailable: there is no usable keychain; nothing was stored anywhere.
    """
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, account(db_path), entry_text(key))
    except Exception as error:  # every backend fails its own way (no D-Bus, locked, refused)
        raise KeychainUnavailable(_detail(error)) from error


def recall(db_path: str | Path) -> str | None:
    """What the keychain holds for the database at ``db_path``; None when nothing, or there is no keychain."""
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, account(db_path))
    except Exception:  # no keychain means nothing remembered: the passphrase is asked instead
        return None


def recall_key(db_path: str | Path) -> cipher.Key | None:
    """The key remembered for the database at ``db_path`` (not checked against the file), or None."""
    text = recall(db_path) or ""
    if not text.startswith(_PREFIX):
        return None
    try:
        raw = bytes.fromhex(text[len(_PREFIX):])
    except ValueError:
        return None
    if len(raw) != cipher.KEY_BYTES + cipher.SALT_BYTES:
        return None
    return cipher.Key(raw[:cipher.KEY_BYTES], raw[cipher.KEY_BYTES:])


def forget(db_path: str | Path) -> bool:
    """Remove what is remembered for the database at ``db_path``; whether something was removed."""
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
