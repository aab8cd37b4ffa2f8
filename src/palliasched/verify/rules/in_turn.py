"""Groups taught in turn: all the groups of a session on one day."""

from __future__ import annotations

from palliasched.domain.calendar import french_date
from palliasched.domain.turns import by_turn
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks


@checks(HardRule.IN_TURN)
def in_turn(c: CheckerBase) -> None:
    for series, groups in sorted(by_turn(c.faculty, c.placed.values()).items()):
        dates = sorted({placed.date for placed in groups})
        if len(dates) > 1:
            c.add(
                "in-turn",
                f"the groups of '{series}' taught in turn are on "
                f"{', '.join(french_date(d) for d in dates)}, not on one day",
                sorted(placed.session for placed in groups),
                dates[-1],
            )
