"""Files from a hostile-input campaign: each is refused with a plain Japanese sentence, or read in full.

One section per item of the issue: size limits and cancelling a read (4), no silent row loss (5),
encodings and damaged text (8), XML inside a workbook (9), the rejects file (10).
"""

from __future__ import annotations

import csv
import io
import re
import socket
import struct
import sys
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

from models.importing import limits, xlsx
from models.importing.encodings import JAPANESE_ENCODINGS, canonical_encoding, is_japanese, rank_encodings
from models.importing.export import escape_cell
from models.importing.importer import import_file, write_rejects_csv
from models.importing.plan import ImportCancelled, Reject
from models.importing.tabular import EncodingUnclear, read_table
from models.store.errors import ImportFileError, KakeruError

SHEET = "xl/worksheets/sheet1.xml"
# Where a zip's local and central headers keep a part's uncompressed size, its name's length and its name.
ZIP_HEADERS = {b"PK\x03\x04": (22, 26, 30), b"PK\x01\x02": (24, 28, 46)}


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def workbook(tmp_path: Path, rows: list[list], name: str = "list.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def rewrite_member(path: Path, member: str, change, out: Path | None = None) -> Path:
    """A copy of the workbook at ``path`` with one part's bytes changed by ``change``."""
    out = out or path.with_name("changed-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return out


def table_rows(path: Path, **kwargs) -> list[list[str]]:
    return read_table(path, **kwargs).rows


# -- 4. limits: a zip bomb, too many rows or cells; a long read can be followed and stopped ------------------

def test_a_workbook_that_unzips_past_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 300 * 1024)
    padding = b"<!--" + b"A" * (1024 * 1024) + b"-->"  # compresses to about a kilobyte
    bomb = rewrite_member(workbook(tmp_path, [["会社名"], ["A社"]]), SHEET,
                          lambda data: data.replace(b"</sheetData>", b"</sheetData>" + padding))
    assert bomb.stat().st_size < 64 * 1024
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("the bomb was opened"))
    with pytest.raises(ImportFileError) as refused:
        read_table(bomb)
    message = str(refused.value)
    assert "展開すると 1.0 MB" in message and "上限（0.3 MB）" in message


def test_a_part_that_inflates_past_its_declared_size_is_refused(tmp_path):
    # The zip claims the sheet unzips to 100 bytes; it holds far more. The zip module never gives more
    # than the declared size and then finds the CRC wrong: a damaged file, not a flood of rows.
    path = workbook(tmp_path, [["会社名"], *[[f"会社{n}"] for n in range(2000)]])
    data = bytearray(path.read_bytes())
    for signature, (size_at, length_at, name_at) in ZIP_HEADERS.items():
        for match in re.finditer(re.escape(signature), bytes(data)):
            start = match.start()
            (length,) = struct.unpack_from("<H", data, start + length_at)
            if data[start + name_at:start + name_at + length] == SHEET.encode():
                struct.pack_into("<I", data, start + size_at, 100)
    lying = write(tmp_path, "lying.xlsx", bytes(data))
    with zipfile.ZipFile(lying) as archive:
        assert archive.getinfo(SHEET).file_size == 100
    with pytest.raises(ImportFileError, match="Excel ファイル"):
        read_table(lying)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_with_more_rows_than_the_limit_is_refused_naming_it(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    rows = [["会社名"], *[[f"会社{n}"] for n in range(5)]]  # 6 rows: one more than allowed
    path = (workbook(tmp_path, rows) if kind == "xlsx"
            else write(tmp_path, "list.csv", "".join(f"{row[0]}\r\n" for row in rows)))
    with pytest.raises(ImportFileError, match="上限は 5 行"):
        read_table(path)
    fits = (workbook(tmp_path, rows[:5], "fits.xlsx") if kind == "xlsx"
            else write(tmp_path, "fits.csv", "".join(f"{row[0]}\r\n" for row in rows[:5])))
    assert len(table_rows(fits)) == 4


def test_a_sheet_row_far_down_counts_as_all_the_rows_before_it(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)
    book = openpyxl.Workbook()
    book.active.append(["会社名"])
    book.active.cell(row=5000, column=1, value="遠くの会社")
    path = tmp_path / "far.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError, match="上限は 1,000 行"):
        read_table(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_table_with_more_cells_than_the_limit_is_refused(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(limits, "MAX_CELLS", 10_000)
    if kind == "xlsx":  # one cell in column XFD makes every row 16,384 cells wide
        book = openpyxl.Workbook()
        for row in range(1, 4):
            book.active.cell(row=row, column=1, value=f"会社{row}")
            book.active.cell(row=row, column=16384, value="端")
        path = tmp_path / "wide.xlsx"
        book.save(path)
    else:  # one wide row pads every other row to its width
        path = write(tmp_path, "wide.csv", "会社名" + "," * 5000 + "\r\n" + "A社\r\n" * 10)
    with pytest.raises(ImportFileError, match="上限は 10,000 セル"):
        read_table(path)


def test_a_text_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)
    path = write(tmp_path, "big.csv", "会社名\r\n" + "株式会社テスト\r\n" * 100_000)
    with pytest.raises(ImportFileError, match=r"上限（1.0 MB）"):
        read_table(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_read_reports_progress_and_stops_when_cancelled(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(limits, "REPORT_EVERY", 10)
    rows = [["会社名", "電話番号"], *[[f"株式会社{n}", f"03-0000-{n:04d}"] for n in range(100)]]
    path = (workbook(tmp_path, rows) if kind == "xlsx"
            else write(tmp_path, "list.csv", "".join(",".join(row) + "\r\n" for row in rows)))
    calls = []
    table = read_table(path, progress=lambda done, total: calls.append((done, total)))
    assert len(table.rows) == 100 and len(calls) >= 5
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert all(done <= total for done, total in calls)
    with pytest.raises(ImportCancelled):
        read_table(path, progress=lambda done, total: done < 30)


# -- 5. every row accounted for: quotes that swallow lines, a stale <dimension> --------------------------

@pytest.mark.parametrize("text, opened, last", [
    # The quote opened on line 3 never closes: the rest of the file would become one company name.
    ('会社名,電話番号\r\nA社,03-1111\r\n"B社,03-2222\r\nC社,03-3333\r\nD社,03-4444\r\n', 3, 5),
    # Closed by what was really the opening quote of a later cell.
    ('"会社名","電話"\r\n"A社","03-1\r\n"B社","03-2"\r\n"C社","03-3"\r\n', 2, 3),
    ('会社名,電話\r\n"A社,03-1\r\nB社,03-2\r\nC社,"03-3"\r\n', 2, 4),
    # Tab separated, LF line ends.
    ('会社名\t電話\nA社\t03-1\n"B社\t03-2\nC社\t03-3\n', 3, 4),
])
def test_an_unmatched_quote_is_refused_with_its_line(tmp_path, text, opened, last):
    path = write(tmp_path, "list.csv", text)
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    message = str(refused.value)
    assert f"{opened}行目にある引用符" in message and f"{opened}〜{last}行目" in message
    assert "取り込みは行っていません" in message


def test_an_unmatched_quote_imports_nothing(fresh_db, tmp_path):
    path = write(tmp_path, "list.csv", '会社名,電話\r\nA社,03-1\r\n"B社,03-2\r\nC社,03-3\r\n')
    with pytest.raises(ImportFileError, match="3行目"):
        import_file(fresh_db, path, "L")
    assert fresh_db.execute("SELECT count(*) FROM companies").fetchone()[0] == 0


@pytest.mark.parametrize("text, rows", [
    ('会社名,備考\r\nA社,"一行目\r\n二行目\r\n三行目"\r\nB社,ok\r\n', 2),  # a note of three lines
    ('会社名,電話,備考\r\nA社,1,"訪問, 済み\r\n次回, 4月\r\n以上"\r\nB社,2,x\r\n', 2),  # commas, not a row
    ('会社名,備考\r\nA社,"最後の行の\r\n備考"', 1),  # no line end after the closing quote
    ('会社名,備考\r\nA社,"閉じない引用符', 1),  # a quote left open on the last line loses no line
    ('会社名,備考\r\nA社,"B ""社"" の件"\r\n', 1),
])
def test_quoted_cells_over_several_lines_still_read(tmp_path, text, rows):
    assert len(table_rows(write(tmp_path, "list.csv", text))) == rows


def test_a_stale_dimension_does_not_cut_rows_or_cells(tmp_path):
    path = workbook(tmp_path, [["会社名", "電話番号"], ["A社", "03-1111"], ["B社", "03-2222", "余分"]])
    stale = rewrite_member(path, SHEET, lambda data: re.sub(rb'<dimension ref="[^"]*"',
                                                            b'<dimension ref="A1:A2"', data))
    with zipfile.ZipFile(stale) as archive:
        assert b'<dimension ref="A1:A2"' in archive.read(SHEET)
    table = read_table(stale)
    assert table.rows == [["A社", "03-1111", ""], ["B社", "03-2222", "余分"]]
    assert table.line_numbers == [2, 3]


# -- 8. encodings: any codec Python knows, Japanese first; damaged text told by its line -----------------

ROWS = "会社名,電話番号,住所\r\n株式会社テスト,03-1234-5678,東京都千代田区丸の内1-1-1\r\n" \
       "有限会社サンプル,06-2345-6789,大阪府大阪市北区梅田2-2-2\r\n"


@pytest.mark.parametrize("name, expected", [
    ("EUC-JP", "euc_jp"), ("euc_jp", "euc_jp"), ("Shift_JIS", "cp932"), ("ISO-2022-JP", "iso2022_jp"),
    ("latin-1", "iso8859-1"), ("GB18030", "gb18030"), ("utf-16-le", "utf-16-le"), (" UTF8 ", "utf-8"),
])
def test_any_text_encoding_python_knows_is_accepted(name, expected):
    assert canonical_encoding(name) == expected


@pytest.mark.parametrize("name", ["base64", "rot13", "zlib", "no-such-encoding", ""])
def test_a_name_that_is_not_a_text_encoding_is_refused_with_the_japanese_ones(name):
    with pytest.raises(ImportFileError) as refused:
        canonical_encoding(name)
    assert "euc_jp" in str(refused.value) and "cp932" in str(refused.value)


def test_euc_jp_is_read_when_named(tmp_path):
    path = write(tmp_path, "list.csv", ROWS * 3, "euc_jp")
    assert table_rows(path, encoding="EUC-JP")[0][:2] == ["株式会社テスト", "03-1234-5678"]


@pytest.mark.parametrize("encoding", ["euc_jp", "gb18030", "big5"])
def test_japanese_encodings_are_proposed_first(encoding):
    data = (ROWS * 5).encode(encoding, errors="replace")
    ranked = rank_encodings(data)
    assert ranked, encoding
    japanese = [is_japanese(name) for name in ranked]
    assert japanese == sorted(japanese, reverse=True)  # no other encoding before a Japanese one
    if encoding == "euc_jp":
        assert ranked[0] == "euc_jp"
    assert set(JAPANESE_ENCODINGS) >= {"utf-8", "cp932", "euc_jp"}


def test_a_nul_byte_in_a_cell_is_told_with_its_line(tmp_path):
    text = "会社名,電話番号\r\nA社,03-1111-1111\r\nB\x00社,03-2222-2222\r\n"
    for encoding, given in (("utf-8", "auto"), ("utf-8", "utf-8"), ("cp932", "auto"), ("cp932", "cp932")):
        with pytest.raises(ImportFileError) as refused:
            read_table(write(tmp_path, f"{encoding}.csv", text, encoding), encoding=given)
        message = str(refused.value)
        assert "3行目" in message and "NUL" in message and "削除" in message
        assert "CSV・TSV" not in message  # not "this is not a CSV"


def test_a_cut_off_last_utf8_character_is_told_with_its_line(tmp_path):
    data = ROWS.encode("utf-8") + "C社,03-3333-3333,福岡".encode()[:-1]
    with pytest.raises(ImportFileError) as refused:
        read_table(write(tmp_path, "cut.csv", data))
    message = str(refused.value)
    assert "途中で切れています" in message and "4行目" in message and "CSV・TSV" not in message


def test_a_damaged_character_in_a_utf8_file_is_told_with_its_line(tmp_path):
    data = ROWS.encode("utf-8") * 3 + b"C\xff\xfe,03-3333-3333,x\r\n"
    with pytest.raises(ImportFileError) as refused:
        read_table(write(tmp_path, "damaged.csv", data))
    assert "UTF-8" in str(refused.value) and "10行目" in str(refused.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_cut_off_utf16_file_is_told_too(tmp_path, codec):
    with pytest.raises(ImportFileError, match="途中で切れています（4行目）"):
        read_table(write(tmp_path, "cut.csv", (ROWS + "C社,03").encode(codec)[:-1]))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(tmp_path, codec):
    table = read_table(write(tmp_path, "list.csv", ROWS, codec))
    assert table.encoding == codec
    assert table.rows[1] == ["有限会社サンプル", "06-2345-6789", "大阪府大阪市北区梅田2-2-2"]
    assert read_table(tmp_path / "list.csv", encoding="utf-16").rows == table.rows


def test_binary_and_unclear_files_are_still_told_apart(tmp_path):
    with pytest.raises(ImportFileError, match="CSV・TSV"):
        read_table(write(tmp_path, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    with pytest.raises(EncodingUnclear):
        read_table(write(tmp_path, "euc.csv", ROWS * 5, "euc_jp"))


# -- 9. XML inside a workbook: never a traceback, never an entity expanded or fetched --------------------

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol1 "lol">'
          + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)) + "]>")


def _with_prolog(prolog: str, cell: str):
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        text = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        return (prolog + text.replace("A社", cell)).encode("utf-8")
    return change


@pytest.fixture
def no_network_or_file_from_xml(monkeypatch, tmp_path):
    """Record every connection and every file opened outside the workbooks while the test runs."""
    touched: list[str] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: touched.append(f"connect {address}"))
    watching = threading.Event()

    def audit(event: str, args: tuple) -> None:
        if watching.is_set() and event == "open" and "secret" in str(args[0]) and "w" not in str(args[1]):
            touched.append(f"open {args[0]}")  # the test writing its secret is not reading it

    sys.addaudithook(audit)  # cannot be removed: it only records while ``watching`` is set
    watching.set()
    yield touched
    watching.clear()


@pytest.mark.parametrize("part", [SHEET, "xl/workbook.xml"])
@pytest.mark.parametrize("attack", ["laughs", "file", "network"])
def test_xml_entities_are_refused_plainly_and_never_resolved(tmp_path, no_network_or_file_from_xml, part,
                                                            attack):
    secret = write(tmp_path, "secret.txt", "秘密の中身")
    prolog, cell = {
        "laughs": (LAUGHS, "&lol9;"),
        "file": (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>', "&e;"),
        "network": ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>', "&e;"),
    }[attack]
    path = rewrite_member(workbook(tmp_path, [["会社名"], ["A社"]]), part, _with_prolog(prolog, cell),
                          out=tmp_path / "attack.xlsx")
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    assert "安全のため" in str(refused.value)
    assert no_network_or_file_from_xml == []


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("change", [
    lambda data: data.replace(b"</row>", b"</rw>", 1),  # not well-formed
    lambda data: data[: len(data) // 2],  # cut off
    lambda data: re.sub(rb'<c r="A2" t="inlineStr"><is><t>([^<]*)</t></is>', rb'<c r="A2" t="n"><v>\1</v>',
                        data),  # a number that is not one
])
def test_a_damaged_sheet_is_refused_plainly(tmp_path, change):
    path = rewrite_member(workbook(tmp_path, [["会社名"], ["A社"], ["B社"]]), SHEET, change)
    with pytest.raises(ImportFileError, match="Excel ファイル"):
        read_table(path)


def test_the_damage_xlsx_catches_is_the_environments_not_a_bug():
    assert not any(issubclass(kind, KakeruError) for kind in xlsx._DAMAGED)


# -- 10. the rejects file: neutralised as the exports are --------------------------------------------------

def test_rejects_are_neutralised_like_an_export_header_included(tmp_path):
    values = ['=HYPERLINK("http://x")', "-1", "-3.5", "+81-3-1234-5678", "@SUM(A1)", "－", "＝1+1", "ふつう"]
    header = ["=cmd|' /C calc'!A0", "-1", "電話番号", "@見出し", "5", "6", "7", "8"]
    out = write_rejects_csv([Reject(line=7, reason="会社名が空です。", values=tuple(values))],
                            tmp_path / "rejects.csv", header=header)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["行番号", "理由", *(escape_cell(name) for name in header)]
    assert written[1] == ["7", "会社名が空です。", *(escape_cell(value) for value in values)]
    assert written[0][2].startswith("'=") and written[0][3] == "-1"
    assert written[1][3:5] == ["-1", "-3.5"]  # numbers, not formulas
    assert written[1][2].startswith("'=") and written[1][5] == "'+81-3-1234-5678"


def test_rejects_are_written_whole_or_not_at_all(tmp_path):
    with pytest.raises(KakeruError):
        write_rejects_csv([Reject(line=2, reason="x", values=("a",))], tmp_path / "missing" / "r.csv")
    assert not (tmp_path / "missing").exists()


def test_rejects_in_cp932_keep_what_cp932_cannot_hold_as_geta(tmp_path):
    out = write_rejects_csv([Reject(line=2, reason="理由", values=("𠮷野家", "😀"))], tmp_path / "r.csv",
                            encoding="cp932")
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("cp932"), newline="")))
    assert rows[1][2:] == ["〓野家", "〓"]
