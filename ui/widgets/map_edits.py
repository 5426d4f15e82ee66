"""What a person does to the relationship map: add, edit and delete people and links, move cards, tidy up.

Mixed into ``MapPanel`` (``ui/widgets/map_panel.py``), which owns the view, the people list and the
state these methods read. Each edit writes through models/ (relations, companies) with ``run_write``
(or ``record`` when a dialog made it), which pushes its command from ``map_commands`` and tells the
views; the context menus offer the same edits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenu, QMessageBox
from sqlite_utils import Database

from models.accounts import companies, relations
from models.accounts.vocab import CONTACT_ROLE, RELATIONSHIP_KIND
from models.maps.layout import MapLayout, layout_map, map_people
from models.store.errors import KakeruError
from ui.dialogs.map_link import MapLinkDialog
from ui.dialogs.map_moved import MapMovedDialog
from ui.dialogs.map_person import MapPersonDialog
from ui.i18n import arg, label
from ui.operations import WriteCommand, record, run_write
from ui.signals import DataBus
from ui.widgets import map_commands as cmd
from ui.widgets.map_people import MapPeopleView
from ui.widgets.map_view import MapView, qt_style


class MapEdits:
    """The undoable edits of the map panel and its context menus (a mixin of ``MapPanel``)."""

    # What the panel provides.
    db: Database
    bus: DataBus
    undo_stack: QUndoStack
    compact: bool
    company_id: int | None
    layout_data: MapLayout | None
    contacts: dict[int, companies.Contact]
    view: MapView
    people: MapPeopleView | None


    # -- feedback -----------------------------------------------------------------------------------
    def _refuse(self, error: KakeruError) -> None:
        QMessageBox.warning(self, self.tr("Relationship map"), str(error))

    def _write(self, do, command: Callable[..., WriteCommand], on_error=None):
        """One map edit through the write helper; None when it was refused (and said why)."""
        return run_write(self.bus, self.undo_stack, "", do, command=command,
                         on_error=on_error or self._refuse)

    def _name(self, contact_id: int) -> str:
        contact = self.contacts.get(contact_id)
        return contact.name if contact else "?"

    # -- people -------------------------------------------------------------------------------------
    def add_person(self, at: QPointF | None = None, department: str | None = None) -> int | None:
        """Ask for a new person's details and add them (at ``at`` on the map when given)."""
        if self.company_id is None or self.compact:
            return None
        added: list[int] = []

        def write(values: dict) -> companies.Contact:
            contact = companies.create_contact(self.db, self.company_id, values)
            if at is not None and self.layout_data is not None and self.layout_data.cards:
                current = {c.contact_id: c.centre for c in self.layout_data.cards}
                relations.save_positions(self.db, current | {contact.id: (at.x(), at.y())})
            added.append(contact.id)
            return contact

        dialog = MapPersonDialog(self.db, self.company_id, write, parent=self, department=department)
        if not dialog.exec() or not added:
            return None
        contact = dialog.contact
        record(self.bus, self.undo_stack, contact,
               cmd.AddContactCommand(arg(self.tr("Add %1"), contact.name), self.db, self.bus, contact.id))
        self.view.select_card(contact.id)
        return contact.id

    def edit_person(self, contact_id: int) -> None:
        """The person's details; saving is one undoable step."""
        contact = self.contacts.get(contact_id)
        if contact is None or self.compact:
            return
        pushed = []

        def write(values: dict) -> companies.Contact:
            clean = companies.clean_contact_values(values)
            before = {key: getattr(contact, key) for key in clean}
            changed = {key: value for key, value in clean.items() if before[key] != value}
            if not changed:
                return contact
            updated = companies.update_contact(self.db, contact_id, changed)
            pushed.append((updated, cmd.EditContactCommand(
                arg(self.tr("Edit %1"), updated.name), self.db, self.bus, contact_id,
                {key: before[key] for key in changed}, changed)))
            return updated

        dialog = MapPersonDialog(self.db, self.company_id, write, contact, parent=self)
        if dialog.exec() and pushed:
            record(self.bus, self.undo_stack, *pushed[0])

    def set_role(self, contact_id: int, role: str) -> None:
        contact = self.contacts.get(contact_id)
        if contact is None or contact.role == role:
            return
        text = arg(self.tr("%1 is now %2"), contact.name, label(CONTACT_ROLE, role))
        self._write(lambda: companies.update_contact(self.db, contact_id, {"role": role}),
                    lambda _saved: cmd.EditContactCommand(text, self.db, self.bus, contact_id,
                                                          {"role": contact.role}, {"role": role}))

    def delete_person(self, contact_id: int) -> None:
        """Delete the person (their links go with them); Ctrl+Z brings everything back."""
        contact = self.contacts.get(contact_id)
        if contact is None:
            return
        text = arg(self.tr("Delete %1"), contact.name)
        self._write(lambda: relations.delete_contact_with_undo(self.db, contact_id),
                    lambda snapshot: cmd.DeleteContactCommand(text, self.db, self.bus, snapshot))

    def mark_moved(self, contact_id: int) -> None:
        contact = self.contacts.get(contact_id)
        if contact is None:
            return
        before = (contact.employment, contact.employment_changed_on, contact.successor_id)
        done = []

        def write(kind: str, on: str, successor: int | None) -> None:
            saved = relations.mark_moved(self.db, contact_id, kind, on, successor)
            done.append((saved, (kind, on, successor)))

        dialog = MapMovedDialog(contact, list(self.contacts.values()), self.today(), write, self)
        if dialog.exec() and done:
            saved, after = done[0]
            text = arg(self.tr("Mark %1 as moved or left"), contact.name)
            record(self.bus, self.undo_stack, saved,
                   cmd.EmploymentCommand(text, self.db, self.bus, contact_id, before, after))

    def mark_active(self, contact_id: int) -> None:
        contact = self.contacts.get(contact_id)
        if contact is None or contact.employment == "active":
            return
        before = (contact.employment, contact.employment_changed_on, contact.successor_id)
        text = arg(self.tr("Mark %1 as in post"), contact.name)
        self._write(lambda: relations.mark_active(self.db, contact_id),
                    lambda _saved: cmd.EmploymentCommand(text, self.db, self.bus, contact_id, before,
                                                         ("active", None, None)))

    # -- links ------------------------------------------------------------------------------------
    def ask_link_kind(self, where: QPoint) -> str | None:
        """A small menu of link kinds at ``where`` (global); None when the person closes it."""
        menu = QMenu(self)
        menu.setObjectName("mapLinkKindMenu")
        menu.setAccessibleName(self.tr("Kind of link"))
        for value in RELATIONSHIP_KIND:
            menu.addAction(label(RELATIONSHIP_KIND, value)).setData(value)
        chosen = menu.exec(where)
        return chosen.data() if chosen is not None else None

    def _link_drawn(self, from_id: int, to_id: int) -> None:
        pos = self.view.viewport().mapToGlobal(self.view.card_pos(to_id))
        kind = self.ask_link_kind(pos)
        if kind:
            self.add_link(from_id, to_id, kind)

    def add_link(self, from_id: int, to_id: int, kind: str) -> int | None:
        if self.company_id is None:
            return None
        company_id = self.company_id
        text = arg(self.tr("Link %1 and %2"), self._name(from_id), self._name(to_id))
        link = self._write(lambda: relations.add_relationship(self.db, company_id, from_id, to_id, kind),
                           lambda added: cmd.AddLinkCommand(text, self.db, self.bus, added.id))
        if link is None:
            return None
        self.view.select_edge(link.id)
        return link.id

    def set_link_kind(self, relationship_id: int, kind: str) -> None:
        try:
            link = relations.get_relationship(self.db, relationship_id)
        except KakeruError as error:
            self._refuse(error)
            return
        if link.kind == kind:
            return
        text = arg(self.tr("Change link to %1"), label(RELATIONSHIP_KIND, kind))
        self._write(lambda: relations.update_relationship(self.db, relationship_id, {"kind": kind}),
                    lambda _saved: cmd.EditLinkCommand(text, self.db, self.bus, relationship_id,
                                                       {"kind": link.kind}, {"kind": kind}))

    def reverse_link(self, relationship_id: int) -> None:
        try:
            link = relations.get_relationship(self.db, relationship_id)
        except KakeruError as error:
            self._refuse(error)
            return
        swapped = {"from_contact_id": link.to_contact_id, "to_contact_id": link.from_contact_id}
        before = {"from_contact_id": link.from_contact_id, "to_contact_id": link.to_contact_id}
        text = self.tr("Reverse link")
        self._write(lambda: relations.update_relationship(self.db, relationship_id, swapped),
                    lambda _saved: cmd.EditLinkCommand(text, self.db, self.bus, relationship_id, before,
                                                       swapped))

    def edit_link(self, relationship_id: int) -> None:
        if self.compact:
            return
        try:
            link = relations.get_relationship(self.db, relationship_id)
        except KakeruError as error:
            self._refuse(error)
            return
        pushed = []

        def write(changes: dict) -> None:
            stored = relations.update_relationship(self.db, relationship_id, changes)
            before = {key: getattr(link, key) for key in changes}
            after = {key: getattr(stored, key) for key in changes}
            command = cmd.EditLinkCommand(self.tr("Edit link"), self.db, self.bus, relationship_id, before,
                                          after)
            pushed.append((stored, command))

        dialog = MapLinkDialog(link, self._name(link.from_contact_id), self._name(link.to_contact_id), write,
                               self)
        if dialog.exec() and pushed:
            record(self.bus, self.undo_stack, *pushed[0])

    def delete_link(self, relationship_id: int) -> None:
        def command(snapshot: relations.RelationshipSnapshot) -> cmd.DeleteLinkCommand:
            row = snapshot.row
            text = arg(self.tr("Delete link between %1 and %2"), self._name(row["from_contact_id"]),
                       self._name(row["to_contact_id"]))
            return cmd.DeleteLinkCommand(text, self.db, self.bus, snapshot)

        self._write(lambda: relations.delete_relationship(self.db, relationship_id), command)

    def delete_selected(self) -> None:
        kind, ident = self.view.selected()
        if kind == "card":
            self.delete_person(ident)
        elif kind == "edge":
            self.delete_link(ident)

    def _delete_from_list(self) -> None:
        if self.people is not None and self.people.selected_contact() is not None:
            self.delete_person(self.people.selected_contact())

    # -- positions --------------------------------------------------------------------------------
    def move_cards(self, moved: dict) -> None:
        """Cards were dragged: store every card's centre (so the others stay put), undoable."""
        if self.layout_data is None:
            return
        after = {c.contact_id: c.centre for c in self.layout_data.cards} | dict(moved)
        text = self.tr("Move on the map")

        def refused(error: KakeruError) -> None:
            self._refuse(error)
            self.refresh()  # the dragged cards go back

        self._write(lambda: relations.save_positions(self.db, after),
                    lambda moved: cmd.PositionsCommand(text, self.db, self.bus, moved.previous, after),
                    refused)

    def tidy_up(self) -> None:
        """Lay the map out afresh (departments as columns, bosses above); Ctrl+Z puts the cards back."""
        if self.company_id is None or self.compact:
            return
        people, links = map_people(self.db, self.company_id, self.today())
        if not people:
            return
        tidy = layout_map(people, links, use_saved_positions=False, include_us=self.show_us(),
                          style=qt_style())
        after = tidy.positions()
        text = self.tr("Tidy up the map")
        tidied = self._write(
            lambda: relations.save_positions(self.db, after),
            lambda moved: cmd.PositionsCommand(text, self.db, self.bus, moved.previous, after))
        if tidied is not None:
            self.view.fit()

    # -- context menus ----------------------------------------------------------------------------
    def _context_menu(self, what: str, ident: int, where: QPoint) -> None:
        if self.compact or self.company_id is None:
            return
        menu = self.build_menu(what, ident, self.view.mapToScene(self.view.viewport().mapFromGlobal(where)))
        if menu is not None:
            menu.exec(where)

    def build_menu(self, what: str, ident: int, at: QPointF | None = None) -> QMenu | None:
        """The context menu for a card, a link or the background (built, not shown)."""
        menu = QMenu(self)
        menu.setObjectName(f"mapMenu_{what}")
        menu.setAccessibleName(self.tr("Map actions"))
        if what == "card" and ident in self.contacts:
            contact = self.contacts[ident]
            menu.addAction(self.tr("Edit details…"), lambda: self.edit_person(ident))
            roles = menu.addMenu(self.tr("Role"))
            roles.setObjectName("mapRoleMenu")
            for value in CONTACT_ROLE:
                action = roles.addAction(label(CONTACT_ROLE, value),
                                         lambda v=value: self.set_role(ident, v))
                action.setCheckable(True)
                action.setChecked(value == contact.role)
            others = [c for c in self.contacts.values() if c.id != ident]
            if others:
                link_menu = menu.addMenu(self.tr("Link to"))
                link_menu.setObjectName("mapLinkToMenu")
                for other in others:
                    kinds = link_menu.addMenu(other.name)
                    for value in RELATIONSHIP_KIND:
                        kinds.addAction(label(RELATIONSHIP_KIND, value),
                                        lambda o=other.id, v=value: self.add_link(ident, o, v))
            if contact.employment == "active":
                menu.addAction(self.tr("Mark as moved or left…"), lambda: self.mark_moved(ident))
            else:
                menu.addAction(self.tr("Edit move or departure…"), lambda: self.mark_moved(ident))
                menu.addAction(self.tr("Mark as in post again"), lambda: self.mark_active(ident))
            menu.addSeparator()
            menu.addAction(self.tr("Delete person"), lambda: self.delete_person(ident))
        elif what == "edge":
            try:
                link = relations.get_relationship(self.db, ident)
            except KakeruError:
                return None
            menu.addAction(self.tr("Edit link…"), lambda: self.edit_link(ident))
            kinds = menu.addMenu(self.tr("Kind"))
            kinds.setObjectName("mapKindMenu")
            for value in RELATIONSHIP_KIND:
                action = kinds.addAction(label(RELATIONSHIP_KIND, value),
                                         lambda v=value: self.set_link_kind(ident, v))
                action.setCheckable(True)
                action.setChecked(value == link.kind)
            menu.addAction(self.tr("Reverse direction"), lambda: self.reverse_link(ident))
            menu.addSeparator()
            menu.addAction(self.tr("Delete link"), lambda: self.delete_link(ident))
        else:
            menu.addAction(self.tr("Add person here…"), lambda: self.add_person(at))
            menu.addAction(self.tr("Tidy up"), self.tidy_up)
            menu.addAction(self.tr("Fit"), self.view.fit)
        return menu
