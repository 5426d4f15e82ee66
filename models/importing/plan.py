"""The plan pass of an import: clean every row and deduplicate it, in memory, before anything is written.

Rows are cleaned with the rules a company typed in by hand follows (``models.accounts.companies``). Dedupe
(DESIGN.md): same 法人番号; else same phone; else same name at the same address. Two records are never
merged when their 法人番号 differ, or when both their names and their addresses differ (branches of one
company sharing a number or a switchboard stay separate targets). A match only fills the fields the
company has empty (counted "updated"; with nothing new, "duplicate"). The database's keys are loaded once
into dictionaries; the few database companies a chunk of rows may match are fetched in a few queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from models.accounts import normalize, text_fields
from models.accounts.companies import (
    clean_blanked_company_values,
    clean_company_values,
    clean_contact_values,
    derived_keys,
)
from models.accounts.text_fields import SHORTEST_LIMIT, find_unwanted
from models.importing.limits import ImportCancelled, Progress
from models.importing.mapping import REPEATABLE
from models.importing.tabular import SourceTable
from models.store.errors import ValidationError

# Company columns an import may fill, and the contact columns the contact_* fields go to.
COMPANY_COLUMNS = (
    "name", "name_kana", "corporate_number", "phone", "prefecture", "address", "postal_code", "industry",
    "employees", "fiscal_year_end_month", "website", "notes",
)
CONTACT_COLUMNS = {
    "contact_name": "name", "contact_kana": "name_kana", "contact_department": "department",
    "contact_title": "title", "contact_phone": "phone", "contact_email": "email",
}
_UNNAMED_CONTACT = "ご担当者"
# Fields whose values repeat down a list: each distinct value is cleaned once per import.
_REPEATED_VALUES = ("industry", "employees", "fiscal_year_end_month")
_CHUNK = 2000
_MONTH_RE = re.compile(r"^(?:\d{4}\s*[年/\-.]\s*)?(\d{1,2})\s*月?\s*(?:期|決算|末|末日)?$")
_COUNT_RE = re.compile(r"^約?(-?\d+)(?:人|名)?(?:以上|程度|前後|超)?$")


@dataclass(frozen=True)
class Reject:
    line: int
    reason: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class _Invalid:
    reason: str


class BadCorporateNumber(ValidationError):
    """A 法人番号 that is not 13 digits or whose check digit does not match (the row is rejected)."""


# Why a row was taken for a company already in the database or earlier in the file (dedupe's order).
MATCH_KEYS = {"corporate_number": "法人番号が同じ", "phone": "電話番号が同じ",
              "name_address": "会社名と住所が同じ"}


@dataclass(frozen=True)
class DuplicateMatch:
    """A row of the file that matched a company: which, and on which key.

    ``company_id`` is the database company it matched, None when it matched a company an earlier row of
    the same file created (``matched_line``). ``outcome`` is 'updated' when the row filled empty fields.
    """

    line: int
    company_name: str
    key: str
    outcome: str
    company_id: int | None = None
    matched_line: int | None = None

    @property
    def reason(self) -> str:
        return MATCH_KEYS[self.key]


class PlannedCompany:
    """A company as the plan sees it: a row of the database, or one this import will create."""

    __slots__ = ("after", "before", "contact_keys", "contacts", "dirty", "id", "keys", "line", "listed",
                 "planned_id", "values", "written")

    def __init__(self, values: dict[str, Any], keys: dict[str, Any], company_id: int | None = None,
                 contact_keys: Iterable[str] = ()):
        self.id = company_id
        self.values = values
        self.keys = keys
        self.before: dict[str, Any] = {}  # for an existing company: the fields the import fills, as they were
        self.after: dict[str, Any] = {}
        self.contacts: list[dict[str, Any]] = []
        self.contact_keys = set(contact_keys)
        self.listed = False
        self.written = False  # a new company already handed to the writer (models.importing.write)
        self.planned_id: int | None = None  # ... and the id it was written with
        self.dirty = False  # ... whose values a later row filled in: its row is written again
        self.line: int | None = None  # a new company: the line of the file that made it

    @property
    def new(self) -> bool:
        return self.id is None


@dataclass
class Plan:
    created: list[PlannedCompany] = field(default_factory=list)
    updated: list[PlannedCompany] = field(default_factory=list)  # existing companies that gained values
    members: list[PlannedCompany] = field(default_factory=list)  # every company of the file, in file order
    counts: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "duplicates": 0})
    rejects: list[Reject] = field(default_factory=list)
    cut: int = 0  # values longer than their field's limit, cut with … (text_fields.bound)
    matches: list[DuplicateMatch] = field(default_factory=list)  # rows taken for a company, and why
    # What makes a row uncallable: no phone, a phone that is not a phone number (both among the rows
    # imported), a 法人番号 that is not one (rows rejected).
    uncallable: dict[str, int] = field(
        default_factory=lambda: {"no_phone": 0, "bad_phone": 0, "bad_corporate_number": 0})


class Planner:
    """Cleans and deduplicates the rows in memory: indexes of the database's keys are loaded once."""

    def __init__(self, db: Database, table: SourceTable, mapping: Sequence[str | None]):
        self.db = db
        self.table = table
        self.columns: dict[str, list[int]] = {}
        for index, name in enumerate(mapping):
            if name is not None and index < table.width:
                self.columns.setdefault(name, []).append(index)
        self.by_number: dict[str, list] = {}
        self.by_phone: dict[str, list] = {}
        self.by_name_address: dict[tuple[str, str], list] = {}
        self.existing: dict[int, PlannedCompany] = {}  # database companies a row may match, fetched per chunk
        self.company_fields = [name for name in COMPANY_COLUMNS if name in self.columns]
        self.memo: dict[tuple[str, str], Any] = {}
        self.prefectures: dict[str, str | None] = {}
        self.plan = Plan()
        self.single = {name: indexes[0] for name, indexes in self.columns.items() if len(indexes) == 1}
        self.joins_columns = len(self.single) < len(self.columns)  # a field of several columns joined
        # (field, its one column or None when several): _cell's fast path, decided once, not per row
        self.company_cells = [(name, self.single.get(name)) for name in self.company_fields]
        self.contact_cells = [
            (column, name, self.single.get(name)) for name, column in CONTACT_COLUMNS.items()
            if name in self.columns
        ]
        self._load_index(db)

    def _load_index(self, db: Database) -> None:
        by_number, by_phone, by_name_address = self.by_number, self.by_phone, self.by_name_address
        query = "SELECT id, corporate_number, phone_key, name_key, address_key FROM companies"
        for company_id, number, phone, name, address in db.execute(query):  # as _index, inlined: 100,000s
            if number:
                by_number.setdefault(number, []).append(company_id)
            if phone:
                by_phone.setdefault(phone, []).append(company_id)
            if name:
                by_name_address.setdefault((name, address or ""), []).append(company_id)

    def _index(
        self, ref: int | PlannedCompany, number: str | None, phone: str | None, name: str, address: str
    ) -> None:
        if number:
            self.by_number.setdefault(number, []).append(ref)
        if phone:
            self.by_phone.setdefault(phone, []).append(ref)
        if name:
            self.by_name_address.setdefault((name, address), []).append(ref)

    def run(self, progress: Progress | None = None, total: int = 0) -> Plan:
        for done in self.chunks():
            if progress is not None and progress(done, total) is False:
                raise ImportCancelled()
        return self.plan

    def chunks(self) -> Iterator[int]:
        """Plan the rows a chunk at a time; after each, yield how many rows are planned."""
        rows = self.table.rows
        for start in range(0, len(rows), _CHUNK):
            prepared = []
            for index in range(start, min(start + _CHUNK, len(rows))):
                try:
                    prepared.append((*self._prepare(rows[index]), index))
                except ValidationError as error:
                    reject = Reject(self.table.line_of(index), str(error), tuple(rows[index]))
                    self.plan.rejects.append(reject)
                    if isinstance(error, BadCorporateNumber):
                        self.plan.uncallable["bad_corporate_number"] += 1
            self._fetch_candidates(prepared)
            for values, keys, contact, index in prepared:
                self._place(values, keys, contact, self.table.line_of(index))
            yield min(start + _CHUNK, len(rows))

    def _cell(self, row: list[str], name: str) -> str | None:
        index = self.single.get(name)
        if index is not None:  # one column: its text, as the general case below gives it
            return row[index].strip() or None
        parts = [row[i].strip() for i in self.columns.get(name, ()) if row[i].strip()]
        if not parts:
            return None
        if name == "address":
            return join_address(parts)
        return " / ".join(parts) if name in REPEATABLE else parts[0]

    def _prepare(self, row: list[str]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
        """The cleaned company values, their keys and the contact of one row; ValidationError = reject."""
        cell = self._cell
        values = {
            name: (row[index].strip() or None) if index is not None else cell(row, name)
            for name, index in self.company_cells
        }
        # Control characters out and over-long values cut (counted); a row of short, plain cells (nearly
        # every row) is let through on one look at it.
        careful = (self.joins_columns or (row and max(map(len, row)) > SHORTEST_LIMIT)
                   or find_unwanted("".join(row)) is not None)
        if careful:
            self.plan.cut += text_fields.bound(text_fields.COMPANIES, values, cut_long=True)
        if not values.get("name"):
            raise ValidationError("会社名が空です。")
        address = values.get("address")
        if values.get("prefecture"):
            prefecture = self._clean_repeated("prefecture", values.pop("prefecture"))
            if address and prefecture in normalize.PREFECTURES and not self._prefecture_of(address):
                values["address"] = prefecture + address  # the shown address reads whole, prefecture first
        else:
            prefecture = self._prefecture_of(address) if address else None
        corporate_number = values.get("corporate_number")
        if corporate_number:
            check_corporate_number(corporate_number)
        repeated = {
            name: self._clean_repeated(name, values.pop(name)) for name in _REPEATED_VALUES if name in values
        }
        company = clean_blanked_company_values(values)  # cells come stripped, blanks None: cleaned in place
        company.update(repeated)
        company["prefecture"] = prefecture
        if not self.contact_cells:
            return company, derived_keys(company), None
        contact = {
            column: (row[index].strip() or None) if index is not None else cell(row, name)
            for column, name, index in self.contact_cells
        }
        if careful:
            self.plan.cut += text_fields.bound(text_fields.CONTACTS, contact, cut_long=True)
        if any(contact.values()):
            contact["name"] = contact.get("name") or _UNNAMED_CONTACT
            return company, derived_keys(company), clean_contact_values(contact)
        return company, derived_keys(company), None

    def _clean_repeated(self, name: str, raw: str | None) -> Any:
        """Clean a field whose values repeat down a list (業種, 都道府県 …) once per distinct value."""
        if raw is None:
            return None
        key = (name, raw)
        cleaned = self.memo.get(key, self.memo)
        if cleaned is self.memo:
            try:
                value: str | int = raw
                if name == "employees":
                    value = _count(raw)
                elif name == "fiscal_year_end_month":
                    value = _month(raw)
                cleaned = clean_company_values({name: value})[name]
            except ValidationError as error:
                cleaned = _Invalid(str(error))
            if len(self.memo) < 200_000:
                self.memo[key] = cleaned
        if isinstance(cleaned, _Invalid):
            raise ValidationError(cleaned.reason)
        return cleaned

    def _prefecture_of(self, address: str) -> str | None:
        head = address[:4]  # every prefecture name has at most four characters
        if head not in self.prefectures:
            self.prefectures[head] = normalize.split_prefecture(head)
        return self.prefectures[head]

    def _candidates(self, values: dict[str, Any], keys: dict[str, Any]) -> list[int | PlannedCompany]:
        """Who a row may be: same 法人番号, then same phone, then same name at the same address."""
        return [ref for ref, _key in self._keyed_candidates(values, keys)]

    def _keyed_candidates(self, values: dict[str, Any], keys: dict[str, Any]) -> list[tuple[Any, str]]:
        """``_candidates`` each with the key it shares with the row (a ``MATCH_KEYS`` key)."""
        found: list[tuple[Any, str]] = []
        refs = self.by_number.get(values.get("corporate_number") or "")
        if refs:
            found += [(ref, "corporate_number") for ref in refs]
        refs = self.by_phone.get(keys["phone_key"] or "")
        if refs:
            found += [(ref, "phone") for ref in refs]
        name = keys["name_key"]
        if name:
            refs = self.by_name_address.get((name, keys["address_key"]))
            if refs:
                found += [(ref, "name_address") for ref in refs]
        return found

    def _fetch_candidates(self, prepared: list) -> None:
        """Load, in a few queries, the database companies this chunk's rows may match."""
        wanted = sorted({
            ref for values, keys, _contact, _index in prepared for ref in self._candidates(values, keys)
            if isinstance(ref, int) and ref not in self.existing
        })
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            contacts: dict[int, set[str]] = {}
            for company_id, name in self.db.execute(
                f"SELECT company_id, name FROM contacts WHERE company_id IN ({marks})", chunk
            ):
                contacts.setdefault(company_id, set()).add(normalize.search_text(name))
            cursor = self.db.execute(
                f"SELECT id, {', '.join(COMPANY_COLUMNS)} FROM companies WHERE id IN ({marks})", chunk
            )
            for company_id, *row in cursor:
                values = dict(zip(COMPANY_COLUMNS, row, strict=True))
                self.existing[company_id] = PlannedCompany(
                    values, derived_keys(values), company_id, contacts.get(company_id, ())
                )

    def _match(self, values: dict[str, Any], keys: dict[str, Any]) -> tuple[PlannedCompany | None, str]:
        """The company the row is, with the key they share (dedupe's order); (None, "") for a new one."""
        for ref, key in self._keyed_candidates(values, keys):
            candidate = self.existing[ref] if isinstance(ref, int) else ref
            if not _distinct(values, keys, candidate):
                return candidate, key
        return None, ""

    def _place(self, values: dict[str, Any], keys: dict[str, Any], contact: dict[str, Any] | None,
               line: int | None = None) -> None:
        if not values.get("phone"):
            self.plan.uncallable["no_phone"] += 1
        elif not keys["phone_key"]:
            self.plan.uncallable["bad_phone"] += 1
        target, key = self._match(values, keys)
        if target is None:
            target = PlannedCompany(values, keys)
            target.line = line
            self.plan.created.append(target)
            self._index(target, values.get("corporate_number"), *_key_tuple(keys))
            outcome = "created"
        else:
            name = target.values.get("name") or ""  # as it was matched, before this row fills it in
            outcome = "updated" if self._fill_blanks(target, values) else "duplicates"
        if contact is not None:
            contact_key = normalize.search_text(contact["name"])
            if contact_key not in target.contact_keys:
                target.contact_keys.add(contact_key)
                target.contacts.append(contact)
                outcome = "updated" if outcome == "duplicates" else outcome
        self.plan.counts[outcome] += 1
        if outcome != "created" and line is not None:
            self.plan.matches.append(DuplicateMatch(line, name, key, outcome, target.id,
                                                    None if target.id is not None else target.line))
        if not target.listed:
            target.listed = True
            self.plan.members.append(target)

    def _fill_blanks(self, target: PlannedCompany, values: dict[str, Any]) -> bool:
        """Give ``target`` the row's values for the fields it has empty; True when any was given."""
        new = {
            name: value for name, value in values.items()
            if value is not None and target.values.get(name) in (None, "")
        }
        if not new:
            return False
        if target.written:
            target.dirty = True
        if not target.new:
            if not target.after:
                self.plan.updated.append(target)
            for name in new:
                target.before.setdefault(name, target.values.get(name))
            target.after.update(new)
        target.values.update(new)
        target.keys = derived_keys(target.values)
        ref = target if target.id is None else target.id  # a new company is known by itself until written
        self._index(ref, new.get("corporate_number"), *_key_tuple(target.keys))
        return True


def _key_tuple(keys: dict[str, Any]) -> tuple[str | None, str, str]:
    return keys["phone_key"], keys["name_key"], keys["address_key"]


def _distinct(values: dict[str, Any], keys: dict[str, Any], candidate: PlannedCompany) -> bool:
    """True when a key matched but the two are different targets (another 法人番号, or a branch)."""
    number, other_number = values.get("corporate_number"), candidate.values.get("corporate_number")
    if number and other_number and number != other_number:
        return True
    name, other_name = keys["name_key"], candidate.keys["name_key"]
    address, other_address = keys["address_key"], candidate.keys["address_key"]
    return bool(name and other_name and name != other_name and address and other_address
                and address != other_address)


def join_address(parts: Sequence[str]) -> str:
    """Address parts joined as one address: Japanese parts run together, Latin words get a space."""
    joined = parts[0]
    for part in parts[1:]:
        left, right = normalize.nfkc(joined[-1]), normalize.nfkc(part[0])
        space = left.isascii() and right.isascii() and left.isalnum() and right.isalnum()
        joined += (" " if space else "") + part
    return joined


def check_corporate_number(text: str) -> None:
    """Raise ValidationError with the reason when ``text`` is not a valid 法人番号."""
    number = normalize.clean_corporate_number(text) or ""
    if not (number.isdigit() and len(number) == 13):
        raise BadCorporateNumber(f"法人番号「{text}」は13桁の数字ではありません。")
    if not normalize.corporate_number_valid(number):
        raise BadCorporateNumber(f"法人番号「{text}」のチェックディジットが一致しません。")


def _count(text: str) -> int:
    match = _COUNT_RE.match(normalize.nfkc(text).replace(",", "").replace(" ", ""))
    if not match:
        raise ValidationError(f"従業員数「{text}」を人数として読めません。")
    number = int(match.group(1))
    if not 0 <= number <= 10_000_000:
        raise ValidationError(f"従業員数「{text}」はありえない値です。")
    return number


def _month(text: str) -> int:
    match = _MONTH_RE.match(normalize.nfkc(text).strip())
    if not match:
        raise ValidationError(f"決算月「{text}」を月として読めません。")
    month = int(match.group(1))
    if not 1 <= month <= 12:
        raise ValidationError(f"決算月「{text}」は1〜12月の範囲にありません。")
    return month
