"""The team's schema on PostgreSQL: numbered, append-only migrations, as the local file has.

Everything lives in the ``kakeru`` schema, so a team can use an existing database. ``kakeru_meta``
holds the version. Synced rows are keyed by ``uid``; a reference is the uid of the row it names
(``company_uid`` for the local ``company_id``); the laptop-derived columns (search keys, score,
first/last touch, open plans, import ids) stay on the laptop. Each synced row also carries its merge
state: ``hlc`` (the hybrid logical clock of its last change), ``field_hlc`` (per field, for last-writer-
wins per field) and ``deleted`` (a tombstone: rows are never removed, so deletes sync too).

``changes`` is the change log that laptops pull, in commit order (``models.team.pull``): ``xid`` is the
writing transaction's top-level id (``pg_current_xact_id()`` answers the top-level id even inside a
savepoint), ``data`` the row as it became (None for a delete), ``origin`` the laptop that sent it.

Migration 1 has not shipped yet: until the sync engine ships it may still be amended; after that,
add a new migration at the end and never edit one.
"""

from __future__ import annotations

from psycopg import Connection

from models.team.errors import ServerTooNew
from models.team.server_merge import MERGE_SQL
from models.team.server_rls import RLS_SQL

SCHEMA = "kakeru"
# pg_advisory_lock key: two `team init`s at once run the migrations one after the other.
_MIGRATION_LOCK = 0x6B616B65  # "kake"

# Columns every synced table carries on the server.
_SYNCED = """
    uid text PRIMARY KEY,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    hlc text NOT NULL DEFAULT '',
    field_hlc jsonb NOT NULL DEFAULT '{}',
    deleted boolean NOT NULL DEFAULT false"""
# A reference checked at commit, so a batch may carry a parent after its child.
_COMPANY = "company_uid text NOT NULL REFERENCES kakeru.companies(uid) DEFERRABLE INITIALLY DEFERRED"

_S0001 = [
    "CREATE SCHEMA IF NOT EXISTS kakeru",
    """CREATE TABLE kakeru.kakeru_meta (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version integer NOT NULL
)""",
    f"""CREATE TABLE kakeru.companies ({_SYNCED},
    name text NOT NULL,
    name_kana text,
    corporate_number text,
    industry text,
    business_domain text,
    prefecture text,
    address text,
    postal_code text,
    phone text,
    website text,
    employees bigint,
    fiscal_year_end_month integer,
    rank text,
    status text NOT NULL DEFAULT 'untouched',
    notes text,
    created_by text
)""",
    # Who first pushed it (set by the server: models.team.server_rls): a caller keeps seeing what they made.
    "CREATE INDEX companies_created_by ON kakeru.companies(created_by)",
    f"""CREATE TABLE kakeru.contacts ({_SYNCED},
    {_COMPANY},
    name text NOT NULL,
    name_kana text,
    department text,
    title text,
    role text NOT NULL DEFAULT 'other',
    phone text,
    mobile text,
    email text,
    best_time text,
    notes text,
    map_x double precision,
    map_y double precision,
    employment text NOT NULL DEFAULT 'active',
    employment_changed_on text,
    successor_uid text
)""",
    "CREATE INDEX contacts_company ON kakeru.contacts(company_uid)",
    f"""CREATE TABLE kakeru.relationships ({_SYNCED},
    {_COMPANY},
    from_contact_uid text NOT NULL REFERENCES kakeru.contacts(uid) DEFERRABLE INITIALLY DEFERRED,
    to_contact_uid text NOT NULL REFERENCES kakeru.contacts(uid) DEFERRABLE INITIALLY DEFERRED,
    kind text NOT NULL,
    note text,
    as_of text,
    source text
)""",
    "CREATE INDEX relationships_company ON kakeru.relationships(company_uid)",
    f"""CREATE TABLE kakeru.touches ({_SYNCED},
    {_COMPANY},
    contact_uid text,
    kind text NOT NULL DEFAULT 'call',
    at text NOT NULL,
    duration_s bigint,
    outcome text,
    reached_decision_maker integer NOT NULL DEFAULT 0,
    note text,
    hearing_issue text,
    hearing_current text,
    hearing_budget text,
    hearing_timing text,
    hearing_decision_maker text,
    hearing_competitor text,
    caller text,
    session_uid text
)""",
    "CREATE INDEX touches_company ON kakeru.touches(company_uid)",
    f"""CREATE TABLE kakeru.plans ({_SYNCED},
    {_COMPANY},
    contact_uid text,
    due text NOT NULL,
    kind text NOT NULL DEFAULT 'call',
    hypothesis text,
    hypothesis_template text,
    hypothesis_result text,
    source text NOT NULL DEFAULT 'manual',
    cadence_uid text,
    cadence_step_uid text,
    status text NOT NULL DEFAULT 'open',
    done_touch_uid text,
    done_at text,
    skip_reason text,
    caller text
)""",
    "CREATE INDEX plans_company ON kakeru.plans(company_uid)",
    f"""CREATE TABLE kakeru.meetings ({_SYNCED},
    {_COMPANY},
    touch_uid text,
    starts_at text NOT NULL,
    duration_min integer NOT NULL DEFAULT 60,
    place text,
    online_url text,
    field_rep text,
    caller text,
    purpose text,
    notes_needs text,
    notes_current text,
    notes_expectations text,
    notes_concerns text,
    notes_personality text,
    notes_budget text,
    notes_timing text,
    notes_decision_process text,
    notes_competitors text,
    notes_unknowns text,
    questions text,
    cautions text,
    status text NOT NULL DEFAULT 'scheduled',
    outcome text,
    outcome_reason text,
    outcome_note text,
    next_step text,
    brief_difference text,
    feedback_at text,
    order_amount bigint,
    expected_amount bigint
)""",
    "CREATE INDEX meetings_company ON kakeru.meetings(company_uid)",
    # Not unique by name, nor list_members by (list, company): two laptops may make the same offline,
    # and the merge decides, not a refused push.
    f"""CREATE TABLE kakeru.target_lists ({_SYNCED},
    name text NOT NULL,
    description text,
    script text,
    archived integer NOT NULL DEFAULT 0,
    created_by text
)""",
    "CREATE INDEX target_lists_created_by ON kakeru.target_lists(created_by)",
    f"""CREATE TABLE kakeru.list_members ({_SYNCED},
    list_uid text NOT NULL REFERENCES kakeru.target_lists(uid) DEFERRABLE INITIALLY DEFERRED,
    {_COMPANY},
    priority integer NOT NULL DEFAULT 0
)""",
    "CREATE INDEX list_members_list ON kakeru.list_members(list_uid, company_uid)",
    "CREATE INDEX list_members_company ON kakeru.list_members(company_uid)",
    # Who attends a meeting; company_uid is the meeting's, set by the server (models.team.server_rls), so
    # the attendees are read and logged as their meeting's account is.
    f"""CREATE TABLE kakeru.meeting_attendees ({_SYNCED},
    meeting_uid text NOT NULL REFERENCES kakeru.meetings(uid) DEFERRABLE INITIALLY DEFERRED,
    contact_uid text NOT NULL REFERENCES kakeru.contacts(uid) DEFERRABLE INITIALLY DEFERRED,
    note text,
    company_uid text
)""",
    "CREATE INDEX meeting_attendees_meeting ON kakeru.meeting_attendees(meeting_uid)",
    "CREATE INDEX meeting_attendees_company ON kakeru.meeting_attendees(company_uid)",
    # The team's cadences: read by every member, written by managers only. Not unique by name: two
    # managers may make one offline, and the merge decides.
    f"""CREATE TABLE kakeru.cadences ({_SYNCED},
    name text NOT NULL,
    description text,
    stop_on_appointment integer NOT NULL DEFAULT 1,
    stop_on_do_not_call integer NOT NULL DEFAULT 1,
    stop_on_reply integer NOT NULL DEFAULT 0
)""",
    f"""CREATE TABLE kakeru.cadence_steps ({_SYNCED},
    cadence_uid text NOT NULL REFERENCES kakeru.cadences(uid) DEFERRABLE INITIALLY DEFERRED,
    position integer NOT NULL,
    offset_amount integer NOT NULL,
    offset_unit text NOT NULL,
    kind text NOT NULL DEFAULT 'call',
    hypothesis text
)""",
    "CREATE INDEX cadence_steps_cadence ON kakeru.cadence_steps(cadence_uid)",
    # The team's keys of the laptops' settings table (models.store.settings.TEAM_KEYS), by key name: the
    # value as JSON text (NULL: back to the default), last writer wins by HLC (models.team.team_settings).
    """CREATE TABLE kakeru.team_settings (
    key text PRIMARY KEY,
    value text,
    hlc text NOT NULL DEFAULT '',
    updated_at text NOT NULL,
    updated_by text
)""",
    # A person of the team is a login role; display_name is what touches.caller holds.
    """CREATE TABLE kakeru.members (
    login text PRIMARY KEY,
    display_name text NOT NULL UNIQUE,
    is_manager boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
)""",
    # One laptop's file: acked is the highest outbox id the server has applied from it (push idempotency).
    """CREATE TABLE kakeru.devices (
    origin text PRIMARY KEY,
    login text NOT NULL DEFAULT session_user,
    acked bigint NOT NULL DEFAULT 0,
    last_push_at timestamptz
)""",
    "CREATE INDEX devices_login ON kakeru.devices(login)",
    # Which lists a caller's laptop holds; written by managers only (RLS and grants).
    f"""CREATE TABLE kakeru.assignments ({_SYNCED},
    list_uid text NOT NULL REFERENCES kakeru.target_lists(uid) DEFERRABLE INITIALLY DEFERRED,
    caller_login text NOT NULL REFERENCES kakeru.members(login) DEFERRABLE INITIALLY DEFERRED
)""",
    # The policies look up a caller's lists by login, then the lists' companies (list_members_list).
    "CREATE INDEX assignments_caller ON kakeru.assignments(caller_login, list_uid)",
    "CREATE INDEX assignments_list ON kakeru.assignments(list_uid)",
    # The value a merge did not take, kept so both sides can see and reverse it.
    f"""CREATE TABLE kakeru.conflicts ({_SYNCED},
    table_name text NOT NULL,
    row_uid text NOT NULL,
    field text NOT NULL,
    company_uid text,
    lost_value jsonb,
    lost_hlc text NOT NULL DEFAULT '',
    lost_by text,
    won_value jsonb,
    won_hlc text NOT NULL DEFAULT '',
    won_by text,
    resolved_at text,
    resolved_by text,
    resolution text
)""",
    "CREATE INDEX conflicts_row ON kakeru.conflicts(table_name, row_uid)",
    "CREATE INDEX conflicts_company ON kakeru.conflicts(company_uid)",
    # Keyed by the pull's order and cursor (models.team.pull), which also makes it unique: one index to
    # keep up on every write instead of two (the log takes a row for every row any push writes).
    """CREATE TABLE kakeru.changes (
    id bigserial NOT NULL,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    table_name text NOT NULL,
    uid text NOT NULL,
    op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    data jsonb,
    hlc text NOT NULL DEFAULT '',
    origin text NOT NULL DEFAULT '',
    company_uid text,
    CONSTRAINT changes_commit_order PRIMARY KEY (xid, id)
)""",
    # The change log's triggers, who-is-who functions and row-level security (models.team.server_rls).
    *RLS_SQL,
    # The push's merge functions (models.team.server_merge), after the tables they read.
    *MERGE_SQL,
]

SERVER_MIGRATIONS: list[list[str]] = [_S0001]
LATEST_SERVER_VERSION = len(SERVER_MIGRATIONS)


def server_version(conn: Connection) -> int:
    """The version of the team schema in ``conn``'s database (0 when there is none yet)."""
    row = conn.execute("SELECT to_regclass('kakeru.kakeru_meta') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    version = conn.execute("SELECT version FROM kakeru.kakeru_meta").fetchone()
    return int(version[0]) if version else 0


def check_server_version(conn: Connection) -> int:
    """The server's version, refused when newer than this Kakeru (a laptop's check before it syncs).

    Raises:
        ServerTooNew: the server was set up by a newer Kakeru.
    """
    version = server_version(conn)
    if version > LATEST_SERVER_VERSION:
        raise ServerTooNew(version, LATEST_SERVER_VERSION)
    return version


def migrate_server(conn: Connection) -> int:
    """Create or upgrade the team schema to ``LATEST_SERVER_VERSION``; return the version it had.

    Each migration runs in its own transaction. A session-level advisory lock is taken before any of
    them begins, so a second ``migrate_server`` at the same moment waits and then finds nothing to do
    (taken inside a transaction, the waiter would go on with catalogue caches from before the other's
    commit). Needs a role that may create schemas in the database (the team's administrator,
    ``team init``) and a connection with no transaction open.

    Raises:
        ServerTooNew: the server was set up by a newer Kakeru; nothing is changed.
    """
    autocommit = conn.autocommit
    conn.autocommit = True  # psycopg refuses it while a transaction is open: the caller's mistake
    try:
        conn.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])
        try:
            with conn.transaction():
                before = check_server_version(conn)
            for version in range(before + 1, LATEST_SERVER_VERSION + 1):
                with conn.transaction():
                    for statement in SERVER_MIGRATIONS[version - 1]:
                        conn.execute(statement.encode())
                    conn.execute(
                        "INSERT INTO kakeru.kakeru_meta (singleton, version) VALUES (true, %s) "
                        "ON CONFLICT (singleton) DO UPDATE SET version = excluded.version", [version])
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])
    finally:
        conn.autocommit = autocommit
    return before
