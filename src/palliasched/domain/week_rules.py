"""The rules of a cohort's regroupements (teaching weeks), as a programme or a cohort writes
them."""

from __future__ import annotations

from dataclasses import dataclass

from palliasched.domain.calendar import DateRange


@dataclass(frozen=True, slots=True)
class TeachingWeekRules:
    """Bounds on regroupements: consecutive teaching days of a cohort within one week."""

    max_days: int = 5
    min_weeks_between: int = 1
    max_per_semester: int | None = None
    periods: tuple[DateRange, ...] = ()  # the rhythm's teaching periods (none: the semesters')
    max_gap_weeks: int | None = None  # hard: weeks in a row without teaching
    every_weeks: int | None = None  # soft: the rhythm wanted
    min_half_days: int = 2  # soft: the fewest half-days a teaching week holds

    def keeps_rhythm(self, rhythm_weight: int) -> bool:
        """True when where the regroupements lie in the year matters: a longest gap, or a
        rhythm wanted that has a weight."""
        return self.max_gap_weeks is not None or (
            self.every_weeks is not None and rhythm_weight > 0
        )
