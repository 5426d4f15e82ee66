"""Figures of the meetings and briefing-sheet issue: one brief against a bare one-paragraph PDF, and a
day of 100 briefs against 100 single briefs. Both warmed up; medians of 20 (5 with --quick)."""

from __future__ import annotations

import io
import random
import shutil
import statistics
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bench.common import Figure, Workspace, timed
from models.accounts.companies import create_company, create_contact
from models.meetings.meetings import create_meeting
from models.store.db import open_db, stamp
from reports.briefing import write_brief, write_day_briefs
from reports.fonts import REGULAR, register_fonts

DAY = date(2025, 1, 16)
JST = timezone(timedelta(hours=9))
_NAME_PARTS = ["みなと", "青葉", "富士", "北斗", "桜花", "明治", "昭栄", "若葉", "朝日", "共立", "大和",
               "光栄"]
_KINDS = ["精機", "商事", "工業", "電機", "建設", "物産", "製作所", "システムズ", "運輸", "食品"]
_FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山口"]
_GIVEN = ["恵子", "健一", "翔", "美咲", "大輔", "由美", "誠", "彩", "隆", "直子", "浩二", "陽菜"]
_SENTENCES = [
    "製造現場のシフト作成に毎月20時間かかっている。", "属人化の解消が課題とのこと。",
    "Excel と紙の台帳を併用。",
    "来期の予算は1月の役員会で決まる。", "他社の資料も取り寄せて比較中。", "現場の課長が導入に前向き。",
    "人事部長は数字で判断される慎重な方。", "4月の新年度から運用したい。", "決裁は社長、起案は人事部長。",
    "「まずは現場の声を聞いてほしい。」とのこと。", "タブレットの導入費用を気にされている。",
    "前回の提案は時期が合わず見送りになった。", "拠点が三つあり、勤務形態がそれぞれ違う。",
]


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(_SENTENCES) for _ in range(sentences))


def build_day(path: Path, meetings: int, seed: int = 3) -> list[int]:
    """A database with ``meetings`` typical meetings on ``DAY``, each at its own company."""
    rng = random.Random(seed)
    db = open_db(path)
    ids = []
    for index in range(meetings):
        company = create_company(db, {
            "name": f"株式会社{rng.choice(_NAME_PARTS)}{rng.choice(_KINDS)}{index}", "industry": "製造業",
            "prefecture": "神奈川県", "address": f"横浜市鶴見区末広町{index % 9 + 1}-7",
            "phone": "045-501-1234",
            "employees": rng.randint(20, 3000), "fiscal_year_end_month": rng.randint(1, 12), "rank": "B",
        })
        people = [create_contact(db, company.id, {"name": f"{rng.choice(_FAMILY)} {rng.choice(_GIVEN)}",
                                                  "role": role, "title": "課長"})
                  for role in ("hr", "field", "gatekeeper")]
        for step in range(5):
            at = datetime(2024, 10, 1, 10, tzinfo=JST) + timedelta(days=20 * step, hours=step)
            db.table("touches").insert(stamp({
                "company_id": company.id, "contact_id": people[step % 3].id, "kind": "call",
                "at": at.isoformat(), "outcome": "appointment" if step == 4 else "connected",
                "note": _text(rng, 2), "caller": "高橋 由美",
            }))
        starts = datetime.combine(DAY, datetime.min.time(), JST) + timedelta(hours=9, minutes=5 * index)
        meeting = create_meeting(
            db, company.id,
            {"starts_at": starts, "field_rep": "山本 大輔", "caller": "高橋 由美",
             "purpose": "課題ヒアリングとデモ",
             "online_url": "https://meet.example.jp/abc", "questions": "・役員会の時期\n・現場の運用",
             "cautions": "・要点から話す", **{key: _text(rng, 1) for key in (
                 "notes_needs", "notes_current", "notes_expectations", "notes_concerns", "notes_personality",
                 "notes_budget", "notes_timing", "notes_decision_process", "notes_competitors",
                 "notes_unknowns")}},
            attendee_ids=[people[0].id, people[1].id], attendee_notes={people[0].id: _text(rng, 1)},
        )
        ids.append(meeting.id)
    db.close()
    return ids


def _database(ws: Workspace, meetings: int):
    key = f"briefs-db-{meetings}"
    if key not in ws.cache:
        path = ws.new_db(ws.folder / f"briefs-{meetings}.db")
        ws.cache[key] = (path, build_day(path, meetings))
    path, ids = ws.cache[key]
    return open_db(path), ids


def _one_paragraph() -> None:
    out = io.BytesIO()
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=10, leading=14, wordWrap="CJK")
    SimpleDocTemplate(out, invariant=1).build(
        [Paragraph("インサイドセールスのヒアリング内容は出発点であり、確約ではありません。", style)])


def brief_vs_one_paragraph(ws: Workspace) -> Figure:
    """One typical brief (gather + render + write) ÷ a one-page PDF with one paragraph, same embedded font."""
    register_fonts()
    db, ids = _database(ws, 1)
    out = ws.folder / "one-brief.pdf"
    runs = 20

    def brief() -> None:
        write_brief(db, ids[0], out)

    for _ in range(3):
        brief()
        _one_paragraph()
    ours, bare = [], []
    for _ in range(runs):  # interleaved, so a busy machine slows both alike
        ours.append(timed(brief))
        bare.append(timed(_one_paragraph))
    db.close()
    return Figure(statistics.median(ours), statistics.median(bare), goal=15.0,
                  note=f"medians of {runs}; brief {out.stat().st_size // 1024} KB")


def hundred_briefs_vs_one(ws: Workspace) -> Figure:
    """A day of 100 briefs (100 files + the combined one) ÷ 100 × one brief (each written to a file)."""
    register_fonts()
    db, ids = _database(ws, 100)
    single = ws.folder / "single.pdf"
    day_dir = ws.folder / "day"
    runs = 5 if ws.quick else 20

    def one() -> None:
        write_brief(db, ids[0], single)

    def day() -> None:
        shutil.rmtree(day_dir, ignore_errors=True)
        write_day_briefs(db, DAY, day_dir)

    for _ in range(3):
        one()
    day()
    ones, days = [], []
    for _ in range(runs):
        days.append(timed(day))
        ones += [timed(one) for _ in range(3)]
    db.close()
    files = sorted(day_dir.iterdir())
    combined = next(f for f in files if f.name.endswith("-all.pdf"))
    average = sum(f.stat().st_size for f in files if f != combined) // (len(files) - 1)
    sizes = (f"per-meeting file {average // 1024} KB (alone {single.stat().st_size // 1024} KB), "
             f"combined {combined.stat().st_size // 1024} KB")
    return Figure(statistics.median(days), 100 * statistics.median(ones), goal=1.0,
                  note=f"medians of {runs}; {sizes}")


FIGURES = {
    "brief_vs_one_paragraph": brief_vs_one_paragraph,
    "briefs_100_vs_100_single": hundred_briefs_vs_one,
}


def bench_figures(ws: Workspace) -> dict[str, Figure]:
    """Every figure of this issue, measured in ``ws`` (what ``bench/run.py`` does for each name)."""
    return {name: measure(ws) for name, measure in FIGURES.items()}
