"""The quick picks a caller presses in the session, over month ends, holidays and the New Year."""

from __future__ import annotations

from datetime import date

from models.planning.dispositions import DEFAULT_RULES, propose_next, quick_pick_dates


class Untouched:
    status = "untouched"


def test_three_months_from_january_31_is_april_30():
    picks = dict(quick_pick_dates(date(2026, 1, 31), None))
    assert picks["3ヶ月後"] == date(2026, 4, 30)  # Thursday, before Golden Week: not May 1
    assert picks["1ヶ月後"] == date(2026, 3, 2)  # 2/28 is a Saturday
    assert picks["6ヶ月後"] == date(2026, 7, 31)


def test_picks_across_golden_week_and_the_new_year():
    assert dict(quick_pick_dates(date(2026, 5, 1), None))["明日"] == date(2026, 5, 7)
    assert dict(quick_pick_dates(date(2026, 4, 30), None))["3営業日後"] == date(2026, 5, 8)
    assert dict(quick_pick_dates(date(2026, 12, 25), None))["来週"] == date(2026, 12, 28)
    assert dict(quick_pick_dates(date(2026, 12, 28), None))["来週"] == date(2027, 1, 4)  # 年末年始
    assert dict(quick_pick_dates(date(2026, 12, 28), None))["明日"] == date(2027, 1, 4)
    assert dict(quick_pick_dates(date(2026, 9, 18), None))["明日"] == date(2026, 9, 24)  # 国民の休日


def test_rule_proposals_skip_a_substitute_holiday():
    # 2027-03-21 (Sun) 春分の日 → 3/22 振替休日: two business days after Friday 3/19 is Wednesday 3/24.
    assert propose_next("not_available", date(2027, 3, 19), Untouched()).due == date(2027, 3, 24)
    assert DEFAULT_RULES["not_available"].offset == 2
