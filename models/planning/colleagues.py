"""No account called twice: what the other callers of a team are doing with an account.

In a file bound to a team (``sync_state.server``), touches and plans pulled from the server carry the
name of the caller who made them (set by the server, never the laptop's word). Before a caller dials,
Today and the call session say when a colleague called the account recently or holds an open plan on
it ("田中さんが 2 日前に架電・折返し依頼"), and the Today queue leaves such accounts out of the fresh
targets unless asked. What the laptop knows is what it last synced: ``team_view`` says how old that is.

A file not bound to a team has no colleagues: every function answers as if nobody else worked there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from models.accounts.vocab import OUTCOME, TOUCH_KIND, label
from models.store import settings

# A colleague's call this recent makes an account theirs for now: two business weeks, the time a
# callback or a sent brochure usually takes to come back.
RECENT_DAYS = 14
_CHUNK = 500  # ids a query at most (SQLite's parameter limit is far above; the plans stay short)


@dataclass(frozen=True)
class TeamView:
    """Whether the file belongs to a team, and when it last synced (None: never)."""

    bound: bool
    me: str
    last_sync_at: str | None


@dataclass(frozen=True)
class OtherWork:
    """A colleague's recent touch and/or open plan on one account."""

    company_id: int
    caller: str
    touch_at: str | None = None
    touch_kind: str | None = None
    touch_outcome: str | None = None
    plan_caller: str | None = None
    plan_due: str | None = None

    def describe(self, today: date) -> str:
        """One line a caller reads before dialling, e.g. 「田中さんが 2 日前に架電・折返し依頼」, 「田中さんが
        昨日架電・不在」."""
        parts: list[str] = []
        if self.touch_at:
            kind = label(TOUCH_KIND, self.touch_kind or "call")
            kind = "架電" if (self.touch_kind or "call") == "call" else kind
            text = f"{self.caller}さんが {_ago(self.touch_at, today)}{kind}"
            if self.touch_outcome:
                text += f"・{label(OUTCOME, self.touch_outcome)}"
            parts.append(text)
        if self.plan_due and self.plan_caller:
            due = self.plan_due[:10]
            when = f"{int(due[5:7])}/{int(due[8:10])}" if len(due) == 10 else due
            if parts and self.plan_caller == self.caller:  # one colleague: one sentence
                parts[-1] += f"、{when} に予定あり"
            else:
                parts.append(f"{self.plan_caller}さんの予定あり（{when}）")
        return "／".join(parts)


def _ago(at: str, today: date) -> str:
    days = (today - date.fromisoformat(at[:10])).days
    if days <= 0:
        return "本日"
    if days == 1:
        return "昨日"
    return f"{days} 日前に"


def team_view(db: Database) -> TeamView:
    """The file's team binding and its last sync, as the screens say it ("as of the last sync")."""
    row = db.execute("SELECT server, last_sync_at FROM sync_state WHERE id = 1").fetchone()
    bound = bool(row and row[0])
    return TeamView(bound, settings.caller_name(db) if bound else "", row[1] if bound and row else None)


def others_at(db: Database, company_ids: Iterable[int], today: date, within_days: int = RECENT_DAYS
              ) -> dict[int, OtherWork]:
    """For each of ``company_ids`` a colleague works on, what they did: their latest touch in the
    ``within_days`` before ``today`` (and after the caller's own last touch there), and their earliest
    open plan. Empty outside a team."""
    view = team_view(db)
    if not view.bound:
        return {}
    since = (today - timedelta(days=within_days)).isoformat()
    ids = list(dict.fromkeys(int(company_id) for company_id in company_ids))
    found: dict[int, OtherWork] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        # The latest touch of another caller per account, from the (company_id, at) index; one older
        # than the caller's own latest touch there was already known when they last called.
        touches = db.execute(
            f"""SELECT company_id, caller, at, kind, outcome FROM (
                SELECT company_id, caller, at, kind, outcome,
                    row_number() OVER (PARTITION BY company_id ORDER BY at DESC, id DESC) AS n
                FROM touches AS t
                WHERE company_id IN ({marks}) AND at >= ? AND coalesce(caller, '') NOT IN ('', ?)
                    AND at > coalesce((SELECT max(m.at) FROM touches AS m
                                       WHERE m.company_id = t.company_id AND m.caller = ?), ''))
            WHERE n = 1""", [*chunk, since, view.me, view.me]).fetchall()
        for company_id, caller, at, kind, outcome in touches:
            found[company_id] = OtherWork(company_id, caller, at, kind, outcome)
        plans = db.execute(
            f"""SELECT company_id, caller, min(due) FROM plans
            WHERE company_id IN ({marks}) AND status = 'open' AND coalesce(caller, '') NOT IN ('', ?)
            GROUP BY company_id""", [*chunk, view.me]).fetchall()
        for company_id, caller, due in plans:
            work = found.get(company_id)
            found[company_id] = OtherWork(
                company_id, work.caller if work else caller, work.touch_at if work else None,
                work.touch_kind if work else None, work.touch_outcome if work else None, caller, due)
    return found


def assigned_list_ids(db: Database) -> list[int] | None:
    """The local ids of the lists assigned to this file's caller; None when none are (outside a team,
    or a member with no assignment, such as a manager working as a caller: every list is theirs)."""
    row = db.execute("SELECT server, login FROM sync_state WHERE id = 1").fetchone()
    if not row or not row[0] or not row[1]:
        return None
    ids = [list_id for (list_id,) in db.execute(
        """SELECT l.id FROM target_lists l JOIN assignments a ON a.list_uid = l.uid
        WHERE a.caller_login = ? AND l.archived = 0 ORDER BY l.id""", [row[1]]).fetchall()]
    return ids or None


def sync_age_text(view: TeamView, now: datetime) -> str:
    """「最終同期 15 分前」 (or 「未同期」): how old what the laptop knows of its colleagues is."""
    if not view.last_sync_at:
        return "まだ同期していません"
    synced = datetime.fromisoformat(view.last_sync_at)
    if synced.tzinfo is None or now.tzinfo is None:
        synced, now = synced.replace(tzinfo=None), now.replace(tzinfo=None)
    minutes = max(0, int((now - synced).total_seconds() // 60))
    if minutes < 1:
        return "最終同期 たった今"
    if minutes < 60:
        return f"最終同期 {minutes} 分前"
    if minutes < 60 * 24:
        return f"最終同期 {minutes // 60} 時間前"
    return f"最終同期 {minutes // (60 * 24)} 日前"
