"""The days Kakeru works with: 1900-01-01 to 2999-12-31.

A date a person gives (a command-line ``--date``, a KPI period, the day of an agenda) is checked against
this range where it comes in, so the arithmetic that follows (the day after, the week before, a month
earlier for a comparison) never runs past what ``datetime.date`` can hold: 9999-12-31 plus a day is an
``OverflowError``, not a sentence.
"""

from __future__ import annotations

from datetime import date

from models.store.errors import ValidationError

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def check_day(day: date) -> date:
    """``day`` when it is in the range Kakeru works with.

    Raises:
        ValidationError: ``day`` is before 1900-01-01 or after 2999-12-31.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            f"日付「{day.isoformat()}」は扱える範囲の外です。"
            f"{FIRST_DAY.isoformat()} から {LAST_DAY.isoformat()} までの日付を指定してください。"
        )
    return day
