"""One Kakeru per database: a lock file beside it, and a warning for databases on network drives.

The lock file ``<database>.lock`` (e.g. ``kakeru.db.lock``) is held with an OS lock for as long as
the app runs (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows); the OS drops the lock when
the process ends in any way, so a lock file left by a crash is simply taken over. Its content is
JSON that a second start reads to say who holds it and to reach the first window::

    {"pid": 12345, "server": "kakeru-3f9a0c1b2d4e", "host": "laptop",
     "started_at": "2026-11-23T10:15:00+09:00"}

``server`` is the name the GUI listens on with ``QLocalServer`` (derived from the database path,
so both starts compute the same one); this module only stores and reads it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from models.store.db import now_iso
from models.store.errors import KakeruError
from models.store.private import PRIVATE_FILE, tighten

LOCK_SUFFIX = ".lock"
# Windows locks a byte range, which would also block readers of the PID: lock a byte far past it.
_WINDOWS_LOCK_OFFSET = 1 << 20
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "afpfs",
    "ncpfs", "coda", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "davfs",
    "fuse.davfs2", "webdav", "fuse.rclone", "fuse.s3fs", "s3fs", "ftp", "fuse.curlftpfs",
})
DRIVE_REMOTE = 4


class AlreadyRunning(KakeruError):
    """Another Kakeru holds the database open."""

    def __init__(self, lock_path: str | Path, pid: int | None, server_name: str | None):
        self.lock_path = str(lock_path)
        self.pid = pid
        self.server_name = server_name
        who = f"（プロセス ID {pid}）" if pid else ""
        super().__init__(
            f"このデータベースは、すでに別の Kakeru{who}で開かれています。"
            "開いている Kakeru の画面をお使いください。同じデータベースを二つ同時に開くことはできません。"
        )


@dataclass
class InstanceLock:
    """A held lock; release it with ``release()`` or by using it as a context manager."""

    path: Path
    pid: int
    server_name: str
    _fd: int | None = field(default=None, repr=False)

    def release(self) -> None:
        """Give the lock up and remove the lock file (safe to call twice)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name == "posix":
            # Unlink while still holding the lock: a newcomer then never locks a file about to vanish.
            with contextlib.suppress(FileNotFoundError):
                if _same_file(fd, self.path):
                    self.path.unlink()
            os.close(fd)
        else:
            with contextlib.suppress(OSError):
                os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
                _msvcrt().locking(fd, _msvcrt().LK_UNLCK, 1)
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def lock_path_for(db_path: str | Path) -> Path:
    path = Path(db_path).resolve()
    return path.with_name(path.name + LOCK_SUFFIX)


def server_name_for(db_path: str | Path) -> str:
    """The local socket name the first window listens on for this database."""
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"kakeru-{digest}"


def acquire(db_path: str | Path, server_name: str | None = None) -> InstanceLock:
    """Take the lock for the database at ``db_path``.

    Raises:
        AlreadyRunning: another live process holds it (its PID and server name are attached).
    """
    path = lock_path_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    server_name = server_name or server_name_for(db_path)
    for _ in range(5):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        tighten(path, PRIVATE_FILE)  # a lock file an older Kakeru left readable by others
        try:
            held = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if held is False:
            os.close(fd)
            pid, other_server = _read_holder(path)
            raise AlreadyRunning(path, pid, other_server)
        if held is None:  # the file system cannot lock (some network drives): trust the PID
            pid, other_server = _read_info(fd)
            if pid and pid != os.getpid() and _pid_alive(pid):
                os.close(fd)
                raise AlreadyRunning(path, pid, other_server)
        if os.name == "posix" and not _same_file(fd, path):
            os.close(fd)  # the holder removed the file as we opened it: start again on the new one
            continue
        _write_info(fd, server_name)
        return InstanceLock(path, os.getpid(), server_name, fd)
    raise AlreadyRunning(path, None, None)


def read_lock(db_path: str | Path) -> tuple[int | None, str | None]:
    """The (PID, server name) written in the lock file of ``db_path``, or (None, None)."""
    return _read_holder(lock_path_for(db_path))


def _try_lock(fd: int) -> bool | None:
    """True when locked, False when someone else holds it, None when locking is not supported."""
    if os.name == "posix":
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                return None
            raise
        return True
    msvcrt = _msvcrt()
    os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EDEADLK):
            return False
        raise
    finally:
        os.lseek(fd, 0, os.SEEK_SET)
    return True


def _msvcrt():
    import msvcrt

    return msvcrt


def _same_file(fd: int, path: Path) -> bool:
    try:
        held, current = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)


def _host_name() -> str:
    if hasattr(os, "uname"):  # what socket.gethostname() answers, without importing socket at start-up
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _write_info(fd: int, server_name: str) -> None:
    info = {"pid": os.getpid(), "server": server_name, "host": _host_name(), "started_at": now_iso()}
    data = (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    # Not synced to the disk: the lock is the OS's (gone with the process), the file only says who holds
    # it to a Kakeru running now, which reads it from the OS's cache. A sync cost 4-10 ms of every start.
    os.write(fd, data)


def _parse_info(data: bytes) -> tuple[int | None, str | None]:
    try:
        info = json.loads(data.decode("utf-8"))
        pid = int(info["pid"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None, None
    server = info.get("server")
    return pid, server if isinstance(server, str) else None


def _read_info(fd: int) -> tuple[int | None, str | None]:
    os.lseek(fd, 0, os.SEEK_SET)
    return _parse_info(os.read(fd, 4096))


def _read_holder(path: Path) -> tuple[int | None, str | None]:
    """Read the holder's details; retry briefly, as the holder may be writing them just now."""
    for _ in range(10):
        try:
            pid, server = _parse_info(path.read_bytes()[:4096])
        except OSError:
            pid, server = None, None
        if pid is not None:
            return pid, server
        time.sleep(0.02)
    return None, None


def _pid_alive(pid: int) -> bool:
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    import ctypes  # Windows only: not loaded at every start elsewhere

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# -- network drives -------------------------------------------------------------------------------

def is_network_path(path: str | Path, *, mounts: str | None = None, platform: str | None = None) -> bool:
    """Whether ``path`` lies on a network file system, where SQLite's WAL mode is unsafe.

    Args:
        path: the database file (it need not exist yet).
        mounts: the mount table to use instead of the system's: ``/proc/mounts`` content on Linux,
            ``mount`` command output on macOS (tests pass it).
        platform: ``sys.platform`` to assume (tests pass it).

    Returns False when it cannot tell.
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _windows_network(str(path))
    absolute = _absolute(path, resolve=mounts is None)
    if platform.startswith("linux"):
        if mounts is None:
            try:
                mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return False
        table = _parse_proc_mounts(mounts)
    elif platform == "darwin":
        if mounts is None:
            import subprocess  # macOS only: not loaded at every start elsewhere

            try:
                mounts = subprocess.run(
                    ["mount"], capture_output=True, text=True, timeout=3, check=True
                ).stdout
            except (OSError, subprocess.SubprocessError):
                return False
        table = _parse_mount_output(mounts)
    else:
        return False
    fs_type = _fs_type_of(absolute, table)
    return fs_type is not None and (fs_type in NETWORK_FS_TYPES or fs_type.split(".")[-1] in NETWORK_FS_TYPES)


def network_warning_text(path: str | Path) -> str:
    """The warning shown when the database is on a network drive."""
    return (
        f"データベース「{path}」はネットワーク上のフォルダーにあります。"
        "ネットワークドライブでは SQLite の WAL（先行書き込みログ）が正しく動かず、"
        "データが壊れるおそれがあります。このパソコン内のフォルダーにデータベースを移してからお使いください。"
    )


def _absolute(path: str | Path, *, resolve: bool) -> str:
    path = Path(path)
    return str(path.resolve() if resolve else Path(os.path.abspath(path)))


def _unescape_mount(text: str) -> str:
    """/proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes (``\\040``)."""
    for code in ("040", "011", "012", "134"):
        text = text.replace("\\" + code, chr(int(code, 8)))
    return text


def _parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    table = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            table.append((_unescape_mount(parts[1]), parts[2].lower()))
    return table


def _parse_mount_output(text: str) -> list[tuple[str, str]]:
    """macOS ``mount``: ``//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by me)``."""
    table = []
    for line in text.splitlines():
        if " on " not in line or not line.rstrip().endswith(")"):
            continue
        head, _, options = line.rstrip()[:-1].rpartition(" (")
        _, _, mount_point = head.partition(" on ")
        fs_type = options.split(",")[0].strip().lower()
        if mount_point and fs_type:
            table.append((mount_point, fs_type))
    return table


def _fs_type_of(absolute: str, table: list[tuple[str, str]]) -> str | None:
    """The type of the longest mount point containing ``absolute`` (the last one listed wins ties)."""
    best: tuple[int, str] | None = None
    for mount_point, fs_type in table:
        root = mount_point.rstrip("/") or "/"
        inside = root == "/" or absolute == root or absolute.startswith(root + "/")
        if inside and (best is None or len(root) >= best[0]):
            best = (len(root), fs_type)
    return best[1] if best else None


def _windows_network(path: str) -> bool:
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    if text.startswith("\\\\?\\"):
        text = text[4:]
    elif text.startswith("\\\\"):
        return True  # \\server\share
    import ctypes

    if not hasattr(ctypes, "windll"):
        return False
    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
