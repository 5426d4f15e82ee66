"""Numbered, append-only migrations. Each is a list of SQL statements (or Python steps that take the
database, where SQL cannot say it) run in one transaction.

Longer than 400 lines on purpose: append-only migrations, one list in order is the point.

Never edit a migration that has shipped: add a new one at the end. ``tests/models/store/test_migrations.py``
upgrades database files kept under ``tests/fixtures/`` to prove old files still open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from models.store import timestamps

if TYPE_CHECKING:
    from sqlite_utils import Database

# Columns every table carries (DESIGN.md): id, uid (random, for future sync), created_at, updated_at.
_COMMON = """
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""

_M0001 = [
    f"""CREATE TABLE imports ({_COMMON},
    list_id INTEGER REFERENCES target_lists(id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    encoding TEXT,
    rows INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    undone_at TEXT
)""",
    f"""CREATE TABLE companies ({_COMMON},
    name TEXT NOT NULL,
    name_kana TEXT,
    corporate_number TEXT,
    industry TEXT,
    business_domain TEXT,
    prefecture TEXT,
    address TEXT,
    postal_code TEXT,
    phone TEXT,
    website TEXT,
    employees INTEGER CHECK (employees IS NULL OR employees >= 0),
    fiscal_year_end_month INTEGER CHECK (fiscal_year_end_month IS NULL
        OR fiscal_year_end_month BETWEEN 1 AND 12),
    rank TEXT CHECK (rank IS NULL OR rank IN ('A', 'B', 'C', 'D')),
    score REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'untouched' CHECK (status IN ('untouched', 'in_progress', 'nurturing',
        'appointment', 'customer', 'disqualified', 'do_not_call')),
    notes TEXT,
    name_key TEXT NOT NULL DEFAULT '',
    phone_key TEXT,
    address_key TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    last_touch_at TEXT,
    import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
)""",
    "CREATE INDEX companies_corporate_number ON companies(corporate_number)",
    "CREATE INDEX companies_phone_key ON companies(phone_key)",
    "CREATE INDEX companies_name_address ON companies(name_key, address_key)",
    "CREATE INDEX companies_status ON companies(status)",
    "CREATE INDEX companies_rank_score ON companies(rank, score DESC)",
    "CREATE INDEX companies_prefecture ON companies(prefecture)",
    "CREATE INDEX companies_industry ON companies(industry)",
    "CREATE INDEX companies_last_touch ON companies(last_touch_at)",
    # Search over NFKC-normalised text; trigram finds Japanese substrings of three characters or more.
    """CREATE VIRTUAL TABLE companies_fts USING fts5(
    search_key, content='companies', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
    INSERT INTO companies_fts(rowid, search_key) VALUES (new.id, new.search_key);
END""",
    """CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
    INSERT INTO companies_fts(companies_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END""",
    """CREATE TRIGGER companies_fts_update AFTER UPDATE OF search_key ON companies BEGIN
    INSERT INTO companies_fts(companies_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO companies_fts(rowid, search_key) VALUES (new.id, new.search_key);
END""",
    f"""CREATE TABLE contacts ({_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_kana TEXT,
    department TEXT,
    title TEXT,
    role TEXT NOT NULL DEFAULT 'other' CHECK (role IN ('gatekeeper', 'decision_maker', 'hr', 'field',
        'champion', 'blocker', 'other')),
    phone TEXT,
    mobile TEXT,
    email TEXT,
    best_time TEXT,
    notes TEXT,
    map_x REAL,
    map_y REAL,
    employment TEXT NOT NULL DEFAULT 'active' CHECK (employment IN ('active', 'moved', 'left')),
    employment_changed_on TEXT,
    successor_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
)""",
    "CREATE INDEX contacts_company ON contacts(company_id)",
    f"""CREATE TABLE relationships ({_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    from_contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    to_contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('introduced', 'reports_to', 'works_with', 'influences',
        'conflicts')),
    note TEXT,
    as_of TEXT,
    source TEXT,
    CHECK (from_contact_id <> to_contact_id)
)""",
    "CREATE INDEX relationships_company ON relationships(company_id)",
    f"""CREATE TABLE target_lists ({_COMMON},
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    script TEXT,
    archived INTEGER NOT NULL DEFAULT 0
)""",
    f"""CREATE TABLE list_members ({_COMMON},
    list_id INTEGER NOT NULL REFERENCES target_lists(id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    priority INTEGER NOT NULL DEFAULT 0,
    import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    UNIQUE (list_id, company_id)
)""",
    "CREATE INDEX list_members_company ON list_members(company_id)",
    f"""CREATE TABLE import_changes ({_COMMON},
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before_json TEXT
)""",
    "CREATE INDEX import_changes_import ON import_changes(import_id)",
    f"""CREATE TABLE touches ({_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'call' CHECK (kind IN ('call', 'email', 'letter', 'meeting', 'visit',
        'other')),
    at TEXT NOT NULL,
    duration_s INTEGER CHECK (duration_s IS NULL OR duration_s >= 0),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('not_available', 'gatekeeper_block',
        'connected', 'callback_requested', 'info_sent', 'appointment', 'no_need', 'bad_number',
        'disqualified')),
    reached_decision_maker INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    hearing_issue TEXT,
    hearing_current TEXT,
    hearing_budget TEXT,
    hearing_timing TEXT,
    hearing_decision_maker TEXT,
    hearing_competitor TEXT,
    caller TEXT,
    session_uid TEXT
)""",
    "CREATE INDEX touches_company_at ON touches(company_id, at)",
    "CREATE INDEX touches_at ON touches(at)",
    f"""CREATE TABLE cadences ({_COMMON},
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    stop_on_appointment INTEGER NOT NULL DEFAULT 1,
    stop_on_do_not_call INTEGER NOT NULL DEFAULT 1,
    stop_on_reply INTEGER NOT NULL DEFAULT 0
)""",
    f"""CREATE TABLE cadence_steps ({_COMMON},
    cadence_id INTEGER NOT NULL REFERENCES cadences(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    offset_amount INTEGER NOT NULL,
    offset_unit TEXT NOT NULL CHECK (offset_unit IN ('business_days', 'weeks', 'months',
        'fiscal_year_end_months')),
    kind TEXT NOT NULL DEFAULT 'call',
    hypothesis TEXT
)""",
    f"""CREATE TABLE plans ({_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    due TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'call' CHECK (kind IN ('call', 'email', 'letter', 'meeting', 'visit',
        'other')),
    hypothesis TEXT,
    hypothesis_template TEXT,
    hypothesis_result TEXT CHECK (hypothesis_result IS NULL OR hypothesis_result IN ('held', 'missed',
        'unknown')),
    source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'rule', 'cadence')),
    cadence_id INTEGER REFERENCES cadences(id) ON DELETE SET NULL,
    cadence_step_id INTEGER REFERENCES cadence_steps(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'skipped')),
    done_touch_id INTEGER REFERENCES touches(id) ON DELETE SET NULL,
    done_at TEXT,
    skip_reason TEXT
)""",
    "CREATE INDEX plans_status_due ON plans(status, due)",
    "CREATE INDEX plans_company ON plans(company_id)",
    f"""CREATE TABLE meetings ({_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    touch_id INTEGER REFERENCES touches(id) ON DELETE SET NULL,
    starts_at TEXT NOT NULL,
    duration_min INTEGER NOT NULL DEFAULT 60 CHECK (duration_min > 0),
    place TEXT,
    online_url TEXT,
    field_rep TEXT,
    caller TEXT,
    purpose TEXT,
    notes_needs TEXT,
    notes_current TEXT,
    notes_expectations TEXT,
    notes_concerns TEXT,
    notes_personality TEXT,
    notes_budget TEXT,
    notes_timing TEXT,
    notes_decision_process TEXT,
    notes_competitors TEXT,
    notes_unknowns TEXT,
    questions TEXT,
    cautions TEXT,
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('won', 'lost', 'ongoing', 'postponed',
        'cancelled')),
    outcome_reason TEXT,
    outcome_note TEXT,
    next_step TEXT,
    brief_difference TEXT,
    feedback_at TEXT
)""",
    "CREATE INDEX meetings_starts_at ON meetings(starts_at)",
    "CREATE INDEX meetings_company ON meetings(company_id)",
    f"""CREATE TABLE meeting_attendees ({_COMMON},
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    note TEXT,
    UNIQUE (meeting_id, contact_id)
)""",
    f"""CREATE TABLE settings ({_COMMON},
    key TEXT NOT NULL UNIQUE,
    value TEXT
)""",
    f"""CREATE TABLE saved_views ({_COMMON},
    name TEXT NOT NULL UNIQUE,
    filters_json TEXT NOT NULL
)""",
    f"""CREATE TABLE import_mappings ({_COMMON},
    name TEXT NOT NULL UNIQUE,
    fields_json TEXT NOT NULL
)""",
]

# 2: indexes for the Targets table and the Today queue at 100,000 companies.
_M0002 = [
    # The Targets table's default order (accounts.targets._PRIORITY, same expressions). search_key rides
    # along so a broad search ("株式会社") walks this index alone and stops at the first page, instead
    # of looking up and sorting tens of thousands of FTS matches.
    """CREATE INDEX companies_priority ON companies(rank IS NULL, rank, score DESC, name_kana IS NULL,
    name_kana, search_key)""",
    # The same keys by id: sorting a few thousand FTS matches reads this small index, not their rows.
    "CREATE INDEX companies_sort_keys ON companies(id, rank, score, name_kana, status)",
    "CREATE INDEX list_members_list_priority ON list_members(list_id, priority)",
    # A company's earliest open plan in one step (the Targets table's 次回予定). Without it SQLite
    # answers min(due) by walking plans_status_due through every open plan, once per company.
    "CREATE INDEX plans_company_open ON plans(company_id, status, due)",
]

# 3: the weekly review's decisions (決定事項とネクストアクション), typed in the app and printed.
_M0003 = [
    f"""CREATE TABLE review_decisions ({_COMMON},
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    decision TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    done INTEGER NOT NULL DEFAULT 0
)""",
    "CREATE INDEX review_decisions_period ON review_decisions(period_start, period_end)",
]

# 4: the KPI page at 100,000 companies. touch_days is derived data (computable from touches at any
# time): per local day (the date as written in touches.at) the counts the KPIs and
# the weekly trend add up, kept by triggers, so a period's figures read a few dozen rows instead
# of every touch. models/kpi/figures.py documents what each count means.
_TALKS = "('connected', 'callback_requested', 'info_sent', 'appointment', 'no_need')"


def _touch_day_values(row: str) -> str:
    call = f"{row}.kind = 'call'"
    return (f"substr({row}.at, 1, 10), 1, ({call}), ifnull({call} AND {row}.outcome IN {_TALKS}, 0), "
            f"ifnull({call} AND {row}.reached_decision_maker <> 0, 0), "
            f"ifnull({call} AND {row}.outcome = 'appointment', 0)")


_ADD_TOUCH_DAY = """INSERT INTO touch_days (day, touches, calls, connects, key_people, appointments)
    VALUES ({values})
    ON CONFLICT (day) DO UPDATE SET touches = touches + 1, calls = calls + excluded.calls,
    connects = connects + excluded.connects, key_people = key_people + excluded.key_people,
    appointments = appointments + excluded.appointments, updated_at = excluded.updated_at;"""
_DROP_TOUCH_DAY = """UPDATE touch_days SET touches = touches - 1, calls = calls - ({call}),
    connects = connects - ifnull(({call}) AND old.outcome IN {talks}, 0),
    key_people = key_people - ifnull(({call}) AND old.reached_decision_maker <> 0, 0),
    appointments = appointments - ifnull(({call}) AND old.outcome = 'appointment', 0)
    WHERE day = substr(old.at, 1, 10);""".format(call="old.kind = 'call'", talks=_TALKS)

_M0004 = [
    # The common columns fill themselves: the triggers below insert rows without knowing them.
    """CREATE TABLE touch_days (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    day TEXT NOT NULL UNIQUE,
    touches INTEGER NOT NULL DEFAULT 0,
    calls INTEGER NOT NULL DEFAULT 0,
    connects INTEGER NOT NULL DEFAULT 0,
    key_people INTEGER NOT NULL DEFAULT 0,
    appointments INTEGER NOT NULL DEFAULT 0
)""",
    f"""INSERT INTO touch_days (day, touches, calls, connects, key_people, appointments)
    SELECT substr(t.at, 1, 10), count(*), sum(t.kind = 'call'),
        sum(ifnull(t.kind = 'call' AND t.outcome IN {_TALKS}, 0)),
        sum(ifnull(t.kind = 'call' AND t.reached_decision_maker <> 0, 0)),
        sum(ifnull(t.kind = 'call' AND t.outcome = 'appointment', 0))
    FROM touches t GROUP BY 1""",
    f"""CREATE TRIGGER touch_days_insert AFTER INSERT ON touches BEGIN
    {_ADD_TOUCH_DAY.format(values=_touch_day_values("new"))}
END""",
    f"""CREATE TRIGGER touch_days_delete AFTER DELETE ON touches BEGIN
    {_DROP_TOUCH_DAY}
END""",
    f"""CREATE TRIGGER touch_days_update AFTER UPDATE OF at, kind, outcome, reached_decision_maker
    ON touches BEGIN
    {_DROP_TOUCH_DAY}
    {_ADD_TOUCH_DAY.format(values=_touch_day_values("new"))}
END""",
    # Accounts with an open plan (the nurturing pipeline) from the index alone.
    "CREATE INDEX plans_open_company ON plans(status, company_id)",
    # Accounts that had an open plan at the end of a past period: plans still open, or closed since.
    "CREATE INDEX plans_status_done ON plans(status, done_at, created_at, company_id)",
    # Plans due in a period with how they ended (on-time plans), without reading the rows.
    "CREATE INDEX plans_due_done ON plans(due, status, done_at, company_id)",
    # Untouched: the companies never touched (and not closed), a small index to probe list members in.
    """CREATE INDEX companies_never_touched ON companies(id)
    WHERE last_touch_at IS NULL AND status NOT IN ('disqualified', 'do_not_call')""",
    # Silent accounts: a status's accounts by their last touch.
    "CREATE INDEX companies_status_last_touch ON companies(status, last_touch_at)",
]

# 5: the KPI page's figures of accounts (Untouched, pipeline, silent, on-time plans) at 100,000
# companies without reading rows. SQLite 3.40 reads the row when a query names a column that only the
# partial index's WHERE mentions, so these partial indexes also carry the columns they filter on.
_M0005 = [
    # Companies by id: never touched (closed ones left out), and touched in progress or nurturing
    # (silent accounts): sorted sets that kpi/figures.py merges (INTERSECT / EXCEPT … ORDER BY) with the
    # list members and the open plans in one pass each.
    """CREATE INDEX companies_untouched_ids ON companies(id, status, last_touch_at)
    WHERE last_touch_at IS NULL AND status NOT IN ('disqualified', 'do_not_call')""",
    """CREATE INDEX companies_silent_ids ON companies(id, status, last_touch_at)
    WHERE last_touch_at IS NOT NULL AND status IN ('in_progress', 'nurturing')""",
    # List members by company, with their list (archived or not is one probe of a tiny table).
    "CREATE INDEX list_members_company_list ON list_members(company_id, list_id)",
    # Open plans by company with when they were made (the pipeline at the end of a past period).
    "CREATE INDEX plans_open_created ON plans(status, company_id, created_at)",
    # Plans done on or before their due day, counted by due day (the same expression as models/kpi/figures.py;
    # done_at rides along so that SQLite 3.40 counts from the index without reading the rows).
    """CREATE INDEX plans_on_time ON plans(status, (substr(done_at, 1, 10) <= substr(due, 1, 10)), due,
    done_at)""",
    # Meetings held by start, with what the counts, the loss reasons and the trend read.
    "CREATE INDEX meetings_held ON meetings(status, starts_at, outcome, outcome_reason, company_id)",
]

# 6: Untouched数 and 音信不通 of a past period without probing the touches or merging the open plans
# of every account. Two derived columns of companies, kept exact by the triggers below:
# first_touch_at, the earliest touches.at of the company as written (None without any touch; an insert
# can only lower it, a delete or an edit reads the minimum back from touches_company_at, one index
# step); open_plans, how many of its plans are open.
_FIRST_TOUCH = "(SELECT min(t.at) FROM touches t WHERE t.company_id = {company})"
_M0006 = [
    "ALTER TABLE companies ADD COLUMN first_touch_at TEXT",
    f"UPDATE companies SET first_touch_at = {_FIRST_TOUCH.format(company='companies.id')}",
    """CREATE TRIGGER companies_first_touch_insert AFTER INSERT ON touches BEGIN
    UPDATE companies SET first_touch_at = new.at
    WHERE id = new.company_id AND (first_touch_at IS NULL OR first_touch_at > new.at);
END""",
    f"""CREATE TRIGGER companies_first_touch_delete AFTER DELETE ON touches BEGIN
    UPDATE companies SET first_touch_at = {_FIRST_TOUCH.format(company='old.company_id')}
    WHERE id = old.company_id AND first_touch_at >= old.at;
END""",
    f"""CREATE TRIGGER companies_first_touch_update AFTER UPDATE OF at, company_id ON touches BEGIN
    UPDATE companies SET first_touch_at = {_FIRST_TOUCH.format(company='companies.id')}
    WHERE id IN (old.company_id, new.company_id);
END""",
    # Accounts first touched after a date (with their last touch and status) in a range of this index.
    "CREATE INDEX companies_first_touch ON companies(first_touch_at, last_touch_at, status)",
    "ALTER TABLE companies ADD COLUMN open_plans INTEGER NOT NULL DEFAULT 0",
    """UPDATE companies SET open_plans = (SELECT count(*) FROM plans p
    WHERE p.company_id = companies.id AND p.status = 'open')""",
    """CREATE TRIGGER companies_open_plans_insert AFTER INSERT ON plans WHEN new.status = 'open' BEGIN
    UPDATE companies SET open_plans = open_plans + 1 WHERE id = new.company_id;
END""",
    """CREATE TRIGGER companies_open_plans_delete AFTER DELETE ON plans WHEN old.status = 'open' BEGIN
    UPDATE companies SET open_plans = open_plans - 1 WHERE id = old.company_id;
END""",
    """CREATE TRIGGER companies_open_plans_update AFTER UPDATE OF status, company_id ON plans
    WHEN old.status = 'open' OR new.status = 'open' BEGIN
    UPDATE companies SET open_plans = open_plans - 1 WHERE id = old.company_id AND old.status = 'open';
    UPDATE companies SET open_plans = open_plans + 1 WHERE id = new.company_id AND new.status = 'open';
END""",
    # Silent accounts: those without an open plan, by status and last touch (open_plans rides along so
    # that SQLite 3.40 counts from the index without reading the rows).
    """CREATE INDEX companies_no_open_plan ON companies(status, last_touch_at, open_plans)
    WHERE open_plans = 0""",
]

# 7: indexes that a longer index with the same first columns (and the same WHERE) already serves. Every
# insert paid for them (an import of 100,000 companies writes each index 100,000 times) and no query
# needs them: SQLite uses the longer index for the same lookups, and the foreign keys' ON DELETE steps
# find a company's list members and plans through it.
_M0007 = [
    "DROP INDEX companies_status",  # companies_status_last_touch (status, last_touch_at)
    "DROP INDEX companies_never_touched",  # companies_untouched_ids (id, status, last_touch_at), same WHERE
    "DROP INDEX list_members_company",  # list_members_company_list (company_id, list_id)
    "DROP INDEX plans_company",  # plans_company_open (company_id, status, due)
    "DROP INDEX plans_open_company",  # plans_open_created (status, company_id, created_at)
]

# 8: every timestamp in the offset of the zone the caller works in. Files written on a UTC laptop mixed
# +00:00 rows with the demo's +09:00 ones, which sort and fall on days wrongly as text. A Python step
# (models.store.timestamps.upgrade): the zone is the file's time_zone setting, else the system's, else
# Asia/Tokyo for a file whose timestamps are mostly +09:00 on a machine that is not (recorded as the
# setting); each moment is kept, only the offset it is written in changes.
_M0008: list[str | Callable[[Database], None]] = [timestamps.upgrade]

# 9: who made each plan, as touches and meetings already say (the caller_name setting when it was made).
# Plans made before are left without one: nothing records who made them.
_M0009 = ["ALTER TABLE plans ADD COLUMN caller TEXT"]

# 10: figures of a moment for any past day, goals and money.
# - company_status_changes and list_member_history: a company's status and a list's members as they were
#   on a past day (Untouched and silent accounts of a past period). Kept by triggers, stamped with the
#   row's own timestamps (written in the working zone by the writes): a status change at the company's
#   new updated_at, a membership from its created_at. A membership deleted without saying when
#   (models.accounts.lists.remove_from_list records removed_at first) is forgotten, as if never made:
#   that is how an import's undo takes its members back. Backfilled from what exists: every member since
#   it was added; a closed company closed at its last closing call (対象外, 番号不通), else at its
#   last update. Earlier changes of other statuses are not known.
# - kpi_goals: a month's targets, overall (list_id NULL) or for one list.
# - meetings.order_amount / expected_amount: the won order and the amount hoped for, in yen.
# - review_decisions.done_at: when a decision was marked done (a later review still shows it until then).
_HISTORY_COMMON = """
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""
_M0010: list[str | Callable[[Database], None]] = [
    f"""CREATE TABLE company_status_changes ({_HISTORY_COMMON},
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL
)""",
    "CREATE INDEX company_status_changes_company ON company_status_changes(company_id, at)",
    "CREATE INDEX company_status_changes_at ON company_status_changes(at, company_id)",
    """INSERT INTO company_status_changes (created_at, updated_at, company_id, at, old_status, new_status)
    SELECT closed.at, closed.at, closed.id, closed.at,
        CASE WHEN closed.first_touch_at < closed.at THEN 'in_progress' ELSE 'untouched' END, closed.status
    FROM (SELECT c.id, c.status, c.first_touch_at, coalesce((SELECT max(t.at) FROM touches t
        WHERE t.company_id = c.id AND t.outcome IN ('disqualified', 'bad_number')), c.updated_at) AS at
        FROM companies c WHERE c.status IN ('disqualified', 'do_not_call')) AS closed""",
    """CREATE TRIGGER company_status_changes_update AFTER UPDATE OF status ON companies
    WHEN old.status IS NOT new.status BEGIN
    INSERT INTO company_status_changes (created_at, updated_at, company_id, at, old_status, new_status)
    VALUES (new.updated_at, new.updated_at, new.id, new.updated_at, old.status, new.status);
END""",
    f"""CREATE TABLE list_member_history ({_HISTORY_COMMON},
    list_id INTEGER NOT NULL REFERENCES target_lists(id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    removed_at TEXT
)""",
    "CREATE INDEX list_member_history_company ON list_member_history(company_id, list_id, added_at)",
    "CREATE INDEX list_member_history_list ON list_member_history(list_id, company_id)",
    "CREATE INDEX list_member_history_added ON list_member_history(added_at, company_id)",
    "CREATE INDEX list_member_history_removed ON list_member_history(removed_at, company_id)",
    """INSERT INTO list_member_history (created_at, updated_at, list_id, company_id, added_at)
    SELECT created_at, created_at, list_id, company_id, created_at FROM list_members ORDER BY id""",
    """CREATE TRIGGER list_member_history_insert AFTER INSERT ON list_members BEGIN
    INSERT INTO list_member_history (created_at, updated_at, list_id, company_id, added_at)
    VALUES (new.created_at, new.created_at, new.list_id, new.company_id, new.created_at);
END""",
    """CREATE TRIGGER list_member_history_delete AFTER DELETE ON list_members BEGIN
    DELETE FROM list_member_history
    WHERE list_id = old.list_id AND company_id = old.company_id AND removed_at IS NULL;
END""",
    f"""CREATE TABLE kpi_goals ({_COMMON},
    month TEXT NOT NULL,
    list_id INTEGER REFERENCES target_lists(id) ON DELETE CASCADE,
    calls INTEGER CHECK (calls IS NULL OR calls >= 0),
    appointments INTEGER CHECK (appointments IS NULL OR appointments >= 0),
    meetings_held INTEGER CHECK (meetings_held IS NULL OR meetings_held >= 0),
    won INTEGER CHECK (won IS NULL OR won >= 0)
)""",
    "CREATE UNIQUE INDEX kpi_goals_month_list ON kpi_goals(ifnull(list_id, 0), month)",
    "ALTER TABLE meetings ADD COLUMN order_amount INTEGER CHECK (order_amount IS NULL OR order_amount >= 0)",
    "ALTER TABLE meetings ADD COLUMN expected_amount INTEGER "
    "CHECK (expected_amount IS NULL OR expected_amount >= 0)",
    # The order amounts of the meetings won in a period, and the meetings booked in a period (the
    # funnel follows the period's appointments to their meetings), from indexes alone.
    "CREATE INDEX meetings_won_amount ON meetings(status, outcome, starts_at, order_amount, company_id)",
    "CREATE INDEX meetings_booked ON meetings(status, created_at, touch_id, outcome, company_id)",
    "ALTER TABLE review_decisions ADD COLUMN done_at TEXT",
    "UPDATE review_decisions SET done_at = updated_at WHERE done <> 0",
]

# 11: the outbox of team sync (models/team): every insert, update and delete of a synced table is
# recorded in the same transaction as the write, by triggers, so no write path can forget it. Only while
# sync_state.recording is 1: a file not bound to a team pays one probe of a one-row table a write and
# keeps no outbox, and applying pulled changes turns it off inside its own transaction so they are not
# sent back. An update is recorded only when a synced column changed, with the names of those columns
# (per-field merge); the columns derived on the laptop (search keys, score, first/last touch, open
# plans, import ids) are left out, so a logged call does not record its company as edited. outbox.id
# is AUTOINCREMENT: an id is never reused after a push deletes the rows, so the server can tell a
# re-sent batch by its ids.
_OUTBOX_COLUMNS = {
    "companies": ("name", "name_kana", "corporate_number", "industry", "business_domain", "prefecture",
                  "address", "postal_code", "phone", "website", "employees", "fiscal_year_end_month",
                  "rank", "status", "notes"),
    "contacts": ("company_id", "name", "name_kana", "department", "title", "role", "phone", "mobile",
                 "email", "best_time", "notes", "map_x", "map_y", "employment", "employment_changed_on",
                 "successor_id"),
    "relationships": ("company_id", "from_contact_id", "to_contact_id", "kind", "note", "as_of", "source"),
    "touches": ("company_id", "contact_id", "kind", "at", "duration_s", "outcome", "reached_decision_maker",
                "note", "hearing_issue", "hearing_current", "hearing_budget", "hearing_timing",
                "hearing_decision_maker", "hearing_competitor", "caller", "session_uid"),
    "plans": ("company_id", "contact_id", "due", "kind", "hypothesis", "hypothesis_template",
              "hypothesis_result", "source", "cadence_id", "cadence_step_id", "status", "done_touch_id",
              "done_at", "skip_reason", "caller"),
    "meetings": ("company_id", "touch_id", "starts_at", "duration_min", "place", "online_url", "field_rep",
                 "caller", "purpose", "notes_needs", "notes_current", "notes_expectations", "notes_concerns",
                 "notes_personality", "notes_budget", "notes_timing", "notes_decision_process",
                 "notes_competitors", "notes_unknowns", "questions", "cautions", "status", "outcome",
                 "outcome_reason", "outcome_note", "next_step", "brief_difference", "feedback_at",
                 "order_amount", "expected_amount"),
    "target_lists": ("name", "description", "script", "archived"),
    "list_members": ("list_id", "company_id", "priority"),
}
# Synced from local migration 15 on (its triggers are added there, not by migration 11's loop above).
_OUTBOX_COLUMNS_15 = {
    "cadences": ("name", "description", "stop_on_appointment", "stop_on_do_not_call", "stop_on_reply"),
    "cadence_steps": ("cadence_id", "position", "offset_amount", "offset_unit", "kind", "hypothesis"),
    "meeting_attendees": ("meeting_id", "contact_id", "note"),
}
# The synced tables and columns, read by the push and the pull (models.team).
SYNCED_COLUMNS = {**_OUTBOX_COLUMNS, **_OUTBOX_COLUMNS_15}
_RECORDING = "(SELECT recording FROM sync_state WHERE id = 1)"


def _outbox_triggers(table: str, columns: Sequence[str]) -> list[str]:
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in columns)
    names = " || ".join(f"CASE WHEN old.{column} IS NOT new.{column} THEN ',{column}' ELSE '' END"
                        for column in columns)
    record = ("INSERT INTO outbox (table_name, row_uid, op, fields) "
              "VALUES ('{table}', {row}.uid, '{op}', {fields});")
    return [
        f"""CREATE TRIGGER outbox_{table}_insert AFTER INSERT ON {table} WHEN {_RECORDING} BEGIN
    {record.format(table=table, row="new", op="insert", fields="NULL")}
END""",
        f"""CREATE TRIGGER outbox_{table}_update AFTER UPDATE ON {table}
    WHEN {_RECORDING} AND ({changed}) BEGIN
    {record.format(table=table, row="new", op="update", fields=f"substr({names}, 2)")}
END""",
        f"""CREATE TRIGGER outbox_{table}_delete AFTER DELETE ON {table} WHEN {_RECORDING} BEGIN
    {record.format(table=table, row="old", op="delete", fields="NULL")}
END""",
    ]


# The common columns fill themselves, as touch_days' do: the triggers insert without knowing them. An
# outbox row's created_at is when the write happened, in UTC to the millisecond (the push's hybrid
# logical clock reads it); row_uid is the uid of the row written.
_SELF_STAMPED = """
    uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))"""
_M0011 = [
    f"""CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),{_SELF_STAMPED},
    recording INTEGER NOT NULL DEFAULT 0 CHECK (recording IN (0, 1))
)""",
    "INSERT INTO sync_state (id, recording) VALUES (1, 0)",
    f"""CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,{_SELF_STAMPED},
    table_name TEXT NOT NULL,
    row_uid TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields TEXT
)""",
    *(trigger for table, columns in _OUTBOX_COLUMNS.items() for trigger in _outbox_triggers(table, columns)),
]

# 12: the team a file is bound to and what it has seen of the server (models/team, README "The
# engine's decisions"). sync_state says where and as whom the file syncs (a DSN without password, the
# login, the member's display name, this file's origin uid), the pull's cursor, the hybrid logical clock
# and how the last sync went. sync_seen keeps each synced row's per-field HLCs as last pulled or
# pushed: the base a push sends, so the server can tell a concurrent edit from a sequential one.
# conflicts, assignments and team_members are the server's, pulled so screens show them offline.
_M0012 = [
    "ALTER TABLE sync_state ADD COLUMN server TEXT",
    "ALTER TABLE sync_state ADD COLUMN login TEXT",
    "ALTER TABLE sync_state ADD COLUMN caller_name TEXT",
    "ALTER TABLE sync_state ADD COLUMN origin TEXT",
    "ALTER TABLE sync_state ADD COLUMN cursor_xid INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_state ADD COLUMN cursor_id INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_state ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sync_state ADD COLUMN last_sync_at TEXT",
    "ALTER TABLE sync_state ADD COLUMN last_error TEXT",
    f"""CREATE TABLE sync_seen (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    table_name TEXT NOT NULL,
    row_uid TEXT NOT NULL,
    field_hlc TEXT NOT NULL DEFAULT '{{}}',
    UNIQUE (table_name, row_uid)
)""",
    f"""CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    table_name TEXT NOT NULL,
    row_uid TEXT NOT NULL,
    field TEXT NOT NULL,
    company_uid TEXT,
    lost_value TEXT,
    lost_hlc TEXT NOT NULL,
    lost_by TEXT,
    won_value TEXT,
    won_hlc TEXT NOT NULL,
    won_by TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    resolution TEXT
)""",
    "CREATE INDEX conflicts_row ON conflicts(table_name, row_uid)",
    "CREATE INDEX conflicts_open ON conflicts(resolved_at, company_uid)",
    f"""CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    list_uid TEXT NOT NULL,
    caller_login TEXT NOT NULL
)""",
    "CREATE INDEX assignments_list ON assignments(list_uid, caller_login)",
    f"""CREATE TABLE team_members (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    is_manager INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
)""",
]

# 13: a conflict resolved (or reopened) here waits in ``unsent`` until the sync writes it to the
# server's conflicts row (models/team/conflicts.py); ``hlc`` orders two resolutions of one conflict.
_M0013 = [
    "ALTER TABLE conflicts ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE conflicts ADD COLUMN unsent INTEGER NOT NULL DEFAULT 0 CHECK (unsent IN (0, 1))",
    "CREATE INDEX conflicts_unsent ON conflicts(unsent) WHERE unsent = 1",
]

# 14: outbox entries the team's server refused (row-level security: a write the caller may no longer
# make; a value it cannot store), set aside by the push so later changes still go (models/team/push.py).
# Nothing is lost: each stays listed, with the server's reason, for a person to see.
_M0014 = [
    f"""CREATE TABLE sync_refused (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    outbox_id INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_uid TEXT NOT NULL,
    op TEXT NOT NULL,
    fields TEXT,
    written_at TEXT NOT NULL,
    reason TEXT NOT NULL
)""",
    "CREATE INDEX sync_refused_row ON sync_refused(table_name, row_uid)",
]

# 15: the team's cadences (and their steps) and meetings' attendees sync too (models/team/README.md,
# item 11): a plan made from a cadence then names it on every laptop, and a meeting keeps who attends.
_M0015 = [trigger for table, columns in _OUTBOX_COLUMNS_15.items()
           for trigger in _outbox_triggers(table, columns)]

# 16: the team's keys of the settings table sync (models/team/team_settings.py): a write of one of them
# while recording marks the key in settings_unsent, which the sync sends to the server's team_settings
# (last writer wins by HLC, managers only). Keyed by name: each laptop's settings row has its own uid.
# The keys as of this migration (models.store.settings.TEAM_KEYS; a test holds them equal).
_TEAM_SETTING_KEYS_16 = ("closure_days", "disposition_rules", "hypothesis_templates",
                         "meeting_outcome_reasons", "scoring_rules")
_TEAM_KEY = "{row}.key IN (" + ", ".join(f"'{key}'" for key in _TEAM_SETTING_KEYS_16) + ")"
_MARK_UNSENT = "INSERT OR REPLACE INTO settings_unsent (key) VALUES ({row}.key);"
_M0016 = [
    f"""CREATE TABLE settings_unsent (
    id INTEGER PRIMARY KEY,{_SELF_STAMPED},
    key TEXT NOT NULL UNIQUE,
    written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
)""",
    f"""CREATE TRIGGER settings_team_insert AFTER INSERT ON settings
    WHEN {_RECORDING} AND {_TEAM_KEY.format(row="new")} BEGIN
    {_MARK_UNSENT.format(row="new")}
END""",
    f"""CREATE TRIGGER settings_team_update AFTER UPDATE ON settings
    WHEN {_RECORDING} AND {_TEAM_KEY.format(row="new")} AND old.value IS NOT new.value BEGIN
    {_MARK_UNSENT.format(row="new")}
END""",
    f"""CREATE TRIGGER settings_team_delete AFTER DELETE ON settings
    WHEN {_RECORDING} AND {_TEAM_KEY.format(row="old")} BEGIN
    {_MARK_UNSENT.format(row="old")}
END""",
]

# 17: a month's goals for one caller too (the manager's 担当者別 table shows each caller's target and
# pace): kpi_goals.caller, the display name their rows carry; a goal is the team's (list and caller
# NULL), a list's, or a caller's, one a month each.
_M0017 = [
    "ALTER TABLE kpi_goals ADD COLUMN caller TEXT",
    "DROP INDEX kpi_goals_month_list",
    "CREATE UNIQUE INDEX kpi_goals_month_scope ON kpi_goals(ifnull(list_id, 0), ifnull(caller, ''), month)",
]

MIGRATIONS: list[Sequence[str | Callable[[Database], None]]] = [
    _M0001, _M0002, _M0003, _M0004, _M0005, _M0006, _M0007, _M0008, _M0009, _M0010, _M0011, _M0012,
    _M0013, _M0014, _M0015, _M0016, _M0017]
LATEST_VERSION = len(MIGRATIONS)
