"""Business days, month arithmetic and call windows over 2026–2027."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from models.planning.calendar import (
    DEFAULT_CLOSURES,
    CalendarRules,
    add_business_days,
    add_months,
    business_days_between,
    day_off,
    describe_non_business_day,
    fit_to_call_window,
    holiday_name,
    is_business_day,
    load_calendar,
    months_before_fiscal_year_end,
    next_business_day,
    save_calendar,
)
from models.store import settings
from models.store.errors import ValidationError

JST = timezone(timedelta(hours=9))


def business_days_in(year: int, month: int, closures=DEFAULT_CLOSURES) -> int:
    day, count = date(year, month, 1), 0
    while day.month == month:
        count += is_business_day(day, closures)
        day += timedelta(days=1)
    return count


@pytest.mark.parametrize(("day", "name"), [
    (date(2026, 5, 6), "振替休日"),       # 憲法記念日 fell on a Sunday
    (date(2027, 3, 22), "振替休日"),      # 春分の日 fell on a Sunday
    (date(2026, 9, 22), "国民の休日"),    # between 敬老の日 and 秋分の日
    (date(2026, 4, 29), "昭和の日"),
    (date(2027, 5, 5), "こどもの日"),
])
def test_public_holidays_come_from_the_library_including_substitute_and_citizens(day, name):
    assert name in holiday_name(day)
    assert day.weekday() < 5  # each of these is a weekday that is still no business day
    assert not is_business_day(day)


def test_golden_week_2026():
    # 4/29 (Wed) 昭和の日 … 5/1 (Fri) is worked … 5/3–5/6 holidays (5/6 振替休日) … 5/7 (Thu).
    assert is_business_day(date(2026, 4, 30))
    assert is_business_day(date(2026, 5, 1))
    assert add_business_days(date(2026, 4, 28), 1) == date(2026, 4, 30)
    assert add_business_days(date(2026, 5, 1), 1) == date(2026, 5, 7)
    assert add_business_days(date(2026, 4, 30), 2) == date(2026, 5, 7)
    assert next_business_day(date(2026, 5, 3), inclusive=True) == date(2026, 5, 7)
    assert business_days_in(2026, 5) == 18


def test_golden_week_2027():
    # 4/29 (Thu) 昭和の日, 4/30 (Fri) worked, 5/3–5/5 (Mon–Wed) holidays.
    assert add_business_days(date(2027, 4, 28), 1) == date(2027, 4, 30)
    assert add_business_days(date(2027, 4, 30), 1) == date(2027, 5, 6)
    assert add_business_days(date(2027, 4, 30), 2) == date(2027, 5, 7)


def test_silver_week_2026_with_the_citizens_holiday():
    # 9/19–9/23: Sat, Sun, 敬老の日, 国民の休日, 秋分の日.
    assert add_business_days(date(2026, 9, 18), 1) == date(2026, 9, 24)
    assert add_business_days(date(2026, 9, 24), -1) == date(2026, 9, 18)


def test_substitute_holiday_2027():
    assert add_business_days(date(2027, 3, 19), 1) == date(2027, 3, 23)


def test_new_year_closure_wraps_the_year():
    assert is_business_day(date(2026, 12, 28))
    for offset in range(6):  # 12/29 (Tue) … 1/3 (Sun)
        assert not is_business_day(date(2026, 12, 29) + timedelta(days=offset))
    assert add_business_days(date(2026, 12, 28), 1) == date(2027, 1, 4)
    assert add_business_days(date(2025, 12, 26), 1) == date(2026, 1, 5)  # 1/4/2026 is a Sunday
    # Without the closure setting, the end of December is worked (only 1/1 is a holiday).
    assert is_business_day(date(2026, 12, 29), closures=())
    assert add_business_days(date(2026, 12, 28), 1, closures=()) == date(2026, 12, 29)


def test_custom_closures_in_one_year_and_across_it():
    obon = (("08-13", "08-16"),)
    assert not is_business_day(date(2027, 8, 13), obon)
    assert is_business_day(date(2027, 8, 12), obon)
    assert is_business_day(date(2027, 12, 29), obon)  # replaced, not added to the default
    wrap = (("12-25", "01-07"),)
    assert not is_business_day(date(2027, 1, 7), wrap)
    assert add_business_days(date(2026, 12, 24), 1, wrap) == date(2027, 1, 8)


def test_business_days_over_two_years():
    counts = [business_days_in(year, month) for year in (2026, 2027) for month in range(1, 13)]
    # January loses 1/1–1/3 and 成人の日; December loses 12/29–12/31.
    assert counts[0] == 19 and counts[11] == 20  # 2026-01, 2026-12
    assert counts[12] == 19 and counts[23] == 20  # 2027-01, 2027-12
    # 261 weekdays a year, less the holidays on weekdays (2026: 17, 2027: 16), less the closure
    # weekdays that are no holiday (2026: 1/2 and 12/29–31; 2027: 12/29–31).
    assert sum(counts[:12]) == 261 - 17 - 4
    assert sum(counts[12:]) == 261 - 16 - 3


def test_add_business_days_zero_and_negative():
    saturday = date(2026, 11, 21)
    assert add_business_days(saturday, 0) == date(2026, 11, 24)  # 11/23 勤労感謝の日 (Mon)
    assert add_business_days(date(2026, 11, 20), 0) == date(2026, 11, 20)
    assert add_business_days(date(2026, 11, 24), -1) == date(2026, 11, 20)


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 3, date(2026, 4, 30)),   # not May 1
    (date(2027, 1, 31), 3, date(2027, 4, 30)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 5, 15), 6, date(2026, 11, 15)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_add_months_clamps_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("today", "fiscal_month", "months", "expected"), [
    (date(2026, 11, 20), 3, 3, date(2026, 12, 1)),   # March year end → early December
    (date(2026, 12, 1), 3, 3, date(2026, 12, 1)),    # on the day itself
    (date(2026, 12, 10), 3, 3, date(2027, 12, 1)),   # this December has begun: next year's
    (date(2026, 6, 1), 12, 3, date(2026, 9, 1)),
    (date(2026, 2, 1), 1, 3, date(2026, 10, 1)),
    (date(2026, 5, 20), 4, 3, date(2027, 1, 4)),     # January: past the closure and the weekend
    (date(2027, 3, 1), 8, 3, date(2027, 5, 6)),      # May 2027: past the weekend and Golden Week
])
def test_months_before_fiscal_year_end(today, fiscal_month, months, expected):
    assert months_before_fiscal_year_end(today, fiscal_month, months) == expected


def test_months_before_fiscal_year_end_rejects_a_bad_month():
    with pytest.raises(ValidationError):
        months_before_fiscal_year_end(date(2026, 1, 1), 13, 3)


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2026, 11, 20, 10, 15, tzinfo=JST), datetime(2026, 11, 20, 10, 15, tzinfo=JST)),
    (datetime(2026, 11, 20, 8, 30, tzinfo=JST), datetime(2026, 11, 20, 9, 0, tzinfo=JST)),
    (datetime(2026, 11, 20, 12, 0, tzinfo=JST), datetime(2026, 11, 20, 13, 0, tzinfo=JST)),
    (datetime(2026, 11, 20, 12, 45, 30, tzinfo=JST), datetime(2026, 11, 20, 13, 0, tzinfo=JST)),
    (datetime(2026, 11, 20, 17, 59, tzinfo=JST), datetime(2026, 11, 20, 17, 59, tzinfo=JST)),
    # After hours on Friday; Monday 11/23 is 勤労感謝の日.
    (datetime(2026, 11, 20, 18, 0, tzinfo=JST), datetime(2026, 11, 24, 9, 0, tzinfo=JST)),
    # A Saturday at 10:00 (in a window): the next business day keeps the time.
    (datetime(2026, 11, 21, 10, 0, tzinfo=JST), datetime(2026, 11, 24, 10, 0, tzinfo=JST)),
    (datetime(2026, 12, 28, 18, 30, tzinfo=JST), datetime(2027, 1, 4, 9, 0, tzinfo=JST)),
    (datetime(2026, 9, 18, 19, 0), datetime(2026, 9, 24, 9, 0)),  # naive stays naive
])
def test_fit_to_call_window(moment, expected):
    fitted = fit_to_call_window(moment)
    assert fitted == expected
    assert fitted.tzinfo == moment.tzinfo


@pytest.mark.parametrize(("moment", "expected"), [
    # 勤労感謝の日 (Monday) at 10:00 → Tuesday at 10:00, the time kept.
    (datetime(2026, 11, 23, 10, 0, tzinfo=JST), datetime(2026, 11, 24, 10, 0, tzinfo=JST)),
    (datetime(2026, 11, 23, 16, 45, 30, tzinfo=JST), datetime(2026, 11, 24, 16, 45, 30, tzinfo=JST)),
    # Outside the windows the time is clamped, on that next business day.
    (datetime(2026, 11, 21, 12, 30, tzinfo=JST), datetime(2026, 11, 24, 13, 0, tzinfo=JST)),
    (datetime(2026, 11, 21, 7, 15, tzinfo=JST), datetime(2026, 11, 24, 9, 0, tzinfo=JST)),
    (datetime(2026, 11, 21, 19, 0, tzinfo=JST), datetime(2026, 11, 24, 9, 0, tzinfo=JST)),
    # 年末年始 (closure days) at 15:00 → the first business day of 2027 at 15:00.
    (datetime(2026, 12, 30, 15, 0, tzinfo=JST), datetime(2027, 1, 4, 15, 0, tzinfo=JST)),
])
def test_a_day_off_moves_to_the_next_business_day_keeping_its_time(moment, expected):
    assert fit_to_call_window(moment) == expected


@pytest.mark.parametrize(("day", "kind", "text"), [
    (date(2026, 2, 23), "holiday", "祝日（天皇誕生日）"),
    (date(2026, 11, 23), "holiday", "祝日（勤労感謝の日）"),
    (date(2026, 5, 6), "holiday", "祝日（憲法記念日 振替休日）"),
    (date(2027, 1, 1), "holiday", "祝日（元日）"),  # a holiday in the closure: the holiday is named
    (date(2026, 11, 21), "saturday", "土曜日"),
    (date(2026, 11, 22), "sunday", "日曜日"),
    (date(2026, 12, 30), "closure", "休業日（年末年始）"),
    (date(2027, 1, 2), "closure", "休業日（年末年始）"),  # a Saturday in the closure
    (date(2026, 11, 24), None, None),
])
def test_describe_non_business_day(day, kind, text):
    assert describe_non_business_day(day) == text
    assert (day_off(day).kind if day_off(day) else None) == kind
    assert (text is None) == is_business_day(day)


def test_a_closure_inside_the_year_has_no_name():
    summer = (("08-13", "08-16"),)
    assert describe_non_business_day(date(2026, 8, 13), summer) == "休業日"
    assert describe_non_business_day(date(2026, 12, 30), summer) is None


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2026, 11, 13), date(2026, 11, 16), 1),   # Friday → Monday
    (date(2026, 11, 20), date(2026, 11, 24), 1),   # Friday → Tuesday over 勤労感謝の日
    (date(2026, 11, 20), date(2026, 11, 21), 0),   # Friday → Saturday: no business day in between
    (date(2026, 11, 21), date(2026, 11, 24), 1),   # due on a Saturday, done Tuesday
    (date(2026, 12, 28), date(2027, 1, 4), 1),     # over 年末年始
    (date(2026, 12, 25), date(2027, 1, 5), 3),     # 12/28, 1/4, 1/5
    (date(2026, 11, 18), date(2026, 11, 18), 0),
    (date(2026, 11, 18), date(2026, 11, 10), 0),   # done before it was due
    (date(2026, 4, 30), date(2026, 5, 7), 2),      # Golden Week: 5/1 and 5/7 (5/4–5/6 are holidays)
])
def test_business_days_between_known_answers(start, end, expected):
    assert business_days_between(start, end) == expected


def test_business_days_between_counts_what_is_business_day_says():
    closures = (("12-29", "01-03"), ("08-13", "08-15"))
    days = [date(2025, 12, 20) + timedelta(days=n) for n in range(800)]
    so_far = [0]  # business days from days[1] up to each day
    for day in days[1:]:
        so_far.append(so_far[-1] + is_business_day(day, closures))
    for i in range(0, len(days), 11):
        for j in range(i, len(days), 3):
            assert business_days_between(days[i], days[j], closures) == so_far[j] - so_far[i], days[i]


def test_fit_to_call_window_with_custom_windows():
    windows = ((time(10, 0), time(11, 30)), (time(14, 0), time(16, 0)))
    assert fit_to_call_window(datetime(2026, 11, 20, 11, 30), windows) == datetime(2026, 11, 20, 14, 0)
    assert fit_to_call_window(datetime(2026, 11, 20, 9, 0), windows) == datetime(2026, 11, 20, 10, 0)
    # No windows: any time of a business day will do; only the day moves.
    assert fit_to_call_window(datetime(2026, 11, 21, 20, 5), ()) == datetime(2026, 11, 24, 20, 5)


def test_calendar_rules_default_round_trip_and_damaged_setting(fresh_db):
    assert load_calendar(fresh_db) == CalendarRules()
    rules = CalendarRules(closures=(("08-13", "08-16"), ("12-30", "01-03")),
                          windows=((time(10, 0), time(12, 0)), (time(13, 30), time(17, 0))))
    save_calendar(fresh_db, rules)
    assert load_calendar(fresh_db) == rules
    # The same keys and shapes as models/store/settings.py writes.
    assert settings.get_setting(fresh_db, settings.CALL_WINDOWS) == [["10:00", "12:00"], ["13:30", "17:00"]]
    assert settings.get_setting(fresh_db, settings.CLOSURE_DAYS) == [["08-13", "08-16"], ["12-30", "01-03"]]
    settings.set_setting(fresh_db, settings.CALL_WINDOWS, [["18:00", "09:00"]])
    assert load_calendar(fresh_db) == CalendarRules()


def test_calendar_rules_reject_bad_values():
    with pytest.raises(ValidationError, match="MM-DD"):
        CalendarRules(closures=(("12/29", "01-03"),))
    with pytest.raises(ValidationError, match="存在しない"):
        CalendarRules(closures=(("02-30", "03-01"),))
    with pytest.raises(ValidationError):
        CalendarRules(windows=((time(12), time(9)),))
