"""A throwaway PostgreSQL cluster: started from the installed binaries in a temporary folder, then removed.

Used by the team tests (``tests/team/conftest.py``) and the team benchmarks (``bench/figures_team.py``).
The cluster listens on 127.0.0.1 at a free port with its unix socket in its folder. PostgreSQL refuses to
run as root, so under root it runs as the system user ``kakeru_pg``, made when missing.
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
from dataclasses import dataclass
from pathlib import Path

from psycopg.conninfo import make_conninfo

PG_USER = "kakeru_pg"  # the system user the cluster runs as when the tests run as root
SUPERUSER = "kakeru"


def pg_bin() -> Path | None:
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
    bin_dir: Path | None = None

    @property
    def dsn(self) -> str:
        return self.dsn_for("postgres")

    @property
    def data(self) -> Path:
        return self.socket_dir / "data"

    def dsn_for(self, dbname: str, **extra: str) -> str:
        return make_conninfo(host=self.host, port=self.port, user=self.user, password=self.password,
                             dbname=dbname, **extra)

    def _options(self) -> str:
        # fsync off: a throwaway cluster need not survive a power cut, and the tests run faster.
        return (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (``pg_ctl stop -m mode``): every connection is cut."""
        assert self.bin_dir is not None
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
             cwd=self.socket_dir)

    def start(self) -> None:
        """Start the cluster again on the same port and folder."""
        assert self.bin_dir is not None
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.socket_dir / "log"),
              "-o", self._options(), "-w", "start"], cwd=self.socket_dir)

    def remove(self) -> None:
        """Stop the cluster at once and delete its folder."""
        if self.bin_dir is not None:
            subprocess.run(_as_owner([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                      "-w", "stop"]), cwd=self.socket_dir, capture_output=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)


def start_cluster(bin_dir: Path) -> PgServer:
    """Make and start a cluster with ``bin_dir``'s initdb and pg_ctl; ``remove()`` it when done."""
    if os.geteuid() == 0:
        _ensure_pg_user()
    # Not a private temporary folder: the cluster's user must reach this one.
    home = Path(tempfile.mkdtemp(prefix="kakeru-pg-"))
    password = secrets.token_hex(16)
    password_file = home / "password"
    password_file.write_text(password + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        owner = pwd.getpwnam(PG_USER)
        for path in (home, password_file):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    server = PgServer("127.0.0.1", _free_port(), SUPERUSER, password, home, bin_dir)
    try:
        # Over TCP the superuser logs in with a password, as a team's callers will (the socket admits
        # only a system user of a role's name, by peer authentication).
        _run([str(bin_dir / "initdb"), "-D", str(server.data), "-U", SUPERUSER, f"--pwfile={password_file}",
              "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C"], cwd=home)
        server.start()
    except Exception:
        log = home / "log"
        detail = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL from {bin_dir}\n{detail}") from None
    return server
