"""Frozen dataclasses: what ``models/`` functions take and return. Rows map to them by column name.

Each names, as ``changes``, the tables a write that returns one has changed (``models.store.changes``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from models.store.changes import (
    CADENCE_STEPS,
    CADENCES,
    COMPANIES,
    CONTACTS,
    MEETING_ATTENDEES,
    MEETINGS,
    PLANS,
    RELATIONSHIPS,
    TARGET_LISTS,
    TOUCHES,
    Changes,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build ``cls`` from a database row, ignoring columns the dataclass does not name."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(frozen=True)
class Company:
    changes: ClassVar[Changes] = Changes.of(COMPANIES)  # what a write returning one changed

    id: int
    uid: str
    name: str
    name_kana: str | None = None
    corporate_number: str | None = None
    industry: str | None = None
    business_domain: str | None = None
    prefecture: str | None = None
    address: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    website: str | None = None
    employees: int | None = None
    fiscal_year_end_month: int | None = None
    rank: str | None = None
    score: float = 0.0
    status: str = "untouched"
    notes: str | None = None
    last_touch_at: str | None = None
    created_at: str = ""
    updated_at: str = ""


# The company fields a person (or an import) may set; the rest are derived or kept by the store.
COMPANY_FIELDS = (
    "name", "name_kana", "corporate_number", "industry", "business_domain", "prefecture", "address",
    "postal_code", "phone", "website", "employees", "fiscal_year_end_month", "rank", "status", "notes",
)


@dataclass(frozen=True)
class Contact:
    changes: ClassVar[Changes] = Changes.of(CONTACTS)  # what a write returning one changed

    id: int
    uid: str
    company_id: int
    name: str
    name_kana: str | None = None
    department: str | None = None
    title: str | None = None
    role: str = "other"
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    best_time: str | None = None
    notes: str | None = None
    map_x: float | None = None
    map_y: float | None = None
    employment: str = "active"
    employment_changed_on: str | None = None
    successor_id: int | None = None
    created_at: str = ""
    updated_at: str = ""


CONTACT_FIELDS = (
    "name", "name_kana", "department", "title", "role", "phone", "mobile", "email", "best_time", "notes",
    "map_x", "map_y", "employment", "employment_changed_on", "successor_id",
)


@dataclass(frozen=True)
class Relationship:
    changes: ClassVar[Changes] = Changes.of(RELATIONSHIPS)  # what a write returning one changed

    id: int
    uid: str
    company_id: int
    from_contact_id: int
    to_contact_id: int
    kind: str
    note: str | None = None
    as_of: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class TargetList:
    changes: ClassVar[Changes] = Changes.of(TARGET_LISTS)  # what a write returning one changed

    id: int
    uid: str
    name: str
    description: str | None = None
    script: str | None = None
    archived: int = 0
    member_count: int = 0


@dataclass(frozen=True)
class Touch:
    changes: ClassVar[Changes] = Changes.of(TOUCHES)  # what a write returning one changed

    id: int
    uid: str
    company_id: int
    at: str
    kind: str = "call"
    contact_id: int | None = None
    duration_s: int | None = None
    outcome: str | None = None
    reached_decision_maker: int = 0
    note: str | None = None
    hearing_issue: str | None = None
    hearing_current: str | None = None
    hearing_budget: str | None = None
    hearing_timing: str | None = None
    hearing_decision_maker: str | None = None
    hearing_competitor: str | None = None
    caller: str | None = None
    session_uid: str | None = None


@dataclass(frozen=True)
class Plan:
    changes: ClassVar[Changes] = Changes.of(PLANS)  # what a write returning one changed

    id: int
    uid: str
    company_id: int
    due: str
    kind: str = "call"
    contact_id: int | None = None
    hypothesis: str | None = None
    hypothesis_template: str | None = None
    hypothesis_result: str | None = None
    source: str = "manual"
    cadence_id: int | None = None
    cadence_step_id: int | None = None
    status: str = "open"
    done_touch_id: int | None = None
    done_at: str | None = None
    skip_reason: str | None = None
    caller: str | None = None  # who made it (None on plans made before migration 9)


@dataclass(frozen=True)
class Cadence:
    changes: ClassVar[Changes] = Changes.of(CADENCES)  # what a write returning one changed

    id: int
    uid: str
    name: str
    description: str | None = None
    stop_on_appointment: int = 1
    stop_on_do_not_call: int = 1
    stop_on_reply: int = 0


@dataclass(frozen=True)
class CadenceStep:
    changes: ClassVar[Changes] = Changes.of(CADENCE_STEPS)  # what a write returning one changed

    id: int
    uid: str
    cadence_id: int
    position: int
    offset_amount: int
    offset_unit: str
    kind: str = "call"
    hypothesis: str | None = None


@dataclass(frozen=True)
class Meeting:
    changes: ClassVar[Changes] = Changes.of(MEETINGS, MEETING_ATTENDEES)  # what a write returning one changed

    id: int
    uid: str
    company_id: int
    starts_at: str
    duration_min: int = 60
    touch_id: int | None = None
    place: str | None = None
    online_url: str | None = None
    field_rep: str | None = None
    caller: str | None = None
    purpose: str | None = None
    notes_needs: str | None = None
    notes_current: str | None = None
    notes_expectations: str | None = None
    notes_concerns: str | None = None
    notes_personality: str | None = None
    notes_budget: str | None = None
    notes_timing: str | None = None
    notes_decision_process: str | None = None
    notes_competitors: str | None = None
    notes_unknowns: str | None = None
    questions: str | None = None
    cautions: str | None = None
    status: str = "scheduled"
    outcome: str | None = None
    outcome_reason: str | None = None
    outcome_note: str | None = None
    next_step: str | None = None
    brief_difference: str | None = None
    feedback_at: str | None = None
    order_amount: int | None = None  # 受注額 in yen (migration 10)
    expected_amount: int | None = None  # 見込み額 in yen


@dataclass(frozen=True)
class ImportBatch:
    id: int
    uid: str
    file_name: str
    list_id: int | None = None
    encoding: str | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    undone_at: str | None = None
    created_at: str = ""
