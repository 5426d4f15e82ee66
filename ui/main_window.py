"""The main window: navigation between pages, the menus, and a status bar with the database and counts.

What the File menu does (import, export, backups, demo data) is ``ui.file_commands.FileCommands``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from models.accounts import lists as lists_model
from models.accounts import targets as targets_query
from models.store.changes import COMPANIES, IMPORTS, LIST_MEMBERS, TARGET_LISTS, Changes
from ui.file_commands import FileCommands
from ui.i18n import arg, number
from ui.pages.targets import TargetsPage
from ui.settings import AppSettings
from ui.signals import DataBus, affects
from ui.team.conflicts import ConflictStatus
from ui.team.runner import TeamSync
from ui.team.status import SyncStatus

if TYPE_CHECKING:
    from sqlite_utils import Database

APP_VERSION = "0.1.0"
# View → Refresh: the views read the companies and lists again (another program may have changed the file).
RELOAD = Changes.of(COMPANIES, TARGET_LISTS)


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# (key, title, "module:Class") — the order of the navigation. Every page takes
# (db, bus, settings, undo_stack); a page may emit account_requested(company_id) to open an account
# and session_requested([company_id, ...]) to start a call session on those accounts.
PAGES = (
    ("today", QT_TRANSLATE_NOOP("MainWindow", "Today"), "ui.pages.today:TodayPage"),
    ("targets", QT_TRANSLATE_NOOP("MainWindow", "Targets"), "ui.pages.targets:TargetsPage"),
    ("accounts", QT_TRANSLATE_NOOP("MainWindow", "Accounts"), "ui.pages.account:AccountPage"),
    ("agenda", QT_TRANSLATE_NOOP("MainWindow", "Agenda"), "ui.pages.agenda:AgendaPage"),
    ("meetings", QT_TRANSLATE_NOOP("MainWindow", "Meetings"), "ui.pages.meetings:MeetingsPage"),
    ("kpis", QT_TRANSLATE_NOOP("MainWindow", "KPIs"), "ui.pages.kpis:KpiPage"),
)


def _page_class(spec: str) -> type:
    module_name, class_name = spec.split(":")
    return getattr(importlib.import_module(module_name), class_name)


class _Pages(dict):
    """The window's pages by key, each built by ``build(key)`` the first time it is asked for."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        page = self._build(key)
        self[key] = page
        return page


class MainWindow(FileCommands, QMainWindow):
    """Navigation on the left, the pages on the right, menus on top, status bar below.

    ``restore_requested(path)`` asks whoever runs the window (ui.app.AppController) to close it and the
    database, restore the validated backup at ``path``, and open a new window on the result.
    """

    restore_requested = Signal(str)
    conversion_requested = Signal(object)  # a ui.dialogs.encryption.ConversionRequest, run like a restore

    def __init__(self, db: Database, db_path: str, settings: AppSettings | None = None,
                 bus: DataBus | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Kakeru — inside sales"))
        self.setAccessibleName(self.tr("Kakeru main window"))
        self.db = db
        self.db_path = db_path
        self.settings = settings or AppSettings()
        self.bus = bus or DataBus(self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        # Team sync: started by ui.app (a window alone, as in tests, syncs only when asked).
        self.team_sync = TeamSync(db, db_path, self.bus, self)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setFixedWidth(128)
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; border-right: 1px solid palette(mid); } "
            "QListWidget#navigation::item { padding: 4px 12px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        # Pages are built the first time they are shown (start-up builds only Targets and the page
        # opened last), so a page's imports and first queries never delay the window.
        self.pages = _Pages(self._build_page)
        for index, (key, title, _spec) in enumerate(PAGES):
            label = _t(title)
            placeholder = QWidget()
            placeholder.setObjectName(f"{key}Pending")
            self.stack.addWidget(placeholder)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{label} (Ctrl+{index + 1})")
            item.setSizeHint(QSize(120, 40))
            self.nav.addItem(item)
        self.targets_page: TargetsPage = self.pages["targets"]
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        central.setObjectName("central")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self.targets_page.import_requested.connect(self.open_import_wizard)
        self.bus.changed.connect(self._on_data_changed)
        self.setTabOrder(self.nav, self.targets_page.search)

        self.resize(1280, 800)
        self._restore()
        # The Targets page has just counted every company when it shows them all (the usual start):
        # the status bar takes its count rather than counting them again.
        model = self.targets_page.model
        everything = model.current_filter() == targets_query.TargetFilter()
        self.refresh_counts(model.total() if everything else None)

    # -- pages ------------------------------------------------------------------------------------
    def _build_page(self, key: str) -> QWidget:
        index = self.page_keys().index(key)
        page: QWidget = _page_class(PAGES[index][2])(self.db, self.bus, self.settings, self.undo_stack)
        if hasattr(page, "account_requested"):
            page.account_requested.connect(self.open_account)
        if hasattr(page, "session_requested"):
            page.session_requested.connect(self.start_session)
        if hasattr(page, "session"):  # the Today page: a finished session is a good moment to sync
            page.session.closed.connect(self.team_sync.session_ended)
        placeholder = self.stack.widget(index)
        showing = self.stack.currentIndex() == index
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if showing:
            self.stack.setCurrentIndex(index)
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.pages[PAGES[row][0]]  # builds the page on first use
            self.stack.setCurrentIndex(row)

    def page_keys(self) -> list[str]:
        return [key for key, *_ in PAGES]

    def current_page(self) -> str:
        return self.page_keys()[max(self.nav.currentRow(), 0)]

    def show_page(self, key: str) -> None:
        keys = self.page_keys()
        self.nav.setCurrentRow(keys.index(key) if key in keys else keys.index("targets"))

    def open_account(self, company_id: int) -> None:
        """Show the account page for ``company_id``."""
        page = self.pages["accounts"]
        if hasattr(page, "show_company"):
            page.show_company(company_id)
        self.show_page("accounts")

    def start_session(self, company_ids: list[int]) -> None:
        """Start a call session on ``company_ids`` (in that order), from any page."""
        page = self.pages["today"]
        if hasattr(page, "start_session"):
            self.show_page("today")
            page.start_session(list(company_ids))

    # -- menus --------------------------------------------------------------------------------
    def _action(self, name: str, text: str, shortcut: QKeySequence | str | None = None,
                slot=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setObjectName("menuBar")
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.import_action = self._action("importAction", self.tr("&Import…"), "Ctrl+I",
                                          self.open_import_wizard)
        self.export_action = self._action("exportAction", self.tr("&Export current view…"), "Ctrl+E",
                                          self.export_current_view)
        self.demo_action = self._action("demoAction", self.tr("Add &demo data…"), None, self.add_demo_data)
        self.backup_action = self._action("backupNowAction", self.tr("&Back up now"), "Ctrl+Shift+B",
                                          self.back_up_now)
        self.restore_action = self._action("restoreAction", self.tr("&Restore from a backup…"), None,
                                           self.restore_from_backup)
        self.open_folder_action = self._action("openDbFolderAction", self.tr("Open database &location"),
                                               None, self.open_db_folder)
        encryption = self._encryption_actions()
        self.team_action = self._action("teamAction", self.tr("&Team…"), None, self.open_team_dialog)
        # A manager's only: in the menu (after Team…) while team_members says this file's login manages.
        self.assign_action = self._action("teamAssignAction", self.tr("&Assignments…"), None,
                                          self.open_assignments)
        self.quit_action = self._action("quitAction", self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                        self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        for action in (self.import_action, self.export_action, None, self.backup_action,
                       self.restore_action, None, *encryption, None, self.team_action, None, self.demo_action,
                       self.open_folder_action, None, self.quit_action):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        self.file_menu = file_menu
        self.show_roles()
        self.team_sync.finished.connect(self.show_roles)
        self.team_sync.changed.connect(self.show_roles)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.find_action = self._action("findAction", self.tr("&Find"), QKeySequence.StandardKey.Find,
                                        self._focus_search)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        for action in self.targets_page.edit_actions():
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self.caller_name_action = self._action("callerNameAction", self.tr("Caller &name…"), None,
                                               self.edit_caller_name)
        edit_menu.addAction(self.caller_name_action)
        self.scoring_action = self._action("scoringRulesAction", self.tr("&Scoring rules…"), None,
                                           self.edit_scoring_rules)
        edit_menu.addAction(self.scoring_action)
        self.time_zone_action = self._action("timeZoneAction", self.tr("Time &zone…"), None,
                                             self.edit_time_zone)
        edit_menu.addAction(self.time_zone_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        self.page_actions: list[QAction] = []
        for index, (key, title, _spec) in enumerate(PAGES):
            action = self._action(f"{key}PageAction", _t(title), f"Ctrl+{index + 1}",
                                  lambda _checked=False, k=key: self.show_page(k))
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action("refreshAction", self.tr("&Refresh"),
                                           QKeySequence.StandardKey.Refresh,
                                           lambda: self.bus.notify(RELOAD))
        view_menu.addAction(self.refresh_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.about_action = self._action("aboutAction", self.tr("&About Kakeru"), None, self.show_about)
        help_menu.addAction(self.about_action)
        language_menu = help_menu.addMenu(self.tr("&Language"))
        language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        # Each language is named in itself, so a person who cannot read the current one finds theirs.
        for code, name in (("ja", "日本語"), ("en", "English")):
            action = self._action(f"language_{code}_Action", name)
            action.setCheckable(True)
            action.setChecked(self.settings.language() == code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        # Show each shortcut beside its command however the menu opens: the Edit menu's commands also
        # serve the Targets table's context menu, where macOS and some Linux desktops hide shortcuts.
        for menu in (file_menu, edit_menu, view_menu):
            for action in menu.actions():
                action.setShortcutVisibleInContextMenu(True)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        self.db_label = QLabel(arg(self.tr("Database: %1"), self.db_path))
        self.db_label.setObjectName("dbPathLabel")
        self.db_label.setToolTip(self.db_path)
        # A long path may be cut (the tooltip has it whole); the team's sync state beside it may not.
        self.db_label.setMinimumWidth(120)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        status.addWidget(self.db_label, 1)
        self.team_status = SyncStatus(self.db, self.team_sync, self.bus)
        self.team_status.open_requested.connect(self.open_team_dialog)
        status.addPermanentWidget(self.team_status)
        self.conflict_status = ConflictStatus(self.db, self.bus)
        self.conflict_status.open_requested.connect(self.open_conflicts)
        status.addPermanentWidget(self.conflict_status)
        status.addPermanentWidget(self.counts_label)

    def refresh_counts(self, companies: int | None = None) -> None:
        """Show how many companies and lists there are (``companies``: already counted)."""
        if companies is None:
            companies = targets_query.count_targets(self.db, targets_query.TargetFilter())
        list_count = lists_model.count_lists(self.db)
        self.counts_label.setText(arg(self.tr("%1 companies · %2 lists"), number(companies),
                                      number(list_count)))

    def _on_data_changed(self, payload: str) -> None:
        if affects(payload, COMPANIES, TARGET_LISTS, LIST_MEMBERS, IMPORTS):
            self.refresh_counts()

    # -- commands -----------------------------------------------------------------------------
    def edit_caller_name(self) -> None:
        """Who is calling: the name every new touch, plan and meeting records (the database's setting)."""
        from ui.dialogs.caller_name import CallerNameDialog

        CallerNameDialog(self.db, self.bus, self).exec()

    def edit_scoring_rules(self) -> None:
        """The fit rules of the priority score; saving scores every company again."""
        from ui.dialogs.scoring_rules import ScoringRulesDialog

        ScoringRulesDialog(self.db, self.bus, self).exec()

    def edit_time_zone(self) -> None:
        """The zone times are shown, counted and stored in (the database's setting)."""
        from ui.dialogs.time_zone import TimeZoneDialog

        TimeZoneDialog(self.db, self.bus, self).exec()

    def open_team_dialog(self) -> None:
        """File → Team…: join a team, or see its sync, sync now, leave."""
        from ui.team.dialog import TeamDialog

        dialog = TeamDialog(self.db, self.team_sync, self)
        dialog.conflicts_requested.connect(self.open_conflicts)
        dialog.exec()
        dialog.deleteLater()

    def open_conflicts(self) -> None:
        """The team's conflicts (from the team dialog or the status bar's 「競合 n 件」)."""
        from ui.team.conflicts import open_conflicts

        open_conflicts(self.db, self.bus, self.undo_stack, self)

    def show_roles(self, *_args) -> None:
        """Offer the manager's actions only to a manager (as last synced): a caller never sees them."""
        import sqlite3

        from models.team.workload import is_manager

        try:
            manager = is_manager(self.db)
        except sqlite3.ProgrammingError:  # the connection was closed (quitting, a restore): nothing to show
            return
        actions = self.file_menu.actions()
        shown = self.assign_action in actions
        if manager and not shown:
            after = actions.index(self.team_action) + 1
            self.file_menu.insertAction(actions[after] if after < len(actions) else None, self.assign_action)
        elif not manager and shown:
            self.file_menu.removeAction(self.assign_action)
        self.assign_action.setEnabled(manager)

    def open_assignments(self) -> None:
        """File → Assignments…: a manager assigns lists and hands work over."""
        from models.team.workload import is_manager
        from ui.team.assignments import open_assignments

        if is_manager(self.db):
            open_assignments(self.db, self.team_sync, self.bus, self)

    def _focus_search(self) -> None:
        self.show_page("targets")
        self.targets_page.focus_search()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Kakeru"), arg(self.tr(
            "<h3>Kakeru %1</h3><p>Kakeru helps inside-sales callers work through target lists, "
            "nurture each account until the timing is right, and hand field sales a briefing sheet for "
            "every meeting they win.</p><p>Everything is stored on this computer in one file:<br>%2</p>"
            "<p>Japanese font: BIZ UDPGothic (SIL Open Font License 1.1).</p>"), APP_VERSION, self.db_path))

    def choose_language(self, language: str) -> None:
        if language == self.settings.language():
            return
        self.settings.set_language(language)
        self.settings.sync()
        # Shown in both languages: the person switching may not read the current one.
        QMessageBox.information(
            self, "Kakeru",
            "表示言語は次回の起動時に切り替わります。\nThe language changes the next time Kakeru starts.",
        )

    # -- state --------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.window_geometry()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if not state.isEmpty():
            self.restoreState(state)
        self.show_page(self.settings.last_page())

    def save_state(self) -> None:
        self.settings.set_window_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_last_page(self.current_page())
        self.targets_page.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        today = self.pages.get("today")  # built only once shown: no session otherwise
        if not self.targets_page.confirm_discard() or (today is not None and not today.confirm_leave()):
            event.ignore()
            return
        self.save_state()
        # No team sync may start once the window goes: its connection is closed next (a quit, a restore,
        # an encryption), and a sync already running finishes in its own thread on its own connection.
        self.team_sync.stop(0)
        super().closeEvent(event)
