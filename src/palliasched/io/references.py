"""Checks that every reference of a programme names an entry, and that precedences hold."""

from __future__ import annotations

from collections.abc import Iterable

from palliasched.domain.calendar import (
    DateRange,
)
from palliasched.domain.programme import (
    Faculty,
)
from palliasched.errors import Severity, did_you_mean
from palliasched.io.locations import Report


def check_references(faculty: Faculty, report: Report) -> None:
    def check(kind: str, entry_id: str, field: str, target: str, ids: Iterable[str]) -> None:
        for ref in ids:
            if not faculty.has(target, ref):
                report(
                    kind,
                    entry_id,
                    f"unknown {target} '{ref}'",
                    field=field,
                    hint=did_you_mean(ref, faculty.ids(target)),
                )

    year = faculty.calendar.year
    for room in faculty.rooms:
        check("room", room.id, "site", "site", [room.site])
        _warn_outside_year(room.unavailable, year, "room", room.id, report)
    for instructor in faculty.instructors:
        if instructor.home_site is not None:
            check("instructor", instructor.id, "home_site", "site", [instructor.home_site])
        _warn_outside_year(instructor.unavailable, year, "instructor", instructor.id, report)
        _warn_outside_year(
            instructor.preferred_dates, year, "instructor", instructor.id, report, "preferred_dates"
        )
    for a, b, _ in faculty.travel.times:
        check("travel time", f"{a}-{b}", "between", "site", [a, b])
    for programme in faculty.programmes:
        check("programme", programme.id, "site", "site", programme.sites)
        if not programme.sites and not all(s.online for s in programme.sessions):
            report(
                "programme",
                programme.id,
                "no teaching site",
                field="site",
                hint="give its site, or make every session online",
            )
        for session in programme.sessions:
            sid = session.id
            check("session", sid, "instructors", "instructor", session.candidate_instructors)
            check("session", sid, "cohorts", "cohort", session.cohorts)
            check("session", sid, "rooms.allowed", "room", session.allowed_rooms)
            check("session", sid, "site", "site", session.sites)
            check("session", sid, "after", "session", session.after)


def _warn_outside_year(
    spans: Iterable[DateRange],
    year: DateRange,
    kind: str,
    entry_id: str,
    report: Report,
    field: str = "unavailable",
) -> None:
    for span in spans:
        if span.end < year.start or span.start > year.end:
            what = field.replace("_", " ")
            report(
                kind,
                entry_id,
                f"{what} dates {span} are outside the academic year {year}",
                field=field,
                severity=Severity.WARNING,
                hint="remove last year's dates",
            )


def check_precedences(faculty: Faculty, report: Report) -> None:
    """``after`` must not form a cycle (A after B after A)."""
    state: dict[str, int] = {}
    in_reported_cycle: set[str] = set()

    def visit(session_id: str, trail: list[str]) -> None:
        state[session_id] = 1
        for before in faculty.session(session_id).after:
            if state.get(before) == 1:
                cycle = [*trail[trail.index(before) :], before]
                if in_reported_cycle & set(cycle):
                    continue
                in_reported_cycle.update(cycle)
                report(
                    "session",
                    session_id,
                    "precedences form a cycle: " + " -> ".join(cycle),
                    field="after",
                    hint="remove one of these 'after' links",
                )
            elif before not in state:
                visit(before, [*trail, before])
        state[session_id] = 2

    for session in faculty.sessions:
        if session.id not in state:
            visit(session.id, [session.id])
