"""The hybrid logical clock: ordered as text, never behind what it stamped or saw."""

from __future__ import annotations

import random

from models.team.hlc import ZERO, ms_of, parse, receive, tick


def test_a_first_tick_takes_the_wall_clock():
    assert tick(ZERO, 1_700_000_000_000, "a") == "1700000000000:00000:a"


def test_ticks_in_one_millisecond_count_up_and_stay_ordered():
    first = tick(ZERO, 5, "a")
    second = tick(first, 5, "a")
    assert parse(second) == (5, 1, "a")
    assert first < second


def test_a_wall_clock_that_went_back_does_not_take_the_clock_back():
    late = tick(ZERO, 10_000, "a")
    assert tick(late, 9_000, "a") > late


def test_an_edit_after_a_pulled_change_is_ordered_after_it_even_with_a_slow_clock():
    theirs = tick(ZERO, 50_000, "b")  # the other laptop's clock runs ahead
    mine = receive(tick(ZERO, 10_000, "a"), theirs, "a")
    assert tick(mine, 10_001, "a") > theirs


def test_receiving_an_older_change_keeps_the_clock():
    mine = tick(ZERO, 10_000, "a")
    assert receive(mine, tick(ZERO, 5_000, "b"), "a") == mine


def test_text_order_is_the_order_of_the_parts():
    rng = random.Random(3)
    stamps = [tick(ZERO, rng.randrange(1, 10**12), rng.choice("abc")) for _ in range(200)]
    assert sorted(stamps) == sorted(stamps, key=parse)


def test_the_counter_overflows_into_the_next_millisecond():
    full = "0000000000005:99999:a"
    assert parse(tick(full, 5, "a")) == (6, 0, "a")


def test_ms_of_reads_an_outbox_timestamp():
    assert ms_of("1970-01-01T00:00:01.500+00:00") == 1500
    assert ms_of("1970-01-01T09:00:01.000+09:00") == 1000
