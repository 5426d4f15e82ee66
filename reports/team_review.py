"""The team's review sheet (チーム週次・月次・期間レビューシート): A4 portrait PDF from
``models.kpi.callers.TeamReview``.

First every caller side by side (架電, 接続, キーパーソン接触, アポ, 商談化, 受注, 受注額, the team's goal and
pace on the team's row) with what each column counts, and the review's decisions; then, when asked, one
review sheet per caller (the sheet of ``reports.weekly`` in that caller's scope, without the decisions),
each on pages of its own. Same fonts, footer and
page handling as the weekly sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from models.kpi.callers import CALLER_FIGURES, TARGET_NOTE, CallerRow, TeamReview
from models.kpi.figures import Figure, figure_definition, figure_label
from reports.briefing import CONFIDENTIAL
from reports.fonts import BOLD, REGULAR, register_fonts
from reports.layout import Gap, Keep, PageBreak, StoryItem
from reports.sheet_parts import ALERT, NAVY, Texts, _heading, _labels, _muted, _p, _table, styles
from reports.weekly import DEFINITION, FRAME, _story, decisions_section, write_sheet

# The column headings: the figure's name without its trailing 数 (架電数 → 架電), as on the funnel.
HEADINGS = {key: figure_label(key).removesuffix("数") for key in CALLER_FIGURES}


def _cells(row: CallerRow, texts: Texts) -> list:
    st = styles()
    text = texts.short(row.name(), "担当者")
    if row.is_team:
        text = f"<b>{text}</b>"
    elif row.member and not row.active:
        text += f" {_muted('（退任）', 6.4)}"
    name = _p(text, st.cell)
    numbers = [Figure(key, row.figures[key]).text() for key in CALLER_FIGURES]
    goal = row.goal
    if goal is None:
        return [name, *numbers, "", ""]
    pace = goal.pace_text()
    return [name, *numbers, f"{goal.target:,}",
            _p(f'<font color="{ALERT.hexval()}">{pace}</font>' if goal.pace and goal.pace > 0 else pace,
               st.cell)]


def _caller_table(review: TeamReview, texts: Texts, width: float) -> list:
    table = review.table
    goals = table.goals
    head = ParagraphStyle("head", styles().cell, fontName=BOLD, fontSize=7, leading=8.4, textColor=NAVY,
                          alignment=TA_RIGHT)
    target = f"アポ目標<br/>（{goals.month_text()}）"
    heads = (text.replace("キーパーソン", "キーパーソン<br/>") for text in HEADINGS.values())
    rows: list[list] = [["担当者", *(_p(text, head) for text in heads), _p(target, head),
                         "必要なペース"]]
    rows += [_cells(row, texts) for row in table.rows]
    # Numbers up to 9,999,999 at 7.8pt fit 40pt; 受注額 (1,234.5万円) and キーパーソン接触 need more.
    numbers = [40.0, 40.0, 50.0, 40.0, 40.0, 40.0, 52.0]
    widths = [width - sum(numbers) - 60 - 72, *numbers, 60, 72]
    last = len(rows) - 1
    commands = [*_labels((0, 0), (-1, 0)), ("ALIGN", (1, 0), (8, -1), "RIGHT"),
                ("FONT", (1, 1), (7, -1), REGULAR, 7.8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, last), (-1, last), BOLD, 7.8), ("LINEABOVE", (0, last), (-1, last), 1, NAVY)]
    note = f"{len(table.callers):,} 人（チーム合計はすべての会社の数値で、各担当者の合計と一致します）"
    return [_heading("担当者別の数値", width, note), _table(rows, widths, commands, repeat=1)]


def _definitions(width: float) -> list:
    rows = [[figure_label(key), _p(_muted(figure_definition(key), 5.8), DEFINITION)]
            for key in CALLER_FIGURES]
    rows.append(["目標", _p(_muted(TARGET_NOTE, 5.8), DEFINITION)])
    table = _table(rows, [76, width - 76], [*_labels((0, 0), (0, -1), shade=False),
                                             ("FONT", (0, 0), (0, -1), BOLD, 7),
                                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [_heading("各列の定義", width, "担当者は、架電・商談に記録された担当者名で分けます"), table]


def _title(review: TeamReview, width: float) -> StoryItem:
    st = styles()
    mark = _table([[_p(CONFIDENTIAL, st.mark)]], [40], [("BOX", (0, 0), (0, 0), 0.9, ALERT)], grid=False)
    period = review.table.period
    when = f"期間 {period.text()}<br/>対象 チーム全体（担当者別）"
    return _table([[_p(review.title, st.title), _p(when, st.cell), mark]], [190, width - 240, 50],
                  [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY)],
                  grid=False)


def team_story(review: TeamReview, texts: Texts, width: float) -> list[StoryItem]:
    """The side-by-side table, its definitions and the review's decisions, then each caller's sheet on
    pages of its own."""
    period = review.table.period
    today = review.today or review.generated_at.date()
    story: list[StoryItem] = [_title(review, width), Gap(4), Keep(tuple(_caller_table(review, texts, width))),
                              Gap(6), Keep(tuple(_definitions(width))), Gap(6),
                              *decisions_section(review.decisions, period, today, texts, width)]
    # Each caller's own sheet, without the review's decisions: the team's sheet carries them once.
    for page in review.pages:
        story += [PageBreak(), *_story(page, texts, width, decisions=False)]
    return story


def render_team_review(review: TeamReview, out: Path | str | BinaryIO) -> tuple[int, tuple[str, ...]]:
    """Write the team's review sheet to ``out`` (a path or a binary file); return the page count and
    warnings.

    Raises:
        WeeklyWriteError: the file could not be written.
    """
    register_fonts()
    texts = Texts()
    story = team_story(review, texts, FRAME.width)
    pages = write_sheet(story, review.title, review.table.period.text(), review.generated_at, out)
    return pages, texts.warnings()
