"""Figures of the relationship-map issue: laying out a 60-person map against a 6-person one."""

from __future__ import annotations

import gc
import statistics
import time

from bench.common import Figure, Workspace
from models.maps.layout import MapLink, MapPerson, layout_map
from models.maps.samples import org_chart

SEEDS = (1, 2, 3, 4, 5)  # several org charts per size, so one lucky chart cannot decide the figure
ABSOLUTE_GOAL_S = 0.1


def _one_layout_s(charts: list[tuple[list[MapPerson], list[MapLink]]]) -> float:
    """Seconds for one tidy layout (with the 自社 card), averaged over ``charts``."""
    started = time.perf_counter()
    for people, links in charts:
        layout_map(people, links, use_saved_positions=False, include_us=True)
    return (time.perf_counter() - started) / len(charts)


def map_layout_60_vs_6(ws: Workspace) -> Figure:
    """Tidy layout of a 60-person account ÷ that of a 6-person one (medians, measured interleaved)."""
    small = [org_chart(6, seed) for seed in SEEDS]
    large = [org_chart(60, seed) for seed in SEEDS]
    repetitions = 40 if ws.quick else 200
    for _ in range(5):  # warm up imports and caches
        _one_layout_s(small)
        _one_layout_s(large)
    small_s: list[float] = []
    large_s: list[float] = []
    gc.disable()
    try:
        for _ in range(repetitions):
            small_s.append(_one_layout_s(small))
            large_s.append(_one_layout_s(large))
    finally:
        gc.enable()
    value, baseline = statistics.median(large_s), statistics.median(small_s)
    links = sum(len(chart[1]) for chart in large) // len(large)
    verdict = "ok" if value < ABSOLUTE_GOAL_S else "MISSED"
    return Figure(value, baseline, goal=50.0, note=(
        f"60 people (~{links} links): {value * 1000:.2f} ms, must be well under "
        f"{ABSOLUTE_GOAL_S * 1000:.0f} ms ({verdict}); 6 people: {baseline * 1000:.2f} ms; "
        f"medians of {repetitions} runs over {len(SEEDS)} charts each"
    ))


FIGURES = {
    "map_layout_60_vs_6": map_layout_60_vs_6,
}
