"""The Today queue: overdue plans, plans due that day, then fresh targets up to the daily target.

Order: overdue call plans (oldest first), then today's (those with a time by time, e.g. a callback at
14:00, then those without), then fresh targets — untouched, never touched, no open plan — from the
chosen lists by list order, rank and score. One entry per company. Accounts that are disqualified or
marked do-not-call never appear.

The daily target caps the whole day: overdue and due plans are always shown (they are promises), and
fresh targets fill what is left after them and after the accounts already called that day.

In a team (``models.planning.colleagues``): the plans are the caller's own (and those nobody holds), the
fresh targets come from the lists assigned to them, and a re-contact on an account a colleague called
recently or holds a plan on is left out (counted, and shown with what the colleague did when asked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.vocab import CLOSED_STATUSES
from models.planning import colleagues
from models.planning.dispositions import DEFAULT_RULES
from models.planning.plans import Due, parse_due
from models.store import settings
from models.store.days import check_day
from models.store.errors import ValidationError

_CLOSED_SQL = ", ".join(f"'{status}'" for status in CLOSED_STATUSES)
# Walks the companies_priority index: rank A first (none last), then score, then reading.
_FRESH_ORDER = "c.rank IS NULL, c.rank, c.score DESC, c.name_kana IS NULL, c.name_kana, c.id"
_FRESH_WHERE = (
    "c.status = 'untouched' AND c.last_touch_at IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.company_id = c.id AND p.status = 'open')"
)
_COMPANY_COLUMNS = "c.id AS company_id, c.name, c.name_kana, c.phone, c.rank, c.score, c.status"


@dataclass(frozen=True)
class AgendaEntry:
    """One account in the queue and why it is there."""

    company_id: int
    company_name: str
    name_kana: str | None
    phone: str | None
    section: str  # 'overdue', 'due' or 'fresh'
    plan_id: int | None
    due: Due | None
    hypothesis: str | None
    reason: str
    rank: str | None = None
    score: float = 0.0
    status: str = "untouched"
    last_outcome: str | None = None
    others: str | None = None  # what a colleague did with the account (a team's file), for the caller to read


@dataclass(frozen=True)
class AgendaCounts:
    overdue: int
    due: int
    fresh: int
    done_today: int


@dataclass(frozen=True)
class Agenda:
    day: date
    entries: tuple[AgendaEntry, ...]
    counts: AgendaCounts
    daily_target: int
    held_by_others: int = 0  # re-contacts left out because a colleague works on their accounts

    @property
    def company_ids(self) -> list[int]:
        """The companies in queue order, as a call session takes them."""
        return [entry.company_id for entry in self.entries]


def daily_target_setting(db: Database) -> int:
    """The daily target from settings (``store.settings.daily_target``, default 40)."""
    return settings.daily_target(db)


def _md(day: date) -> str:
    return f"{day.month}/{day.day}"


def _with_hypothesis(text: str, hypothesis: str | None) -> str:
    return f"{text}：{hypothesis}" if hypothesis else text


def _plan_reason(day: date, due: Due, hypothesis: str | None, last_outcome: str | None) -> str:
    timed = isinstance(due, datetime)
    due_date = due.date() if isinstance(due, datetime) else due
    clock = f" {due:%H:%M}" if timed else ""
    if due_date < day:
        late = (day - due_date).days
        return _with_hypothesis(f"予定日 {_md(due_date)}{clock} を{late}日過ぎています", hypothesis)
    when = f"本日{clock} の" if timed else "本日の"
    if timed and last_outcome == "callback_requested":
        if hypothesis == DEFAULT_RULES["callback_requested"].hypothesis:
            hypothesis = None  # the rule's own words add nothing to 「折返し依頼」
        return _with_hypothesis(f"{when}折返し依頼", hypothesis)
    return _with_hypothesis(f"{when}予定", hypothesis)


def _fresh_reason(rank: str | None, score: float | None) -> str:
    parts = ["未接触"]
    if rank:
        parts.append(f"ランク{rank}")
    parts.append(f"スコア{score or 0:g}")
    return "・".join(parts)


def _plan_rows(db: Database, day: date, me: str | None) -> list[dict[str, Any]]:
    next_day = (day + timedelta(days=1)).isoformat()
    # In a team, a colleague's plan is theirs to keep: only one's own and those nobody holds.
    mine = "" if me is None else " AND coalesce(p.caller, '') IN ('', ?)"
    return list(db.query(
        f"""SELECT p.id AS plan_id, p.due, p.hypothesis, {_COMPANY_COLUMNS},
            (SELECT t.outcome FROM touches t WHERE t.company_id = p.company_id
             ORDER BY t.at DESC, t.id DESC LIMIT 1) AS last_outcome
        FROM plans p JOIN companies c ON c.id = p.company_id
        WHERE p.status = 'open' AND p.kind = 'call' AND p.due < ? AND c.status NOT IN ({_CLOSED_SQL}){mine}
        ORDER BY p.due, p.id""",
        [next_day] if me is None else [next_day, me],
    ))


def _fresh_rows(db: Database, list_ids: Sequence[int] | None, limit: int) -> list[dict[str, Any]]:
    if limit <= 0:
        return []
    if list_ids is None:
        sql = f"SELECT {_COMPANY_COLUMNS} FROM companies c WHERE {_FRESH_WHERE} ORDER BY {_FRESH_ORDER}"
        return list(db.query(sql + " LIMIT ?", [limit]))
    ids = [int(list_id) for list_id in list_ids]
    if not ids:
        return []
    if len(ids) == 1:  # one list: a company is on it once, and its order index is walked
        sql = (
            f"SELECT {_COMPANY_COLUMNS}, m.priority AS list_priority "
            f"FROM list_members m JOIN companies c ON c.id = m.company_id "
            f"WHERE m.list_id = ? AND {_FRESH_WHERE} ORDER BY list_priority, {_FRESH_ORDER} LIMIT ?"
        )
        return list(db.query(sql, [ids[0], limit]))
    marks = ",".join("?" * len(ids))
    # A member's priority is its place in its list (smaller first); on several lists, the best place.
    sql = (
        f"SELECT {_COMPANY_COLUMNS}, MIN(m.priority) AS list_priority "
        f"FROM list_members m JOIN companies c ON c.id = m.company_id "
        f"WHERE m.list_id IN ({marks}) AND {_FRESH_WHERE} "
        f"GROUP BY c.id ORDER BY list_priority, {_FRESH_ORDER} LIMIT ?"
    )
    return list(db.query(sql, [*ids, limit]))


def _done_today(db: Database, day: date) -> int:
    next_day = (day + timedelta(days=1)).isoformat()
    return db.execute(
        "SELECT COUNT(DISTINCT company_id) FROM touches WHERE at >= ? AND at < ? AND kind = 'call'",
        [day.isoformat(), next_day],
    ).fetchone()[0]


def build_agenda(
    db: Database, day: date, list_ids: Sequence[int] | None = None, daily_target: int | None = None,
    include_others: bool = False,
) -> Agenda:
    """The queue for ``day``.

    Args:
        list_ids: the lists fresh targets come from; None means every untouched company (in a team,
            the lists assigned to the caller, when any are).
        daily_target: accounts to handle that day; None reads the setting (default 40).
        include_others: in a team, keep re-contacts on accounts a colleague works on (left out by default).

    Raises:
        ValidationError: ``day`` is outside 1900-01-01 to 2999-12-31 (``models.store.days``).
    """
    check_day(day)
    target = daily_target_setting(db) if daily_target is None else max(0, int(daily_target))
    team = colleagues.team_view(db)
    if team.bound and list_ids is None:
        list_ids = colleagues.assigned_list_ids(db)
    overdue: list[AgendaEntry] = []
    due_timed: list[AgendaEntry] = []
    due_dated: list[AgendaEntry] = []
    seen: set[int] = set()
    today = day.isoformat()

    def queue_order(row: dict[str, Any]) -> tuple:
        # Overdue oldest first; today's with a time (by time) before those without.
        if row["due"][:10] < today:
            return (0, False, row["due"])
        return (1, len(row["due"]) == 10, row["due"])

    for row in sorted(_plan_rows(db, day, team.me if team.bound else None), key=queue_order):
        if row["company_id"] in seen:
            continue
        seen.add(row["company_id"])
        due = parse_due(row["due"])
        due_date = due.date() if isinstance(due, datetime) else due
        section = "overdue" if due_date < day else "due"
        entry = AgendaEntry(
            company_id=row["company_id"], company_name=row["name"], name_kana=row["name_kana"],
            phone=row["phone"], section=section, plan_id=row["plan_id"], due=due,
            hypothesis=row["hypothesis"],
            reason=_plan_reason(day, due, row["hypothesis"], row["last_outcome"]),
            rank=row["rank"], score=row["score"], status=row["status"], last_outcome=row["last_outcome"],
        )
        if section == "overdue":
            overdue.append(entry)
        else:
            (due_timed if isinstance(due, datetime) else due_dated).append(entry)
    held = 0
    if team.bound:
        # A re-contact of one's own on an account a colleague called since, or holds a plan on: said on
        # the entry, and left out unless asked (the colleague may have settled it already).
        others = colleagues.others_at(db, [*seen], day)
        held = 0 if include_others else sum(1 for company_id in seen if company_id in others)
        overdue, due_timed, due_dated = (
            [replace(entry, others=others[entry.company_id].describe(day)) if entry.company_id in others
             else entry for entry in group if include_others or entry.company_id not in others]
            for group in (overdue, due_timed, due_dated))
    done_today = _done_today(db, day)
    room = target - len(overdue) - len(due_timed) - len(due_dated) - done_today
    # Fresh targets need no such check: a colleague's touch or open plan already makes an account not
    # fresh (last_touch_at, the open-plan test of _FRESH_WHERE), pulled with their rows.
    fresh_rows = _fresh_rows(db, list_ids, room)
    fresh = [
        AgendaEntry(
            company_id=row["company_id"], company_name=row["name"], name_kana=row["name_kana"],
            phone=row["phone"], section="fresh", plan_id=None, due=None, hypothesis=None,
            reason=_fresh_reason(row["rank"], row["score"]), rank=row["rank"], score=row["score"],
            status=row["status"],
        )
        for row in fresh_rows
    ]
    entries = (*overdue, *due_timed, *due_dated, *fresh)
    counts = AgendaCounts(
        overdue=len(overdue), due=len(due_timed) + len(due_dated), fresh=len(fresh), done_today=done_today
    )
    return Agenda(day=day, entries=entries, counts=counts, daily_target=target, held_by_others=held)


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD, within the range Kakeru works with (``models.store.days``).

    Raises:
        ValidationError: not YYYY-MM-DD, or outside 1900-01-01 to 2999-12-31.
    """
    try:
        day = date.fromisoformat(text.strip())
    except (AttributeError, ValueError) as error:
        raise ValidationError(
            f"日付「{text}」は YYYY-MM-DD の形で指定してください（例: 2026-11-20）。"
        ) from error
    return check_day(day)
