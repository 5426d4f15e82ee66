"""A team set up as ``team init`` and ``add-caller`` set one up, with real login roles, for the team tests.

Roles are shared by the whole (session's) cluster, so every login made here carries a random suffix.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.team.admin import add_member, init_team


@dataclass
class Team:
    """A team's database: its administrator's DSN and each member's login and password by name."""

    admin_dsn: str
    logins: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def database(self) -> str:
        return str(conninfo_to_dict(self.admin_dsn)["dbname"])

    def dsn(self, name: str, password: str | None = None) -> str:
        """The DSN of member ``name`` (their own password unless another is given)."""
        return make_conninfo(self.admin_dsn, user=self.logins[name],
                             password=self.passwords[name] if password is None else password)

    def connect(self, name: str, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.dsn(name), **kwargs)

    def add(self, name: str, manager: bool = False) -> str:
        login = f"{'mgr' if manager else 'caller'}_{secrets.token_hex(4)}"
        password = f"pw-{secrets.token_hex(8)}'\"\\"  # quotes and a backslash: quoting is proven too
        with psycopg.connect(self.admin_dsn, autocommit=True) as admin:
            add_member(admin, name, login, password, manager=manager)
        self.logins[name] = login
        self.passwords[name] = password
        return login


def make_team(admin_dsn: str, callers: tuple[str, ...] = ("佐藤", "鈴木"),
              managers: tuple[str, ...] = ("田中",)) -> Team:
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        init_team(admin)
    team = Team(admin_dsn)
    for name in managers:
        team.add(name, manager=True)
    for name in callers:
        team.add(name)
    return team


def seed(conn: psycopg.Connection, company: str, list_uid: str | None = None,
         name: str | None = None) -> None:
    """A company (uid ``company``) with a contact, a touch by nobody in particular, and list membership."""
    conn.execute("INSERT INTO kakeru.companies (uid, created_at, updated_at, name) "
                 "VALUES (%s, 'now', 'now', %s)", [company, name or f"株式会社{company}"])
    conn.execute("INSERT INTO kakeru.contacts (uid, created_at, updated_at, company_uid, name) "
                 "VALUES (%s, 'now', 'now', %s, '山田')", [f"{company}-p", company])
    if list_uid is not None:
        conn.execute("INSERT INTO kakeru.target_lists (uid, created_at, updated_at, name) "
                     "VALUES (%s, 'now', 'now', %s) ON CONFLICT DO NOTHING", [list_uid, f"リスト{list_uid}"])
        conn.execute("INSERT INTO kakeru.list_members (uid, created_at, updated_at, list_uid, company_uid) "
                     "VALUES (%s, 'now', 'now', %s, %s)", [f"{list_uid}-{company}", list_uid, company])


def touch(conn: psycopg.Connection, uid: str, company: str, caller: str | None = None) -> None:
    conn.execute("INSERT INTO kakeru.touches (uid, created_at, updated_at, company_uid, at, caller, note) "
                 "VALUES (%s, 'now', 'now', %s, '2026-12-08T10:00:00+09:00', %s, 'メモ')",
                 [uid, company, caller])
