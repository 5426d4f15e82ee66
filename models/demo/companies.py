"""The demo companies themselves: name, address, phone, size and rank, the people inside each with their
links, and the demo lists each fits; the history comes from ``activity``.

Rows are built as tuples in the column order of ``COLUMNS`` and ids are assigned here, not by
SQLite; ``builder.generate_demo`` writes them.
"""

from __future__ import annotations

import functools
import random
import zlib
from dataclasses import dataclass
from datetime import date

from models.accounts import normalize
from models.accounts.scoring import Scorer
from models.demo import names, phrases, places
from models.demo.activity import ACTIVITY_COLUMNS, STATUSES, Activity
from models.demo.common import Account, Calendar, Seen, Weighted
from models.demo.common import person as _person
from models.demo.romaji import romaji

NEW_MEMBER_KEY = 1_000_000_000  # sorts new members after those a list already has
COLUMNS = {
    "companies": (
        "id", "uid", "created_at", "updated_at", "name", "name_kana", "corporate_number", "industry",
        "business_domain", "prefecture", "address", "postal_code", "phone", "website", "employees",
        "fiscal_year_end_month", "rank", "status", "notes", "name_key", "phone_key", "address_key",
        "search_key", "last_touch_at", "first_touch_at", "open_plans", "score",
    ),
    "contacts": (
        "id", "uid", "created_at", "updated_at", "company_id", "name", "name_kana", "department", "title",
        "role", "phone", "mobile", "email", "best_time", "notes", "employment", "employment_changed_on",
    ),
    "relationships": (
        "id", "uid", "created_at", "updated_at", "company_id", "from_contact_id", "to_contact_id", "kind",
        "note", "as_of", "source",
    ),
    "list_members": ("uid", "created_at", "updated_at", "list_id", "company_id", "priority"),
    **ACTIVITY_COLUMNS,
}

INDUSTRIES = Weighted(tuple((name, spec[0]) for name, spec in names.INDUSTRIES.items()))
EMPLOYEE_BANDS = Weighted((((1, 9), 14), ((10, 49), 34), ((50, 99), 18), ((100, 299), 18), ((300, 999), 10),
                           ((1000, 4999), 5), ((5000, 20000), 1)))
# March year ends dominate in Japan, then December.
FISCAL_MONTHS = Weighted(((3, 45), (12, 15), (9, 7), (6, 6), (None, 5), (2, 3), (5, 3), (7, 3), (8, 3),
                          (10, 3), (11, 3), (1, 2), (4, 2)))
RANKS = Weighted((("A", 10), ("B", 25), ("C", 40), ("D", 15), (None, 10)))
LEGAL_FORMS = Weighted(names.LEGAL_FORMS)
# Contacts a company has, by status: ((count, weight), ...).
CONTACT_COUNTS = {
    "untouched": Weighted(((0, 10), (1, 80), (2, 10))),
    "in_progress": Weighted(((1, 50), (2, 40), (3, 10))),
    "nurturing": Weighted(((1, 10), (2, 40), (3, 40), (4, 10))),
    "appointment": Weighted(((2, 30), (3, 50), (4, 20))),
    "customer": Weighted(((2, 20), (3, 50), (4, 30))),
    "disqualified": Weighted(((0, 30), (1, 70))),
    "do_not_call": Weighted(((1, 100),)),
}
ROLE_ORDER_LARGE = ("gatekeeper", "hr", "field", "decision_maker")
ROLE_ORDER_SMALL = ("gatekeeper", "decision_maker", "field", "other")
# (from role, to role, kind) pairs that make sense inside one company.
RELATION_PATTERNS = (
    ("gatekeeper", "hr", "introduced"), ("hr", "decision_maker", "reports_to"),
    ("field", "decision_maker", "reports_to"), ("hr", "field", "works_with"),
    ("champion", "decision_maker", "influences"), ("blocker", "field", "conflicts"),
    ("gatekeeper", "decision_maker", "introduced"), ("field", "hr", "influences"),
)


@dataclass(frozen=True)
class _Place:
    prefecture: str
    city: str
    town: str
    postal_code: str
    area_code: str
    exchanges: tuple[str, ...]


def _expected_phone(digits: str, area: str) -> str:
    exchange_length = 6 - len(area)
    return f"{digits[:len(area)]}-{digits[len(area):len(area) + exchange_length]}-{digits[-4:]}"


@functools.cache
def _exchanges(area: str, city: str) -> tuple[str, ...]:
    """Local exchanges for ``city`` that phonenumbers formats as area-exchange-line (checked once)."""
    rng = random.Random(zlib.crc32(city.encode()))
    length = 6 - len(area)
    found: list[str] = []
    for _ in range(200):
        exchange = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(length - 1))
        digits = f"{area}{exchange}0000"
        if exchange not in found and normalize.format_phone(digits) == _expected_phone(digits, area):
            found.append(exchange)
            if len(found) == 12:
                break
    return tuple(found)


@functools.cache
def _places() -> Weighted:
    entries = []
    for prefecture, (weight, _, cities) in places.PLACES.items():
        for city, postal, area, towns in cities:
            exchanges = _exchanges(area, city)
            for town in towns:
                code = f"{postal}-{zlib.crc32((city + town).encode()) % 10000:04d}"
                place = _Place(prefecture, city, town, code, area, exchanges)
                entries.append((place, weight / len(cities) / len(towns)))
    return Weighted(tuple(entries))


@functools.cache
def _mobile_prefixes() -> tuple[str, ...]:
    return tuple(prefix for prefix in ("090", "080", "070")
                 if normalize.format_phone(f"{prefix}12345678") == f"{prefix}-1234-5678")


class CompanyGenerator:
    """Builds the rows of one chunk of companies at a time; ids are assigned here, not by SQLite."""

    def __init__(self, rng: random.Random, today: date, touches_per_company: float, next_ids: dict[str, int],
                 companies: int = 1, overdue: int = 0):
        self.rng = rng
        self.calendar = Calendar(today)
        self.ids = next_ids
        self.list_ids: tuple[int, ...] = ()
        self.created_at = f"{self.calendar.iso[self.calendar.window_start]}T09:00:00+09:00"
        self.places = _places()
        self.mobiles = _mobile_prefixes()
        self.phones = Seen(3 * companies)  # as digits: 81… for E.164 keys, 0… for mobiles
        self.corporate_numbers = Seen(companies)
        self.scorer = Scorer(today=today)  # builder.generate_demo gives it the file's rules
        self.activity = Activity(rng, self.calendar, next_ids, touches_per_company, companies, overdue)
        self.rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}

    def uid(self, table: str) -> str:
        return self.activity.uid(table)

    def next_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def take_rows(self) -> dict[str, list[tuple]]:
        rows = self.rows
        for table, activity_rows in self.activity.take_rows().items():
            rows[table] = activity_rows
        self.rows = {table: [] for table in COLUMNS}
        return rows

    # ── Companies ─────────────────────────────────────────────────────────────────────────────────

    def _name(self, industry: str, employees: int) -> tuple[str, str, str]:
        """(name, reading without the legal form, web slug)."""
        rng = self.rng
        words = names.INDUSTRIES[industry][1]
        roll = rng.random()
        if roll < 0.45:
            parts = [rng.choice(names.SURNAMES)]
        elif roll < 0.85:
            parts = [rng.choice(names.NAME_WORDS)]
        else:
            brand = rng.choice(names.BRAND_WORDS)
            parts = [(brand, brand)]
        if roll >= 0.45 and roll < 0.85 and rng.random() < 0.2:
            brand = rng.choice(names.BRAND_WORDS)
            parts.append((brand, brand))
        word = rng.choice(words)
        while word[0] in names.SURNAME_ONLY_WORDS and roll >= 0.45:
            word = rng.choice(words)
        parts.append(word)
        base = "".join(part[0] for part in parts)
        reading = "".join(part[1] for part in parts)
        slug = "-".join(romaji(part[1]) for part in parts)
        if word[0] in ("会", "クリニック"):
            form, before = "医療法人社団", True
        elif word[0] == "福祉会":
            form, before = "社会福祉法人", True
        elif word[0] in ("学園", "学院") and rng.random() < 0.6:
            form, before = "学校法人", True
        else:
            form, before = LEGAL_FORMS.pick(rng)
            if form == "有限会社" and employees >= 100:
                form = "株式会社"  # no new 有限会社 since 2006: the ones left are small
        return (f"{form}{base}" if before else f"{base}{form}"), reading, slug

    def _phone(self, place: _Place) -> tuple[str, str]:
        """(formatted, E.164) — unique in this run, formatted exactly as normalize.format_phone would."""
        rng = self.rng
        while True:
            digits = f"{place.area_code}{rng.choice(place.exchanges)}{rng.randrange(10000):04d}"
            key = f"+81{digits[1:]}"
            if self.phones.add(int(key[1:])):
                return _expected_phone(digits, place.area_code), key

    def _mobile(self) -> str:
        rng = self.rng
        while True:
            number = f"{rng.choice(self.mobiles)}-{rng.randrange(1000, 10000)}-{rng.randrange(10000):04d}"
            if self.phones.add(int(number.replace("-", ""))):
                return number

    def _corporate_number(self) -> str:
        while True:
            base = f"{self.rng.randrange(10**11, 10**12)}"
            if self.corporate_numbers.add(int(base)):
                return f"{normalize.corporate_number_check_digit(base)}{base}"

    def company(self) -> None:
        """Generate one company with its people, list memberships and history."""
        rng = self.rng
        r = rng.random
        industry = INDUSTRIES.pick(rng)
        status = STATUSES.pick(rng)
        place: _Place = self.places.pick(rng)
        low, high = EMPLOYEE_BANDS.pick(rng)
        employees: int | None
        employees = rng.randint(low, high)
        if employees >= 300:
            employees = round(employees, -1)
        name, reading, slug = self._name(industry, employees)
        if r() < 0.04:
            employees = None  # not every list says how big a company is
        corporate_number = None
        if r() < 0.05:
            short = place.prefecture if place.prefecture == "北海道" else place.prefecture[:-1]
            kind, kind_reading = rng.choice(names.BRANCH_KINDS)
            name = f"{name} {short}{kind}"
            reading = f"{reading} {places.PLACES[place.prefecture][1]}{kind_reading}"
        else:
            corporate_number = self._corporate_number()
        street = (f"{rng.randint(1, 5)}丁目{rng.randint(1, 30)}番{rng.randint(1, 25)}号" if r() < 0.8
                  else f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 25)}")
        address = f"{place.prefecture}{place.city}{place.town}{street}"
        if r() < 0.35:
            address += f" {place.town}{rng.choice(places.BUILDING_WORDS)} {rng.randint(2, 12)}階"
        phone, phone_key = self._phone(place)
        # example.jp is reserved for examples: no demo address reaches a real company.
        website = f"https://{slug}.example.jp/" if r() < (0.75 if (employees or 0) >= 30 else 0.4) else None
        notes = rng.choice(phrases.COMPANY_NOTES) if r() < 0.15 else None
        account = Account(
            id=self.next_id("companies"), status=status, industry=industry, employees=employees,
            fiscal_month=FISCAL_MONTHS.pick(rng), address=address, caller=rng.choice(names.CALLERS),
        )
        self._contacts(account, phone, place, f"{slug}.example.jp" if website else None)
        self.activity.generate(account)
        uid = self.uid("companies")
        values = (
            name, reading, corporate_number, industry, rng.choice(names.INDUSTRIES[industry][2]),
            place.prefecture, address, place.postal_code, phone, website, employees, account.fiscal_month,
            RANKS.pick(rng), status, notes,
        )
        keys = (
            normalize.name_key(name), phone_key, normalize.address_key(address),
            normalize.search_key(name, reading, phone, phone_key, address, notes, corporate_number),
        )
        updated_at = account.last_at or self.created_at
        score = self.scorer({"industry": industry, "employees": employees, "prefecture": place.prefecture,
                             "fiscal_year_end_month": account.fiscal_month})
        self.rows["companies"].append((account.id, uid, self.created_at, updated_at, *values, *keys,
                                       account.last_at, account.first_at, account.open_plans, score))
        self._memberships(account, place.prefecture, values[12])

    # ── People ────────────────────────────────────────────────────────────────────────────────────

    def _contacts(self, account: Account, company_phone: str, place: _Place, domain: str | None) -> None:
        rng = self.rng
        r = rng.random
        count = CONTACT_COUNTS[account.status].pick(rng)
        order = ROLE_ORDER_LARGE if (account.employees or 0) >= 30 else ROLE_ORDER_SMALL
        roles = list(order[:count])
        if count == 4 and order is ROLE_ORDER_LARGE and r() < 0.5:
            roles[-1] = rng.choice(("champion", "blocker"))
        field_departments = names.INDUSTRIES[account.industry][3]
        for role in roles:
            surname, surname_reading = rng.choice(names.SURNAMES)
            given, given_reading = rng.choice(names.GIVEN_NAMES)
            department, title = rng.choice(names.ROLE_POSTS.get(role, names.ROLE_POSTS["gatekeeper"]))
            if department == "{field}":
                department = rng.choice(field_departments)
            if role == "decision_maker" and (account.employees or 0) < 30:
                department, title = None, "代表取締役"
            phone = company_phone if role == "gatekeeper" or r() < 0.5 else (
                self._phone(place)[0] if r() < 0.6 else None)
            mobile = self._mobile() if role in ("field", "decision_maker", "champion") and r() < 0.3 else None
            email = (f"{romaji(given_reading)[0]}.{romaji(surname_reading)}@{domain}"
                     if domain and r() < 0.6 else None)
            employment, changed_on, notes = "active", None, None
            if role not in ("gatekeeper", "decision_maker") and r() < 0.03:
                employment = "moved"
                calendar = self.calendar
                changed_on = calendar.iso[rng.randint(calendar.window_start, calendar.today - 1)]
                notes = f"{changed_on}付で別部署へ異動。後任は未確認"
            elif role == "decision_maker" and r() < 0.2:
                notes = "採用関連の最終決裁者"
            contact_id = self.next_id("contacts")
            self.rows["contacts"].append((
                contact_id, self.uid("contacts"), self.created_at, self.created_at, account.id,
                f"{surname} {given}", f"{surname_reading} {given_reading}", department, title, role, phone,
                mobile, email,
                rng.choice(names.BEST_TIMES) if r() < 0.3 else None, notes, employment, changed_on,
            ))
            account.contacts.append((contact_id, role, _person(surname)))
        account.talkers = [contact for contact in account.contacts if contact[1] != "gatekeeper"]
        if len(account.contacts) >= 2 and r() < 0.7:
            self._relationships(account)

    def _relationships(self, account: Account) -> None:
        rng = self.rng
        by_role = {role: (contact_id, label) for contact_id, role, label in account.contacts}
        candidates = [pattern for pattern in RELATION_PATTERNS
                      if pattern[0] in by_role and pattern[1] in by_role]
        for from_role, to_role, kind in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
            as_of = self.calendar.iso[rng.randint(self.calendar.window_start, self.calendar.today - 1)]
            (from_id, from_label), (to_id, to_label) = by_role[from_role], by_role[to_role]
            note = phrases.RELATIONSHIP_NOTES[kind].format(a=from_label[:-1], b=to_label[:-1])
            stamp_at = f"{as_of}T18:00:00+09:00"
            self.rows["relationships"].append((
                self.next_id("relationships"), self.uid("relationships"), stamp_at, stamp_at, account.id,
                from_id, to_id, kind, note, as_of, rng.choice(phrases.RELATIONSHIP_SOURCES),
            ))

    def _memberships(self, account: Account, prefecture: str, rank: str | None) -> None:
        """Put the company on the demo lists it fits, with a sort key renumbered into positions later."""
        employees = account.employees or 0
        r = self.rng.random
        rank_order = "ABCD".find(rank) if rank else 4
        month = account.fiscal_month
        months_to_year_end = (month - self.calendar.date.month) % 12 if month else 12
        fits = (
            # IT in 関東 and 製造業 by hand-set rank; 関西 by how soon the fiscal year ends (nurture timing).
            rank_order if account.industry == "IT・ソフトウェア" and prefecture in places.KANTO else None,
            rank_order if account.industry == "製造業" and employees >= 50 else None,
            months_to_year_end if prefecture in places.KANSAI and 50 <= employees <= 999 else None,
        )
        for list_id, fit in zip(self.list_ids, fits, strict=True):
            if fit is not None:
                key = NEW_MEMBER_KEY + fit * 1_000_000 + int(r() * 1_000_000)
                self.rows["list_members"].append(
                    (self.uid("list_members"), self.created_at, self.created_at, list_id, account.id, key)
                )
