"""Hand-over: a caller's lists move to another caller, and their open plans (with the hypotheses on them)
go along, while everything that happened stays in the name of who did it.

A manager's act on the server, in one transaction: the new caller is assigned each list (which re-sends
its accounts to the change log, ``admin.assign_list``), the old caller's assignment of it becomes a
tombstone, and the old caller's open plans on the accounts of those lists take the new caller's name.
When the whole of a caller's work moves (a caller leaves), every open plan of theirs moves too, those
on accounts outside any list included. Touches, meetings and hypothesis results are facts: they keep
the name of who made them, which is the history the new caller reads.

The moved fields are stamped with a hybrid logical clock later than any the rows carried, so a laptop
that edits them offline with an older clock loses to the hand-over and sees a conflict, not a silent
revert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from psycopg import Connection
from psycopg.types.json import Jsonb

from models.team import hlc
from models.team.admin import assign_list
from models.team.errors import NotAllowed, NotFound, TeamError


@dataclass(frozen=True)
class HandedOver:
    """What ``hand_over`` moved: the lists (uids), the open plans, and the change-log entries re-sent."""

    from_name: str
    to_name: str
    lists: tuple[str, ...]
    plans: int
    resent: int


def _member(conn: Connection, caller: str) -> tuple[str, str]:
    """(login, display name) of an active member named by either."""
    row = conn.execute("SELECT login, display_name FROM kakeru.members WHERE active "
                       "AND (display_name = %s OR login = %s) ORDER BY display_name = %s DESC",
                       [caller, caller, caller]).fetchone()
    if row is None:
        raise NotFound("メンバー", caller)
    return str(row[0]), str(row[1])


def _list_uid(conn: Connection, list_name_or_uid: str) -> str:
    rows = conn.execute("SELECT uid FROM kakeru.target_lists WHERE NOT deleted AND (uid = %s OR name = %s) "
                        "ORDER BY uid = %s DESC", [list_name_or_uid, list_name_or_uid, list_name_or_uid]
                        ).fetchall()
    if not rows:
        raise NotFound("リスト", list_name_or_uid)
    return str(rows[0][0])


def hand_over(conn: Connection, from_caller: str, to_caller: str, list_name_or_uid: str | None = None
              ) -> HandedOver:
    """Move ``from_caller``'s work to ``to_caller``: one list (``list_name_or_uid``) or, when None, every
    list assigned to them and every open plan of theirs.

    Raises:
        NotAllowed: the login is not a manager (the server refused).
        NotFound: no such member or list.
        TeamError: the two callers are the same person.
    """
    try:
        with conn.transaction():
            allowed = conn.execute(
                "SELECT kakeru.is_manager() OR pg_has_role(session_user, (SELECT relowner FROM pg_class "
                "WHERE oid = 'kakeru.companies'::regclass), 'USAGE')").fetchone()
            if not (allowed and allowed[0]):
                raise NotAllowed("担当の引き継ぎ")
            from_login, from_name = _member(conn, from_caller)
            to_login, to_name = _member(conn, to_caller)
            if from_login == to_login:
                raise TeamError("引き継ぎ元と引き継ぎ先が同じ担当者です。別の担当者を指定してください。")
            if list_name_or_uid is None:
                lists = [str(uid) for (uid,) in conn.execute(
                    "SELECT DISTINCT list_uid FROM kakeru.assignments "
                    "WHERE caller_login = %s AND NOT deleted ORDER BY list_uid", [from_login]).fetchall()]
            else:
                lists = [_list_uid(conn, list_name_or_uid)]
            resent = sum(assign_list(conn, list_uid, to_login).resent for list_uid in lists)
            now = datetime.now(UTC).astimezone()
            stamp = now.isoformat(timespec="seconds")
            plans_where = "NOT deleted AND status = 'open' AND caller = %s"
            plans_params: list[object] = [from_name]
            if list_name_or_uid is not None:
                plans_where += (" AND company_uid IN (SELECT company_uid FROM kakeru.list_members "
                                "WHERE list_uid = ANY(%s) AND NOT deleted)")
                plans_params.append(lists)
            # Later than any clock these rows carry (a laptop's may run ahead of the server's).
            latest = conn.execute(f"SELECT coalesce(max(hlc), '') FROM kakeru.plans WHERE {plans_where}",
                                  plans_params).fetchone()
            clock = hlc.tick(max(str(latest[0]) if latest else "", hlc.ZERO), int(now.timestamp() * 1000),
                             f"manager-{conn.info.user}")
            conn.execute(
                "UPDATE kakeru.assignments SET deleted = true, updated_at = %s, hlc = %s, "
                "field_hlc = field_hlc || %s WHERE caller_login = %s AND list_uid = ANY(%s) AND NOT deleted",
                [stamp, clock, Jsonb({"deleted": clock}), from_login, lists])
            moved = conn.execute(
                f"UPDATE kakeru.plans SET caller = %s, updated_at = %s, hlc = %s, "
                f"field_hlc = field_hlc || %s WHERE {plans_where}",
                [to_name, stamp, clock, Jsonb({"caller": clock}), *plans_params])
            plans = moved.rowcount
    except psycopg.errors.InsufficientPrivilege as error:
        raise NotAllowed("担当の引き継ぎ") from error
    return HandedOver(from_name, to_name, tuple(lists), plans, resent)
