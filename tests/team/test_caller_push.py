"""A caller's own file reaches the team: a caller who joins with accounts of their own (an import made
offline, a list they built) pushes them through the server's row-level security, as a manager does."""

from __future__ import annotations

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.accounts import companies, lists
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.team.join import join
from models.team.outbox import pending
from models.team.sync import connector, sync
from tests.team.team_roles import make_team


def test_a_caller_pushes_their_own_import_list_people_and_calls(tmp_path, team_dsn, monkeypatch):
    team = make_team(team_dsn, callers=("佐藤",), managers=("田中",))
    params = {key: value for key, value in conninfo_to_dict(team_dsn).items()
              if key not in ("password", "user")}
    dsn = make_conninfo(**params)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("PGPASSWORD", team.passwords["佐藤"])

    db = open_db(tmp_path / "sato.db")
    company = companies.create_company(db, {"name": "株式会社佐藤の開拓先"})
    companies.create_contact(db, company.id, {"name": "山田 太郎"})
    own = lists.create_list(db, "佐藤の新規リスト")
    lists.add_to_list(db, own.id, [company.id])
    join(db, dsn, team.logins["佐藤"], "佐藤")
    log_outcome(db, company.id, "not_available", plan_next=False)

    result = sync(db, connector(dsn, team.logins["佐藤"]))
    assert result.pushed >= 5 and pending(db) == []
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT name, created_by FROM kakeru.companies").fetchall() == [
            ("株式会社佐藤の開拓先", team.logins["佐藤"])]
        assert admin.execute("SELECT count(*) FROM kakeru.contacts").fetchone() == (1,)
        assert admin.execute("SELECT name FROM kakeru.target_lists").fetchall() == [("佐藤の新規リスト",)]
        assert admin.execute("SELECT count(*) FROM kakeru.list_members").fetchone() == (1,)
        assert admin.execute("SELECT caller FROM kakeru.touches").fetchall() == [("佐藤",)]
    # An edit made afterwards goes through too (the row is the caller's to edit).
    companies.update_company(db, company.id, {"phone": "03-1234-5678"})
    sync(db, connector(dsn, team.logins["佐藤"]))
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT phone FROM kakeru.companies").fetchone() == ("03-1234-5678",)
