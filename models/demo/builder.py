"""Realistic, deterministic Japanese demo data: companies, people, lists, touches, plans and meetings.

One ``random.Random(seed)`` drives everything (uids included) and every timestamp derives from
``today``, so the same seed and day give the same database. Rows are built as tuples and written with
``executemany``, a transaction per 25,000 companies, which keeps 100,000 companies under a minute.
The rows come from ``companies`` (with each account's history from ``activity``); this module writes
them, numbers the list members and scores the result.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.scoring import rescore_all
from models.demo import phrases
from models.demo.companies import COLUMNS, CompanyGenerator
from models.store.changes import ACCOUNT_DATA, Changes
from models.store.clock import TOKYO_NAME
from models.store.clock import today as working_today
from models.store.db import writing
from models.store.errors import ValidationError
from models.store.time_zone import adopt_time_zone, settle_rows_from

CHUNK = 2000  # companies generated between progress reports
COMMIT_EVERY = 25_000  # companies per transaction: fewer commits rewrite the random uid-index pages less
BULK_CACHE_SIZE = -262_144  # KiB: 256 MiB of page cache while filling
FTS_TRIGGER = "companies_fts_insert"


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

    counts = dict.fromkeys(COLUMNS, 0)
    fts_trigger = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [FTS_TRIGGER]
    ).fetchone()
    pragmas = {name: db.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("cache_size", "synchronous", "foreign_keys")}
    # While filling: a page cache big enough for the random uid inserts; WAL's NORMAL sync (still safe
    # from corruption); no foreign-key checks, since every reference is to a row written just before.
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_SIZE}")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        done = 0
        while done < companies:
            batch_end = min(companies, done + COMMIT_EVERY)
            with writing(db):
                if fts_trigger:
                    # One INSERT … SELECT into the search index is twice as fast as the row trigger;
                    # the trigger is back before the transaction commits.
                    db.execute(f"DROP TRIGGER {FTS_TRIGGER}")
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
                if fts_trigger:
                    db.execute(
                        "INSERT INTO companies_fts(rowid, search_key) "
                        "SELECT id, search_key FROM companies WHERE id >= ?", [first_id],
                    )
                    db.execute(fts_trigger[0])
    finally:
        for name, value in pragmas.items():
            db.execute(f"PRAGMA {name} = {value}")
    with writing(db):
        _number_members(db, generator.list_ids)
    rescore_all(db, today=today)
    if progress:
        progress(companies, companies)
    settle_rows_from(db, TOKYO_NAME)
    names = {f.name for f in fields(DemoSummary)}
    return DemoSummary(target_lists=len(generator.list_ids),
                       **{table: count for table, count in counts.items() if table in names})
