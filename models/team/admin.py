"""Setting up a team on its PostgreSQL database: schema, roles, members, assignments.

A team is one database (``models/team/README.md``). ``init_team`` migrates its schema, makes the two
group roles every member belongs to (a caller's and a manager's), and closes the database to everyone
else: ``CONNECT`` is revoked from ``PUBLIC`` and granted to each member's login role only. Roles are
shared by every database of a PostgreSQL server, so the group roles carry the database's name: two
teams on one server never share them.

``init_team`` and ``add_member`` need the team's administrator (the database's owner, allowed to create
roles); ``assign_list`` is a manager's act, refused by the server for anyone else.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from psycopg import Connection, sql
from psycopg.types.json import Jsonb

from models.team import hlc
from models.team.errors import AdminRequired, Ambiguous, LoginTaken, MemberExists, NotAllowed, NotFound
from models.team.server_schema import migrate_server

_ROLE_NAME_MAX = 63  # PostgreSQL cuts identifiers at 63 bytes (NAMEDATALEN - 1)

# What each group role may do on the tables; row-level security narrows it row by row.
_DATA_TABLES = ("companies", "contacts", "relationships", "touches", "plans", "meetings", "target_lists",
                "list_members", "conflicts", "meeting_attendees", "cadences", "cadence_steps",
                "team_settings")
_CALLER_GRANTS = [
    "GRANT USAGE ON SCHEMA kakeru TO {caller}",
    "GRANT SELECT, INSERT, UPDATE ON " + ", ".join(f"kakeru.{t}" for t in _DATA_TABLES) + " TO {caller}",
    "GRANT SELECT ON kakeru.kakeru_meta, kakeru.members, kakeru.assignments, kakeru.changes TO {caller}",
    "GRANT SELECT, INSERT, UPDATE ON kakeru.devices TO {caller}",
    # The push stages a batch in a temporary table.
    "GRANT TEMPORARY ON DATABASE {database} TO {caller}",
]
_MANAGER_GRANTS = [
    "GRANT {caller} TO {manager}",
    "GRANT INSERT, UPDATE ON kakeru.assignments, kakeru.members TO {manager}",
    "GRANT EXECUTE ON FUNCTION kakeru.resend_list(text) TO {manager}",
]


@dataclass(frozen=True)
class GroupRoles:
    """The team's two group roles: every member is in ``caller``; managers are also in ``manager``."""

    caller: str
    manager: str


def group_roles(database: str) -> GroupRoles:
    """The group role names of the team in ``database`` (unique on the server, at most 63 bytes)."""
    def name(kind: str) -> str:
        full = f"kakeru_{kind}_{database}"
        if len(full.encode()) <= _ROLE_NAME_MAX:
            return full
        # A long (or multibyte) database name: a digest keeps the name unique and short.
        return f"kakeru_{kind}_{hashlib.sha256(database.encode()).hexdigest()[:24]}"

    return GroupRoles(name("caller"), name("manager"))


def _database(conn: Connection) -> str:
    row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


def _session_user(conn: Connection) -> str:
    row = conn.execute("SELECT session_user").fetchone()
    assert row is not None
    return str(row[0])


def _role_exists(conn: Connection, role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is not None


def init_team(admin_conn: Connection) -> int:
    """Create or upgrade the team in ``admin_conn``'s database; return the schema version it had.

    Safe to run again: missing roles and grants are added, nothing is removed.

    Raises:
        ServerTooNew: the server was set up by a newer Kakeru; nothing is changed.
        AdminRequired: the login may not create the schema or the roles.
    """
    login = _session_user(admin_conn)
    try:
        before = migrate_server(admin_conn)
        roles = group_roles(_database(admin_conn))
        names = {"caller": sql.Identifier(roles.caller), "manager": sql.Identifier(roles.manager),
                 "database": sql.Identifier(_database(admin_conn))}
        with admin_conn.transaction():
            for role in (roles.caller, roles.manager):
                if not _role_exists(admin_conn, role):
                    admin_conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
            # Another team's members (or anyone with a login on this server) cannot even connect.
            admin_conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
                               .format(**names))
            for statement in (*_CALLER_GRANTS, *_MANAGER_GRANTS):
                admin_conn.execute(sql.SQL(statement).format(**names))
    except psycopg.errors.InsufficientPrivilege as error:
        raise AdminRequired(login) from error
    return before


def add_member(admin_conn: Connection, display_name: str, login: str, password: str,
               manager: bool = False) -> None:
    """Add a person to the team: a new login role with ``password``, allowed into this database only.

    The password is sent as a SCRAM verifier computed here (libpq's ``PQencryptPasswordConn``), so the
    password itself never reaches the server, its log or ``pg_stat_activity``. All in one transaction.

    Raises:
        MemberExists: the login or the display name is already on this team.
        LoginTaken: a role of that login exists on the server already (perhaps another team's).
        AdminRequired: the login running this may not create roles.
    """
    admin = _session_user(admin_conn)
    roles = group_roles(_database(admin_conn))
    with admin_conn.transaction():
        taken = admin_conn.execute(
            "SELECT display_name FROM kakeru.members WHERE login = %s OR display_name = %s",
            [login, display_name]).fetchone()
        if taken:
            raise MemberExists(display_name if taken[0] == display_name else login)
        if _role_exists(admin_conn, login):
            raise LoginTaken(login)
        verifier = admin_conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
        role = sql.Identifier(login)
        try:
            admin_conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                role, sql.Literal(verifier.decode())))
            admin_conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(_database(admin_conn)), role))
            group = roles.manager if manager else roles.caller
            admin_conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), role))
        except psycopg.errors.InsufficientPrivilege as error:
            raise AdminRequired(admin) from error
        admin_conn.execute("INSERT INTO kakeru.members (login, display_name, is_manager) VALUES (%s, %s, %s)",
                           [login, display_name, manager])


def _now() -> tuple[str, int]:
    now = datetime.now(UTC).astimezone()
    return now.isoformat(timespec="seconds"), int(now.timestamp() * 1000)


def _find_list(conn: Connection, list_name_or_uid: str) -> str:
    rows = conn.execute("SELECT uid FROM kakeru.target_lists WHERE NOT deleted AND (uid = %s OR name = %s) "
                        "ORDER BY uid = %s DESC", [list_name_or_uid, list_name_or_uid, list_name_or_uid]
                        ).fetchall()
    if not rows:
        raise NotFound("リスト", list_name_or_uid)
    by_uid = [uid for (uid,) in rows if uid == list_name_or_uid]
    if by_uid:
        return str(by_uid[0])
    if len(rows) > 1:
        raise Ambiguous("リスト", list_name_or_uid, len(rows))
    return str(rows[0][0])


def _find_member(conn: Connection, caller: str) -> str:
    row = conn.execute("SELECT login FROM kakeru.members WHERE active AND (display_name = %s OR login = %s) "
                       "ORDER BY display_name = %s DESC", [caller, caller, caller]).fetchone()
    if row is None:
        raise NotFound("メンバー", caller)
    return str(row[0])


@dataclass(frozen=True)
class Assigned:
    """What ``assign_list`` did: the assignment's uid, whether it is new, and the entries re-sent."""

    uid: str
    created: bool
    resent: int


def assign_list(conn: Connection, list_name_or_uid: str, caller: str) -> Assigned:
    """Give ``caller`` (display name or login) the list, and re-send the list's accounts to the log.

    Writes (or revives) the ``assignments`` row and, in the same transaction, a fresh change-log
    entry for every row of the list's companies, so the caller's next pull brings them whatever its
    cursor. Assigning a list already assigned re-sends it again and changes nothing else.

    Raises:
        NotAllowed: the login is not a manager (the server refused).
        NotFound: no such list or member.
        Ambiguous: several lists have that name.
    """
    try:
        with conn.transaction():
            # Said before the look-ups, which a caller's row-level security would answer "not found";
            # the server refuses the writes below in any case (grants and policies).
            allowed = conn.execute(
                "SELECT kakeru.is_manager() OR pg_has_role(session_user, (SELECT relowner FROM pg_class "
                "WHERE oid = 'kakeru.companies'::regclass), 'USAGE')").fetchone()
            if not (allowed and allowed[0]):
                raise NotAllowed("リストの割り当て")
            list_uid = _find_list(conn, list_name_or_uid)
            login = _find_member(conn, caller)
            stamp, ms = _now()
            clock = hlc.tick(hlc.ZERO, ms, f"manager-{_session_user(conn)}")
            fields = {name: clock for name in ("list_uid", "caller_login", "deleted")}
            existing = conn.execute("SELECT uid, deleted FROM kakeru.assignments "
                                    "WHERE list_uid = %s AND caller_login = %s ORDER BY deleted LIMIT 1",
                                    [list_uid, login]).fetchone()
            if existing is None:
                uid = secrets.token_hex(16)
                conn.execute(
                    "INSERT INTO kakeru.assignments (uid, created_at, updated_at, hlc, field_hlc, list_uid, "
                    "caller_login) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [uid, stamp, stamp, clock, Jsonb(fields), list_uid, login])
            else:
                uid = str(existing[0])
                if existing[1]:
                    conn.execute("UPDATE kakeru.assignments SET deleted = false, updated_at = %s, hlc = %s, "
                                 "field_hlc = field_hlc || %s WHERE uid = %s",
                                 [stamp, clock, Jsonb({"deleted": clock}), uid])
            row = conn.execute("SELECT kakeru.resend_list(%s)", [list_uid]).fetchone()
            assert row is not None
    except psycopg.errors.InsufficientPrivilege as error:
        raise NotAllowed("リストの割り当て") from error
    return Assigned(uid, existing is None, int(row[0]))
