"""The target table: a QAbstractTableModel over ``models.accounts.targets`` with incremental fetching.

Rows arrive in pages of ``PAGE_SIZE`` as the view scrolls; sorting re-queries SQL (a proxy would have
to load every row first), so 100,000 targets open as fast as 100. The model keeps the ids of the rows
it shows (8 bytes a row) and the rows themselves only for the last ``CACHED_PAGES`` pages looked at,
read again by id when scrolled back to: a table scrolled through a million companies holds 8 MB of
ids, not a million rows. Ids are read ahead in runs that double (up to ``MAX_ID_RUN``), so fetching
to the end reads the order a few times over, not once per page from the top.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from models.accounts import targets as targets_query
from models.accounts.companies import get_company
from models.accounts.vocab import COMPANY_STATUS
from models.store import clock
from models.store.errors import KakeruError, NotFound
from models.store.lazy import lazy_import
from ui.i18n import label

if TYPE_CHECKING:
    from sqlite_utils import Database

scoring = lazy_import("models.accounts.scoring")  # for a score's explanation, asked on hover

PAGE_SIZE = 200
CACHED_PAGES = 50  # rows kept for 10,000 rows of the table; any other page is read again by id
MAX_ID_RUN = 50_000  # ids read ahead at most in one query
SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    attr: str  # the TargetRow attribute shown
    header: str  # English source text, translated in the "TargetsModel" context
    sort_key: str  # the models.accounts.targets sort key


COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("TargetsModel", "Company"), "name"),
    Column("name_kana", QT_TRANSLATE_NOOP("TargetsModel", "Reading"), "name_kana"),
    Column("phone", QT_TRANSLATE_NOOP("TargetsModel", "Phone"), "phone"),
    Column("prefecture", QT_TRANSLATE_NOOP("TargetsModel", "Prefecture"), "prefecture"),
    Column("address", QT_TRANSLATE_NOOP("TargetsModel", "Address"), "address"),
    Column("industry", QT_TRANSLATE_NOOP("TargetsModel", "Industry"), "industry"),
    Column("employees", QT_TRANSLATE_NOOP("TargetsModel", "Employees"), "employees"),
    Column("rank", QT_TRANSLATE_NOOP("TargetsModel", "Rank"), "rank"),
    Column("score", QT_TRANSLATE_NOOP("TargetsModel", "Score"), "score"),
    Column("status", QT_TRANSLATE_NOOP("TargetsModel", "Status"), "status"),
    Column("last_touch_at", QT_TRANSLATE_NOOP("TargetsModel", "Last touch"), "last_touch_at"),
    Column("next_plan_due", QT_TRANSLATE_NOOP("TargetsModel", "Next plan"), "next_plan_due"),
)

(COL_NAME, COL_KANA, COL_PHONE, COL_PREFECTURE, COL_ADDRESS, COL_INDUSTRY, COL_EMPLOYEES, COL_RANK,
 COL_SCORE, COL_STATUS, COL_LAST_TOUCH, COL_NEXT_PLAN) = range(len(COLUMNS))
NUMERIC_COLUMNS = (COL_EMPLOYEES, COL_SCORE)
CENTRED_COLUMNS = (COL_RANK,)
DEFAULT_SORT = "priority"


def display_date(value: str | None) -> str:
    """'2025-01-05' or '2025-01-05T10:00:00+09:00' → '2025/01/05' (the time is in the tooltip)."""
    if not value:
        return ""
    return value[:10].replace("-", "/")


class TargetsModel(QAbstractTableModel):
    """Rows of ``fetch_targets`` for one filter, fetched a page at a time, sorted by SQL."""

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self._filter = targets_query.TargetFilter()
        self._sort_key = DEFAULT_SORT
        self._descending = False
        self._ids = array("q")  # ids in table order, read ahead of what is shown
        self._shown = 0  # rows the view has (rowCount)
        self._pages: OrderedDict[int, list] = OrderedDict()  # page number → its rows, most recent last
        self._total = 0
        self._rules = None
        self._explanations: dict[int, str] = {}
        self._today = clock.today()
        self._load()

    # -- queries ------------------------------------------------------------------------------
    def _load(self, keep: int = 0) -> None:
        self._total = targets_query.count_targets(self.db, self._filter)
        self._ids = array("q")
        self._pages.clear()
        self._read_ids(max(PAGE_SIZE, keep))
        self._shown = min(len(self._ids), max(PAGE_SIZE, keep))
        self._explanations.clear()
        self._rules = None
        self._today = clock.today()

    def _read_ids(self, wanted: int) -> None:
        """Read ids ahead until ``wanted`` are known (or the filter has no more)."""
        while len(self._ids) < wanted:
            run = min(MAX_ID_RUN, max(wanted - len(self._ids), len(self._ids), PAGE_SIZE))
            more = targets_query.page_ids(self.db, self._filter, sort=self._sort_key,
                                          descending=self._descending, offset=len(self._ids), limit=run)
            self._ids.extend(more)
            if len(more) < run:
                break

    def _page(self, number: int) -> list:
        rows = self._pages.get(number)
        if rows is None:
            ids = self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE].tolist()
            found = {row.id: row for row in targets_query.rows_for_ids(self.db, ids, self._filter.list_id)}
            # A company deleted since its id was read shows empty until the refresh the write brings.
            rows = [found.get(company_id) or targets_query.TargetRow(company_id, "") for company_id in ids]
            self._pages[number] = rows
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return rows

    def set_filter(self, flt) -> None:
        """Show the rows matching ``flt`` (a ``TargetFilter``), from the top."""
        self.beginResetModel()
        self._filter = flt
        self._load()
        self.endResetModel()

    def current_filter(self):
        return self._filter

    def sort_key(self) -> str:
        return self._sort_key

    def is_descending(self) -> bool:
        return self._descending

    def refresh(self) -> None:
        """Re-read after a write, keeping as many rows loaded as before (selection survives when the
        same rows come back in the same order)."""
        old_ids, old_total = self._ids[:self._shown], self._total
        self._explanations.clear()
        self._rules = None
        self._pages.clear()
        total = targets_query.count_targets(self.db, self._filter)
        ids = array("q", targets_query.page_ids(
            self.db, self._filter, sort=self._sort_key, descending=self._descending, offset=0,
            limit=max(PAGE_SIZE, len(old_ids)),
        ))
        if ids == old_ids and total == old_total:
            self._ids = ids
            if len(ids):
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self._shown = len(ids)
        self._total = total
        self.endResetModel()

    def total(self) -> int:
        """How many rows match the filter (loaded or not)."""
        return self._total

    def row_at(self, row: int):
        if not 0 <= row < self._shown:
            raise IndexError(row)
        return self._page(row // PAGE_SIZE)[row % PAGE_SIZE]

    def loaded_rows(self) -> list:
        return [self.row_at(row) for row in range(self._shown)]

    def row_of_id(self, company_id: int) -> int:
        try:
            row = self._ids.index(company_id)
        except ValueError:
            return -1
        return row if row < self._shown else -1

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        self._read_ids(self._shown + PAGE_SIZE)
        more = min(len(self._ids), self._shown + PAGE_SIZE) - self._shown
        if more <= 0:
            self._total = self._shown  # rows were deleted meanwhile: stop asking
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Load every matching row (for select-all and the keyboard's End key on small results)."""
        while self.canFetchMore():
            self.fetchMore()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TargetsModel", COLUMNS[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._shown or index.column() >= len(COLUMNS):
            return None
        row = self.row_at(index.row())
        column = index.column()
        value = getattr(row, COLUMNS[column].attr)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, value)
        if role == SortRole:
            return value
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column in CENTRED_COLUMNS:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_NEXT_PLAN and value \
                and value[:10] < self._today.isoformat():
            return QBrush(QColor("#b3261e"))  # overdue
        return None

    def _display(self, column: int, value) -> str:
        if value is None:
            return ""
        if column == COL_STATUS:
            return label(COMPANY_STATUS, value)
        if column == COL_EMPLOYEES:
            return f"{value:,}"
        if column == COL_SCORE:
            return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
        if column in (COL_LAST_TOUCH, COL_NEXT_PLAN):
            return display_date(value)
        return str(value)

    def _tooltip(self, row, column: int, value) -> str | None:
        if column == COL_SCORE:
            return self.explanation(row.id)
        if column == COL_NEXT_PLAN and value and value[:10] < self._today.isoformat():
            return QCoreApplication.translate("TargetsModel", "Overdue: %1").replace(
                "%1", value.replace("T", " ")[:16])
        if column in (COL_LAST_TOUCH, COL_NEXT_PLAN) and value:
            return value.replace("T", " ")[:16]
        if column in (COL_NAME, COL_ADDRESS) and value:
            return str(value)
        return None

    def explanation(self, company_id: int) -> str:
        """Why the company has its score (the fit rules that matched), computed when first asked."""
        if company_id not in self._explanations:
            try:
                if self._rules is None:
                    self._rules = scoring.load_rules(self.db)
                company = get_company(self.db, company_id)
            except NotFound:
                return ""
            except KakeruError as error:  # the stored rules cannot be read: say so where the reason goes
                return str(error)
            result = scoring.score_company(company, self._rules, self._today)
            self._explanations[company_id] = scoring.explain_text(result)
        return self._explanations[company_id]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by re-querying SQL; column -1 returns to the default priority order."""
        key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else DEFAULT_SORT
        if key not in targets_query.SORT_KEYS:
            key = DEFAULT_SORT
        if key == self._sort_key and (order == Qt.SortOrder.DescendingOrder) == self._descending:
            return  # the view re-announces the current order (sorting enabled, indicator restored)
        self.beginResetModel()
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._load()
        self.endResetModel()
