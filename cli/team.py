"""``team init``, ``add-caller``, ``assign`` and ``hand-over``: setting up a team's server (models/team).

``--server`` is a PostgreSQL DSN (``host=… port=… dbname=… user=…`` or ``postgresql://user@host/db``) of
the login doing the act: the team's administrator for ``init`` and ``add-caller``, a manager for
``assign`` and ``hand-over``. Its password may be in the DSN, in ``PGPASSWORD`` or ``~/.pgpass``, or is
asked at the terminal. The new member's password of ``add-caller`` is typed at the terminal (twice) or
given in ``KAKERU_TEAM_PASSWORD`` for scripts; it is never printed.

psycopg and the team modules are imported inside the handlers: main.py imports this module at start-up.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING

from cli.common import EXIT_OK

if TYPE_CHECKING:
    from psycopg import Connection

TEAM_PASSWORD_VARIABLE = "KAKERU_TEAM_PASSWORD"  # the new member's password, for scripts
MIN_PASSWORD_LENGTH = 8
_PLAIN_LOGIN = re.compile(r"[a-z][a-z0-9_.-]{0,62}")


def add_parsers(team: argparse._SubParsersAction) -> None:
    """Add ``init``, ``add-caller`` and ``assign`` to the ``team`` subcommand group."""
    p = team.add_parser("init", help="PostgreSQL のデータベースにチームを作成（または更新）する")
    p.add_argument("--server", required=True, metavar="DSN",
                   help="チームのデータベースの接続文字列（データベースの所有者で、ロールを作成できるログイン）")
    p.set_defaults(func=cmd_team_init)

    p = team.add_parser("add-caller", help="チームにメンバーを追加する（パスワードは端末で入力するか "
                                           f"{TEAM_PASSWORD_VARIABLE} で指定）")
    p.add_argument("name", metavar="NAME", help="表示名（架電記録の担当者名になります）")
    p.add_argument("--server", required=True, metavar="DSN",
                   help="チームのデータベースの接続文字列（管理者）")
    p.add_argument("--manager", action="store_true", help="マネージャーとして追加する")
    p.add_argument("--login", help="ログイン名（英小文字・数字・_ . -。省略時は NAME）")
    p.set_defaults(func=cmd_team_add_caller)

    p = team.add_parser("assign", help="リストをメンバーに割り当てる（マネージャーの操作）")
    p.add_argument("list", metavar="LIST", help="リスト名または uid")
    p.add_argument("--to", required=True, metavar="CALLER", help="割り当てるメンバーの表示名またはログイン名")
    p.add_argument("--server", required=True, metavar="DSN",
                   help="チームのデータベースの接続文字列（マネージャー）")
    p.set_defaults(func=cmd_team_assign)

    p = team.add_parser("hand-over",
                        help="担当者のリストと未完了の予定を別のメンバーに引き継ぐ（マネージャーの操作）")
    p.add_argument("--from", dest="from_caller", required=True, metavar="CALLER",
                   help="引き継ぎ元のメンバー（表示名またはログイン名）")
    p.add_argument("--to", required=True, metavar="CALLER", help="引き継ぎ先のメンバー")
    p.add_argument("--list", metavar="LIST",
                   help="引き継ぐリスト（名前または uid）。省略時は割り当て済みのリストと予定をすべて")
    p.add_argument("--server", required=True, metavar="DSN",
                   help="チームのデータベースの接続文字列（マネージャー）")
    p.set_defaults(func=cmd_team_hand_over)


def _ask(prompt: str) -> str | None:
    """A password typed at the terminal; None when there is no terminal to ask at."""
    if not (sys.stdin is not None and sys.stdin.isatty()):
        return None
    import getpass

    return getpass.getpass(prompt)


def _open(server: str) -> Connection:
    """The DSN's login connected; its password asked at the terminal when it has none anywhere."""
    from models.team.connect import connect_admin
    from models.team.errors import PasswordMissing

    try:
        return connect_admin(server)
    except PasswordMissing:
        typed = _ask("サーバーのパスワード: ")
        if typed is None:
            raise
        return connect_admin(server, typed)


def _new_password(name: str) -> str:
    from models.team.errors import TeamError

    given = os.environ.get(TEAM_PASSWORD_VARIABLE)
    if given:
        password = given
    else:
        typed = _ask(f"「{name}」のパスワード: ")
        if typed is None:
            raise TeamError(f"「{name}」のパスワードが指定されていません。端末で実行して入力するか、"
                            f"環境変数 {TEAM_PASSWORD_VARIABLE} で指定してください。")
        if typed != _ask("確認のため、もう一度入力してください: "):
            raise TeamError("2 回入力したパスワードが一致しません。メンバーは追加していません。")
        password = typed
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TeamError(f"パスワードは {MIN_PASSWORD_LENGTH} 文字以上にしてください。"
                        "メンバーは追加していません。")
    return password


def init_text(where: str, before: int, after: int, caller_role: str, manager_role: str) -> str:
    if before == 0:
        head = f"チームを作成しました（{where}、スキーマの版 {after}）。"
    elif before < after:
        head = f"チームのスキーマを版 {before} から版 {after} に更新しました（{where}）。"
    else:
        head = f"チームはすでに最新です（{where}、スキーマの版 {after}）。ロールと権限を確認しました。"
    return (f"{head}\nメンバーのロール: {caller_role}（コーラー）、{manager_role}（マネージャー）\n"
            "次に `team add-caller 名前 --server DSN [--manager]` でメンバーを追加してください。")


def cmd_team_init(args: argparse.Namespace) -> int:
    from models.team.admin import group_roles, init_team
    from models.team.connect import where
    from models.team.server_schema import server_version

    with _open(args.server) as conn:
        conn.autocommit = True
        before = init_team(conn)
        after = server_version(conn)
        roles = group_roles(str(conn.info.dbname))
    print(init_text(where(args.server), before, after, roles.caller, roles.manager))
    return EXIT_OK


def cmd_team_add_caller(args: argparse.Namespace) -> int:
    from models.team.admin import add_member
    from models.team.connect import where
    from models.team.errors import TeamError

    login = args.login or args.name
    if not _PLAIN_LOGIN.fullmatch(login):
        raise TeamError(f"ログイン名「{login}」は使えません。--login で、英小文字で始まり"
                        "英小文字・数字・_ . - からなる名前（63 文字まで）を指定してください。")
    password = _new_password(args.name)
    with _open(args.server) as conn:
        conn.autocommit = True
        add_member(conn, args.name, login, password, manager=args.manager)
    kind = "マネージャー" if args.manager else "コーラー"
    print(f"「{args.name}」を{kind}としてチームに追加しました（ログイン名: {login}）。\n"
          f"本人のパソコンで `team join --db ファイル --server \"{member_dsn(args.server, login)}\" "
          f"--caller {args.name}` を実行すると参加できます（{where(args.server)}）。")
    return EXIT_OK


def member_dsn(server: str, login: str) -> str:
    """The DSN to hand a member: the administrator's password taken out, the member's login put in."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = {key: value for key, value in conninfo_to_dict(server).items() if key != "password"}
    params["user"] = login
    return make_conninfo(**params)


def cmd_team_assign(args: argparse.Namespace) -> int:
    from models.team.admin import assign_list

    with _open(args.server) as conn:
        assigned = assign_list(conn, args.list, args.to)
    again = "" if assigned.created else "（すでに割り当て済みのため、内容を送り直しました）"
    print(f"リスト「{args.list}」を「{args.to}」に割り当てました{again}。"
          f"{assigned.resent} 件の行が次の同期で届きます。")
    return EXIT_OK


def cmd_team_hand_over(args: argparse.Namespace) -> int:
    from models.team.handover import hand_over

    with _open(args.server) as conn:
        done = hand_over(conn, args.from_caller, args.to, args.list)
    what = (f"リスト「{args.list}」と未完了の予定 {done.plans} 件" if args.list
            else f"担当（リスト {len(done.lists)} 件、未完了の予定 {done.plans} 件）")
    print(f"{done.from_name}さんの{what}を{done.to_name}さんに引き継ぎました。"
          "これまでの架電履歴は記録した担当者の名前のまま残ります。"
          f"{done.resent} 件の行が次の同期で{done.to_name}さんに届きます。")
    return EXIT_OK
