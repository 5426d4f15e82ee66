"""``main.py brief`` and ``main.py briefs`` run as a person runs them: in a subprocess on a demo database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN), *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=300)


def pdffonts(path: Path) -> list[list[str]]:
    """Rows of poppler's ``pdffonts`` (the test launcher installs poppler-utils)."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in output.splitlines()[2:] if line.strip()]


def pages(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, int, str, list[int]]:
    """(database, one meeting id, the busiest day with meetings, that day's meeting ids)."""
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    done = run("demo", "--db", str(path), "--companies", "150", "--seed", "7")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as con:
        day, _count = con.execute(
            "SELECT substr(starts_at, 1, 10) AS day, count(*) AS n FROM meetings WHERE status <> 'cancelled' "
            "GROUP BY day ORDER BY n DESC, day LIMIT 1").fetchone()
        ids = [row[0] for row in con.execute(
            "SELECT id FROM meetings WHERE starts_at >= ? AND starts_at < ? || 'T99' "
            "AND status <> 'cancelled' ORDER BY starts_at, id", [day, day])]
    assert ids
    return path, ids[0], day, ids


def test_brief_writes_one_meetings_sheet_with_every_font_embedded(demo, tmp_path):
    db, meeting_id, *_ = demo
    out = tmp_path / "sheets" / "brief.pdf"  # the folder is made when missing
    done = run("brief", str(meeting_id), "--db", str(db), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "ブリーフィングシートを保存しました" in done.stdout and str(out) in done.stdout
    assert f"（{pages(out)} ページ）" in done.stdout
    rows = pdffonts(out)
    assert rows, "pdffonts listed no fonts"
    for row in rows:  # columns: name type encoding emb sub uni object ID
        assert row[-5] == "yes", f"font not embedded: {row}"
    assert "株式会社" in pypdf.PdfReader(out).pages[0].extract_text()


def test_briefs_writes_every_sheet_of_a_day_and_a_combined_file(demo, tmp_path):
    db, _, day, ids = demo
    out = tmp_path / "day"
    done = run("briefs", "--db", str(db), "--date", day, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"の商談 {len(ids)} 件のブリーフィングシートを保存しました" in done.stdout
    combined = out / f"briefs-{day}-all.pdf"
    singles = sorted(out.glob("brief-*.pdf"))
    assert combined.exists() and len(singles) == len(ids)
    assert sorted(int(p.stem.rsplit("-", 1)[1]) for p in singles) == sorted(ids)
    assert pages(combined) == sum(pages(p) for p in singles)
    assert len(pypdf.PdfReader(combined).outline) == len(ids)
    for path in [combined, *singles]:
        assert all(row[-5] == "yes" for row in pdffonts(path)), path


def test_the_same_data_and_epoch_give_the_same_bytes(demo, tmp_path):
    db, meeting_id, *_ = demo
    epoch = {"SOURCE_DATE_EPOCH": "1767225600"}
    for name in ("a.pdf", "b.pdf"):
        assert run("brief", str(meeting_id), "--db", str(db), "--out", str(tmp_path / name),
                   env=epoch).returncode == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_day_without_meetings_writes_nothing_and_says_so(demo, tmp_path):
    db, *_ = demo
    done = run("briefs", "--db", str(db), "--date", "1999-01-04", "--out", str(tmp_path / "none"))
    assert done.returncode == 0
    assert "1999年1月4日（月）の商談はありません" in done.stdout
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["brief", "999999"], "商談（ID 999999）が見つかりません"),
    (["briefs", "--date", "2025-13-01"], "YYYY-MM-DD の形で指定してください"),
])
def test_bad_input_is_a_clear_message_and_a_failing_exit(demo, tmp_path, args, message):
    db, *_ = demo
    out = tmp_path / ("x.pdf" if args[0] == "brief" else "dir")
    done = run(*args, "--db", str(db), "--out", str(out))
    assert done.returncode == 1
    assert done.stderr.startswith("エラー: ") and message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_an_unwritable_destination_is_a_clear_message(demo, tmp_path):
    db, meeting_id, *_ = demo
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run("brief", str(meeting_id), "--db", str(db), "--out", str(blocker / "brief.pdf"))
    assert done.returncode == 1
    assert "保存できませんでした" in done.stderr and "Traceback" not in done.stderr
