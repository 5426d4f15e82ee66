"""The crash log is the user's alone and bounded: it rotates to kakeru.log.1 … .3 past LOG_MAX_BYTES."""

from __future__ import annotations

import os
import stat

import pytest

from ui import errors


def test_the_crash_log_rotates_and_keeps_three_older_logs(isolated_environment, monkeypatch):
    monkeypatch.setattr(errors, "LOG_MAX_BYTES", 2_000)
    report = "Kakeru crash report — " + "x" * 900
    for _ in range(30):
        assert errors.write_report(report) == isolated_environment / "logs" / "kakeru.log"
    names = sorted(p.name for p in (isolated_environment / "logs").iterdir())
    assert names == ["kakeru.log", "kakeru.log.1", "kakeru.log.2", "kakeru.log.3"]
    for path in (isolated_environment / "logs").iterdir():
        assert path.stat().st_size < 2_000 + len(report) + 100  # one report past the limit at most
    assert report in (isolated_environment / "logs" / "kakeru.log").read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_crash_log_and_its_folder_are_private(isolated_environment):
    before = os.umask(0o022)
    try:
        path = errors.write_report("Kakeru crash report — test")
    finally:
        os.umask(before)
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
