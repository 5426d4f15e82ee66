"""Kakeru's consistency rules: what SQLite cannot check, for a file whose structure is sound.

Each rule reads only and returns the problems it found; ``models.store.check.check_database`` runs them
all (``CONSISTENCY_CHECKS``) after SQLite's own integrity check has passed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.store.errors import sqlite_code

if TYPE_CHECKING:
    from sqlite_utils import Database

# Japanese names of the tables, for messages.
TABLE_LABELS = {
    "companies": "会社", "contacts": "担当者", "relationships": "担当者どうしの関係",
    "list_members": "リストへの登録", "target_lists": "ターゲットリスト", "touches": "接触履歴",
    "plans": "予定", "meetings": "商談", "meeting_attendees": "商談の出席者",
}

# (table, column, parent table): a non-null value must name an existing parent row.
REFERENCES = (
    ("contacts", "company_id", "companies"),
    ("relationships", "company_id", "companies"),
    ("relationships", "from_contact_id", "contacts"),
    ("relationships", "to_contact_id", "contacts"),
    ("list_members", "company_id", "companies"),
    ("list_members", "list_id", "target_lists"),
    ("touches", "company_id", "companies"),
    ("touches", "contact_id", "contacts"),
    ("plans", "company_id", "companies"),
    ("plans", "contact_id", "contacts"),
    ("plans", "done_touch_id", "touches"),
    ("meetings", "company_id", "companies"),
    ("meeting_attendees", "meeting_id", "meetings"),
    ("meeting_attendees", "contact_id", "contacts"),
)


@dataclass(frozen=True)
class Problem:
    """One kind of problem found, with how many rows (or messages) show it."""

    kind: str
    table: str
    count: int
    message_ja: str
    details: tuple[str, ...] = ()


def _label(table: str) -> str:
    return f"{TABLE_LABELS.get(table, table)}（{table}）"


def table_names(db: Database) -> set[str]:
    """The tables and views of ``db`` by name."""
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def _references(db: Database) -> list[Problem]:
    tables = table_names(db)
    problems = []
    for table, column, parent in REFERENCES:
        if table not in tables or parent not in tables:
            continue
        count = db.execute(
            f"SELECT count(*) FROM [{table}] AS t WHERE t.[{column}] IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM [{parent}] AS p WHERE p.id = t.[{column}])"
        ).fetchone()[0]
        if count:
            kind = "plan_missing_touch" if (table, column) == ("plans", "done_touch_id") else "orphan"
            problems.append(Problem(
                kind, table, count,
                f"{_label(table)}のうち {count:,} 件が、存在しない{TABLE_LABELS.get(parent, parent)}を"
                f"指しています（{column}）。",
            ))
    return problems


def _foreign_keys(db: Database) -> list[Problem]:
    """Violations of declared foreign keys that the reference checks above do not already cover."""
    covered = {(table, parent) for table, _, parent in REFERENCES}
    counts = Counter(
        (row[0], row[2]) for row in db.execute("PRAGMA foreign_key_check") if (row[0], row[2]) not in covered
    )
    return [
        Problem(
            "foreign_key", table, count,
            f"{_label(table)}のうち {count:,} 件が、存在しない{_label(parent)}の行を指しています。",
        )
        for (table, parent), count in sorted(counts.items())
    ]


def _counted(db: Database, kind: str, table: str, sql: str, message: str) -> list[Problem]:
    """One problem when ``sql`` (a ``SELECT count(*)``) counts rows; ``message`` has a {count} field."""
    count = db.execute(sql).fetchone()[0]
    return [Problem(kind, table, count, message.format(count=f"{count:,}"))] if count else []


def _plans(db: Database) -> list[Problem]:
    if "plans" not in table_names(db):
        return []
    return _counted(db, "plan_done_without_date", "plans",
                    "SELECT count(*) FROM plans WHERE status = 'done' AND done_at IS NULL",
                    "完了した予定のうち {count} 件に完了日時がありません。")


def _relationships(db: Database) -> list[Problem]:
    if not {"relationships", "contacts"} <= table_names(db):
        return []
    return _counted(
        db, "relationship_cross_company", "relationships",
        "SELECT count(*) FROM relationships AS r WHERE EXISTS (SELECT 1 FROM contacts AS c "
        "WHERE c.id IN (r.from_contact_id, r.to_contact_id) AND c.company_id <> r.company_id)",
        "担当者どうしの関係のうち {count} 件が、別の会社の担当者を結んでいます。")


def _last_touch(db: Database) -> list[Problem]:
    """``companies.last_touch_at`` must be the time of the company's newest touch (None without any)."""
    if not {"companies", "touches"} <= table_names(db):
        return []
    # The text comparison uses the index; the second one forgives the same moment written with
    # another UTC offset.
    return _counted(
        db, "last_touch_mismatch", "companies",
        "SELECT count(*) FROM companies AS c "
        "WHERE c.last_touch_at IS NOT (SELECT max(t.at) FROM touches AS t WHERE t.company_id = c.id) "
        "AND CAST(strftime('%s', c.last_touch_at) AS INTEGER) IS NOT "
        "(SELECT max(CAST(strftime('%s', t.at) AS INTEGER)) FROM touches AS t WHERE t.company_id = c.id)",
        "会社のうち {count} 件で、最終接触日時が接触履歴の最新の日時と一致していません。")


def _kept_counts(db: Database) -> list[Problem]:
    """``companies.first_touch_at`` and ``companies.open_plans`` (kept by triggers for the KPI page)
    must equal what the touches and plans say."""
    columns = set(db.table("companies").columns_dict) if "companies" in table_names(db) else set()
    problems = []
    if "first_touch_at" in columns:
        problems += _counted(
            db, "first_touch_mismatch", "companies",
            "SELECT count(*) FROM companies AS c WHERE c.first_touch_at IS NOT "
            "(SELECT min(t.at) FROM touches AS t WHERE t.company_id = c.id)",
            "会社のうち {count} 件で、初回接触日時が接触履歴の最初の日時と一致していません。")
    if "open_plans" in columns:
        problems += _counted(
            db, "open_plans_mismatch", "companies",
            "SELECT count(*) FROM companies AS c WHERE c.open_plans IS NOT "
            "(SELECT count(*) FROM plans AS p WHERE p.company_id = c.id AND p.status = 'open')",
            "会社のうち {count} 件で、未完了の予定の件数が予定の一覧と一致していません。")
    return problems


def _search_index(db: Database) -> list[Problem]:
    """The FTS5 index must match the companies it indexes (FTS5 ``integrity-check`` with rank 1)."""
    tables = table_names(db)
    if not {"companies", "companies_fts"} <= tables:
        return []
    was_in_transaction = db.conn.in_transaction
    mismatch = False
    try:
        # An INSERT in form only: the command reads and compares, and writes nothing.
        db.execute("INSERT INTO companies_fts(companies_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError as error:
        if sqlite_code(error) != sqlite3.SQLITE_READONLY:
            raise
    except sqlite3.DatabaseError:
        mismatch = True
    finally:
        if db.conn.in_transaction and not was_in_transaction:
            db.conn.rollback()
    differing = 0
    if "companies_fts_docsize" in tables:
        differing = db.execute(
            "SELECT (SELECT count(*) FROM companies AS c WHERE NOT EXISTS "
            "(SELECT 1 FROM companies_fts_docsize AS d WHERE d.id = c.id)) + "
            "(SELECT count(*) FROM companies_fts_docsize AS d WHERE NOT EXISTS "
            "(SELECT 1 FROM companies AS c WHERE c.id = d.id))"
        ).fetchone()[0]
    if not mismatch and not differing:
        return []
    count = max(differing, 1)
    return [Problem(
        "search_index", "companies_fts", count,
        f"会社検索用の索引が会社データと一致していません（少なくとも {count:,} 件）。"
        "検索結果に漏れが出る場合があります。",
    )]


# In the order they run; a rule's name, without its underscore, is named when it cannot read.
CONSISTENCY_CHECKS = (_references, _foreign_keys, _plans, _relationships, _last_touch, _kept_counts,
                      _search_index)
