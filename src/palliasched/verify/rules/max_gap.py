"""Max gap: no run of more than ``max_gap_weeks`` open weeks of the teaching period without a
regroupement of the cohort (weeks the programme is closed are skipped, not counted)."""

from __future__ import annotations

from palliasched.domain.calendar import french_date, iso_week
from palliasched.domain.rhythm import empty_runs, monday
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
        for cohort in programme.cohorts:
            limit = programme.week_rules(cohort.id).max_gap_weeks
            if limit is None:
                continue
            for period, run in empty_runs(c.faculty, cohort.id, taught.get(cohort.id, set())):
                if len(run) > limit:
                    c.add(
                        "max-gap",
                        f"{cohort.name} has no regroupement for {plural_en(len(run), 'week')} "
                        f"from the week of {french_date(monday(run[0]))} "
                        f"(at most {plural_en(limit, 'week')} within {period})",
                    )
