"""Micro cases of every catalogued hard rule, on ``fixtures/micro.yaml`` (four sessions).

Each case makes its rule bite in three ways, as cpsat-primer tests each constraint:
- ``possible``: edits that set the rule and still leave calendars (the solver finds one, the
  checker accepts it);
- ``impossible``: edits after which no calendar exists *because of this rule* (the minimal
  conflict the solver explains names it);
- ``broken``: edits and a change to ``BASE`` (a valid calendar of the micro programme) that
  break the rule (the independent checker reports one of the rule's findings).

An edit is a function of the programme text; ``session``, ``instructor`` and ``weeks`` write
one field into an entry. ``tests/test_rule_catalogue.py`` runs them and fails when a
catalogued hard rule has no case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from palliasched import ScheduledSession, Solution
from palliasched.rules import HardRule

from .conftest import FIXTURES

MICRO = (FIXTURES / "micro.yaml").read_text(encoding="utf-8")
Edit = Callable[[str], str]


def _entry(prefix: str, fields: str) -> Edit:
    """Add ``fields`` to the one-line entry that starts with ``prefix``."""

    def edit(text: str) -> str:
        pattern = re.compile(r"(\{" + re.escape(prefix) + r"(?:[^{}]|\{[^{}]*\})*)\}")
        assert len(pattern.findall(text)) == 1, prefix
        return pattern.sub(lambda m: f"{m.group(1)}, {fields}}}", text)

    return edit


def cohort(cohort_id: str, fields: str) -> Edit:
    return _entry(f"id: {cohort_id},", fields)


def session(session_id: str, fields: str) -> Edit:
    return _entry(f"id: {session_id},", fields)


def _set(entry_id: str, key: str, value: str) -> Edit:
    """Set ``key``, already written in the one-line entry ``entry_id``, to ``value``."""
    return lambda text: re.sub(
        rf"(\{{id: {re.escape(entry_id)},[^}}]*{key}: )[\w-]+", rf"\g<1>{value}", text
    )


def length(session_id: str, value: str) -> Edit:
    """A session's length (a slot of the template, or the full day) set to ``value``."""
    return _set(session_id, "length", value)


def capacity(room_id: str, seats: int) -> Edit:
    return _set(room_id, "capacity", str(seats))


def instructor(instructor_id: str, fields: str) -> Edit:
    return _entry(f"id: {instructor_id},", fields)


def weeks(programme: str, fields: str) -> Edit:
    """Teaching-week rules of a programme ('du' or 'dx')."""

    def edit(text: str) -> str:
        cohort = f"      - {{id: {programme}-c,"
        head, tail = text.split(cohort, 1)
        line, rest = tail.split("\n    teaching_weeks: {max_days: 5}", 1)
        return f"{head}{cohort}{line}\n    teaching_weeks: {{{fields}}}{rest}"

    return edit


def unit(code: str, fields: str) -> Edit:
    """Add ``fields`` (one ``key: value`` per line) to the unit whose code is ``code``."""

    def edit(text: str) -> str:
        line = f"        code: {code}\n"
        assert text.count(line) == 1, code
        added = "".join(f"        {field.strip()}\n" for field in fields.split(","))
        return text.replace(line, line + added)

    return edit


def write_micro(text: str, folder: Path) -> Path:
    """The micro programme, edited, as ``folder/micro.yaml``."""
    path = folder / "micro.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def apply(edits: tuple[Edit, ...], text: str = MICRO) -> str:
    for edit in edits:
        text = edit(text)
    return text


def _placed(
    session_id: str, day: int, slot: str, instructor_id: str, room: str, site: str
) -> ScheduledSession:
    return ScheduledSession(
        session_id, dt.date(2027, 1, day), (slot,), (instructor_id,), (room,), site
    )


# A valid calendar of the micro programme: DU on Tue 5 and Wed 6, DX on Thu 7, DU again on
# Tue 19 January (S2).
BASE = Solution(
    (
        _placed("u1-a", 5, "matin", "ana", "p1", "paris"),
        _placed("u1-b", 6, "matin", "ben", "p1", "paris"),
        _placed("x1-a", 7, "matin", "ben", "p1", "paris"),
        _placed("u2-a", 19, "matin", "ana", "p1", "paris"),
    )
)


def moved(
    session_id: str, day: int | None = None, **changes: object
) -> Callable[[Solution], Solution]:
    """BASE with one session moved (``day`` is a day of January 2027) or otherwise changed."""
    if day is not None:
        changes = {**changes, "date": dt.date(2027, 1, day)}

    def change(solution: Solution) -> Solution:
        return Solution(
            tuple(
                replace(s, **changes) if s.session == session_id else s  # type: ignore[arg-type]
                for s in solution.sessions
            )
        )

    return change


def unchanged(solution: Solution) -> Solution:
    return solution


def dropped(session_id: str) -> Callable[[Solution], Solution]:
    def change(solution: Solution) -> Solution:
        return Solution(tuple(s for s in solution.sessions if s.session != session_id))

    return change


@dataclass(frozen=True)
class RuleCase:
    rule: HardRule
    possible: tuple[Edit, ...]
    impossible: tuple[Edit, ...]
    broken: Callable[[Solution], Solution]
    broken_edits: tuple[Edit, ...] = ()


def pinned(session_id: str, day: int) -> Edit:
    return session(session_id, f"date: 2027-01-{day:02d}")


# UE 1's first session taught twice (its hours to match).
TWICE: tuple[Edit, ...] = (
    session("u1-a", "count: 2"),
    lambda t: t.replace(
        "total_hours: 22\n        presence_hours: 8", "total_hours: 22\n        presence_hours: 12"
    ),
)


# Paris and Brest five hours apart: an afternoon in one leaves no evening to reach the other
# (18:00 + 5 h > 22:00), nor does a morning (07:00 + 5 h > 09:30).
def travel(text: str) -> str:
    return text + "travel:\n  times:\n    - {between: [paris, brest], minutes: 300}\n"


def stage(fields: str) -> Edit:
    """DU's UE 3, an internship in S1 (two weeks: 4-17 January) reserving ``fields``."""

    def edit(text: str) -> str:
        unit = (
            "      - id: u3\n        code: UE 3\n        title: Stage\n        total_hours: 22\n"
            "        presence_hours: 0\n        semester: S1\n"
            f"        internship: {{min_days: 5, max_days: 5, {fields}}}\n"
        )
        return text.replace("  - id: dx\n", unit + "  - id: dx\n")

    return edit


# UE 1's first session taught to two half-groups in turn (ids u1-a-g1, u1-a-g2).
IN_TURN = session("u1-a", "rooms: {groups: 2, in_turn: true}")


CASES: tuple[RuleCase, ...] = (
    RuleCase(
        HardRule.HOURS,
        possible=(),
        # Sixteen mornings of UE 2 in the fifteen weekdays of S2.
        impossible=(
            session("u2-a", "count: 16"),
            lambda t: t.replace(
                "total_hours: 22\n        presence_hours: 4\n        semester: S2",
                "total_hours: 88\n        presence_hours: 64\n        semester: S2",
            ),
        ),
        broken=dropped("u1-b"),
    ),
    RuleCase(
        HardRule.WINDOW,
        possible=(session("u2-a", "window: {start: 2027-01-25, end: 2027-01-29}"),),
        impossible=(
            session("u2-a", "window: {start: 2027-01-25, end: 2027-01-25}"),
            session("u2-a", "count: 2"),
            lambda t: t.replace(
                "presence_hours: 4\n        semester: S2", "presence_hours: 8\n        semester: S2"
            ),
        ),
        broken=moved("u2-a", day=12),
    ),
    RuleCase(
        HardRule.AVAILABILITY,
        possible=(instructor("ana", "unavailable: [{start: 2027-01-04, end: 2027-01-08}]"),),
        impossible=(instructor("ana", "unavailable: [{start: 2027-01-18, end: 2027-02-05}]"),),
        broken=unchanged,
        broken_edits=(instructor("ana", "unavailable: [2027-01-05]"),),
    ),
    RuleCase(
        HardRule.WEEKDAYS,
        possible=(instructor("ana", "weekdays: [tue, thu]"),),
        impossible=(
            instructor("ana", "weekdays: [thu]"),
            session("u2-a", "window: {start: 2027-01-18, end: 2027-01-20}"),
        ),
        broken=unchanged,
        broken_edits=(instructor("ana", "weekdays: [fri]"),),
    ),
    RuleCase(
        HardRule.ROOMS,
        possible=(pinned("u1-a", 5), pinned("x1-a", 5)),  # two rooms in Paris
        impossible=(
            pinned("u1-a", 5),
            pinned("x1-a", 5),
            session("u1-a", "site: paris"),
            lambda t: t.replace("  - {id: p2, name: P2, site: paris, capacity: 30}\n", ""),
        ),
        broken=moved("x1-a", day=5),  # in P1 with UE 1's first session
    ),
    RuleCase(
        HardRule.INSTRUCTOR_CLASH,
        possible=(pinned("u1-b", 6), pinned("x1-a", 7)),
        impossible=(pinned("u1-b", 6), pinned("x1-a", 6)),
        broken=moved("x1-a", day=6, rooms=("p2",)),
    ),
    RuleCase(
        HardRule.COHORT_CLASH,
        possible=(pinned("u1-a", 5), pinned("u1-b", 6)),
        impossible=(pinned("u1-a", 5), pinned("u1-b", 5)),
        broken=moved("u1-b", day=5, rooms=("p2",)),
    ),
    RuleCase(
        HardRule.COHORT_SITE,
        possible=(session("u1-a", "site: paris"), session("u1-b", "site: brest")),
        impossible=(
            session("u1-a", "site: paris, date: 2027-01-05"),
            session("u1-b", "site: brest, date: 2027-01-05"),
            length("u1-b", "apres-midi"),
        ),
        broken=moved("u1-b", day=5, slots=("apres-midi",), rooms=("b1",), site="brest"),
        broken_edits=(length("u1-b", "apres-midi"),),
    ),
    RuleCase(
        HardRule.INSTRUCTOR_SITE,
        possible=(session("u1-b", "site: brest"),),
        impossible=(
            session("u1-b", "site: brest, date: 2027-01-06"),
            length("u1-b", "apres-midi"),
            pinned("x1-a", 6),
        ),
        broken=lambda s: moved("u1-b", slots=("apres-midi",), rooms=("b1",), site="brest")(
            moved("x1-a", day=6, rooms=("p2",))(s)
        ),
        broken_edits=(length("u1-b", "apres-midi"),),
    ),
    RuleCase(
        HardRule.PRECEDENCE,
        possible=(session("u1-a", "after: [u1-b]"),),
        impossible=(session("u1-a", "after: [u1-b], date: 2027-01-05"), pinned("u1-b", 6)),
        broken=unchanged,
        broken_edits=(session("u1-a", "after: [u1-b]"),),
    ),
    RuleCase(
        HardRule.ORDER,
        possible=(session("u1-b", "order: first"),),
        # UE 1's sessions on Thursday then Friday: the second cannot come first.
        impossible=(session("u1-b", "order: first, date: 2027-01-08"), pinned("u1-a", 7)),
        broken=unchanged,
        broken_edits=(session("u1-b", "order: first"),),
    ),
    RuleCase(
        HardRule.REGROUPEMENT,
        possible=(weeks("du", "max_days: 1"),),
        impossible=(weeks("du", "max_days: 1"), pinned("u1-a", 5), pinned("u1-b", 6)),
        broken=unchanged,
        broken_edits=(weeks("du", "max_days: 1"),),
    ),
    RuleCase(
        HardRule.SPACING,
        possible=(weeks("du", "max_days: 5, min_weeks_between: 2"),),
        impossible=(
            weeks("du", "max_days: 5, min_weeks_between: 3"),
            pinned("u1-a", 5),
            pinned("u2-a", 19),
        ),
        broken=unchanged,
        broken_edits=(weeks("du", "max_days: 5, min_weeks_between: 3"),),
    ),
    RuleCase(
        HardRule.PER_SEMESTER,
        possible=(weeks("du", "max_days: 5, max_per_semester: 1"),),
        impossible=(
            weeks("du", "max_days: 5, max_per_semester: 1"),
            pinned("u1-a", 5),
            pinned("u1-b", 12),
        ),
        broken=moved("u1-b", day=12),
        broken_edits=(weeks("du", "max_days: 5, max_per_semester: 1"),),
    ),
    RuleCase(
        HardRule.WEEK_LIMIT,
        possible=(instructor("ben", "max_days_per_week: 1"),),
        impossible=(
            instructor("ben", "max_days_per_week: 1"),
            pinned("u1-b", 5),
            pinned("x1-a", 6),
        ),
        broken=unchanged,
        broken_edits=(instructor("ben", "max_days_per_week: 1"),),
    ),
    RuleCase(
        HardRule.MAX_GAP,
        possible=(weeks("du", "max_days: 5, max_gap_weeks: 2"),),
        # UE 1 in the first week, UE 2 in the last: three weeks without teaching between.
        impossible=(
            weeks("du", "max_days: 5, max_gap_weeks: 2"),
            pinned("u1-a", 5),
            pinned("u1-b", 6),
            session("u2-a", "date: 2027-02-01"),
        ),
        broken=unchanged,  # BASE: weeks 1 and 3, then weeks 4 and 5 without teaching
        broken_edits=(weeks("du", "max_days: 5, max_gap_weeks: 1"),),
    ),
    RuleCase(
        HardRule.REPEAT_SPACING,
        possible=(*TWICE, session("u1-a", "spacing: {min_days_between: 7}")),
        # Both copies in the first week, one per regroupement: impossible.
        impossible=(
            *TWICE,
            session("u1-a", "spacing: {one_per_regroupement: true}"),
            session("u1-a", "window: {start: 2027-01-04, end: 2027-01-08}"),
        ),
        broken=lambda solution: Solution(
            (
                *(s for s in solution.sessions if s.session != "u1-a"),
                _placed("u1-a-1", 5, "matin", "ana", "p1", "paris"),
                _placed("u1-a-2", 7, "matin", "ana", "p2", "paris"),
            )
        ),
        broken_edits=(*TWICE, session("u1-a", "spacing: {one_per_regroupement: true}")),
    ),
    RuleCase(
        HardRule.BLOCKS,
        possible=(unit("UE 1", "max_blocks: 1"),),
        impossible=(unit("UE 1", "max_blocks: 1"), pinned("u1-a", 5), pinned("u1-b", 12)),
        broken=moved("u1-b", day=12),
        broken_edits=(unit("UE 1", "max_blocks: 1"),),
    ),
    RuleCase(
        HardRule.COHORT_TRAVEL,
        possible=(travel, session("u1-a", "site: paris"), session("u1-b", "site: brest")),
        # DU's afternoon in Paris on Tuesday, its morning in Brest on Wednesday.
        impossible=(
            travel,
            session("u1-a", "site: paris, date: 2027-01-05"),
            length("u1-a", "apres-midi"),
            session("u1-b", "site: brest, date: 2027-01-06"),
        ),
        broken=lambda s: moved("u1-a", slots=("apres-midi",))(
            moved("u1-b", rooms=("b1",), site="brest")(s)
        ),
        broken_edits=(travel, length("u1-a", "apres-midi")),
    ),
    RuleCase(
        HardRule.INSTRUCTOR_TRAVEL,
        possible=(travel, session("u1-b", "site: brest")),
        # Ben's DU afternoon in Brest on Wednesday, his DX morning in Paris on Thursday.
        impossible=(
            travel,
            session("u1-b", "site: brest, date: 2027-01-06"),
            length("u1-b", "apres-midi"),
            pinned("x1-a", 7),
        ),
        broken=moved("u1-b", slots=("apres-midi",), rooms=("b1",), site="brest"),
        broken_edits=(travel, length("u1-b", "apres-midi")),
    ),
    RuleCase(
        HardRule.IN_TURN,
        possible=(IN_TURN,),
        # Tuesday's afternoon and Wednesday's morning taken: a half-day free on each day, but
        # the two groups want one day.
        impossible=(
            IN_TURN,
            session("u1-a", "window: {start: 2027-01-05, end: 2027-01-06}"),
            session("u1-b", "date: 2027-01-05"),
            length("u1-b", "apres-midi"),
            session("x1-a", "date: 2027-01-06, cohorts: [du-c, dx-c]"),
        ),
        broken=lambda solution: Solution(
            (
                *(s for s in solution.sessions if s.session != "u1-a"),
                _placed("u1-a-g1", 5, "matin", "ana", "p1", "paris"),
                _placed("u1-a-g2", 6, "apres-midi", "ana", "p1", "paris"),
            )
        ),
        broken_edits=(IN_TURN,),
    ),
    RuleCase(
        HardRule.INTERNSHIP,
        possible=(stage("weeks: 1"),),
        # Both weeks of S1 kept for the internship: UE 1 (S1) has no day left.
        impossible=(stage("weeks: 2"),),
        broken=moved("u1-b", day=12),
        broken_edits=(stage("weeks: 1"),),
    ),
)


def added(session: ScheduledSession) -> Callable[[Solution], Solution]:
    return lambda solution: Solution((*solution.sessions, session))


def room(room_id: str, fields: str) -> Edit:
    return _entry(f"id: {room_id},", fields)


# One designed calendar per finding of the checker not already made by a case's ``broken``:
# (edits to the micro programme, change to BASE). Every finding id must fire somewhere.
FINDINGS: dict[str, tuple[tuple[Edit, ...], Callable[[Solution], Solution]]] = {
    "unknown-session": ((), added(_placed("ghost", 8, "matin", "ana", "p2", "paris"))),
    "duplicate-session": ((), added(_placed("u1-a", 8, "matin", "ana", "p2", "paris"))),
    "unit-hours": ((), dropped("u1-b")),
    "not-a-teaching-day": ((), moved("u1-a", day=9)),  # a Saturday
    "wrong-slots": ((), moved("u1-a", slots=("apres-midi",))),
    "instructors": ((), moved("u1-a", instructors=("ben",))),
    "site": ((), moved("u1-a", site="brest")),  # in P1, a Paris room
    "rooms": ((), moved("u1-a", rooms=())),
    "room-capacity": ((capacity("p1", 10),), unchanged),
    "room-unavailable": ((room("p1", "unavailable: [2027-01-05]"),), unchanged),
    "regroupement-gap": ((), moved("u1-b", day=7, rooms=("p2",))),  # Tue and Thu, not Wed
}
