"""Compare the solved M2 calendar with the published 2026-2027 grid (seed 000).

    .venv/bin/python benchmarks/published.py [--time-limit 60]

The published grid is ``data/published-2026-2027.json`` (its dates, slots and instructors on
the bundled programme's ids). Both calendars are measured by the same solver-independent
functions: hard-rule violations (``verify``), regroupements, instructor trips, the other
soft rules, and hours per UE against the declared presence hours.
"""

from __future__ import annotations

import argparse
import logging
from collections import defaultdict
from pathlib import Path

from palliasched import Faculty, Solution, load_programme, soft_costs, solve, verify
from palliasched.domain.calendar import format_hours

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
    print("| measure | published | palliasched |")
    print("|---|---|---|")
    print(
        "| sessions placed | " + " | ".join(str(len(c.sessions)) for c in calendars.values()) + " |"
    )
    print(
        "| hard-rule violations | "
        + " | ".join(str(len(verify(faculty, c))) for c in calendars.values())
        + " |"
    )
    costs = {name: soft_costs(faculty, c) for name, c in calendars.items()}
    for n, cost in enumerate(costs["published"]):
        row = [str(cost.count)] + [str(costs["palliasched"][n].count)]
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
