"""Call sessions that survive a crash: the ordered accounts, the position, and a uid on every touch.

The open session lives in settings (key ``call_session``) and is saved on every step, so reopening
Kakeru resumes where the caller was. Logging an outcome and stepping on are two commits; should the
app die between them, ``resume_session`` steps past the account already logged in this session.
The summary is counted from the touches carrying the session uid, so an undone outcome drops out.

What the caller has typed for the current account and not saved yet is kept in the session too
(``keep_draft``, as they type): a crash or a closed window does not lose it, and stepping on — in the
transaction that logs the outcome — forgets it. A session that was ended, or that reached its last
account, is not resumed: only an interrupted one is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.vocab import connect_sql
from models.store import settings
from models.store.changes import SETTINGS, Changes
from models.store.db import new_uid, now_iso, writing
from models.store.errors import ValidationError


@dataclass(frozen=True)
class Draft:
    """The call form of one account as typed and not saved yet, in JSON-ready values.

    ``due`` is "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (the next touch); ``meeting`` the meeting form's values
    for an appointment; ``saved_at`` when it was kept.
    """

    company_id: int
    outcome: str | None = None
    note: str = ""
    contact_id: int | None = None
    reached_decision_maker: bool = False
    hearing: dict[str, str] = field(default_factory=dict)
    due: str | None = None
    hypothesis: str = ""
    meeting: dict[str, Any] | None = None
    duration_s: int | None = None
    saved_at: str = ""

    @property
    def empty(self) -> bool:
        """Nothing worth keeping: no outcome, note, hearing or meeting (a proposal alone is not typed)."""
        return not (self.outcome or self.note.strip() or any(v.strip() for v in self.hearing.values())
                    or self.meeting)

    def to_json(self) -> dict[str, Any]:
        return {"company_id": self.company_id, "outcome": self.outcome, "note": self.note,
                "contact_id": self.contact_id, "reached_decision_maker": self.reached_decision_maker,
                "hearing": dict(self.hearing), "due": self.due, "hypothesis": self.hypothesis,
                "meeting": self.meeting, "duration_s": self.duration_s, "saved_at": self.saved_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        def optional_int(value: Any) -> int | None:
            return None if value is None else int(value)

        meeting = data.get("meeting")
        return cls(company_id=int(data["company_id"]), outcome=data.get("outcome") or None,
                   note=str(data.get("note") or ""), contact_id=optional_int(data.get("contact_id")),
                   reached_decision_maker=bool(data.get("reached_decision_maker")),
                   hearing={str(k): str(v) for k, v in (data.get("hearing") or {}).items()},
                   due=data.get("due") or None, hypothesis=str(data.get("hypothesis") or ""),
                   meeting=dict(meeting) if isinstance(meeting, dict) else None,
                   duration_s=optional_int(data.get("duration_s")), saved_at=str(data.get("saved_at") or ""))


@dataclass(frozen=True)
class SessionState:
    """An open call session; ``draft`` is what was typed for the current account and not saved."""

    changes: ClassVar[Changes] = Changes.of(SETTINGS)  # where a session is kept

    uid: str
    company_ids: tuple[int, ...]
    position: int = 0
    skipped: tuple[int, ...] = ()
    started_at: str = ""
    draft: Draft | None = None

    @property
    def current_company_id(self) -> int | None:
        return self.company_ids[self.position] if self.position < len(self.company_ids) else None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.company_ids)

    @property
    def remaining(self) -> int:
        return max(0, len(self.company_ids) - self.position)

    def to_json(self) -> dict[str, Any]:
        data = {"uid": self.uid, "company_ids": list(self.company_ids), "position": self.position,
                "skipped": list(self.skipped), "started_at": self.started_at}
        if self.draft is not None:
            data["draft"] = self.draft.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionState:
        ids = tuple(int(company_id) for company_id in data["company_ids"])
        position = min(max(0, int(data["position"])), len(ids))
        state = cls(uid=str(data["uid"]), company_ids=ids, position=position,
                    skipped=tuple(int(c) for c in data.get("skipped") or ()),
                    started_at=str(data.get("started_at") or ""))
        try:
            draft = Draft.from_json(data["draft"]) if data.get("draft") else None
        except (KeyError, TypeError, ValueError, AttributeError):
            draft = None  # an unreadable draft is dropped; the session itself still resumes
        # A draft belongs to the account it was typed for; any other is stale.
        if draft is not None and draft.company_id == state.current_company_id:
            state = replace(state, draft=draft)
        return state


@dataclass(frozen=True)
class SessionSummary:
    """What a session achieved, counted from its touches."""

    changes: ClassVar[Changes] = Changes.of(SETTINGS)  # ``end_session`` forgets the session

    session_uid: str
    started_at: str
    ended_at: str
    accounts: int
    calls: int
    connects: int
    decision_maker_reaches: int
    appointments: int
    talk_time_s: int
    skipped: int


def _save(db: Database, state: SessionState) -> SessionState:
    settings.set_setting(db, settings.CALL_SESSION, state.to_json())
    return state


def _stored(db: Database) -> SessionState | None:
    data = settings.get_setting(db, settings.CALL_SESSION)
    if not data:
        return None
    try:
        return SessionState.from_json(data)
    except (KeyError, TypeError, ValueError):
        return None  # an unreadable session is no session; the caller starts a new one


def _logged_here(db: Database, state: SessionState, company_id: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM touches WHERE company_id = ? AND session_uid = ? LIMIT 1", [company_id, state.uid]
    ).fetchone()
    return row is not None


def start_session(db: Database, company_ids: list[int], *, now: str | None = None) -> SessionState:
    """Start a session over ``company_ids`` in that order (duplicates dropped), replacing any open one."""
    ids = tuple(dict.fromkeys(int(company_id) for company_id in company_ids))
    if not ids:
        raise ValidationError("架電する会社がありません。リストや絞り込みの条件をご確認ください。")
    return _save(db, SessionState(uid=new_uid(), company_ids=ids, started_at=now or now_iso()))


def current_session(db: Database) -> SessionState | None:
    """The open session as saved, or None."""
    return _stored(db)


def resume_session(db: Database) -> SessionState | None:
    """The interrupted session on reopening, stepped past accounts already logged in it, or None.

    Use when the app starts: an outcome saved just before a crash must not be called twice, and a
    session that reached its last account is over (it is forgotten, not shown again). The draft of the
    account it stops on comes back with it.
    """
    state = _stored(db)
    if state is None:
        return None
    moved = state
    while (company_id := moved.current_company_id) is not None and _logged_here(db, moved, company_id):
        moved = replace(moved, position=moved.position + 1, draft=None)
    if moved.finished:
        settings.delete_setting(db, settings.CALL_SESSION)
        return None
    return _save(db, moved) if moved != state else state


def _require(db: Database) -> SessionState:
    state = _stored(db)
    if state is None:
        raise ValidationError("進行中の架電セッションがありません。Today からセッションを開始してください。")
    return state


def advance(db: Database) -> SessionState:
    """Move to the next account (after an outcome was logged); the draft of the logged one goes."""
    state = _require(db)
    if state.finished:
        return state
    return _save(db, replace(state, position=state.position + 1, draft=None))


def skip(db: Database) -> SessionState:
    """Leave the current account without a call and move on."""
    state = _require(db)
    company_id = state.current_company_id
    if company_id is None:  # finished
        return state
    skipped = tuple(dict.fromkeys((*state.skipped, company_id)))
    return _save(db, replace(state, position=state.position + 1, skipped=skipped, draft=None))


def step_back(db: Database) -> SessionState:
    """Return to the previous account (after an undo); it no longer counts as skipped."""
    state = _require(db)
    if state.position == 0:
        return state
    position = state.position - 1
    company_id = state.company_ids[position]
    skipped = tuple(c for c in state.skipped if c != company_id)
    return _save(db, replace(state, position=position, skipped=skipped, draft=None))


def keep_draft(db: Database, draft: Draft, *, now: str | None = None) -> SessionState:
    """Keep what was typed for the current account (an empty draft forgets it) until it is saved.

    A draft for another account than the current one (typed just before stepping on) is ignored.
    """
    state = _require(db)
    if draft.company_id != state.current_company_id:
        return state
    kept = None if draft.empty else replace(draft, saved_at=now or now_iso())
    if kept is None and state.draft is None:
        return state
    return _save(db, replace(state, draft=kept))


def discard_draft(db: Database) -> SessionState:
    """Forget what was typed for the current account."""
    state = _require(db)
    return _save(db, replace(state, draft=None)) if state.draft is not None else state


def session_summary(db: Database, state: SessionState, *, now: str | None = None) -> SessionSummary:
    """The counts so far, from the touches logged with the session's uid (接続 as the KPIs count it)."""
    row = db.execute(
        f"""SELECT COUNT(*),
            COALESCE(SUM({connect_sql()}), 0),
            COALESCE(SUM(reached_decision_maker <> 0), 0),
            COALESCE(SUM(outcome = 'appointment'), 0),
            COALESCE(SUM(duration_s), 0)
        FROM touches WHERE session_uid = ? AND kind = 'call'""",
        [state.uid],
    ).fetchone()
    return SessionSummary(
        session_uid=state.uid, started_at=state.started_at, ended_at=now or now_iso(),
        accounts=len(state.company_ids), calls=row[0], connects=row[1], decision_maker_reaches=row[2],
        appointments=row[3], talk_time_s=row[4], skipped=len(state.skipped),
    )


def end_session(db: Database, *, now: str | None = None) -> SessionSummary:
    """Close the open session and return its summary."""
    with writing(db):
        state = _require(db)
        summary = session_summary(db, state, now=now)
        settings.delete_setting(db, settings.CALL_SESSION)
    return summary


def _duration_text(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}時間{minutes}分"
    if minutes:
        return f"{minutes}分{secs}秒"
    return f"{secs}秒"


def _clock_range(started_at: str, ended_at: str) -> str:
    try:
        start, end = datetime.fromisoformat(started_at), datetime.fromisoformat(ended_at)
    except ValueError:
        return ""
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end.month}/{end.day} {end:%H:%M}"
    return f"（{start.month}/{start.day} {start:%H:%M}〜{end_text}）"


def summary_text(summary: SessionSummary) -> str:
    """The summary as a few lines of Japanese to paste into the team chat."""
    rate = f"（接続率 {summary.connects / summary.calls:.0%}）" if summary.calls else ""
    return "\n".join((
        f"架電セッションのまとめ{_clock_range(summary.started_at, summary.ended_at)}",
        f"架電 {summary.calls}件 / 接続 {summary.connects}件{rate}",
        f"キーパーソン接触 {summary.decision_maker_reaches}件 / アポ獲得 {summary.appointments}件",
        f"通話時間 {_duration_text(summary.talk_time_s)} / スキップ {summary.skipped}件",
    ))
