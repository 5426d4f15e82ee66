"""List quality (リスト品質), reported back to whoever supplied the list: per target list, the rows it
came with, how many can be called, the duplicates its imports found, and what calling found (numbers
that do not work, companies out of scope) with the connect rate.

Counted as of now, over every account on the list and every call to it. ``quality_tables`` gives the
report as tables for the CSV export (``models.kpi.export.write_tables_csv``); ``reports.list_quality``
prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from models.accounts.vocab import connect_sql
from models.store import clock

# key → (日本語, definition): the columns of the report, in order.
COLUMNS: dict[str, tuple[str, str]] = {
    "rows_read": ("取込行数", "このリストに取り込んだファイルの行数（取り消した取り込みを除く）。"),
    "rejected": ("除外行", "取り込みで除外した行（会社名なし・法人番号の誤りなど）。"),
    "duplicates": ("重複", "取り込みで既存の会社やファイル内の前の行と重複した行（空欄を補った行を含む）。"),
    "members": ("掲載社数", "いまリストに載っている会社の数。"),
    "callable": ("架電可能", "掲載社のうち、電話番号として読める番号がある会社。"),
    "no_phone": ("電話番号なし", "掲載社のうち、電話番号が空の会社。"),
    "bad_phone": ("番号の形式不正", "掲載社のうち、電話番号として読めない値がある会社。"),
    "called": ("架電済み", "掲載社のうち、一度でも架電した会社。"),
    "bad_number": ("番号不通", "架電して「番号不通」だった会社（掲載社のうち）。"),
    "disqualified": ("対象外", "架電して「対象外」とした会社、または状態が対象外の会社（掲載社のうち）。"),
    "calls": ("架電数", "掲載社への架電の件数。"),
    "connects": ("接続数", "そのうち相手と話せた架電（担当者接続・折返し依頼・資料送付・アポ獲得・"
                 "ニーズなし）。"),
    "connect_rate": ("接続率", "接続数 ÷ 架電数。"),
}


@dataclass(frozen=True)
class ListQuality:
    """The quality figures of one target list (``COLUMNS`` names each)."""

    list_id: int
    name: str
    rows_read: int
    rejected: int
    duplicates: int
    members: int
    callable: int
    no_phone: int
    bad_phone: int
    called: int
    bad_number: int
    disqualified: int
    calls: int
    connects: int

    @property
    def connect_rate(self) -> float | None:
        return self.connects / self.calls if self.calls else None

    @property
    def callable_share(self) -> float | None:
        return self.callable / self.members if self.members else None

    def value(self, key: str) -> int | float | None:
        return getattr(self, key)

    def text(self, key: str) -> str:
        value = self.value(key)
        if value is None:
            return "—"
        if key == "connect_rate":
            return f"{value * 100:.1f}%"
        return f"{int(value):,}"


def list_quality(db: Database, list_ids: Sequence[int] | None = None, *,
                 include_archived: bool = False) -> list[ListQuality]:
    """The quality of each list (``list_ids``, else every list not archived), by name."""
    where, params = ("WHERE l.archived = 0", []) if not include_archived else ("WHERE 1", [])
    if list_ids is not None:
        where += f" AND l.id IN ({','.join('?' * len(list_ids))})"
        params = [int(i) for i in list_ids]
    members = "SELECT m.company_id FROM list_members m WHERE m.list_id = l.id"
    rows = db.execute(
        "SELECT l.id, l.name, "
        "(SELECT ifnull(sum(i.rows), 0) FROM imports i WHERE i.list_id = l.id AND i.undone_at IS NULL), "
        "(SELECT ifnull(sum(i.rejected), 0) FROM imports i WHERE i.list_id = l.id AND i.undone_at IS NULL), "
        "(SELECT ifnull(sum(i.duplicates + i.updated), 0) FROM imports i "
        " WHERE i.list_id = l.id AND i.undone_at IS NULL), "
        f"(SELECT count(*) FROM companies c WHERE c.id IN ({members})), "
        f"(SELECT count(*) FROM companies c WHERE c.id IN ({members}) AND c.phone_key IS NOT NULL), "
        f"(SELECT count(*) FROM companies c WHERE c.id IN ({members}) AND ifnull(trim(c.phone), '') = ''), "
        f"(SELECT count(*) FROM companies c WHERE c.id IN ({members}) AND c.phone_key IS NULL "
        " AND ifnull(trim(c.phone), '') <> ''), "
        "(SELECT count(DISTINCT t.company_id) FROM touches t WHERE t.kind = 'call' "
        f" AND t.company_id IN ({members})), "
        f"(SELECT count(DISTINCT t.company_id) FROM touches t WHERE t.outcome = 'bad_number' "
        f" AND t.company_id IN ({members})), "
        f"(SELECT count(*) FROM companies c WHERE c.id IN ({members}) AND (c.status = 'disqualified' "
        " OR EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.outcome = 'disqualified'))), "
        f"(SELECT count(*) FROM touches t WHERE t.kind = 'call' AND t.company_id IN ({members})), "
        f"(SELECT ifnull(sum({connect_sql('t')}), 0) FROM touches t WHERE t.kind = 'call' "
        f" AND t.company_id IN ({members})) "
        f"FROM target_lists l {where} ORDER BY l.name, l.id", params).fetchall()
    return [ListQuality(*row) for row in rows]


@dataclass(frozen=True)
class QualityReport:
    """What the list-quality sheet and CSV show: the lists' figures, as of ``generated_at``."""

    lists: tuple[ListQuality, ...]
    generated_at: datetime

    @property
    def total(self) -> ListQuality | None:
        """Every list added up (a company on two lists counts on each); None for a single list."""
        if len(self.lists) < 2:
            return None
        sums = [sum(getattr(q, key) for q in self.lists) for key in _COUNTS]
        return ListQuality(0, "合計", *sums)


_COUNTS = ("rows_read", "rejected", "duplicates", "members", "callable", "no_phone", "bad_phone", "called",
           "bad_number", "disqualified", "calls", "connects")


def quality_report(db: Database, list_ids: Sequence[int] | None = None, *,
                   generated_at: datetime | None = None) -> QualityReport:
    return QualityReport(tuple(list_quality(db, list_ids)), generated_at or clock.now())


def quality_tables(report: QualityReport) -> list[tuple[list[str], list[list[object]]]]:
    """The report as tables for CSV: one row per list (and the total), then what each column means."""
    header = ["リスト", *(label for label, _ in COLUMNS.values())]
    rows: list[list[object]] = []
    for quality in (*report.lists, *([report.total] if report.total else [])):
        rows.append([quality.name, *(quality.value(key) for key in COLUMNS)])
    meanings: list[list[object]] = [[label, definition] for label, definition in COLUMNS.values()]
    return [(header, rows), (["項目", "定義"], meanings)]
