"""The layering rules of DESIGN.md, checked on the source.

models/ and reports/ never import Qt or ui/; models/ never imports reports/. Inside models/, each
sub-package imports only those below it (``MODELS_LAYERS``), and only the entry points import the demo.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from models import demo" imports models.demo: name what was imported too.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


FORBIDDEN = {
    "models": ("PySide6", "shiboken6", "ui", "reports"),
    "reports": ("PySide6", "shiboken6", "ui"),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_packages_do_not_import_qt_or_upper_layers(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offences = []
    for path in files:
        for name in imported_modules(path):
            if name.split(".")[0] in FORBIDDEN[package]:
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


# Inside models/: which other sub-packages each may import. Lower layers first; the rules are the
# architecture, so a new edge means a decision, not a quick fix.
MODELS_LAYERS = {
    "store": set(),
    "accounts": {"store"},
    "importing": {"store", "accounts"},
    "maps": {"store", "accounts"},
    "planning": {"store", "accounts"},
    "meetings": {"store", "accounts", "planning", "maps"},
    "kpi": {"store", "accounts", "importing", "planning", "meetings"},
    "team": {"store", "accounts", "planning", "meetings"},
    "demo": {"store", "accounts", "importing", "maps", "planning", "meetings", "kpi"},
}
# Who may import models.demo besides itself: the entry points that offer demo data.
DEMO_IMPORTERS = {"main.py", "ui/dialogs/first_run.py"}  # and cli/, the headless subcommands


def _models_package(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "models" and len(parts) > 1 else None


def test_every_models_module_sits_in_a_sub_package():
    loose = sorted(p.name for p in (ROOT / "models").glob("*.py") if p.name != "__init__.py")
    assert loose == []
    packages = sorted(p.name for p in (ROOT / "models").iterdir() if (p / "__init__.py").exists())
    assert set(packages) == set(MODELS_LAYERS)
    for package in packages:
        assert ast.get_docstring(ast.parse((ROOT / "models" / package / "__init__.py").read_text("utf-8")))


def test_models_sub_packages_import_only_the_layers_below_them():
    offences = []
    for package, allowed in MODELS_LAYERS.items():
        for path in sorted((ROOT / "models" / package).rglob("*.py")):
            for name in imported_modules(path):
                other = _models_package(name)
                if other and other != package and other not in allowed:
                    offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def test_only_the_entry_points_import_the_demo():
    offences = []
    for path in sorted(ROOT.glob("*.py")) + sorted((ROOT / "ui").rglob("*.py")) + sorted(
            p for p in (ROOT / "models").rglob("*.py") if "demo" not in p.parts):
        relative = path.relative_to(ROOT).as_posix()
        if relative in DEMO_IMPORTERS or relative.startswith("cli/"):
            continue
        offences += [f"{relative} imports {name}" for name in imported_modules(path)
                     if _models_package(name) == "demo"]
    assert offences == []


def test_the_layer_checker_sees_an_upward_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from models import kpi\nimport models.demo.builder\n", encoding="utf-8")
    found = {_models_package(name) for name in imported_modules(sample)} - {None}
    assert found == {"kpi", "demo"}
    assert "kpi" not in MODELS_LAYERS["maps"] and "demo" not in MODELS_LAYERS["kpi"]


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport ui.app\n", encoding="utf-8")
    assert {"PySide6.QtCore", "ui.app"} <= imported_modules(sample)


# What the first window must not wait for: each was measured at 10-25 ms of start-up and is needed only
# by later work (the first phone number, an import, a dialog, sqlite-utils' plugin discovery).
NOT_AT_START_UP = ("phonenumbers", "openpyxl", "charset_normalizer", "reportlab", "importlib.metadata",
                   "ui.dialogs.backup_restore", "ui.dialogs.import_wizard", "models.importing.importer",
                   "models.importing.export")


def test_start_up_loads_only_what_the_first_window_needs(tmp_path):
    """Starting the app on the Targets page, as main.py does, leaves the heavy modules unloaded.

    A module named here but only created lazily (models.store.lazy) counts as not loaded.
    """
    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from ui.app import AppController, configure_application\n"
        "from ui.settings import AppSettings\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        f"settings = AppSettings(QSettings({str(tmp_path / 'k.ini')!r}, QSettings.Format.IniFormat))\n"
        "settings.set_first_run_done(True)\n"
        "configure_application(app, settings)\n"
        f"controller = AppController({str(tmp_path / 'k.db')!r}, settings)\n"
        "assert controller.start() is None\n"
        "app.processEvents()\n"
        "import importlib.util\n"
        "loaded = [name for name, module in sys.modules.items()\n"
        "          if not isinstance(module, importlib.util._LazyModule)]\n"
        "print(' '.join(loaded))\n"
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(done.stdout.split())
    assert "ui.main_window" in loaded  # the window really started
    assert not loaded & set(NOT_AT_START_UP), sorted(loaded & set(NOT_AT_START_UP))



# The one write path (STYLE.md habit 6): widgets hand their writes to ui/operations.py, which pushes the
# undo command and tells the views from the Changes the write returned. No widget names tables by hand,
# pushes commands itself or keeps its own "the first redo already happened" flag.
WRITE_PATH = ("ui/operations.py", "ui/signals.py")
HAND_WRITTEN = {
    "a table named by hand on the bus": re.compile(r"\bnotify\(\s*(\*|[\"'])"),
    "a first-redo flag of its own": re.compile(r"\bself\._(applied|first)\b"),
    "an undo command outside the write path": re.compile(r"class \w+\(\s*QUndoCommand\s*\)"),
    "a command pushed by hand": re.compile(r"\bundo_stack\.push\("),
}


def hand_written_writes(text: str) -> list[tuple[int, str]]:
    """(line, what) for each step of a write the source does by hand instead of through the helper."""
    return sorted((text.count("\n", 0, match.start()) + 1, what)
                  for what, pattern in HAND_WRITTEN.items() for match in pattern.finditer(text))


def test_the_ui_writes_through_the_one_helper():
    offences = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative not in WRITE_PATH:
            offences += [f"{relative}:{line}: {what}"
                         for line, what in hand_written_writes(path.read_text(encoding="utf-8"))]
    assert offences == []


def test_the_write_path_checker_sees_each_hand_written_step():
    sample = ('self.bus.notify("plans")\nbus.notify(*TABLES)\nself._applied = True\n'
              "class Undo(QUndoCommand):\n    pass\nself.undo_stack.push(command)\n"
              "self.bus.notify(saved.changes)\n")
    assert hand_written_writes(sample) == [
        (1, "a table named by hand on the bus"), (2, "a table named by hand on the bus"),
        (3, "a first-redo flag of its own"), (4, "an undo command outside the write path"),
        (6, "a command pushed by hand")]


def tables_spelled_out(text: str) -> list[int]:
    """Lines where ``affects(…)`` is given a table name as a string instead of a name from changes.py."""
    lines = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "affects" and any(isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                         for arg in node.args[1:]):
                lines.append(node.lineno)
    return lines


def test_views_name_tables_by_the_constants_of_changes_py():
    offences = [f"{path.relative_to(ROOT).as_posix()}:{line}"
                for path in sorted((ROOT / "ui").rglob("*.py"))
                for line in tables_spelled_out(path.read_text(encoding="utf-8"))]
    assert offences == []


def test_the_table_name_checker_sees_a_string():
    sample = ('if affects(payload, "companies"):\n    pass\n'
              'if signals.affects(p, COMPANIES, "plans"):\n    pass\n'
              "if affects(payload, COMPANIES, WATCHED):\n    pass\n")
    assert tables_spelled_out(sample) == [1, 3]
