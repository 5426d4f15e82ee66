"""Reading list files: encodings, delimiters, headers, Excel workbooks and bad input."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from models.importing.tabular import (
    EncodingUnclear,
    cell_text,
    looks_like_header,
    read_table,
    sniff_delimiter,
)
from models.store.errors import ImportFileError

ROWS = [
    ["会社名", "電話番号", "住所"],
    ["株式会社テスト", "03-1234-5678", "東京都千代田区丸の内1-1-1"],
    ["有限会社サンプル", "06-2345-6789", "大阪府大阪市北区梅田2-2-2"],
]


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(rows, delimiter=","):
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


def test_utf8_with_bom_and_header(tmp_path):
    path = write(tmp_path, "list.csv", csv_text(ROWS), "utf-8-sig")
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert table.has_header
    assert table.header == ROWS[0]
    assert table.rows == ROWS[1:]
    assert table.first_line_number == 2
    assert table.line_of(1) == 3


def test_cp932_is_detected(tmp_path):
    table = read_table(write(tmp_path, "list.csv", csv_text(ROWS), "cp932"))
    assert table.encoding == "cp932"
    assert table.rows[0][0] == "株式会社テスト"


def test_the_real_sample_reads_as_headerless_cp932(post_office_csv):
    table = read_table(post_office_csv)
    assert (table.encoding, table.has_header, table.width, len(table.rows)) == ("cp932", False, 13, 2055)
    assert table.header[:2] == ["列1", "列2"]
    assert table.first_line_number == 1


def test_forced_wrong_encoding_names_the_encoding_and_line(tmp_path):
    path = write(tmp_path, "list.csv", "Name,Phone\r\nabc,1\r\n株式会社テスト,2\r\n", "cp932")
    with pytest.raises(ImportFileError) as caught:
        read_table(path, encoding="utf-8")
    message = str(caught.value)
    assert "UTF-8" in message and "3行目" in message and "文字コード" in message
    assert read_table(path, encoding="shift_jis").encoding == "cp932"


def test_unclear_encoding_offers_candidates(tmp_path):
    path = write(tmp_path, "list.csv", csv_text(ROWS * 5), "euc_jp")
    with pytest.raises(EncodingUnclear) as caught:
        read_table(path)
    assert "euc_jp" in caught.value.candidates
    assert "文字コード" in str(caught.value)
    assert read_table(path, encoding="euc_jp").rows[0][0] == "株式会社テスト"


def test_utf16_with_bom_tab_separated(tmp_path):
    path = write(tmp_path, "list.txt", csv_text(ROWS, "\t"), "utf-16")
    table = read_table(path)
    assert table.encoding == "utf-16"
    assert table.rows[1][2] == "大阪府大阪市北区梅田2-2-2"


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="空のファイル"):
        read_table(path)


def test_binary_file(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ImportFileError, match="CSV・TSV"):
        read_table(path)


def test_old_excel_and_broken_xlsx(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFileError, match=r"\.xlsx"):
        read_table(old)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(ImportFileError, match="Excel"):
        read_table(broken)


@pytest.mark.parametrize("name", ["list.csv", "list.txt", "list.xlsx"])
def test_a_zip_that_is_not_a_workbook_is_refused_in_japanese(tmp_path, name):
    archive_path = tmp_path / name  # openpyxl refuses other extensions with its own exception
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    magic_only = tmp_path / f"magic-{name}"
    magic_only.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    for path in (archive_path, magic_only):
        with pytest.raises(ImportFileError, match="Excel"):
            read_table(path)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="見つかりません"):
        read_table(tmp_path / "nothing.csv")


def test_header_only_file(tmp_path):
    with pytest.raises(ImportFileError, match="見出し行しか"):
        read_table(write(tmp_path, "header.csv", "会社名,電話番号,住所\r\n"))


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    table = read_table(write(tmp_path, "list.txt", csv_text(ROWS, delimiter)))
    assert table.rows[0] == ROWS[1]
    assert sniff_delimiter(csv_text(ROWS, delimiter)) == delimiter


def test_ragged_rows_are_padded(tmp_path):
    text = "会社名,電話番号\r\nA社\r\nB社,03-1111-2222,余分,もっと余分\r\n\r\n,,\r\nC社,06-1111-2222\r\n"
    table = read_table(write(tmp_path, "ragged.csv", text))
    assert table.header == ["会社名", "電話番号", "列3", "列4"]
    assert [len(row) for row in table.rows] == [4, 4, 4]
    assert table.rows[0] == ["A社", "", "", ""]
    assert table.line_numbers == [2, 3, 6]  # blank lines are not rows, but lines still count


def test_quoted_newlines_keep_line_numbers(tmp_path):
    text = '会社名,備考\r\nA社,"一行目\r\n二行目"\r\nB社,ok\r\n'
    table = read_table(write(tmp_path, "multi.csv", text))
    assert table.rows[0][1] == "一行目\r\n二行目"
    assert table.line_numbers == [2, 4]


def test_a_one_megabyte_cell(tmp_path):
    big = "あ" * (1024 * 1024)
    table = read_table(write(tmp_path, "big.csv", f'会社名,備考\r\nA社,"{big}"\r\n'))
    assert len(table.rows[0][1]) == len(big)


def test_a_hundred_columns(tmp_path):
    header = ["会社名"] + [f"項目{n}" for n in range(2, 101)]
    row = ["A社"] + [str(n) for n in range(2, 101)]
    table = read_table(write(tmp_path, "wide.csv", csv_text([header, row])))
    assert table.width == 100
    assert table.rows[0][99] == "100"


def test_header_detection():
    assert looks_like_header(["Company", "TEL", "Address"], [["A", "03-1111-2222", "x"]])
    assert not looks_like_header(["株式会社テスト", "03-1234-5678", "東京都"], [])
    # unknown words over columns of numbers still read as a header
    assert looks_like_header(["得意先", "連絡先"], [["A社", "03-1111-2222"], ["B社", "06-1111-2222"]])
    assert not looks_like_header(["A社", "B社"], [["C社", "D社"]])


def test_has_header_can_be_forced(tmp_path):
    path = write(tmp_path, "list.csv", csv_text(ROWS))
    table = read_table(path, has_header=False)
    assert not table.has_header and len(table.rows) == 3 and table.header[0] == "列1"


def test_xlsx_with_several_sheets(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "表紙"
    data = book.create_sheet("リスト")
    data.append(["会社名", "電話番号", "従業員数", "設立"])
    data.append(["株式会社テスト", 312345678, 120.0, dt.datetime(2001, 4, 1)])
    data.append(["有限会社サンプル", "06-2345-6789", 3.5, dt.date(1999, 12, 31)])
    other = book.create_sheet("別表")
    other.append(["会社名"])
    other.append(["別の会社"])
    path = tmp_path / "list.xlsx"
    book.save(path)

    table = read_table(path)
    assert table.sheets == ["表紙", "リスト", "別表"]
    assert table.sheet == "リスト"  # the first sheet with data
    assert table.encoding is None
    assert table.rows[0] == ["株式会社テスト", "312345678", "120", "2001-04-01"]
    assert table.rows[1][2:] == ["3.5", "1999-12-31"]
    assert table.first_line_number == 2
    assert read_table(path, sheet="別表").rows == [["別の会社"]]
    with pytest.raises(ImportFileError, match="シート"):
        read_table(path, sheet="ない")


def test_xlsx_without_data(tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(ImportFileError, match="データがありません"):
        read_table(path)


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(12.0) == "12"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(dt.datetime(2024, 3, 31, 9, 30)) == "2024-03-31 09:30"
    assert cell_text(True) == "TRUE"
