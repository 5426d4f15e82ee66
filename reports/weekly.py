"""The weekly review sheet (週次レビューシート): A4 portrait PDF drawn from ``models.kpi.review.ReviewData``.

The KPIs beside the previous period's, the funnel and the weekly trend, the loss reasons, the
meetings that closed and those that did not, and the decisions with owner and due date. Same fonts,
rules and footer as the briefing sheet (``reports.briefing``): embedded font subsets, CJK wrapping,
``invariant=1``, the footer time from ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from models.kpi.figures import FIGURES, SNAPSHOT, Figure, figure_definition, figure_label, funnel
from models.kpi.review import ReviewData
from models.store.errors import KakeruError
from reports.briefing import CONFIDENTIAL, BriefWriteError, _write, draw_footer
from reports.charts import funnel_drawing, trend_drawing
from reports.fonts import REGULAR, register_fonts
from reports.layout import Frame, Gap, Keep, paginate
from reports.sheet_parts import (
    ALERT,
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
TITLE = "週次レビューシート"
MAX_MEETINGS = 12  # rows per meeting table; the rest are counted


DEFINITION = ParagraphStyle("definition", fontName=REGULAR, fontSize=6, leading=7.4, wordWrap="CJK")


class WeeklyWriteError(KakeruError):
    """The review sheet could not be saved (folder missing or read-only, disk full, file open)."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(
            f"週次レビューシートを「{path}」に保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダ、空き容量、同じ名前のファイルを開いていないかをご確認ください。"
        )


def _change(current: Figure, previous: Figure) -> str:
    if current.value is None or previous.value is None:
        return "—"
    if current.is_rate:
        points = (current.value - previous.value) * 100
        return f"{points:+.1f}pt"
    return f"{int(current.value) - int(previous.value):+,}"


def _kpi_table(data: ReviewData, width: float) -> list[Flowable]:
    st = styles()
    rows: list[list] = [["指標", "今期", "前期", "増減", "定義"]]
    for key in FIGURES:
        now, before = data.current.figures[key], data.previous.figures[key]
        detail = ""
        if now.is_rate and now.denominator:
            detail = f"<br/>{_muted(f'{now.numerator:,} / {now.denominator:,}', 5.8)}"
        before_text = "（現時点）" if key in SNAPSHOT else before.text()
        rows.append([figure_label(key), _p(f"<b>{now.text()}</b>{detail}", st.cell), before_text,
                     "—" if key in SNAPSHOT else _change(now, before),
                     _p(_muted(figure_definition(key), 6), DEFINITION)])
    widths = [70, 66, 44, 40, width - 220]
    return [_table(rows, widths, [*_labels((0, 0), (-1, 0)), *_labels((0, 1), (0, -1), shade=False),
                                  ("ALIGN", (1, 0), (3, -1), "RIGHT"), ("FONT", (1, 1), (3, -1), REGULAR, 8)],
                   repeat=1)]


def _charts(data: ReviewData, width: float) -> Table:
    half = (width - 8) / 2
    funnel_art = funnel_drawing(funnel(data.current), half - 6, 100)
    trend_art = trend_drawing(data.current.trend, half - 6, 100)
    st = styles()
    rows = [[_p("<b>ファネル</b>（括弧内は前の段階からの割合）", st.cell),
             _p("<b>週次推移</b>（直近8週）", st.cell)], [funnel_art, trend_art]]
    return _table(rows, [half, half], [("LEFTPADDING", (0, 0), (-1, -1), 3)], grid=False)


def _rows_table(rows: list[list], widths: list[float], empty: str) -> Flowable:
    st = styles()
    if len(rows) == 1:
        return _p(_muted(empty), st.cell)
    return _table(rows, widths, [*_labels((0, 0), (-1, 0))], repeat=1)


def _story(data: ReviewData, texts: Texts, width: float) -> list:
    st = styles()
    period = data.current.period
    mark = _table([[_p(CONFIDENTIAL, st.mark)]], [40], [("BOX", (0, 0), (0, 0), 0.9, ALERT)], grid=False)
    scope = texts(data.current.scope.text(), "対象")
    when = f"期間 {period.text()}（前期 {data.previous.period.text()}）<br/>対象 {scope}"
    title = _table([[_p(TITLE, st.title), _p(when, st.cell), mark]], [150, width - 200, 50],
        [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY)],
        grid=False)
    story: list = [title, Gap(4)]
    story.append(Keep((_heading("KPI", width, "各指標の定義は右欄のとおり"), *_kpi_table(data, width))))
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
    decisions: list[list[str | Flowable]] = [["決定事項", "担当", "期限", "状態"]]
    for d in data.decisions:
        decisions.append([_p(texts(d.decision, "決定事項"), st.cell), _p(texts(d.owner, "決定事項"),
                                                                          st.cell),
                          (d.due or "").replace("-", "/"), "完了" if d.done else "未完了"])
    blank = max(0, 3 - len(data.decisions))
    decisions += [["", "", "", ""]] * blank  # room to write by hand in the meeting
    story += [Gap(4), Keep((_heading("決定事項とネクストアクション", width),
                            _table(decisions, [width - 190, 80, 60, 50],
                                   [*_labels((0, 0), (-1, 0))], repeat=1,
                                   heights=[None] * (len(decisions) - blank) + [18] * blank)))]
    return story


def render_weekly(data: ReviewData, out: Path | str | BinaryIO) -> tuple[int, tuple[str, ...]]:
    """Write the review sheet to ``out`` (a path or a binary file); return the page count and warnings.

    Raises:
        WeeklyWriteError: the file could not be written.
    """
    register_fonts()
    texts = Texts()
    laid = paginate(_story(data, texts, FRAME.width), FRAME)
    buffer = io.BytesIO()
    # types-reportlab types initialFontName as a number; it is the name of the font.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]
    canvas.setTitle(f"{TITLE} {data.current.period.text()}")
    canvas.setAuthor("Kakeru")
    canvas.setSubject(TITLE)
    canvas.setCreator("Kakeru")
    pages = len(laid.pages)
    for number, page in enumerate(laid.pages, start=1):
        draw_footer(canvas, f"{TITLE}　{data.current.period.text()}", data.generated_at, number, pages)
        for flowable, x, y in page:
            flowable.drawOn(canvas, x, y)
        canvas.showPage()
    canvas.save()
    if isinstance(out, str | Path):
        try:
            _write(Path(out), buffer.getvalue())
        except BriefWriteError as error:
            raise WeeklyWriteError(Path(out), error.os_error) from error.os_error
    else:
        out.write(buffer.getvalue())
    return pages, texts.warnings()
