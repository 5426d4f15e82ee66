"""Which column of a list file holds which company field: guessed from headers or values, or saved.

A mapping is a list with one entry per column: a field name from ``FIELDS`` or None (skip the column).
"address" may appear several times (the parts are joined in order), and so may "notes".
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlite_utils import Database

from models.accounts import normalize
from models.store.changes import IMPORT_MAPPINGS, Changes
from models.store.db import now_iso, stamp, writing
from models.store.errors import ValidationError

if TYPE_CHECKING:
    from models.importing.tabular import SourceTable

FIELDS = (
    "name", "name_kana", "corporate_number", "phone", "prefecture", "address", "postal_code", "industry",
    "employees", "fiscal_year_end_month", "website", "notes", "contact_name", "contact_kana",
    "contact_department", "contact_title", "contact_phone", "contact_email",
)
FIELD_LABELS = {
    "name": "会社名", "name_kana": "会社名カナ", "corporate_number": "法人番号", "phone": "電話番号",
    "prefecture": "都道府県", "address": "住所", "postal_code": "郵便番号", "industry": "業種",
    "employees": "従業員数", "fiscal_year_end_month": "決算月", "website": "URL", "notes": "備考",
    "contact_name": "担当者名", "contact_kana": "担当者カナ", "contact_department": "部署",
    "contact_title": "役職", "contact_phone": "担当者電話番号", "contact_email": "メールアドレス",
}
SKIP = "-"
REPEATABLE = ("address", "notes")  # joined in column order; any other field takes its first column

# Header words, compared after NFKC, case-folding and removing spaces and punctuation (see _header_key).
_SYNONYMS = {
    "name": "会社名 企業名 商号 法人名 社名 名称 会社 企業 事業所名 事業者名 取引先名 取引先 顧客名 屋号 "
            "団体名 店舗名 施設名 name company companyname organization account accountname",
    "name_kana": "フリガナ ふりがな カナ かな 読み よみ よみがな 読み仮名 会社名カナ 会社名フリガナ "
                 "企業名カナ 企業名フリガナ 法人名カナ 法人名フリガナ 名称カナ 商号カナ 社名カナ "
                 "kana furigana reading namekana",
    "corporate_number": "法人番号 corporatenumber houjinbangou",
    "phone": "電話番号 電話 tel 代表電話 代表電話番号 代表番号 tel番号 電話番号代表 "
             "phone phonenumber telephone",
    "prefecture": "都道府県 都道府県名 県 prefecture pref state",
    "address": "住所 所在地 本社所在地 本店所在地 本社住所 所在地住所 市区町村 市区町村名 市町村 "
               "町域 町名 町域名 番地 丁目番地 番地以降 建物 建物名 ビル名 address street city addressline",
    "postal_code": "郵便番号 〒 郵便 zip zipcode postalcode postcode",
    "industry": "業種 業界 業種名 業種分類 industry sector",
    "employees": "従業員数 従業員 社員数 従業者数 人数 employees headcount numberofemployees",
    "fiscal_year_end_month": "決算月 決算期 決算 決算時期 fiscalyearend fiscalyearendmonth fiscalmonth",
    "website": "url ホームページ hp web website webサイト ウェブサイト サイト homepage ホームページurl",
    "notes": "備考 メモ 注記 コメント 特記事項 note notes memo remarks comment comments",
    "contact_name": "担当者 担当者名 担当者氏名 氏名 名前 お名前 担当 contact contactname person",
    "contact_kana": "担当者カナ 担当者フリガナ 担当者ふりがな 氏名カナ 氏名フリガナ 担当者名カナ "
                    "担当者名フリガナ contactkana",
    "contact_department": "部署 部署名 部門 所属 所属部署 department dept division",
    "contact_title": "役職 役職名 肩書 肩書き title position jobtitle",
    "contact_phone": "担当者電話 担当者電話番号 担当者tel 直通 直通電話 直通番号 携帯 携帯電話 携帯番号 "
                     "mobile directphone contactphone",
    "contact_email": "メール メールアドレス email mail eメール 担当者メール mailaddress emailaddress",
}
_HEADER_WORDS = {word: field for field, words in _SYNONYMS.items() for word in words.split()}
# When no synonym matches exactly: (words contained in the header, field), tried in order.
_CONTAINS = (
    (("担当", "氏名"), ("カナ", "フリガナ", "ふりがな", "kana"), "contact_kana"),
    ((), ("カナ", "フリガナ", "ふりがな", "kana", "よみ", "読み"), "name_kana"),
    ((), ("法人番号",), "corporate_number"),
    ((), ("郵便", "〒", "zip"), "postal_code"),
    ((), ("mail", "メール"), "contact_email"),
    (("担当", "携帯", "直通"), ("電話", "tel", "phone"), "contact_phone"),
    ((), ("電話", "tel", "phone"), "phone"),
    ((), ("都道府県",), "prefecture"),
    ((), ("住所", "所在地", "address", "番地"), "address"),
    ((), ("url", "ホームページ", "website"), "website"),
    ((), ("従業員", "社員数"), "employees"),
    ((), ("決算",), "fiscal_year_end_month"),
    ((), ("業種",), "industry"),
    ((), ("部署", "部門"), "contact_department"),
    ((), ("役職",), "contact_title"),
    ((), ("備考", "メモ", "memo", "note"), "notes"),
    ((), ("会社名", "企業名", "社名", "法人名", "商号", "company"), "name"),
    ((), ("担当者",), "contact_name"),
)
_KEY_STRIP_RE = re.compile(r"[\s_\-‐・･.:：/()（）\[\]［］「」【】<>＜＞*※#＃]+")
_TRAILING_NUMBER_RE = re.compile(r"\d+$")
_SAMPLE_ROWS = 200


def _header_key(text: str) -> str:
    return _KEY_STRIP_RE.sub("", normalize.nfkc(text).casefold())


def header_field(text: str) -> str | None:
    """The field a column header names (会社名 → name, TEL → phone, 住所2 → address), or None."""
    key = _header_key(text)
    if not key:
        return None
    for candidate in (key, _TRAILING_NUMBER_RE.sub("", key)):
        if candidate in _HEADER_WORDS:
            return _HEADER_WORDS[candidate]
    for required, words, field in _CONTAINS:
        if any(word in key for word in words) and (not required or any(word in key for word in required)):
            return field
    return None


def guess_mapping(table: SourceTable) -> list[str | None]:
    """One field (or None to skip) per column: from the header when there is one, else from the values."""
    by_values = _guess_from_values(table)
    if not table.has_header:
        return by_values
    mapping: list[str | None] = []
    for text in table.header:
        field = header_field(text)
        if field in mapping and field not in REPEATABLE:
            field = None
        mapping.append(field)
    if "name" not in mapping and "name" in by_values:  # a header we do not know: trust the values
        column = by_values.index("name")
        if mapping[column] is None:
            mapping[column] = "name"
    return mapping


def parse_columns(spec: str | Sequence[str | None], width: int | None = None) -> list[str | None]:
    """A mapping from the CLI's ``--columns`` text ("name,-,address,address") or a list of names.

    Raises:
        ValidationError: an unknown field name, or more named columns than the file has.
    """
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    mapping = [None if item is None or item.strip() in ("", SKIP) else item.strip() for item in items]
    validate_mapping(mapping)
    if width is not None:
        if any(mapping[width:]):
            raise ValidationError(
                f"列の指定が {len(mapping)} 列分ありますが、ファイルには {width} 列しかありません。"
                "列の指定をファイルに合わせてください。"
            )
        mapping = (mapping + [None] * width)[:width]
    return mapping


def validate_mapping(mapping: Sequence[str | None]) -> None:
    """Raise ValidationError when a name in ``mapping`` is not one of ``FIELDS``."""
    unknown = [field for field in mapping if field is not None and field not in FIELDS]
    if unknown:
        raise ValidationError(
            f"項目名「{'、'.join(unknown)}」は使えません。"
            f"使える項目名: {', '.join(FIELDS)}（- は取り込まない列）。"
        )


# --- saved mappings --------------------------------------------------------------------------------


def save_mapping(db: Database, name: str, mapping: Sequence[str | None],
                 header: Sequence[str] | None = None) -> Changes:
    """Save (or replace) a named mapping; ``header`` lets ``find_mapping`` recognise the file next time."""
    name = name.strip()
    if not name:
        raise ValidationError("割り当てに名前を付けてください。")
    validate_mapping(mapping)
    payload = json.dumps(
        {"fields": list(mapping), "header": [_header_key(h) for h in header] if header else None},
        ensure_ascii=False,
    )
    with writing(db):
        existing = db.execute("SELECT id FROM import_mappings WHERE name = ?", [name]).fetchone()
        if existing:
            db.execute(
                "UPDATE import_mappings SET fields_json = ?, updated_at = ? WHERE id = ?",
                [payload, now_iso(), existing[0]],
            )
        else:
            db.table("import_mappings").insert(stamp({"name": name, "fields_json": payload}))
    return Changes.of(IMPORT_MAPPINGS)


def _saved(db: Database) -> list[tuple[str, list[str | None], list[str] | None]]:
    result = []
    query = "SELECT name, fields_json FROM import_mappings ORDER BY updated_at DESC, id DESC"
    for name, text in db.execute(query):
        data = json.loads(text)
        if isinstance(data, list):  # a bare list of fields
            data = {"fields": data, "header": None}
        result.append((name, list(data.get("fields") or []), data.get("header")))
    return result


def load_mappings(db: Database) -> dict[str, list[str | None]]:
    """Every saved mapping by name, most recently saved first."""
    return {name: fields for name, fields, _header in _saved(db)}


def delete_mapping(db: Database, name: str) -> Changes:
    with writing(db):
        db.execute("DELETE FROM import_mappings WHERE name = ?", [name])
    return Changes.of(IMPORT_MAPPINGS)


def find_mapping(db: Database, table: SourceTable) -> tuple[str, list[str | None]] | None:
    """The saved mapping that fits ``table``: the same header, else (headerless) the same column count."""
    header = [_header_key(h) for h in table.header] if table.has_header else None
    fallback = None
    for name, fields, saved_header in _saved(db):
        if header is not None and saved_header == header:
            return name, fields
        if fallback is None and len(fields) == table.width and (header is None) == (saved_header is None):
            fallback = (name, fields)
    return fallback


# --- guessing from values --------------------------------------------------------------------------

_POSTAL_RE = re.compile(r"^〒?\s*\d{3}-?\d{4}$")
_PHONE_CHARS_RE = re.compile(r"^[\d\-()\s+]+$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^(https?://|www\.)\S+$|^[a-z0-9-]+(\.[a-z0-9-]+)*\.(jp|com|net|org|co|biz|info)(/\S*)?$")
_NUMERIC_RE = re.compile(r"^[\d,.\s\-]+$")
_JAPANESE_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_KANJI_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA_RE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]")
_CITY_RE = re.compile(r"[市区町村]$|^\S{1,6}[市郡]\S{1,6}[区町村]")
_STREET_RE = re.compile(r"^\d|\d\s*(丁目|番|号|-|の)|丁目|番地")
_LEGAL_FORM_RE = re.compile(r"株式会社|有限会社|合同会社|\((株|有|合|資|名|医|学|福|財|社)\)|法人|組合|協会")


def _kinds(value: str) -> set[str]:
    """What one cell (NFKC, stripped) looks like."""
    compact = re.sub(r"[\s\-]", "", value)
    if compact.isdigit() and len(compact) == 13 and normalize.corporate_number_valid(compact):
        return {"corporate_number"}
    if _EMAIL_RE.match(value):
        return {"email"}
    if _URL_RE.match(value.lower()):
        return {"url"}
    if _POSTAL_RE.match(value):
        return {"postal_code"}
    if _PHONE_CHARS_RE.match(value) and normalize.phone_key(value):
        return {"phone"}
    if _NUMERIC_RE.match(value):
        return {"number"}
    if normalize.normalize_prefecture(value) in normalize.PREFECTURES:
        return {"prefecture"}
    kinds = {"text"}
    prefecture = normalize.split_prefecture(value)
    if prefecture and len(value) > len(prefecture) + 1:
        kinds.add("full_address")
    letters = [ch for ch in value if not ch.isspace() and ch not in "()<>・.,-"]
    kana = len(_KANA_RE.findall(value))
    if kana and not _KANJI_RE.search(value) and kana >= 0.7 * len(letters):
        kinds.add("kana")
    if _JAPANESE_RE.search(value):
        kinds.add("japanese")
        if len(value) <= 12 and _CITY_RE.search(value) and not any(ch.isdigit() for ch in value):
            kinds.add("city")
        if _STREET_RE.search(value):
            kinds.add("street")
    if _LEGAL_FORM_RE.search(value):
        kinds.add("legal_form")
    return kinds


class _Column:
    """The sampled values of one column and how often each kind occurs in them."""

    def __init__(self, index: int, values: list[str]):
        self.index = index
        self.values = values
        self.counts: dict[str, int] = {}
        for value in values:
            for kind in _kinds(value):
                self.counts[kind] = self.counts.get(kind, 0) + 1

    def share(self, kind: str) -> float:
        return self.counts.get(kind, 0) / len(self.values) if self.values else 0.0

    def is_(self, kind: str, threshold: float = 0.8) -> bool:
        return bool(self.values) and self.share(kind) >= threshold

    def name_score(self) -> float:
        average = sum(len(v) for v in self.values) / len(self.values)
        distinct = len(set(self.values)) / len(self.values)
        return 2 * self.share("legal_form") + distinct + min(average, 20) / 20


def _guess_from_values(table: SourceTable) -> list[str | None]:
    sample = table.rows[:_SAMPLE_ROWS]
    columns = [
        _Column(index, [normalize.nfkc(row[index]).strip() for row in sample if row[index].strip()])
        for index in range(table.width)
    ]
    mapping: list[str | None] = [None] * table.width

    def first(kind: str, field: str) -> None:
        for column in columns:
            if mapping[column.index] is None and column.is_(kind):
                mapping[column.index] = field
                return

    for kind, field in (("corporate_number", "corporate_number"), ("email", "contact_email"),
                        ("url", "website"), ("postal_code", "postal_code"), ("phone", "phone"),
                        ("prefecture", "prefecture")):
        first(kind, field)
    kana = [c for c in columns if mapping[c.index] is None and c.is_("kana")]
    if kana:
        mapping[max(kana, key=lambda c: c.share("kana")).index] = "name_kana"
    text = [c for c in columns if mapping[c.index] is None and c.is_("text") and c.share("kana") < 0.8]
    names = [c for c in text if not any(c.is_(kind, 0.5) for kind in ("full_address", "city", "street"))]
    if names:
        mapping[max(names, key=_Column.name_score).index] = "name"
    _guess_address_run(columns, mapping)
    return mapping


def _guess_address_run(columns: list[_Column], mapping: list[str | None]) -> None:
    """Mark the address: a full-address column, or the parts that follow a prefecture (or city) column."""
    start = next((c.index for c in columns if mapping[c.index] is None and c.is_("full_address", 0.5)), None)
    if start is not None:
        mapping[start] = "address"
    elif "prefecture" in mapping:
        start = mapping.index("prefecture")
    else:
        start = next((c.index for c in columns if mapping[c.index] is None and c.is_("city", 0.5)), None)
        if start is None:
            return
        mapping[start] = "address"
    for column in columns[start + 1:]:
        if mapping[column.index] is not None or not column.values or not column.is_("japanese", 0.5):
            break
        town_like = sum(len(v) for v in column.values) / len(column.values) <= 10
        if not (column.is_("city", 0.5) or column.is_("street", 0.5) or town_like) or column.share(
            "legal_form"
        ) > 0.1:
            break
        mapping[column.index] = "address"
