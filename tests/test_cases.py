"""A year cut by cases (solver/cases.py): copies of a session taught in both semesters.

The oracle is the whole year's model solved exactly (``test_bound.dated_optimum``): the best
of the cases is the year's optimum, never above it (the cases would have missed calendars)
nor below it (a case would hold calendars the year does not), and the calendar it returns
passes the independent checker.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from palliasched import Faculty, Status, load_programme, verify
from palliasched.quality import total_cost
from palliasched.solver.bounded import solve_bounded
from palliasched.solver.cases import solve_cases, split_cases
from palliasched.solver.parts import split_by_dates
from palliasched.solver.search import Settings

from .conftest import ROOT
from .test_bound import dated_optimum

# UE 2 of the micro programme gets a series taught in either semester: Ben's two tutorials,
# one per regroupement (its hours to match).
SERIES = (
    "          - {id: u2-a, title: C, length: matin, instructors: [ana]}\n",
    "          - {id: u2-a, title: C, length: matin, instructors: [ana]}\n"
    "          - {id: u2-t, title: T, length: apres-midi, instructors: [ben], semester: both,"
    " count: 2, spacing: {one_per_regroupement: true}}\n",
)
HOURS = ("presence_hours: 4\n        semester: S2", "presence_hours: 12\n        semester: S2")

EDITS = {
    "as written": [],
    # Ben away the whole second semester: both tutorials in the first, the last case only.
    "instructor away": [
        (
            "  - {id: ben, name: Ben Morel}",
            "  - {id: ben, name: Ben Morel, unavailable: [{start: 2027-01-18, end: 2027-02-05}]}",
        )
    ],
    # Trips dear: the tutorials follow Ben's other sessions, in the first semester.
    "trips dear": [("version: 1\n", "version: 1\nweights: {instructor_trips: 300}\n")],
}


def micro_with_series(tmp_path: Path, edits: list[tuple[str, str]]) -> Faculty:
    text = (Path(ROOT) / "tests" / "fixtures" / "micro.yaml").read_text(encoding="utf-8")
    for old, new in [SERIES, HOURS, *edits]:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "micro.yaml"
    path.write_text(text, encoding="utf-8")
    return load_programme(path)


def settings(limit: float) -> Settings:
    return Settings(limit, 0, 2, None, None, time.monotonic())


def test_the_series_makes_one_case_per_count_before_the_cut(tmp_path: Path) -> None:
    faculty = micro_with_series(tmp_path, [])
    assert len(split_by_dates(faculty)) == 1  # the series keeps the year whole
    cases = split_cases(faculty)
    assert [c.name for c in cases] == [f"{n} of the 2 « T » before 18/01/2027" for n in range(3)]
    for n, case in enumerate(cases):
        first, second = case.parts
        assert sum(1 for s in first.sessions if s.id.startswith("u2-t")) == n
        assert sum(1 for s in second.sessions if s.id.startswith("u2-t")) == 2 - n
        # UE 2 in both parts when its series is split: its spread counts one week more there.
        assert case.correction == (1 if n > 0 else 0)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_the_best_case_is_the_years_optimum(edit: str, tmp_path: Path) -> None:
    faculty = micro_with_series(tmp_path, EDITS[edit])
    optimum = dated_optimum(faculty)
    assert optimum is not None
    outcome = solve_cases(faculty, split_cases(faculty), settings(30), solve_bounded)
    assert outcome.status is Status.OPTIMAL and outcome.solution is not None
    assert verify(faculty, outcome.solution) == []
    assert total_cost(faculty, outcome.solution) == optimum
    assert outcome.bound is not None and outcome.bound <= optimum
    assert outcome.bound_by is not None and "cases of how many of the 2 « T »" in outcome.bound_by


def test_a_series_kept_days_apart_keeps_the_year_whole(tmp_path: Path) -> None:
    """Copies kept 10 days apart could come too close across the cut: no cases."""
    spaced = (
        "spacing: {one_per_regroupement: true}}",
        "spacing: {min_days_between: 10}}",
    )
    assert split_cases(micro_with_series(tmp_path, [spaced])) == []


def test_the_du_is_cut_by_where_its_thesis_conferences_fall() -> None:
    du = load_programme(Path(ROOT) / "data" / "du-pccpu-2026-2027.yaml")
    cases = split_cases(du)
    assert len(cases) == 5  # 0 to 4 of its « Conférence de méthodes » in the first semester
    assert all(len(c.parts) == 2 for c in cases)
    sessions = sum(1 for _ in du.sessions)
    for case in cases:
        assert sum(1 for p in case.parts for _ in p.sessions) == sessions
