"""The team's keys of the settings table sync (managers write, everyone reads); personal keys stay put."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import psycopg
import pytest

from models.accounts import scoring
from models.planning import dispositions
from models.planning.calendar import add_business_days
from models.store import schema, settings
from models.store.db import open_db
from models.team.join import join
from models.team.push import set_aside
from models.team.sync import sync
from tests.team.team_roles import make_team

_MONDAY = date(2026, 11, 16)


def _factory(team, name):
    return lambda: psycopg.connect(team.dsn(name), autocommit=True)


@pytest.fixture
def laptops(tmp_path, team_dsn):
    """A manager's laptop and a caller's, both joined and synced once."""
    team = make_team(team_dsn, callers=("佐藤",), managers=("田中",))
    m = open_db(tmp_path / "m.db")
    join(m, team.dsn("田中"), team.logins["田中"], "田中")
    sync(m, _factory(team, "田中"))
    c = open_db(tmp_path / "c.db")
    join(c, team.dsn("佐藤"), team.logins["佐藤"], "佐藤")
    sync(c, _factory(team, "佐藤"))
    yield team, m, c
    m.close()
    c.close()


def _server_keys(team) -> dict[str, str | None]:
    with psycopg.connect(team.admin_dsn) as admin:
        return dict(admin.execute("SELECT key, value FROM kakeru.team_settings").fetchall())


def test_the_team_keys_are_the_ones_migration_16_watches():
    assert set(schema._TEAM_SETTING_KEYS_16) == settings.TEAM_KEYS
    assert set(settings.KEYS) > settings.TEAM_KEYS
    assert not {settings.CALLER_NAME, settings.TIME_ZONE, settings.CALL_SESSION,
                settings.DAILY_TARGET} & settings.TEAM_KEYS


def test_a_managers_disposition_and_scoring_rules_are_in_force_on_the_callers_laptop(laptops):
    team, m, c = laptops
    rules = dispositions.load_rules(m)
    rules["not_available"] = replace(rules["not_available"], offset=7, hypothesis="1週間後に改めて")
    dispositions.save_rules(m, rules)
    scoring.save_rules(m, scoring.ScoringRules(industry_points={"製造業": 55.0}, prefecture_points={}))
    company = c.execute("INSERT INTO companies (uid, created_at, updated_at, name, industry, score) "
                        "VALUES ('c-own', '2026-11-16T09:00:00+09:00', '2026-11-16T09:00:00+09:00', "
                        "'株式会社ローカル', '製造業', 0)").lastrowid

    sync(m, _factory(team, "田中"))
    result = sync(c, _factory(team, "佐藤"))

    assert "settings" in result.tables
    proposal = dispositions.propose_next("not_available", _MONDAY, None, dispositions.load_rules(c))
    assert proposal.due == add_business_days(_MONDAY, 7)
    assert proposal.hypothesis == "1週間後に改めて"
    assert scoring.load_rules(c).industry_points == {"製造業": 55.0}
    # In force at once: the caller's accounts are scored by the team's rules.
    fields = {"industry": "製造業", "employees": None, "prefecture": None, "fiscal_year_end_month": None}
    expected = scoring.Scorer(scoring.load_rules(c))(fields)
    assert expected != scoring.Scorer(scoring.ScoringRules())(fields)
    assert c.execute("SELECT score FROM companies WHERE id = ?", [company]).fetchone()[0] == expected
    assert c.execute("SELECT count(*) FROM settings_unsent").fetchone() == (0,)  # not sent back
    assert sync(c, _factory(team, "佐藤")).refused == 0


def test_personal_and_per_file_keys_never_leave_the_laptop(laptops):
    team, m, c = laptops
    settings.set_caller_name(m, "田中 部長")
    settings.set_daily_target(m, 12)
    settings.set_call_windows(m, [("10:00", "12:00")])
    settings.set_setting(m, settings.TIME_ZONE, "America/Los_Angeles")
    settings.set_closure_days(m, [("08-13", "08-16")])  # the team's calendar: this one goes

    sync(m, _factory(team, "田中"))
    sync(c, _factory(team, "佐藤"))

    assert set(_server_keys(team)) == {settings.CLOSURE_DAYS}
    assert settings.closure_days(c) == [("08-13", "08-16")]
    assert settings.caller_name(c) == "佐藤"  # their own, set when they joined
    assert settings.daily_target(c) == settings.DEFAULT_DAILY_TARGET
    assert settings.call_windows(c) == [tuple(pair) for pair in settings.DEFAULT_CALL_WINDOWS]
    assert settings.get_setting(c, settings.TIME_ZONE) is None


def test_a_callers_change_of_a_team_key_is_refused_and_said(laptops):
    team, m, c = laptops
    rules = dispositions.load_rules(m)
    rules["connected"] = replace(rules["connected"], offset=10)
    dispositions.save_rules(m, rules)
    sync(m, _factory(team, "田中"))
    sync(c, _factory(team, "佐藤"))
    before = _server_keys(team)[settings.DISPOSITION_RULES]

    mine = dispositions.load_rules(c)
    mine["connected"] = replace(mine["connected"], offset=1)
    dispositions.save_rules(c, mine)
    result = sync(c, _factory(team, "佐藤"))

    assert result.refused == 1
    assert result.refused_message is not None and "受け付けなかった変更が" in result.refused_message
    aside = set_aside(c)
    assert [(item.table_name, item.row_uid) for item in aside] == [("settings", settings.DISPOSITION_RULES)]
    assert "only a manager" in aside[0].reason
    assert _server_keys(team)[settings.DISPOSITION_RULES] == before
    # The next sync neither re-sends it nor says it again; the manager's next change replaces it.
    assert sync(c, _factory(team, "佐藤")).refused == 0
    rules["connected"] = replace(rules["connected"], offset=4)
    dispositions.save_rules(m, rules)
    sync(m, _factory(team, "田中"))
    sync(c, _factory(team, "佐藤"))
    assert dispositions.load_rules(c)["connected"].offset == 4
