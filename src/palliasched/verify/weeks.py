"""Checks of the teaching weeks: regroupements of cohorts, instructors' weekly limits."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from palliasched.domain.calendar import french_date, iso_week
from palliasched.domain.programme import Programme
from palliasched.verify.base import CheckerBase
from palliasched.words import plural_en


class WeekChecks(CheckerBase):
    # --- teaching weeks --------------------------------------------------------------------------

    def _teaching_weeks(self) -> None:
        attended: dict[str, set[dt.date]] = defaultdict(set)
        for placed in self.placed.values():
            for cohort_id in self.spec(placed).cohorts:
                attended[cohort_id].add(placed.date)
        for programme in self.faculty.programmes:
            for cohort in programme.cohorts:
                self._cohort_weeks(programme, cohort.name, sorted(attended[cohort.id]))

    def _cohort_weeks(self, programme: Programme, cohort: str, days: list[dt.date]) -> None:
        rules = programme.teaching_weeks
        weeks: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        for day in days:
            weeks[iso_week(day)].append(day)
        for week_days in weeks.values():
            first, last = week_days[0], week_days[-1]
            span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            gaps = [
                d
                for d in span
                if d not in week_days and self.faculty.no_teaching_reason(programme, d) is None
            ]
            if gaps:
                self.add(
                    "regroupement-gap",
                    f"{cohort}: the teaching days of the week of "
                    f"{french_date(first)} are not consecutive (no session on "
                    f"{', '.join(french_date(d) for d in gaps)})",
                    [],
                    first,
                )
            if len(week_days) > rules.max_days:
                self.add(
                    "regroupement-too-long",
                    f"{cohort}: {len(week_days)} teaching days in "
                    f"the week of {french_date(first)}, at most {rules.max_days}",
                    [],
                    first,
                )
        mondays = sorted(dt.date.fromisocalendar(year, week, 1) for year, week in weeks)
        for previous, current in itertools.pairwise(mondays):
            apart = (current - previous).days // 7
            if apart < rules.min_weeks_between:
                self.add(
                    "regroupement-spacing",
                    f"{cohort}: regroupements of the weeks of "
                    f"{french_date(previous)} and {french_date(current)} are "
                    f"{plural_en(apart, 'week')} "
                    f"apart, at least {rules.min_weeks_between}",
                    [],
                    current,
                )
        if rules.max_per_semester is not None:
            for name, semester in programme.semesters:
                count = sum(
                    1 for monday in mondays if any(d in semester for d in weeks[iso_week(monday)])
                )
                if count > rules.max_per_semester:
                    self.add(
                        "regroupements-per-semester",
                        f"{cohort}: {count} regroupements in "
                        f"{name}, at most {rules.max_per_semester}",
                        [],
                    )

    def _instructor_week_limits(self) -> None:
        days: dict[tuple[str, tuple[int, int]], set[dt.date]] = defaultdict(set)
        for placed in self.placed.values():
            for instructor_id in placed.instructors:
                days[(instructor_id, iso_week(placed.date))].add(placed.date)
        for (instructor_id, _), taught in sorted(days.items()):
            if not self.faculty.has("instructor", instructor_id):
                continue
            instructor = self.faculty.instructor(instructor_id)
            limit = instructor.max_days_per_week
            if limit is not None and len(taught) > limit:
                first = min(taught)
                self.add(
                    "instructor-week-limit",
                    f"{instructor.name} teaches {len(taught)} days "
                    f"in the week of {french_date(first)}, at most {limit}",
                    [],
                    first,
                )
