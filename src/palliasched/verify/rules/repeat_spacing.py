"""Repeat spacing: the copies of a repeated session with a hard ``spacing`` kept apart."""

from __future__ import annotations

import datetime as dt

from palliasched.domain.calendar import french_date
from palliasched.domain.spacing import Spacing, too_close
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks
from palliasched.words import plural_en


@checks(HardRule.REPEAT_SPACING)
def repeat_spacing(c: CheckerBase) -> None:
    series: dict[str, tuple[Spacing, list[dt.date], list[str]]] = {}
    for placed in c.placed.values():
        spacing = c.spec(placed).spacing
        if spacing is not None and not spacing.soft:
            entry = series.setdefault(spacing.series, (spacing, [], []))
            entry[1].append(placed.date)
            entry[2].append(placed.session)
    for name, (spacing, dates, sessions) in sorted(series.items()):
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
