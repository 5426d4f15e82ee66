"""The SQL behind the KPIs: the counts of a period and a scope, and the rows behind each figure.

``models.kpi.figures`` says what each figure means and assembles the report from these counts. Touch
counts of the whole database come from ``touch_days`` (migration 4, kept by triggers); a list or a view
counts its accounts' touches directly.

No query here names an index (``INDEXED BY``): a migration that renames or drops one would turn the
hint into an error at run time. SQLite's planner chooses; the app runs no ANALYZE, so it chooses from
fixed guesses, and where a guess would pick a slow plan the SQL itself steers it: a unary ``+`` on a
column keeps the indexes on that column out of the choice, and ``likelihood()`` states what share of
the rows a condition keeps. tests/models/kpi/test_query_plans.py checks the plans that matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.vocab import COMPANY_STATUS, MEETING_OUTCOME, OUTCOME, connect_sql, label
from models.kpi.period import Period, Scope, scope_sql
from models.meetings.meetings import OUTCOME_REASON
from models.store import clock

SILENT_DAYS = 30
SILENT_STATUSES = ("in_progress", "nurturing")
NO_REASON = "（理由未入力）"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def touch_counts(db: Database, period: Period, scope: Scope) -> dict[str, int]:
    """Calls, connects, decision-maker reaches and appointments logged in the period."""
    low, high = period.bounds()
    if scope.kind == "all":
        row = db.execute(
            "SELECT ifnull(sum(calls), 0), ifnull(sum(connects), 0), ifnull(sum(key_people), 0), "
            "ifnull(sum(appointments), 0) FROM touch_days WHERE day >= ? AND day < ?", [low, high]).fetchone()
    else:
        condition, params = scope_sql(db, scope, "t.company_id", "t.caller")
        row = db.execute(
            f"SELECT count(*), ifnull(sum({connect_sql('t')}), 0), "
            "ifnull(sum(t.reached_decision_maker <> 0), 0), ifnull(sum(t.outcome = 'appointment'), 0) "
            f"FROM touches t WHERE t.kind = 'call' AND t.at >= ? AND t.at < ? AND {condition}",
            [low, high, *params]).fetchone()
    return dict(zip(("calls", "connects", "key_person", "appointments"), row, strict=True))


def meeting_counts(db: Database, period: Period, scope: Scope) -> dict[str, int]:
    """Meetings held in the period, and those of them won."""
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    held, won = db.execute(
        "SELECT count(*), ifnull(sum(m.outcome = 'won'), 0) FROM meetings m "
        f"WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status = 'held' AND {condition}",
        [low, high, *params]).fetchone()
    return {"meetings_held": held, "won": won}


def booked_meeting_counts(db: Database, period: Period, scope: Scope) -> tuple[int, int]:
    """Of the meetings booked in the period (made by an appointment call in it), those held and won.

    A meeting is booked when the appointment call makes it (``created_at``, with ``touch_id``); it counts
    here whenever it takes place, so the funnel's meetings are a share of the period's appointments.
    """
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    held, won = db.execute(
        "SELECT count(*), ifnull(sum(m.outcome = 'won'), 0) FROM meetings m WHERE m.created_at >= ? "
        f"AND m.created_at < ? AND m.touch_id IS NOT NULL AND m.status = 'held' AND {condition}",
        [low, high, *params]).fetchone()
    return held, won


def order_amounts(db: Database, period: Period, scope: Scope) -> tuple[int, int]:
    """受注額: the order amounts of the meetings won (as 受注数 counts them) summed, and how many had one."""
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    total, priced = db.execute(
        "SELECT ifnull(sum(m.order_amount), 0), count(m.order_amount) FROM meetings m WHERE m.status = "
        f"'held' AND m.starts_at >= ? AND m.starts_at < ? AND m.outcome = 'won' AND {condition}",
        [low, high, *params]).fetchone()
    return total, priced


_ACTIVE_LISTS = "(SELECT tl.id FROM target_lists tl WHERE tl.archived = 0)"
_ACTIVE_MEMBERS = ("(SELECT lm.company_id FROM list_members lm JOIN target_lists tl ON tl.id = lm.list_id "
                   "WHERE tl.archived = 0)")
_CLOSED = "('disqualified', 'do_not_call')"
_OPEN_STATUSES = tuple(status for status in COMPANY_STATUS if status not in ("disqualified", "do_not_call"))

# The account figures below count sets of company ids. Where two large sets meet (never touched ∩ on
# an active list) both come sorted by id from an index, and ``INTERSECT`` with ``ORDER BY`` lets
# SQLite merge them side by side in one pass (EXPLAIN QUERY PLAN: MERGE), instead of probing an index
# once per company or building a temporary table. Migrations 5 and 6 keep those indexes (and the
# derived columns companies.first_touch_at and open_plans); each read is an index alone.
#
# The members by company (list_members_company_list): ``+lm.list_id`` keeps the (list_id, company_id)
# indexes out, which would give them list by list and leave them to be sorted.
_MEMBER_IDS = f"SELECT lm.company_id FROM list_members lm WHERE +lm.list_id IN {_ACTIVE_LISTS}"
# The companies never touched, by id (companies_untouched_ids, partial on this very condition). Without
# statistics SQLite guesses that ``IS NULL`` keeps a handful of rows and would fetch each of them through
# companies_last_touch (8 times slower at 100,000 companies, where 42 % were never touched); stating that
# it keeps about half makes the covering index the cheaper read (it still is at 0.3, no longer at 0.2).
# likelihood() leaves the condition as it is written, so the partial index still applies.
_NEVER_TOUCHED = (f"SELECT c.id FROM companies c WHERE likelihood(c.last_touch_at IS NULL, 0.5) "
                  f"AND c.status NOT IN {_CLOSED}")
# Done on or before the due day: the expression of the index plans_on_time, written the same way.
_ON_TIME = "(substr(p.done_at, 1, 10) <= substr(p.due, 1, 10))"


def untouched_count(db: Database, period: Period, scope: Scope, today: date) -> int:
    """Untouched数: open companies on an active list with no touch up to the end of the period.

    A past period counts the statuses and list memberships of its last day (migration 10's history).
    """
    _, high = period.bounds()
    condition, params = scope_sql(db, scope, "c.id")
    never = f"SELECT count(*) FROM ({_NEVER_TOUCHED} AND {condition} INTERSECT {_MEMBER_IDS} ORDER BY 1)"
    if period.end >= today:
        return db.execute(never, params).fetchone()[0]
    # A past period: also those touched since whose first touch came after it (companies.first_touch_at,
    # migration 6, kept by triggers: no touch before the end ⇔ none at all or the first at or after it).
    # They come from a short range of companies_first_touch (first touched since the end; the second
    # range, a last touch with no touch left at all, is empty unless last_touch_at is stale), and only
    # those few are looked up in the list members. ``+c.status``: a range of companies_status_last_touch
    # would fetch the row of every company touched since the end.
    member = (f"EXISTS (SELECT 1 FROM list_members lm WHERE lm.company_id = c.id AND lm.list_id IN "
              f"{_ACTIVE_LISTS})")
    since = ("SELECT count(*) FROM companies c WHERE {first} "
             f"AND c.last_touch_at >= ? AND +c.status IN {_in(_OPEN_STATUSES)} AND {condition} AND {member}")
    now_count = db.execute(
        f"SELECT ({never}) + ({since.format(first='c.first_touch_at >= ?')}) "
        f"+ ({since.format(first='c.first_touch_at IS NULL')})",
        [*params, high, high, *params, high, *params]).fetchone()[0]
    # Then the companies whose status or lists changed since the end: counted as they are now above, as
    # they were on the last day here. ``+c.id``: looking each one up by id would read its row; ranges of
    # companies_first_touch give status and first touch. Those first touched since the end are a short
    # range. Those never touched are the long range of the index (every company never called): read only
    # when a changed company was never touched (an import or a list edit since, a company closed unheard);
    # most changes since are first calls, and a probe of the touches per changed company tells.
    was, was_params = _untouched_then(db, scope, high)
    now = f"(c.status NOT IN {_CLOSED} AND {member} AND {condition})"
    changed = ("SELECT s.company_id FROM company_status_changes s WHERE s.at >= ? "
               "UNION SELECT h.company_id FROM list_member_history h WHERE h.added_at >= ? "
               "UNION SELECT h.company_id FROM list_member_history h WHERE h.removed_at >= ?")
    correct = (f"SELECT ifnull(sum({was}), 0) - ifnull(sum({now}), 0) FROM companies c "
               f"WHERE +c.id IN ({changed}) AND {{first}}")
    arguments = [*was_params, *params, high, high, high]
    correction = db.execute(correct.format(first="c.first_touch_at >= ?"), [*arguments, high]).fetchone()[0]
    unheard = db.execute(f"SELECT EXISTS (SELECT 1 FROM ({changed}) x WHERE NOT EXISTS "
                         "(SELECT 1 FROM touches t WHERE t.company_id = x.company_id))",
                         [high, high, high]).fetchone()[0]
    if unheard:
        correction += db.execute(correct.format(first="c.first_touch_at IS NULL"), arguments).fetchone()[0]
    return now_count + correction


def _untouched_then(db: Database, scope: Scope, high: str) -> tuple[str, list[Any]]:
    """A condition on ``c``: open and on an active list (of the scope's list) on the day before ``high``.

    The status is the one the first change since then left, else today's; a list membership counts when
    it began before ``high`` and had not ended by then. A saved view's filter reads today's values.
    """
    status = ("coalesce((SELECT s.old_status FROM company_status_changes s WHERE s.company_id = c.id "
              "AND s.at >= ? ORDER BY s.at, s.id LIMIT 1), c.status)")
    one_list, list_params = ("AND h.list_id = ? ", [scope.id]) if scope.kind == "list" else ("", [])
    member = (f"EXISTS (SELECT 1 FROM list_member_history h WHERE h.company_id = c.id {one_list}"
              f"AND h.list_id IN {_ACTIVE_LISTS} AND h.added_at < ? "
              "AND (h.removed_at IS NULL OR h.removed_at >= ?))")
    view, view_params = scope_sql(db, scope, "c.id") if scope.kind in ("view", "caller") else ("1", [])
    return (f"({status} NOT IN {_CLOSED} AND {member} AND {view})",
            [high, *list_params, high, high, *view_params])


def _pipeline_sql(db: Database, period: Period, scope: Scope, today: date) -> tuple[str, list[Any]]:
    """A select of the company ids with an open plan (of the scope) at the end of the period (repeats
    possible)."""
    _, high = period.bounds()
    condition, params = scope_sql(db, scope, "p.company_id", "p.caller")
    if period.end >= today:  # the period ends now or later: the open plans are those of today
        return f"SELECT p.company_id FROM plans p WHERE p.status = 'open' AND {condition}", params
    return (f"SELECT p.company_id FROM plans p WHERE p.status = 'open' AND p.created_at < ? AND {condition} "
            "UNION ALL SELECT p.company_id FROM plans p "
            f"WHERE p.status IN ('done', 'skipped') AND p.done_at >= ? AND p.created_at < ? AND {condition}",
            [high, *params, high, high, *params])


def pipeline_count(db: Database, period: Period, scope: Scope, today: date) -> int:
    """The accounts of ``_pipeline_sql``, counted along indexes sorted by company (no temporary table)."""
    _, high = period.bounds()
    condition, params = scope_sql(db, scope, "p.company_id", "p.caller")
    if period.end >= today:
        return db.execute("SELECT count(DISTINCT p.company_id) FROM plans p "
                          f"WHERE p.status = 'open' AND {condition}", params).fetchone()[0]
    # Made before the end and still open (sorted by company in plans_open_created), merged with the plans
    # made before it and closed only since (a few from plans_status_done, sorted in memory): UNION counts
    # each account once.
    return db.execute(
        "SELECT count(*) FROM (SELECT p.company_id FROM plans p "
        f"WHERE p.status = 'open' AND p.created_at < ? AND {condition} "
        "UNION SELECT p.company_id FROM plans p "
        f"WHERE p.status IN ('done', 'skipped') AND p.done_at >= ? AND p.created_at < ? AND {condition} "
        "ORDER BY 1)", [high, *params, high, high, *params]).fetchone()[0]


def plans_on_time_counts(db: Database, period: Period, scope: Scope, today: date) -> tuple[int, int]:
    """The plans due in the period done on time, and all those judged (done, or open and overdue)."""
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "p.company_id", "p.caller")
    due_before = min(high, today.isoformat())
    # Three index ranges: done and due in the period; open and already overdue (both plans_status_due);
    # done on time (plans_on_time, whose expression _ON_TIME repeats).
    done, overdue, on_time = db.execute(
        "SELECT (SELECT count(*) FROM plans p WHERE p.status = 'done' "
        f"AND p.due >= ? AND p.due < ? AND {condition}), "
        "(SELECT count(*) FROM plans p WHERE p.status = 'open' "
        f"AND p.due >= ? AND p.due < ? AND {condition}), "
        f"(SELECT count(*) FROM plans p WHERE p.status = 'done' AND {_ON_TIME} = 1 "
        f"AND p.due >= ? AND p.due < ? AND {condition})",
        [low, high, *params, low, due_before, *params, low, high, *params]).fetchone()
    return on_time, done + overdue


_SILENT_WHERE = (
    f"c.status IN {_in(SILENT_STATUSES)} AND c.last_touch_at IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.company_id = c.id AND p.status = 'open') ")


def _silent_where(db: Database, period: Period, scope: Scope, today: date) -> tuple[str, list[Any]]:
    _, high = period.bounds()
    cutoff = (period.end - timedelta(days=SILENT_DAYS - 1)).isoformat()
    condition, params = scope_sql(db, scope, "c.id")
    # Last touched before the cutoff; or (a past period) touched since its end but not in the window.
    return (f"{_SILENT_WHERE} AND {condition} AND (c.last_touch_at < ? OR (c.last_touch_at >= ? "
            "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at >= ? AND t.at < ?)))",
            [*params, cutoff, high, cutoff, high])


def silent_count(db: Database, period: Period, scope: Scope, today: date) -> int:
    """The accounts of ``_silent_where``, from ranges of companies_no_open_plan (migration 6 keeps
    ``companies.open_plans``, the count of a company's open plans, exact by triggers)."""
    _, high = period.bounds()
    cutoff = (period.end - timedelta(days=SILENT_DAYS - 1)).isoformat()
    condition, params = scope_sql(db, scope, "c.id")
    accounts = ("SELECT count(*) FROM companies c "
                f"WHERE c.open_plans = 0 AND c.status IN {_in(SILENT_STATUSES)} AND {condition} ")
    quiet = accounts + "AND c.last_touch_at < ?"
    if period.end >= today:
        return db.execute(quiet, [*params, cutoff]).fetchone()[0]
    # A past period: also those touched since its end with no touch in the window (a short range of
    # the index; only those are probed in the touches).
    since = (accounts + "AND c.last_touch_at >= ? "
             "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at >= ? AND t.at < ?)")
    return db.execute(f"SELECT ({quiet}) + ({since})",
                      [*params, cutoff, *params, high, cutoff, high]).fetchone()[0]


def loss_reasons(db: Database, period: Period, scope: Scope) -> tuple[tuple[str, int], ...]:
    """The reasons of meetings held in the period and lost, most frequent first (Japanese labels)."""
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    rows = db.execute(
        "SELECT m.outcome_reason, count(*) FROM meetings m WHERE m.starts_at >= ? AND m.starts_at < ? "
        f"AND m.status = 'held' AND m.outcome = 'lost' AND {condition} GROUP BY 1",
        [low, high, *params]).fetchall()
    counted: dict[str, int] = {}
    for reason, count in rows:
        text = reason_label(reason) or NO_REASON
        counted[text] = counted.get(text, 0) + count
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def reason_label(reason: str | None, language: str = "ja") -> str:
    """A stored outcome reason as shown: the pick list's label, or the text a person typed."""
    return label(OUTCOME_REASON, reason, language)


# -- the rows behind a figure ---------------------------------------------------------------------------

DRILL_COLUMNS = ("when", "company", "what", "note")


@dataclass(frozen=True)
class DrillRow:
    """One account or touch behind a figure: when, which company, what happened, a note."""

    company_id: int
    company_name: str
    when: str
    what: str
    note: str = ""


def _touch_rows(db: Database, period: Period, scope: Scope, extra: str) -> list[DrillRow]:
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "t.company_id", "t.caller")
    rows = db.execute(
        "SELECT t.company_id, c.name, t.at, t.outcome, t.reached_decision_maker, t.note FROM touches t "
        "JOIN companies c ON c.id = t.company_id "
        f"WHERE t.kind = 'call' AND t.at >= ? AND t.at < ? AND {extra} AND {condition} ORDER BY t.at, t.id",
        [low, high, *params])
    return [DrillRow(cid, name, at[:16].replace("T", " "),
                     label(OUTCOME, outcome) + ("（キーパーソン）" if reached else ""), note or "")
            for cid, name, at, outcome, reached, note in rows]


def _meeting_rows(db: Database, period: Period, scope: Scope, extra: str, *,
                  booked: bool = False) -> list[DrillRow]:
    """Meetings held in the period (``booked``: held, and booked in the period whenever they took place)."""
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    day = "m.created_at" if booked else "m.starts_at"
    rows = db.execute(
        "SELECT m.company_id, c.name, m.starts_at, m.outcome, m.outcome_reason, m.outcome_note, "
        "m.order_amount FROM meetings m JOIN companies c ON c.id = m.company_id "
        f"WHERE {day} >= ? AND {day} < ? AND m.status = 'held' AND {extra} AND {condition} "
        "ORDER BY m.starts_at, m.id", [low, high, *params])
    result = []
    for cid, name, at, outcome, reason, note, amount in rows:
        what = label(MEETING_OUTCOME, outcome) or "結果未入力"
        if reason:
            what += f"（{reason_label(reason)}）"
        if amount is not None:
            what += f" {amount:,}円"
        result.append(DrillRow(cid, name, at[:16].replace("T", " "), what, note or ""))
    return result


def _company_rows(db: Database, where: str, params: list[Any]) -> list[DrillRow]:
    rows = db.execute(
        "SELECT c.id, c.name, c.last_touch_at, c.status, "
        "(SELECT min(p.due) FROM plans p WHERE p.company_id = c.id AND p.status = 'open') "
        f"FROM companies c WHERE {where} ORDER BY c.last_touch_at, c.id", params)
    return [DrillRow(cid, name, (last or "")[:10], label(COMPANY_STATUS, status),
                     f"次回予定 {due[:10]}" if due else "")
            for cid, name, last, status, due in rows]


def figure_rows(db: Database, key: str, period: Period, scope: Scope | None = None, *,
                today: date | None = None) -> list[DrillRow]:
    """The touches, meetings or accounts a figure counts (for a rate: those of its numerator)."""
    scope = scope or Scope()
    today = today or clock.today()
    low, high = period.bounds()
    if key in ("calls", "connect_rate", "key_person_rate", "appointment_rate") and key != "calls":
        key = {"connect_rate": "connects", "key_person_rate": "key_person",
               "appointment_rate": "appointments"}[key]
    if key == "calls":
        return _touch_rows(db, period, scope, "1")
    if key == "connects":
        return _touch_rows(db, period, scope, connect_sql("t"))
    if key == "key_person":
        return _touch_rows(db, period, scope, "t.reached_decision_maker <> 0")
    if key == "appointments":
        return _touch_rows(db, period, scope, "t.outcome = 'appointment'")
    if key == "meetings_held":
        return _meeting_rows(db, period, scope, "1")
    if key in ("won", "win_rate"):
        return _meeting_rows(db, period, scope, "m.outcome = 'won'")
    if key in ("order_amount", "average_order"):
        return _meeting_rows(db, period, scope, "m.outcome = 'won' AND m.order_amount IS NOT NULL")
    if key == "meeting_rate":
        return _meeting_rows(db, period, scope, "m.touch_id IS NOT NULL", booked=True)
    if key == "untouched":
        if period.end < today:  # the statuses and lists of the period's last day
            was, params = _untouched_then(db, scope, high)
            return _company_rows(db, f"(c.first_touch_at IS NULL OR c.first_touch_at >= ?) AND {was}",
                                 [high, *params])
        condition, params = scope_sql(db, scope, "c.id")
        return _company_rows(
            db, f"c.id IN {_ACTIVE_MEMBERS} AND c.status NOT IN {_CLOSED} AND {condition} "
            "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at < ?)",
            [*params, high])
    if key == "pipeline":
        select, params = _pipeline_sql(db, period, scope, today)
        return _company_rows(db, f"c.id IN ({select})", params)
    if key == "silent":
        where, params = _silent_where(db, period, scope, today)
        return _company_rows(db, where, params)
    if key == "plans_on_time":
        condition, params = scope_sql(db, scope, "p.company_id", "p.caller")
        rows = db.execute(
            "SELECT p.company_id, c.name, p.due, p.status, p.done_at, p.hypothesis FROM plans p "
            "JOIN companies c ON c.id = p.company_id WHERE p.due >= ? AND p.due < ? "
            "AND (p.status = 'done' OR (p.status = 'open' AND p.due < ?)) AND " + condition
            + " ORDER BY p.due, p.id", [low, high, min(high, today.isoformat()), *params])
        result = []
        for cid, name, due, status, done_at, hypothesis in rows:
            late = status != "done" or (done_at or "")[:10] > due[:10]
            what = "期日超過" if late else "期日どおり"
            what += f"（完了 {done_at[:10]}）" if done_at else "（未完了）"
            result.append(DrillRow(cid, name, due[:16].replace("T", " "), what, hypothesis or ""))
        return result
    raise ValueError(f"unknown figure {key!r}")


def meetings_of_period(db: Database, period: Period, scope: Scope | None = None) -> list[DrillRow]:
    """Every meeting starting in the period that was held or has an outcome (closed or not), by time."""
    scope = scope or Scope()
    low, high = period.bounds()
    condition, params = scope_sql(db, scope, "m.company_id", "m.caller")
    rows = db.execute(
        "SELECT m.company_id, c.name, m.starts_at, m.status, m.outcome, m.outcome_reason, m.next_step "
        "FROM meetings m JOIN companies c ON c.id = m.company_id WHERE m.starts_at >= ? AND m.starts_at < ? "
        f"AND (m.status = 'held' OR m.outcome IS NOT NULL) AND {condition} ORDER BY m.starts_at, m.id",
        [low, high, *params])
    result = []
    for cid, name, at, _status, outcome, reason, next_step in rows:
        what = label(MEETING_OUTCOME, outcome) or "結果未入力"
        if reason:
            what += f"（{reason_label(reason)}）"
        result.append(DrillRow(cid, name, at[:16].replace("T", " "), what, next_step or ""))
    return result
