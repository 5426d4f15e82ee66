"""The server side of the push: SQL functions that merge a staged batch into the team's tables.

Appended to server migration 1 (``server_schema``) while that migration has not shipped. The push
(``models.team.push``) copies a batch into the session's temporary table ``kakeru_stage`` (one row per
synced row written: its table, uid, op, the fields written, their HLC, the laptop's base and the row's
synced columns as jsonb, references as uids) and calls ``kakeru.merge_stage()`` in the same transaction.
The merge follows README.md ("The engine's decisions"):

- a row the server lacks is inserted, set-based (one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` a
  table), every field stamped with the entry's HLC;
- for a row it has, each written field is taken when the entry's HLC is newer than the server's
  ``field_hlc[field]``; one ``conflicts`` row is written when the two values differ and the server's
  HLC of that field is not the base the laptop had seen (a concurrent edit), the loser being the older;
- a delete is a tombstone (``deleted = true``), and a tombstone wins: later edits of it are dropped.

The function runs as the pushing role (not ``SECURITY DEFINER``), so row-level security decides what it
may write. The change log is written by the server's triggers where they exist (``server_schema``);
for a table without such a trigger the function logs its own writes, so a schema without them still
syncs.

``devices`` and ``conflicts`` are created here only when ``server_schema`` has not created them (``IF
NOT EXISTS``): the columns are the README's, and ``server_schema``'s definitions win.
"""

from __future__ import annotations

SYNCED_TABLES = ("companies", "contacts", "relationships", "touches", "plans", "meetings", "target_lists",
                 "list_members")

# The staging table of one push (per session; emptied at each commit).
STAGE_SQL = """CREATE TEMP TABLE IF NOT EXISTS kakeru_stage (
    entry_id bigint NOT NULL,
    table_name text NOT NULL,
    uid text NOT NULL,
    op text NOT NULL,
    fields text[] NOT NULL,
    hlc text NOT NULL,
    base jsonb NOT NULL,
    data jsonb
) ON COMMIT DELETE ROWS"""

_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"')"""

_ORIGIN = "coalesce(current_setting('kakeru.origin', true), '')"  # the pushing laptop (SET LOCAL)
_MERGE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION kakeru.merge_stage() RETURNS integer LANGUAGE plpgsql AS $merge$
DECLARE
    t text;
    target regclass;
    cols text;
    r_cols text;
    self_log boolean;
BEGIN
    FOR t IN SELECT DISTINCT s.table_name FROM pg_temp.kakeru_stage s ORDER BY 1 LOOP
        IF t <> ALL (ARRAY['companies', 'contacts', 'relationships', 'touches', 'plans', 'meetings',
                           'target_lists', 'list_members']) THEN
            RAISE EXCEPTION 'kakeru: % is not a synced table', t;
        END IF;
        target := format('kakeru.%I', t)::regclass;
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
               string_agg('r.' || quote_ident(attname), ', ' ORDER BY attnum)
            INTO cols, r_cols
            FROM pg_attribute WHERE attrelid = target AND attnum > 0 AND NOT attisdropped;
        -- Does a trigger of this table write the change log? Then the function does not.
        SELECT NOT EXISTS (
            SELECT 1 FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
            WHERE tg.tgrelid = target AND NOT tg.tgisinternal
              AND p.prosrc ILIKE '%kakeru.changes%') INTO self_log;

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
                    least(d.new_hlc, d.old_hlc), split_part(least(d.new_hlc, d.old_hlc), ':', 3),
                    CASE WHEN d.new_hlc > d.old_hlc THEN d.new_value ELSE d.old_value END,
                    greatest(d.new_hlc, d.old_hlc), split_part(greatest(d.new_hlc, d.old_hlc), ':', 3)
                FROM d
                WHERE d.new_value IS DISTINCT FROM d.old_value AND d.old_hlc <> '' AND d.old_hlc <> d.base_hlc
                RETURNING *
            ),
            lost_logged AS (
                INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin)
                SELECT 'conflicts', l.uid, 'insert', to_jsonb(l), l.hlc,
                    %(origin)s
                FROM lost l WHERE %4$L::boolean
            ),
            p AS (
                SELECT d.uid, jsonb_object_agg(d.field, d.new_value) AS patch,
                    jsonb_object_agg(d.field, d.new_hlc) AS hlcs, max(d.new_hlc) AS hlc,
                    max(d.updated_at) AS updated_at
                FROM d WHERE d.new_hlc > d.old_hlc GROUP BY d.uid
            ),
            u AS (
                UPDATE kakeru.%1$I AS x SET (%5$s) = (
                    SELECT %6$s FROM jsonb_populate_record(x, p.patch || jsonb_build_object(
                        'field_hlc', x.field_hlc || p.hlcs, 'hlc', greatest(x.hlc, p.hlc),
                        'updated_at', coalesce(p.updated_at, x.updated_at))) AS r)
                FROM p WHERE x.uid = p.uid
                RETURNING x.*
            )
            INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin)
            SELECT %2$L, u.uid, 'update', to_jsonb(u), u.hlc, %(origin)s
            FROM u WHERE %7$L::boolean$q$,
            t, t, %(now)s, (SELECT NOT EXISTS (
                SELECT 1 FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
                WHERE tg.tgrelid = 'kakeru.conflicts'::regclass AND NOT tg.tgisinternal
                  AND p.prosrc ILIKE '%kakeru.changes%')), cols, r_cols, self_log);

        -- Deletes: tombstones, which win over a concurrent edit.
        EXECUTE format($q$
            WITH u AS (
                UPDATE kakeru.%1$I AS x SET deleted = true, hlc = greatest(x.hlc, s.hlc)
                FROM pg_temp.kakeru_stage s
                WHERE s.table_name = %2$L AND s.op = 'delete' AND x.uid = s.uid AND NOT x.deleted
                RETURNING x.*
            )
            INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin)
            SELECT %2$L, u.uid, 'delete', to_jsonb(u), u.hlc, %(origin)s
            FROM u WHERE %3$L::boolean$q$, t, t, self_log);

        -- Rows the server lacks: inserted in one statement, every field stamped with the entry's HLC.
        EXECUTE format($q$
            WITH i AS (
                INSERT INTO kakeru.%1$I
                SELECT r.* FROM pg_temp.kakeru_stage s
                CROSS JOIN LATERAL jsonb_populate_record(NULL::kakeru.%1$I, s.data || jsonb_build_object(
                    'uid', s.uid, 'hlc', s.hlc, 'deleted', false, 'field_hlc',
                    (SELECT coalesce(jsonb_object_agg(f.field, s.hlc), '{}')
                     FROM unnest(s.fields) AS f(field))
                )) AS r
                WHERE s.table_name = %2$L AND s.op <> 'delete'
                  AND NOT EXISTS (SELECT 1 FROM kakeru.%1$I x WHERE x.uid = s.uid)
                ON CONFLICT (uid) DO NOTHING
                RETURNING *
            )
            INSERT INTO kakeru.changes (table_name, uid, op, data, hlc, origin)
            SELECT %2$L, i.uid, 'insert', to_jsonb(i), i.hlc, %(origin)s
            FROM i WHERE %3$L::boolean$q$, t, t, self_log);
    END LOOP;
    RETURN (SELECT count(*) FROM pg_temp.kakeru_stage);
END
$merge$""".replace("%(now)s", "'" + _NOW.replace("'", "''") + "'").replace("%(origin)s", _ORIGIN)

MERGE_SQL: list[str] = [
    """CREATE TABLE IF NOT EXISTS kakeru.devices (
    origin text PRIMARY KEY,
    login text NOT NULL DEFAULT session_user,
    acked bigint NOT NULL DEFAULT 0,
    last_push_at timestamptz
)""",
    """CREATE TABLE IF NOT EXISTS kakeru.conflicts (
    uid text PRIMARY KEY,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    hlc text NOT NULL DEFAULT '',
    field_hlc jsonb NOT NULL DEFAULT '{}',
    deleted boolean NOT NULL DEFAULT false,
    table_name text NOT NULL,
    row_uid text NOT NULL,
    field text NOT NULL,
    company_uid text,
    lost_value jsonb,
    lost_hlc text NOT NULL,
    lost_by text,
    won_value jsonb,
    won_hlc text NOT NULL,
    won_by text,
    resolved_at text,
    resolved_by text,
    resolution text
)""",
    _MERGE_FUNCTION,
]
