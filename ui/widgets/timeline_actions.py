"""What a person does to plans on the timeline, each an undoable write: add, edit, move, complete, skip.

Each goes through ``run_write`` (ui/operations.py), so a refused write (a KakeruError) never leaves a
command on the stack. Edits the full plan dialog has already saved are recorded with ``record``.
"""

from __future__ import annotations

import importlib
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from models.accounts.companies import list_contacts
from models.accounts.entities import Plan
from models.planning import plans as plans_model
from models.planning import timeline_edits
from models.planning.timeline import TimelineItem
from models.store.errors import KakeruError
from ui.dialogs.timeline_dialogs import CompletePlanDialog, QuickPlanDialog, SkipPlanDialog
from ui.i18n import arg
from ui.operations import Write, record, run_write
from ui.signals import DataBus

PLAN_DIALOG = "ui.dialogs.plan_dialog"  # the full plan dialog (PlanDialog), used when it exists


class TimelineActions:
    """The plan edits of one timeline view; ``parent`` owns the dialogs and error messages."""

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, parent: QWidget):
        self.db = db
        self.bus = bus
        self.undo_stack = undo_stack
        self.parent = parent

    def tr(self, text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("TimelineActions", text)

    def _refused(self, error: KakeruError) -> None:
        QMessageBox.warning(self.parent, self.tr("Not saved"), str(error))
        # Whatever shows plans draws them again: a dragged plan goes back, one deleted meanwhile goes.
        self.bus.notify(Plan.changes)

    def _recorded(self, text: str, saved: Plan, again, back) -> None:
        """Record an edit a dialog has already saved, so that Ctrl+Z takes it back."""
        record(self.bus, self.undo_stack, saved, Write(text, self.bus, again, back, saved))

    def _add_with(self, dialog_class, company_id: int, day: date | None, contact_id: int | None) -> bool:
        """Add through the full plan dialog, preset to the day and person double-clicked."""
        dialog = dialog_class(self.db, company_id, self.parent)
        date_edit = getattr(dialog, "date_edit", None)
        if day is not None and date_edit is not None:
            date_edit.setDate(QDate(day.year, day.month, day.day))
        contact = getattr(dialog, "contact", None)
        if contact_id is not None and contact is not None:
            contact.setCurrentIndex(max(contact.findData(contact_id), 0))
        if not dialog.exec():
            return False
        plan = getattr(dialog, "plan", None)
        if plan is None:
            self.bus.notify(Plan.changes)
            return True

        def again() -> Plan:
            return plans_model.create_plan(self.db, company_id, plan.due, kind=plan.kind,
                                           hypothesis=plan.hypothesis, contact_id=plan.contact_id,
                                           source=plan.source)

        self._recorded(self.tr("Add plan"), plan, again, self._delete)
        return True

    def _delete(self, added: Plan):
        return timeline_edits.delete_plan(self.db, added.id)

    def _write(self, text: str, do, undo) -> bool:
        return run_write(self.bus, self.undo_stack, text, do, undo, on_error=self._refused) is not None

    # -- the edits ----------------------------------------------------------------------------
    def move(self, plan_id: int, day: date) -> bool:
        """Move an open plan to ``day`` (snapped to a business day and a call window)."""
        try:
            old = plans_model.get_plan(self.db, plan_id).due
        except KakeruError as error:
            self._refused(error)
            return False
        return self._write(arg(self.tr("Move plan to %1"), f"{day:%Y/%m/%d}"),
                           lambda: timeline_edits.move_plan_to_day(self.db, plan_id, day),
                           lambda _moved: plans_model.reschedule_plan(self.db, plan_id, old))

    def complete(self, item: TimelineItem) -> bool:
        dialog = CompletePlanDialog(item.hypothesis, self.parent)
        if not dialog.exec():
            return False
        result = dialog.result_value()
        return self._write(self.tr("Complete plan"),
                           lambda: timeline_edits.complete_with_result(self.db, item.id, result),
                           lambda _done: timeline_edits.reopen_plan(self.db, item.id))

    def skip(self, item: TimelineItem) -> bool:
        dialog = SkipPlanDialog(self.parent)
        if not dialog.exec():
            return False
        reason = dialog.reason_text()
        return self._write(self.tr("Skip plan"),
                           lambda: timeline_edits.skip_with_reason(self.db, item.id, reason),
                           lambda _skipped: timeline_edits.reopen_plan(self.db, item.id))

    def _contacts(self, company_id: int) -> list[tuple[int, str]]:
        return [(contact.id, contact.name) for contact in list_contacts(self.db, company_id)]

    def add(self, company_id: int, day: date | None = None, contact_id: int | None = None) -> bool:
        """Add a plan: the full plan dialog when it exists, else the quick editor (undoable)."""
        full = _full_plan_dialog()
        if full is not None:
            return self._add_with(full, company_id, day, contact_id)
        dialog = QuickPlanDialog(self._contacts(company_id), self.parent, day=day, contact_id=contact_id)
        if not dialog.exec():
            return False
        values = dialog.values()

        def create() -> Plan:
            return plans_model.create_plan(self.db, company_id, values["due"], kind=values["kind"],
                                           hypothesis=values["hypothesis"], contact_id=values["contact_id"])

        return self._write(self.tr("Add plan"), create, self._delete)

    def edit(self, item: TimelineItem, company_id: int) -> bool:
        try:
            plan = plans_model.get_plan(self.db, item.id)
        except KakeruError as error:
            self._refused(error)
            return False
        before = {"due": plan.due, "kind": plan.kind, "contact_id": plan.contact_id,
                  "hypothesis": plan.hypothesis}
        full = _full_plan_dialog()
        if full is not None:
            dialog = full(self.db, company_id, self.parent, plan_id=item.id)
            if not dialog.exec():
                return False
            saved = getattr(dialog, "plan", None) or plans_model.get_plan(self.db, item.id)
            after = {key: getattr(saved, key) for key in before}
            self._recorded(self.tr("Edit plan"), saved,
                           lambda: timeline_edits.update_plan(self.db, item.id, after),
                           lambda _saved: timeline_edits.update_plan(self.db, item.id, before))
            return True
        dialog = QuickPlanDialog(self._contacts(company_id), self.parent, due=plan.due, kind=plan.kind,
                                 contact_id=plan.contact_id, hypothesis=plan.hypothesis)
        if not dialog.exec():
            return False
        after = dialog.values()
        return self._write(self.tr("Edit plan"),
                           lambda: timeline_edits.update_plan(self.db, item.id, after),
                           lambda _saved: timeline_edits.update_plan(self.db, item.id, before))


def _full_plan_dialog():
    """``PlanDialog`` from the plan dialog module when it is there (it is built separately)."""
    try:
        module = importlib.import_module(PLAN_DIALOG)
    except ImportError:
        return None
    return getattr(module, "PlanDialog", None)
