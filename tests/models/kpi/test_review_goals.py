"""Known answers for the review's figures: the funnel's bases, the trend without future weeks, 受注額,
monthly goals and the pace they need, decisions carried until done, meetings waiting for feedback and
the sheet's title."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from cli import kpi_output
from models.accounts import lists
from models.accounts.companies import create_company
from models.kpi import review
from models.kpi.figures import Period, Scope, compute_kpis, figure_rows, funnel, yen_text
from models.kpi.goals import business_days_left, get_goal, goal_report, set_goal
from models.meetings.feedback import record_feedback
from models.meetings.meetings import clean_amount, create_meeting
from models.store import clock
from models.store.db import stamp
from models.store.errors import ValidationError
from reports.weekly import render_weekly
from tests.reports.pdfcheck import layout_faults, shows

W1 = Period(date(2026, 11, 2), date(2026, 11, 8))
W2 = Period(date(2026, 11, 9), date(2026, 11, 15))
W3 = Period(date(2026, 11, 16), date(2026, 11, 22))
W4 = Period(date(2026, 11, 23), date(2026, 11, 29))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
TODAY = date(2026, 11, 20)  # a Friday; Monday 23 November is 勤労感謝の日


class Clock:
    """The moment every write of a test happens at, moved on by the test."""

    def __init__(self, monkeypatch):
        self.at = datetime(2026, 11, 20, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))
        monkeypatch.setattr(clock, "now", lambda: self.at)

    def set(self, day: str) -> None:
        self.at = datetime.fromisoformat(f"{day}T10:00:00+09:00")


@pytest.fixture
def moment(monkeypatch):
    return Clock(monkeypatch)


def _call(db, company_id, at, outcome, reached=False):
    return db.table("touches").insert(stamp({
        "company_id": company_id, "kind": "call", "at": f"{at}+09:00", "outcome": outcome,
        "reached_decision_maker": int(reached)})).last_pk


def _meeting(db, company_id, touch_id, booked, starts, status="held", outcome=None, amount=None):
    db.table("meetings").insert(stamp({
        "company_id": company_id, "touch_id": touch_id, "starts_at": f"{starts}+09:00", "status": status,
        "outcome": outcome, "order_amount": amount,
        "feedback_at": f"{starts}+09:00" if outcome else None}, now=f"{booked}+09:00"))


@pytest.fixture
def week(fresh_db, moment):
    """W2: 10 calls, 4 of them appointments whose meetings are held later or not yet; and five
    meetings of October's appointments held in W2 (three won)."""
    db = fresh_db
    company = create_company(db, {"name": "株式会社みなと精機"}).id
    for day, outcome in ((9, "not_available"), (9, "not_available"), (10, "not_available"),
                         (10, "gatekeeper_block"), (11, "connected")):
        _call(db, company, f"2026-11-{day:02d}T10:00:00", outcome)
    _call(db, company, "2026-11-11T11:00:00", "connected", reached=True)
    booked = [_call(db, company, f"2026-11-{day:02d}T14:00:00", "appointment", reached=day == 12)
              for day in (10, 11, 12, 13)]
    _meeting(db, company, booked[0], "2026-11-10T14:05:00", "2026-11-12T10:00:00", outcome="won",
             amount=1_200_000)
    _meeting(db, company, booked[1], "2026-11-11T14:05:00", "2026-11-13T10:00:00", outcome="lost")
    _meeting(db, company, booked[2], "2026-11-12T14:05:00", "2026-11-17T10:00:00", outcome="ongoing")
    _meeting(db, company, booked[3], "2026-11-13T14:05:00", "2026-11-25T10:00:00", status="scheduled")
    october = _call(db, company, "2026-10-20T10:00:00", "appointment")
    for day, outcome, amount in ((9, "won", 800_000), (10, "won", None), (11, "won", 2_000_000),
                                 (12, "lost", None), (13, "ongoing", None)):
        _meeting(db, company, october, "2026-10-20T10:05:00", f"2026-11-{day:02d}T15:00:00", outcome=outcome,
                 amount=amount)
    return db, company


def test_the_funnel_divides_each_stage_by_its_own_base(week):
    db, _ = week
    report = compute_kpis(db, W2, today=TODAY)
    stages = {stage.key: stage for stage in funnel(report)}
    assert [(s.label, s.count, s.base, s.share) for s in funnel(report)] == [
        ("架電", 10, None, None),  # W2's ten calls (October's is outside)
        ("接続", 6, "calls", 0.6),
        ("キーパーソン接触", 2, "calls", 0.2),  # not a share of the connects
        ("アポ", 4, "calls", 0.4),  # not 200 % of the decision-maker reaches
        ("商談化※", 3, "appointments", 0.75),  # the W2 appointments' meetings held, one after W2
        ("受注※", 1, "meetings_held", 1 / 3)]
    assert stages["appointments"].share_text() == "架電の 40.0%"
    assert stages["meetings_held"].share_text() == "アポの 75.0%"
    # The table keeps the period's counts: seven meetings held in W2 (five of October's appointments).
    assert (report.value("meetings_held"), report.value("won"), report.value("win_rate")) == (7, 4, 4 / 7)
    assert report.value("meeting_rate") == 0.75 and report.figures["meeting_rate"].denominator == 4
    assert [r.when for r in figure_rows(db, "meeting_rate", W2, today=TODAY)] == [
        "2026-11-12 10:00", "2026-11-13 10:00", "2026-11-17 10:00"]


def test_order_amounts_sum_the_won_meetings_and_average_those_with_an_amount(week):
    db, _ = week
    report = compute_kpis(db, W2, today=TODAY)
    assert report.value("order_amount") == 4_000_000
    assert report.figures["average_order"].value == pytest.approx(4_000_000 / 3)
    assert (report.figures["average_order"].numerator, report.figures["average_order"].denominator) == (
        4_000_000, 3)
    assert report.figures["order_amount"].text() == "400万円"
    assert report.figures["average_order"].text() == "133.3万円"
    assert len(figure_rows(db, "order_amount", W2, today=TODAY)) == 3
    assert compute_kpis(db, W1, today=TODAY).figures["average_order"].text() == "—"
    assert yen_text(8_000) == "8,000円" and yen_text(12_345_678) == "1,234.6万円"


def test_feedback_records_the_order_amount_as_typed(fresh_db, moment):
    company = create_company(fresh_db, {"name": "株式会社あおば"}).id
    won = create_meeting(fresh_db, company, {"starts_at": "2026-11-18 10:00"})
    record_feedback(fresh_db, won.id, "won", order_amount="１２０万")
    stored = fresh_db.execute("SELECT order_amount FROM meetings WHERE id = ?", [won.id]).fetchone()[0]
    assert stored == 1_200_000
    assert clean_amount("¥1,200,000") == 1_200_000 and clean_amount(" ") is None
    for wrong in ("abc", "-5", "12.5"):
        with pytest.raises(ValidationError, match="受注額"):
            clean_amount(wrong)


def test_the_trend_stops_at_the_week_that_has_begun(week):
    db, _ = week
    trend = compute_kpis(db, NOVEMBER, today=TODAY).trend
    assert len(trend) == 8 and trend[-1].start == date(2026, 11, 16)  # not the 23rd or the 30th
    assert compute_kpis(db, W2, today=TODAY).trend[-1].start == date(2026, 11, 9)


def test_goals_show_target_actual_and_the_pace_for_the_business_days_left(week):
    db, _ = week
    set_goal(db, date(2026, 11, 1), None, {"appointments": 10, "calls": "40", "won": None})
    report = goal_report(db, W3, today=TODAY)
    assert report.month == date(2026, 11, 1) and report.days_left == 6  # 20, 24–27, 30 (23rd a holiday)
    assert [(i.key, i.target, i.actual, i.remaining) for i in report.items] == [
        ("appointments", 10, 4, 6), ("calls", 40, 10, 30)]  # November's so far; no goal for won
    by_key = {i.key: i for i in report.items}
    assert (by_key["appointments"].actual, by_key["appointments"].pace) == (4, 1.0)  # (10 − 4) ÷ 6
    assert (by_key["calls"].actual, by_key["calls"].pace) == (10, 5.0)  # (40 − 10) ÷ 6
    assert by_key["calls"].pace_text() == "1日あたり 5.0 件" and "won" not in by_key
    # The goal holds in December until another is set; December has 20 business days (29–31 closed).
    december = goal_report(db, Period(date(2026, 12, 1), date(2026, 12, 31)), today=date(2026, 12, 1))
    assert december.goal.set_for == date(2026, 11, 1) and december.days_left == december.days_total == 20
    assert {i.key: i.pace for i in december.items} == {"appointments": 0.5, "calls": 2.0}
    # A month that is over has no pace left: met, or missed by so many.
    over = goal_report(db, NOVEMBER, today=date(2026, 12, 3))
    assert over.days_left == 0 and {i.key: i.pace_text() for i in over.items} == {
        "appointments": "—", "calls": "—"}
    # A goal with every target empty ends them from its month on.
    set_goal(db, date(2027, 1, 1), None, {})
    assert goal_report(db, Period(date(2027, 2, 1), date(2027, 2, 28)), today=TODAY).items == ()
    assert business_days_left(db, date(2026, 11, 1), date(2026, 10, 1)) == (19, 19)


def test_a_list_has_goals_of_its_own_and_a_view_none(week):
    db, company = week
    target = lists.create_list(db, "一都三県")
    set_goal(db, date(2026, 11, 1), target.id, {"appointments": 3})
    assert get_goal(db, date(2026, 11, 1)) is None
    assert goal_report(db, W3, Scope.of_list(db, target.id), today=TODAY).items[0].actual == 0
    lists.add_to_list(db, target.id, [company])
    items = goal_report(db, W3, Scope.of_list(db, target.id), today=TODAY).items
    assert [(i.key, i.target, i.actual, i.achieved) for i in items] == [("appointments", 3, 4, True)]
    assert items[0].pace_text() == "達成"
    with pytest.raises(ValidationError, match="アポ数の目標"):
        set_goal(db, date(2026, 11, 1), target.id, {"appointments": "たくさん"})
    with pytest.raises(ValidationError, match="0〜1,000,000"):
        set_goal(db, date(2026, 11, 1), None, {"calls": -1})


def test_an_open_decision_is_carried_into_every_later_review_until_done(fresh_db, moment):
    db = fresh_db
    moment.set("2026-11-06")
    first = review.add_decision(db, W1, "受付突破トークの見直し", "佐藤", "2026-11-06")
    done_soon = review.add_decision(db, W1, "失注理由を営業と共有", "高橋", "2026-11-30")
    moment.set("2026-11-07")
    review.update_decision(db, done_soon.id, done=True)
    moment.set("2026-11-13")
    later = review.add_decision(db, W2, "製造業リストの電話番号を補完", "鈴木", None)

    def texts(period):
        return [d.decision for d in review.review_decisions(db, period)]

    assert texts(W1) == ["受付突破トークの見直し", "失注理由を営業と共有"]
    assert texts(W2) == ["受付突破トークの見直し", "製造業リストの電話番号を補完"]
    carried = review.review_decisions(db, W2)[0]
    assert carried.carried_into(W2) and carried.period_text() == "11/02〜11/08"
    assert carried.is_overdue(TODAY) and not review.get_decision(db, later.id).is_overdue(TODAY)
    moment.set("2026-11-18")
    review.update_decision(db, first.id, done=True)
    assert texts(W3) == ["受付突破トークの見直し", "製造業リストの電話番号を補完"]  # done in W3: shown done
    assert texts(W4) == ["製造業リストの電話番号を補完"]
    assert texts(NOVEMBER) == ["受付突破トークの見直し", "失注理由を営業と共有",
                               "製造業リストの電話番号を補完"]
    review.update_decision(db, first.id, done=False)  # reopened: carried again
    assert texts(W4) == ["受付突破トークの見直し", "製造業リストの電話番号を補完"]


def test_meetings_waiting_for_feedback_are_listed_for_chasing(fresh_db, moment):
    db = fresh_db
    company = create_company(db, {"name": "株式会社ひかり"}).id
    for starts, status, outcome in (("2026-11-10T10:00:00", "held", None),  # held, no outcome
                                    ("2026-11-12T10:00:00", "scheduled", None),  # past its day
                                    ("2026-11-20T15:00:00", "scheduled", None),  # today
                                    ("2026-11-11T10:00:00", "cancelled", None),
                                    ("2026-11-13T10:00:00", "held", "won"),
                                    ("2026-11-25T10:00:00", "scheduled", None)):
        db.table("meetings").insert(stamp({"company_id": company, "starts_at": f"{starts}+09:00",
                                           "status": status, "outcome": outcome, "field_rep": "中村",
                                           "feedback_at": f"{starts}+09:00" if outcome else None}))
    stalled = review.stalled_meetings(db, W2, today=TODAY)
    assert [(m.when(), m.held, m.days, m.field_rep) for m in stalled] == [
        ("2026-11-10 10:00", True, 10, "中村"), ("2026-11-12 10:00", False, 8, "中村")]
    assert review.stalled_meetings(db, W1, today=TODAY) == []
    assert len(review.stalled_meetings(db, W4, today=TODAY)) == 2  # today's meeting is not late yet


def test_the_sheet_is_titled_by_its_period_and_shows_goals_carried_and_stalled(week, moment):
    db, company = week
    set_goal(db, date(2026, 11, 1), None, {"appointments": 10})
    moment.set("2026-11-06")
    review.add_decision(db, W1, "受付突破トークの見直し", "佐藤", "2026-11-06")
    db.table("meetings").insert(stamp({"company_id": company, "starts_at": "2026-11-10T16:00:00+09:00",
                                       "status": "held", "field_rep": "中村 拓也"}))
    assert review.period_kind(W2) == "weekly" and review.period_kind(NOVEMBER) == "monthly"
    assert review.period_kind(Period(date(2026, 11, 3), date(2026, 11, 20))) == "period"
    titles = []
    for period in (W2, NOVEMBER, Period(date(2026, 11, 3), date(2026, 11, 20))):
        data = review.gather_review(db, period, today=TODAY, generated_at=moment.at)
        out = io.BytesIO()
        render_weekly(data, out)
        pdf = out.getvalue()
        assert layout_faults(pdf) == []
        titles.append(data.title)
    assert titles == ["週次レビューシート", "月次レビューシート", "期間レビューシート"]
    data = review.gather_review(db, W2, today=TODAY, generated_at=moment.at)
    out = io.BytesIO()
    render_weekly(data, out)
    assert shows(out.getvalue(), "2026年11月の目標", "1日あたり 1.0 件", "フィードバック待ちの商談",
                 "中村 拓也", "11/02〜11/08", "期限超過", "受注額", "400万円", "架電の 40.0%",
                 "アポの 75.0%") == []


def test_kpi_json_has_the_money_and_the_goals(week):
    db, _ = week
    set_goal(db, date(2026, 11, 1), None, {"appointments": 10})
    data = json.loads(kpi_output(db, W2.start, W2.end, None, True))
    assert data["figures"]["order_amount"]["value"] == 4_000_000
    assert data["figures"]["order_amount"]["label"] == "受注額"
    assert data["goals"]["month"] == "2026-11" and data["goals"]["business_days_left"] == 6
    assert data["goals"]["items"]["appointments"] == {
        "label": "アポ数", "target": 10, "actual": 4, "remaining": 6, "pace_per_business_day": 1.0}
    assert [stage["base"] for stage in data["funnel"]] == [
        None, "calls", "calls", "calls", "appointments", "meetings_held"]
    october = json.loads(kpi_output(db, date(2026, 10, 1), date(2026, 10, 31), None, True))
    assert october["goals"] is None  # set from November on
