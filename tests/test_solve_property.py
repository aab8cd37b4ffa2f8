"""Property: for any small programme, a calendar the solver returns passes the checker.

Programmes are generated as files (so they go through the loader and validator): one or two
sites, rooms of several sizes, instructors with unavailable weeks and weekly limits, one or two
programmes whose sessions may be shared by both cohorts, split into parallel groups, taught by
a pool, chained by precedences, or placed on a chosen site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palliasched import Faculty, Status, load_programme, solve, verify

LENGTHS = ("matin", "apres-midi", "full-day")
HOURS = {"matin": 4, "apres-midi": 4, "full-day": 8}


@st.composite
def programmes(draw: st.DrawFn) -> dict[str, Any]:
    two_sites = draw(st.booleans())
    sites = ["paris", "rennes"] if two_sites else ["paris"]
    rooms = []
    for site in sites:
        for n, capacity in enumerate(
            draw(st.lists(st.sampled_from([10, 20, 45]), min_size=1, max_size=3))
        ):
            rooms.append(
                {"id": f"{site}-{n}", "name": f"{site} {n}", "site": site, "capacity": capacity}
            )
        rooms.append({"id": f"{site}-big", "name": f"{site} big", "site": site, "capacity": 45})
    instructors = []
    for n in range(draw(st.integers(2, 4))):
        entry: dict[str, Any] = {"id": f"i{n}", "name": f"Instructor {n}"}
        if draw(st.booleans()):
            start = dt.date(2026, 9, 7) + dt.timedelta(weeks=draw(st.integers(0, 10)))
            entry["unavailable"] = [{"start": start, "end": start + dt.timedelta(days=4)}]
        if draw(st.booleans()):
            entry["max_days_per_week"] = draw(st.integers(2, 3))
        instructors.append(entry)
    ids = [i["id"] for i in instructors]
    n_programmes = draw(st.integers(1, 2))
    cohorts = [f"c{p}" for p in range(n_programmes)]
    entries = []
    for p in range(n_programmes):
        units = []
        for u in range(draw(st.integers(1, 2))):
            sessions = []
            for s in range(draw(st.integers(1, 3))):
                session: dict[str, Any] = {
                    "id": f"p{p}u{u}s{s}",
                    "length": draw(st.sampled_from(LENGTHS)),
                }
                if draw(st.booleans()):
                    session["count"] = 2
                if draw(st.integers(0, 3)) == 0:
                    session["instructors"] = {"among": ids, "count": 2}
                else:
                    session["instructors"] = draw(
                        st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)
                    )
                if n_programmes == 2 and p == 0 and draw(st.integers(0, 3)) == 0:
                    session["cohorts"] = cohorts
                if draw(st.integers(0, 3)) == 0:
                    session["rooms"] = {"groups": 2}
                if s > 0 and draw(st.integers(0, 3)) == 0:
                    session["after"] = [f"p{p}u{u}s0"]
                sessions.append(session)
            hours = sum(HOURS[s["length"]] * s.get("count", 1) for s in sessions)
            units.append(
                {
                    "id": f"p{p}u{u}",
                    "code": f"UE {u + 1}",
                    "title": f"Unit {u + 1}",
                    "total_hours": hours,
                    "presence_hours": hours,
                    "semester": "S1",
                    "sessions": sessions,
                }
            )
        entries.append(
            {
                "id": f"p{p}",
                "title": f"PROGRAMME {p}",
                "site": sites if two_sites and draw(st.booleans()) else sites[p % len(sites)],
                "cohorts": [{"id": cohorts[p], "size": draw(st.integers(6, 20))}],
                "teaching_weeks": {"max_days": 5, "min_weeks_between": draw(st.integers(1, 2))},
                "units": units,
            }
        )
    return {
        "version": 1,
        "calendar": {
            "academic_year": {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 12, 18)},
            "semesters": {"S1": {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 12, 18)}},
        },
        "sites": [{"id": s, "name": s.title()} for s in sites],
        "rooms": rooms,
        "instructors": instructors,
        "programmes": entries,
    }


def generated_examples(count: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis settings for tests over generated programmes: fixed examples, no deadline."""
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def load_generated(data: dict[str, Any], folder: Path) -> Faculty:
    """A generated programme, written as a file and read through the loader and validator."""
    path = folder / "random.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_programme(path)


def test_every_calendar_returned_passes_the_checker(tmp_path: Path) -> None:
    reached: list[Status] = []

    @generated_examples(11)
    @given(data=programmes())
    def checked(data: dict[str, Any]) -> None:
        faculty = load_generated(data, tmp_path)
        result = solve(faculty, time_limit=2.0)  # any calendar will do: it is checked
        reached.append(result.status)
        if result.solution is not None:
            assert verify(faculty, result.solution) == []
            assert result.violations == ()
        elif result.status is Status.INFEASIBLE:
            assert result.conflicts
        else:  # out of time: no calendar, and no claim about one
            assert result.status is Status.UNKNOWN
            assert result.conflicts == () and result.bound is None

    checked()
    verified = sum(status.has_solution for status in reached)
    assert verified >= 8, f"only {verified} of {len(reached)} calendars reached the checker"
