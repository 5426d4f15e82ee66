"""The review sheet (週次・月次・期間レビューシート): A4 portrait PDF from ``models.kpi.review.ReviewData``.

The title follows the period (a week, a calendar month, any other range). The KPIs beside the previous
period's, the month's goals with the pace still needed, the funnel and the weekly trend, the loss
reasons, the meetings that closed and those that did not, the meetings still waiting for the field's
feedback, and the decisions with owner and due date (open ones carried from earlier reviews, the overdue
in red). Same fonts, rules and footer as the briefing sheet (``reports.briefing``): embedded font
subsets, CJK wrapping, ``invariant=1``, the footer time from ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from models.kpi.figures import FIGURES, SNAPSHOT, Figure, figure_definition, figure_label, funnel
from models.kpi.goals import GoalReport
from models.kpi.period import Period
from models.kpi.review import Decision, ReviewData
from models.store.errors import KakeruError
from reports.briefing import CONFIDENTIAL, BriefWriteError, _write, draw_footer
from reports.charts import funnel_drawing, trend_drawing
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.layout import Frame, Gap, Keep, StoryItem, paginate
from reports.sheet_parts import (
    ALERT,
    MUTED,
    NAVY,
    Texts,
    _heading,
    _labels,
    _muted,
    _p,
    _table,
    styles,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 11 * mm
MARGIN_BOTTOM = 15 * mm
FRAME = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
TITLE = "週次レビューシート"  # a week's; ReviewData.title names the others
MAX_MEETINGS = 12  # rows per meeting table; the rest are counted
HAND_ROWS = 3  # decisions the sheet leaves room to write by hand, fewer as more are printed


DEFINITION = ParagraphStyle("definition", fontName=REGULAR, fontSize=5.8, leading=6.8, wordWrap="CJK")


class WeeklyWriteError(KakeruError):
    """The review sheet could not be saved (folder missing or read-only, disk full, file open)."""

    def __init__(self, path: Path, error: OSError, title: str = TITLE):
        super().__init__(
            f"{title}を「{path}」に保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダ、空き容量、同じ名前のファイルを開いていないかをご確認ください。"
        )


def _change(current: Figure, previous: Figure) -> str:
    return current.change_text(previous)


def _kpi_table(data: ReviewData, width: float) -> list[Flowable]:
    rows: list[list] = [["指標", "今期", "内訳", "前期", "増減", "定義"]]
    for key in FIGURES:
        now, before = data.current.figures[key], data.previous.figures[key]
        detail = f"{now.numerator:,}/{now.denominator:,}" if now.is_rate and now.denominator else ""
        before_text = "（現時点）" if key in SNAPSHOT else before.text()
        rows.append([figure_label(key), now.text(), detail, before_text,
                     "—" if key in SNAPSHOT else _change(now, before),
                     _p(_muted(figure_definition(key, scope=data.current.scope), 5.8), DEFINITION)])
    widths = [64, 54, 46, 50, 50, width - 264]
    # Compact rows, every cell of a row on one middle line, the numbers right-aligned in their columns.
    compact: list = [("ALIGN", (1, 0), (4, -1), "RIGHT"), ("FONT", (1, 1), (1, -1), BOLD, 7.6),
                     ("FONT", (2, 1), (2, -1), REGULAR, 6.4), ("TEXTCOLOR", (2, 1), (2, -1), MUTED),
                     ("FONT", (3, 1), (4, -1), REGULAR, 7.6), ("FONT", (0, 1), (0, -1), BOLD, 7),
                     ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.2),
                     ("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
    return [_table(rows, widths, [*_labels((0, 0), (-1, 0)), *_labels((0, 1), (0, -1), shade=False),
                                  *compact], repeat=1)]


def _goals_table(goals: GoalReport, width: float) -> Flowable:
    st = styles()
    rows: list[list] = [["目標", "目標", "実績", "達成率", "残り", "必要なペース"]]
    for item in goals.items:
        share = f"{item.actual / item.target * 100:.0f}%" if item.target else "—"
        pace = item.pace_text()
        rows.append([item.label, f"{item.target:,}", f"{item.actual:,}", share, f"{item.remaining:,}",
                     _p(f'<font color="{ALERT.hexval()}">{pace}</font>' if item.pace and item.pace > 0
                        else pace, st.cell)])
    widths = [64, 50, 50, 44, 44, width - 252]
    return _table(rows, widths, [*_labels((0, 0), (-1, 0)), *_labels((0, 1), (0, -1), shade=False),
                                 ("ALIGN", (1, 0), (4, -1), "RIGHT")])


def _charts(data: ReviewData, width: float) -> Table:
    half = (width - 8) / 2
    funnel_art = funnel_drawing(funnel(data.current), half - 6, 100)
    trend_art = trend_drawing(data.current.trend, half - 6, 100)
    st = styles()
    rows = [[_p("<b>ファネル</b>（割合の基準を併記。※は期間中のアポの商談）", st.cell),
             _p("<b>週次推移</b>（直近8週、始まっていない週は描きません）", st.cell)],
            [funnel_art, trend_art]]
    return _table(rows, [half, half], [("LEFTPADDING", (0, 0), (-1, -1), 3)], grid=False)


def _rows_table(rows: list[list], widths: list[float], empty: str) -> Flowable:
    st = styles()
    if len(rows) == 1:
        return _p(_muted(empty), st.cell)
    return _table(rows, widths, [*_labels((0, 0), (-1, 0))], repeat=1)


def _decision_rows(decisions: Sequence[Decision], period: Period, today: date, texts: Texts) -> list[list]:
    st = styles()
    rows: list[list] = [["決定事項", "起票", "担当", "期限", "状態"]]
    for d in decisions:
        overdue = d.is_overdue(today)
        color = ALERT.hexval() if overdue else None
        due = (d.due or "").replace("-", "/")
        state = "完了" if d.done else ("期限超過" if overdue else "未完了")
        carried = d.carried_into(period)
        rows.append([
            _p(texts(d.decision, "決定事項"), st.cell),
            _p(_muted(d.period_text(), 6.5) if carried else "今回", st.cell),
            _p(texts.short(d.owner, "決定事項"), st.cell),
            _p(f'<font color="{color}"><b>{due}</b></font>' if color else due, st.cell),
            _p(f'<font color="{color}"><b>{state}</b></font>' if color else state, st.cell)])
    return rows


def _decisions(data: ReviewData, texts: Texts, width: float) -> list:
    return decisions_section(data.decisions, data.current.period, data.today or data.generated_at.date(),
                             texts, width)


def decisions_section(decisions: Sequence[Decision], period: Period, today: date, texts: Texts,
                      width: float) -> list:
    """The decisions table; the rows left to write in by hand are a table of their own, kept with the
    heading when there are no decisions yet, so that no page holds only empty rows."""
    widths = [width - 236, 56, 70, 58, 52]
    rows = _decision_rows(decisions, period, today, texts)
    hand = max(0, HAND_ROWS - len(decisions))
    carried = sum(d.carried_into(period) and not d.done for d in decisions)
    overdue = sum(d.is_overdue(today) for d in decisions)
    note = f"前回までから持ち越し {carried:,} 件" if carried else ""
    if overdue:
        note += f"{'、' if note else ''}期限超過 {overdue:,} 件"
    heading = _heading("決定事項とネクストアクション", width, note)
    table = _table(rows, widths, [*_labels((0, 0), (-1, 0))], repeat=1)
    blank = _table([[""] * 5] * hand, widths, [], heights=[18] * hand) if hand else None
    # Heading, printed decisions and the blank rows stay together while they fit on one page.
    return [Keep((heading, table, *([blank] if blank else [])))]


def _stalled(data: ReviewData, texts: Texts, width: float) -> list:
    st = styles()
    rows: list[list] = [["日時", "会社名", "営業担当", "担当IS", "状態"]]
    for m in data.stalled[:MAX_MEETINGS]:
        state = f"{'実施済み' if m.held else '日程経過'}・{m.days:,}日"
        who = (m.company_name, m.field_rep, m.caller)
        cells = [_p(texts.short(text, "商談"), st.cell) for text in who]
        rows.append([m.when()[5:].replace("-", "/"), *cells,
                     _p(f'<font color="{ALERT.hexval()}">{state}</font>' if m.days >= 7 else state, st.cell)])
    if len(data.stalled) > MAX_MEETINGS:
        more = f"ほか {len(data.stalled) - MAX_MEETINGS:,} 件（商談の画面で一覧できます）"
        rows.append(["", _p(_muted(more), st.cell), "", "", ""])
    what = "（実施済み、または日程を過ぎて結果が未入力）"
    if not data.stalled:  # one line: nothing to chase
        return [_heading("フィードバック待ちの商談", width, f"なし{what}")]
    heading = _heading("フィードバック待ちの商談", width, f"{len(data.stalled):,} 件{what}")
    return [Keep((heading, _table(rows, [66, width - 310, 90, 80, 74], [*_labels((0, 0), (-1, 0))],
                                  repeat=1)))]


def _story(data: ReviewData, texts: Texts, width: float, *, decisions: bool = True) -> list:
    """The sheet's sections; ``decisions`` False leaves out the review's decisions (a caller's sheet
    within the team's, which carries them once)."""
    st = styles()
    period = data.current.period
    mark = _table([[_p(CONFIDENTIAL, st.mark)]], [40], [("BOX", (0, 0), (0, 0), 0.9, ALERT)], grid=False)
    scope = texts(data.current.scope.text(), "対象")
    when = f"期間 {period.text()}（前期 {data.previous.period.text()}）<br/>対象 {scope}"
    title = _table([[_p(data.title, st.title), _p(when, st.cell), mark]], [150, width - 200, 50],
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY)],
        grid=False)
    story: list = [title, Gap(4)]
    story.append(Keep((_heading("KPI", width, "各指標の定義は右欄のとおり"), *_kpi_table(data, width))))
    goals = data.goals
    if goals is not None and goals.items:
        days = f"残り営業日 {goals.days_left:,} 日（今日を含む）で目標に届くのに必要な1日あたりの件数"
        story += [Gap(4), Keep((_heading(f"{goals.month_text()}の目標", width, days),
                                _goals_table(goals, width)))]
    story += [Gap(4), Keep((_heading("ファネルと推移", width), _charts(data, width)))]
    reasons = [["失注理由", "件数"],
               *([texts(reason, "失注理由"), f"{count:,}"] for reason, count in data.current.loss_reasons)]
    story += [Gap(4), Keep((_heading("失注理由（多い順）", width),
                            _rows_table(reasons, [width - 60, 60], "この期間の失注はありません。")))]

    def meeting_rows(rows, header):
        table = [["日時", "会社名", "結果", header]]
        for row in rows[:MAX_MEETINGS]:
            table.append([row.when[5:].replace("-", "/"), *(_p(texts(text, "商談"), st.cell)
                                      for text in (row.company_name, row.what, row.note))])
        if len(rows) > MAX_MEETINGS:
            more = f"ほか {len(rows) - MAX_MEETINGS:,} 件（KPI 画面で一覧できます）"
            table.append(["", _p(_muted(more), st.cell), "", ""])
        return table

    widths = [66, 156, 106, width - 328]
    story += [Gap(4), Keep((_heading("受注した商談", width, f"{len(data.closed):,} 件"),
                            _rows_table(meeting_rows(data.closed, "次のステップ"), widths,
                                        "この期間に受注した商談はありません。")))]
    story += [Gap(4), Keep((_heading("受注に至らなかった商談", width, f"{len(data.not_closed):,} 件"),
                            _rows_table(meeting_rows(data.not_closed, "次のステップ"), widths,
                                        "該当する商談はありません。")))]
    story += [Gap(4), *_stalled(data, texts, width)]
    if decisions:
        story += [Gap(4), *_decisions(data, texts, width)]
    return story


def render_weekly(data: ReviewData, out: Path | str | BinaryIO) -> tuple[int, tuple[str, ...]]:
    """Write the review sheet to ``out`` (a path or a binary file); return the page count and warnings.

    Raises:
        WeeklyWriteError: the file could not be written.
    """
    register_fonts()
    texts = Texts()
    story = _story(data, texts, FRAME.width)
    pages = write_sheet(story, data.title, data.current.period.text(), data.generated_at, out)
    return pages, texts.warnings()


def write_sheet(story: list[StoryItem], title: str, period: str, generated_at: datetime,
                out: Path | str | BinaryIO) -> int:
    """Lay ``story`` out on A4 pages with the footer of a review sheet and write them to ``out``; return
    the page count (the weekly sheet and the team's share it).

    Raises:
        WeeklyWriteError: the file could not be written.
    """
    laid = paginate(story, FRAME)
    buffer = io.BytesIO()
    # types-reportlab types initialFontName as a number; it is the name of the font.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]
    canvas.setTitle(f"{title} {period}")
    canvas.setAuthor("Kakeru")
    canvas.setSubject(title)
    canvas.setCreator("Kakeru")
    pages = len(laid.pages)
    for number, page in enumerate(laid.pages, start=1):
        draw_footer(canvas, f"{title}　{period}", generated_at, number, pages)
        for flowable, x, y in page:
            flowable.drawOn(canvas, x, y)
        canvas.showPage()
    canvas.save()
    if isinstance(out, str | Path):
        try:
            _write(Path(out), buffer.getvalue())
        except BriefWriteError as error:
            raise WeeklyWriteError(Path(out), error.os_error, title) from error.os_error
    else:
        out.write(buffer.getvalue())
    return pages
