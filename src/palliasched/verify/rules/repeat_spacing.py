"""Repeat spacing: the copies of a repeated session with a hard ``spacing`` kept apart."""

from __future__ import annotations

from palliasched.domain.calendar import french_date
from palliasched.domain.spacing import by_series, too_close
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks
from palliasched.words import plural_en


@checks(HardRule.REPEAT_SPACING)
def repeat_spacing(c: CheckerBase) -> None:
    for name, (spacing, copies) in sorted(by_series(c.faculty, c.placed.values(), False).items()):
        dates = [placed.date for placed in copies]
        sessions = [placed.session for placed in copies]
        near, same_week = too_close(spacing, dates)
        for day in near:
            c.add(
                "repeat-spacing",
                f"two sessions '{name}' fewer than "
                f"{plural_en(spacing.min_days_between, 'day')} apart (on {french_date(day)})",
                sorted(sessions),
                day,
            )
        for day in same_week:
            c.add(
                "repeat-spacing",
                f"two sessions '{name}' in the regroupement of {french_date(day)} "
                "(one per regroupement)",
                sorted(sessions),
                day,
            )
