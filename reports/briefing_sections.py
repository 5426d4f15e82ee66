"""The sections of the briefing sheet as reportlab flowables, built from ``BriefData``.

The parts they are made of (colours, ``Texts``, styles, tables, headings) are ``reports.sheet_parts``.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from models.meetings.briefs import BriefData, LabeledText
from reports.fonts import BOLD, REGULAR, fit_lines, fit_text
from reports.layout import Gap, Keep, StoryItem
from reports.sheet_parts import (
    _BASE,
    ALERT,
    GRID,
    LABEL_BG,
    MUTED,
    NAVY,
    SHORT_TEXT,
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
SECTION_GAP = 4
WEEKDAYS = "月火水木金土日"


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


# -- the sections ----------------------------------------------------------------------------------

def header(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    st = styles()
    h = data.header
    where = "ヘッダー"
    when = format_when(data)
    if h.status_label and h.status_label != "予定":
        when += f'　<font color="{ALERT.hexval()}">［{escape(h.status_label)}］</font>'
    place = "<br/>".join(part for part in (texts.short(h.place, where), texts.short(h.online_url, where))
                         if part)
    mark = _table([[_p("商談ブリーフィングシート", st.kicker), _p("社外秘", st.mark)]], [100, 40],
                  [("BOX", (1, 0), (1, 0), 0.9, ALERT), ("TOPPADDING", (0, 0), (-1, -1), 1),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                  grid=False)
    mark.hAlign = "RIGHT"
    # The header is one table with spans, which cannot run over a page: the name takes two lines at most.
    title_width = width / 2 + 44 - 6
    shown = fit_lines(h.company_name, BOLD, st.title.fontSize, title_width, 2)
    shown_kana = fit_text(h.company_name_kana or "", REGULAR, 7, title_width / 2)
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
    return [_table(rows, [44, width / 2 - 44, 44, width / 2 - 44], [
        ("SPAN", (0, 0), (2, 0)), ("SPAN", (1, 3), (3, 3)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("ALIGN", (3, 0), (3, 0), "RIGHT"),
        ("RIGHTPADDING", (3, 0), (3, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY), ("GRID", (0, 1), (-1, -1), 0.4, GRID),
        *_labels((0, 1), (0, 3)), *_labels((2, 1), (2, 2)),
    ], grid=False)]


def company_profile(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    c = data.company
    where = "会社概要"
    industry = c.industry or ""
    if c.business_domain:
        industry = f"{industry}（{c.business_domain}）" if industry else c.business_domain
    address = " ".join(x for x in (f"〒{c.postal_code}" if c.postal_code else "", c.address or "") if x)
    employees = f"{c.employees:,}名" if c.employees is not None else ""
    month = f"{c.fiscal_year_end_month}月" if c.fiscal_year_end_month else ""
    rows = [
        ["業種", _value(texts.short(industry, where)), "従業員数", _value(employees),
         "決算月", _value(month)],
        ["所在地", _value(texts.short(address, where)), "電話", _value(texts.short(c.phone, where)),
         "ランク", _value(escape(c.rank or ""))],
        ["法人番号", _value(texts.short(c.corporate_number, where)), "ステータス",
         _value(escape(c.status_label)), "", ""],
    ]
    commands = [*_labels((0, 0), (0, 2)), *_labels((2, 0), (2, 2)), *_labels((4, 0), (4, 1)),
                ("SPAN", (3, 2), (5, 2))]
    if c.website:
        rows.append(["Web", _value(texts.short(c.website, where)), "", "", "", ""])
        commands += [*_labels((0, 3), (0, 3)), ("SPAN", (1, 3), (5, 3))]
    value = (width - 3 * 44) / 4
    table = _table(rows, [44, 2 * value, 44, value, 44, value], commands)
    return [Keep((_heading("会社概要", width), table))]


def why_now(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    w = data.why_now
    where = "なぜ今か"
    rows = []
    if w.hypothesis:
        due = f"　{_muted(f'（予定日 {short_time(w.hypothesis_due)}）')}" if w.hypothesis_due else ""
        rows.append(["仮説", _value(texts(w.hypothesis, where) + due)])
    if w.customer_said:
        said = f"「{texts(w.customer_said, where)}」"
        source = "　".join(x for x in (short_time(w.said_at), f"{w.said_by}様" if w.said_by else "") if x)
        if source:
            said += f"　{_muted('（' + texts.plain(source, where) + '）')}"
        rows.append(["お客様の声", _value(said)])
    if w.hearing:
        heard = "　／　".join(
            f"<b>{escape(item.label)}</b>：{texts(item.text, where)}{_source(item.at, item.by, texts, where)}"
            for item in w.hearing)
        rows.append(["ヒアリング", _value(heard)])
    if not rows:
        rows.append(["記録", _value(_muted("仮説・お客様の声の記録はありません。"))])
    table = _table(rows, [56, width - 56], _labels((0, 0), (0, len(rows) - 1)))
    return [Keep((_heading("なぜ今か", width, "アポにつながった仮説とお客様の言葉"), table))]


def _source(at: str | None, by: str | None, texts: Texts, where: str) -> str:
    """``（2025/01/09 高橋）`` in grey: the day a call heard something and who; '' when neither is known."""
    source = " ".join(x for x in (short_time(at)[:10], by or "") if x)
    return f"　{_muted('（' + texts.plain(source, where) + '）')}" if source else ""


def attendees(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    st = styles()
    where = "出席者"
    rows: list[list] = [["役割", "氏名", "部署・役職", "ISからのメモ"]]
    for person in data.attendees:
        role = escape(person.role_label)
        if person.employment_label:
            role += f'<br/><font color="{ALERT.hexval()}">{escape(person.employment_label)}</font>'
        name = f"<b>{texts.short(person.name, where)}</b>"
        if person.name_kana:
            name += f"<br/>{_muted(texts.plain(person.name_kana, where, SHORT_TEXT), 6.5)}"
        post = "<br/>".join(x for x in (texts.short(person.department, where),
                                        texts.short(person.title, where)) if x)
        rows.append([_p(role, st.cell), _p(name, st.cell), _value(post, st.cell),
                     _value(texts(person.note, where), st.cell)])
    commands = _labels((0, 0), (-1, 0))
    if not data.attendees:
        nobody = _muted("出席者が登録されていません。当日の出席者をご確認ください。")
        rows.append([_p(nobody, st.cell), "", "", ""])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = _table(rows, [42, 96, 112, width - 250], commands)
    return [Keep((_heading("出席者", width), table))]


def relationship_map(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    """The relationship map (``models/maps/brief.py``) drawn by ``reports/drawing_map.py``, scaled to
    the width and at most ``MAP_MAX_HEIGHT`` high; nothing when the account has no map."""
    from models.maps.layout import MapLayout
    from reports.drawing_map import MAP_MAX_HEIGHT, map_drawing  # only sheets with a map need these

    if data.relationship_map is None:
        return []
    note = "枠の色と太さ＝最後に話した時期（点線は未接触）、灰色＝異動・退職"
    if not isinstance(data.relationship_map, MapLayout):  # anything else only reserves the area
        area = _table([[_p(_muted("関係図"), styles().body)]], [width],
                      [("VALIGN", (0, 0), (-1, -1), "MIDDLE")], heights=[48 * mm])
        return [Keep((_heading("関係図", width, note), area))]
    drawing = map_drawing(data.relationship_map, width - 8, MAP_MAX_HEIGHT,
                          lambda text: texts.plain(text, "関係図"))
    area = _table([[drawing]], [width], [("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                         ("BOX", (0, 0), (-1, -1), 0.4, GRID)], grid=False)
    return [Keep((_heading("関係図", width, note), area))]


def heard(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    items = list(data.heard)
    if len(items) % 2:
        items.append(LabeledText("", ""))

    def note(item: LabeledText):
        if not item.label:
            return ""
        # The note, then what calls heard that it does not say (newest first, dated): a fact known
        # from any call is never "not heard".
        where = "ヒアリング内容"
        lines = [texts(item.text, where)] if item.text else []
        lines += [texts(fact.text, where) + _source(fact.at, fact.caller, texts, where)
                  for fact in item.facts]
        return _value("<br/>".join(line for line in lines if line) or _muted(NOT_HEARD))

    rows = [[left.label, note(left), right.label, note(right)]
            for left, right in zip(items[::2], items[1::2], strict=True)]
    last = len(rows) - 1
    commands = [*_labels((0, 0), (0, last)), *_labels((2, 0), (2, last))]
    table = _table(rows, [66, width / 2 - 66, 66, width / 2 - 66], commands)
    return [Keep((_heading("ヒアリング内容", width, "インサイドセールスが聞いたこと"), table))]


def questions_and_cautions(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    st = styles()
    asked = [_p(f"・{texts(q, '確認したいこと')}", st.item) for q in data.questions]
    asked += [_p(f"・{_muted(q)}", st.item) for q in data.suggested_questions]
    careful = [_p(f"・{texts(c, '注意点')}", st.item) for c in data.cautions]
    none = _muted("特になし")
    rows = [["確認したいこと", "注意点"], [asked or _value(none), careful or _value(none)]]
    table = _table(rows, [width / 2, width / 2], _labels((0, 0), (-1, 0)))
    notice = _table([[_p(f"※ {DISCLAIMER}", st.notice)]], [width], [("BOX", (0, 0), (-1, -1), 0.8, NAVY)],
                    grid=False)
    return [Keep((_heading("商談で確認したいこと・注意点", width), table, Spacer(width, 3), notice))]


def history(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    st = styles()
    where = "接触履歴"
    heading = _p(f"接触履歴 {_muted('（新しい順）', 6.8)}", st.heading)
    rows: list[list] = [[heading, "", "", "", "", ""], ["日時", "種別", "結果", "相手", "担当", "メモ"]]
    for entry in data.history:
        outcome = escape(entry.outcome_label)
        if entry.reached_decision_maker:
            outcome += f'<br/><font size="6.5" color="{NAVY.hexval()}">決裁者接触</font>'
        rows.append([short_time(entry.at), entry.kind_label, _p(outcome, st.cell),
                     _p(texts.short(entry.contact_name, where), st.cell),
                     _p(texts.short(entry.caller, where), st.cell),
                     _p(texts(entry.note, where, HISTORY_NOTE), st.cell)])
    commands = [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
                ("LINEBEFORE", (0, 0), (0, 0), 2.5, NAVY), ("GRID", (0, 1), (-1, -1), 0.4, GRID),
                ("FONT", (0, 2), (1, -1), REGULAR, 7.6, 9.8), *_labels((0, 1), (-1, 1))]
    closing = None
    if not data.history:
        closing = "接触履歴はありません。"
    elif data.history_omitted:
        closing = f"ほか {data.history_omitted} 件の古い記録は省略しました。"
    if closing:
        rows.append([_p(_muted(closing), st.cell), "", "", "", "", ""])
        commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    return [_table(rows, [86, 30, 50, 52, 40, width - 258], commands, grid=False, repeat=2)]


def timeline(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
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


def feedback_box(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    st = styles()
    outcomes = "　".join(f"□ {escape(label)}" for label in data.feedback.outcomes)
    reasons = "　".join(f"□ {escape(label)}" + ("（　　　　　　　　）" if label == "その他" else "")
                       for label in data.feedback.reasons)
    request = _muted("商談後にご記入のうえ、インサイドセールス担当へお戻しください", 6.8)
    title = f"商談結果フィードバック　{request}"
    rows: list[list[str | Flowable]] = [
        [_p(title, st.heading), ""],
        ["結果", _p(outcomes, st.body)],
        ["理由", _p(reasons, st.body)],
        ["次のステップ", ""], ["", ""],
        ["メモ", ""], ["", ""],
        ["ブリーフとの違い", ""],
        ["記入者", _p("　" * 16 + "記入日　　　　年　　　月　　　日", st.body)],
    ]
    line = 14
    table = Table(rows, colWidths=[70, width - 70], rowHeights=[None, None, None, *[line] * 6])
    table.setStyle(TableStyle([
        *_BASE, *_labels((0, 1), (0, -1), shade=False),
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG),
        ("SPAN", (0, 3), (0, 4)), ("SPAN", (0, 5), (0, 6)),
        ("BOX", (0, 0), (-1, -1), 0.9, NAVY), ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY),
        ("LINEAFTER", (0, 1), (0, -1), 0.4, GRID),
        ("LINEBELOW", (0, 1), (-1, 2), 0.4, GRID),
        ("LINEBELOW", (1, 3), (1, 7), 0.4, GRID, None, (1, 2)),
        ("LINEBELOW", (0, 4), (0, 4), 0.4, GRID), ("LINEBELOW", (0, 6), (0, 7), 0.4, GRID),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
    ]))
    return [Keep((table,))]


SECTIONS = (header, company_profile, why_now, attendees, relationship_map, heard, questions_and_cautions,
            history, timeline, feedback_box)


def build_story(data: BriefData, texts: Texts, width: float) -> list[StoryItem]:
    """The whole sheet as a story for ``reports.layout.paginate``: sections with gaps between them."""
    story: list[StoryItem] = []
    for section in SECTIONS:
        parts = section(data, texts, width)
        if parts:
            if story:
                story.append(Gap(SECTION_GAP))
            story.extend(parts)
    return story
