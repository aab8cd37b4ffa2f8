"""What every check of the independent checker shares: the findings and the helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from palliasched.domain.programme import Faculty, Programme, SessionSpec
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.rules import HardRule, check_owner

Interval = tuple[dt.time, dt.time]


@dataclass(frozen=True, slots=True)
class Violation:
    """A hard rule the calendar breaks. ``rule`` is a stable identifier of the finding (one of
    a catalogued rule's ``checks``), ``message`` a sentence."""

    rule: str
    message: str
    sessions: tuple[str, ...] = ()
    date: dt.date | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"

    @property
    def hard_rule(self) -> HardRule:
        """The catalogued rule this finding reports broken."""
        return check_owner(self.rule)


class CheckerBase:
    def __init__(self, faculty: Faculty, solution: Solution) -> None:
        self.faculty = faculty
        self.solution = solution
        self.found: list[Violation] = []
        # Only sessions the programme knows, placed once, take part in the cross-session rules.
        self.placed: dict[str, ScheduledSession] = {}
        self._intervals: dict[tuple[str, tuple[str, ...]], list[Interval]] = {}

    def add(
        self, rule: str, message: str, sessions: Iterable[str] = (), day: dt.date | None = None
    ) -> None:
        check_owner(rule)  # every finding belongs to a catalogued rule
        self.found.append(Violation(rule, message, tuple(sessions), day))

    # --- helpers -----------------------------------------------------------------------------

    def spec(self, placed: ScheduledSession) -> SessionSpec:
        return self.faculty.session(placed.session)

    def programme(self, placed: ScheduledSession) -> Programme:
        return self.faculty.programme(self.spec(placed).programme)

    def name(self, placed: ScheduledSession) -> str:
        spec = self.spec(placed)
        if spec.unit is None:
            return spec.title or spec.id
        unit = self.faculty.unit(spec.unit)
        return f"{unit.code} {spec.title}".strip() if spec.title else unit.label

    def display(self, kind: str, entry_id: str) -> str:
        """The display name of a cohort or instructor (its id if the programme lacks it)."""
        if kind == "cohort" and self.faculty.has("cohort", entry_id):
            return self.faculty.cohort(entry_id).name
        if kind == "instructor" and self.faculty.has("instructor", entry_id):
            return self.faculty.instructor(entry_id).name
        return entry_id

    def intervals(self, placed: ScheduledSession) -> list[Interval]:
        programme = self.programme(placed)
        key = (programme.id, placed.slots)
        if key not in self._intervals:
            template = programme.slots
            self._intervals[key] = [(s.start, s.end) for s in template.placed(placed.slots)]
        return self._intervals[key]

    def start(self, placed: ScheduledSession) -> tuple[dt.date, dt.time]:
        return placed.date, min(start for start, _ in self.intervals(placed))

    def end(self, placed: ScheduledSession) -> tuple[dt.date, dt.time]:
        return placed.date, max(end for _, end in self.intervals(placed))


RuleCheck = Callable[[CheckerBase], None]
# The checks of ``verify/rules/``, one module per rule, run after the built-in ones.
RULE_CHECKS: dict[HardRule, RuleCheck] = {}


def checks(rule: HardRule) -> Callable[[RuleCheck], RuleCheck]:
    """Register a module of ``verify/rules/`` as the check of ``rule``."""

    def register(check: RuleCheck) -> RuleCheck:
        RULE_CHECKS[rule] = check
        return check

    return register
