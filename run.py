#!/usr/bin/env python3
"""Kakeru's one-step launcher: sets up what the app needs, then runs it.

    python3 run.py                 start the app (creates .venv and installs on first use)
    python3 run.py test [ARGS]     install the development tools too, then run every test
    python3 run.py lint            ruff over the tree, then mypy over the core (models/ and reports/)
    python3 run.py bench [ARGS]    run the benchmark script (bench/run.py)
    python3 run.py bundle          build the one-folder desktop bundle with PyInstaller
    python3 run.py SUBCOMMAND ...  any headless subcommand of main.py (import, demo, ...)

Only the standard library is used here, so it runs on a bare Python 3.11+. Versions are read
from pyproject.toml, the one place they are pinned.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".kakeru-installed"

# What Qt needs to run on a bare Debian/Ubuntu machine (offscreen for tests, xcb for a desktop),
# plus binutils for PyInstaller's bundle build.
DEBIAN_PACKAGES = [
    "libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "libfreetype6",
    "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
    "libxcb-shape0", "libxcb-render-util0", "libxcb-image0", "libxcb-randr0", "libxcb-xinerama0",
    "libnss3", "libxcomposite1", "libxdamage1", "libxrandr2", "libxtst6", "libasound2",
    "binutils", "poppler-utils",
]


def say(message: str) -> None:
    print(f"[kakeru] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirements(with_dev: bool) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    if with_dev:
        reqs += project["optional-dependencies"]["dev"]
    return reqs


def _privileged() -> list[str] | None:
    """The prefix that runs apt-get as root, or None when that is not possible without a prompt."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def _apt_install(packages: list[str]) -> None:
    prefix = _privileged()
    if prefix is None:
        say("次の Debian パッケージが必要です。管理者権限で実行してください:")
        say("  sudo apt-get install -y " + " ".join(packages))
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    say("Debian パッケージを導入します: " + " ".join(packages))
    subprocess.run([*prefix, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run([*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
                   check=True, env=env)


def ensure_debian_packages() -> None:
    """Install the Qt runtime libraries on Debian/Ubuntu when any is missing."""
    if platform.system() != "Linux" or not shutil.which("dpkg-query"):
        return
    missing = []
    for name in DEBIAN_PACKAGES:
        query = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" not in query.stdout:
            missing.append(name)
    if missing:
        _apt_install(missing)


def ensure_venv(with_dev: bool) -> Path:
    python = venv_python()
    if not python.exists():
        say(f"仮想環境を作成します: {VENV}")
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if made.returncode != 0:
            # Debian ships venv separately; install it when we can, then try once more.
            shutil.rmtree(VENV, ignore_errors=True)
            version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
            _apt_install(["python3-venv", version])
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    reqs = requirements(with_dev)
    digest = hashlib.sha256("\n".join(reqs).encode()).hexdigest()
    installed = STAMP.read_text().split() if STAMP.exists() else []
    # A dev install satisfies a plain run too, so a runtime-only request accepts either stamp.
    wanted = {digest} if with_dev else {digest, hashlib.sha256(
        "\n".join(requirements(True)).encode()).hexdigest()}
    if not wanted & set(installed):
        say("必要なパッケージを導入します（初回のみ数分かかります）…")
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, *reqs], check=True)
        STAMP.write_text(digest + "\n")
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    with_dev = command in {"test", "bench", "bundle", "lint"}
    if command in {"test", "bundle"}:
        ensure_debian_packages()
    python = ensure_venv(with_dev)
    env = dict(os.environ)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        workers = "2" if (os.cpu_count() or 1) >= 2 else "0"
        cmd = [str(python), "-m", "pytest", "-n", workers, *argv[1:]]
    elif command == "lint":
        # Both run, so one report shows every lint and type error; either failing fails the lint.
        ruff = subprocess.run([str(python), "-m", "ruff", "check", ".", *argv[1:]], cwd=ROOT, env=env)
        mypy = subprocess.run([str(python), "-m", "mypy"], cwd=ROOT, env=env)
        return ruff.returncode or mypy.returncode
    elif command == "bench":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        cmd = [str(python), str(ROOT / "bench" / "run.py"), *argv[1:]]
    elif command == "bundle":
        cmd = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", str(ROOT / "pyinstaller.spec")]
    else:
        cmd = [str(python), str(ROOT / "main.py"), *argv]
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
