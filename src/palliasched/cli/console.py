"""The two consoles of the command line, and what they print besides results: the summary
of a programme and its problems."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from palliasched.domain.calendar import format_hours, french_date
from palliasched.domain.programme import Faculty, Programme
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.errors import Problem, Severity
from palliasched.words import plural

if TYPE_CHECKING:
    pass


def _console_width() -> int | None:
    """COLUMNS when set; else the terminal's, or 120 for a file or a pipe (rich's 80 squeezes
    the summary table)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if sys.stdout.isatty() else 120


# Sentences are never wrapped by us (a pipe gets whole lines); no emoji codes, no highlighting:
# user text such as "error-on-line-100.yaml:100:5" prints as it is.
out = Console(
    highlight=False, emoji=False, width=_console_width(), soft_wrap=not sys.stdout.isatty()
)
err = Console(stderr=True, highlight=False, emoji=False, soft_wrap=True)


def print_summary(faculty: Faculty) -> None:
    calendar = faculty.calendar
    out.print(
        f"[bold]Année universitaire {calendar.year}[/bold] — "
        f"{len(calendar.public_holidays)} jours fériés ({calendar.holiday_region}), "
        f"{plural(len(calendar.closures), 'fermeture')}"
    )
    for programme in faculty.programmes:
        cohorts = ", ".join(f"{c.name} ({c.size})" for c in programme.cohorts)
        out.print(f"\n[bold]{escape(programme.title)}[/bold] ({programme.id}) — {escape(cohorts)}")
        out.print(
            f"  sites: {', '.join(faculty.site(s).name for s in programme.sites)}; "
            f"créneaux: {programme.slots.describe('journée')}"
        )
        _print_regroupements(programme)
        table = Table(show_edge=False, pad_edge=False)
        for column in ("UE", "Titre", "Sem.", "ECTS", "Total", "Présentiel", "Séances", "Planifié"):
            table.add_column(column, justify="right" if column != "Titre" else "left")
        for unit in programme.units:
            sessions = programme.sessions_of(unit.id)
            if unit.internship is not None:
                planned = f"stage {unit.internship.min_days}-{unit.internship.max_days} j"
            else:
                minutes = programme.scheduled_minutes(unit.id)
                planned = format_hours(minutes)
                if minutes != unit.presence_minutes:
                    planned = f"[red]{planned}[/red]"
            table.add_row(
                unit.code,
                unit.title,
                unit.semester,
                "" if unit.ects is None else f"{unit.ects:g}",
                format_hours(unit.total_minutes),
                format_hours(unit.presence_minutes),
                str(len(sessions)),
                planned,
            )
        other = programme.sessions_of(None)
        if other:
            table.add_row(
                "—",
                "hors UE: " + ", ".join(s.title for s in other),
                "",
                "",
                "",
                "",
                str(len(other)),
                "",
            )
        out.print(table)
        n_sessions = len(programme.sessions)
        out.print(f"  {len(programme.units)} UE, {n_sessions} séances")
    used = {i for s in faculty.sessions for i in s.candidate_instructors}
    out.print(
        f"\n{plural(len(faculty.programmes), 'programme')}, "
        f"{sum(len(p.units) for p in faculty.programmes)} UE, "
        f"{sum(len(p.sessions) for p in faculty.programmes)} séances, "
        f"{len(faculty.instructors)} intervenants ({len(used)} avec séances), "
        f"{plural(len(faculty.rooms), 'salle')} sur {plural(len(faculty.sites), 'site')}"
    )


def print_problems(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        style = "red" if problem.severity is Severity.ERROR else "yellow"
        err.print(f"[{style}]{escape(str(problem))}[/{style}]")


def _print_regroupements(programme: Programme) -> None:
    out.print(f"  regroupements: {escape(_regroupements(programme, programme.teaching_weeks))}")
    for cohort in programme.cohorts:
        if cohort.teaching_weeks is not None:
            own = _regroupements(programme, cohort.teaching_weeks)
            out.print(f"    {escape(cohort.name)}: {escape(own)}")


def _regroupements(programme: Programme, rules: TeachingWeekRules) -> str:
    """Teaching-week rules of a programme (or of one of its cohorts), in the coordinators'
    words."""
    parts = [f"{plural(rules.max_days, 'jour')} au plus"]
    if rules.min_weeks_between > 1:
        parts.append(f"{plural(rules.min_weeks_between, 'semaine')} au moins entre deux")
    if rules.max_per_semester is not None:
        parts.append(f"au plus {rules.max_per_semester} par semestre")
    periods = ", ".join(
        f"{french_date(p.start)}-{french_date(p.end)}" for p in programme.rhythm_periods(rules)
    )
    if rules.max_gap_weeks is not None:
        parts.append(f"jamais plus de {plural(rules.max_gap_weeks, 'semaine')} sans ({periods})")
    if rules.every_weeks is not None:
        parts.append(f"un toutes les {rules.every_weeks} semaines si possible")
    parts.append(f"au moins {plural(rules.min_half_days, 'demi-journée')} chacun si possible")
    return "; ".join(parts)
