"""The server side of the push: SQL functions that merge a staged batch into the team's tables.

Appended to server migration 1 (``server_schema``) while that migration has not shipped. The push
(``models.team.push``) copies a batch into the session's temporary table ``kakeru_stage`` (one row per
synced row written: its table, uid, op, the fields written, their HLC, the laptop's base, the row's
synced columns as jsonb, references as uids, and each field's HLC as the push made it, ``field_hlc``)
and calls ``kakeru.merge_stage()`` in the same transaction.
The merge follows README.md ("The engine's decisions"):

- a row the server lacks is inserted, set-based (one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` a
  table), every field stamped with the entry's HLC;
- for a row it has, each written field is taken when the entry's HLC is newer than the server's
  ``field_hlc[field]``; one ``conflicts`` row is written when the two values differ and the server's
  HLC of that field is not the base the laptop had seen (a concurrent edit), the loser being the older;
- a delete is a tombstone (``deleted = true``), and a tombstone wins: later edits of it are dropped;
- the rows naming a tombstoned row are tombstoned too, or their reference cleared, as a local delete
  cascades (``kakeru.bury_orphans``), also when they were added by another laptop after the delete;
- a row where a written field lost to a newer value is logged again (``kakeru.resend_rows``), so the
  laptop that wrote it receives the winner even when its cursor had passed the winner's change.

Tables are merged parents first, so the change log carries a batch in an order a laptop can apply in
pages.

The function runs as the pushing role (not ``SECURITY DEFINER``), so row-level security decides what it
may write; its statements carry no ``RETURNING`` (that would apply the read policies to a caller's new
rows). The change log is written by the server's statement triggers (``server_rls``). A conflict names
both writers by display name (``kakeru.author_of``, from the HLC's origin through ``devices`` and
``members``), as the conflicts' policies compare them with ``kakeru.my_name()``.
"""

from __future__ import annotations

# Parents first: the merge's order (the team's cadences before the plans that name them).
SYNCED_TABLES = ("cadences", "cadence_steps", "companies", "target_lists", "contacts", "touches",
                 "relationships", "plans", "meetings", "meeting_attendees", "list_members")
_TABLES_ARRAY = "ARRAY[" + ", ".join(f"'{table}'" for table in SYNCED_TABLES) + "]"

# The staging table of one push (per session; emptied at each commit).
STAGE_SQL = """CREATE TEMP TABLE IF NOT EXISTS kakeru_stage (
    entry_id bigint NOT NULL,
    table_name text NOT NULL,
    uid text NOT NULL,
    op text NOT NULL,
    fields text[] NOT NULL,
    hlc text NOT NULL,
    base jsonb NOT NULL,
    data jsonb,
    field_hlc jsonb
) ON COMMIT DELETE ROWS"""

_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"')"""

# Who wrote a value, from its HLC's origin: the member's display name (what touches.caller and the
# conflicts' policies use), else the login, else the origin itself. SECURITY DEFINER: a caller may not
# read another's devices row, but a conflict must name both sides.
_AUTHOR_FUNCTION = """CREATE FUNCTION kakeru.author_of(hlc text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT coalesce(m.display_name, d.login) FROM kakeru.devices AS d
        LEFT JOIN kakeru.members AS m ON m.login = d.login
        WHERE d.origin = split_part(hlc, ':', 3)), nullif(split_part(hlc, ':', 3), ''))
$$"""

# The rows ``uids`` of ``tbl`` logged again as they are now (op update; a tombstone as delete), for a
# laptop whose write lost to a value it may never pull otherwise. SECURITY DEFINER: callers may not write
# the change log; what they read of it is still filtered by its policy.
_RESEND_FUNCTION = """CREATE FUNCTION kakeru.resend_rows(tbl text, uids text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF tbl <> ALL (%(tables)s) THEN
        RAISE EXCEPTION 'kakeru: % is not a synced table', tbl;
    END IF;
    EXECUTE format($q$
        INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin, company_uid)
        SELECT %1$L, r.uid, CASE WHEN r.deleted THEN 'delete' ELSE 'update' END, to_jsonb(r), r.hlc,
            coalesce(current_setting('kakeru.origin', true), ''),
            CASE WHEN %1$L = 'companies' THEN r.uid ELSE to_jsonb(r) ->> 'company_uid' END
        FROM kakeru.%1$I AS r WHERE r.uid = ANY ($1)$q$, tbl) USING uids;
END
$$""".replace("%(tables)s", _TABLES_ARRAY)

# What a local delete does to the rows that name the deleted one (ON DELETE CASCADE / SET NULL in the
# laptop's schema), done on the server for the rows other laptops added or changed meanwhile, so that
# the server's live rows are what every laptop holds: (table, reference, table referenced, action).
_ORPHAN_RULES = (
    ("contacts", "company_uid", "companies", "delete"),
    ("relationships", "company_uid", "companies", "delete"),
    ("touches", "company_uid", "companies", "delete"),
    ("plans", "company_uid", "companies", "delete"),
    ("meetings", "company_uid", "companies", "delete"),
    ("list_members", "company_uid", "companies", "delete"),
    ("meeting_attendees", "company_uid", "companies", "delete"),
    ("relationships", "from_contact_uid", "contacts", "delete"),
    ("relationships", "to_contact_uid", "contacts", "delete"),
    ("contacts", "successor_uid", "contacts", "null"),
    ("touches", "contact_uid", "contacts", "null"),
    ("plans", "contact_uid", "contacts", "null"),
    ("meeting_attendees", "contact_uid", "contacts", "delete"),
    ("plans", "done_touch_uid", "touches", "null"),
    ("meetings", "touch_uid", "touches", "null"),
    ("list_members", "list_uid", "target_lists", "delete"),
    ("meeting_attendees", "meeting_uid", "meetings", "delete"),
    ("cadence_steps", "cadence_uid", "cadences", "delete"),
    ("plans", "cadence_uid", "cadences", "null"),
    ("plans", "cadence_step_uid", "cadence_steps", "null"),
)  # grouped by the table referenced: each is probed once
_RULES_ARRAY = "ARRAY[" + ", ".join(
    "ARRAY[" + ", ".join(f"'{part}'" for part in rule) + "]" for rule in _ORPHAN_RULES) + "]"

# The rows naming a tombstoned row among ``mentioned`` (the uids a batch wrote or named) are tombstoned
# too, or their reference cleared, as the rules say. SECURITY DEFINER: a caller who may delete an account
# must see its other callers' touches go with it, as they do on every laptop.
_BURY_FUNCTION = f"""CREATE FUNCTION kakeru.bury_orphans(mentioned text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rule text[];
    parent text;
    dead text[];
BEGIN
    FOREACH rule SLICE 1 IN ARRAY {_RULES_ARRAY} LOOP
        -- Most batches name no tombstone: one probe of each parent table, and the rules are skipped.
        IF parent IS DISTINCT FROM rule[3] THEN
            parent := rule[3];
            EXECUTE format('SELECT array_agg(uid) FROM kakeru.%I WHERE uid = ANY ($1) AND deleted', parent)
                INTO dead USING mentioned;
        END IF;
        IF dead IS NULL THEN
            CONTINUE;
        END IF;
        IF rule[4] = 'delete' THEN
            EXECUTE format($q$
                UPDATE kakeru.%1$I AS x SET deleted = true, hlc = greatest(x.hlc, p.hlc)
                FROM kakeru.%3$I AS p
                WHERE p.uid = x.%2$I AND NOT x.deleted AND p.uid = ANY ($1)$q$,
                rule[1], rule[2], rule[3]) USING dead;
        ELSE
            EXECUTE format($q$
                UPDATE kakeru.%1$I AS x SET %2$I = NULL, hlc = greatest(x.hlc, p.hlc),
                    field_hlc = x.field_hlc || jsonb_build_object(%2$L, p.hlc)
                FROM kakeru.%3$I AS p
                WHERE p.uid = x.%2$I AND NOT x.deleted AND p.uid = ANY ($1)$q$,
                rule[1], rule[2], rule[3]) USING dead;
        END IF;
    END LOOP;
END
$$"""

_MERGE_FUNCTION = r"""
CREATE FUNCTION kakeru.merge_stage() RETURNS bigint LANGUAGE plpgsql AS $merge$
DECLARE
    t text;
    target regclass;
    cols text;
    r_cols text;
    outvoted text[];
BEGIN
    -- Parents before children: the change log then carries a batch's rows in an order a laptop can
    -- apply page by page (a page may end between two tables of one batch).
    FOR t IN SELECT s.table_name FROM pg_temp.kakeru_stage s GROUP BY s.table_name
            ORDER BY array_position(%(tables)s, s.table_name) LOOP
        IF t <> ALL (%(tables)s) THEN
            RAISE EXCEPTION 'kakeru: % is not a synced table', t;
        END IF;
        target := format('kakeru.%I', t)::regclass;
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
               string_agg('r.' || quote_ident(attname), ', ' ORDER BY attnum)
            INTO cols, r_cols
            FROM pg_attribute WHERE attrelid = target AND attnum > 0 AND NOT attisdropped;

        -- Rows where a field the laptop wrote lost to a newer value: the laptop may have passed that
        -- value's change already (it had the field pending when it pulled), so the row is logged again.
        EXECUTE format($q$
            SELECT array_agg(DISTINCT s.uid) FROM pg_temp.kakeru_stage s
            JOIN kakeru.%1$I x ON x.uid = s.uid
            CROSS JOIN LATERAL unnest(s.fields) AS f(field)
            WHERE s.table_name = %2$L AND s.op <> 'delete' AND NOT x.deleted
              AND s.hlc <= coalesce(x.field_hlc ->> f.field, '')
              AND (s.data -> f.field) IS DISTINCT FROM (to_jsonb(x) -> f.field)$q$, t, t) INTO outvoted;

        -- Rows the server has: per-field decisions, conflicts and one UPDATE of the fields taken.
        EXECUTE format($q$
            WITH d AS (
                SELECT s.uid, f.field, s.data -> f.field AS new_value, to_jsonb(x) -> f.field AS old_value,
                    s.hlc AS new_hlc, coalesce(x.field_hlc ->> f.field, '') AS old_hlc,
                    coalesce(s.base ->> f.field, '') AS base_hlc, s.data ->> 'updated_at' AS updated_at,
                    CASE WHEN %2$L = 'companies' THEN x.uid
                        ELSE to_jsonb(x) ->> 'company_uid' END AS company_uid
                FROM pg_temp.kakeru_stage s
                JOIN kakeru.%1$I x ON x.uid = s.uid
                CROSS JOIN LATERAL unnest(s.fields) AS f(field)
                WHERE s.table_name = %2$L AND s.op <> 'delete' AND NOT x.deleted
            ),
            lost AS (
                INSERT INTO kakeru.conflicts (uid, created_at, updated_at, hlc, table_name, row_uid, field,
                    company_uid, lost_value, lost_hlc, lost_by, won_value, won_hlc, won_by)
                SELECT replace(gen_random_uuid()::text, '-', ''), %3$s, %3$s, greatest(d.new_hlc, d.old_hlc),
                    %2$L, d.uid, d.field, d.company_uid,
                    CASE WHEN d.new_hlc > d.old_hlc THEN d.old_value ELSE d.new_value END,
                    least(d.new_hlc, d.old_hlc), kakeru.author_of(least(d.new_hlc, d.old_hlc)),
                    CASE WHEN d.new_hlc > d.old_hlc THEN d.new_value ELSE d.old_value END,
                    greatest(d.new_hlc, d.old_hlc), kakeru.author_of(greatest(d.new_hlc, d.old_hlc))
                FROM d
                WHERE d.new_value IS DISTINCT FROM d.old_value AND d.old_hlc <> '' AND d.old_hlc <> d.base_hlc
            ),
            p AS (
                SELECT d.uid, jsonb_object_agg(d.field, d.new_value) AS patch,
                    jsonb_object_agg(d.field, d.new_hlc) AS hlcs, max(d.new_hlc) AS hlc,
                    max(d.updated_at) AS updated_at
                FROM d WHERE d.new_hlc > d.old_hlc GROUP BY d.uid
            )
            UPDATE kakeru.%1$I AS x SET (%4$s) = (
                SELECT %5$s FROM jsonb_populate_record(x, p.patch || jsonb_build_object(
                    'field_hlc', x.field_hlc || p.hlcs, 'hlc', greatest(x.hlc, p.hlc),
                    'updated_at', coalesce(p.updated_at, x.updated_at))) AS r)
            FROM p WHERE x.uid = p.uid$q$,
            t, t, %(now)s, cols, r_cols);
        IF outvoted IS NOT NULL THEN
            PERFORM kakeru.resend_rows(t, outvoted);
        END IF;

        -- Deletes: tombstones, which win over a concurrent edit.
        EXECUTE format($q$
            UPDATE kakeru.%1$I AS x SET deleted = true, hlc = greatest(x.hlc, s.hlc)
            FROM pg_temp.kakeru_stage s
            WHERE s.table_name = %2$L AND s.op = 'delete' AND x.uid = s.uid AND NOT x.deleted$q$, t, t);

        -- Rows the server lacks: inserted in one statement, every field stamped with the entry's HLC.
        EXECUTE format($q$
            INSERT INTO kakeru.%1$I
            SELECT r.* FROM pg_temp.kakeru_stage s
            CROSS JOIN LATERAL jsonb_populate_record(NULL::kakeru.%1$I, s.data || jsonb_build_object(
                'uid', s.uid, 'hlc', s.hlc, 'deleted', false, 'field_hlc', coalesce(s.field_hlc,
                (SELECT coalesce(jsonb_object_agg(f.field, s.hlc), '{}') FROM unnest(s.fields) AS f(field)))
            )) AS r
            WHERE s.table_name = %2$L AND s.op <> 'delete'
              AND NOT EXISTS (SELECT 1 FROM kakeru.%1$I x WHERE x.uid = s.uid)
            ON CONFLICT (uid) DO NOTHING$q$, t, t);
    END LOOP;
    -- What names a row tombstoned now or before goes as it does on a laptop (kakeru.bury_orphans).
    -- The references are read by name (every *_uid column of the synced tables): expanding each staged
    -- row's jsonb into all its fields cost a tenth of a first sync's merge.
    PERFORM kakeru.bury_orphans(ARRAY(
        SELECT s.uid FROM pg_temp.kakeru_stage s
        UNION
        SELECT r.uid FROM pg_temp.kakeru_stage s CROSS JOIN LATERAL unnest(ARRAY[
            s.data ->> 'company_uid', s.data ->> 'contact_uid', s.data ->> 'from_contact_uid',
            s.data ->> 'to_contact_uid', s.data ->> 'successor_uid', s.data ->> 'done_touch_uid',
            s.data ->> 'touch_uid', s.data ->> 'list_uid', s.data ->> 'meeting_uid', s.data ->> 'cadence_uid',
            s.data ->> 'cadence_step_uid']) AS r(uid)
        WHERE r.uid IS NOT NULL));
    RETURN (SELECT count(*) FROM pg_temp.kakeru_stage);
END
$merge$""".replace("%(now)s", "'" + _NOW.replace("'", "''") + "'").replace("%(tables)s", _TABLES_ARRAY)

MERGE_SQL: list[str] = [_AUTHOR_FUNCTION, _RESEND_FUNCTION, _BURY_FUNCTION, _MERGE_FUNCTION]
