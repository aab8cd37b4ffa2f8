"""A faculty of independent programmes solved group by group (solver/decomposition.py).

The oracle is the whole faculty's model solved exactly: the bound the decomposition reports
must never exceed that optimum (else a gap, or an ``optimal``, would be a lie), and its
calendar, checked by the independent checker, can never cost less.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from palliasched import Faculty, Status, load_programme, verify
from palliasched.quality import total_cost
from palliasched.solver import programme_batches
from palliasched.solver.bounded import solve_bounded
from palliasched.solver.counting import counting_bound
from palliasched.solver.decomposition import solve_alone, solve_decomposed, trip_allowance
from palliasched.solver.search import Outcome, Settings

from . import rule_cases
from .test_bound import dated_optimum

# Edits of the micro faculty (two programmes sharing Ben and the Paris rooms), each making the
# coupling between the programmes matter in another way.
CASES = {
    "as written": [],
    # Ben's two sessions on one day make one trip in the faculty, two when apart: the faculty's
    # optimum is below the sum of the programmes' optima, and the bound must allow for it.
    "trips merge across programmes": [
        (
            "{id: x1-a, title: D, length: matin,",
            "{id: x1-a, title: D, length: apres-midi,",
        ),
        ("version: 1\n", "version: 1\nweights: {instructor_trips: 300}\n"),
    ],
    # Ben teaches one programme in Brest, the other in Paris: no trip of his can merge, the
    # allowance is nothing and the bound the sum of the programmes' own bounds.
    "trips on two sites never merge": [
        ("    site: [paris, brest]\n", "    site: brest\n"),
        ("version: 1\n", "version: 1\nweights: {instructor_trips: 300}\n"),
    ],
    # Ben's DU days Monday and Wednesday (two trips alone) and his DX day Tuesday (one): three
    # trips apart, one in the faculty, two saved by one session of DX's.
    "a day of one programme bridges two trips of the other": [
        ("version: 1\n", "version: 1\nweights: {instructor_trips: 300}\n"),
        ("    site: [paris, brest]\n", "    site: paris\n"),
        ("presence_hours: 8", "presence_hours: 12"),
        (
            "          - {id: u1-a, title: A, length: matin, instructors: [ana]}\n"
            "          - {id: u1-b, title: B, length: matin, instructors: [ben]}",
            "          - {id: u1-a, title: A, length: matin, instructors: [ana],"
            " date: 2027-01-05}\n"
            "          - {id: u1-b, title: B, length: matin, instructors: [ben],"
            " date: 2027-01-04}\n"
            "          - {id: u1-c, title: E, length: matin, instructors: [ben],"
            " date: 2027-01-06}",
        ),
        (
            "{id: x1-a, title: D, length: matin, instructors: [ben]}",
            "{id: x1-a, title: D, length: apres-midi, instructors: [ben], date: 2027-01-05}",
        ),
    ],
    # One Paris room, and Ben teaching one day a week: the programmes' own optima collide.
    "shared room and instructor limit": [
        ("  - {id: p2, name: P2, site: paris, capacity: 30}\n", ""),
        ("  - {id: ben, name: Ben Morel}", "  - {id: ben, name: Ben Morel, max_days_per_week: 1}"),
    ],
    "instructor away most weeks": [
        (
            "  - {id: ben, name: Ben Morel}",
            "  - {id: ben, name: Ben Morel, unavailable: [{start: 2027-01-11, end: 2027-01-31}]}",
        ),
    ],
}


@pytest.mark.parametrize("edits", CASES.values(), ids=CASES.keys())
def test_the_bound_of_the_groups_solved_alone_never_exceeds_the_faculty_optimum(
    edits: list[tuple[str, str]], write: Callable[[str, str], Path]
) -> None:
    text = rule_cases.MICRO
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    faculty = load_programme(write(text, "faculty.yaml"))
    assert len(programme_batches(faculty)) == 2
    optimum = dated_optimum(faculty)
    assert optimum is not None  # the whole micro faculty is proven in milliseconds

    settings = Settings(20, 0, 2, None, None, time.monotonic())
    parts = [replace(faculty, programmes=tuple(b)) for b in programme_batches(faculty)]
    alone = solve_alone(parts, faculty, settings, solve_part)
    assert alone.bound is not None and "programme groups solved alone" in (alone.bound_by or "")
    assert alone.bound <= optimum + 1e-6
    assert counting_bound(faculty) <= optimum

    joined = solve_decomposed(faculty, settings, solve_part)

    assert joined.solution is not None and joined.bound == alone.bound
    assert verify(faculty, joined.solution) == []
    assert total_cost(faculty, joined.solution) >= optimum
    if joined.status is Status.OPTIMAL:
        assert total_cost(faculty, joined.solution) == pytest.approx(optimum)


def test_trips_on_other_sites_are_no_allowance(write: Callable[[str, str], Path]) -> None:
    text = rule_cases.MICRO
    for old, new in CASES["trips on two sites never merge"]:
        text = text.replace(old, new)
    apart = load_programme(write(text, "apart.yaml"))
    parts = [replace(apart, programmes=tuple(b)) for b in programme_batches(apart)]
    assert trip_allowance(apart, parts) == 0
    text = rule_cases.MICRO
    for old, new in CASES["trips merge across programmes"]:
        text = text.replace(old, new)
    together = load_programme(write(text, "together.yaml"))
    parts = [replace(together, programmes=tuple(b)) for b in programme_batches(together)]
    # One Paris session of Ben's in each: it may bridge two trips of the other's, or merge.
    assert trip_allowance(together, parts) == 600


def solve_part(part: Faculty, settings: Settings) -> Outcome:
    return solve_bounded(part, settings, settings.remaining())


def test_joining_saves_trips_the_groups_alone_cannot_see(write: Callable[[str, str], Path]) -> None:
    """The case the allowance exists for: the exact optimum merges Ben's trips."""
    text = rule_cases.MICRO
    for old, new in CASES["trips merge across programmes"]:
        text = text.replace(old, new)
    faculty = load_programme(write(text, "faculty.yaml"))
    alone = 0.0
    for batch in programme_batches(faculty):
        part = replace(faculty, programmes=tuple(batch))
        found = dated_optimum(part)
        assert found is not None
        alone += found
    optimum = dated_optimum(faculty)
    assert optimum is not None and optimum < alone  # the sum alone would be no bound
