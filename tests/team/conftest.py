"""A real PostgreSQL for the team tests: a throwaway cluster started for the session, a database per test.

The cluster is Debian's (or any) PostgreSQL binaries run from a temporary folder, listening on
127.0.0.1 at a free port with its unix socket in that folder; it is stopped and removed at the end.
PostgreSQL refuses to run as root, so under root (CI) it runs as the system user ``kakeru_pg``, made
when missing. Without PostgreSQL installed the team tests are skipped with the reason (``.ci/run``
installs it; ``apt-get install postgresql`` does it on a developer's machine).
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

PG_USER = "kakeru_pg"  # the system user the cluster runs as when the tests run as root
SUPERUSER = "kakeru"


def _pg_bin() -> Path | None:
    """The folder of initdb and pg_ctl: Debian's newest under /usr/lib/postgresql, else the PATH's."""
    def major(path: str) -> int:
        version = Path(path).parent.parent.name
        return int(version) if version.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _as_owner(argv: list[str]) -> list[str]:
    """``argv`` run as the cluster's owner: ``kakeru_pg`` under root, else the current user."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", PG_USER, "--", *argv]
    return ["su", "-s", "/bin/sh", "-c", " ".join(f"'{arg}'" for arg in argv), PG_USER]


def _ensure_pg_user() -> None:
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "-r", "-M", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", PG_USER],
                       check=True, capture_output=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(argv: list[str], cwd: Path) -> None:
    done = subprocess.run(_as_owner(argv), cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@dataclass(frozen=True)
class PgServer:
    """A running throwaway cluster: ``dsn`` is its superuser's, to the ``postgres`` database."""

    host: str
    port: int
    user: str
    password: str
    socket_dir: Path

    @property
    def dsn(self) -> str:
        return self.dsn_for("postgres")

    def dsn_for(self, dbname: str, **extra: str) -> str:
        return make_conninfo(host=self.host, port=self.port, user=self.user, password=self.password,
                             dbname=dbname, **extra)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """Start a PostgreSQL cluster for the session (skipped, saying why, when PostgreSQL is missing)."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): the team tests need a real "
                    "server; .ci/run installs it")
    if os.geteuid() == 0:
        _ensure_pg_user()
    # Not pytest's tmp_path: its folders are private to the test's user, and the cluster's user must
    # reach this one.
    home = Path(tempfile.mkdtemp(prefix="kakeru-pg-"))
    password = secrets.token_hex(16)
    password_file = home / "password"
    password_file.write_text(password + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        owner = pwd.getpwnam(PG_USER)
        for path in (home, password_file):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    data = home / "data"
    port = _free_port()
    try:
        # Over TCP the superuser logs in with a password, as a team's callers will (the socket admits
        # only a system user of a role's name, by peer authentication).
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, f"--pwfile={password_file}",
              "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C"], cwd=home)
        # fsync off: a throwaway cluster need not survive a power cut, and the tests run faster.
        options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-o", options, "-w",
              "start"], cwd=home)
    except Exception:
        log = home / "log"
        detail = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL from {bin_dir}\n{detail}") from None
    server = PgServer("127.0.0.1", port, SUPERUSER, password, home)
    try:
        yield server
    finally:
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                  "stop"]), cwd=home, capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def team_dsn(pg_server: PgServer) -> Iterator[str]:
    """A new, empty database on the session's server for one test; its DSN (the superuser's)."""
    name = f"team_{secrets.token_hex(6)}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_server.dsn_for(name)
    finally:
        with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
