"""Regenerate the Japanese catalogue: extract the UI strings into kakeru_ja.ts, compile kakeru_ja.qm.

    python ui/translations/update.py            lupdate (merge new strings, drop vanished) + lrelease
    python ui/translations/update.py --release  lrelease only (after translating in Qt Linguist)

Translations can also come as JSON files in ``incoming/`` (``{"Context": {"English source": "訳"}}``):
a plain run fills every unfinished message they cover, so several people can add strings at once
without editing the .ts by hand. Fold them in, then delete the JSON files.

Translate new strings (``type="unfinished"``) with Qt Linguist (``pyside6-linguist``) or by editing the
.ts, then run with ``--release``. tests/ui/test_translations.py fails while any string is unfinished
or the .qm is older than the .ts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
TS = HERE / "kakeru_ja.ts"
QM = HERE / "kakeru_ja.qm"
INCOMING = HERE / "incoming"


def tool(name: str) -> str:
    """A PySide6 tool from the running interpreter's environment (the venv), else from PATH."""
    beside = Path(sys.executable).with_name(name + (".exe" if sys.platform == "win32" else ""))
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: run this with the project's virtual environment")
    return found


def sources() -> list[str]:
    return sorted(str(path.relative_to(UI.parent)) for path in UI.rglob("*.py") if path.parent != HERE)


def lupdate() -> None:
    # No source locations: line numbers would change the .ts on every edit of the code.
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "en",
                    "-target-language", "ja", *sources(), "-ts", str(TS)], cwd=UI.parent, check=True)


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def apply_incoming(ts: Path = TS, folder: Path = INCOMING) -> int:
    """Fill messages of ``ts`` from the JSON files in ``folder``; return how many were filled."""
    wanted: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.json")):
        for context, messages in json.loads(path.read_text(encoding="utf-8")).items():
            for source, text in messages.items():
                wanted[(context, source)] = text
    if not wanted:
        return 0
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            text = wanted.get((name, message.findtext("source")))
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            if translation.text != text or translation.get("type"):
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def main(argv: list[str]) -> int:
    if "--release" not in argv:
        lupdate()
        apply_incoming()
    lrelease()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
