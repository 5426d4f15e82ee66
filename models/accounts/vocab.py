"""Stored values (English words, as DESIGN.md fixes them) and their labels in Japanese and English.

The printed sheets and the CLI use the Japanese labels; the UI picks the language the user chose.
"""

from __future__ import annotations

# value: (日本語, English)
COMPANY_STATUS = {
    "untouched": ("未接触", "Untouched"),
    "in_progress": ("アプローチ中", "In progress"),
    "nurturing": ("ナーチャリング", "Nurturing"),
    "appointment": ("アポ獲得", "Appointment"),
    "customer": ("顧客", "Customer"),
    "disqualified": ("対象外", "Disqualified"),
    "do_not_call": ("架電不可", "Do not call"),
}
# Statuses that take an account out of every queue.
CLOSED_STATUSES = ("disqualified", "do_not_call")

CONTACT_ROLE = {
    "gatekeeper": ("窓口", "First contact"),
    "decision_maker": ("決裁者", "Decision maker"),
    "hr": ("人事", "HR"),
    "field": ("現場", "Field"),
    "champion": ("推進者", "Champion"),
    "blocker": ("反対者", "Blocker"),
    "other": ("その他", "Other"),
}

EMPLOYMENT = {
    "active": ("在籍", "Active"),
    "moved": ("異動", "Moved"),
    "left": ("退職", "Left"),
}

RELATIONSHIP_KIND = {
    "introduced": ("紹介した", "Introduced"),
    "reports_to": ("上司", "Reports to"),
    "works_with": ("連携", "Works with"),
    "influences": ("影響", "Influences"),
    "conflicts": ("対立", "Conflicts"),
}

TOUCH_KIND = {
    "call": ("架電", "Call"),
    "email": ("メール", "Email"),
    "letter": ("郵送", "Letter"),
    "meeting": ("商談", "Meeting"),
    "visit": ("訪問", "Visit"),
    "other": ("その他", "Other"),
}

OUTCOME = {
    "not_available": ("不在", "Not available"),
    "gatekeeper_block": ("受付ブロック", "Gatekeeper block"),
    "connected": ("担当者接続", "Connected"),
    "callback_requested": ("折返し依頼", "Callback requested"),
    "info_sent": ("資料送付", "Info sent"),
    "appointment": ("アポ獲得", "Appointment"),
    "no_need": ("ニーズなし", "No need now"),
    "bad_number": ("番号不通", "Bad number"),
    "disqualified": ("対象外", "Disqualified"),
}

PLAN_STATUS = {
    "open": ("予定", "Open"),
    "done": ("完了", "Done"),
    "skipped": ("見送り", "Skipped"),
}

PLAN_SOURCE = {
    "manual": ("手動", "Manual"),
    "rule": ("ルール", "Rule"),
    "cadence": ("ケイデンス", "Cadence"),
}

HYPOTHESIS_RESULT = {
    "held": ("当たり", "Held"),
    "missed": ("外れ", "Missed"),
    "unknown": ("不明", "Unknown"),
}

MEETING_STATUS = {
    "scheduled": ("予定", "Scheduled"),
    "held": ("実施済み", "Held"),
    "cancelled": ("中止", "Cancelled"),
}

MEETING_OUTCOME = {
    "won": ("受注", "Won"),
    "lost": ("失注", "Lost"),
    "ongoing": ("継続", "Ongoing"),
    "postponed": ("延期", "Postponed"),
    "cancelled": ("キャンセル", "Cancelled"),
}

RANKS = ("A", "B", "C", "D")

# 接続 (a connect), defined once: a touch with one of these outcomes. The KPI page, the weekly review, `kpi`,
# the call session's summary, the hypothesis figures and a contact's last-spoken day count it through this
# tuple or connect_sql(); the touch_days triggers (models/store/schema.py, migration 4) keep a copy, checked
# by tests/models/kpi/test_connect_definition.py. It is README's published KPI definition, 折返し依頼
# included, which the glossary does not contradict: someone who only says the person is out is 不在 and a
# refusal is 受付ブロック, so 折返し依頼 is the account answering with a time to call, from the person or
# from reception for them. A キーパーソン接触 mark alone never makes a connect (that is キーパーソン接触数).
CONNECT_OUTCOMES = ("connected", "callback_requested", "info_sent", "appointment", "no_need")

# Not a count: outcomes where the person talked with us about the account itself, beyond a time to call
# back. The call form asks for the hearing (ヒアリング) after these, and a cadence set to stop on a reply
# (担当者接続で停止) stops on them; a callback request keeps the cadence going beside its callback plan.
CONVERSATION_OUTCOMES = ("connected", "info_sent", "appointment", "no_need")


def connect_sql(alias: str | None = None) -> str:
    """SQL true for a touch that is a connect: its outcome only (counts of calls add ``kind = 'call'``).

    Args:
        alias: the touches table's alias in the query (``t`` gives ``t.outcome IN (...)``).
    """
    column = f"{alias}.outcome" if alias else "outcome"
    outcomes = ", ".join(f"'{outcome}'" for outcome in CONNECT_OUTCOMES)
    return f"{column} IN ({outcomes})"


def label(table: dict[str, tuple[str, str]], value: str | None, language: str = "ja") -> str:
    """The label of ``value`` in ``table`` for ``language`` ('ja' or 'en'); unknown values as given."""
    if value is None:
        return ""
    pair = table.get(value)
    if pair is None:
        return value
    return pair[1] if language == "en" else pair[0]
