"""Compare the solved M2 calendar with the published 2026-2027 grid (seed 000), on the scorecard.

    .venv/bin/python benchmarks/published.py [--time-limit 60]

The published grid is ``data/published-2026-2027.json`` (its dates, slots and instructors on
the bundled programme's ids). Both calendars are measured by the same solver-independent
functions: the scorecard (``palliasched.scorecard``: teaching weeks, longest gap, weeks of a
single half-day, UEs in several blocks, site changes, trips, hours, violations), every soft
rule, and hours per UE against the declared presence hours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from palliasched import DateRange, Faculty, Solution, load_programme, soft_costs, solve, verify
from palliasched.domain.calendar import format_hours, iso_week
from palliasched.domain.rhythm import empty_runs
from palliasched.scorecard import score

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "data" / "m2-medecine-palliative-2026-2027.yaml"
PUBLISHED = ROOT / "data" / "published-2026-2027.json"


def hours_per_unit(faculty: Faculty, solution: Solution) -> dict[str, int]:
    minutes: dict[str, int] = defaultdict(int)
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        if spec.unit is not None:
            minutes[spec.unit] += faculty.programme(spec.programme).counted_minutes(spec)
    return minutes


def scorecard_rows(faculty: Faculty, calendars: dict[str, Solution]) -> list[tuple[str, ...]]:
    """The coordinator's scorecard of each calendar, line by line (``palliasched.scorecard``),
    with the longest gap also measured over October-May as one period."""
    cards = {name: score(faculty, c) for name, c in calendars.items()}
    cohorts = {name: card.cohorts[0] for name, card in cards.items()}
    october_to_may = {name: longest_gap(faculty, c) for name, c in calendars.items()}

    def row(label: str, values: dict[str, object]) -> tuple[str, ...]:
        return (label, *(str(values[name]) for name in calendars))

    return [
        row("sessions placed", {n: len(c.sessions) for n, c in calendars.items()}),
        row("hard-rule violations", {n: card.violations for n, card in cards.items()}),
        row("teaching weeks", {n: c.teaching_weeks for n, c in cohorts.items()}),
        row("longest gap, October-May (weeks)", october_to_may),
        row(
            "longest gap within a semester (weeks)", {n: c.longest_gap for n, c in cohorts.items()}
        ),
        row("weeks of a single half-day", {n: len(c.single_half_days) for n, c in cohorts.items()}),
        row("UEs in several blocks", {n: len(c.split_units) for n, c in cohorts.items()}),
        row(
            "site changes on consecutive days", {n: len(c.site_changes) for n, c in cohorts.items()}
        ),
        row("instructor trips", {n: card.instructor_trips for n, card in cards.items()}),
        row(
            "UEs whose hours differ from the declared",
            {n: len(c.hours_off) for n, c in cohorts.items()},
        ),
    ]


def longest_gap(faculty: Faculty, solution: Solution) -> int:
    """Weeks in a row without teaching from October to May, taken as one period."""
    (programme,) = faculty.programmes
    period = DateRange(dt.date(2026, 10, 1), dt.date(2027, 5, 31))
    weeks = replace(programme.teaching_weeks, periods=(period,))
    alone = replace(faculty, programmes=(replace(programme, teaching_weeks=weeks),))
    (cohort,) = programme.cohorts
    taught = {iso_week(s.date) for s in solution.sessions}
    return max((len(run) for _, run in empty_runs(alone, cohort.id, taught)), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note
    faculty = load_programme(PROGRAMME)
    published = Solution.from_json(PUBLISHED.read_text(encoding="utf-8"), str(PUBLISHED))
    result = solve(faculty, time_limit=args.time_limit)
    assert result.solution is not None, result.summary()
    calendars = {"published": published, "palliasched": result.solution}
    print(f"palliasched: {result.status_words()} in {result.runtime:.1f} s\n")
    print("| scorecard | published | palliasched |")
    print("|---|---|---|")
    for label, *values in scorecard_rows(faculty, calendars):
        print(f"| {label} | " + " | ".join(values) + " |")
    print("\n| soft rule (count) | published | palliasched |")
    print("|---|---|---|")
    costs = {name: soft_costs(faculty, c) for name, c in calendars.items()}
    for n, cost in enumerate(costs["published"]):
        row = [str(cost.count), str(costs["palliasched"][n].count)]
        print(f"| {cost.rule.replace('_', ' ')} | " + " | ".join(row) + " |")
    totals = [str(sum(c.cost for c in costs[name])) for name in calendars]
    print("| weighted soft cost | " + " | ".join(totals) + " |")
    print("\n| UE | declared | published | palliasched |")
    print("|---|---|---|---|")
    hours = {name: hours_per_unit(faculty, c) for name, c in calendars.items()}
    for programme in faculty.programmes:
        for unit in programme.units:
            if unit.internship is not None:
                continue
            cells = []
            for name in calendars:
                got = hours[name].get(unit.id, 0)
                mark = "" if got == unit.presence_minutes else " (!)"
                cells.append(format_hours(got) + mark)
            print(
                f"| {unit.code} | {format_hours(unit.presence_minutes)} | "
                + " | ".join(cells)
                + " |"
            )
    print("\nPublished grid violations:")
    for violation in verify(faculty, published):
        print(f"- {violation}")


if __name__ == "__main__":
    main()
