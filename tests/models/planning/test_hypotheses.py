"""Hypothesis templates (defaults, editing, proposed dates), results and the "which work" summary."""

from __future__ import annotations

from datetime import date

import pytest

from models.planning import hypotheses as hy
from models.planning.plan_form import save_plan
from models.store.db import stamp, writing
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import add_company, add_contact


def _template(db, name):
    return hy.find_template(hy.load_templates(db), name)


def test_the_defaults_propose_dates_for_an_account(fresh_db):
    names = [t.name for t in hy.load_templates(fresh_db)]
    assert names == ["人事計画策定期", "予算策定期", "採用繁忙期明け", "決算後", "異動期"]
    today = date(2026, 11, 20)
    hr = _template(fresh_db, "人事計画策定期")
    # March year end: three months before is December, its first business day.
    assert hy.propose_date(hr, today, 3) == date(2026, 12, 1)
    # December year end: September has passed this year → next September (1 Sep 2027, Wednesday).
    assert hy.propose_date(hr, today, 12) == date(2027, 9, 1)
    assert hy.propose_date(hr, today, None) is None  # needs the fiscal year end month
    assert hy.propose_date(_template(fresh_db, "予算策定期"), today, 3) == date(2027, 1, 4)  # after 年末年始
    assert hy.propose_date(_template(fresh_db, "決算後"), today, 3) == date(2027, 4, 1)
    # 異動期: April or October, whichever comes first.
    assert hy.propose_date(_template(fresh_db, "異動期"), today, None) == date(2027, 4, 1)
    assert hy.propose_date(_template(fresh_db, "異動期"), date(2027, 5, 10), None) == date(2027, 10, 1)
    assert hy.propose_date(_template(fresh_db, "採用繁忙期明け"), today, None) == date(2027, 7, 1)
    assert hy.describe_rule(hr) == "決算月の3ヶ月前の月初"
    assert hy.describe_rule(_template(fresh_db, "異動期")) == "4月・10月の月初"


def test_templates_can_be_edited_and_reset(fresh_db):
    mine = hy.HypothesisTemplate("契約更新", "現行契約の更新2ヶ月前", "after", 10)
    saved = hy.save_templates(fresh_db, [*hy.load_templates(fresh_db), mine]).templates
    assert hy.load_templates(fresh_db) == saved
    assert hy.propose_date(mine, date(2026, 11, 20), None) == date(2027, 9, 21)  # 9/20 is 敬老の日
    with pytest.raises(ValidationError, match="重複"):
        hy.save_templates(fresh_db, [mine, mine])
    with pytest.raises(ValidationError, match="名前"):
        hy.save_templates(fresh_db, [hy.HypothesisTemplate(" ", "x")])
    with pytest.raises(ValidationError, match="月を1つ以上"):
        hy.save_templates(fresh_db, [hy.HypothesisTemplate("月なし", "x", "months")])
    with pytest.raises(ValidationError, match="1〜12"):
        hy.save_templates(fresh_db, [hy.HypothesisTemplate("13月", "x", "months", calendar_months=(13,))])
    assert hy.reset_templates(fresh_db).templates == list(hy.DEFAULT_TEMPLATES)
    assert hy.load_templates(fresh_db) == list(hy.DEFAULT_TEMPLATES)
    # A damaged setting falls back to the defaults.
    fresh_db.execute("INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES "
                     "('u', 'x', 'x', 'hypothesis_templates', '[{\"nom\": 1}]')")
    assert hy.load_templates(fresh_db) == list(hy.DEFAULT_TEMPLATES)


def _done_plan(db, company_id, template, result=None, outcome=None, status="done"):
    with writing(db):
        touch_id = None
        if outcome:
            touch_id = db.table("touches").insert(stamp({
                "company_id": company_id, "at": "2026-10-01T10:00:00+09:00", "outcome": outcome,
            })).last_pk
        return db.table("plans").insert(stamp({
            "company_id": company_id, "due": "2026-10-01", "hypothesis": f"{template}の仮説",
            "hypothesis_template": template, "hypothesis_result": result, "status": status,
            "done_touch_id": touch_id,
        })).last_pk


def test_results_and_which_hypotheses_work(fresh_db):
    company_id = add_company(fresh_db, "株式会社仮説")
    for result, outcome in (("held", "appointment"), ("held", "connected"), ("missed", "not_available"),
                            ("unknown", None), (None, "connected")):
        _done_plan(fresh_db, company_id, "人事計画策定期", result, outcome)
    _done_plan(fresh_db, company_id, "異動期", "missed", "gatekeeper_block")
    _done_plan(fresh_db, company_id, "異動期", None, None, status="skipped")  # not counted
    summary = {row.template: row for row in hy.hypothesis_summary(fresh_db)}
    hr = summary["人事計画策定期"]
    assert (hr.plans, hr.done, hr.held, hr.missed, hr.unknown, hr.unrated) == (5, 5, 2, 1, 1, 1)
    assert (hr.connected, hr.appointments) == (3, 1)
    assert hr.hit_rate == pytest.approx(2 / 3)
    assert summary["異動期"].plans == 1 and summary["異動期"].hit_rate == 0
    assert summary["予算策定期"].plans == 0 and summary["予算策定期"].hit_rate is None  # listed, unused
    rows = hy.template_plans(fresh_db, "人事計画策定期")
    assert len(rows) == 5 and {r.company_name for r in rows} == {"株式会社仮説"}
    assert hy.hypothesis_summary(fresh_db, date(2026, 11, 1), date(2026, 11, 30))[0].plans == 0


def test_set_result(fresh_db):
    company_id = add_company(fresh_db)
    plan_id = _done_plan(fresh_db, company_id, "決算後")
    assert hy.set_result(fresh_db, plan_id, "held").hypothesis_result == "held"
    assert hy.set_result(fresh_db, plan_id, None).hypothesis_result is None
    with pytest.raises(ValidationError, match="当たり"):
        hy.set_result(fresh_db, plan_id, "maybe")
    with pytest.raises(NotFound):
        hy.set_result(fresh_db, 999, "held")
    open_plan = save_plan(fresh_db, company_id, date(2030, 1, 7), template="決算後", hypothesis="決算明け")
    with pytest.raises(ValidationError, match="架電した後"):
        hy.set_result(fresh_db, open_plan.id, "held")


def test_save_plan_creates_and_edits_with_a_template(fresh_db):
    company_id = add_company(fresh_db)
    contact_id = add_contact(fresh_db, company_id)
    today = date(2026, 11, 20)
    plan = save_plan(fresh_db, company_id, date(2026, 12, 1), hypothesis=" 人事計画の前 ",
                     template="人事計画策定期", contact_id=contact_id, today=today)
    assert (plan.due, plan.hypothesis, plan.hypothesis_template, plan.contact_id, plan.source) == (
        "2026-12-01", "人事計画の前", "人事計画策定期", contact_id, "manual")
    edited = save_plan(fresh_db, company_id, date(2026, 12, 2), kind="email", hypothesis="", template=None,
                       plan_id=plan.id, today=today)
    assert (edited.due, edited.kind, edited.hypothesis, edited.hypothesis_template) == (
        "2026-12-02", "email", None, None)
    with pytest.raises(ValidationError, match="過去"):
        save_plan(fresh_db, company_id, date(2026, 11, 19), today=today)
    with pytest.raises(ValidationError, match="過去"):
        save_plan(fresh_db, company_id, date(2026, 11, 19), plan_id=plan.id, today=today)
    # An overdue plan may keep its date while other things change.
    assert save_plan(fresh_db, company_id, date(2026, 12, 2), hypothesis="x", plan_id=plan.id,
                     today=date(2026, 12, 10)).hypothesis == "x"
    other = add_company(fresh_db, "別会社")
    with pytest.raises(ValidationError, match="担当者"):
        save_plan(fresh_db, other, date(2026, 12, 1), contact_id=contact_id, today=today)
    with pytest.raises(ValidationError, match="別の会社"):
        save_plan(fresh_db, other, date(2026, 12, 1), plan_id=plan.id, today=today)
    with pytest.raises(ValidationError, match="種類"):
        save_plan(fresh_db, company_id, date(2026, 12, 1), kind="fax", today=today)
    with pytest.raises(NotFound):
        save_plan(fresh_db, 999, date(2026, 12, 1), today=today)
