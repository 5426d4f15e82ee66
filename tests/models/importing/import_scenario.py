"""A realistic 2,000-row import for the importer's regression tests, and a canonical view of its result.

``write_files`` writes two CP932 lists from a seeded generator: ``seed.csv`` (300 companies, some
fields left empty) to import first, and ``list.csv`` (2,000 rows) with new companies, the same companies
again inside the file written differently (another legal form, full-width digits, a branch at another
address, a new contact), the seed companies again (filling their blanks, adding contacts, or nothing
new) and rows to reject. ``canonical`` is what the import left in the database, without the random uids
and the clock.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path

_PARTS = ["東西", "日本", "大和", "中央", "北斗", "桜花", "青葉", "富士", "三和", "光栄"]
_KINDS = ["商事", "工業", "電機", "建設", "物産", "製作所", "システムズ"]
_KANA = ["トウザイ", "にほん", "ﾀﾞｲﾜ", "チュウオウ", "ほくと", "ｻｸﾗ", "アオバ"]
_CITIES = [("東京都", "千代田区丸の内"), ("大阪府", "大阪市北区梅田"), ("愛知県", "名古屋市中区栄"),
           ("北海道", "札幌市中央区北一条"), ("福岡県", "福岡市博多区博多駅前")]
_FORMS = ["株式会社{}", "{}株式会社", "(株){}", "㈱{}", "有限会社{}", "{}"]
_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
HEADER = ["会社名", "フリガナ", "法人番号", "電話番号", "都道府県", "住所", "郵便番号", "業種", "従業員数",
          "決算月", "担当者", "部署"]
# Columns compared (named, so a column another migration adds does not change the picture).
COLUMNS = {
    "companies": "id, name, name_kana, corporate_number, industry, prefecture, address, postal_code, phone, "
                 "employees, fiscal_year_end_month, status, notes, name_key, phone_key, address_key, "
                 "search_key, import_id",
    "contacts": "id, company_id, name, name_kana, department, title, phone, email, import_id",
    "list_members": "list_id, company_id, priority, import_id",
    "import_changes": "import_id, company_id, action, before_json",
    "imports": "id, list_id, file_name, encoding, rows, created, updated, duplicates, rejected",
    "target_lists": "id, name",
}
SEARCHES = ["ショウジ", "ｺｳｷﾞｮｳ", "ﾀﾞｲﾜ", "丸の内", "0312", "+8190", "富士工業1", "こうぎょう", "大阪市北区",
            "東西商事"]


def _corporate_number(rng: random.Random) -> str:
    base = f"{rng.randrange(10**11, 10**12)}"
    total = sum(int(d) * (1 if i % 2 else 2) for i, d in enumerate(reversed(base), start=1))
    return f"{9 - total % 9}{base}"


def _phone(rng: random.Random) -> str:
    style = rng.randrange(6)
    if style == 0:
        return f"03-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
    if style == 1:
        return f"06{rng.randrange(10**7, 10**8)}"
    if style == 2:
        return f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}".translate(_FULL_WIDTH)
    if style == 3:  # area codes Japan does not have: no formatting pattern fits
        return f"0{rng.randrange(3, 99)}-{rng.randrange(100, 9999)}-{rng.randrange(1000, 9999)}"
    if style == 4:
        return f"+81 {rng.randrange(3, 99)}-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
    return rng.choice(["不明", "", "内線 12"])


def _company(rng: random.Random, number: int) -> dict[str, str]:
    core = f"{rng.choice(_PARTS)}{rng.choice(_KINDS)}{number}"
    prefecture, city = rng.choice(_CITIES)
    street = f"{rng.randrange(1, 9)}－{rng.randrange(1, 30)}－{number}"
    return {
        "core": core,
        "name": rng.choice(_FORMS).format(core),
        "kana": f"{rng.choice(_KANA)}{rng.choice(['ショウジ', 'こうぎょう', 'ﾃﾞﾝｷ'])}",
        "number": _corporate_number(rng) if rng.random() < 0.4 else "",
        "phone": _phone(rng),
        "prefecture": prefecture if rng.random() < 0.5 else "",
        "address": f"{'' if rng.random() < 0.5 else prefecture}{city}{street}",
        "postal": f"{rng.randrange(100, 999)}{rng.randrange(0, 9999):04d}" if rng.random() < 0.7 else "",
        "industry": rng.choice(["製造業", "卸売業", "IT・ソフトウェア", ""]),
        "employees": rng.choice(["", "120", "約300人", "1,200名", "50"]),
        "month": rng.choice(["", "3", "3月", "12月決算", "2024年9月"]),
        "contact": rng.choice(["", "", "山田 太郎", "佐藤花子"]),
        "department": rng.choice(["", "総務部", "人事部"]),
    }


def _row(company: dict[str, str]) -> list[str]:
    keys = ("name", "kana", "number", "phone", "prefecture", "address", "postal", "industry", "employees",
            "month", "contact", "department")
    return [company[key] for key in keys]


def _again(rng: random.Random, company: dict[str, str], kind: int, serial: int) -> dict[str, str]:
    """The same company written another way (or a branch of it)."""
    again = dict(company)
    if kind == 0 and again["number"]:
        again.update(name=again["core"] + " 本社", phone="")
    elif kind == 1 and again["phone"] not in ("", "不明", "内線 12"):
        again.update(name="株式会社" + again["core"], address=f"別の住所{serial}", number="")
    elif kind == 2:
        again.update(name="（株）" + again["core"], phone="", number="")
    elif kind == 3:  # a branch: the same name at another address
        again.update(address=again["address"] + "別館", phone="", number="")
    else:
        again["contact"] = "鈴木 一郎"
    return again


def write_files(folder: Path, seed: int = 2026) -> tuple[Path, Path]:
    """Write ``seed.csv`` and ``list.csv`` (CP932, with a header) into ``folder``; return their paths."""
    rng = random.Random(seed)
    seeds = [_company(rng, number) for number in range(300)]
    seed_rows = []
    for company in seeds:
        blanked = dict(company)
        for key in ("kana", "postal", "industry", "employees", "month", "contact", "department"):
            if rng.random() < 0.5:
                blanked[key] = ""
        seed_rows.append(_row(blanked))
    fresh = [_company(rng, 1000 + number) for number in range(1500)]
    rows = [_row(company) for company in fresh]
    rows += [_row(_again(rng, rng.choice(fresh), serial % 5, serial)) for serial in range(150)]
    for serial, company in enumerate(seeds):
        again = dict(company)
        if serial % 3 == 2:
            again["contact"] = "高橋 次郎"
        rows.append(_row(again))
    bad = [["", "カナ", "", "03-1111-2222", "", "東京都", "", "", "", "", "", ""],
           ["不正番号商事", "", "1234567890123", "", "", "", "", "", "", "", "", ""],
           ["人数不明商事", "", "", "", "", "", "", "", "たくさん", "", "", ""],
           ["決算不明商事", "", "", "", "", "", "", "", "", "13月", "", ""]]
    for serial in range(50):
        row = list(bad[serial % 4])
        row[0] = row[0] and f"{row[0]}{serial}"
        rows.append(row)
    rng.shuffle(rows)
    paths = folder / "seed.csv", folder / "list.csv"
    for path, data in zip(paths, (seed_rows, rows), strict=True):
        with path.open("w", encoding="cp932", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(data)
    return paths


def canonical(db, rejects=()) -> dict:
    """The import's result: the rows of every table it writes, its rejects, and what searches find."""
    picture: dict = {}
    for table, columns in COLUMNS.items():
        order = columns.split(",")[0]
        picture[table] = [list(row) for row in db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")]
    picture["rejects"] = [[reject.line, reject.reason] for reject in rejects]
    picture["search"] = {query: found_by_index(db, query) for query in SEARCHES}
    return picture


def found_by_index(db, query: str) -> list[int]:
    """The companies the full-text index finds for ``query`` (normalised as the app's search does)."""
    from models.accounts.normalize import search_text

    phrase = '"' + search_text(query).replace('"', '""') + '"'
    sql = "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ? ORDER BY rowid"
    return [row[0] for row in db.execute(sql, [phrase])]


def found_by_scan(db, query: str) -> list[int]:
    """The companies whose search text contains ``query``: what the index must find."""
    from models.accounts.normalize import search_text

    sql = "SELECT id FROM companies WHERE instr(search_key, ?) > 0 ORDER BY id"
    return [row[0] for row in db.execute(sql, [search_text(query)])]


def digest(picture: dict) -> str:
    return hashlib.sha256(json.dumps(picture, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
