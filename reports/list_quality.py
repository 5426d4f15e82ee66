"""The list-quality sheet (リスト品質レポート): A4 portrait PDF of ``models.kpi.list_quality.QualityReport``,
for a vendor to report to the client what their lists held: rows, callable, duplicates, numbers that
did not work, companies out of scope, connect rate.

One table per five lists (figures down, lists across, the total beside the last ones), then what each
figure counts. Same fonts, rules and footer as the other sheets: embedded font subsets, ``invariant=1``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from models.kpi.list_quality import COLUMNS, ListQuality, QualityReport
from models.store.errors import KakeruError
from reports.briefing import CONFIDENTIAL, BriefWriteError, _write, draw_footer
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.layout import Frame, Gap, Keep, paginate
from reports.sheet_parts import ALERT, NAVY, Texts, _heading, _labels, _muted, _p, _table, styles

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 11 * mm
MARGIN_BOTTOM = 15 * mm
FRAME = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
TITLE = "リスト品質レポート"
PER_TABLE = 5  # lists (and the total) side by side in one table
# Figures shown as a share of the list's companies beside their count.
SHARE_OF_MEMBERS = ("callable", "no_phone", "bad_phone", "called", "bad_number", "disqualified")


class QualityWriteError(KakeruError):
    """The sheet could not be saved (folder missing or read-only, disk full, file open)."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(
            f"{TITLE}を「{path}」に保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダ、空き容量、同じ名前のファイルを開いていないかをご確認ください。")


NUMBER = ParagraphStyle("quality_number", fontName=REGULAR, fontSize=7.8, leading=9.6, alignment=TA_RIGHT,
                        wordWrap="CJK")


def _cell(quality: ListQuality, key: str) -> str:
    """The figure, right-aligned, with its share of the list's companies (or what a rate divides)."""
    text = quality.text(key)
    if key in SHARE_OF_MEMBERS and quality.members:
        share = quality.value(key) / quality.members * 100  # type: ignore[operator]
        text += f" {_muted(f'({share:.1f}%)', 6.2)}"
    if key == "connect_rate" and quality.calls:
        text += f" {_muted(f'({quality.connects:,}/{quality.calls:,})', 6.2)}"
    return text


def _figures_table(lists: list[ListQuality], texts: Texts, width: float) -> Flowable:
    st = styles()
    label_w = 92
    column_w = (width - label_w) / PER_TABLE
    header: list = ["項目", *(_p(f"<b>{texts.short(q.name, 'リスト名')}</b>", st.cell) for q in lists)]
    rows: list[list] = [header]
    for key, (label, _definition) in COLUMNS.items():
        cells = [_p(_cell(q, key), NUMBER) for q in lists]
        rows.append([label, *cells])
    widths = [label_w, *([column_w] * len(lists))]
    commands: list = [*_labels((0, 0), (-1, 0)), *_labels((0, 1), (0, -1), shade=False),
                      ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONT", (0, 1), (0, -1), BOLD, 7.4),
                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    # The figures a client most needs to see: how many could not be called, and why.
    for row, key in enumerate(COLUMNS, start=1):
        if key in ("callable", "bad_number", "disqualified", "connect_rate"):
            commands.append(("BACKGROUND", (0, row), (-1, row), "#F7F9FB"))
    return _table(rows, widths, commands, repeat=1)


def _story(report: QualityReport, texts: Texts, width: float) -> list:
    st = styles()
    mark = _table([[_p(CONFIDENTIAL, st.mark)]], [40], [("BOX", (0, 0), (0, 0), 0.9, ALERT)], grid=False)
    when = f"{report.generated_at:%Y/%m/%d %H:%M} 時点（取り込みと架電の記録から集計）<br/>" \
           f"対象 {len(report.lists):,} リスト"
    title = _table([[_p(TITLE, st.title), _p(when, st.cell), mark]], [150, width - 200, 50],
                   [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY)],
                   grid=False)
    story: list = [title, Gap(6)]
    if not report.lists:
        story.append(_p(_muted("対象のリストがありません。"), st.cell))
        return story
    shown = [*report.lists, *([report.total] if report.total else [])]
    for start in range(0, len(shown), PER_TABLE):
        part = shown[start:start + PER_TABLE]
        note = "パーセントは掲載社数に対する割合" if start == 0 else ""
        heading = _heading("リストごとの品質", width, note) if start == 0 else _heading("（続き）", width)
        story += [Keep((heading, _figures_table(part, texts, width))), Gap(6)]
    definitions = [["項目", "数え方"],
                   *([label, _p(_muted(text, 6.8), st.cell)] for label, text in COLUMNS.values())]
    story.append(Keep((_heading("各項目の数え方", width),
                       _table(definitions, [92, width - 92], [*_labels((0, 0), (-1, 0)),
                                                              ("FONT", (0, 1), (0, -1), REGULAR, 7.2)]))))
    return story


def render_list_quality(report: QualityReport, out: Path | str | BinaryIO) -> tuple[int, tuple[str, ...]]:
    """Write the sheet to ``out`` (a path or a binary file); return the page count and warnings.

    Raises:
        QualityWriteError: the file could not be written.
    """
    register_fonts()
    texts = Texts()
    laid = paginate(_story(report, texts, FRAME.width), FRAME)
    buffer = io.BytesIO()
    # types-reportlab types initialFontName as a number; it is the name of the font.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]
    canvas.setTitle(TITLE)
    canvas.setAuthor("Kakeru")
    canvas.setSubject(TITLE)
    canvas.setCreator("Kakeru")
    pages = len(laid.pages)
    for number, page in enumerate(laid.pages, start=1):
        draw_footer(canvas, f"{TITLE}　{report.generated_at:%Y/%m/%d}", report.generated_at, number, pages)
        for flowable, x, y in page:
            flowable.drawOn(canvas, x, y)
        canvas.showPage()
    canvas.save()
    if isinstance(out, str | Path):
        try:
            _write(Path(out), buffer.getvalue())
        except BriefWriteError as error:
            raise QualityWriteError(Path(out), error.os_error) from error.os_error
    else:
        out.write(buffer.getvalue())
    return pages, texts.warnings()
