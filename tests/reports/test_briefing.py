"""The briefing sheet PDF, read back as a field rep would read it."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime, timedelta

import pypdf
import pytest
from brief_samples import GENERATED_AT, JST, add_touch, make_large, make_typical
from pdfcheck import (
    all_text,
    layout_faults,
    line_starts,
    page_count,
    pdffonts,
    shows,
    squash,
    unembedded_fonts,
)

from models.meetings.briefs import gather_brief
from models.meetings.meetings import update_meeting
from reports import brief_plan
from reports.brief_fit import FULL
from reports.briefing import (
    BriefWriteError,
    RenderResult,
    generation_time,
    render_brief,
    render_briefs,
    write_brief,
)
from reports.briefing_sections import DISCLAIMER
from reports.kinsoku import NO_LINE_START


def render(data) -> tuple[bytes, RenderResult]:
    out = io.BytesIO()
    result = render_brief(data, out)
    return out.getvalue(), result


def test_typical_meeting_fits_on_one_page_with_every_section(typical):
    _, data = typical
    pdf, result = render(data)
    assert result == RenderResult(pages=1, warnings=())
    assert page_count(pdf) == 1
    assert shows(
        pdf,
        # header
        "株式会社みなと精機", "ミナトセイキ", "2025年1月16日（木）", "10:00〜11:00（60分）",
        "https://meet.example.jp/abc-defg-hij", "担当営業", "山本 大輔", "担当IS", "高橋 由美",
        "勤怠・シフト管理の課題ヒアリングとデモのご提案", "社外秘",
        # company profile
        "会社概要", "製造業（産業用ポンプ）", "420名", "〒230-0045 神奈川県横浜市鶴見区末広町1-7",
        "045-501-1234", "7010001008844", "決算月", "3月", "ランク", "アポ獲得",
        # why now
        "なぜ今か", "来期の採用計画が1月に固まるため、その直前に現場課題の解決策を提案する。",
        "製造部の鈴木課長も同席で、1月16日にオンラインで商談。", "シフト作成に毎月20時間", "年間200万円程度",
        # attendees
        "出席者", "人事", "佐藤 恵子", "サトウ ケイコ", "人事部", "部長",
        "窓口。採用計画の責任者で、数字で判断される。",
        "現場", "鈴木 健一", "現場の困りごとを一番よくご存じ。シフト表を見せてくださる予定。",
        # what was heard
        "ヒアリング内容", "課題・ニーズ",
        "製造現場のシフト作成に毎月20時間かかっている。属人化の解消が課題。",
        "現状", "期待", "懸念", "お人柄", "予算", "時期", "決裁プロセス", "競合", "聞けていないこと",
        "役員会の開催時期。", "人事部長が起案し、役員会で決裁。",
        # questions and cautions
        "確認したいこと", "・役員会の開催時期と起案の締め切り", "注意点", "・他社の名前は出さないこと。",
        DISCLAIMER,
        # history, newest first
        "接触履歴", "2025/01/09 16:00", "アポ獲得", "決裁者接触", "受付ブロック",
        "営業電話はお断りとのこと。資料送付なら可。",
        # feedback box
        "商談結果フィードバック", "□ 受注　□ 失注　□ 継続　□ 延期　□ キャンセル",
        "□ 価格　□ 時期　□ 競合　□ ニーズ不一致　□ 決裁者不在　□ 情報不足　□ その他",
        "次のステップ", "メモ", "記入者",
        # footer
        "1 / 1", "作成 2025年1月14日 18:30",
    ) == []


def test_history_is_newest_first(typical):
    _, data = typical
    text = squash(all_text(render(data)[0]))
    dates = ["2025/01/0916:00", "2024/12/0315:20", "2024/10/0911:05", "2024/10/0414:40", "2024/10/0210:15"]
    positions = [text.index(d) for d in dates]
    assert positions == sorted(positions)


def test_long_history_is_summarised_to_the_newest_touches_on_one_page(long_history):
    _, data = long_history
    pdf, result = render(data)
    assert result == RenderResult(pages=1, warnings=()) and page_count(pdf) == 1
    assert layout_faults(pdf) == []
    text = squash(all_text(pdf))
    omitted = int(re.search(r"…ほか(\d+)件（古い記録は省略しました）", text)[1])
    assert 0 < omitted <= len(data.history) - 3  # the newest three at least
    assert shows(pdf, "1 / 1", "2025/01/09 16:00", "商談結果フィードバック", "ヒアリング内容") == []
    assert "高橋由美1回目の連絡。" not in text  # the oldest touches are summarised away


def test_a_large_account_keeps_the_essentials_and_the_feedback_box_on_page_one(fresh_db):
    meeting_id = make_large(fresh_db)
    data = gather_brief(fresh_db, meeting_id, GENERATED_AT)
    pdf, result = render(data)
    assert result.pages == 2 == page_count(pdf)
    assert layout_faults(pdf) == []
    first, second = (squash(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for text in ("株式会社みなと精機", "担当IS", "なぜ今か", "出席者", "出席9郎", "ヒアリング内容",
                 "確認事項その11", "商談結果フィードバック", "1/2"):
        assert text in first, text
    assert "接触履歴" in second and "タイムライン" in second and "接触履歴" not in first
    # The second page has room for the whole history: nothing summarised away.
    assert "1日の連絡。" in second and "…ほか" not in second


@pytest.mark.parametrize("sample", ["typical", "long_history"])
def test_no_text_outside_the_page_overlapping_or_across_a_rule(sample, request):
    _, data = request.getfixturevalue(sample)
    assert layout_faults(render(data)[0]) == []


def test_a_note_longer_than_a_page_is_cut_to_keep_the_sheet_on_one_page(typical):
    db, data = typical
    note = "現場の課題は多岐にわたる。「シフトが回らない。」と伺った。" * 70
    update_meeting(db, data.meeting_id, {"notes_needs": note})
    pdf, result = render(gather_brief(db, data.meeting_id, GENERATED_AT))
    assert result.pages == 1 and layout_faults(pdf) == []
    [warning] = result.warnings
    assert warning.startswith("ヒアリング内容の記載が長すぎるため") and "全文は Kakeru の画面で" in warning
    text = squash(all_text(pdf))
    assert "現場の課題は多岐にわたる。" in text and 0 < text.count("シフトが回らない。") < 70 and "…" in text


def test_a_note_longer_than_a_page_splits_inside_its_row(typical, monkeypatch):
    # Drawn in full (a large account's first page when summarising is not enough), the paginator
    # still splits a row taller than a page.
    monkeypatch.setattr(brief_plan, "steps", lambda: [FULL])
    db, data = typical
    note = "現場の課題は多岐にわたる。「シフトが回らない。」と伺った。" * 70
    update_meeting(db, data.meeting_id, {"notes_needs": note})
    pdf, result = render(gather_brief(db, data.meeting_id, GENERATED_AT))
    assert result.pages >= 2
    assert layout_faults(pdf) == []
    # Every sentence once, with the footers between the pages taken out.
    footer = r"社外秘商談ブリーフィングシート株式会社みなと精機\d/\d作成2025年1月14日18:30"
    assert re.sub(footer, "", squash(all_text(pdf))).count("シフトが回らない。") == 70


def test_japanese_text_is_extractable_and_fonts_are_embedded(typical, tmp_path):
    _, data = typical
    path = tmp_path / "brief.pdf"
    render_brief(data, path)
    pdf = path.read_bytes()
    assert "株式会社みなと精機" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert unembedded_fonts(pdf) == []
    rows = pdffonts(path)
    if rows is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    assert rows, "pdffonts listed no fonts"
    for row in rows:
        assert row[-5] == "yes", f"not embedded: {row}"  # columns: … emb sub uni object-id
        assert row[-4] == "yes", f"not subset: {row}"
        assert "BIZUDPGothic" in row[0]


def test_same_data_and_source_date_epoch_give_identical_bytes(typical, monkeypatch):
    _, data = typical
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1736899200")  # 2025-01-15 00:00 UTC
    first, _ = render(data)
    later = dataclasses.replace(data, generated_at=GENERATED_AT + timedelta(hours=5))
    second, _ = render(later)
    assert first == second
    assert shows(first, "作成 2025年1月15日 09:00") == []  # the epoch, in the time zone of generated_at


def test_without_source_date_epoch_the_footer_shows_the_given_time(typical, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _, data = typical
    assert render(data)[0] == render(data)[0]
    assert generation_time(GENERATED_AT) == GENERATED_AT
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert generation_time(GENERATED_AT) == GENERATED_AT


def test_a_character_the_font_lacks_is_reported_and_marked(typical):
    db, data = typical
    update_meeting(db, data.meeting_id, {"place": "𠮷野ビル 3階", "notes_personality": "話し好き😀"})
    pdf, result = render(gather_brief(db, data.meeting_id, GENERATED_AT))
    joined = " ".join(result.warnings)
    assert "U+20BB7" in joined and "ヘッダー" in joined
    assert "U+1F600" in joined and "ヒアリング内容" in joined
    assert shows(pdf, "〓野ビル 3階", "話し好き〓") == []


def test_no_line_starts_with_closing_punctuation(fresh_db, monkeypatch):
    monkeypatch.setattr(brief_plan, "steps", lambda: [FULL])  # every note in full, on a second page
    meeting_id = make_typical(fresh_db)
    company_id = fresh_db.execute("SELECT company_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    for shift in range(40):  # every alignment of the closing marks against the end of a line
        note = ("あ" * shift + "「社内で回覧中です。」とのこと、（決裁は来月）。") * 3
        add_touch(fresh_db, company_id, f"2023-01-01T09:{shift:02d}:00+09:00", "connected", note=note)
    pdf, _ = render(gather_brief(fresh_db, meeting_id, GENERATED_AT))
    starts = line_starts(pdf)
    assert len(starts) > 200
    # reportlab's own CJK wrapping starts 7 of these 40 notes' lines with 」 or 。 (and hangs the
    # other marks over the cell's rule); ours pushes the character before them down instead.
    assert [s for s in starts if s in "。、）」』】，．！？"] == []
    assert layout_faults(pdf) == []
    assert set("。、）」") <= NO_LINE_START


def test_relationship_map_area_appears_only_when_there_is_a_map(typical):
    _, data = typical
    assert "関係図" not in all_text(render(data)[0])
    with_map = dataclasses.replace(data, relationship_map={"nodes": [], "edges": []})
    assert "関係図" in all_text(render(with_map)[0])


def test_render_briefs_writes_one_file_per_meeting_and_a_combined_file(fresh_db, tmp_path):
    ids = [make_typical(fresh_db) for _ in range(3)]
    update_meeting(fresh_db, ids[1], {"starts_at": "2025-01-16T14:00", "notes_budget": "未定😀"})
    briefs = [gather_brief(fresh_db, meeting_id, GENERATED_AT) for meeting_id in ids]
    paths = render_briefs(briefs, tmp_path / "out", "all.pdf")
    assert [p.name for p in paths] == [
        f"brief-2025-01-16-1000-{ids[0]}.pdf", f"brief-2025-01-16-1400-{ids[1]}.pdf",
        f"brief-2025-01-16-1000-{ids[2]}.pdf", "all.pdf",
    ]
    combined = paths[-1].read_bytes()
    assert page_count(combined) == 3
    assert len(pypdf.PdfReader(io.BytesIO(combined)).outline) == 3
    for path in paths[:-1]:
        pdf = path.read_bytes()
        reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
        assert len(reader.pages) == 1
        assert reader.metadata.title.startswith("商談ブリーフィングシート 株式会社みなと精機")
        assert unembedded_fonts(pdf) == []
        assert layout_faults(pdf) == []
        assert shows(pdf, "株式会社みなと精機", "1 / 1", DISCLAIMER) == []
    assert shows(paths[1].read_bytes(), "14:00〜15:00（60分）", "未定〓") == []
    rows = pdffonts(paths[0])
    if rows is not None:
        assert rows and all(row[-5] == "yes" for row in rows)


def test_render_briefs_of_nothing_writes_nothing(tmp_path):
    assert render_briefs([], tmp_path / "out", "all.pdf") == []
    assert list((tmp_path / "out").iterdir()) == []


def test_with_source_date_epoch_the_sheet_does_not_follow_the_clock(fresh_db, tmp_path, monkeypatch):
    """"Today" on the timeline strip is the epoch too: two runs hours apart give the same bytes."""
    import reports.briefing as briefing

    meeting = make_typical(fresh_db)
    clock = iter([datetime(2025, 1, 12, 10, 0, tzinfo=JST), datetime(2025, 1, 12, 13, 0, tzinfo=JST)])

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(clock)

    monkeypatch.setattr(briefing, "datetime", Clock)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2025, 1, 10, 9, 0, tzinfo=JST).timestamp())))
    write_brief(fresh_db, meeting, tmp_path / "a.pdf")
    write_brief(fresh_db, meeting, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_file_that_cannot_be_written_is_a_plain_error(typical, tmp_path):
    _, data = typical
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BriefWriteError, match="保存できませんでした"):
        render_brief(data, blocker / "brief.pdf")
    with pytest.raises(BriefWriteError):
        render_briefs([data], blocker / "day", "all.pdf")


def test_cancelled_meeting_says_so_in_the_header(typical):
    db, data = typical
    update_meeting(db, data.meeting_id, {"status": "cancelled"})
    assert shows(render(gather_brief(db, data.meeting_id, GENERATED_AT))[0], "［中止］") == []


def test_the_epoch_is_shown_in_utc_unless_generated_at_has_a_time_zone(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert generation_time(datetime(2025, 1, 1, 12, 0)) == datetime(1970, 1, 1, tzinfo=UTC)
    assert generation_time(GENERATED_AT) == datetime(1970, 1, 1, 9, 0, tzinfo=JST)
