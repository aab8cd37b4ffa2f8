"""Internships (stages): periods kept free of teaching for the cohorts that go on them.

A unit with ``internship: {weeks: n}`` reserves n consecutive calendar weeks (Monday to
Sunday) within its dates (its window, else its semester, else the year) in which its cohorts
have no session; ``dates: {start, end}`` reserves those very dates. The calendar need not name
the weeks: the period is the earliest run of free weeks the calendar leaves (``period``),
which every reader of a calendar (checker, grids, feeds) finds the same way. The solver states
the rule on its own (``solver/rules/internships.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from palliasched.domain.calendar import DateRange, french_date

if TYPE_CHECKING:
    from palliasched.domain.programme import Faculty, Unit
    from palliasched.domain.solution import Solution

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Internship:
    """A stage: a number of days in the unit's window, not room sessions. ``weeks`` (n weeks
    the solver chooses) or ``dates`` reserve a period free of teaching for ``cohorts``."""

    min_days: int
    max_days: int
    weeks: int | None = None
    dates: DateRange | None = None
    cohorts: tuple[str, ...] = ()

    @property
    def reserves(self) -> bool:
        return self.weeks is not None or self.dates is not None


def reserving_units(faculty: Faculty) -> list[Unit]:
    """The units whose internship reserves a period, in file order."""
    return [
        unit
        for programme in faculty.programmes
        for unit in programme.units
        if unit.internship is not None and unit.internship.reserves
    ]


def unit_dates(faculty: Faculty, unit: Unit) -> DateRange:
    """The dates a unit's internship may take: its window, else its semester, else the year."""
    programme = faculty.programme(unit.programme)
    span = unit.window or programme.semester(unit.semester) or faculty.calendar.year
    return span.intersect(faculty.calendar.year) or span


def candidates(faculty: Faculty, unit: Unit) -> list[DateRange]:
    """Every period the internship may take, in date order."""
    internship = unit.internship
    assert internship is not None
    if internship.dates is not None:
        return [internship.dates]
    weeks = internship.weeks or 0
    span = unit_dates(faculty, unit)
    monday = span.start + dt.timedelta(days=-span.start.weekday() % 7)
    found = []
    while monday + weeks * WEEK - dt.timedelta(days=1) <= span.end:
        found.append(DateRange(monday, monday + weeks * WEEK - dt.timedelta(days=1)))
        monday += WEEK
    return found


def period(faculty: Faculty, unit: Unit, cohort: str, solution: Solution) -> DateRange | None:
    """The earliest period of the internship that ``solution`` leaves free for ``cohort``."""
    taught = {
        placed.date
        for placed in solution.sessions
        if faculty.has("session", placed.session)
        and cohort in faculty.session(placed.session).cohorts
    }
    return next((c for c in candidates(faculty, unit) if not _any_in(taught, c)), None)


def _any_in(days: Iterable[dt.date], span: DateRange) -> bool:
    return any(day in span for day in days)


def periods(faculty: Faculty, solution: Solution) -> list[tuple[Unit, str, DateRange]]:
    """(unit, cohort, period) of every internship the calendar leaves room for."""
    found = []
    for unit in reserving_units(faculty):
        assert unit.internship is not None
        for cohort in unit.internship.cohorts:
            span = period(faculty, unit, cohort, solution)
            if span is not None:
                found.append((unit, cohort, span))
    return found


def internship_words(span: DateRange) -> str:
    """``stage du 01/03/2027 au 28/03/2027 : pas de cours``."""
    return f"stage du {french_date(span.start)} au {french_date(span.end)} : pas de cours"
