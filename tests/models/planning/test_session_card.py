"""What the call session shows of an account: people, whom to ask for, plans, touches, the script."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts.lists import set_list_script
from models.planning.plans import create_plan
from models.planning.session_card import account_card, list_script, save_list_script
from models.planning.touches import log_outcome
from models.store import settings
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import NOW, add_company, add_contact, add_list


def test_the_card_of_a_fresh_account(fresh_db):
    company = add_company(fresh_db, "株式会社はじめて")
    card = account_card(fresh_db, company)
    assert card.company.name == "株式会社はじめて"
    assert (card.contacts, card.open_plans, card.last_touches, card.ask_for) == ((), (), (), None)
    assert card.script.list_id is None
    with pytest.raises(NotFound):
        account_card(fresh_db, 999)


def test_whom_to_ask_for(fresh_db):
    company = add_company(fresh_db)
    reception = add_contact(fresh_db, company, "受付 花子", "gatekeeper")
    hr = add_contact(fresh_db, company, "人事 太郎", "hr")
    assert account_card(fresh_db, company).ask_for.id == hr  # HR before the first contact
    log_outcome(fresh_db, company, "not_available", at=NOW, contact_id=reception)
    assert account_card(fresh_db, company).ask_for.id == reception  # the last person called
    boss = add_contact(fresh_db, company, "社長 一郎", "decision_maker")
    create_plan(fresh_db, company, date(2026, 12, 1), contact_id=boss, hypothesis="予算策定前")
    card = account_card(fresh_db, company)
    assert card.ask_for.id == boss  # the person the open plan names
    assert [plan.hypothesis for plan in card.open_plans] == ["不在のため改めて架電", "予算策定前"]
    assert card.last_touches[0].contact_name == "受付 花子"


def test_last_touches_newest_first_and_at_most_five(fresh_db):
    company = add_company(fresh_db)
    for hour in range(9, 16):
        log_outcome(fresh_db, company, "not_available", at=NOW.replace(hour=hour), note=f"{hour}時")
    card = account_card(fresh_db, company)
    assert [line.touch.note for line in card.last_touches] == ["15時", "14時", "13時", "12時", "11時"]


def test_the_script_of_the_preferred_list_else_the_first_with_one(fresh_db):
    company = add_company(fresh_db)
    plain = add_list(fresh_db, "台本なし", [(company, 1)])
    scripted = add_list(fresh_db, "台本あり", [(company, 1)])
    set_list_script(fresh_db, scripted, "お世話になっております。")
    assert list_script(fresh_db, company).list_name == "台本あり"
    assert list_script(fresh_db, company, preferred_list_id=plain).list_name == "台本なし"
    saved = save_list_script(fresh_db, scripted, "新しい台本", ["採用予定人数", "  ", " 現在の 採用手段 "])
    assert saved.checklist == ("採用予定人数", "現在の 採用手段")
    assert account_card(fresh_db, company).script.checklist == ("採用予定人数", "現在の 採用手段")
    settings.set_setting(fresh_db, settings.hearing_checklist_key(scripted), "壊れた値")
    assert list_script(fresh_db, company).checklist == ()
    with pytest.raises(ValidationError, match="50 件"):
        save_list_script(fresh_db, scripted, "台本", [f"項目{n}" for n in range(51)])
