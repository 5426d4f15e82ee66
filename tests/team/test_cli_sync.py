"""`team join` and `sync` from the command line (main.main), against a real PostgreSQL."""

from __future__ import annotations

import json
import secrets
import socket
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

import main
from models.accounts.companies import create_company
from models.store.db import open_db
from models.team.admin import add_member, init_team
from models.team.outbox import pending


@dataclass(frozen=True)
class Team:
    dsn: str  # without password
    logins: tuple[str, str]  # two managers (a manager reads and writes every row)


@pytest.fixture
def team(team_dsn, monkeypatch):
    """A team set up as `team init` and `team add-caller` do, its members' password in PGPASSWORD."""
    password = secrets.token_hex(8)
    logins = (f"a_{secrets.token_hex(4)}", f"b_{secrets.token_hex(4)}")
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        init_team(admin)
        add_member(admin, "高橋 由美", logins[0], password, manager=True)
        add_member(admin, "田中 一郎", logins[1], password, manager=True)
    params = conninfo_to_dict(team_dsn)
    params.pop("password")
    params.pop("user")
    monkeypatch.setenv("PGPASSWORD", password)  # libpq's own source, after the keychain
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return Team(make_conninfo(**{key: str(value) for key, value in params.items()}), logins)


def _server(team, login):
    return make_conninfo(team.dsn, user=login)


def _file_with_a_company(path, name):
    db = open_db(path)
    create_company(db, {"name": name})
    db.close()


def test_join_then_sync_prints_what_it_did(tmp_path, team, capsys):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _file_with_a_company(a, "株式会社コマンド")
    assert main.main(["team", "join", "--db", str(a), "--server", _server(team, team.logins[0]),
                      "--caller", "高橋 由美"]) == 0
    assert "次の同期で 1 件を送信します" in capsys.readouterr().out
    assert main.main(["sync", "--db", str(a), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"pushed", "pulled", "conflicts", "cursor"}
    assert printed["pushed"] == 1 and printed["conflicts"] == 0

    assert main.main(["team", "join", "--db", str(b), "--server", _server(team, team.logins[1]),
                      "--caller", "田中 一郎"]) == 0
    assert main.main(["sync", "--db", str(b)]) == 0
    assert "受信 3 件" in capsys.readouterr().out  # the team's two members and the company
    db = open_db(b)
    assert db.execute("SELECT name FROM companies").fetchall() == [("株式会社コマンド",)]
    assert db.execute("SELECT login, caller_name FROM sync_state").fetchone() == (team.logins[1], "田中 一郎")
    assert db.execute("SELECT value FROM settings WHERE key = 'caller_name'").fetchone() == ('"田中 一郎"',)
    assert db.execute("SELECT display_name FROM team_members ORDER BY display_name").fetchall() == [
        ("田中 一郎",), ("高橋 由美",)]
    db.close()


def test_an_unreachable_server_fails_plainly_and_keeps_the_outbox(tmp_path, team, capsys):
    path = tmp_path / "a.db"
    _file_with_a_company(path, "株式会社圏外")
    assert main.main(["team", "join", "--db", str(path), "--server", _server(team, team.logins[0]),
                      "--caller", "高橋 由美"]) == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    db = open_db(path)
    db.execute("UPDATE sync_state SET server = ?", [make_conninfo(team.dsn, port=str(closed))])
    db.close()
    capsys.readouterr()
    assert main.main(["sync", "--db", str(path), "--json"]) != 0
    err = capsys.readouterr().err
    assert "接続できません" in err
    db = open_db(path)
    assert len(pending(db)) == 1
    db.close()


def test_sync_of_a_file_not_in_a_team_says_to_join_first(tmp_path, capsys):
    path = tmp_path / "a.db"
    _file_with_a_company(path, "株式会社ひとり")
    assert main.main(["sync", "--db", str(path)]) != 0
    assert "team join" in capsys.readouterr().err


def test_join_with_a_wrong_password_binds_nothing(tmp_path, team, monkeypatch, capsys):
    path = tmp_path / "a.db"
    _file_with_a_company(path, "株式会社拒否")
    monkeypatch.setenv("PGPASSWORD", "wrong")
    assert main.main(["team", "join", "--db", str(path), "--server", _server(team, team.logins[0]),
                      "--caller", "高橋 由美"]) != 0
    assert "ログインできませんでした" in capsys.readouterr().err
    db = open_db(path)
    assert db.execute("SELECT origin FROM sync_state").fetchone() == (None,)
    db.close()
