"""The plans of a demo account's history, each hypothesis written by the rule that picks its date.

Mixed into ``Activity`` (``models/demo/activity.py``), whose random generator, calendar and rows it uses.
A well-run caller's book: every account in progress has its next call, most of them parked weeks ahead
with a quick pick (「1ヶ月後」「3ヶ月後」 of ``dispositions.quick_pick_dates``) and a few called lately
and due within the disposition rule's business days, so a day's follow-ups stay below the daily target.
A nurture plan is timed by one of the hypothesis templates (``hypotheses.DEFAULT_TEMPLATES``, the one
set the app offers) through the template's own rule, or by a quick pick whose text names no other date.
Only a handful of plans are overdue: the builder's budget, spread evenly over the run.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from models.demo import phrases
from models.demo.common import TZ, Account, Calendar, Touch, Weighted
from models.planning.calendar import add_months
from models.planning.hypotheses import (
    DEFAULT_TEMPLATES,
    HypothesisTemplate,
    fiscal_anchor_month,
)

# Business days after a call that the disposition rules (or a callback's named day) put the next one.
FOLLOW_UP_OFFSETS = {"not_available": (2, 2), "gatekeeper_block": (5, 5), "info_sent": (3, 3),
                     "connected": (5, 15), "callback_requested": (1, 5)}
IN_PROGRESS_FINAL = Weighted((("not_available", 35), ("callback_requested", 20), ("info_sent", 20),
                              ("connected", 15), ("gatekeeper_block", 10)))
# How the caller timed the next call of an account in progress: by the rule (the account was called in
# the last few days) or parked with a quick pick. Most are parked: a day then holds under 1% of the book
# in follow-ups, so a 3,000-company demo's Today queue stays about the daily target.
IN_PROGRESS_PICKS = Weighted((("rule", 7), ("1ヶ月後", 17), ("3ヶ月後", 47), ("6ヶ月後", 29)))
# The last call of a parked account (a callback request is never parked: its day was named).
PARKED_FINAL = Weighted((("not_available", 45), ("gatekeeper_block", 25), ("info_sent", 15),
                         ("connected", 15)))
PICK_MONTHS = {"1ヶ月後": 1, "3ヶ月後": 3, "6ヶ月後": 6}
NURTURE_TEMPLATE_SHARE = 0.8  # nurture plans timed by a template; the rest by a quick pick
LATE_DAYS = (1, 3)  # business days an overdue plan is late
TEMPLATES = tuple(t for t in DEFAULT_TEMPLATES if t.rule in ("fiscal", "months"))


def anchor_months(template: HypothesisTemplate, fiscal_month: int | None) -> tuple[int, ...]:
    """The calendar months ``template`` times a call in for an account (none without what it needs)."""
    if template.rule == "fiscal":
        return (fiscal_anchor_month(fiscal_month, template.months),) if fiscal_month else ()
    return template.calendar_months if template.rule == "months" else ()


class PlanHistory:
    """Open and past call plans (a mixin of ``Activity``)."""

    # What the activity provides.
    rng: random.Random
    calendar: Calendar
    rows: dict[str, list[tuple]]
    _uid: Callable[[str], str]

    def _init_plans(self, overdue: int, companies: int) -> None:
        """Owe ``overdue`` late plans over ``companies`` accounts: the first at once, the last by 80%."""
        self.day0 = self.calendar.dates[self.calendar.today]  # the first business day on or after today
        self.overdue_left = max(0, overdue)
        self.overdue_owed = 1.0
        self.overdue_rate = (self.overdue_left - 1) / (0.8 * companies) if self.overdue_left > 1 else 0.0
        self._month_starts: dict[int, int] = {}
        self._picks: dict[tuple[int, str], date] = {}  # a few hundred days: bounded whatever the size

    def _plan(self, account: Account, created_at: str, updated_at: str, contact: tuple | None, due: str,
              hypothesis: str | None = None, template: str | None = None, result: str | None = None,
              source: str = "rule", status: str = "open", touch: Touch | None = None,
              skip_reason: str | None = None) -> None:
        self.rows["plans"].append((
            self._uid("plans"), created_at, updated_at, account.id, contact[0] if contact else None, due,
            "call", hypothesis, template, result, source, status, touch[0] if touch else None,
            touch[2] if touch else None, skip_reason, account.caller,  # the account's caller plans it
        ))
        if status == "open":
            account.open_plans += 1

    # ── Dates by the app's own rules ──────────────────────────────────────────────────────────────
    # The demo calendar's business days are those of ``planning.calendar`` with its default closures
    # (weekdays, no public holiday, not 12/29–1/3), so these equal ``quick_pick_dates`` and
    # ``propose_date`` (the tests check it) without their holiday look-ups, which would add a quarter
    # to the default demo's time.

    def _month_start(self, year: int, month: int) -> int:
        """The calendar index of the first business day of a month."""
        key = year * 12 + month
        index = self._month_starts.get(key)
        if index is None:
            index = self._month_starts[key] = self.calendar.index_on_or_after(date(year, month, 1))
        return index

    def _quick_pick(self, day: int, label: str) -> date:
        """The quick pick ``label`` (「3ヶ月後」) offered on business day ``day``."""
        key = (day, label)
        picked = self._picks.get(key)
        if picked is None:
            calendar = self.calendar
            later = add_months(calendar.dates[day], PICK_MONTHS[label])
            picked = self._picks[key] = calendar.dates[calendar.index_on_or_after(later)]
        return picked

    def _proposed(self, index: int, after: date, fiscal_month: int | None) -> date:
        """The day template ``TEMPLATES[index]`` proposes after ``after``: the first business day of the
        next month its rule names."""
        dates = self.calendar.dates
        months = anchor_months(TEMPLATES[index], fiscal_month)
        starts = [dates[self._month_start(year, month)]
                  for year in (after.year, after.year + 1) for month in months]
        return min(day for day in starts if day > after)

    def _in_month(self, day: date) -> int:
        """A business day of ``day``'s month from ``day`` on: callers spread a month's calls over it."""
        first = self.calendar.index_on_or_after(day)
        stop = self._month_start(day.year + day.month // 12, day.month % 12 + 1)
        return first + int(self.rng.random() * max(1, stop - first))

    def _late_days(self) -> int:
        """Business days this account's plan is late: 0, except for the few the overdue budget owes."""
        if self.overdue_left and self.overdue_owed >= 1:
            self.overdue_owed -= 1
            self.overdue_left -= 1
            return self.rng.randint(*LATE_DAYS)
        return 0

    # ── Open plans ────────────────────────────────────────────────────────────────────────────────

    def _in_progress_timing(self) -> tuple[str, int, int, str]:
        """(final token, day of the last call, day index due, pick) of an account in progress."""
        rng = self.rng
        today = self.calendar.today
        late = self._late_days()
        pick = "rule" if late else IN_PROGRESS_PICKS.pick(rng)
        if pick == "rule":
            final = IN_PROGRESS_FINAL.pick(rng)
            offset = rng.randint(*FOLLOW_UP_OFFSETS[final])
            due = today - late if late else today + int(rng.random() * offset)
            return final, due - offset, due, pick
        final = PARKED_FINAL.pick(rng)
        # The parking call, more likely lately than a full span ago: the book grows as the year goes on
        # (as the rest of the history does), so recent weeks hold their share of calls while few parked
        # accounts fall due today.
        span = today - self.calendar.index_on_or_after(add_months(self.day0, -PICK_MONTHS[pick]))
        end = today - 1 - min(span - 1, int(span * (1 - rng.random() ** (1 / 3))))
        while self._quick_pick(end, pick) < self.day0:  # a month end clamped short (3/31 → 2/28 → 3/28)
            end += 1
        return final, end, self.calendar.index_on_or_after(self._quick_pick(end, pick)), pick

    def _follow_up_plan(self, account: Account, last: Touch, due_day: int, pick: str) -> None:
        """The next call of an account in progress, due on ``due_day`` as ``pick`` timed it."""
        rng = self.rng
        _, _, at, outcome, contact = last
        if outcome is None:  # the last touch of an account in progress is a call with its outcome
            raise ValueError("a follow-up plan needs the outcome of the call before it")
        who = contact[2] if contact else "ご担当者様"
        due = self.calendar.iso[min(due_day, len(self.calendar.iso) - 1)]
        if pick == "rule":
            if outcome == "callback_requested":
                due += f"T{rng.choice(('10:00', '11:00', '14:00', '16:30'))}:00{TZ}"
            text = rng.choice(phrases.FOLLOW_UP_HYPOTHESES[outcome])
            hypothesis = text.format(p=who) if text else None
            self._plan(account, at, at, contact, due, hypothesis)
        else:
            hypothesis = phrases.PARKED_HYPOTHESES[outcome].format(n=PICK_MONTHS[pick])
            self._plan(account, at, at, contact, due, hypothesis, source="manual")

    def _nurture_plan(self, account: Account, last: Touch) -> None:
        """A nurture plan timed by a template's rule (the month it names) or by a quick pick."""
        rng = self.rng
        calendar = self.calendar
        created = calendar.dates[last[1]]
        contact = last[4] or next((c for c in account.contacts if c[1] in ("hr", "decision_maker")), None)
        who = contact[2] if contact else "ご担当者様"
        template = None
        if rng.random() < NURTURE_TEMPLATE_SHARE:
            fiscal = account.fiscal_month
            usable = [i for i, t in enumerate(TEMPLATES) if anchor_months(t, fiscal)]
            # What the template proposed when the plan was made, unless that day has passed (a well-run
            # caller called then); failing all, its next occurrence from today.
            ahead = [i for i in usable if self._proposed(i, created, fiscal) >= self.day0]
            index = (ahead or usable)[int(rng.random() * len(ahead or usable))]
            proposed = self._proposed(index, created if ahead else self.day0 - timedelta(days=1), fiscal)
            due_day = self._in_month(proposed)
            template = TEMPLATES[index]
            hypothesis = template.text
        else:
            free = phrases.FREE_NURTURE_HYPOTHESES
            text, picks = free[int(rng.random() * len(free))]
            later = [p for p in picks if self._quick_pick(last[1], p) >= self.day0] or [picks[-1]]
            due_date = self._quick_pick(last[1], later[int(rng.random() * len(later))])
            due_day = calendar.index_on_or_after(due_date)
            hypothesis = text.format(p=who, m=renewal_month(due_date))
        self._plan(account, last[2], last[2], contact, calendar.iso[due_day], hypothesis,
                   template.name if template else None, source="manual")

    # ── Past plans ────────────────────────────────────────────────────────────────────────────────

    def _past_plan(self, account: Account, previous: Touch, touch: Touch) -> None:
        """Record the plan ``touch`` fulfilled (done), or now and then one dropped in between (skipped)."""
        rng = self.rng
        _, previous_day, previous_at, outcome, contact = previous
        who = contact[2] if contact else "ご担当者様"
        if rng.random() < 0.07:
            due = self.calendar.iso[rng.randint(previous_day, touch[1])]
            self._plan(account, previous_at, touch[2], contact, due, status="skipped",
                       skip_reason=rng.choice(phrases.SKIP_REASONS))
            return
        slip = rng.random()
        day = touch[1]
        if slip < 0.3:
            day = max(previous_day, day - rng.randint(1, 3))  # called late: due before the touch
        elif slip < 0.4:
            day += rng.randint(1, 2)  # called early
        hypothesis = template = result = None
        source = "rule"
        if outcome == "no_need":
            # Only a template whose month this is, or a text that names no other date.
            due_date = self.calendar.dates[day]
            fits = [t for t in TEMPLATES if due_date.month in anchor_months(t, account.fiscal_month)]
            if fits and rng.random() < NURTURE_TEMPLATE_SHARE:
                chosen = fits[int(rng.random() * len(fits))]
                template, hypothesis = chosen.name, chosen.text
            else:
                text, _ = rng.choice(phrases.FREE_NURTURE_HYPOTHESES)
                hypothesis = text.format(m=renewal_month(due_date), p=who)
            result = rng.choice(("held", "held", "missed", "unknown"))
            source = "manual"
        elif outcome in phrases.FOLLOW_UP_HYPOTHESES:
            follow_up = rng.choice(phrases.FOLLOW_UP_HYPOTHESES[outcome])
            hypothesis = follow_up.format(p=who) if follow_up else None
        self._plan(account, previous_at, touch[2], touch[4] or contact, self.calendar.iso[day], hypothesis,
                   template, result, source, "done", touch)


def renewal_month(due: date) -> int:
    """The month two months after ``due``: a contract renewing then is compared two months before."""
    return (due.month + 1) % 12 + 1
