"""Companies and their contacts: create, read, update, delete, with the derived keys kept in step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from models.accounts import normalize, text_fields
from models.accounts.entities import COMPANY_FIELDS, CONTACT_FIELDS, Company, Contact, from_row
from models.accounts.vocab import COMPANY_STATUS, CONTACT_ROLE, RANKS
from models.store.changes import (
    COMPANIES,
    CONTACTS,
    LIST_MEMBERS,
    MEETINGS,
    PLANS,
    TOUCHES,
    Changes,
    Counted,
)
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError
from models.store.lazy import lazy_import

if TYPE_CHECKING:
    from sqlite_utils import Database

# Scored when a company is written; the Targets page imports this module before any write.
scoring = lazy_import("models.accounts.scoring")

_COMPANY_FIELD_SET = frozenset(COMPANY_FIELDS)
_CONTACT_FIELD_SET = frozenset(CONTACT_FIELDS)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def clean_company_values(values: dict[str, Any]) -> dict[str, Any]:
    """Tidy user-given company fields for storage; raises ValidationError on values that cannot fit.

    Names and addresses stay as written; the reading becomes full-width katakana, the phone is
    written the Japanese way, the postal code as 123-4567. Control characters are removed and a value
    longer than its field's limit is refused (``text_fields.bound``).
    """
    clean = {key: _blank_to_none(value) for key, value in values.items()}
    text_fields.bound(text_fields.COMPANIES, clean)
    return clean_blanked_company_values(clean)


def clean_blanked_company_values(clean: dict[str, Any]) -> dict[str, Any]:
    """``clean_company_values`` in place, for values whose text is already stripped, blanks as None
    (an import's cells): the same checks and messages, without copying the dict once more per row.
    """
    unknown = clean.keys() - _COMPANY_FIELD_SET
    if unknown:
        raise ValidationError(f"会社の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    if "name" in clean and not clean["name"]:
        raise ValidationError("会社名を入力してください。")
    if "name_kana" in clean:
        clean["name_kana"] = normalize.kana_reading(clean["name_kana"])
    if "phone" in clean:
        clean["phone"] = normalize.format_phone(clean["phone"])
    if "postal_code" in clean:
        clean["postal_code"] = normalize.postal_code(clean["postal_code"])
    if "prefecture" in clean:
        clean["prefecture"] = normalize.normalize_prefecture(clean["prefecture"])
    if "corporate_number" in clean and clean["corporate_number"] is not None:
        number = normalize.clean_corporate_number(clean["corporate_number"])
        if not normalize.corporate_number_valid(number):
            raise ValidationError(
                f"法人番号「{clean['corporate_number']}」が正しくありません（13桁・チェックディジットをご確認ください）。"
            )
        clean["corporate_number"] = number
    for key, low, high in (("employees", 0, 10_000_000), ("fiscal_year_end_month", 1, 12)):
        if clean.get(key) is not None:
            try:
                amount = int(normalize.nfkc(str(clean[key])).replace(",", "").rstrip("月人名"))
            except ValueError as error:
                raise ValidationError(f"「{clean[key]}」は数値として読めません。") from error
            if not low <= amount <= high:
                raise ValidationError(f"「{clean[key]}」は範囲外です（{low}〜{high}）。")
            clean[key] = amount
    if clean.get("rank") is not None:
        rank = normalize.nfkc(clean["rank"]).upper()
        if rank not in RANKS:
            raise ValidationError(f"ランクは A・B・C・D のいずれかです（「{clean['rank']}」）。")
        clean["rank"] = rank
    if "status" in clean and clean["status"] not in COMPANY_STATUS:
        raise ValidationError(f"不明なステータスです: {clean['status']}")
    return clean


def derived_keys(values: dict[str, Any]) -> dict[str, Any]:
    """The comparison keys of a complete company row (dedupe keys and the search text)."""
    get = values.get
    name, phone, address = get("name"), get("phone"), get("address")
    phone_key = normalize.phone_key(phone)  # once: the search text holds it too
    return {
        "name_key": normalize.name_key(name),
        "phone_key": phone_key,
        "address_key": normalize.address_key(address),
        "search_key": normalize.search_key(
            name, get("name_kana"), phone, phone_key, address, get("notes"), get("corporate_number"),
        ),
    }


def company_row(values: dict[str, Any]) -> dict[str, Any]:
    """A new row for the companies table from cleaned values (keys derived, uid and times stamped)."""
    row = {key: values.get(key) for key in COMPANY_FIELDS}
    row["status"] = row["status"] or "untouched"
    row.update(derived_keys(row))
    return stamp(row)


def create_company(db: Database, values: dict[str, Any]) -> Company:
    clean = clean_company_values(values)
    with writing(db):
        row = company_row(clean)
        row["score"] = scoring.Scorer.of(db)(row)
        company_id = inserted_id(db.table("companies").insert(row))
    return get_company(db, company_id)


def get_company(db: Database, company_id: int) -> Company:
    rows = list(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))
    if not rows:
        raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
    return from_row(Company, rows[0])


def update_company(db: Database, company_id: int, changes: dict[str, Any]) -> Company:
    """Change some fields of one company; keys are derived again from the whole row."""
    clean = clean_company_values(changes)
    with writing(db):
        current = get_company(db, company_id)
        merged = {key: getattr(current, key) for key in COMPANY_FIELDS} | clean
        values = clean | derived_keys(merged) | {"updated_at": now_iso()}
        if clean.keys() & set(scoring.SCORED_FIELDS):
            values["score"] = scoring.Scorer.of(db)(merged)
        db.table("companies").update(company_id, values)
    return get_company(db, company_id)


def set_field_bulk(db: Database, company_ids: Iterable[int], field: str, value: Any) -> Counted:
    """Set one field (rank or status) on many companies in one transaction; returns how many."""
    if field not in ("rank", "status"):
        raise ValidationError(f"一括変更できない項目です: {field}")
    clean = clean_company_values({field: value})
    ids = list(company_ids)
    with writing(db):
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(
                f"UPDATE companies SET {field} = ?, updated_at = ? WHERE id IN ({marks})",
                [clean[field], now_iso(), *chunk],
            )
    return Counted(len(ids), Changes.of(COMPANIES))


# Deleting a company deletes what hangs on it (ON DELETE CASCADE).
COMPANIES_DELETED = Changes.of(COMPANIES, CONTACTS, LIST_MEMBERS, TOUCHES, PLANS, MEETINGS)


def delete_companies(db: Database, company_ids: Iterable[int]) -> Counted:
    ids = list(company_ids)
    with writing(db):
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            db.execute(f"DELETE FROM companies WHERE id IN ({','.join('?' * len(chunk))})", chunk)
    return Counted(len(ids), COMPANIES_DELETED)


def clean_contact_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = values.keys() - _CONTACT_FIELD_SET
    if unknown:
        raise ValidationError(f"担当者の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    clean = {key: _blank_to_none(value) for key, value in values.items()}
    text_fields.bound(text_fields.CONTACTS, clean)
    if "name" in clean and not clean["name"]:
        raise ValidationError("担当者名を入力してください。")
    if "name_kana" in clean:
        clean["name_kana"] = normalize.kana_reading(clean["name_kana"])
    for key in ("phone", "mobile"):
        if key in clean:
            clean[key] = normalize.format_phone(clean[key])
    if "role" in clean:
        clean["role"] = clean["role"] or "other"
        if clean["role"] not in CONTACT_ROLE:
            raise ValidationError(f"不明な役割です: {clean['role']}")
    return clean


def list_contacts(db: Database, company_id: int) -> list[Contact]:
    rows = db.query("SELECT * FROM contacts WHERE company_id = ? ORDER BY id", [company_id])
    return [from_row(Contact, row) for row in rows]


def get_contact(db: Database, contact_id: int) -> Contact:
    rows = list(db.query("SELECT * FROM contacts WHERE id = ?", [contact_id]))
    if not rows:
        raise NotFound(f"担当者（ID {contact_id}）が見つかりません。")
    return from_row(Contact, rows[0])


def create_contact(db: Database, company_id: int, values: dict[str, Any]) -> Contact:
    clean = clean_contact_values(values)
    if not clean.get("name"):
        raise ValidationError("担当者名を入力してください。")
    with writing(db):
        get_company(db, company_id)
        contact_id = inserted_id(db.table("contacts").insert(stamp({"company_id": company_id, **clean})))
    return get_contact(db, contact_id)


def update_contact(db: Database, contact_id: int, changes: dict[str, Any]) -> Contact:
    clean = clean_contact_values(changes)
    with writing(db):
        get_contact(db, contact_id)
        db.table("contacts").update(contact_id, clean | {"updated_at": now_iso()})
    return get_contact(db, contact_id)


def delete_contact(db: Database, contact_id: int) -> Changes:
    with writing(db):
        db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
    return Changes.of(CONTACTS)
