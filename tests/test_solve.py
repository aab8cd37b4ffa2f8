"""The scheduler: optimal calendars where the optimum is known, verified by the checker."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import holidays
import pytest
from ortools.sat.python import cp_model

from palliasched import DateRange, Faculty, Result, Solution, Status, load_programme, solve, verify
from palliasched.domain.calendar import iso_week
from palliasched.domain.rhythm import empty_runs
from palliasched.quality import soft_costs, total_cost
from palliasched.scorecard import score
from palliasched.solver import programme_batches
from palliasched.solver.extract import extract
from palliasched.solver.model import ScheduleModel
from palliasched.solver.parts import split_by_dates

from . import rule_cases
from .conftest import DATA, M2
from .test_verify import two_sites


def test_the_minimal_programme_gets_its_known_optimum(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    # Two regroupements (UE 7 in S1, UE 6 in its May-June window), one trip per instructor.
    faculty = load_programme(write(minimal_text))
    result = solve(faculty, time_limit=5)
    assert result.status is Status.OPTIMAL
    assert result.solution is not None
    assert verify(faculty, result.solution) == []
    assert result.objective == 2 * 100 + 2 * 10
    assert result.bound == result.objective
    assert result.objective == total_cost(faculty, result.solution)


def test_the_same_seed_gives_the_same_calendar(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    faculty = load_programme(write(two_sites(minimal_text)))
    first = solve(faculty, time_limit=20, seed=3)
    second = solve(faculty, time_limit=20, seed=3)
    assert first.solution is not None and second.solution is not None
    assert first.solution.to_json() == second.solution.to_json()


def test_a_two_site_programme_keeps_each_day_on_one_site(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    faculty = load_programme(write(two_sites(minimal_text)))
    result = solve(faculty, time_limit=5)
    assert result.solution is not None
    assert result.violations == ()
    assert {s.site for s in result.solution.sessions} <= {"cochin", "rennes"}


def test_the_bundled_m2_gets_a_verified_calendar(m2: Faculty, m2_result: Result) -> None:
    result = m2_result
    assert result.status.has_solution
    assert result.solution is not None
    assert verify(m2, result.solution) == []
    # Quality: 7 regroupements would do (12 days in S1, 15.5 in S2 + Sept), but not with a
    # regroupement at least every 8 weeks from October to May: 8.
    (regroupements,) = [c for c in result.soft if c.rule == "regroupements"]
    assert regroupements.count == 8
    assert result.objective == total_cost(m2, result.solution)
    # Proven optimal (the bound of the bare weeks kept in the year meets the calendar's cost):
    # 8 regroupements, 34 instructor trips, 4 weeks of UE spread, one day off an instructor's
    # preferred days, and the rhythm kept (no week of it given up).
    assert result.status is Status.OPTIMAL
    assert result.bound == result.objective == 1146
    card = score(m2, result.solution)
    (cohort,) = card.cohorts
    october_to_may = empty_runs_between(
        m2, result.solution, dt.date(2026, 10, 1), dt.date(2027, 5, 31)
    )
    assert max(october_to_may) <= 8
    assert cohort.single_half_days == () and cohort.hours_off == () and card.violations == 0


def test_the_bundled_diu_teaches_each_module_in_one_block_on_its_site(
    diu: Faculty, diu_result: Result
) -> None:
    """The brochure's four modules, January to June: each one regroupement on its own site,
    the cohort never on another site than the day before, proven optimal."""
    result = diu_result
    assert result.status is Status.OPTIMAL and result.solution is not None, result.summary()
    assert verify(diu, result.solution) == []
    modules = [u for p in diu.programmes for u in p.units if u.code.startswith("Module")]
    assert len(modules) == 4
    for module in modules:
        placed = [s for s in result.solution.sessions if diu.session(s.session).unit == module.id]
        assert len({iso_week(s.date) for s in placed}) == 1, module.code
        assert {s.site for s in placed} == {module_site(diu, module.id)}, module.code
    (cohort,) = score(diu, result.solution).cohorts
    assert cohort.site_changes == () and cohort.single_half_days == ()
    assert cohort.longest_gap <= 8 and cohort.split_units == ()


def module_site(faculty: Faculty, unit_id: str) -> str | None:
    (site,) = {spec.sites for spec in faculty.sessions if spec.unit == unit_id}
    return site[0] if len(site) == 1 else None


def empty_runs_between(
    faculty: Faculty, solution: Solution, start: dt.date, end: dt.date
) -> list[int]:
    """Lengths of the runs of weeks without teaching within one period (closed weeks skipped),
    measured here, apart from the programme's own periods."""
    (programme,) = faculty.programmes
    weeks = replace(programme.teaching_weeks, periods=(DateRange(start, end),))
    alone = replace(faculty, programmes=(replace(programme, teaching_weeks=weeks),))
    (cohort,) = programme.cohorts
    taught = {iso_week(s.date) for s in solution.sessions}
    return [len(run) for _, run in empty_runs(alone, cohort.id, taught)]


def test_the_bundled_m2_splits_exactly_at_the_semester(m2: Faculty) -> None:
    parts = split_by_dates(m2)
    assert len(parts) == 2
    first, second = ({s.id for p in part.programmes for s in p.sessions} for part in parts)
    assert "ouverture" in first and "ue10-presentations" in second
    assert len(first) + len(second) == sum(1 for _ in m2.sessions)


def test_the_whole_faculty_shares_rooms_instructors_and_sessions() -> None:
    # M2 + DU (sessions shared by two cohorts) + DIU (two sites, parallel groups, pools) + the
    # MOOC (online, releases, live sessions by two of the M2's instructors).
    faculty = load_programme(DATA / "faculty-2026-2027.yaml")
    # The first pass (about 6 s on 2 idle cores, more under load), then the groups alone.
    result = solve(faculty, time_limit=15)
    assert result.solution is not None
    assert verify(faculty, result.solution) == []
    # Loosely coupled (one shared instructor): solved by groups, with their bound.
    assert (result.bound_by or "").startswith("the sum of the bounds of the 4 programme groups")
    assert result.bound is not None and result.objective is not None
    assert result.bound <= result.objective


def test_batches_solve_programme_by_programme_and_still_verify(tmp_path: Path) -> None:
    path = tmp_path / "micro.yaml"
    path.write_text(rule_cases.MICRO, encoding="utf-8")
    faculty = load_programme(path)
    assert len(programme_batches(faculty)) == 2  # DU and DX share Ben, not sessions
    result = solve(faculty, time_limit=10, batches=True)
    assert result.status.has_solution
    # Batches fixed one beside the other prove nothing: the bound counts what sessions need.
    assert "the counting bound" in (result.bound_by or "")
    assert result.bound is not None and result.objective is not None
    assert result.bound <= result.objective
    assert result.solution is not None
    assert verify(faculty, result.solution) == []


def test_every_soft_rule_given_up_is_reported_by_name(m2: Faculty, m2_result: Result) -> None:
    result = m2_result
    assert result.solution is not None
    names = [c.rule for c in soft_costs(m2, result.solution)]
    assert names == [
        "regroupements",
        "instructor_trips",
        "unit_spread",
        "preferred_days",
        "own_semester",
        "rhythm",
        "short_visits",
        "site_changes",
        "repeat_spacing",
        "travel_time",
        "late_starts",
    ]
    summary = result.summary()
    for cost in result.soft:
        if cost.count:
            assert cost.rule.replace("_", " ") in summary


# --- no calendar: a plain explanation ------------------------------------------------------------

IMPOSSIBLE = [
    (
        "instructor unavailable over the UE 6 window",
        "    unavailable: [{start: 2027-06-14, end: 2027-06-25}]",
        "    unavailable: [{start: 2027-05-01, end: 2027-07-15}]",
        [
            "Laure Serresse is unavailable on every weekday of the UE 6 window "
            "(10/05/2027-30/06/2027)"
        ],
    ),
    (
        "too few regroupements per semester for the rhythm",
        "      max_per_semester: 6",
        "      max_per_semester: 2",
        ["cannot have a regroupement at least every 8 weeks", "with at most 2 regroupements"],
    ),
    (
        "opening day pinned after sessions of semester 1",
        "        order: first\n",
        "        order: first\n        date: 2027-01-11\n",
        ["'Journée d'ouverture' must come first", "(11/01/2027)", "before them (01/09/2026-"],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), [c[1:] for c in IMPOSSIBLE], ids=[c[0] for c in IMPOSSIBLE]
)
def test_an_impossible_programme_is_explained(
    write: Callable[..., Path], old: str, new: str, words: list[str]
) -> None:
    text = M2.read_text(encoding="utf-8")
    assert old in text
    faculty = load_programme(write(text.replace(old, new)))
    result = solve(faculty, time_limit=60)
    assert result.status is Status.INFEASIBLE
    assert result.solution is None
    headline = result.conflicts[0]
    for word in words:
        assert word in headline
    assert len(result.conflicts) >= 2  # the headline, then each rule taking part


# --- the command line --------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "palliasched", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_solve_writes_a_calendar_that_an_outside_check_accepts(tmp_path: Path) -> None:
    done = run_cli("solve", str(M2), "--out", str(tmp_path), "--time-limit", "15")
    assert done.returncode == 0, done.stderr
    assert "Status: " in done.stdout and "Objective: " in done.stdout
    with (tmp_path / "sessions.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 31
    # Checked with csv and the holidays package only, not with palliasched.
    french = holidays.country_holidays("FR", years=[2026, 2027])
    busy: Counter[tuple[str, str, str]] = Counter()
    hours: defaultdict[str, float] = defaultdict(float)
    for row in rows:
        day = dt.date.fromisoformat(row["date"])
        assert day.weekday() < 5 and day not in french, row
        for who in row["instructors"].split(";") + row["rooms"].split(";"):
            for half in ("am", "pm"):
                if (half == "am" and row["start"] < "12:30") or (
                    half == "pm" and row["end"] > "14:00"
                ):
                    busy[(who, row["date"], half)] += 1
        hours[row["ue"]] += float(row["counted_hours"])
    assert max(busy.values()) == 1
    declared = {"UE 1": 32, "UE 2": 16, "UE 3": 24, "UE 4": 24, "UE 5": 16, "UE 6": 16}
    declared |= {"UE 7": 24, "UE 8": 20, "UE 10": 24, "UE 11": 16}
    assert {ue: h for ue, h in hours.items() if ue} == declared
    assert (tmp_path / "solution.json").read_text(encoding="utf-8").startswith('{\n "format": 1')


def test_solve_without_a_calendar_exits_1_with_the_reason(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    old, new = IMPOSSIBLE[0][1], IMPOSSIBLE[0][2]
    path = write(M2.read_text(encoding="utf-8").replace(old, new))
    done = run_cli("solve", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "Laure Serresse is unavailable on every weekday" in done.stdout
    assert not (tmp_path / "out" / "solution.json").exists()


def test_solve_on_a_bad_file_exits_2(write: Callable[..., Path], tmp_path: Path) -> None:
    done = run_cli("solve", str(write("version: 1\nprogrammes: [")), "--out", str(tmp_path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "edits",
    [
        (),
        (rule_cases.instructor("ana", "preferred_days: [mon]"),),  # preferred days priced
        # A preferred date (Tuesday 5 January) priced with the preferred weekdays.
        (rule_cases.instructor("ana", "preferred_days: [mon], preferred_dates: [2027-01-05]"),),
        (rule_cases.weeks("du", "max_days: 2"),),  # more regroupements
        (rule_cases.session("u2-a", "semester: both"),),  # own semester priced
    ],
    ids=["micro", "preferred-days", "preferred-dates", "short-weeks", "own-semester"],
)
def test_the_models_objective_is_the_independent_measure(
    edits: tuple[rule_cases.Edit, ...], tmp_path: Path
) -> None:
    """CP-SAT's own objective value equals ``quality`` measured on the calendar it returns: the
    model prices exactly the soft rules the coordinator reads in the workbook."""
    path = tmp_path / "micro.yaml"
    path.write_text(rule_cases.apply(edits), encoding="utf-8")
    faculty = load_programme(path)
    model = ScheduleModel(faculty)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 30
    assert solver.solve(model.model) == cp_model.OPTIMAL
    values = [bool(solver.value(x)) for x in model.x]
    solution, unroomed = extract(model, solver, values)
    assert unroomed == []
    assert verify(faculty, solution) == []
    assert round(solver.objective_value) == total_cost(faculty, solution)
    assert solver.objective_value > 0


def test_a_batch_with_no_calendar_beside_the_earlier_ones_is_repaired_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ben teaches in both programmes and only on the 6th and 7th; the DX session needs him on
    the 6th, which the DU batch, solved first, takes (its first calendar places each session
    as early as it can). The DX batch finds nothing beside it, so both are solved again
    together: the DU session moves to the 7th. (First fit places it right at once,
    ``test_first_fit.py``: here the models do the first pass.)"""
    from palliasched.solver import batches

    monkeypatch.setattr(batches, "first_fit", lambda *args: None)

    text = rule_cases.apply(
        (
            rule_cases.instructor("ben", "available_only: [2027-01-06, 2027-01-07]"),
            rule_cases.session("x1-a", "window: {start: 2027-01-06, end: 2027-01-06}"),
        )
    )
    path = tmp_path / "micro.yaml"
    path.write_text(text, encoding="utf-8")
    faculty = load_programme(path)
    repaired: list[int] = []
    original = batches.BatchSearch._repair

    def repair(self: batches.BatchSearch, n: int, found: dict[int, Any]) -> Any:
        repaired.append(n)
        return original(self, n, found)

    monkeypatch.setattr(batches.BatchSearch, "_repair", repair)
    result = solve(faculty, time_limit=10, batches=True)
    assert repaired == [1]  # the DX batch, second
    assert result.solution is not None and verify(faculty, result.solution) == []
    placed = {s.session: s.date for s in result.solution.sessions}
    assert placed["x1-a"] == dt.date(2027, 1, 6) and placed["u1-b"] == dt.date(2027, 1, 7)


# P2 holds 10 seats only; UE 1's first session (20 seats, on the 5th) may use P1 or P2, the
# DX session (10 seats) P1 only.
ROOM_MATCHING = (
    rule_cases.capacity("p2", 10),
    rule_cases.session("u1-a", "rooms: {allowed: [p1, p2]}, date: 2027-01-05, site: paris"),
    rule_cases.session("x1-a", "rooms: {allowed: [p1]}"),
)


def test_rooms_the_counts_allow_but_no_matching_gives_are_searched_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Capacity is counted per site, time and size; concrete rooms are matched afterwards. UE 1
    (20 seats) may use P1 or P2, but only P1 holds it; DX (10 seats) may use P1 only: the
    counts let both take the morning of the 5th, the matching does not, so the combination
    is forbidden and the search runs again (``search.MAX_ROOM_CUTS``)."""
    from palliasched.solver import search

    text = rule_cases.apply(ROOM_MATCHING)
    path = tmp_path / "micro.yaml"
    path.write_text(text, encoding="utf-8")
    faculty = load_programme(path)
    unmatched: list[int] = []
    original = search.extract

    def extract_counting(*args: Any, **kwargs: Any) -> Any:
        solution, conflicts = original(*args, **kwargs)
        unmatched.append(len(conflicts))
        return solution, conflicts

    monkeypatch.setattr(search, "extract", extract_counting)
    result = solve(faculty, time_limit=10, batches=False)  # one model for both programmes
    assert any(unmatched), "no calendar needed a second search for its rooms"
    assert result.status is Status.OPTIMAL
    assert result.solution is not None and verify(faculty, result.solution) == []
    rooms = {s.session: s.rooms for s in result.solution.sessions}
    assert rooms["u1-a"] == ("p1",) and rooms["x1-a"] == ("p1",)


def test_no_calendar_for_want_of_matching_rooms_is_said_so(tmp_path: Path) -> None:
    """Ben, on the 5th and 6th only, teaches UE 1 and DX: DX must take the 6th (P1 is UE 1's on
    the 5th) and UE 1's second session then has no day. Only the room matching shows it."""
    path = tmp_path / "micro.yaml"
    ben = rule_cases.instructor("ben", "available_only: [2027-01-05, 2027-01-06]")
    path.write_text(rule_cases.apply((*ROOM_MATCHING, ben)), encoding="utf-8")
    result = solve(load_programme(path), time_limit=10)
    assert result.status is Status.INFEASIBLE and result.stats.room_cuts >= 1
    assert result.conflicts[0].startswith("No calendar exists: on the days the other rules")
    assert "--time-limit" not in " ".join(result.conflicts)


@pytest.mark.parametrize(
    "name",
    [
        "m2-medecine-palliative-2026-2027.yaml",  # split by dates
        "du-pccpu-2026-2027.yaml",  # solved by cases
        "faculty-2026-2027.yaml",  # programme groups, then the whole model
    ],
)
def test_no_search_starts_once_the_time_limit_has_passed(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The time limit is a limit: every path gives up with "no solution in time" rather than
    # start a CP-SAT search (and build its model) after it. Before, the faculty's first
    # calendars, out of time, were handed to the whole model: 3.9 s for a 2 s limit.
    from palliasched.solver import engine

    searches: list[object] = []
    monkeypatch.setattr(cp_model.CpSolver, "solve", lambda *a, **k: searches.append(a))
    result = engine.solve(load_programme(DATA / name), time_limit=1e-9)
    assert result.status is Status.UNKNOWN and result.solution is None
    assert searches == []
