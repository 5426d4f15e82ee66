"""The sections of the briefing sheet as reportlab flowables, built from ``BriefData``.

The parts they are made of (colours, ``Texts``, styles, tables, headings) are ``reports.sheet_parts``.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from models.meetings.briefs import BriefData, LabeledText
from reports.brief_fit import FULL, Fit, clamp, line_count
from reports.fonts import BOLD, REGULAR, fit_lines, fit_text
from reports.layout import Keep, StoryItem
from reports.sheet_parts import (
    _BASE,
    ALERT,
    GRID,
    LABEL_BG,
    MUTED,
    NAVY,
    SHORT_TEXT,
    TableCommand,
    Texts,
    _heading,
    _labels,
    _muted,
    _p,
    _table,
    _value,
    styles,
)

DISCLAIMER = ("インサイドセールスのヒアリング内容は出発点であり、確約ではありません。"
              "商談で必ずご確認ください。")
NOT_HEARD = "（未確認）"
# A touch's note is one row of a table whose rows do not split (its heading repeats): one page at most.
HISTORY_NOTE = 1_500
SECTION_GAP = 3
WEEKDAYS = "月火水木金土日"
# The sheet's tables sit a little closer than the shared style's, so that a typical meeting fits a page.
TIGHT: list[TableCommand] = [("TOPPADDING", (0, 0), (-1, -1), 1.1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.7)]
CAPTION_WIDTH = 50


def short_time(text: str | None) -> str:
    """``2025/01/08 14:30`` from an ISO date-time (just the date when there is no time)."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{moment:%Y/%m/%d}" if len(text) <= 10 else f"{moment:%Y/%m/%d %H:%M}"


def format_when(data: BriefData) -> str:
    h = data.header
    day = h.starts_at
    return (f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）　"
            f"{h.starts_at:%H:%M}〜{h.ends_at:%H:%M}（{h.duration_min}分）")


def _caption(title: str, note: str = "") -> Flowable:
    """A section's name in a cell of its own table: a heading that takes no line of its own."""
    return _p(escape(title) + (f" {_muted(note, 6.8)}" if note else ""), styles().heading)


def _caption_cell(first: tuple[int, int], last: tuple[int, int]) -> list[TableCommand]:
    """Style commands for a caption spanning the cells from ``first`` to ``last``."""
    return [("SPAN", first, last), ("BACKGROUND", first, last, LABEL_BG),
            ("LINEBEFORE", first, (first[0], last[1]), 2.5, NAVY)]


# -- the sections ----------------------------------------------------------------------------------

def header(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    st = styles()
    h = data.header
    where = "ヘッダー"
    when = format_when(data)
    if h.status_label and h.status_label != "予定":
        when += f'　<font color="{ALERT.hexval()}">［{escape(h.status_label)}］</font>'
    place = "　".join(part for part in (texts.short(h.place, where), texts.short(h.online_url, where))
                      if part)
    mark = _table([[_p("商談ブリーフィングシート", st.kicker), _p("社外秘", st.mark)]], [100, 40],
                  [("BOX", (1, 0), (1, 0), 0.9, ALERT), ("TOPPADDING", (0, 0), (-1, -1), 1),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                  grid=False)
    mark.hAlign = "RIGHT"
    # The header is one table with spans, which cannot run over a page: the name takes two lines at most,
    # and the kana what the name's line leaves (half of it at least).
    left = round(width * 0.62)  # 日時 and 場所 are long, the names beside them short
    title_width = left + 44 - 6
    shown = fit_lines(h.company_name, BOLD, st.title.fontSize, title_width, 2)
    name_width = stringWidth(shown, BOLD, st.title.fontSize)
    beside = title_width - name_width - 16 if name_width < title_width else title_width
    shown_kana = fit_text(h.company_name_kana or "", REGULAR, 7, max(beside, title_width / 2))
    if shown != h.company_name or shown_kana != (h.company_name_kana or ""):
        texts.cut_note(where)
    name = texts.short(shown, where)
    if h.company_name_kana:
        kana = texts.short(shown_kana, where)
        name += f'　<font name="{REGULAR}" size="7" color="{MUTED.hexval()}">{kana}</font>'
    rows = [
        [_p(name, st.title), "", "", mark],
        ["日時", _p(when, st.body_bold), "担当営業", _value(texts.short(h.field_rep, where), st.body_bold)],
        ["場所", _value(place), "担当IS", _value(texts.short(h.caller, where))],
        ["目的", _value(texts.short(h.purpose, where)), "", ""],
    ]
    return [_table(rows, [40, left - 40, 44, width - left - 44], [
        *TIGHT, ("SPAN", (0, 0), (2, 0)), ("SPAN", (1, 3), (3, 3)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("ALIGN", (3, 0), (3, 0), "RIGHT"),
        ("RIGHTPADDING", (3, 0), (3, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY), ("GRID", (0, 1), (-1, -1), 0.4, GRID),
        *_labels((0, 1), (0, 3)), *_labels((2, 1), (2, 2)),
    ], grid=False)]


def company_profile(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    c = data.company
    where = "会社概要"
    industry = c.industry or ""
    if c.business_domain:
        industry = f"{industry}（{c.business_domain}）" if industry else c.business_domain
    address = " ".join(x for x in (f"〒{c.postal_code}" if c.postal_code else "", c.address or "") if x)
    employees = f"{c.employees:,}名" if c.employees is not None else ""
    month = f"{c.fiscal_year_end_month}月" if c.fiscal_year_end_month else ""
    rows = [
        [_caption("会社概要"), "業種", _value(texts.short(industry, where)), "従業員数", _value(employees),
         "決算月", _value(month)],
        ["", "所在地", _value(texts.short(address, where)), "電話", _value(texts.short(c.phone, where)),
         "ランク", _value(escape(c.rank or ""))],
        ["", "法人番号", _value(texts.short(c.corporate_number, where)), "ステータス",
         _value(escape(c.status_label)), "", ""],
    ]
    commands = [*TIGHT, *_labels((1, 0), (1, 2)), *_labels((3, 0), (3, 2)), *_labels((5, 0), (5, 1)),
                ("SPAN", (4, 2), (6, 2))]
    if c.website:
        rows.append(["", "Web", _value(texts.short(c.website, where)), "", "", "", ""])
        commands += [*_labels((1, 3), (1, 3)), ("SPAN", (2, 3), (6, 3))]
    commands += _caption_cell((0, 0), (0, len(rows) - 1))
    value = width - CAPTION_WIDTH - 2 * 44 - 36
    table = _table(rows, [CAPTION_WIDTH, 44, value - 152, 44, 92, 36, 60], commands)
    return [Keep((table,))]


def why_now(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    w = data.why_now
    where = "なぜ今か"
    room = width - CAPTION_WIDTH - 52 - 6
    size = styles().body.fontSize
    rows = []
    if w.hypothesis:
        due = f"　{_muted(f'（予定日 {short_time(w.hypothesis_due)}）')}" if w.hypothesis_due else ""
        rows.append(["", "仮説", _value(texts.lines(w.hypothesis, where, room, fit.why_lines, size) + due)])
    if w.customer_said:
        said = f"「{texts.lines(w.customer_said, where, room, fit.why_lines, size)}」"
        source = "　".join(x for x in (short_time(w.said_at), f"{w.said_by}様" if w.said_by else "") if x)
        if source:
            said += f"　{_muted('（' + texts.plain(source, where) + '）')}"
        rows.append(["", "お客様の声", _value(said)])
    if w.hearing and fit.why_hearing:
        heard = "　／　".join(
            f"<b>{escape(item.label)}</b>：{texts(item.text, where)}{_source(item.at, item.by, texts, where)}"
            for item in w.hearing)
        rows.append(["", "ヒアリング", _value(heard)])
    if not rows:
        rows.append(["", "記録", _value(_muted("仮説・お客様の声の記録はありません。"))])
    rows[0][0] = _caption("なぜ今か")
    last = len(rows) - 1
    table = _table(rows, [CAPTION_WIDTH, 52, width - CAPTION_WIDTH - 52],
                   [*TIGHT, *_labels((1, 0), (1, last)), *_caption_cell((0, 0), (0, last))])
    return [Keep((table,))]


def _source(at: str | None, by: str | None, texts: Texts, where: str) -> str:
    """``（2025/01/09 高橋）`` in grey: the day a call heard something and who; '' when neither is known."""
    source = _source_plain(at, by, texts, where)
    return _muted(source) if source else ""


def _source_plain(at: str | None, by: str | None, texts: Texts, where: str) -> str:
    source = " ".join(x for x in (short_time(at)[:10], by or "") if x)
    return f"　（{texts.plain(source, where)}）" if source else ""


def attendees(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    st = styles()
    where = "出席者"
    rows: list[list] = [[_caption("出席者"), "氏名", "部署・役職", "ISからのメモ"]]
    memo_width = width - 258
    for person in data.attendees:
        role = escape(person.role_label)
        if person.employment_label:
            role += f'<br/><font color="{ALERT.hexval()}">{escape(person.employment_label)}</font>'
        name = f"<b>{texts.short(person.name, where)}</b>"
        if person.name_kana:
            name += f" {_muted(texts.plain(person.name_kana, where, SHORT_TEXT), 6.3)}"
        post = " ".join(x for x in (texts.short(person.department, where),
                                    texts.short(person.title, where)) if x)
        memo = texts.lines(person.note, where, memo_width - 6, fit.person_lines, st.cell.fontSize)
        rows.append([_p(role, st.cell), _p(name, st.cell), _value(post, st.cell), _value(memo, st.cell)])
    commands = [*TIGHT, *_labels((1, 0), (-1, 0)), *_caption_cell((0, 0), (0, 0))]
    if not data.attendees:
        nobody = _muted("出席者が登録されていません。当日の出席者をご確認ください。")
        rows.append([_p(nobody, st.cell), "", "", ""])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = _table(rows, [42, 118, 98, memo_width], commands)
    return [Keep((table,))]


def relationship_map(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    """The relationship map (``models/maps/brief.py``) drawn by ``reports/drawing_map.py``, scaled to
    the width and at most ``fit.map_height`` high; nothing when the account has no map."""
    from models.maps.layout import MapLayout
    from reports.drawing_map import map_drawing  # only sheets with a map need it

    if data.relationship_map is None:
        return []
    note = "枠の色と太さ＝最後に話した時期（点線は未接触）、灰色＝異動・退職"
    if not isinstance(data.relationship_map, MapLayout):  # anything else only reserves the area
        area = _table([[_p(_muted("関係図"), styles().body)]], [width],
                      [("VALIGN", (0, 0), (-1, -1), "MIDDLE")], heights=[48 * mm])
        return [Keep((_heading("関係図", width, note), area))]
    drawing = map_drawing(data.relationship_map, width - 8, fit.map_height,
                          lambda text: texts.plain(text, "関係図"))
    area = _table([[drawing]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                         ("BOX", (0, 0), (-1, -1), 0.4, GRID)], grid=False)
    return [Keep((_heading("関係図", width, note), area))]


def heard(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    items = list(data.heard)
    if len(items) % 2:
        items.append(LabeledText("", ""))
    where = "ヒアリング内容"
    style = styles().cell
    size = style.fontSize
    room = width / 2 - 66 - 6  # the value column less its paddings

    def note(item: LabeledText):
        if not item.label:
            return ""
        # The note, then what calls heard that it does not say (newest first, dated): a fact known
        # from any call is never "not heard". Cut to ``fit.heard_lines``: the note first (keeping a
        # line for 「…ほか N 件」 when facts follow), then the facts that fit whole.
        facts = item.facts if item.text else item.facts[:fit.heard_facts]
        left = fit.heard_lines
        lines = []
        if item.text:
            budget = left - 1 if left is not None and left > 1 and facts else left
            text, cut = clamp(texts.plain(item.text, where), size, room, budget)
            if cut:
                texts.cut_note(where)
            lines.append(escape(text).replace("\n", "<br/>"))
            if left is not None:
                left -= line_count(text, size, room)
        shown_facts = 0
        for index, fact in enumerate(facts):
            source = _source_plain(fact.at, fact.caller, texts, where)
            need = line_count(texts.plain(fact.text, where) + source, size, room)
            more = index < len(item.facts) - 1  # a 「…ほか N 件」 line may have to follow
            if left is not None and need + more > left:
                break
            lines.append(texts(fact.text, where) + _source(fact.at, fact.caller, texts, where))
            shown_facts += 1
            if left is not None:
                left -= need
        if shown_facts < len(item.facts):
            lines.append(_muted(f"…ほか {len(item.facts) - shown_facts} 件"))
        return _value("<br/>".join(line for line in lines if line) or _muted(NOT_HEARD), style)

    rows = [[left.label, note(left), right.label, note(right)]
            for left, right in zip(items[::2], items[1::2], strict=True)]
    last = len(rows) - 1
    commands = [*TIGHT, *_labels((0, 0), (0, last)), *_labels((2, 0), (2, last))]
    table = _table(rows, [66, width / 2 - 66, 66, width / 2 - 66], commands)
    # What was heard is where to start, not what is settled: the sheet says so right above it.
    notice = f'<font size="6.8" color="{ALERT.hexval()}">※ {escape(DISCLAIMER)}</font>'
    heading = _table([[_p(f"ヒアリング内容　{notice}", styles().heading)]], [width],
                     [("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BACKGROUND", (0, 0), (-1, -1), LABEL_BG),
                      ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY)], grid=False)
    return [Keep((heading, table))]


def questions_and_cautions(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    st = styles()
    room = width / 2 - 6 - st.item.leftIndent

    def item(text: str, where: str) -> str:
        return texts.lines(text, where, room, fit.item_lines, st.item.fontSize)

    asked = [_p(f"・{item(q, '確認したいこと')}", st.item) for q in data.questions]
    asked += [_p(f"・{_muted(q)}", st.item) for q in data.suggested_questions]
    careful = [_p(f"・{item(c, '注意点')}", st.item) for c in data.cautions]
    none = _muted("特になし")
    rows = [[_caption("確認したいこと", "商談で"), _caption("注意点")],
            [asked or _value(none), careful or _value(none)]]
    table = _table(rows, [width / 2, width / 2], [
        *TIGHT, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG), ("LINEBEFORE", (0, 0), (0, 0), 2.5, NAVY)])
    return [Keep((table,))]


def history(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    """The touches, newest first: the newest ``fit.history_rows`` of them, each note cut to
    ``fit.history_lines`` (a summary the sheet marks with … and 「…ほか N 件」, so no warning)."""
    st = styles()
    where = "接触履歴"
    rows: list[list] = [[_caption("接触履歴", "新しい順"), "種別", "結果", "相手", "担当", "メモ"]]
    shown = data.history if fit.history_rows is None else data.history[:fit.history_rows]
    room = width - 258 - 6
    for entry in shown:
        decider = f'<font size="6.5" color="{NAVY.hexval()}">決裁者接触</font>'
        outcome = "<br/>".join(part for part in (
            escape(entry.outcome_label), decider if entry.reached_decision_maker else "") if part)
        if fit.history_lines is None:
            note = texts(entry.note, where, HISTORY_NOTE)
        else:
            note = texts.lines(entry.note, where, room, fit.history_lines, st.cell.fontSize, quiet=True)
        rows.append([short_time(entry.at), entry.kind_label, _p(outcome, st.cell),
                     _p(texts.short(entry.contact_name, where), st.cell),
                     _p(texts.short(entry.caller, where), st.cell), _p(note, st.cell)])
    commands = [*TIGHT, *_labels((1, 0), (-1, 0)), *_caption_cell((0, 0), (0, 0)),
                ("FONT", (0, 1), (1, -1), REGULAR, 7.6, 9.8)]
    closing = None
    omitted = len(data.history) - len(shown) + data.history_omitted
    if not data.history:
        closing = "接触履歴はありません。"
    elif omitted:
        closing = f"…ほか {omitted} 件（古い記録は省略しました）"
    if closing:
        rows.append([_p(_muted(closing), st.cell), "", "", "", "", ""])
        commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    return [_table(rows, [86, 30, 50, 52, 40, width - 258], commands, repeat=1)]


def timeline(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    """The timeline strip (``planning.timeline``'s paper strip drawn by ``reports/drawing_timeline.py``):
    six months either side of the meeting; nothing when the brief has no timeline."""
    from models.planning.timeline import Timeline
    from reports.drawing_timeline import timeline_drawing

    if not isinstance(data.timeline, Timeline):
        return []
    label_width = 56
    drawing = timeline_drawing(data.timeline, width - label_width - 6, focus=data.header.starts_at,
                               plain=lambda text: texts.plain(text, "タイムライン"))
    caption = _p(f"タイムライン<br/>{_muted('前後6か月', 6.5)}", styles().heading)
    strip = _table([[caption, drawing]], [label_width, width - label_width],
                   [*_labels((0, 0), (0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBEFORE", (0, 0), (0, 0), 2.5, NAVY)])
    return [Keep((strip,))]


def feedback_box(data: BriefData, texts: Texts, width: float, fit: Fit = FULL) -> list[StoryItem]:
    st = styles()
    outcomes = "　".join(f"□ {escape(label)}" for label in data.feedback.outcomes)
    reasons = "　".join(f"□ {escape(label)}" + ("（　　　　　　　　）" if label == "その他" else "")
                       for label in data.feedback.reasons)
    request = _muted("商談後にご記入のうえ、インサイドセールス担当へお戻しください", 6.8)
    title = f"商談結果フィードバック　{request}"
    # Who filled it in sits on the title bar, leaving the lines below for writing.
    sign = _p("記入者" + "　" * 7 + "記入日　　年　　月　　日", st.body)
    rows: list[list[str | Flowable]] = [
        [_p(title, st.heading), "", sign],
        ["結果", _p(outcomes, st.body), ""],
        ["理由", _p(reasons, st.body), ""],
        ["次のステップ", "", ""], ["", "", ""],
        ["メモ", "", ""], ["", "", ""],
        ["ブリーフとの違い", "", ""],
    ]
    line = 14
    table = Table(rows, colWidths=[70, width - 260, 190], rowHeights=[None, None, None, *[line] * 5])
    table.setStyle(TableStyle([
        *_BASE, *_labels((0, 1), (0, -1), shade=False),
        ("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        *[("SPAN", (1, row), (2, row)) for row in range(1, 8)],
        ("SPAN", (0, 3), (0, 4)), ("SPAN", (0, 5), (0, 6)),
        ("BOX", (0, 0), (-1, -1), 0.9, NAVY), ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY),
        ("LINEAFTER", (0, 1), (0, -1), 0.4, GRID),
        ("LINEBELOW", (0, 1), (-1, 2), 0.4, GRID),
        ("LINEBELOW", (1, 3), (-1, 6), 0.4, GRID, None, (1, 2)),
        ("LINEBELOW", (0, 4), (0, 4), 0.4, GRID), ("LINEBELOW", (0, 6), (0, 6), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return [Keep((table,))]
