"""Max gap: no run of more than ``max_gap_weeks`` open weeks of the teaching period without a
regroupement of the cohort (weeks the programme is closed are skipped, not counted)."""

from __future__ import annotations

import datetime as dt

from palliasched.domain.calendar import DateRange, french_date, iso_week
from palliasched.domain.programme import Programme
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks
from palliasched.words import plural_en


@checks(HardRule.MAX_GAP)
def max_gap(c: CheckerBase) -> None:
    taught: dict[str, set[tuple[int, int]]] = {}
    for placed in c.placed.values():
        for cohort_id in c.spec(placed).cohorts:
            taught.setdefault(cohort_id, set()).add(iso_week(placed.date))
    for programme in c.faculty.programmes:
        limit = programme.teaching_weeks.max_gap_weeks
        if limit is None:
            continue
        for period in programme.rhythm_periods:
            _period(c, programme, period, limit, taught)


def _period(
    c: CheckerBase,
    programme: Programme,
    period: DateRange,
    limit: int,
    taught: dict[str, set[tuple[int, int]]],
) -> None:
    open_weeks: list[tuple[int, int]] = []
    for day in period.days():
        closed = c.faculty.no_teaching_reason(programme, day) is not None
        if day in c.faculty.calendar.year and not closed and iso_week(day) not in open_weeks:
            open_weeks.append(iso_week(day))
    for cohort in programme.cohorts:
        run: list[tuple[int, int]] = []
        for week in [*open_weeks, None]:
            if week is not None and week not in taught.get(cohort.id, set()):
                run.append(week)
                continue
            if len(run) > limit:
                start = dt.date.fromisocalendar(run[0][0], run[0][1], 1)
                c.add(
                    "max-gap",
                    f"{cohort.name} has no regroupement for {plural_en(len(run), 'week')} "
                    f"from the week of {french_date(start)} "
                    f"(at most {plural_en(limit, 'week')} within {period})",
                )
            run = []
