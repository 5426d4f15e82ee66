"""The demo as a first impression: a well-run caller's month on a 3,000-company book.

A handful of promises overdue, a Today queue about the daily target, every hypothesis saying what its
date is, the one set of hypothesis templates the app offers, and meetings won and lost (with reasons)
in the periods a KPI review opens on.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pytest

from models.demo.activity import Activity
from models.demo.builder import generate_demo, overdue_budget
from models.demo.common import Calendar
from models.demo.plans import PICK_MONTHS, TEMPLATES
from models.kpi.period import PERIOD_KINDS, period_for
from models.planning.agenda import build_agenda
from models.planning.calendar import previous_business_day
from models.planning.dispositions import quick_pick_dates
from models.planning.hypotheses import (
    DEFAULT_TEMPLATES,
    find_template,
    hypothesis_summary,
    load_templates,
    propose_date,
)
from models.store import settings
from models.store.db import open_db

TODAY = date(2026, 11, 26)  # a Thursday: this week already has business days behind it (23rd: 勤労感謝の日)
N = 3000
SPAN = re.compile(r"(\d+)ヶ月空けて")  # an account parked with the quick pick 「Nヶ月後」
RENEWAL = re.compile(r"契約更新（(\d+)月）の2ヶ月前")
DATE_WORDS = re.compile(r"\d+月|決算|ヶ月|期初|異動")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    generate_demo(database, companies=N, seed=42, today=TODAY)
    yield database
    database.close()


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def test_only_a_handful_of_plans_are_overdue(db):
    # The builder's budget: 3 for any book plus one per thousand accounts, so 6 here. A caller who is
    # on top of the work slips on a few promises, not on a hundred.
    overdue = db.execute(
        "SELECT count(*) FROM plans p JOIN companies c ON c.id = p.company_id WHERE p.status = 'open' AND "
        "p.kind = 'call' AND substr(p.due, 1, 10) < ? AND c.status NOT IN ('disqualified', 'do_not_call')",
        [TODAY.isoformat()]).fetchone()[0]
    assert overdue_budget(N) == 6
    assert 1 <= overdue <= overdue_budget(N)


def test_the_today_queue_is_about_the_daily_target(db):
    agenda = build_agenda(db, TODAY)
    assert agenda.daily_target == 40
    assert len(agenda.entries) <= agenda.daily_target + 5
    # The promises leave room for new targets: the day is not all backlog.
    assert agenda.counts.overdue + agenda.counts.due < agenda.daily_target
    assert agenda.counts.fresh > 0


def test_one_set_of_hypothesis_templates(db):
    assert settings.get_setting(db, settings.HYPOTHESIS_TEMPLATES) is None
    assert load_templates(db) == list(DEFAULT_TEMPLATES)
    names = {template.name for template in DEFAULT_TEMPLATES}
    used = {row[0] for row in db.execute("SELECT DISTINCT hypothesis_template FROM plans") if row[0]}
    assert used and used <= names
    assert {result.template for result in hypothesis_summary(db)} == names


def _agrees(hypothesis: str, template_name: str | None, due: date, created: date, fiscal: int | None,
            status: str) -> bool:
    """Whether the hypothesis says what its date is, by the rule that picked the date."""
    if template_name:
        template = find_template(DEFAULT_TEMPLATES, template_name)
        if template is None or hypothesis != template.text:
            return False
        # The template's own rule, asked for the month the plan is due in, lands in that month.
        proposed = propose_date(template, due.replace(day=1) - timedelta(days=1), fiscal)
        if proposed is None or (proposed.year, proposed.month) != (due.year, due.month) or proposed > due:
            return False
        # An open plan is not due before what the template proposed on the day it was made.
        return status != "open" or propose_date(template, created, fiscal) <= due
    if span := SPAN.search(hypothesis):
        return status != "open" or dict(quick_pick_dates(created, None))[f"{span.group(1)}ヶ月後"] == due
    if renewal := RENEWAL.search(hypothesis):
        return (due.month + 1) % 12 + 1 == int(renewal.group(1))
    return not DATE_WORDS.search(hypothesis)


def test_every_hypothesis_agrees_with_its_date(db):
    rows = db.execute(
        "SELECT p.hypothesis, p.hypothesis_template, p.due, p.created_at, p.status, c.fiscal_year_end_month "
        "FROM plans p JOIN companies c ON c.id = p.company_id WHERE p.hypothesis IS NOT NULL").fetchall()
    wrong = [row for row in rows
             if not _agrees(row[0], row[1], _day(row[2]), _day(row[3]), row[5], row[4])]
    assert wrong == []
    open_rows = [row for row in rows if row[4] == "open"]
    assert sum(1 for row in open_rows if row[1]) > 100  # templated nurture plans are checked, not skipped
    assert sum(1 for row in open_rows if SPAN.search(row[0])) > 100


def test_meeting_reminders_fall_the_business_day_before_their_meeting(db):
    rows = db.execute(
        "SELECT p.due, (SELECT min(m.starts_at) FROM meetings m WHERE m.company_id = p.company_id "
        "AND m.starts_at > p.due) FROM plans p WHERE p.status = 'open' AND p.hypothesis LIKE '商談前日%'"
    ).fetchall()
    assert rows
    assert all(_day(due) == previous_business_day(_day(starts_at)) for due, starts_at in rows)


@pytest.mark.parametrize("kind", PERIOD_KINDS)
def test_meetings_won_and_lost_with_reasons_in_the_current_and_previous_periods(db, kind):
    low, high = period_for(kind, TODAY).bounds()
    counts = dict(db.execute(
        "SELECT m.outcome, count(*) FROM meetings m JOIN companies c ON c.id = m.company_id "
        "WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status = 'held' AND m.outcome_reason IS NOT NULL "
        "AND m.feedback_at < ? AND c.status = CASE m.outcome WHEN 'won' THEN 'customer' ELSE 'nurturing' END "
        "GROUP BY m.outcome", [low, high, TODAY.isoformat()]).fetchall())
    assert counts.get("won", 0) >= 1 and counts.get("lost", 0) >= 1, counts


def test_the_demo_dates_are_those_of_the_app_rules():
    """The generator computes quick picks and template proposals on its own calendar (no holiday look-ups);
    they are the app's own, day for day."""
    calendar = Calendar(TODAY)
    activity = Activity(random.Random(1), calendar, {"touches": 1, "meetings": 1}, 10.0)
    for day in range(calendar.window_start, calendar.today + 1, 2):  # plans are made up to today
        when = calendar.dates[day]
        picks = dict(quick_pick_dates(when, None))
        assert all(activity._quick_pick(day, label) == picks[label] for label in PICK_MONTHS), when
        for fiscal in (None, 1, 3, 9, 12):
            for index, template in enumerate(TEMPLATES):
                if template.rule == "fiscal" and fiscal is None:
                    continue
                assert activity._proposed(index, when, fiscal) == propose_date(template, when, fiscal), (
                    when, fiscal, template.name)
