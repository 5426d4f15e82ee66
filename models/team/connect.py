"""Connecting a laptop to the team's server as one member: password from the keychain, TLS off loopback.

The server is a DSN without a password (``host=… port=… dbname=…`` or a ``postgresql://`` URI); the
member's login is given apart, and their password comes from the caller of ``connect`` or else from the
OS keychain (``keyring``: service ``Kakeru チーム``, user ``login@host:port/dbname``). The password is never
written to a settings file, a log or an exception's text.

Any host that is not loopback (``localhost``, 127.0.0.0/8, ::1) nor a unix socket is reached with
``sslmode=verify-full``, whatever the DSN says: the server's certificate must chain to a trusted root and
name the host, or no password is sent. The host checked is the one the certificate must name (``host``),
not ``hostaddr``. Each failure is a ``TeamError`` with one plain sentence.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import psycopg
from psycopg import Connection
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.team.errors import (
    CertificateNotTrusted,
    LoginRefused,
    NoSuchTeam,
    NotAMember,
    PasswordMissing,
    ServerUnreachable,
    TeamNotSetUp,
)
from models.team.server_schema import check_server_version

SERVICE = "Kakeru チーム"
CONNECT_TIMEOUT_S = 5  # a laptop offline should hear so quickly, not after the OS's minute-long TCP timeout

# libpq's words for a certificate or TLS failure (it gives no SQLSTATE before a connection exists).
_TLS_WORDS = ("certificate", "ssl", "tls", "does not match host name")


def _params(server_dsn: str) -> dict[str, Any]:
    return conninfo_to_dict(server_dsn)


def where(server_dsn: str) -> str:
    """``host:port/dbname`` of the DSN, as messages and the keychain name the server."""
    params = _params(server_dsn)
    host = str(params.get("host") or params.get("hostaddr") or "localhost")
    port = str(params.get("port") or 5432)
    dbname = str(params.get("dbname") or params.get("user") or "")
    return f"{host}:{port}/{dbname}"


def keychain_user(server_dsn: str, login: str) -> str:
    """The keychain entry's user name for ``login`` on this server's database."""
    return f"{login}@{where(server_dsn)}"


def is_local(host: str) -> bool:
    """Whether ``host`` is loopback or a unix socket (empty: libpq's default socket)."""
    host = host.strip()
    if not host or host.startswith(("/", "@")) or host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ssl_mode(server_dsn: str) -> str | None:
    """``verify-full`` when any host of the DSN is off this machine; None (libpq's default) otherwise."""
    hosts = str(_params(server_dsn).get("host") or "").split(",")
    return None if all(is_local(host) for host in hosts) else "verify-full"


def _keyring():
    import keyring  # loaded only when a team is used

    return keyring


def save_password(server_dsn: str, login: str, password: str) -> None:
    """Keep ``login``'s password for this server in the OS keychain.

    Raises:
        KeychainUnavailable: there is no usable keychain; nothing was stored anywhere.
    """
    from models.store.keychain import KeychainUnavailable

    try:
        _keyring().set_password(SERVICE, keychain_user(server_dsn, login), password)
    except Exception as error:  # every backend fails its own way (no D-Bus, locked, refused)
        raise KeychainUnavailable(type(error).__name__) from None


def recall_password(server_dsn: str, login: str) -> str | None:
    """The password the keychain holds for ``login`` on this server; None when none or no keychain."""
    try:
        return _keyring().get_password(SERVICE, keychain_user(server_dsn, login))
    except Exception:  # no keychain: the password is asked for instead
        return None


def forget_password(server_dsn: str, login: str) -> bool:
    """Remove the kept password; whether one was removed."""
    try:
        _keyring().delete_password(SERVICE, keychain_user(server_dsn, login))
    except Exception:  # none stored, or no keychain: either way nothing is kept now
        return False
    return True


def connection_string(server_dsn: str, login: str, password: str | None) -> str:
    """The libpq connection string ``connect`` uses (contains the password: never log it)."""
    params = _params(server_dsn)
    params["user"] = login
    return _with_rules(server_dsn, params, password)


def _with_rules(server_dsn: str, params: dict[str, Any], password: str | None) -> str:
    if password is not None:
        params["password"] = password
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    params.setdefault("application_name", "Kakeru")
    mode = ssl_mode(server_dsn)
    if mode is not None:
        params["sslmode"] = mode
    return make_conninfo(**params)


def _failure(error: psycopg.OperationalError, server_dsn: str, login: str, password_given: bool) -> Exception:
    text = str(error).lower()
    sqlstate = error.sqlstate
    place = where(server_dsn)
    if sqlstate == "42501" or "permission denied for database" in text:
        return NotAMember(login)
    if sqlstate in ("28P01", "28000") or "password authentication failed" in text:
        return LoginRefused(login)
    if "no password supplied" in text:
        return LoginRefused(login) if password_given else PasswordMissing(login, place)
    if sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return NoSuchTeam(place)
    if ssl_mode(server_dsn) is not None and any(word in text for word in _TLS_WORDS):
        return CertificateNotTrusted(place)
    return ServerUnreachable(place)


def connect(server_dsn: str, login: str, password: str | None = None) -> Connection:
    """A connection to the team's server as ``login``, checked to be a member and not too new.

    The password: ``password`` if given, else the DSN's, else the keychain's, else libpq's own sources
    (``PGPASSWORD``, ``~/.pgpass``).

    Raises:
        ServerUnreachable: no answer (wrong address, no network, server stopped, timed out).
        LoginRefused: wrong password or no such login.
        PasswordMissing: no password anywhere.
        CertificateNotTrusted: off loopback, the server's TLS certificate could not be verified.
        NotAMember: the login may not use this team's database, or is not (or no longer) a member.
        NoSuchTeam, TeamNotSetUp: no such database, or no team in it.
        ServerTooNew: the server's schema is newer than this Kakeru.
    """
    if password is None:
        password = _params(server_dsn).get("password") or recall_password(server_dsn, login)
    try:
        conn = psycopg.connect(connection_string(server_dsn, login, password))
    except psycopg.OperationalError as error:
        # Raised from None: the libpq text adds nothing for the user, and the sentence says it all.
        raise _failure(error, server_dsn, login, password is not None) from None
    try:
        with conn.transaction():
            version = check_server_version(conn)
            if version == 0:
                raise TeamNotSetUp(where(server_dsn))
            row = conn.execute("SELECT kakeru.my_name()").fetchone()
            if row is None or row[0] is None:
                raise NotAMember(login)
    except psycopg.errors.InsufficientPrivilege:
        conn.close()  # a login allowed into the database but given none of the team's grants
        raise NotAMember(login) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_admin(server_dsn: str, password: str | None = None) -> Connection:
    """A connection as the DSN's own user, for setting a team up (``team init``, ``add-caller``, ``assign``).

    Not checked for membership: the team's administrator (the database's owner) is no member, and the
    server itself refuses what the login may not do. The password: ``password``, else the DSN's, else the
    keychain's for the DSN's user, else libpq's own sources. The TLS rule and the failures are
    ``connect``'s.
    """
    params = _params(server_dsn)
    login = str(params.get("user") or "")
    if password is None and not params.get("password") and login:
        password = recall_password(server_dsn, login)
    conninfo = _with_rules(server_dsn, params, password)
    try:
        return psycopg.connect(conninfo)
    except psycopg.OperationalError as error:
        raise _failure(error, server_dsn, login or "（既定のユーザー）",
                       bool(params.get("password"))) from None
