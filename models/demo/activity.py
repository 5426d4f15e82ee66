"""The history of a demo account: touches, plans and meetings consistent with its status.

Part of the demo generator (``models/demo/builder.py``). Each status tells a story: an appointment account
ends with an アポ獲得 call and a meeting, a nurturing one with a ニーズなし call and a plan timed by a
hypothesis, a customer with a meeting won and follow-up calls. The meetings are ``meetings.MeetingHistory``,
the plans ``plans.PlanHistory``.
"""

from __future__ import annotations

import random

from models.demo import names, phrases
from models.demo.common import NO_HEARING, TZ, WEEKDAYS, Account, Calendar, Touch, Weighted
from models.demo.meetings import MeetingHistory
from models.demo.plans import PlanHistory
from models.demo.uids import Uids

# Calls whose outcome means someone talked with us.
TALKS = frozenset(("connected", "callback_requested", "info_sent", "appointment", "no_need"))
HEARING_OUTCOMES = frozenset(("connected", "appointment", "no_need"))
DONE_PLAN_SHARE = 0.2  # touches that fulfil a recorded plan (lead time is measured on these)
DAY_START = 9 * 3600  # touches fall between 9:00 and 18:30
DAY_SECONDS = int(9.5 * 3600)
TIMES = tuple(f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{TZ}"
              for s in range(DAY_START, DAY_START + DAY_SECONDS))

STATUSES = Weighted((("untouched", 42), ("in_progress", 24), ("nurturing", 20), ("appointment", 5),
                     ("customer", 3), ("disqualified", 4), ("do_not_call", 2)))
# Relative number of touches and mean business days between touches, by status.
TOUCH_WEIGHT = {"in_progress": 0.6, "nurturing": 1.3, "appointment": 1.2, "customer": 1.6,
                "disqualified": 0.35, "do_not_call": 0.45}
GAP = {"in_progress": 4, "nurturing": 8, "appointment": 5, "customer": 8, "disqualified": 5, "do_not_call": 5}
# token: (touch kind, outcome, note key)
TOKENS: dict[str, tuple[str, str | None, str]] = {outcome: ("call", outcome, outcome) for outcome in (
    "not_available", "gatekeeper_block", "connected", "callback_requested", "info_sent", "appointment",
    "no_need", "bad_number", "disqualified")}
TOKENS |= {"email": ("email", None, "email"), "letter": ("letter", None, "letter"),
           "do_not_call": ("call", "no_need", "do_not_call"), "follow_up": ("call", "connected", "follow_up")}
# What a call before the one that settles the status turns out to be.
ATTEMPTS = Weighted((("not_available", 44), ("gatekeeper_block", 18), ("connected", 11),
                     ("callback_requested", 9), ("info_sent", 6), ("no_need", 3), ("email", 7),
                     ("letter", 2)))
NURTURE_SPAN = 60  # business days back the last call of a nurtured account may lie
LOST_SHARE = 0.12  # nurturing accounts with four calls or more whose meeting was lost
FOLLOW_UPS = Weighted((("follow_up", 50), ("not_available", 30), ("email", 20)))
NURTURE_FINAL = Weighted((("no_need", 80), ("connected", 20)))
DURATIONS = {"not_available": (15, 60), "gatekeeper_block": (30, 150), "connected": (120, 900),
             "callback_requested": (40, 180), "info_sent": (90, 400), "appointment": (300, 1200),
             "no_need": (60, 300), "bad_number": (5, 20), "disqualified": (60, 300)}


# Column order of the tuples this module builds, per table (inserted in this order).
ACTIVITY_COLUMNS = {
    "touches": (
        "id", "uid", "created_at", "updated_at", "company_id", "contact_id", "kind", "at", "duration_s",
        "outcome", "reached_decision_maker", "note", "hearing_issue", "hearing_current", "hearing_budget",
        "hearing_timing", "hearing_decision_maker", "hearing_competitor", "caller",
    ),
    "plans": (
        "uid", "created_at", "updated_at", "company_id", "contact_id", "due", "kind", "hypothesis",
        "hypothesis_template", "hypothesis_result", "source", "status", "done_touch_id", "done_at",
        "skip_reason", "caller",
    ),
    "meetings": (
        "id", "uid", "created_at", "updated_at", "company_id", "touch_id", "starts_at", "duration_min",
        "place", "online_url", "field_rep", "caller", "purpose", "notes_needs", "notes_current",
        "notes_expectations",
        "notes_concerns", "notes_personality", "notes_budget", "notes_timing", "notes_decision_process",
        "notes_competitors", "notes_unknowns", "questions", "cautions", "status", "outcome", "outcome_reason",
        "outcome_note", "next_step", "brief_difference", "feedback_at",
    ),
    "meeting_attendees": ("uid", "created_at", "updated_at", "meeting_id", "contact_id", "note"),
}


class Activity(MeetingHistory, PlanHistory):
    """Generates touches, plans, meetings and attendees for one account at a time."""

    def __init__(self, rng: random.Random, calendar: Calendar, ids: dict[str, int],
                 touches_per_company: float, companies: int = 1, overdue: int = 0):
        """``companies`` accounts will be generated, ``overdue`` of them with a plan the caller is late on."""
        self.rng = rng
        self.uid = Uids(rng)
        self.calendar = calendar
        self.ids = ids
        shares = dict(zip(STATUSES.items, _shares(STATUSES), strict=True))
        expected = sum(shares[status] * weight for status, weight in TOUCH_WEIGHT.items())
        self.scale = touches_per_company / expected
        self.rows: dict[str, list[tuple]] = {table: [] for table in ACTIVITY_COLUMNS}
        self._init_plans(overdue, companies)
        self._init_recent()

    def take_rows(self) -> dict[str, list[tuple]]:
        rows, self.rows = self.rows, {table: [] for table in ACTIVITY_COLUMNS}
        return rows

    def _uid(self, table: str) -> str:
        return self.uid(table)

    def _next_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    # ── The story of an account ───────────────────────────────────────────────────────────────────

    def generate(self, account: Account) -> None:
        self.overdue_owed += self.overdue_rate
        status = account.status
        if status == "untouched":
            return
        rng = self.rng
        r, ri = rng.random, rng.randint
        count = max(1, round(self.scale * TOUCH_WEIGHT[status] * (0.4 + 1.2 * r())))
        gap = GAP[status]
        last = self.calendar.today - 1
        if status == "in_progress":
            # A well-run book: every account in progress has its next call.
            token, end, due, pick = self._in_progress_timing()
            touches = self._phase(account, count, end, gap, token)
            self._follow_up_plan(account, touches[-1], due, pick)
        elif status == "nurturing":
            if self.recent["lost"] or (count >= 4 and r() < LOST_SHARE):
                final = self._won_or_lost(account, count, gap, "lost")
            else:
                # The 「not now」 call: lately more often than not, as the book grows (see plans.py).
                end = last - int(NURTURE_SPAN * (1 - r() ** (1 / 3)))
                final = self._phase(account, count, end, gap, NURTURE_FINAL.pick(rng))[-1]
            if r() < 0.9:
                self._nurture_plan(account, final)
        elif status == "appointment":
            end = last - ri(0, 15)
            meeting = self._meeting_setup(account, end + ri(3, 12))
            touches = self._phase(account, count, end, gap, "appointment", meeting)
            self._meeting(account, touches[-1], meeting, None)
        elif status == "customer":
            self._won_or_lost(account, count, gap, "won")
        elif status == "disqualified":
            self._phase(account, count, last - ri(0, 200), gap, "disqualified" if r() < 0.7 else "bad_number")
        else:
            self._phase(account, count, last - ri(0, 200), gap, "do_not_call")

    def _won_or_lost(self, account: Account, count: int, gap: int, outcome: str) -> Touch:
        """Calls up to an appointment, the meeting (won or lost), then follow-ups; returns the last touch."""
        rng = self.rng
        ri = rng.randint
        calendar = self.calendar
        last = calendar.today - 1
        recent = self.recent[outcome]
        if recent:  # the periods a KPI review looks at first each get a meeting won and one lost
            meeting_day = ri(*recent.pop(0))
        else:
            meeting_day = last - (ri(0, 160) if outcome == "won" else ri(0, 150))
        appointment_day = max(calendar.window_start, meeting_day - ri(3, 10))
        end = max(meeting_day + 1, last - (ri(0, 20) if outcome == "won" else ri(3, 40)))
        # After the meeting about one call a week at most; the rest of the calls came before it.
        after = min(count - max(1, round(count * 0.55)), (end - meeting_day) // 5)
        meeting = self._meeting_setup(account, meeting_day)
        touches = self._phase(account, count - after, appointment_day, gap, "appointment", meeting)
        final = self._meeting(account, touches[-1], meeting, outcome)
        if after > 0:
            final = self._phase(account, after, end, gap, "follow_up" if outcome == "won" else "no_need",
                                floor=meeting_day + 1,
                                attempts=FOLLOW_UPS if outcome == "won" else ATTEMPTS)[-1]
        return final

    # ── Touches ───────────────────────────────────────────────────────────────────────────────────

    def _phase(self, account: Account, count: int, end: int, gap: int, final: str,
               meeting: dict | None = None, floor: int | None = None,
               attempts: Weighted = ATTEMPTS) -> list[Touch]:
        """``count`` touches on business days up to ``end``; the last has the ``final`` token."""
        r = self.rng.random
        floor = self.calendar.window_start if floor is None else floor
        end = max(end, floor)
        start = max(floor, end - round(count * gap * (0.6 + 0.8 * r())))
        width = end - start + 1
        slots = [(start + int(r() * width), int(r() * DAY_SECONDS)) for _ in range(count - 1)]
        slots.append((end, int(r() * DAY_SECONDS)))
        slots.sort()
        touches: list[Touch] = []
        pick = attempts.pick
        rng = self.rng
        for index, (day, seconds) in enumerate(slots):
            touch = self._touch(account, day, seconds, final if index == count - 1 else pick(rng), meeting)
            if touches and r() < DONE_PLAN_SHARE:
                self._past_plan(account, touches[-1], touch)
            touches.append(touch)
        return touches

    def _touch(self, account: Account, day: int, seconds: int, token: str, meeting: dict | None) -> Touch:
        r = self.rng.random
        kind, outcome, note_key = TOKENS[token]
        contacts = account.contacts
        contact = None
        if contacts:
            if outcome in TALKS:
                pool = account.talkers if account.talkers and r() < 0.8 else contacts
                contact = pool[int(r() * len(pool))]
            elif r() < 0.7:
                contact = contacts[int(r() * len(contacts))]
        note = None
        if note_key != "not_available" or r() < 0.7:
            templates = phrases.NOTES[note_key]
            note = templates[int(r() * len(templates))]
            if "{" in note:
                note = self._text(note, account, contact[2] if contact else "ご担当者様", meeting)
        duration = None
        if kind == "call" and outcome is not None:  # a call always has an outcome (TOKENS)
            low, high = DURATIONS[outcome]
            duration = low + int(r() * (high - low + 1))
        hearing = NO_HEARING
        if outcome in HEARING_OUTCOMES or (outcome == "callback_requested" and r() < 0.3):
            hearing = self._hearing(account)
        at = self.calendar.iso[day] + TIMES[seconds]
        touch_id = self.ids["touches"]
        self.ids["touches"] = touch_id + 1
        caller = account.caller if r() < 0.9 else names.CALLERS[int(r() * len(names.CALLERS))]
        reached = 1 if contact and contact[1] == "decision_maker" and outcome in TALKS else 0
        self.rows["touches"].append((
            touch_id, self.uid("touches"), at, at, account.id,
            contact[0] if contact else None, kind, at, duration, outcome, reached, note, *hearing, caller,
        ))
        account.touched(at)
        return (touch_id, day, at, outcome, contact)

    def _text(self, template: str, account: Account, who: str, meeting: dict | None = None) -> str:
        if "{" not in template:
            return template
        month = account.fiscal_month or 3
        r = self.rng.random
        values = {"p": who, "h": 13 + int(r() * 5), "wd": WEEKDAYS[int(r() * 5)], "m": (month - 3) % 12 + 1}
        if meeting:
            values |= meeting["labels"]
        return template.format(**values)

    def _hearing(self, account: Account) -> tuple:
        rng = self.rng
        r, choice = rng.random, rng.choice
        month = account.fiscal_month or 3
        decision_maker = next((c[2] for c in account.contacts if c[1] == "decision_maker"), "社長")
        hearing = phrases.HEARING
        return (
            choice(hearing["issue"]) if r() < 0.7 else None,
            choice(hearing["current"]) if r() < 0.5 else None,
            choice(hearing["budget"]) if r() < 0.35 else None,
            choice(hearing["timing"]).format(n=month % 12 + 1, m=(month - 3) % 12 + 1) if r() < 0.4 else None,
            choice(hearing["decision_maker"]).format(dm=decision_maker) if r() < 0.3 else None,
            choice(hearing["competitor"]) if r() < 0.3 else None,
        )


def _shares(weighted: Weighted) -> list[float]:
    previous = 0.0
    shares = []
    for cumulative in weighted.cumulative:
        shares.append((cumulative - previous) / weighted.total)
        previous = cumulative
    return shares
