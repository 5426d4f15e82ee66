"""One instance per database (a held lock file, stale ones taken over) and network drive detection."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from models.store.instance_lock import (
    AlreadyRunning,
    acquire,
    is_network_path,
    lock_path_for,
    network_warning_text,
    read_lock,
    server_name_for,
)

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the process tests use POSIX signals")

SECOND_START = """
import sys
from models.store.instance_lock import AlreadyRunning, acquire
try:
    acquire(sys.argv[1])
except AlreadyRunning as error:
    print(error.pid, error.server_name)
    print(error)
    sys.exit(3)
print("acquired")
"""

HOLDER = """
import sys, time
from models.store.instance_lock import acquire
lock = acquire(sys.argv[1])
print("locked", flush=True)
time.sleep(60)
"""


def run_python(code: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=30, **kwargs
    )


def start_holder(db_path: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_the_lock_file_sits_beside_the_database_and_names_the_holder(tmp_path):
    db_path = tmp_path / "kakeru.db"
    with acquire(db_path) as lock:
        assert lock.path == tmp_path / "kakeru.db.lock" == lock_path_for(db_path)
        info = json.loads(lock.path.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        assert info["server"] == lock.server_name == server_name_for(db_path)
        assert read_lock(db_path) == (os.getpid(), lock.server_name)
    assert not lock.path.exists()
    lock.release()  # twice is harmless


def test_a_second_start_in_another_process_is_refused_with_the_first_pid(tmp_path):
    db_path = tmp_path / "kakeru.db"
    with acquire(db_path) as lock:
        result = run_python(SECOND_START, str(db_path))
        assert result.returncode == 3, result.stderr
        first_line, message = result.stdout.splitlines()[:2]
        pid, server = first_line.split()
        assert (int(pid), server) == (os.getpid(), lock.server_name)
        assert "すでに別の Kakeru" in message and str(os.getpid()) in message
    assert run_python(SECOND_START, str(db_path)).stdout.strip() == "acquired"


def test_a_second_acquire_in_the_same_process_is_refused(tmp_path):
    db_path = tmp_path / "kakeru.db"
    with acquire(db_path), pytest.raises(AlreadyRunning):
        acquire(db_path)


def test_the_lock_of_a_killed_process_is_taken_over(tmp_path):
    db_path = tmp_path / "kakeru.db"
    holder = start_holder(db_path)
    try:
        with pytest.raises(AlreadyRunning) as caught:
            acquire(db_path)
        assert caught.value.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_path_for(db_path).exists()  # a crash leaves the file behind …
    with acquire(db_path) as lock:  # … and the next start takes it over
        assert read_lock(db_path)[0] == os.getpid() == lock.pid


def test_a_stale_lock_file_naming_a_dead_process_is_taken_over(tmp_path):
    db_path = tmp_path / "kakeru.db"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    lock_path_for(db_path).write_text(json.dumps({"pid": dead_pid, "server": "kakeru-old"}), encoding="utf-8")
    with acquire(db_path) as lock:
        assert lock.pid == os.getpid()
        assert read_lock(db_path) == (os.getpid(), lock.server_name)


# -- network drives ------------------------------------------------------------------------------

PROC_MOUNTS = r"""/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
server:/export/sales /mnt/sales nfs4 rw,relatime,vers=4.2 0 0
//fileserver/share /mnt/my\040share cifs rw,relatime 0 0
user@host:/home/user /home/me/remote fuse.sshfs rw,nosuid,nodev 0 0
C:\134 /mnt/c 9p rw,noatime 0 0
/dev/sdb1 /mnt/sales/local ext4 rw 0 0
"""

MAC_MOUNT = """/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//tanaka@nas.local/営業 on /Volumes/営業 (smbfs, nodev, nosuid, mounted by tanaka)
nas:/export on /Volumes/nfs share (nfs, asynchronous)
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/me/Kakeru/kakeru.db", False),
    ("/mnt/sales/kakeru.db", True),
    ("/mnt/sales/sub/dir/kakeru.db", True),
    ("/mnt/salesforce/kakeru.db", False),  # a prefix of the name is not the same folder
    ("/mnt/sales/local/kakeru.db", False),  # a local disk mounted inside the share
    ("/mnt/my share/kakeru.db", True),
    ("/home/me/remote/kakeru.db", True),
    ("/mnt/c/Users/me/kakeru.db", True),
])
def test_network_paths_are_found_in_the_linux_mount_table(path, expected):
    assert is_network_path(path, mounts=PROC_MOUNTS, platform="linux") is expected


@pytest.mark.parametrize(("path", "expected"), [
    ("/Users/tanaka/Library/Application Support/Kakeru/kakeru.db", False),
    ("/Volumes/営業/kakeru.db", True),
    ("/Volumes/nfs share/kakeru.db", True),
])
def test_network_paths_are_found_in_the_macos_mount_output(path, expected):
    assert is_network_path(path, mounts=MAC_MOUNT, platform="darwin") is expected


def test_windows_unc_paths_are_network_paths():
    assert is_network_path(r"\\fileserver\share\kakeru.db", platform="win32")
    assert is_network_path(r"\\?\UNC\fileserver\share\kakeru.db", platform="win32")


def test_the_real_mount_table_is_read_without_error(tmp_path):
    assert is_network_path(tmp_path / "kakeru.db") in (False, True)


def test_the_warning_names_the_path_and_what_to_do():
    text = network_warning_text("/mnt/sales/kakeru.db")
    assert "/mnt/sales/kakeru.db" in text and "ネットワーク" in text and "移して" in text
