"""Everything the call session shows of one account, gathered in a few indexed queries.

Also the talk script and hearing checklist of a list: the script lives on the list
(``target_lists.script``), the checklist in settings under ``hearing_checklist:<list id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.entities import Company, Contact, Plan, Touch, from_row
from models.accounts.lists import get_list, set_list_script
from models.planning.hearing import HearingFact, gather_hearing
from models.store import settings
from models.store.changes import SETTINGS, TARGET_LISTS, Changes
from models.store.db import writing
from models.store.errors import NotFound, ValidationError

LAST_TOUCHES = 5
# Whom to ask for when nothing says otherwise: the people who decide or feel the need first.
ASK_ORDER = ("decision_maker", "hr", "field", "champion", "gatekeeper", "other", "blocker")


@dataclass(frozen=True)
class TouchLine:
    touch: Touch
    contact_name: str | None


@dataclass(frozen=True)
class ListScript:
    changes: ClassVar[Changes] = Changes.of(TARGET_LISTS, SETTINGS)  # the script, and the checklist

    list_id: int | None
    list_name: str | None
    script: str | None
    checklist: tuple[str, ...]


@dataclass(frozen=True)
class AccountCard:
    company: Company
    contacts: tuple[Contact, ...]
    open_plans: tuple[Plan, ...]
    last_touches: tuple[TouchLine, ...]
    ask_for: Contact | None
    script: ListScript
    hearing: tuple[HearingFact, ...] = ()  # everything heard on earlier calls, newest first

    def contact(self, contact_id: int | None) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)


def _ask_for(contacts: tuple[Contact, ...], plans: tuple[Plan, ...], touches: tuple[TouchLine, ...]
             ) -> Contact | None:
    by_id = {contact.id: contact for contact in contacts}
    for plan in plans:
        if plan.contact_id in by_id:
            return by_id[plan.contact_id]
    for line in touches:
        if line.touch.contact_id in by_id:
            return by_id[line.touch.contact_id]
    active = [c for c in contacts if c.employment == "active"] or list(contacts)
    ranked = sorted(active, key=lambda c: (ASK_ORDER.index(c.role) if c.role in ASK_ORDER else 99, c.id))
    return ranked[0] if ranked else None


def checklist(db: Database, list_id: int) -> tuple[str, ...]:
    value = settings.get_setting(db, settings.hearing_checklist_key(list_id))
    if not isinstance(value, list):
        return ()
    return tuple(str(item).strip() for item in value if str(item).strip())


def list_script(db: Database, company_id: int, preferred_list_id: int | None = None) -> ListScript:
    """The script of ``preferred_list_id`` when the company is on it, else of its first list with one."""
    rows = list(db.query(
        "SELECT l.id, l.name, l.script FROM list_members m JOIN target_lists l ON l.id = m.list_id "
        "WHERE m.company_id = ? ORDER BY l.id", [company_id]))
    rows.sort(key=lambda row: (row["id"] != preferred_list_id, not row["script"], row["id"]))
    if not rows:
        return ListScript(None, None, None, ())
    row = rows[0]
    return ListScript(row["id"], row["name"], row["script"], checklist(db, row["id"]))


def save_list_script(db: Database, list_id: int, script: str | None, items: list[str]) -> ListScript:
    """Store the talk script and the hearing checklist of a list together."""
    clean = [" ".join(item.split()) for item in items if item and item.strip()]
    if len(clean) > 50:
        raise ValidationError("ヒアリング項目は 50 件までにしてください。")
    with writing(db):
        set_list_script(db, list_id, script)
        settings.set_setting(db, settings.hearing_checklist_key(list_id), clean)
    found = get_list(db, list_id)
    return ListScript(found.id, found.name, found.script, tuple(clean))


def account_card(db: Database, company_id: int, preferred_list_id: int | None = None) -> AccountCard:
    """The company, its people, open plans, last touches, what was heard and the script to use."""
    rows = list(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))
    if not rows:
        raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
    company = from_row(Company, rows[0])
    contacts = tuple(from_row(Contact, row) for row in db.query(
        "SELECT * FROM contacts WHERE company_id = ? ORDER BY id", [company_id]))
    names: dict[int | None, str] = {contact.id: contact.name for contact in contacts}  # None: no contact
    plans = tuple(from_row(Plan, row) for row in db.query(
        "SELECT * FROM plans WHERE company_id = ? AND status = 'open' ORDER BY due, id", [company_id]))
    touches = tuple(
        TouchLine(touch, names.get(touch.contact_id))
        for touch in (from_row(Touch, row) for row in db.query(
            "SELECT * FROM touches WHERE company_id = ? ORDER BY at DESC, id DESC LIMIT ?",
            [company_id, LAST_TOUCHES]))
    )
    return AccountCard(company, contacts, plans, touches, _ask_for(contacts, plans, touches),
                       list_script(db, company_id, preferred_list_id), gather_hearing(db, company_id))
