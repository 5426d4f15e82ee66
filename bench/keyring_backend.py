"""A keychain for the benchmark's processes, holding what ``KAKERU_BENCH_KEYCHAIN`` says.

``bench/run.py --encrypted`` puts there what Kakeru stores for its encrypted database and selects this
backend for the probes (``PYTHON_KEYRING_BACKEND``): an encrypted start then goes the way a caller's does
who saved the passphrase in the keychain (keyring loaded, the key read and checked) through Kakeru's own
start (``ui.app``).
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvironmentKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("KAKERU_BENCH_KEYCHAIN")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError("the benchmark's keychain is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError("the benchmark's keychain is read-only")
