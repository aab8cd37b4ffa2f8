"""The independent checker: every hard rule, re-derived from the programme, for any calendar.

It imports neither the solver nor OR-Tools, so that a modelling bug cannot hide itself: every
calendar the solver returns, and every hand-made grid, is judged here. Each finding's id
belongs to one rule of the catalogue (``palliasched.rules``).
"""

from __future__ import annotations

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.rules import CATALOGUE
from palliasched.verify import rules as _rules  # noqa: F401  (registers verify/rules/)
from palliasched.verify.base import RULE_CHECKS, Violation
from palliasched.verify.sessions import SessionChecks
from palliasched.verify.together import TogetherChecks
from palliasched.verify.weeks import WeekChecks


def verify(faculty: Faculty, solution: Solution) -> list[Violation]:
    """Every violation of a hard rule by ``solution`` (empty when the calendar is valid)."""
    return _Checker(faculty, solution).run()


class _Checker(SessionChecks, TogetherChecks, WeekChecks):
    def run(self) -> list[Violation]:
        self._each_session_once()
        for placed in self.placed.values():
            self._placement(placed)
        self._unit_hours()
        self._clashes()
        self._one_site_a_day()
        self._precedences()
        self._teaching_weeks()
        self._instructor_week_limits()
        for info in CATALOGUE:  # the checks of verify/rules/, in catalogue order
            if info.id in RULE_CHECKS:
                RULE_CHECKS[info.id](self)  # type: ignore[index]
        return self.found


__all__ = ["Violation", "verify"]
