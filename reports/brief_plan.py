"""The briefing sheet's story fitted to its pages: a typical meeting on one A4 page, feedback box included.

Every section is measured in the forms ``brief_fit.steps()`` give it (each form built once), and the
sheet takes the first step at which all of them fit one page. When none does (many attendees, long
questions, a wall of notes), the account is large: the first page keeps who, why now, what was heard,
the questions and the feedback box, summarised as far as that takes, and the relationship map, the whole
touch history and the timeline strip follow in full on a second page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from models.meetings.briefs import BriefData
from reports.brief_fit import FULL, Fit, steps
from reports.briefing_sections import (
    SECTION_GAP,
    attendees,
    company_profile,
    feedback_box,
    header,
    heard,
    history,
    questions_and_cautions,
    relationship_map,
    timeline,
    why_now,
)
from reports.layout import Frame, Gap, Keep, PageBreak, StoryItem
from reports.sheet_parts import Texts

Section = Callable[[BriefData, Texts, float, Fit], list[StoryItem]]

# The parts of ``Fit`` each section reads: a section is built again only when one of them changes.
KNOBS: dict[Section, tuple[str, ...]] = {
    header: (), company_profile: (), why_now: ("why_hearing", "why_lines"), attendees: ("person_lines",),
    relationship_map: ("map_height",), heard: ("heard_facts", "heard_lines"),
    questions_and_cautions: ("item_lines",), history: ("history_rows", "history_lines"), timeline: (),
    feedback_box: (),
}
ONE_PAGE: tuple[Section, ...] = (header, company_profile, why_now, attendees, relationship_map, heard,
                                 questions_and_cautions, history, timeline, feedback_box)
FIRST_PAGE: tuple[Section, ...] = (header, company_profile, why_now, attendees, heard, questions_and_cautions,
                                   feedback_box)
SECOND_PAGE: tuple[Section, ...] = (relationship_map, history, timeline)
_FUZZ = 1e-6


@dataclass(frozen=True)
class _Built:
    parts: list[StoryItem]
    texts: Texts
    height: float


def _height(parts: Sequence[StoryItem], frame: Frame) -> float:
    total = 0.0
    for part in parts:
        if isinstance(part, Gap):
            total += part.height
        elif isinstance(part, Keep):
            total += sum(f.wrap(frame.width, frame.height)[1] for f in part.flowables)
        elif not isinstance(part, PageBreak):
            total += part.wrap(frame.width, frame.height)[1]
    return total


def build_story(data: BriefData, texts: Texts, frame: Frame) -> list[StoryItem]:
    """The whole sheet as a story for ``reports.layout.paginate``, summarised to fit (see the module)."""
    cache: dict[tuple, _Built] = {}

    def build(section: Section, fit: Fit) -> _Built:
        key = (section, *(getattr(fit, knob) for knob in KNOBS[section]))
        if key not in cache:
            own = Texts()  # what it notes counts only if this form is the one printed
            parts = section(data, own, frame.width, fit)
            cache[key] = _Built(parts, own, _height(parts, frame))
        return cache[key]

    def fits(sections: Sequence[Section], fit: Fit) -> bool:
        built = [b for b in (build(section, fit) for section in sections) if b.parts]
        return sum(b.height for b in built) + SECTION_GAP * (len(built) - 1) <= frame.height + _FUZZ

    ladder = steps()
    one_page = _first_fitting(ladder, lambda fit: fits(ONE_PAGE, fit))
    if one_page is not None:
        return _story([build(section, one_page) for section in ONE_PAGE], texts)
    first = _first_fitting(ladder, lambda fit: fits(FIRST_PAGE, fit))
    story = _story([build(section, first or ladder[-1]) for section in FIRST_PAGE], texts)
    # When even that runs over (dozens of attendees), the rest follows on instead of a page of its own.
    rest = _story([build(section, FULL) for section in SECOND_PAGE], texts)
    return [*story, PageBreak() if first else Gap(SECTION_GAP), *rest]


def _first_fitting(ladder: Sequence[Fit], fits: Callable[[Fit], bool]) -> Fit | None:
    """The first step of ``ladder`` that ``fits``, or None. Each step summarises more than the one before,
    so the sheet only gets shorter down the ladder: a bisection finds it in a few tries (most sheets fit
    at the first step, which is tried alone first)."""
    if fits(ladder[0]):
        return ladder[0]
    if not fits(ladder[-1]):
        return None
    low, high = 0, len(ladder) - 1  # ladder[low] does not fit, ladder[high] does
    while high - low > 1:
        middle = (low + high) // 2
        if fits(ladder[middle]):
            high = middle
        else:
            low = middle
    return ladder[high]


def _story(built: Sequence[_Built], texts: Texts) -> list[StoryItem]:
    story: list[StoryItem] = []
    for part in built:
        if part.parts:
            if story:
                story.append(Gap(SECTION_GAP))
            story.extend(part.parts)
            texts.merge(part.texts)
    return story
