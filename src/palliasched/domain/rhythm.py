"""The rhythm of a cohort's regroupements, read on a calendar: runs of weeks without teaching.

A week is *open* when the programme can teach on one of its days within a teaching period
(closures and holidays close it); a run is a stretch of consecutive open weeks of one period
without the cohort taught, ended by a taught week or by the period's end. The independent
checker (``verify``), the soft-rule measures (``quality``) and the scorecard read runs here;
the solver states the same rule on its own.
"""

from __future__ import annotations

import datetime as dt

from palliasched.domain.calendar import DateRange, iso_week
from palliasched.domain.programme import Faculty, Programme

Week = tuple[int, int]


def open_weeks(faculty: Faculty, programme: Programme, period: DateRange) -> list[Week]:
    """The open weeks of ``period`` for ``programme``, in date order."""
    return sorted(
        {
            iso_week(day)
            for day in period.days()
            if day in faculty.calendar.year and faculty.no_teaching_reason(programme, day) is None
        }
    )


def empty_runs(
    faculty: Faculty, cohort_id: str, taught: set[Week]
) -> list[tuple[DateRange, list[Week]]]:
    """Each run of open weeks without teaching of the cohort, with the period it lies in."""
    programme = faculty.programme(faculty.cohort(cohort_id).programme)
    runs: list[tuple[DateRange, list[Week]]] = []
    for period in faculty.rhythm_periods(cohort_id):
        run: list[Week] = []
        for week in [*open_weeks(faculty, programme, period), None]:
            if week is not None and week not in taught:
                run.append(week)
                continue
            if run:
                runs.append((period, run))
            run = []
    return runs


def monday(week: Week) -> dt.date:
    return dt.date.fromisocalendar(week[0], week[1], 1)
