"""``team join`` and ``sync``: binding a local database to a team and syncing it (models/team).

psycopg and the team modules are imported inside the handlers: main.py imports this module at start-up.
"""

from __future__ import annotations

import argparse
import json

from cli.common import EXIT_OK, open_for_reading, open_for_writing


def add_parsers(sub: argparse._SubParsersAction, team: argparse._SubParsersAction) -> None:
    """Add ``sync`` to the top-level subcommands and ``join`` to the ``team`` group."""
    p = sub.add_parser("sync", help="チームのサーバーと同期する（送信してから受信）")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true",
                   help='{"pushed", "pulled", "conflicts", "cursor"} を出力する')
    p.set_defaults(func=cmd_sync)

    p = team.add_parser("join", help="このデータベースをチームに参加させる（最初の同期で手元のデータを送信）")
    p.add_argument("--db", required=True)
    p.add_argument("--server", required=True,
                   help="接続先（例: host=… dbname=… user=…、パスワードは含めない）")
    p.add_argument("--caller", required=True, help="チームでの表示名（またはログイン名）")
    p.set_defaults(func=cmd_join)


def cmd_join(args: argparse.Namespace) -> int:
    from psycopg.conninfo import conninfo_to_dict

    from models.team.join import join, without_password
    from models.team.sync import connector, find_member

    dsn = without_password(args.server)
    login = str(conninfo_to_dict(dsn).get("user") or args.caller)
    # The password the DSN may carry is used for this check only: the file keeps the DSN without it.
    login, name = find_member(connector(args.server, login), login, args.caller)
    db, _existed = open_for_writing(args)
    try:
        joined = join(db, dsn, login, name)
    finally:
        db.close()
    print(f"チームに参加しました（{name}、ログイン {login}）。次の同期で {joined.queued:,} 件を送信します。")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from models.team.sync import default_factory, sync

    db = open_for_reading(args)
    try:
        result = sync(db, default_factory(db))
    finally:
        db.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print(f"同期しました: 送信 {result.pushed:,} 件、受信 {result.pulled:,} 件、"
              f"競合 {result.conflicts:,} 件。")
    return EXIT_OK
