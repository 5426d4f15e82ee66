"""File → 担当の割り当て… (managers only): who holds each list, each caller's open work, and the server acts
that change it: assign a list, hand a caller's work over, assign a saved view's companies as a new list.

What the tables show is the file as last synced (the header says how old). Each server act runs off the
GUI thread over a connection made with the manager's keychain password (``connect.connect``), then a
sync brings its result into the local tables. A failure shows the engine's sentence (``TeamError``).
The acts are the team's, not this file's: Ctrl+Z cannot take them back, so the confirmation says so and
the screen offers the reverse act instead (hand the moved lists back).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.store.changes import TARGET_LISTS, Changes, changes_of
from models.store.errors import KakeruError
from models.team import workload
from models.team.membership import team_status
from ui.form_parts import ERROR_STYLE, list_table
from ui.i18n import arg, number
from ui.naming import named as _named
from ui.team.runner import TeamSync
from ui.team.status import parse_moment

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ui.signals import DataBus

OK_STYLE = "color: #1b5e20;"
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A few rows of text (the team's lists, its callers): numbers right-aligned."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[Any, ...]] = []

    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return number(value) if isinstance(value, int) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
                   ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class AssignmentDialog(QDialog):
    """The manager's screen of who holds what; every change is a server act followed by a sync."""

    def __init__(self, db: Database, runner: TeamSync, bus: DataBus, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("assignmentDialog")
        self.setWindowTitle(self.tr("Assignments"))
        self.setAccessibleName(self.tr("Assignments"))
        self.db = db
        self.runner = runner
        self.bus = bus
        self.today = today
        self.holdings: list[workload.ListHolding] = []
        self.loads: list[workload.CallerLoad] = []
        self.last_moved: tuple[str, str, tuple[str, ...]] | None = None  # (from, to, list uids) to hand back
        self.synced = False  # whether the sync after the last server act worked

        self.age_label = _named(QLabel(), "assignSyncAge", self.tr("How old the shown assignments are"))
        self.age_label.setWordWrap(True)
        self.lists_model = RowsModel([self.tr("List"), self.tr("Companies"), self.tr("Held by")], self)
        self.lists_view = _named(QTableView(), "assignListsTable", self.tr("Lists and who holds them"))
        self.lists_view.setModel(self.lists_model)
        list_table(self.lists_view, {0: 240, 1: 70})
        self.lists_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.lists_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.assign_to = _named(QComboBox(), "assignToCombo", self.tr("Caller to assign the list to"))
        self.assign_button = _named(QPushButton(self.tr("&Assign…")), "assignListButton",
                                    self.tr("Assign the selected list to the caller"))
        self.assign_button.setAutoDefault(False)
        self.assign_button.clicked.connect(self.assign_selected)
        assign_row = QHBoxLayout()
        assign_row.addStretch(1)
        assign_label = QLabel(self.tr("Assign the selected list to &caller"))
        assign_label.setBuddy(self.assign_to)
        assign_row.addWidget(assign_label)
        assign_row.addWidget(self.assign_to)
        assign_row.addWidget(self.assign_button)
        lists_box = QGroupBox(self.tr("Lists"))
        lists_layout = QVBoxLayout(lists_box)
        lists_layout.addWidget(self.lists_view)
        lists_layout.addLayout(assign_row)

        self.loads_model = RowsModel([self.tr("Caller"), self.tr("Lists"), self.tr("Plans due by today"),
                                      self.tr("Of which overdue"), self.tr("Not yet called")], self)
        self.loads_view = _named(QTableView(), "assignLoadsTable", self.tr("Each caller's open work"))
        self.loads_view.setModel(self.loads_model)
        list_table(self.loads_view, {1: 70, 2: 130, 3: 110, 4: 90})
        # The figures stay beside each other; the caller's name takes what is left.
        self.loads_view.horizontalHeader().setStretchLastSection(False)
        self.loads_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.loads_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        loads_box = QGroupBox(self.tr("Open work per caller"))
        QVBoxLayout(loads_box).addWidget(self.loads_view)

        self.from_combo = _named(QComboBox(), "handOverFrom", self.tr("Hand over from"))
        self.to_combo = _named(QComboBox(), "handOverTo", self.tr("Hand over to"))
        self.scope_combo = _named(QComboBox(), "handOverScope", self.tr("What to hand over"))
        self.from_combo.currentIndexChanged.connect(self._fill_scopes)
        self.hand_over_button = _named(QPushButton(self.tr("&Hand over…")), "handOverButton",
                                       self.tr("Hand the work over to another caller"))
        self.hand_over_button.setAutoDefault(False)
        self.hand_over_button.clicked.connect(self.hand_over)
        self.hand_back_button = _named(QPushButton(self.tr("Hand &back")), "handBackButton",
                                       self.tr("Hand the lists just moved back"))
        self.hand_back_button.setAutoDefault(False)
        self.hand_back_button.setEnabled(False)
        self.hand_back_button.clicked.connect(self.hand_back)
        hand_box = QGroupBox(self.tr("Hand over (someone is away or leaves)"))
        hand = QGridLayout(hand_box)
        for column, (text, widget) in enumerate(((self.tr("&From"), self.from_combo),
                                                 (self.tr("&To"), self.to_combo),
                                                 (self.tr("&What"), self.scope_combo))):
            label = QLabel(text)
            label.setBuddy(widget)
            hand.addWidget(label, 0, column)
            hand.addWidget(widget, 1, column)
        hand.setColumnStretch(2, 1)
        hand_buttons = QHBoxLayout()
        hand_buttons.addStretch(1)
        hand_buttons.addWidget(self.hand_back_button)
        hand_buttons.addWidget(self.hand_over_button)
        hand.addLayout(hand_buttons, 2, 0, 1, 3)

        self.view_combo = _named(QComboBox(), "assignViewCombo", self.tr("Saved view"))
        self.view_to = _named(QComboBox(), "assignViewTo",
                              self.tr("Caller to assign the view's companies to"))
        self.view_button = _named(QPushButton(self.tr("Make a list and assign…")), "assignViewButton",
                                  self.tr("Make a list of the saved view's companies and assign it"))
        self.view_button.setAutoDefault(False)
        self.view_button.clicked.connect(self.assign_view)
        view_box = QGroupBox(self.tr("A saved view's companies"))
        view = QHBoxLayout(view_box)
        view_label = QLabel(self.tr("&View"))
        view_label.setBuddy(self.view_combo)
        view.addWidget(view_label)
        view.addWidget(self.view_combo, 1)
        view_to_label = QLabel(self.tr("Ca&ller"))
        view_to_label.setBuddy(self.view_to)
        view.addWidget(view_to_label)
        view.addWidget(self.view_to)
        view.addWidget(self.view_button)

        self.message = _named(QLabel(), "assignMessage", self.tr("How the last change went"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        _named(close_button, "assignCloseButton", self.tr("Close"))
        close_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.age_label)
        layout.addWidget(lists_box, 3)
        layout.addWidget(loads_box, 2)
        layout.addWidget(hand_box)
        layout.addWidget(view_box)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.setTabOrder(self.lists_view, self.assign_to)
        self.setTabOrder(self.assign_to, self.assign_button)
        self.setTabOrder(self.assign_button, self.loads_view)
        self.resize(820, 760)
        self.refresh()
        self.lists_view.setFocus()

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the local tables again (after a sync) and show them; keeps the selections by name."""
        selected = self.selected_list()
        self.holdings = workload.list_holdings(self.db)
        self.loads = workload.workload(self.db, self.today())
        none = self.tr("(nobody)")
        self.lists_model.set_rows([(h.name, h.companies, "、".join(h.holders) or none)
                                   for h in self.holdings])
        self.loads_model.set_rows([(load.name, load.lists, load.due, load.overdue, load.uncalled)
                                   for load in self.loads])
        names = [member.name for member in workload.members(self.db)]
        for combo in (self.assign_to, self.from_combo, self.to_combo, self.view_to):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            if current in names:
                combo.setCurrentText(current)
            combo.blockSignals(False)
        if self.to_combo.currentIndex() == self.from_combo.currentIndex() and len(names) > 1:
            self.to_combo.setCurrentIndex(1 if self.from_combo.currentIndex() == 0 else 0)
        self._fill_scopes()
        from models.accounts.saved_views import list_views

        current_view = self.view_combo.currentText()
        self.view_combo.clear()
        for saved in list_views(self.db):
            self.view_combo.addItem(saved.name, saved.id)
        if current_view:
            self.view_combo.setCurrentText(current_view)
        row = next((i for i, h in enumerate(self.holdings) if selected and h.uid == selected.uid), 0)
        if self.holdings:
            self.lists_view.selectRow(row)
        for widget in (self.assign_button, self.hand_over_button, self.view_button):
            widget.setEnabled(bool(names))
        self.view_button.setEnabled(bool(names) and self.view_combo.count() > 0)
        self._show_age()

    def _show_age(self) -> None:
        synced = parse_moment(team_status(self.db).last_sync_at)
        if synced is None:
            self.age_label.setText(self.tr("Not synced yet: sync first to see the team's assignments."))
            return
        minutes = max(0, int((datetime.now(synced.tzinfo) - synced).total_seconds() // 60))
        if minutes < 1:
            age = self.tr("just now")
        elif minutes < 60:
            age = arg(self.tr("%1 min ago"), minutes)
        elif minutes < 60 * 24:
            age = arg(self.tr("%1 h ago"), minutes // 60)
        else:
            age = arg(self.tr("%1 days ago"), minutes // (60 * 24))
        self.age_label.setText(arg(self.tr(
            "As of the last sync (%1, %2). Changes made here are sent to the team's server and synced "
            "at once."), synced.astimezone().strftime("%Y-%m-%d %H:%M"), age))

    def _fill_scopes(self) -> None:
        """The hand-over's choices: everything of the caller, or one of their lists."""
        login = self._login(self.from_combo.currentText())
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("All of their work (every list and open plan)"), None)
        for holding in self.holdings:
            if login and self._holds(holding, login):
                self.scope_combo.addItem(arg(self.tr("Only the list %1"), holding.name), holding.uid)

    def _holds(self, holding: workload.ListHolding, login: str) -> bool:
        return self.db.execute("SELECT 1 FROM assignments WHERE list_uid = ? AND caller_login = ?",
                               [holding.uid, login]).fetchone() is not None

    def _login(self, name: str) -> str | None:
        return next((m.login for m in workload.members(self.db) if m.name == name), None)

    def selected_list(self) -> workload.ListHolding | None:
        rows = self.lists_view.selectionModel().selectedRows() if self.lists_view.selectionModel() else []
        if not rows or rows[0].row() >= len(self.holdings):
            return None
        return self.holdings[rows[0].row()]

    # -- the server acts -------------------------------------------------------------------------
    def _say(self, text: str, good: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if good else ERROR_STYLE)
        self.message.setText(text)

    def _server_act(self, label: str, act: Callable[[Any], Any]) -> Any | None:
        """Run ``act(connection)`` off the GUI thread as this file's member, then sync; None when refused."""
        from ui.dialogs.backup_restore import run_in_thread

        status = team_status(self.db)
        if not status.joined or not status.server or not status.login:
            self._say(self.tr("This file is in no team."), False)
            return None
        server, login = status.server, status.login

        def work() -> Any:
            from models.team.connect import connect

            conn = connect(server, login)  # the password from the keychain
            conn.autocommit = True  # each act is its own transaction (``with conn.transaction()``)
            try:
                return act(conn)
            finally:
                conn.close()

        try:
            result = run_in_thread(self, self.windowTitle(), label, work)
        except KakeruError as error:  # unreachable, not a manager, no such list…: the engine's sentence
            self._say(str(error), False)
            return None
        self._sync()
        return result

    def _sync(self) -> bool:
        """Sync now and show the tables again; whether the sync worked (its failure is said)."""
        outcome = self.runner.sync_with_progress(self, self.tr("Syncing with the team's server…"))
        self.refresh()
        self.synced = outcome is not None and outcome.ok
        if outcome is not None and outcome.error:
            self._say(arg(self.tr("The change is on the team's server, but this file could not sync: %1"),
                          outcome.error), False)
        return self.synced

    def assign_selected(self) -> bool:
        """Assign the selected list to the caller chosen; whether the server took it."""
        holding, name = self.selected_list(), self.assign_to.currentText()
        if holding is None or not name:
            self._say(self.tr("Choose a list and a caller."), False)
            return False
        question = arg(self.tr(
            "Assign the list %1 (%2 companies) to %3? It joins %3's Today queue after their next sync.\n\n"
            "This is recorded on the team's server: Ctrl+Z cannot take it back. To undo it, hand the "
            "list over to someone else on this screen."), holding.name, number(holding.companies), name)
        if QMessageBox.question(self, self.tr("Assign a list"), question) != QMessageBox.StandardButton.Yes:
            return False
        return self._assign(holding.uid, holding.name, name)

    def _assign(self, list_uid: str, list_name: str, name: str) -> bool:
        from models.team.admin import assign_list

        login = self._login(name) or name
        done = self._server_act(arg(self.tr("Assigning %1 to %2…"), list_name, name),
                                lambda conn: assign_list(conn, list_uid, login))
        if done is None:
            return False
        if self.synced:
            self._say(arg(self.tr("%1 now holds the list %2."), name, list_name), True)
        return True

    def hand_over(self) -> bool:
        """Confirm and move a caller's work (one list or all of it) to another; whether it moved."""
        source, target = self.from_combo.currentText(), self.to_combo.currentText()
        list_uid = self.scope_combo.currentData()
        if not source or not target:
            self._say(self.tr("Choose who hands over and who takes over."), False)
            return False
        list_name = next((h.name for h in self.holdings if h.uid == list_uid), "")
        what = (arg(self.tr("all of %1's lists and open plans"), source) if list_uid is None
                else arg(self.tr("the list %1 and %2's open plans on its accounts"), list_name, source))
        question = arg(self.tr(
            "Hand %1 over to %2?\n\nWhat moves: the lists and the open plans with their hypotheses. "
            "What stays: every past call, meeting and note keeps the name of who made it.\n\n"
            "This is recorded on the team's server: Ctrl+Z cannot take it back. Afterwards the screen "
            "offers to hand the moved lists back."), what, target)
        if QMessageBox.question(self, self.tr("Hand over"), question) != QMessageBox.StandardButton.Yes:
            return False
        from models.team.handover import hand_over

        moved = self._server_act(arg(self.tr("Handing %1's work over to %2…"), source, target),
                                 lambda conn: hand_over(conn, source, target, list_uid))
        if moved is None:
            return False
        self.last_moved = (moved.from_name, moved.to_name, moved.lists)
        self.hand_back_button.setEnabled(bool(moved.lists))
        if self.synced:
            self._say(arg(self.tr("Handed over to %1: %2 lists and %3 open plans."), moved.to_name,
                          number(len(moved.lists)), number(moved.plans)), True)
        return True

    def hand_back(self) -> bool:
        """The reverse of the last hand-over: each moved list (and its open plans) goes back."""
        if self.last_moved is None:
            return False
        source, target, lists = self.last_moved
        question = arg(self.tr(
            "Hand the %1 lists just moved back from %2 to %3, with the open plans on their accounts?"),
            number(len(lists)), target, source)
        if QMessageBox.question(self, self.tr("Hand back"), question) != QMessageBox.StandardButton.Yes:
            return False
        from models.team.handover import hand_over

        def back(conn: Any) -> int:
            return sum(hand_over(conn, target, source, list_uid).plans for list_uid in lists)

        plans = self._server_act(arg(self.tr("Handing the lists back to %1…"), source), back)
        if plans is None:
            return False
        self.last_moved = None
        self.hand_back_button.setEnabled(False)
        if self.synced:
                self._say(arg(self.tr("Handed back to %1: %2 lists and %3 open plans."), source,
                          number(len(lists)), number(plans)), True)
        return True

    def assign_view(self) -> bool:
        """Make a list of the saved view's current companies, send it, and assign it; whether assigned."""
        from models.accounts import lists, saved_views
        from models.accounts.targets import target_ids
        from ui.operations import run_write

        view_id, name = self.view_combo.currentData(), self.view_to.currentText()
        if view_id is None or not name:
            self._say(self.tr("Choose a saved view and a caller."), False)
            return False
        try:
            saved = saved_views.get_view(self.db, int(view_id))
        except KakeruError as error:
            self._say(str(error), False)
            return False
        ids = target_ids(self.db, saved.filter)
        list_name = saved.name
        if lists.find_list(self.db, list_name) is not None:
            list_name = f"{saved.name} {self.today().isoformat()}"
            suffix = 2
            while lists.find_list(self.db, list_name) is not None:
                list_name = f"{saved.name} {self.today().isoformat()} ({suffix})"
                suffix += 1
        question = arg(self.tr(
            "Make the list %1 of the %2 companies the view %3 shows now, and assign it to %4?\n\n"
            "The assignment is recorded on the team's server: Ctrl+Z cannot take it back. To undo it, "
            "hand the list over to someone else on this screen."), list_name, number(len(ids)), saved.name,
            name)
        answer = QMessageBox.question(self, self.tr("Assign a saved view"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False

        made: list[Any] = []

        def make() -> Changes:
            target_list = lists.create_list(self.db, list_name)
            made.append(target_list)
            return changes_of(lists.add_to_list(self.db, target_list.id, ids)) | Changes.of(TARGET_LISTS)

        # Not undoable here: once assigned the list is the team's (the confirmation said how to undo).
        if run_write(self.bus, None, self.tr("Make a list from a saved view"), make, parent=self,
                     on_error=lambda error: self._say(str(error), False)) is None:
            return False
        # The server must hold the list before it can be assigned: send it first.
        if not self._sync():
            return False
        return self._assign(made[0].uid, made[0].name, name)


def open_assignments(db: Database, runner: TeamSync, bus: DataBus, parent: QWidget | None = None) -> None:
    """Show the screen modally (File → 担当の割り当て…)."""
    dialog = AssignmentDialog(db, runner, bus, parent)
    dialog.exec()
    dialog.deleteLater()
