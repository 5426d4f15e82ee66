"""The desktop bundle: pyinstaller.spec builds a one-folder app with the font (and its licence) and the
translations, without the Qt parts Kakeru never loads, and the bundled executable passes --self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e .[dev])")

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_the_bundle_builds_trimmed_and_passes_its_self_test(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "pyinstaller.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    assert "Kakeru trim: dropped" in build.stdout + build.stderr

    app = dist / "Kakeru"
    internal = app / "_internal"
    files = {path.relative_to(internal).as_posix() for path in internal.rglob("*")}
    for needed in ("reports/fonts/BIZUDPGothic-Regular.ttf", "reports/fonts/BIZUDPGothic-Bold.ttf",
                   "reports/fonts/OFL.txt", "ui/translations/kakeru_ja.qm"):
        assert needed in files, needed
    names = {Path(name).name for name in files}
    assert not {name for name in names if "Qt6Quick" in name or "Qt6Qml" in name or "WebEngine" in name}
    assert not any("/qml/" in name or "/sqldrivers/" in name or "/tls/" in name for name in files)
    qt_translations = {Path(name).name for name in files if name.startswith("PySide6/Qt/translations/")}
    assert qt_translations <= {"qt_ja.qm", "qtbase_ja.qm"} and "qtbase_ja.qm" in qt_translations

    executable = app / ("Kakeru.exe" if os.name == "nt" else "Kakeru")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONIOENCODING="utf-8")
    done = subprocess.run([str(executable), "--self-test"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    if os.name != "nt":  # a windowed Windows executable has no console to print to
        assert "Kakeru 自己診断: すべて正常です" in done.stdout
        assert "ブリーフィングシート: PDF 1 ページ" in done.stdout and "翻訳 OK" in done.stdout
        assert "メイン画面 OK" in done.stdout  # every page of the GUI builds inside the bundle
