"""``python main.py --self-test``: the database, a CP932 import, a meeting and its briefing sheet, and
Qt loading offscreen; a short Japanese summary and exit 0, or the failed step and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_runs_without_a_display_and_prints_a_japanese_summary(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Kakeru 自己診断: すべて正常です")
    summary = "\n".join(lines)
    assert "CP932 の CSV 3 行 → 新規 3 件" in summary
    assert "ブリーフィングシート: PDF 1 ページ" in summary
    assert "offscreen" in summary and "BIZ UDPGothic" in summary and "翻訳 OK（Kakeru と Qt）" in summary
    assert "メイン画面 OK（6 ページ）" in summary
    assert "暗号化: SQLCipher 4." in summary  # the bundle carries SQLCipher (tests/test_bundle.py runs this)
    assert list(tmp_path.glob("kakeru-self-test-*")) == []  # the temporary folder is removed


def test_self_test_names_the_step_that_failed_and_exits_1(monkeypatch, capsys):
    import models.importing.importer

    def unreadable(*_args, **_kwargs):
        raise models.importing.importer.ValidationError("テスト用の失敗です。")

    monkeypatch.setattr(models.importing.importer, "import_file", unreadable)
    assert main.main(["--self-test"]) == main.EXIT_FAILED
    err = capsys.readouterr().err
    assert "自己診断に失敗しました（CP932 の CSV の取り込み）" in err and "テスト用の失敗です。" in err


def test_self_test_rejects_stray_arguments(capsys):
    with pytest.raises(SystemExit) as stop:
        main.main(["--self-test", "--bogus"])
    assert stop.value.code == main.EXIT_USAGE
    assert "不明な引数です" in capsys.readouterr().err
