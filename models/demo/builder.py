"""Realistic, deterministic Japanese demo data: companies, people, lists, touches, plans and meetings.

One ``random.Random(seed)`` drives everything (uids included) and every timestamp derives from
``today``, so the same seed and day give the same database. Rows are built as tuples and written with
``executemany``, a transaction per 25,000 companies, with the tables' plain indexes created after the
rows are in: the time grows with the companies, not their square. Memory does not grow with them:
rows are written a chunk at a time and what must stay unique is kept in fixed bitmaps (common.Seen).
The rows come from ``companies`` (with each account's history from ``activity``, its score and its
first touch); this module writes them and numbers the list members.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.scoring import Scorer, rescore_all
from models.demo import phrases
from models.demo.companies import COLUMNS, CompanyGenerator
from models.store import settings
from models.store.changes import ACCOUNT_DATA, Changes
from models.store.clock import TOKYO_NAME
from models.store.clock import today as working_today
from models.store.db import writing
from models.store.errors import ValidationError
from models.store.time_zone import adopt_time_zone, settle_rows_from

CHUNK = 2000  # companies generated between progress reports
COMMIT_EVERY = 25_000  # companies per transaction
BULK_CACHE_SIZE = -65_536  # KiB: 64 MiB of page cache while filling (and sorting the indexes)
# Row triggers whose work the builder does itself: the search index a batch at a time, and the
# companies' first touch and open plans as it makes each company (Account.first_at, open_plans).
DEFERRED_TRIGGERS = ("companies_fts_insert", "companies_first_touch_insert", "companies_open_plans_insert")
# Their secondary indexes are dropped while the tables fill and created again from their own SQL at the
# end: a random key (a phone, a timestamp, a score) puts each insert on a random page of its index, and
# once the indexes outgrow the page cache every commit rewrites most of their pages, so the time grew
# with the square of the companies. CREATE INDEX sorts once instead.
FILLED_TABLES = (*COLUMNS, "list_member_history")


@dataclass(frozen=True)
class DemoSummary:
    """How many rows the demo generator wrote to each table."""

    changes: ClassVar[Changes] = ACCOUNT_DATA

    companies: int = 0
    contacts: int = 0
    relationships: int = 0
    target_lists: int = 0
    list_members: int = 0
    touches: int = 0
    plans: int = 0
    meetings: int = 0
    meeting_attendees: int = 0


def fiscal_term(today: date) -> str:
    """The half of the Japanese fiscal year (April start) ``today`` falls in, e.g. 「2026下期」."""
    year = today.year if today.month >= 4 else today.year - 1
    return f"{year}{'上期' if 4 <= today.month <= 9 else '下期'}"


def overdue_budget(companies: int) -> int:
    """How many open plans the demo leaves overdue: a well-run caller slips on a handful, a bigger book
    (a team's) on about one more per thousand accounts."""
    return 3 + companies // 1000


def _number_members(db: Database, list_ids: tuple[int, ...]) -> None:
    """Turn the sort keys of new members into positions 1, 2, 3 … (lists.py: smaller comes first)."""
    marks = ", ".join("?" * len(list_ids))
    db.execute(
        "UPDATE list_members SET priority = ranked.position FROM (SELECT id, row_number() OVER "
        "(PARTITION BY list_id ORDER BY priority, id) AS position FROM list_members "
        f"WHERE list_id IN ({marks})) AS ranked WHERE list_members.id = ranked.id", list(list_ids),
    )


def _defer_indexes_and_triggers(db: Database) -> list[str]:
    """Drop the deferred triggers and the plain indexes of the filled tables; their SQL, to run after.

    UNIQUE indexes stay (the uid ones are appended to: models/demo/uids.py); so does everything a
    trigger left in place needs (touch_days' day, the outbox's tables).
    """
    marks = ", ".join("?" * len(FILLED_TABLES))
    indexes = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks}) "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name", list(FILLED_TABLES),
    ).fetchall()
    triggers = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND name IN ({', '.join('?' * len(DEFERRED_TRIGGERS))}) ORDER BY name", list(DEFERRED_TRIGGERS),
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    return [sql for _, sql in (*indexes, *triggers)]


def _insert(db: Database, table: str, rows: list[tuple]) -> None:
    if rows:
        columns = COLUMNS[table]
        db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
        )


def _target_lists(db: Database, rng: random.Random, today: date, created_at: str) -> tuple[int, ...]:
    ids = []
    for name_template, description, script in phrases.TARGET_LISTS:
        name = name_template.format(term=fiscal_term(today))
        row = db.execute("SELECT id FROM target_lists WHERE name = ?", [name]).fetchone()
        uid = f"{rng.getrandbits(128):032x}"
        if row is None:
            row = (db.table("target_lists").insert({
                "uid": uid, "created_at": created_at, "updated_at": created_at, "name": name,
                "description": description, "script": script,
            }).last_pk,)
        ids.append(row[0])
    return tuple(ids)


def generate_demo(db: Database, companies: int = 1000, seed: int = 42, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None, *, touches_per_company: float = 10.0,
                  force: bool = False) -> DemoSummary:
    """Fill ``db`` with deterministic Japanese demo data and score it.

    Args:
        companies: how many companies to create (100,000 takes well under a minute).
        seed: the same seed and ``today`` give identical rows, uids included.
        today: the day the data is built around (touches before it, plans and meetings after it).
        progress: called as ``progress(done, total)`` with company counts after each chunk.
        touches_per_company: average touches over all companies (untouched ones included), so the
            default gives about a million touches for 100,000 companies.
        force: add to a database that already has companies (otherwise refused).

    Raises:
        ValidationError: the database already has companies and ``force`` is not set, or a count is
            out of range.
    """
    if isinstance(companies, bool) or not isinstance(companies, int) or not 1 <= companies <= 1_000_000:
        raise ValidationError(f"会社数は1〜1,000,000の整数で指定してください（「{companies}」）。")
    if not 0 <= touches_per_company <= 100:
        raise ValidationError(f"1社あたりの接触数は0〜100で指定してください（「{touches_per_company}」）。")
    existing = db.execute("SELECT COUNT(*) FROM companies").fetchone()[0]
    if existing and not force:
        raise ValidationError(
            f"このデータベースにはすでに{existing:,}件の会社が登録されているため、デモデータを作成できません。"
            "新しいデータベースファイルを指定してください。"
        )
    # The demo's calls and meetings are in Japan, written at +09:00: the file works in Asia/Tokyo.
    adopt_time_zone(db, TOKYO_NAME)
    today = today or working_today()
    # Adding to a database that already holds demo data must not repeat its uids.
    rng = random.Random(seed if not existing else f"{seed}/{existing}")
    next_ids = {
        table: db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
        for table in ("companies", "contacts", "relationships", "touches", "meetings")
    }
    generator = CompanyGenerator(rng, today, touches_per_company, next_ids, companies,
                                 overdue_budget(companies))
    with writing(db):
        generator.list_ids = _target_lists(db, rng, today, generator.created_at)

    generator.scorer = Scorer.of(db, today)
    counts = dict.fromkeys(COLUMNS, 0)
    pragmas = {name: db.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("cache_size", "synchronous", "foreign_keys")}
    # While filling: a bigger page cache; WAL's NORMAL sync (still safe from corruption); no foreign-key
    # checks, since every reference is to a row written just before.
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_SIZE}")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = OFF")
    with writing(db):
        deferred = _defer_indexes_and_triggers(db)
    try:
        done = 0
        while done < companies:
            batch_end = min(companies, done + COMMIT_EVERY)
            with writing(db):
                first_id = generator.ids["companies"]
                while done < batch_end:
                    size = min(CHUNK, batch_end - done)
                    for _ in range(size):
                        generator.company()
                    rows = generator.take_rows()
                    for table in COLUMNS:
                        _insert(db, table, rows[table])
                        counts[table] += len(rows[table])
                    done += size
                    if progress and done < companies:
                        progress(done, companies)
                # The search index in one INSERT … SELECT a batch: twice as fast as the row trigger.
                db.execute("INSERT INTO companies_fts(rowid, search_key) "
                           "SELECT id, search_key FROM companies WHERE id >= ?", [first_id])
        with writing(db):
            _number_members(db, generator.list_ids)
    finally:
        with writing(db):
            for statement in deferred:  # the indexes sort what is there once; the triggers are back
                db.execute(statement)
        for name, value in pragmas.items():
            db.execute(f"PRAGMA {name} = {value}")
    if existing:
        rescore_all(db, today=today)  # the companies already there were scored on their own day
    else:  # each company was scored as it was made, with the file's rules
        with writing(db):
            settings.set_setting(db, settings.SCORES_MONTH, f"{generator.scorer.today:%Y-%m}")
    if progress:
        progress(companies, companies)
    settle_rows_from(db, TOKYO_NAME)
    names = {f.name for f in fields(DemoSummary)}
    return DemoSummary(target_lists=len(generator.list_ids),
                       **{table: count for table, count in counts.items() if table in names})
