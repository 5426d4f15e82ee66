"""The server's change-log triggers, who-is-who functions and row-level security (server migration 1).

The change log is written by the server, not by the laptops: an ``AFTER`` statement trigger on every
synced table copies the rows as they became (``to_jsonb`` of the transition table, one set-based
``INSERT … SELECT`` however many rows the statement wrote) into ``kakeru.changes``, with the writer's
``origin`` (``SET LOCAL kakeru.origin`` by the push; '' for anyone else), the row's ``hlc`` and the
account it belongs to (``company_uid``: the company's own uid, or the row's ``company_uid``; NULL for
lists, assignments, members). A tombstone (``deleted`` true) is logged with op ``delete`` and the row;
a real ``DELETE`` (only an administrator can) with op ``delete`` and no data. An update that changed
nothing is not logged. ``members`` is logged under its ``login`` as uid, so laptops can pull names.

Who is who: the session's login role (``session_user``, which a ``SECURITY DEFINER`` function does not
change) looked up in ``kakeru.members``. ``my_name()`` and ``is_manager()`` answer for the session; an
inactive member is nobody. The functions are ``SECURITY DEFINER`` so that the policies' look-ups are
not themselves filtered by the policies they serve.

Row-level security, for members of the team (the administrator who ran ``team init`` owns the tables
and is not filtered): a manager reads and writes everything; a caller reads the companies on their
lists and every row about those companies, their own touches and plans wherever they are, their lists
and those lists' members, their own assignments, the team's members, and the change-log entries of all
these. A caller's lists are those assigned to them and those they made; their companies, those on
their lists and those they made (``created_by``, set by the server to the login that first pushed the
row), so a caller's own import stays theirs to edit before any manager assigns it. A caller may add
rows (a touch only under their own name: the ``touches_caller`` trigger sets ``caller`` on the server),
may update what they can read, never another caller's touch; only managers write ``assignments`` and
``members`` (the grants say so too: ``models.team.admin``). Nobody but the administrator deletes:
deletes are tombstones.

Performance: each policy calls the functions as scalar sub-selects (``(SELECT kakeru.is_manager())``,
evaluated once per statement, not per row), and a caller's companies and lists as ``IN (SELECT …)``
of a set-returning function, which PostgreSQL hashes once per statement; the look-ups run on
``assignments(caller_login, list_uid)``, ``list_members(list_uid, company_uid)`` and ``created_by``.
"""

from __future__ import annotations

# Synced tables and the key their change-log entries are known by.
LOGGED_TABLES: dict[str, str] = {
    "companies": "uid", "contacts": "uid", "relationships": "uid", "touches": "uid", "plans": "uid",
    "meetings": "uid", "target_lists": "uid", "list_members": "uid", "assignments": "uid",
    "conflicts": "uid", "members": "login", "meeting_attendees": "uid", "cadences": "uid",
    "cadence_steps": "uid", "team_settings": "key",
}

# SECURITY DEFINER functions run with a fixed search path, so a role cannot slip its own objects in.
_SAFE = "SET search_path = pg_catalog, pg_temp"

_FUNCTIONS = [
    f"""CREATE FUNCTION kakeru.my_name() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER {_SAFE} AS $$
    SELECT display_name FROM kakeru.members WHERE login = session_user AND active
$$""",
    f"""CREATE FUNCTION kakeru.is_manager() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER {_SAFE} AS $$
    SELECT coalesce((SELECT is_manager FROM kakeru.members WHERE login = session_user AND active), false)
$$""",
    # A caller's lists: assigned to them, or made by them (an import on their laptop: without this the
    # server would hide the list's accounts from the very caller editing them, and drop their edits).
    f"""CREATE FUNCTION kakeru.my_lists() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 100 {_SAFE} AS $$
    SELECT a.list_uid FROM kakeru.assignments AS a
    JOIN kakeru.members AS p ON p.login = a.caller_login AND p.active
    WHERE a.caller_login = session_user AND NOT a.deleted
    UNION
    SELECT l.uid FROM kakeru.target_lists AS l
    JOIN kakeru.members AS p ON p.login = l.created_by AND p.active
    WHERE l.created_by = session_user
$$""",
    f"""CREATE FUNCTION kakeru.my_companies() RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 1000 {_SAFE} AS $$
    SELECT m.company_uid FROM kakeru.list_members AS m
    WHERE m.list_uid IN (SELECT kakeru.my_lists()) AND NOT m.deleted
    UNION
    SELECT c.uid FROM kakeru.companies AS c
    JOIN kakeru.members AS p ON p.login = c.created_by AND p.active
    WHERE c.created_by = session_user
$$""",
    # created_by is the server's word, never the laptop's: the login that first pushed the row.
    f"""CREATE FUNCTION kakeru.set_created_by() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := session_user;
    ELSE
        NEW.created_by := OLD.created_by;
    END IF;
    RETURN NEW;
END
$$""",
    """CREATE TRIGGER companies_created_by BEFORE INSERT OR UPDATE ON kakeru.companies
    FOR EACH ROW EXECUTE FUNCTION kakeru.set_created_by()""",
    """CREATE TRIGGER target_lists_created_by BEFORE INSERT OR UPDATE ON kakeru.target_lists
    FOR EACH ROW EXECUTE FUNCTION kakeru.set_created_by()""",
    # One function for every table and operation: the key column comes as the trigger's argument and
    # the row as jsonb, so the same static statements serve all tables.
    f"""CREATE FUNCTION kakeru.log_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
DECLARE
    key text := TG_ARGV[0];
    writer text := coalesce(current_setting('kakeru.origin', true), '');
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT TG_TABLE_NAME, r.j ->> key,
               CASE WHEN (r.j ->> 'deleted')::boolean THEN 'delete' ELSE 'insert' END,
               r.j, coalesce(r.j ->> 'hlc', ''), writer,
               CASE WHEN TG_TABLE_NAME = 'companies' THEN r.j ->> 'uid' ELSE r.j ->> 'company_uid' END
        FROM (SELECT to_jsonb(n) AS j FROM new_rows AS n) AS r;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT TG_TABLE_NAME, r.j ->> key,
               CASE WHEN (r.j ->> 'deleted')::boolean THEN 'delete' ELSE 'update' END,
               r.j, coalesce(r.j ->> 'hlc', ''), writer,
               CASE WHEN TG_TABLE_NAME = 'companies' THEN r.j ->> 'uid' ELSE r.j ->> 'company_uid' END
        FROM (SELECT to_jsonb(n) AS j FROM new_rows AS n) AS r
        LEFT JOIN (SELECT to_jsonb(o) AS j FROM old_rows AS o) AS b ON b.j ->> key = r.j ->> key
        WHERE b.j IS DISTINCT FROM r.j;
    ELSE
        INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT TG_TABLE_NAME, b.j ->> key, 'delete', NULL, coalesce(b.j ->> 'hlc', ''), writer,
               CASE WHEN TG_TABLE_NAME = 'companies' THEN b.j ->> 'uid' ELSE b.j ->> 'company_uid' END
        FROM (SELECT to_jsonb(o) AS j FROM old_rows AS o) AS b;
    END IF;
    RETURN NULL;
END
$$""",
    # The laptop cannot choose whose touch it is: a caller's touches carry their own name. A manager's
    # non-empty caller is kept (a manager may push a team's history); the administrator (no member
    # row) is trusted as the owner of the tables.
    f"""CREATE FUNCTION kakeru.set_touch_caller() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
DECLARE
    person record;
BEGIN
    SELECT display_name, is_manager, active INTO person FROM kakeru.members WHERE login = session_user;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF NOT person.active THEN
        RAISE EXCEPTION 'member % is not active', session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF person.is_manager AND coalesce(NEW.caller, '') <> '' THEN
        RETURN NEW;
    END IF;
    NEW.caller := person.display_name;
    RETURN NEW;
END
$$""",
    """CREATE TRIGGER touches_caller BEFORE INSERT OR UPDATE ON kakeru.touches
    FOR EACH ROW EXECUTE FUNCTION kakeru.set_touch_caller()""",
    # A meeting's attendees belong to its account: company_uid is the meeting's, never the laptop's word.
    f"""CREATE FUNCTION kakeru.set_attendee_company() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
BEGIN
    NEW.company_uid := (SELECT company_uid FROM kakeru.meetings WHERE uid = NEW.meeting_uid);
    RETURN NEW;
END
$$""",
    """CREATE TRIGGER meeting_attendees_company BEFORE INSERT OR UPDATE ON kakeru.meeting_attendees
    FOR EACH ROW EXECUTE FUNCTION kakeru.set_attendee_company()""",
    # The team's settings are the managers' to write. Said as an error, not left to a policy's USING
    # (which skips a caller's update of a row they can read without a word): the push then sets the
    # refused row aside with this reason. Not SECURITY DEFINER, so current_user is the writer: the
    # administrator, and the server's own SECURITY DEFINER functions (kakeru.bury_orphans), pass.
    """CREATE FUNCTION kakeru.managers_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF current_user = session_user AND NOT kakeru.is_manager() AND NOT pg_has_role(session_user,
            (SELECT relowner FROM pg_class WHERE oid = 'kakeru.companies'::regclass), 'USAGE') THEN
        RAISE EXCEPTION 'only a manager may change the team''s %', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$""",
    """CREATE TRIGGER cadences_managers_only BEFORE INSERT OR UPDATE ON kakeru.cadences
    FOR EACH ROW EXECUTE FUNCTION kakeru.managers_only()""",
    """CREATE TRIGGER cadence_steps_managers_only BEFORE INSERT OR UPDATE ON kakeru.cadence_steps
    FOR EACH ROW EXECUTE FUNCTION kakeru.managers_only()""",
    """CREATE TRIGGER team_settings_managers_only BEFORE INSERT OR UPDATE ON kakeru.team_settings
    FOR EACH ROW EXECUTE FUNCTION kakeru.managers_only()""",
    # Assigning a list re-sends its accounts: a caller whose cursor is past those rows' old entries
    # still receives every row (op insert, the row as it is now; a tombstone as delete). Only a manager
    # or the administrator (a member of the tables' owner) may; nobody else is granted EXECUTE either.
    f"""CREATE FUNCTION kakeru.resend_list(list text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER {_SAFE} AS $$
DECLARE
    sent bigint := 0;
    added bigint;
    tbl text;
BEGIN
    IF NOT kakeru.is_manager() AND NOT pg_has_role(session_user,
            (SELECT relowner FROM pg_class WHERE oid = 'kakeru.companies'::regclass), 'USAGE') THEN
        RAISE EXCEPTION 'only a manager may assign lists' USING ERRCODE = 'insufficient_privilege';
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS resend_companies (uid text PRIMARY KEY) ON COMMIT DROP;
    TRUNCATE resend_companies;
    INSERT INTO resend_companies
        SELECT DISTINCT company_uid FROM kakeru.list_members WHERE list_uid = list AND NOT deleted;
    INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT 'target_lists', r.uid, CASE WHEN r.deleted THEN 'delete' ELSE 'insert' END, to_jsonb(r), r.hlc,
               '', NULL
        FROM kakeru.target_lists AS r WHERE r.uid = list;
    GET DIAGNOSTICS added = ROW_COUNT;
    sent := sent + added;
    INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT 'companies', r.uid, CASE WHEN r.deleted THEN 'delete' ELSE 'insert' END, to_jsonb(r), r.hlc,
               '', r.uid
        FROM kakeru.companies AS r JOIN resend_companies AS c ON c.uid = r.uid;
    GET DIAGNOSTICS added = ROW_COUNT;
    sent := sent + added;
    FOREACH tbl IN ARRAY ARRAY['contacts', 'relationships', 'touches', 'plans', 'meetings',
                               'meeting_attendees', 'conflicts'] LOOP
        EXECUTE format($q$
            INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
            SELECT %1$L, r.uid, CASE WHEN r.deleted THEN 'delete' ELSE 'insert' END, to_jsonb(r), r.hlc,
                   '', r.company_uid
            FROM kakeru.%1$I AS r JOIN resend_companies AS c ON c.uid = r.company_uid$q$, tbl);
        GET DIAGNOSTICS added = ROW_COUNT;
        sent := sent + added;
    END LOOP;
    INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT 'list_members', r.uid, CASE WHEN r.deleted THEN 'delete' ELSE 'insert' END, to_jsonb(r), r.hlc,
               '', r.company_uid
        FROM kakeru.list_members AS r WHERE r.list_uid = list;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN sent + added;
END
$$""",
    "REVOKE EXECUTE ON FUNCTION kakeru.resend_list(text) FROM PUBLIC",
]


def _log_triggers(table: str, key: str) -> list[str]:
    call = f"FOR EACH STATEMENT EXECUTE FUNCTION kakeru.log_changes('{key}')"
    return [
        f"CREATE TRIGGER {table}_log_insert AFTER INSERT ON kakeru.{table} "
        f"REFERENCING NEW TABLE AS new_rows {call}",
        f"CREATE TRIGGER {table}_log_update AFTER UPDATE ON kakeru.{table} "
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows {call}",
        f"CREATE TRIGGER {table}_log_delete AFTER DELETE ON kakeru.{table} "
        f"REFERENCING OLD TABLE AS old_rows {call}",
    ]


MANAGER = "(SELECT kakeru.is_manager())"
ME = "(SELECT kakeru.my_name())"


def _mine(column: str) -> str:
    return f"{column} IN (SELECT kakeru.my_companies())"


def _my_list(column: str) -> str:
    return f"{column} IN (SELECT kakeru.my_lists())"


def _policies(table: str, read: str, *, add: str = "true", edit: str | None = None) -> list[str]:
    """SELECT, INSERT and UPDATE policies of ``table``: a manager always, a caller as the expressions say."""
    edit = read if edit is None else edit
    return [
        f"ALTER TABLE kakeru.{table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY {table}_read ON kakeru.{table} FOR SELECT USING ({MANAGER} OR {read})",
        f"CREATE POLICY {table}_add ON kakeru.{table} FOR INSERT WITH CHECK ({MANAGER} OR {add})",
        f"CREATE POLICY {table}_edit ON kakeru.{table} FOR UPDATE "
        f"USING ({MANAGER} OR {edit}) WITH CHECK ({MANAGER} OR {edit})",
    ]


_OWN = f"caller = {ME}"
_CONFLICT = f"{_mine('company_uid')} OR lost_by = {ME} OR won_by = {ME}"

# A change-log entry is a caller's when the row it carries is: the same rules, read from the entry.
_CHANGE = f"""{MANAGER}
    OR (table_name IN ('members', 'cadences', 'cadence_steps', 'team_settings'))
    OR (table_name = 'target_lists' AND {_my_list('uid')})
    OR (table_name = 'list_members' AND {_my_list("data ->> 'list_uid'")})
    OR (table_name = 'assignments' AND data ->> 'caller_login' = session_user)
    OR (table_name IN ('touches', 'plans') AND data ->> 'caller' = {ME})
    OR (table_name = 'conflicts' AND (data ->> 'lost_by' = {ME} OR data ->> 'won_by' = {ME}))
    OR (table_name NOT IN ('list_members', 'target_lists', 'assignments', 'members', 'cadences',
                           'cadence_steps', 'team_settings')
        AND {_mine('company_uid')})"""

# What a caller made is theirs, read from the row itself as well as through my_companies()/my_lists():
# an INSERT … ON CONFLICT (the push's merge) checks the new row against the SELECT policy before the
# row is in the table, where those functions cannot see it yet. created_by is the server's word (the
# BEFORE trigger above has set it to session_user by then).
_MADE = "created_by = session_user"

_RLS = [
    *_policies("companies", f"{_MADE} OR {_mine('uid')}"),
    *_policies("contacts", _mine("company_uid")),
    *_policies("relationships", _mine("company_uid")),
    *_policies("meetings", _mine("company_uid")),
    *_policies("meeting_attendees", _mine("company_uid")),
    # A caller's update must reach kakeru.managers_only() to be refused aloud, so the policy lets it by.
    *_policies("cadences", "true", add="false", edit="true"),
    *_policies("cadence_steps", "true", add="false", edit="true"),
    *_policies("team_settings", "true", add="false", edit="true"),
    *_policies("touches", f"{_OWN} OR {_mine('company_uid')}", add=_OWN, edit=_OWN),
    *_policies("plans", f"{_OWN} OR {_mine('company_uid')}"),
    *_policies("target_lists", f"{_MADE} OR {_my_list('uid')}"),
    *_policies("list_members", _my_list("list_uid")),
    *_policies("conflicts", _CONFLICT),
    *_policies("assignments", "caller_login = session_user", add="false", edit="false"),
    *_policies("members", "true", add="false", edit="false"),
    "ALTER TABLE kakeru.devices ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY devices_own ON kakeru.devices USING ({MANAGER} OR login = session_user) "
    "WITH CHECK (login = session_user)",
    "ALTER TABLE kakeru.changes ENABLE ROW LEVEL SECURITY",
    f"CREATE POLICY changes_read ON kakeru.changes FOR SELECT USING ({_CHANGE})",
]

RLS_SQL: list[str] = [
    *_FUNCTIONS,
    *[statement for table, key in LOGGED_TABLES.items() for statement in _log_triggers(table, key)],
    *_RLS,
]
