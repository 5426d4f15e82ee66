"""The meetings of a demo account's history: when and where, who attends, the caller's notes, and for a
held one its outcome, its touch and the follow-up plan.

Mixed into ``Activity`` (``models/demo/activity.py``), whose random generator, calendar, rows and
``_plan``/``_uid``/``_next_id`` it uses, so that the draws come in the same order as before.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from models.demo import names, phrases
from models.demo.common import NO_HEARING, TZ, WEEKDAYS, Account, Calendar, Touch
from models.demo.plans import PlanHistory

MEETING_TIMES = ("10:00", "11:00", "13:30", "14:00", "15:00", "16:00")
MEETING_ROLES = ("decision_maker", "hr", "field", "champion")


class MeetingHistory(PlanHistory):
    """Meetings and their attendees (a mixin of ``Activity``); a held meeting's follow-up is a plan."""

    # What the activity provides.
    rng: random.Random
    calendar: Calendar
    rows: dict[str, list[tuple]]
    _next_id: Callable[[str], int]

    def _init_recent(self) -> None:
        """Business-day ranges (first, last) of this and last week and month, before today, each owed a
        meeting won and one lost: a KPI review opens on these periods. A period with no business day
        before today (today is its first) is left out."""
        calendar = self.calendar
        day = calendar.date
        monday = day - timedelta(days=day.weekday())
        first = day.replace(day=1)
        bounds = ((monday, day), (monday - timedelta(days=7), monday), (first, day),
                  ((first - timedelta(days=1)).replace(day=1), first))
        periods = []
        for start, stop in bounds:
            low = calendar.index_on_or_after(start)
            high = min(calendar.index_on_or_after(stop), calendar.today) - 1
            if low <= high:
                periods.append((low, high))
        self.recent: dict[str, list[tuple[int, int]]] = {"won": list(periods), "lost": list(periods)}

    def _meeting_setup(self, account: Account, day: int) -> dict:
        rng = self.rng
        calendar = self.calendar
        day = min(day, len(calendar.dates) - 1)
        when = calendar.dates[day]
        time = rng.choice(MEETING_TIMES)
        online = rng.random() < 0.5
        roles = [c for c in account.contacts if c[1] in MEETING_ROLES] or list(account.contacts)
        attendees = rng.sample(roles, min(len(roles), rng.randint(1, 3)))
        return {
            "day": day, "starts_at": f"{calendar.iso[day]}T{time}:00{TZ}", "online": online,
            "place": (rng.choice(("オンライン（Zoom）", "オンライン（Teams）")) if online
                      else f"貴社（{account.address}）"),
            "attendees": attendees, "rep": rng.choice(names.FIELD_REPS),
            "labels": {"md": f"{when.month}月{when.day}日（{WEEKDAYS[when.weekday()]}）", "mt": time,
                       "place": "オンライン" if online else "貴社"},
        }

    def _meeting(self, account: Account, appointment: Touch, setup: dict, outcome: str | None) -> Touch:
        """The meeting an appointment call set; a held one also becomes a touch. Returns the latest touch."""
        rng = self.rng
        r, choice = rng.random, rng.choice
        calendar = self.calendar
        day = setup["day"]
        attendees = setup["attendees"]
        who = attendees[0][2] if attendees else "ご担当者様"
        held = day < calendar.today
        feedback_day = day + rng.randint(1, 3)
        # Most feedback is in once its day has passed; a few sheets are still to be entered.
        if held and outcome is None and feedback_day < calendar.today and r() < 0.85:
            outcome = "ongoing"
        # Feedback on a meeting held lately has come in by yesterday evening, not in the days ahead.
        feedback_day = min(feedback_day, max(day, calendar.today - 1))
        feedback_at = f"{calendar.iso[feedback_day]}T18:30:00{TZ}" if held and outcome else None
        reason = note = next_step = difference = None
        if outcome:
            reasons, notes, next_step = phrases.MEETING_OUTCOMES[outcome]
            reason, note, difference = choice(reasons), choice(notes), choice(phrases.BRIEF_DIFFERENCES)
        meeting = phrases.MEETING
        hearing = phrases.HEARING
        month = account.fiscal_month or 3
        meeting_id = self._next_id("meetings")
        created_at = appointment[2]
        duration = choice((60, 60, 45, 90))
        self.rows["meetings"].append((
            meeting_id, self._uid("meetings"), created_at, feedback_at or created_at, account.id,
            appointment[0], setup["starts_at"], duration, setup["place"],
            f"https://meet.example.jp/{rng.randrange(10**9, 10**10)}" if setup["online"] else None,
            setup["rep"], account.caller, choice(meeting["purpose"]), choice(meeting["needs"]),
            choice(hearing["current"]), choice(meeting["expectations"]), choice(meeting["concerns"]),
            choice(meeting["personality"]).format(p=who), choice(hearing["budget"]),
            choice(hearing["timing"]).format(n=month % 12 + 1, m=(month - 3) % 12 + 1),
            choice(meeting["decision"]), choice(hearing["competitor"]), choice(meeting["unknowns"]),
            choice(meeting["questions"]), (choice(meeting["cautions"]) or "").format(p=who) or None,
            "held" if held else "scheduled", outcome, reason, note, next_step, difference, feedback_at,
        ))
        for contact in attendees:
            self.rows["meeting_attendees"].append((
                self._uid("meeting_attendees"), created_at, created_at, meeting_id, contact[0],
                "最終決裁者" if contact[1] == "decision_maker" else None,
            ))
        if not held:
            if r() < 0.5 and day - 1 >= calendar.today:
                self._plan(account, created_at, created_at, attendees[0] if attendees else None,
                           calendar.iso[day - 1], "商談前日のリマインド連絡（日時・参加者の最終確認）",
                           source="manual")
            return appointment
        at = setup["starts_at"]
        touch_id = self._next_id("touches")
        reached = 1 if any(c[1] == "decision_maker" for c in attendees) else 0
        note = phrases.NOTES["meeting"][0].format(rep=setup["rep"], place=setup["labels"]["place"])
        self.rows["touches"].append((
            touch_id, self._uid("touches"), at, at, account.id, attendees[0][0] if attendees else None,
            "meeting", at, duration * 60, None, reached, note, *NO_HEARING, account.caller,
        ))
        account.touched(at)
        if outcome == "won" and r() < 0.5:
            due = self.calendar.date + timedelta(days=rng.randint(20, 90))
            self._plan(account, at, at, attendees[0] if attendees else None,
                       calendar.iso[calendar.index_on_or_after(due)],
                       "導入後フォロー：運用状況と追加ニーズの確認", source="manual")
        return (touch_id, day, at, None, attendees[0] if attendees else None)
