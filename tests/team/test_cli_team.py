"""``main.py team init | add-caller | assign`` against a real PostgreSQL: messages and exit codes."""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import sys

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

import main
from cli.team import TEAM_PASSWORD_VARIABLE, member_dsn
from tests.team.team_roles import seed

PASSWORD = "tanaka-pass-1"


class _EmptyKeychain:
    """A keychain holding nothing, so no test reads the machine's own."""

    def get_password(self, service, username):
        return None


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    """No terminal to type at, no keychain, and no password in the environment unless a test gives one."""
    monkeypatch.setattr("models.team.connect._keyring", _EmptyKeychain)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.delenv(TEAM_PASSWORD_VARIABLE, raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main.main(["team", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _add(capsys, monkeypatch, dsn: str, name: str, login: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setenv(TEAM_PASSWORD_VARIABLE, PASSWORD)
    try:
        return run(capsys, "add-caller", name, "--server", dsn, "--login", login, *extra)
    finally:
        monkeypatch.delenv(TEAM_PASSWORD_VARIABLE)


def test_init_creates_the_team_once_and_then_says_it_is_current(team_dsn, capsys):
    code, out, err = run(capsys, "init", "--server", team_dsn)
    assert code == 0, err
    assert "チームを作成しました" in out and "kakeru_caller_" in out
    assert conninfo_to_dict(team_dsn)["password"] not in out + err
    code, out, _ = run(capsys, "init", "--server", team_dsn)
    assert code == 0 and "すでに最新です" in out


def test_add_caller_and_assign_by_a_manager(team_dsn, capsys, monkeypatch):
    assert run(capsys, "init", "--server", team_dsn)[0] == 0
    code, out, err = _add(capsys, monkeypatch, team_dsn, "田中", "tanaka_cli", "--manager")
    assert code == 0, err
    assert "「田中」をマネージャーとしてチームに追加しました" in out and "tanaka_cli" in out
    assert PASSWORD not in out + err and conninfo_to_dict(team_dsn)["password"] not in out
    code, out, err = _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_cli")
    assert code == 0 and "コーラー" in out, err
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        seed(admin, "c2", "L1")

    manager = make_conninfo(team_dsn, user="tanaka_cli", password=PASSWORD)
    code, out, err = run(capsys, "assign", "リストL1", "--to", "佐藤", "--server", manager)
    assert code == 0, err
    # The list, 2 companies, 2 contacts and 2 list members are re-sent.
    assert "リスト「リストL1」を「佐藤」に割り当てました" in out and "7 件" in out
    code, out, _ = run(capsys, "assign", "リストL1", "--to", "sato_cli", "--server", manager)
    assert code == 0 and "送り直しました" in out

    # The member logs in with the password given, at the DSN the message hands them.
    with psycopg.connect(make_conninfo(member_dsn(team_dsn, "sato_cli"), password=PASSWORD)) as sato:
        seen = sato.execute("SELECT kakeru.my_name(), count(*) FROM kakeru.companies").fetchone()
        assert seen == ("佐藤", 2)
        assert conninfo_to_dict(member_dsn(team_dsn, "sato_cli")).get("password") is None


def test_a_caller_cannot_assign_and_a_wrong_password_is_refused(team_dsn, capsys, monkeypatch):
    run(capsys, "init", "--server", team_dsn)
    _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_cli2")
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
    caller = make_conninfo(team_dsn, user="sato_cli2", password=PASSWORD)
    code, _, err = run(capsys, "assign", "L1", "--to", "佐藤", "--server", caller)
    assert code == 1 and "マネージャーだけ" in err
    wrong = make_conninfo(team_dsn, user="sato_cli2", password="not-the-password")
    code, _, err = run(capsys, "assign", "L1", "--to", "佐藤", "--server", wrong)
    assert code == 1 and "パスワードが正しくない" in err and "not-the-password" not in err
    with psycopg.connect(team_dsn) as admin:
        assert admin.execute("SELECT count(*) FROM kakeru.assignments").fetchone() == (0,)


def test_add_caller_needs_a_password_a_usable_login_and_a_new_name(team_dsn, capsys, monkeypatch):
    run(capsys, "init", "--server", team_dsn)
    code, _, err = run(capsys, "add-caller", "佐藤", "--server", team_dsn, "--login", "sato_cli3")
    assert code == 1 and TEAM_PASSWORD_VARIABLE in err  # no terminal, no variable
    monkeypatch.setenv(TEAM_PASSWORD_VARIABLE, "short")
    code, _, err = run(capsys, "add-caller", "佐藤", "--server", team_dsn, "--login", "sato_cli3")
    assert code == 1 and "8 文字以上" in err
    code, _, err = _add(capsys, monkeypatch, team_dsn, "佐藤", "佐藤")
    assert code == 1 and "--login" in err
    assert _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_cli3")[0] == 0
    code, _, err = _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_cli4")
    assert code == 1 and "すでにこのチームのメンバー" in err
    with psycopg.connect(team_dsn) as admin:
        assert admin.execute("SELECT login FROM kakeru.members").fetchall() == [("sato_cli3",)]
        assert admin.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'sato_cli4'").fetchone() == (0,)


def test_an_unreachable_server_is_one_sentence_and_exit_1(capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run(capsys, "init", "--server", f"host=127.0.0.1 port={port} dbname=team user=admin")
    assert code == 1 and out == ""
    assert err.startswith("エラー: チームのサーバー（127.0.0.1:") and "接続できません" in err
    assert err.count("\n") == 1


def test_the_readme_walk_through_init_add_join_sync_assign(team_dsn, capsys, monkeypatch, tmp_path):
    """What README.md's "チームで使う" says, command by command; the members' passwords from PGPASSWORD."""
    assert run(capsys, "init", "--server", team_dsn)[0] == 0
    assert _add(capsys, monkeypatch, team_dsn, "田中", "tanaka_walk", "--manager")[0] == 0
    assert _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_walk")[0] == 0
    monkeypatch.setenv("PGPASSWORD", PASSWORD)

    manager_db, caller_db = tmp_path / "tanaka.db", tmp_path / "sato.db"
    assert main.main(["demo", "--db", str(manager_db), "--companies", "40", "--seed", "7"]) == 0
    manager_server, caller_server = member_dsn(team_dsn, "tanaka_walk"), member_dsn(team_dsn, "sato_walk")
    code, _, err = run(capsys, "join", "--db", str(manager_db), "--server", manager_server,
                       "--caller", "田中")
    assert code == 0, err
    assert main.main(["sync", "--db", str(manager_db)]) == 0, capsys.readouterr().err
    with psycopg.connect(team_dsn) as admin:
        lists = admin.execute("SELECT name, count(m.uid) FROM kakeru.target_lists AS l "
                              "JOIN kakeru.list_members AS m ON m.list_uid = l.uid "
                              "GROUP BY name ORDER BY name").fetchall()
    assert lists, "the manager's lists reached the server"
    name, members = lists[0]

    code, _, err = run(capsys, "assign", name, "--to", "佐藤", "--server", manager_server)
    assert code == 0, err
    code, _, err = run(capsys, "join", "--db", str(caller_db), "--server", caller_server, "--caller", "佐藤")
    assert code == 0, err
    capsys.readouterr()
    assert main.main(["sync", "--db", str(caller_db), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pulled"] > 0
    with sqlite3.connect(caller_db) as local:
        assert local.execute("SELECT count(*) FROM companies").fetchone()[0] == members
        assert [row[0] for row in local.execute("SELECT name FROM target_lists")] == [name]


def test_a_manager_hands_a_callers_list_over_from_the_command_line(team_dsn, capsys, monkeypatch):
    assert run(capsys, "init", "--server", team_dsn)[0] == 0
    _add(capsys, monkeypatch, team_dsn, "田中", "tanaka_ho", "--manager")
    _add(capsys, monkeypatch, team_dsn, "佐藤", "sato_ho")
    _add(capsys, monkeypatch, team_dsn, "鈴木", "suzuki_ho")
    with psycopg.connect(team_dsn, autocommit=True) as admin:
        seed(admin, "c1", "L1")
        admin.execute("INSERT INTO kakeru.plans (uid, created_at, updated_at, company_uid, due, caller) "
                      "VALUES ('p1', 'now', 'now', 'c1', '2026-12-10', '佐藤')")
    manager = make_conninfo(team_dsn, user="tanaka_ho", password=PASSWORD)
    assert run(capsys, "assign", "L1", "--to", "佐藤", "--server", manager)[0] == 0
    code, out, err = run(capsys, "hand-over", "--from", "佐藤", "--to", "鈴木", "--server", manager)
    assert code == 0, err
    assert "佐藤さんの担当（リスト 1 件、未完了の予定 1 件）を鈴木さんに引き継ぎました" in out
    caller = make_conninfo(team_dsn, user="sato_ho", password=PASSWORD)
    code, _, err = run(capsys, "hand-over", "--from", "鈴木", "--to", "佐藤", "--server", caller)
    assert code != 0 and "マネージャー" in err
    with psycopg.connect(team_dsn) as admin:
        assert admin.execute("SELECT caller FROM kakeru.plans").fetchall() == [("鈴木",)]
