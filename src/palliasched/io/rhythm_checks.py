"""Validation of the rhythm of regroupements: a programme's, and each cohort's own."""

from __future__ import annotations

from palliasched.domain.programme import Faculty, Programme
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.errors import Severity
from palliasched.io.locations import Report


def check_rhythm(faculty: Faculty, programme: Programme, report: Report) -> None:
    """Its rhythm, and each rhythm a cohort has of its own, checked the same way."""
    _check_rules(faculty, programme.teaching_weeks, report, programme.id, "")
    for n, cohort in enumerate(programme.cohorts):
        if cohort.teaching_weeks is not None:
            # Located from the programme: the cohort's entry lies within it.
            where = f"cohorts.{n}."
            _check_rules(faculty, cohort.teaching_weeks, report, programme.id, where)


def _check_rules(
    faculty: Faculty,
    rules: TeachingWeekRules,
    report: Report,
    programme_id: str,
    prefix: str,
) -> None:
    """Teaching periods within the year and apart; a rhythm its longest gap makes moot."""
    year = faculty.calendar.year
    periods = sorted(rules.periods, key=lambda p: p.start)
    for n, period in enumerate(periods):
        if not period.within(year):
            report(
                "programme",
                programme_id,
                f"teaching period {period} is outside the academic year {year}",
                field=f"{prefix}teaching_weeks.periods.{rules.periods.index(period)}",
                hint="teaching periods must lie within calendar.academic_year",
            )
        if n and period.start <= periods[n - 1].end:
            report(
                "programme",
                programme_id,
                f"teaching periods {periods[n - 1]} and {period} overlap",
                field=f"{prefix}teaching_weeks.periods",
                hint="a week belongs to one teaching period: make them follow each other",
            )
    every, gap = rules.every_weeks, rules.max_gap_weeks
    if every is not None and gap is not None and every - 1 > gap:
        report(
            "programme",
            programme_id,
            f"teaching_weeks.every_weeks is {every} but max_gap_weeks is {gap}: no calendar "
            f"leaves {every - 1} weeks without teaching, so the rhythm wanted never costs anything",
            field=f"{prefix}teaching_weeks.every_weeks",
            hint=f"write every_weeks: {gap + 1} or less, or raise max_gap_weeks",
            severity=Severity.WARNING,
        )
