"""Validation of the hours each cohort attends: a cohort attending only part of a UE says so.

A UE's sessions make its presence hours (``validation.py``); a cohort that attends only some
of them (double-enrolled students) declares its own under ``cohort_hours``, and its sessions
must make them. A cohort attending part of a UE without saying so is a warning: most often a
session that forgot it in its ``cohorts``.
"""

from __future__ import annotations

from palliasched.domain.calendar import format_hours
from palliasched.domain.programme import Faculty, Programme, Unit
from palliasched.errors import Severity, did_you_mean
from palliasched.io.locations import Report


def check_cohort_hours(faculty: Faculty, programme: Programme, unit: Unit, report: Report) -> None:
    attending = sorted({c for s in programme.sessions_of(unit.id) for c in s.cohorts})
    for cohort_id, declared in unit.cohort_minutes:
        if cohort_id not in attending:
            report(
                "unit",
                unit.id,
                f"cohort_hours names '{cohort_id}', which attends none of its sessions",
                field=f"cohort_hours.{cohort_id}",
                hint=did_you_mean(cohort_id, attending),
            )
            continue
        attended = programme.scheduled_minutes(unit.id, cohort_id)
        if attended != declared:
            report(
                "unit",
                unit.id,
                f"{faculty.cohort(cohort_id).name} is declared {format_hours(declared)} of it, "
                f"but the sessions it attends count {format_hours(attended)}",
                field=f"cohort_hours.{cohort_id}",
                hint="add the cohort to the sessions it attends, or correct its hours",
            )
    own = dict(unit.cohort_minutes)
    for cohort_id in attending:
        if cohort_id in own or not faculty.has("cohort", cohort_id):
            continue
        attended = programme.scheduled_minutes(unit.id, cohort_id)
        if attended != unit.presence_minutes and unit.presence_minutes > 0:
            report(
                "unit",
                unit.id,
                f"{faculty.cohort(cohort_id).name} attends {format_hours(attended)} of its "
                f"{format_hours(unit.presence_minutes)}",
                field="cohort_hours",
                hint=f"write cohort_hours: {{{cohort_id}: {attended / 60:g}}} if that is "
                "intended, or add the cohort to the sessions it misses",
                severity=Severity.WARNING,
            )
