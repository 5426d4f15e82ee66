"""Expected failures of team sync, each a plain Japanese sentence (``models.store.errors.KakeruError``)."""

from __future__ import annotations

from models.store.errors import KakeruError


class TeamError(KakeruError):
    """The team's server cannot be used as it is."""


class ServerTooNew(TeamError):
    """The server's schema was made by a newer Kakeru than this one: nothing is read or written."""

    def __init__(self, server_version: int, app_version: int):
        self.server_version = server_version
        self.app_version = app_version
        super().__init__(
            "チームのサーバーは新しいバージョンの Kakeru で設定されています"
            f"（サーバーの版 {server_version}、このアプリの対応版 {app_version}）。"
            "Kakeru を最新版に更新してから、もう一度同期してください。"
            "サーバーとこのパソコンのデータは変更していません。"
        )
