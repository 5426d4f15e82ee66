"""Who holds which list and how much open work each caller has: the manager's assignment screen, offline.

Plain SQL over the local tables as last synced (``assignments``, ``team_members``, ``target_lists``,
``list_members``, ``plans``, ``companies``); nothing here reaches the server. A caller's open work is
their open plans due up to today (overdue ones counted apart) and the accounts on their lists nobody has
called yet (the fresh targets their Today queue draws from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# As the Today queue picks fresh targets (models.planning.agenda): never reached, no open plan.
_UNCALLED = ("c.status = 'untouched' AND c.last_touch_at IS NULL "
             "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.company_id = c.id AND p.status = 'open')")


@dataclass(frozen=True)
class Member:
    """A member of the team as last synced."""

    login: str
    name: str
    is_manager: bool
    active: bool


@dataclass(frozen=True)
class ListHolding:
    """One list of the file and who holds it (display names; empty when nobody is assigned)."""

    list_id: int
    uid: str
    name: str
    companies: int
    holders: tuple[str, ...]


@dataclass(frozen=True)
class CallerLoad:
    """One caller's open work: lists held, open plans due by today (of which overdue), uncalled accounts."""

    login: str
    name: str
    is_manager: bool
    lists: int
    due: int
    overdue: int
    uncalled: int


def my_login(db: Database) -> str | None:
    """The login this file syncs as; None outside a team."""
    row = db.execute("SELECT server, login FROM sync_state WHERE id = 1").fetchone()
    return str(row[1]) if row and row[0] and row[1] else None


def is_manager(db: Database) -> bool:
    """Whether this file's member is one of the team's managers (as last synced); False outside a team.

    The server decides in the end: a manager demoted since the last sync is refused there.
    """
    login = my_login(db)
    if login is None:
        return False
    row = db.execute("SELECT is_manager, active FROM team_members WHERE login = ?", [login]).fetchone()
    return bool(row and row[0] and row[1])


def members(db: Database, *, active_only: bool = True) -> list[Member]:
    """The team's members by display name (active ones unless ``active_only`` is False)."""
    where = " WHERE active = 1" if active_only else ""
    rows = db.execute(f"SELECT login, display_name, is_manager, active FROM team_members{where} "
                      "ORDER BY is_manager, display_name")
    return [Member(str(login), str(name or login), bool(manager), bool(active))
            for login, name, manager, active in rows]


def list_holdings(db: Database) -> list[ListHolding]:
    """Every list not archived with its company count and holders, by name."""
    names = {login: name for login, name in db.execute("SELECT login, display_name FROM team_members")}
    holders: dict[str, list[str]] = {}
    for list_uid, login in db.execute("SELECT DISTINCT list_uid, caller_login FROM assignments "
                                      "ORDER BY caller_login"):
        holders.setdefault(str(list_uid), []).append(str(names.get(login) or login))
    rows = db.execute(
        "SELECT l.id, l.uid, l.name, (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) "
        "FROM target_lists l WHERE l.archived = 0 ORDER BY l.name, l.id").fetchall()
    return [ListHolding(int(list_id), str(uid), str(name), int(count), tuple(sorted(holders.get(uid, []))))
            for list_id, uid, name, count in rows]


def workload(db: Database, today: date) -> list[CallerLoad]:
    """Each active member's open work on ``today`` (callers first, then managers; by name)."""
    next_day = (today + timedelta(days=1)).isoformat()
    loads = []
    for member in members(db):
        list_ids = [int(list_id) for (list_id,) in db.execute(
            "SELECT DISTINCT l.id FROM assignments a JOIN target_lists l ON l.uid = a.list_uid "
            "WHERE a.caller_login = ? AND l.archived = 0", [member.login])]
        due, overdue = db.execute(
            "SELECT count(*), coalesce(sum(due < ?), 0) FROM plans WHERE status = 'open' AND caller = ? "
            "AND due < ?", [today.isoformat(), member.name, next_day]).fetchone()
        uncalled = 0
        if list_ids:
            marks = ",".join("?" * len(list_ids))
            uncalled = db.execute(
                f"SELECT count(DISTINCT c.id) FROM list_members m JOIN companies c ON c.id = m.company_id "
                f"WHERE m.list_id IN ({marks}) AND {_UNCALLED}", list_ids).fetchone()[0]
        loads.append(CallerLoad(member.login, member.name, member.is_manager, len(list_ids), int(due),
                                int(overdue), int(uncalled)))
    return loads
