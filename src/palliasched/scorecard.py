"""A calendar judged as a coordinator judges it: rhythm, blocks, short visits, travel, hours.

Measured on any calendar (palliasched's, an imported grid, the published one) from its dates
alone, with the same solver-independent measures as ``quality`` and ``verify``; nothing is
read from the solver. ``palliasched score``, ``solve``'s summary and the workbook's "Qualité"
sheet show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from palliasched.domain.calendar import DateRange, french_date, iso_week
from palliasched.domain.programme import Faculty
from palliasched.domain.rhythm import empty_runs, monday
from palliasched.domain.solution import Solution
from palliasched.quality import (
    cohort_weeks,
    half_days,
    instructor_trips,
    site_changes,
)
from palliasched.verify import verify
from palliasched.words import plural, plural_en

Week = tuple[int, int]


@dataclass(frozen=True, slots=True)
class CohortScore:
    """One cohort's lines of the scorecard."""

    cohort: str
    name: str
    teaching_weeks: int
    periods: tuple[DateRange, ...]  # the teaching periods gaps are measured in
    longest_gap: int  # weeks in a row without teaching within the period, closures skipped
    longest_gap_from: dt.date | None  # the Monday it starts
    single_half_days: tuple[dt.date, ...]  # Mondays of weeks holding one half-day only
    split_units: tuple[tuple[str, int], ...]  # (UE code, blocks) of UEs in 2 blocks or more
    site_changes: tuple[dt.date, ...]  # days on another site than the day before
    hours_off: tuple[tuple[str, int, int], ...]  # (UE code, scheduled, declared minutes)
    units: int  # UEs with hours to schedule


@dataclass(frozen=True, slots=True)
class Scorecard:
    cohorts: tuple[CohortScore, ...]
    instructor_trips: int
    violations: int

    def lines(self) -> list[str]:
        """The scorecard in English, for the command line."""
        lines = []
        for c in self.cohorts:
            exact = f"exact ({plural_en(c.units, 'UE')})"
            within = f" within {' and '.join(map(str, c.periods))}" if c.periods else ""
            gap = plural_en(c.longest_gap, "week")
            if c.longest_gap_from is not None:
                gap += f" from {french_date(c.longest_gap_from)}"
            lines += [
                f"{c.name}:",
                f"  teaching weeks: {c.teaching_weeks}",
                f"  longest gap{within}: {gap}",
                f"  weeks of a single half-day: {_counted(c.single_half_days)}",
                f"  UEs in several blocks: {_blocks(c.split_units, 'blocks') or 'none'}",
                f"  site changes on consecutive days: {_counted(c.site_changes)}",
                f"  hours scheduled vs declared: {_hours(c, exact)}",
            ]
        lines.append(f"Instructor trips: {self.instructor_trips}")
        lines.append(f"Hard-rule violations: {self.violations}")
        return lines

    def rows(self) -> list[tuple[str, str, str]]:
        """The scorecard in French, for the workbook: (promotion, critère, valeur)."""
        rows = []
        for c in self.cohorts:
            gap = plural(c.longest_gap, "semaine")
            if c.longest_gap_from is not None:
                gap += f" à partir du {french_date(c.longest_gap_from)}"
            if c.periods:
                spans = ", ".join(
                    f"du {french_date(p.start)} au {french_date(p.end)}" for p in c.periods
                )
                gap += f" ({'période' if len(c.periods) == 1 else 'périodes'} {spans})"
            rows += [
                (c.name, "Semaines de cours (regroupements)", str(c.teaching_weeks)),
                (c.name, "Plus long intervalle sans cours", gap),
                (
                    c.name,
                    "Semaines d'une seule demi-journée",
                    _dates(c.single_half_days, "semaine du ") or "aucune",
                ),
                (c.name, "UE en plusieurs blocs", _blocks(c.split_units, "blocs") or "aucune"),
                (
                    c.name,
                    "Changements de site d'un jour à l'autre",
                    _dates(c.site_changes) or "aucun",
                ),
                (c.name, "Heures planifiées / déclarées", _hours(c, f"conformes ({c.units} UE)")),
            ]
        rows.append(("Toutes", "Déplacements des intervenants", str(self.instructor_trips)))
        rows.append(("Toutes", "Règles impératives enfreintes", str(self.violations)))
        return rows


def score(faculty: Faculty, solution: Solution) -> Scorecard:
    """The scorecard of ``solution``, a calendar of ``faculty``."""
    weeks = cohort_weeks(faculty, solution)
    halves = half_days(faculty, solution)
    changes = site_changes(faculty, solution)
    cohorts = []
    for programme in faculty.programmes:
        for cohort in programme.cohorts:
            taught = weeks.get(cohort.id, set())
            runs = [run for _, run in empty_runs(faculty, cohort.id, taught)]
            longest = max(runs, key=len, default=[])
            singles = [w for w, n in halves.get(cohort.id, {}).items() if n == 1]
            # The UEs it attends, and its own hours of each (a part, for double-enrolled ones).
            units = [
                u
                for u in programme.units
                if u.internship is None
                and any(cohort.id in spec.cohorts for spec in programme.sessions_of(u.id))
            ]
            scheduled = minutes_per_unit(faculty, solution, cohort.id)
            cohorts.append(
                CohortScore(
                    cohort.id,
                    cohort.name,
                    len(taught),
                    faculty.rhythm_periods(cohort.id),
                    len(longest),
                    monday(longest[0]) if longest else None,
                    tuple(monday(w) for w in sorted(singles)),
                    tuple(
                        (u.code, n)
                        for u in units
                        if (n := _blocks_of(faculty, solution, u.id, sorted(taught))) > 1
                    ),
                    tuple(changes.get(cohort.id, ())),
                    tuple(
                        (u.code, scheduled.get(u.id, 0), u.presence_of(cohort.id))
                        for u in units
                        if scheduled.get(u.id, 0) != u.presence_of(cohort.id)
                    ),
                    len(units),
                )
            )
    trips = sum(instructor_trips(solution).values())
    return Scorecard(tuple(cohorts), trips, len(verify(faculty, solution)))


def _blocks_of(faculty: Faculty, solution: Solution, unit_id: str, taught: list[Week]) -> int:
    """Runs of consecutive regroupements (of the cohort's teaching weeks) holding the UE."""
    weeks = {
        iso_week(placed.date)
        for placed in solution.sessions
        if faculty.has("session", placed.session)
        and faculty.session(placed.session).unit == unit_id
    }
    flags = [week in weeks for week in taught]
    return sum(1 for n, on in enumerate(flags) if on and (n == 0 or not flags[n - 1]))


def minutes_per_unit(
    faculty: Faculty, solution: Solution, cohort_id: str | None = None
) -> dict[str, int]:
    """Counted minutes per UE of the sessions the calendar places (each session once), or of
    those ``cohort_id`` attends."""
    minutes: dict[str, int] = {}
    for placed in solution.sessions:
        if not faculty.has("session", placed.session):
            continue
        spec = faculty.session(placed.session)
        if spec.unit is not None and (cohort_id is None or cohort_id in spec.cohorts):
            counted = faculty.programme(spec.programme).counted_minutes(spec)
            minutes[spec.unit] = minutes.get(spec.unit, 0) + counted
    return minutes


def _counted(days: tuple[dt.date, ...]) -> str:
    return f"{len(days)} ({_dates(days)})" if days else "0"


def _dates(days: tuple[dt.date, ...], prefix: str = "") -> str:
    return ", ".join(prefix + french_date(d) for d in days)


def _blocks(units: tuple[tuple[str, int], ...], word: str) -> str:
    return ", ".join(f"{code} ({n} {word})" for code, n in units)


def _hours(c: CohortScore, exact: str) -> str:
    if not c.hours_off:
        return exact
    return ", ".join(f"{code} {done / 60:g} h / {due / 60:g} h" for code, done, due in c.hours_off)
