"""Every claim against the true optimum of faculties small enough to try every calendar.

The other optimality tests ask CP-SAT models (the dated model, the relaxations) whether a
cheaper calendar exists, so a cut those models share with the engine goes unseen: the
instructors' fewest weeks took five days as the most a week holds, and a Monday-to-Saturday
programme was reported `optimal` at twice its optimum. Here the optimum is found without any
model: every placement of every session is tried, the checker keeps the calendars that break
no rule and ``total_cost`` prices them. ``solve`` must then never claim less (its bound) nor
call a dearer calendar optimal, and the counting bound must hold.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from palliasched import Faculty, ScheduledSession, Solution, Status, solve, verify
from palliasched.domain.programme import SessionSpec
from palliasched.quality import total_cost
from palliasched.solver.counting import counting_bound

from .test_solve_property import generated_examples, load_generated

MONDAY = dt.date(2027, 1, 4)
SLOTS = {"matin": ("matin",), "apres-midi": ("apres-midi",), "full-day": ("matin", "apres-midi")}
HOURS = {"matin": 4, "apres-midi": 4, "full-day": 8}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


@st.composite
def tiny(draw: st.DrawFn) -> dict[str, Any]:
    """One cohort, one or two weeks, a few sessions: few enough calendars to try them all."""
    days = draw(st.sampled_from([6, 5]))  # Monday to Saturday, or to Friday
    weeks = draw(st.integers(1, 2))
    # Two sites (the cohort's site changes, trips per site): one week, three sessions at most.
    sites = ["paris", "brest"] if weeks == 1 and draw(st.booleans()) else ["paris"]
    instructors = []
    for n in range(2):
        entry: dict[str, Any] = {"id": f"i{n}", "name": f"Instructor {n}"}
        if draw(st.integers(0, 2)) == 0:
            entry["max_days_per_week"] = draw(st.integers(1, 3))
        if weeks == 2 and draw(st.integers(0, 2)) == 0:
            away = MONDAY + dt.timedelta(days=draw(st.integers(0, 11)))
            entry["unavailable"] = [{"start": away, "end": away}]
        if draw(st.integers(0, 2)) == 0:
            entry["preferred_days"] = draw(
                st.lists(st.sampled_from(WEEKDAYS[:days]), min_size=1, max_size=2, unique=True)
            )
        instructors.append(entry)
    sessions = []
    for s in range(draw(st.integers(1, 2))):
        # Copies of one session are tried as sets of dates, not in every order: up to six
        # (a Monday-to-Saturday week of one instructor) when the year is one week long.
        if len(sites) == 2:
            count = draw(st.integers(1, 2 - s))
        else:
            count = draw(st.sampled_from([days, 1, 2, 3] if weeks == 1 else [1, 2, 3]))
        sessions.append(
            {
                "id": f"s{s}",
                "length": draw(st.sampled_from(list(SLOTS))),
                "count": count,
                "instructors": draw(
                    st.lists(st.sampled_from(["i0", "i1"]), min_size=1, max_size=2, unique=True)
                ),
            }
        )
    weights = {
        "regroupements": draw(st.sampled_from([10, 100])),
        "instructor_trips": draw(st.sampled_from([10, 60])),
        "unit_spread": draw(st.integers(0, 5)),
        "short_visits": draw(st.sampled_from([0, 100])),
        "site_changes": draw(st.sampled_from([0, 50])),
    }
    rules = {
        "max_days": draw(st.sampled_from([days, 1, 2, 3])),
        "min_weeks_between": draw(st.integers(1, 2)),
    }
    return programme_file(days, weeks, instructors, sessions, weights, rules, sites)


def programme_file(
    days: int,
    weeks: int,
    instructors: list[dict[str, Any]],
    sessions: list[dict[str, Any]],
    weights: dict[str, int],
    rules: dict[str, int],
    sites: list[str] | None = None,
) -> dict[str, Any]:
    """The file of one programme of one cohort taught ``days`` days a week for ``weeks``, on
    ``sites`` (a room each)."""
    sites = sites or ["paris"]
    hours = sum(HOURS[s["length"]] * s["count"] for s in sessions)
    end = MONDAY + dt.timedelta(days=7 * weeks - 1)
    return {
        "version": 1,
        "weights": weights,
        "calendar": {
            "academic_year": {"start": MONDAY, "end": end},
            "holidays": "none",
            "weekdays": WEEKDAYS[:days],
            "semesters": {"S1": {"start": MONDAY, "end": end}},
        },
        "sites": [{"id": site, "name": site.title()} for site in sites],
        "rooms": [
            {"id": site, "name": site.title(), "site": site, "capacity": 30} for site in sites
        ],
        "instructors": instructors,
        "programmes": [
            {
                "id": "p",
                "title": "PROGRAMME",
                "site": sites,
                "cohorts": [{"id": "c", "size": 20}],
                "teaching_weeks": rules,
                "units": [
                    {
                        "id": "u",
                        "code": "UE 1",
                        "title": "Unit",
                        "total_hours": hours,
                        "presence_hours": hours,
                        "semester": "S1",
                        "sessions": sessions,
                    }
                ],
            }
        ],
    }


def six_days() -> dict[str, Any]:
    """Six full days of one instructor in a Monday-to-Saturday week: one week, one trip (the
    bounds that took five days as the most a week holds proved two)."""
    instructors = [{"id": "i0", "name": "Instructor 0"}]
    sessions = [{"id": "s0", "length": "full-day", "count": 6, "instructors": ["i0"]}]
    weights = {"regroupements": 100, "instructor_trips": 10}
    return programme_file(6, 1, instructors, sessions, weights, {"max_days": 6})


def true_optimum(faculty: Faculty) -> int | None:
    """The cheapest calendar the checker accepts, over every date and site of every session
    (one cohort: never two sessions at once, so one room a site holds them all); None if
    none."""
    places = [(day, site.id) for day in faculty.calendar.teaching_days() for site in faculty.sites]
    series: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for spec in faculty.sessions:
        series.setdefault((spec.length, spec.instructors), []).append(spec.id)
    choices = [
        [
            [
                ScheduledSession(ids[k], day, SLOTS[length], who, (site,), site)
                for k, (day, site) in enumerate(chosen)
            ]
            for chosen in itertools.combinations_with_replacement(places, len(ids))
        ]
        for (length, who), ids in series.items()
    ]
    calendars = ([p for group in groups for p in group] for groups in itertools.product(*choices))
    # The cohort twice at once: the checker would say so, slower.
    return cheapest(faculty, (c for c in calendars if _one_at_a_time(c)))


def _one_at_a_time(placed: list[ScheduledSession]) -> bool:
    taken = [(p.date, slot) for p in placed for slot in p.slots]
    return len(set(taken)) == len(taken)


def cheapest(faculty: Faculty, calendars: Iterable[list[ScheduledSession]]) -> int | None:
    """The least cost of the calendars the checker accepts; None if it accepts none."""
    costs = (
        total_cost(faculty, calendar)
        for calendar in (Solution(tuple(placed)) for placed in calendars)
        if not verify(faculty, calendar)
    )
    return min(costs, default=None)


def claims_checked(faculty: Faculty, optimum: int | None) -> bool:
    """``solve``'s claims on ``faculty`` held to its true ``optimum``: True when it claimed
    an optimum (then it is that one)."""
    result = solve(faculty, time_limit=10)
    if optimum is None:
        assert result.status is Status.INFEASIBLE
        return False
    assert counting_bound(faculty) <= optimum
    assert result.solution is not None and verify(faculty, result.solution) == []
    assert result.bound is not None and result.bound <= optimum
    if result.status is Status.OPTIMAL:
        assert result.objective == optimum
    return result.status is Status.OPTIMAL


def test_no_claim_beats_the_optimum_found_by_trying_every_calendar(tmp_path: Path) -> None:
    optimal: list[bool] = []

    @generated_examples(40)
    @given(data=tiny())
    @example(data=six_days())
    def claims_hold(data: dict[str, Any]) -> None:
        faculty = load_generated(data, tmp_path)
        optimal.append(claims_checked(faculty, true_optimum(faculty)))

    claims_hold()
    assert sum(optimal) >= 8, f"only {sum(optimal)} optimal claims of {len(optimal)}"


@st.composite
def two_programmes(draw: st.DrawFn) -> dict[str, Any]:
    """Two programmes of a week sharing two instructors and one or two rooms: the cuts and
    bounds of a faculty (rooms taken by two cohorts at once, an instructor's days and trips
    across programmes) against every calendar."""
    days = draw(st.sampled_from([5, 6]))
    instructors = [{"id": f"i{n}", "name": f"Instructor {n}"} for n in range(2)]
    if draw(st.booleans()):
        instructors[0]["max_days_per_week"] = draw(st.integers(1, 3))

    def sessions(prefix: str) -> list[dict[str, Any]]:
        return [
            {
                "id": f"{prefix}{s}",
                "length": draw(st.sampled_from(list(SLOTS))),
                "count": 1,
                "instructors": [draw(st.sampled_from(["i0", "i1"]))],
            }
            for s in range(draw(st.integers(1, 2)))
        ]

    weights = {
        "regroupements": draw(st.sampled_from([10, 100])),
        "instructor_trips": draw(st.sampled_from([10, 60])),
        "short_visits": draw(st.sampled_from([0, 100])),
    }
    data = programme_file(days, 1, instructors, sessions("s"), weights, {"max_days": days})
    second = copy.deepcopy(data["programmes"][0])
    second.update(id="q", title="SECOND", cohorts=[{"id": "d", "size": 20}])
    unit = second["units"][0]
    unit["sessions"] = sessions("t")
    unit.update(id="v", total_hours=_hours(unit), presence_hours=_hours(unit))
    data["programmes"].append(second)
    if draw(st.booleans()):
        data["rooms"].append({"id": "paris-2", "name": "Paris 2", "site": "paris", "capacity": 30})
    return data


def _hours(unit: dict[str, Any]) -> int:
    return sum(HOURS[s["length"]] for s in unit["sessions"])


def faculty_optimum(faculty: Faculty) -> int | None:
    """The cheapest calendar of a one-site faculty the checker accepts, over every date of
    every session, each in the first room free at its time (the rooms are alike)."""
    days = faculty.calendar.teaching_days()
    specs = list(faculty.sessions)
    calendars = (
        _roomed(faculty, specs, dates) for dates in itertools.product(days, repeat=len(specs))
    )
    return cheapest(faculty, (c for c in calendars if c is not None))


def _roomed(
    faculty: Faculty, specs: list[SessionSpec], dates: tuple[dt.date, ...]
) -> list[ScheduledSession] | None:
    """``specs`` on ``dates``, each in the first room free at its time; None when none is."""
    used: dict[tuple[dt.date, str], set[str]] = {}
    placed = []
    for spec, day in zip(specs, dates, strict=True):
        slots = SLOTS[spec.length]
        free = [
            r.id for r in faculty.rooms if all(r.id not in used.get((day, s), ()) for s in slots)
        ]
        if not free:
            return None
        for slot in slots:
            used.setdefault((day, slot), set()).add(free[0])
        placed.append(ScheduledSession(spec.id, day, slots, spec.instructors, (free[0],), "paris"))
    return placed


def test_no_claim_beats_the_optimum_of_two_programmes(tmp_path: Path) -> None:
    optimal: list[bool] = []

    @generated_examples(25)
    @given(data=two_programmes())
    def claims_hold(data: dict[str, Any]) -> None:
        faculty = load_generated(data, tmp_path)
        optimal.append(claims_checked(faculty, faculty_optimum(faculty)))

    claims_hold()
    assert sum(optimal) >= 8, f"only {sum(optimal)} optimal claims of {len(optimal)}"
