"""Infeasibility in words: rule groups named by the solver, told as a coordinator would.

``describe_conflict`` turns a minimal set of rule groups (see ``solver/conflicts.py``) into a
first sentence that says what collides (for the usual cases: an instructor's availability
against a UE's dates, regroupement bounds against the days a semester needs, an order against
pinned dates), followed by one sentence per rule. Knows nothing of CP-SAT.
"""

from __future__ import annotations

from collections.abc import Callable

from palliasched.domain.calendar import ENGLISH_WEEKDAYS, DateRange
from palliasched.domain.programme import Faculty, SessionSpec, TeachingWeekRules
from palliasched.rules import HardRule, Rule, unit_of
from palliasched.words import plural_en


def describe_conflict(faculty: Faculty, rules: list[Rule]) -> list[str]:
    headline = (
        _availability_against_window(faculty, rules)
        or _regroupements_against_load(faculty, rules)
        or _order_against_dates(faculty, rules)
        or "These rules cannot all hold together:"
    )
    return [headline, *(describe_rule(faculty, rule) for rule in rules)]


def describe_rule(faculty: Faculty, rule: Rule) -> str:
    """The sentence of one rule group (every catalogued hard rule has one: ``SENTENCES``)."""
    return SENTENCES[rule.kind](faculty, rule.subject)


def _instructor(faculty: Faculty, who: str) -> str:
    return faculty.instructor(who).name


def _weeks_of(faculty: Faculty, cohort_id: str) -> TeachingWeekRules:
    return faculty.programme(faculty.cohort(cohort_id).programme).teaching_weeks


def _precedence(faculty: Faculty, who: str) -> str:
    spec = faculty.session(who)
    before = ", ".join(f"'{_title(faculty, faculty.session(s))}'" for s in spec.after)
    return f"'{_title(faculty, spec)}' comes after {before}."


def _order(faculty: Faculty, who: str) -> str:
    spec = faculty.session(who)
    order = spec.order.value if spec.order is not None else ""
    return f"'{_title(faculty, spec)}' comes {order} in {faculty.programme(spec.programme).title}."


def _weekdays(faculty: Faculty, who: str) -> str:
    days = sorted(faculty.instructor(who).weekdays or ())
    return f"{_instructor(faculty, who)} teaches only on {_weekday_names(days)}."


def _weekday_names(days: list[int]) -> str:
    names = [ENGLISH_WEEKDAYS[d] for d in days]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


# One sentence per catalogued hard rule, given the faculty and the group's subject.
SENTENCES: dict[HardRule, Callable[[Faculty, str], str]] = {
    HardRule.HOURS: lambda f, who: (
        f"{_unit_name(f, who)} must hold all its sessions ({_hours(f, who)})."
    ),
    HardRule.WINDOW: lambda f, who: f"{_unit_name(f, who)} takes place within {_dates(f, who)}.",
    HardRule.AVAILABILITY: lambda f, who: f"{_instructor(f, who)} {_availability(f, who)}.",
    HardRule.WEEKDAYS: _weekdays,
    HardRule.ROOMS: lambda f, who: (
        f"The rooms of {f.site(who).name} hold one session at a time "
        f"({plural_en(len(f.rooms_of(who)), 'room')})."
    ),
    HardRule.INSTRUCTOR_CLASH: lambda f, who: (
        f"{_instructor(f, who)} teaches one session at a time."
    ),
    HardRule.COHORT_CLASH: lambda f, who: f"{f.cohort(who).name} attends one session at a time.",
    HardRule.COHORT_SITE: lambda f, who: f"{f.cohort(who).name} is on one site a day.",
    HardRule.INSTRUCTOR_SITE: lambda f, who: f"{_instructor(f, who)} teaches on one site a day.",
    HardRule.PRECEDENCE: _precedence,
    HardRule.ORDER: _order,
    HardRule.REGROUPEMENT: lambda f, who: (
        f"{f.cohort(who).name} comes for regroupements of consecutive days, "
        f"at most {plural_en(_weeks_of(f, who).max_days, 'day')} each."
    ),
    HardRule.SPACING: lambda f, who: (
        f"{f.cohort(who).name} has at least "
        f"{plural_en(_weeks_of(f, who).min_weeks_between, 'week')} between regroupements."
    ),
    HardRule.PER_SEMESTER: lambda f, who: (
        f"{f.cohort(who).name} has at most "
        f"{plural_en(_weeks_of(f, who).max_per_semester or 0, 'regroupement')} per semester."
    ),
    HardRule.WEEK_LIMIT: lambda f, who: (
        f"{_instructor(f, who)} teaches at most "
        f"{plural_en(f.instructor(who).max_days_per_week or 0, 'day')} a week."
    ),
}


# --- the usual collisions -----------------------------------------------------------------------


def _availability_against_window(faculty: Faculty, rules: list[Rule]) -> str | None:
    absent = [r.subject for r in rules if r.kind is HardRule.AVAILABILITY]
    windows = [r.subject for r in rules if r.kind is HardRule.WINDOW]
    if not absent or len(windows) != 1:
        return None
    unit = windows[0]
    for spec in _sessions(faculty, unit):
        span = faculty.session_span(spec)
        teachers = [i for i in spec.instructors if i in absent]
        if span is None or not teachers:
            continue
        programme = faculty.programme(spec.programme)
        days = [d for d in span.days() if faculty.no_teaching_reason(programme, d) is None]
        if days and all(
            any(not faculty.instructor(i).available_on(d) for i in teachers) for d in days
        ):
            names = " and ".join(faculty.instructor(i).name for i in teachers)
            verb = "is" if len(teachers) == 1 else "are"
            return (
                f"{names} {verb} unavailable on every weekday of the {_unit_name(faculty, unit)} "
                f"window ({span}), and '{_title(faculty, spec)}' needs "
                f"{'her or him' if len(teachers) == 1 else 'them'}."
            )
    return None


def _regroupements_against_load(faculty: Faculty, rules: list[Rule]) -> str | None:
    limits = [r.subject for r in rules if r.kind is HardRule.PER_SEMESTER]
    if len(limits) != 1:
        return None
    cohort = faculty.cohort(limits[0])
    programme = faculty.programme(cohort.programme)
    weeks = programme.teaching_weeks
    slots_per_day = len(programme.slots.slots)
    needed = {r.subject for r in rules if r.kind is HardRule.HOURS}
    for name, semester in programme.semesters:
        inside = [
            spec
            for spec in faculty.sessions
            if cohort.id in spec.cohorts
            and unit_of(spec) in needed
            and _span_within(faculty, spec, semester)
        ]
        slots = sum(len(programme.slots.slots_of(s.length)) for s in inside)
        days = -(-slots // slots_per_day)
        assert weeks.max_per_semester is not None
        room = weeks.max_per_semester * weeks.max_days
        if days > room:
            units = sorted({_unit_name(faculty, unit_of(s)) for s in inside})
            return (
                f"{cohort.name} needs at least {days} teaching days in {name} "
                f"({', '.join(units)}), but at most "
                f"{plural_en(weeks.max_per_semester, 'regroupement')} of at most "
                f"{plural_en(weeks.max_days, 'day')} are allowed there ({room} days)."
            )
    return None


def _order_against_dates(faculty: Faculty, rules: list[Rule]) -> str | None:
    ordered = [r.subject for r in rules if r.kind is HardRule.ORDER]
    if len(ordered) != 1:
        return None
    spec = faculty.session(ordered[0])
    span = faculty.session_span(spec)
    if span is None or spec.order is None:
        return None
    first = spec.order.value == "first"
    for rule in rules:
        if rule.kind is not HardRule.WINDOW or rule.subject == unit_of(spec):
            continue
        for other in _sessions(faculty, rule.subject):
            other_span = faculty.session_span(other)
            if other_span is None:
                continue
            if (first and other_span.end < span.start) or (
                not first and other_span.start > span.end
            ):
                when = "before" if first else "after"
                return (
                    f"'{_title(faculty, spec)}' must come {spec.order.value} in its programme, "
                    f"but its dates ({span}) leave no room: {_unit_name(faculty, rule.subject)} "
                    f"must take place {when} them ({other_span})."
                )
    return None


# --- words ----------------------------------------------------------------------------------------


def _sessions(faculty: Faculty, unit_or_session: str) -> list[SessionSpec]:
    return [s for s in faculty.sessions if unit_of(s) == unit_or_session]


def _unit_name(faculty: Faculty, unit_or_session: str) -> str:
    if faculty.has("unit", unit_or_session):
        return faculty.unit(unit_or_session).code
    return f"'{_title(faculty, faculty.session(unit_or_session))}'"


def _title(faculty: Faculty, spec: SessionSpec) -> str:
    if spec.title:
        return spec.title
    return faculty.unit(spec.unit).label if spec.unit is not None else spec.id


def _hours(faculty: Faculty, unit_or_session: str) -> str:
    sessions = _sessions(faculty, unit_or_session)
    minutes = sum(faculty.programme(s.programme).counted_minutes(s) for s in sessions)
    return f"{plural_en(len(sessions), 'session')}, {minutes / 60:g} h"


def _dates(faculty: Faculty, unit_or_session: str) -> str:
    spans = sorted({faculty.session_span(s) for s in _sessions(faculty, unit_or_session)}, key=str)
    return " / ".join("no date" if s is None else str(s) for s in spans)


def _availability(faculty: Faculty, instructor_id: str) -> str:
    instructor = faculty.instructor(instructor_id)
    parts = []
    if instructor.unavailable:
        parts.append("is unavailable " + ", ".join(str(r) for r in instructor.unavailable))
    if instructor.available_only is not None:
        parts.append("is available only " + ", ".join(str(r) for r in instructor.available_only))
    return " and ".join(parts) or "has no unavailable dates"


def _span_within(faculty: Faculty, spec: SessionSpec, outer: DateRange) -> bool:
    span = faculty.session_span(spec)
    return span is not None and span.within(outer)
