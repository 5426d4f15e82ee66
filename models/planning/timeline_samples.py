"""A deterministic account with a long history and a year of plans, for tests, the benchmark and
screenshots of the timeline (``sample_account``)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlite_utils import Database

from models.accounts.companies import create_company, create_contact
from models.planning.calendar import next_business_day
from models.store.db import stamp, writing

PEOPLE = (
    ("佐藤 恵子", "サトウ ケイコ", "人事部", "部長", "hr"),
    ("鈴木 健一", "スズキ ケンイチ", "製造部", "課長", "field"),
    ("田中 翔", "タナカ ショウ", "総務部", None, "gatekeeper"),
    ("高橋 誠", "タカハシ マコト", "経営企画室", "取締役", "decision_maker"),
)
NOTES = (
    "受付の方より、本日は終日外出とのこと。",
    "営業電話はお断りとのこと。資料送付なら可。",
    "採用管理の事例資料をメールで送付。来週フォロー。",
    "来期の採用計画は1月に固まる。現場の困りごとは把握できていないとのこと。",
    "シフト作成に毎月20時間かかっている。属人化の解消が課題。",
    "会議中のため折り返しをお願いした。",
    None,
)
HYPOTHESES = (
    "決算前の予算取りに合わせ、来期の導入を提案する。",
    "採用計画が固まる直前に現場課題の解決策を提案する。",
    "新年度の組織変更後に新しい現場責任者へご挨拶する。",
    "資料の回覧が終わる頃にご感想を伺う。",
)
OUTCOMES = ("not_available", "not_available", "gatekeeper_block", "connected", "info_sent",
            "callback_requested", "no_need", None)
KINDS = ("call", "call", "call", "call", "email", "letter", "meeting", "visit")


def sample_account(db: Database, *, touches: int = 60, plans: int = 12, now: datetime, seed: int = 1,
                   history_days: int = 730, future_days: int = 365, name: str = "株式会社みなと精機") -> int:
    """A company with four contacts, ``touches`` touches spread over ``history_days`` before ``now``
    and ``plans`` plans: open ones over ``future_days`` after it, done and skipped ones in the past
    (some done late). Returns the company id."""
    rng = random.Random(seed)
    company = create_company(db, {
        "name": name, "name_kana": "ミナトセイキ", "industry": "製造業", "prefecture": "神奈川県",
        "fiscal_year_end_month": 3, "status": "nurturing"})
    contacts = [create_contact(db, company.id, {"name": n, "name_kana": k, "department": d, "title": t,
                                                "role": r}).id for n, k, d, t, r in PEOPLE]
    tz = now.tzinfo
    with writing(db):
        for index in range(touches):
            day = (now - timedelta(days=history_days * (index + 1) / (touches + 1))).date()
            at = datetime.combine(next_business_day(day), time(9 + rng.randrange(9), rng.randrange(60)),
                                  tzinfo=tz)
            db.table("touches").insert(stamp({
                "company_id": company.id, "contact_id": rng.choice([*contacts, None]),
                "kind": rng.choice(KINDS), "at": at.isoformat(timespec="seconds"),
                "outcome": rng.choice(OUTCOMES), "note": rng.choice(NOTES), "caller": "高橋 由美",
            }))
        past_plans = plans // 3
        for index in range(plans):
            if index < past_plans:
                day = (now - timedelta(days=history_days * (index + 1) / (past_plans + 1))).date()
                status = "skipped" if index % 4 == 3 else "done"
            else:
                offset = future_days * (index - past_plans + 1) / (plans - past_plans + 1)
                day = (now + timedelta(days=offset)).date()
                status = "open"
            due = next_business_day(day).isoformat()
            done_at = None
            if status != "open":
                late = rng.choice((0, 0, 1, 3, 8))
                done_at = datetime.combine(next_business_day(day) + timedelta(days=late), time(10, 0),
                                           tzinfo=tz).isoformat(timespec="seconds")
            db.table("plans").insert(stamp({
                "company_id": company.id, "contact_id": rng.choice([*contacts, None]), "due": due,
                "kind": rng.choice(KINDS[:6]), "hypothesis": rng.choice(HYPOTHESES), "source": "manual",
                "status": status, "done_at": done_at,
                "skip_reason": "担当者の異動により見送り" if status == "skipped" else None,
            }))
        last = db.execute("SELECT max(at) FROM touches WHERE company_id = ?", [company.id]).fetchone()[0]
        db.execute("UPDATE companies SET last_touch_at = ? WHERE id = ?", [last, company.id])
    return company.id
