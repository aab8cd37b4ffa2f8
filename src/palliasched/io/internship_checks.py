"""Validation of an internship's reserved period: cohorts that exist, and room for it."""

from __future__ import annotations

from palliasched.domain.internships import candidates, unit_dates
from palliasched.domain.programme import Faculty, Programme, Unit
from palliasched.errors import Severity, did_you_mean
from palliasched.io.locations import Report
from palliasched.words import plural_en

WORKDAYS_A_WEEK = 5


def check_internship(faculty: Faculty, programme: Programme, unit: Unit, report: Report) -> None:
    internship = unit.internship
    if internship is None or not internship.reserves:
        return
    own = [c.id for c in programme.cohorts]
    for cohort in internship.cohorts:
        if cohort not in own:
            report(
                "unit",
                unit.id,
                f"internship names cohort '{cohort}', not a cohort of {programme.id}",
                field="internship.cohorts",
                hint=did_you_mean(cohort, own),
            )
    span = unit_dates(faculty, unit)
    if internship.dates is not None and not internship.dates.within(span):
        report(
            "unit",
            unit.id,
            f"internship dates {internship.dates} are outside the unit's dates {span}",
            field="internship.dates",
            hint="move them into the unit's window or semester",
        )
    elif internship.weeks is not None and not candidates(faculty, unit):
        report(
            "unit",
            unit.id,
            f"{plural_en(internship.weeks, 'week')} of internship do not fit in the unit's "
            f"dates {span}",
            field="internship.weeks",
            hint="lower weeks, or widen the unit's window",
        )
    if internship.weeks is not None and internship.weeks * WORKDAYS_A_WEEK < internship.min_days:
        report(
            "unit",
            unit.id,
            f"{plural_en(internship.weeks, 'week')} hold "
            f"{internship.weeks * WORKDAYS_A_WEEK} working days, fewer than min_days "
            f"({internship.min_days})",
            field="internship.weeks",
            severity=Severity.WARNING,
            hint="reserve enough weeks for the internship's days",
        )
