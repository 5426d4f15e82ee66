"""What the Targets page does to companies, lists, saved views and files (menus and their commands)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow, QMenu, QMessageBox

from models.accounts import companies
from models.accounts import lists as lists_model
from models.accounts import targets as targets_query
from models.accounts.vocab import COMPANY_STATUS, RANKS
from models.store.errors import KakeruError
from ui.errors import show_expected_error
from ui.i18n import arg, label, number
from ui.operations import run_write
from ui.undo import bulk_set_field, change_membership

if TYPE_CHECKING:
    from ui.pages.targets import TargetsPage

NAMES_SHOWN = 5  # companies named in a confirmation before "…and N more"


class TargetActions(QObject):
    """Menus and commands of the Targets page; every write goes through models/ and the data bus."""

    def __init__(self, page: TargetsPage):
        super().__init__(page)
        self.page = page
        self.db = page.db
        self.bus = page.bus

        self.rank_menu = QMenu(page)
        self.rank_menu.setObjectName("bulkRankMenu")
        for rank in (*RANKS, None):
            action = self.rank_menu.addAction(rank or self.tr("(none)"))
            action.setObjectName(f"bulkRank_{rank or 'none'}")
            action.triggered.connect(lambda _checked=False, r=rank: self.set_field("rank", r))
        self.status_menu = QMenu(page)
        self.status_menu.setObjectName("bulkStatusMenu")
        for value in COMPANY_STATUS:
            action = self.status_menu.addAction(label(COMPANY_STATUS, value))
            action.setObjectName(f"bulkStatus_{value}")
            action.triggered.connect(lambda _checked=False, v=value: self.set_field("status", v))
        self.add_to_list_menu = QMenu(page)
        self.add_to_list_menu.setObjectName("addToListMenu")
        self.add_to_list_menu.aboutToShow.connect(self._fill_add_to_list_menu)

        self.list_menu = QMenu(page)
        self.list_menu.setObjectName("listMenu")
        self.new_list_action = self._menu_action(self.list_menu, "newListAction", self.tr("New list…"),
                                                 self.new_list)
        self.rename_list_action = self._menu_action(self.list_menu, "renameListAction",
                                                    self.tr("Rename list…"), self.rename_list)
        self.delete_list_action = self._menu_action(self.list_menu, "deleteListAction",
                                                    self.tr("Delete list…"), self.delete_list)
        self.list_menu.aboutToShow.connect(self._update_list_menu)

        self.view_menu = QMenu(page)
        self.view_menu.setObjectName("viewMenu")
        self.save_view_action = self._menu_action(self.view_menu, "saveViewAction",
                                                  self.tr("Save current filters as a view…"), self.save_view)
        self.rename_view_action = self._menu_action(self.view_menu, "renameViewAction",
                                                    self.tr("Rename view…"), self.rename_view)
        self.delete_view_action = self._menu_action(self.view_menu, "deleteViewAction",
                                                    self.tr("Delete view"), self.delete_view)
        self.view_menu.aboutToShow.connect(self._update_view_menu)

        self.delete_action = QAction(self.tr("Delete selected companies…"), page)
        self.delete_action.setObjectName("deleteCompaniesAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.select_all_action = QAction(self.tr("Select all matching companies"), page)
        self.select_all_action.setObjectName("selectAllMatchingAction")
        self.select_all_action.triggered.connect(page.select_all_matching)

    def _menu_action(self, menu: QMenu, name: str, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def show_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self.page)
        menu.setObjectName("targetsContextMenu")
        menu.addMenu(self.rank_menu).setText(self.tr("Change rank"))
        menu.addMenu(self.status_menu).setText(self.tr("Change status"))
        menu.addMenu(self.add_to_list_menu).setText(self.tr("Add to list"))
        if self.page.filters.list_combo.currentData() is not None:
            menu.addAction(self.tr("Remove from list"), self.remove_from_list)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.page.table.viewport().mapToGlobal(position))

    # -- bulk changes -------------------------------------------------------------------------
    def all_matching_rows(self) -> list:
        flt = self.page.model.current_filter()
        return targets_query.fetch_targets(self.db, flt, sort=self.page.model.sort_key(),
                                           descending=self.page.model.is_descending(), limit=None)

    def set_field(self, field: str, value) -> None:
        rows = self.page.selected_rows()
        if not rows:
            return
        shown = (value or self.tr("(none)")) if field == "rank" else label(COMPANY_STATUS, value)
        caption = self.tr("rank") if field == "rank" else self.tr("status")
        text = arg(self.tr("Set %1 of %2 companies to %3"), caption, number(len(rows)), shown)
        if len(rows) > 1000:
            answer = QMessageBox.question(self.page, self.tr("Change many companies"), text + "?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        if bulk_set_field(self.db, self.bus, self.page.undo_stack, text, field, value,
                          {row.id: getattr(row, field) for row in rows}, self.page) is None:
            return
        self._status(arg(self.tr("%1. Undo with Ctrl+Z."), text))

    def _fill_add_to_list_menu(self) -> None:
        self.add_to_list_menu.clear()
        for target_list in lists_model.get_lists(self.db):
            action = self.add_to_list_menu.addAction(target_list.name)
            action.setObjectName(f"addToList_{target_list.id}")
            action.triggered.connect(lambda _checked=False, i=target_list.id: self.add_to_list(i))
        self.add_to_list_menu.addSeparator()
        new = self.add_to_list_menu.addAction(self.tr("New list…"))
        new.setObjectName("addToNewList")
        new.triggered.connect(lambda: self.add_to_list(None))

    def add_to_list(self, list_id: int | None) -> None:
        rows = self.page.selected_rows()
        if not rows:
            return
        if list_id is None:
            list_id = self.new_list()
            if list_id is None:
                return
        members = set(targets_query.target_ids(self.db, targets_query.TargetFilter(list_id=list_id)))
        ids = [row.id for row in rows if row.id not in members]
        name = next((lst.name for lst in lists_model.get_lists(self.db) if lst.id == list_id), "")
        text = arg(self.tr("Add %1 companies to %2"), number(len(ids)), name)
        change_membership(self.db, self.bus, self.page.undo_stack, text, list_id, ids, add=True,
                          parent=self.page)

    def remove_from_list(self) -> None:
        list_id = self.page.filters.list_combo.currentData()
        rows = self.page.selected_rows()
        if list_id is None or not rows:
            return
        name = next((lst.name for lst in lists_model.get_lists(self.db) if lst.id == list_id), "")
        text = arg(self.tr("Remove %1 companies from %2"), number(len(rows)), name)
        ids = [row.id for row in rows]
        change_membership(self.db, self.bus, self.page.undo_stack, text, list_id, ids, add=False,
                          parent=self.page)

    def _write(self, do, text: str = ""):
        """A write that is not undone (deleting, naming lists and views): its refusal shown on the page."""
        return run_write(self.bus, None, text, do, parent=self.page)

    def delete_selected(self) -> None:
        rows = self.page.selected_rows()
        if not rows:
            return
        names = "\n".join(f"・{row.name}" for row in rows[:NAMES_SHOWN])
        if len(rows) > NAMES_SHOWN:
            names += "\n" + arg(self.tr("…and %1 more"), number(len(rows) - NAMES_SHOWN))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete companies"),
                          arg(self.tr("Delete %1 companies for good?"), number(len(rows))),
                          QMessageBox.StandardButton.Cancel, self.page)
        box.setObjectName("deleteConfirmBox")
        box.setInformativeText(names + "\n\n" + self.tr(
            "Their contacts, call history, plans and meetings are deleted with them. This cannot be undone."))
        delete = box.addButton(arg(self.tr("Delete %1 companies"), number(len(rows))),
                               QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDeleteButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return

        def delete():
            deleted = companies.delete_companies(self.db, [row.id for row in rows])
            self.page.all_matching = False  # before the table hears of it and counts the selection again
            return deleted

        self._write(delete)

    # -- lists --------------------------------------------------------------------------------
    def _ask_name(self, title: str, prompt: str, current: str = "") -> str | None:
        text, ok = QInputDialog.getText(self.page, title, prompt, QLineEdit.EchoMode.Normal, current)
        return text.strip() if ok and text.strip() else None

    def new_list(self) -> int | None:
        name = self._ask_name(self.tr("New list"), self.tr("Name of the new list:"))
        if name is None:
            return None
        created = self._write(lambda: lists_model.create_list(self.db, name))
        return None if created is None else created.id

    def _current_list(self):
        list_id = self.page.filters.list_combo.currentData()
        return next((lst for lst in lists_model.get_lists(self.db) if lst.id == list_id), None)

    def _update_list_menu(self) -> None:
        chosen = self._current_list() is not None
        self.rename_list_action.setEnabled(chosen)
        self.delete_list_action.setEnabled(chosen)

    def rename_list(self) -> None:
        target_list = self._current_list()
        if target_list is None:
            return
        name = self._ask_name(self.tr("Rename list"), self.tr("New name of the list:"), target_list.name)
        if name is None or name == target_list.name:
            return
        self._write(lambda: lists_model.rename_list(self.db, target_list.id, name))

    def delete_list(self) -> None:
        target_list = self._current_list()
        if target_list is None:
            return
        answer = QMessageBox.question(
            self.page, self.tr("Delete list"),
            arg(self.tr("Delete the list %1? Its %2 companies stay in Kakeru; only the list goes."),
                target_list.name, number(target_list.member_count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete():
            deleted = lists_model.delete_list(self.db, target_list.id)
            self.page.filters.list_combo.setCurrentIndex(0)  # off the list before the lists are reloaded
            return deleted

        self._write(delete)

    # -- saved views --------------------------------------------------------------------------
    def reload_views(self) -> None:
        combo = self.page.view_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(current filters)"), None)
        for view in targets_query.list_views(self.db):
            combo.addItem(view.name, view)
            if current is not None and view.id == current.id:
                combo.setCurrentIndex(combo.count() - 1)
        combo.blockSignals(False)

    def _update_view_menu(self) -> None:
        chosen = self.page.view_combo.currentData() is not None
        self.rename_view_action.setEnabled(chosen)
        self.delete_view_action.setEnabled(chosen)

    def save_view(self) -> None:
        name = self._ask_name(self.tr("Save view"), self.tr("Name of the view:"))
        if name is None:
            return
        flt = self.page.filters.current_filter()
        taken: list[KakeruError] = []
        saved = run_write(self.bus, None, "", lambda: targets_query.save_view(self.db, name, flt),
                          on_error=taken.append)
        if saved is None:
            answer = QMessageBox.question(
                self.page, self.tr("Save view"), arg(self.tr("%1\nReplace the existing view?"), taken[0]))
            if answer != QMessageBox.StandardButton.Yes:
                return
            saved = self._write(lambda: targets_query.save_view(self.db, name, flt, replace=True))
            if saved is None:
                return
        combo, view_id = self.page.view_combo, saved.id
        combo.setCurrentIndex(max(next((i for i in range(combo.count())
                                        if combo.itemData(i) is not None and combo.itemData(i).id == view_id),
                                       0), 0))

    def rename_view(self) -> None:
        view = self.page.view_combo.currentData()
        if view is None:
            return
        name = self._ask_name(self.tr("Rename view"), self.tr("New name of the view:"), view.name)
        if name is None:
            return
        self._write(lambda: targets_query.rename_view(self.db, view.id, name))

    def delete_view(self) -> None:
        view = self.page.view_combo.currentData()
        if view is None:
            return
        question = arg(self.tr("Delete the saved view %1? The companies are not affected."), view.name)
        answer = QMessageBox.question(self.page, self.tr("Delete view"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete():
            deleted = targets_query.delete_view(self.db, view.id)
            self.page.view_combo.setCurrentIndex(0)
            return deleted

        self._write(delete)

    # -- export -------------------------------------------------------------------------------
    def export_current_view(self) -> None:
        settings = self.page.settings
        utf8 = self.tr("CSV, UTF-8 with BOM — for Excel (*.csv)")
        cp932 = self.tr("CSV, Shift_JIS (CP932) — for older systems (*.csv)")
        folder = settings.export_dialog_dir()
        path, chosen = QFileDialog.getSaveFileName(
            self.page, self.tr("Export the current view"), str(Path(folder) / self.tr("targets.csv")),
            ";;".join((utf8, cp932)), cp932 if settings.export_encoding() == "cp932" else utf8)
        if not path:
            return
        if not path.lower().endswith((".csv", ".txt")):
            path += ".csv"
        encoding = "cp932" if chosen == cp932 else "utf-8-sig"
        model = self.page.model
        try:
            from models.importing import export as export_model  # loaded when a list is first exported

            result = export_model.export_targets_csv(
                self.db, model.current_filter(), Path(path), encoding=encoding, sort=model.sort_key(),
                descending=model.is_descending())
        except KakeruError as error:
            show_expected_error(error, self.page)
            return
        settings.set_export_encoding(encoding)
        settings.set_last_export_dir(str(Path(path).parent))
        message = arg(self.tr("Exported %1 companies to %2"), number(result.rows), path)
        if result.replaced_cells:
            message += " " + arg(self.tr("(%1 cells had characters Shift_JIS cannot hold; they were "
                                         "written as 〓.)"), number(result.replaced_cells))
        self._status(message)

    def _status(self, message: str) -> None:
        window = self.page.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10000)
