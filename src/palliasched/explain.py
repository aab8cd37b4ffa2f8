"""Infeasibility in words: rule groups named by the solver, told as a coordinator would.

``describe_conflict`` turns a minimal set of rule groups (see ``solver/conflicts.py``) into a
first sentence that says what collides (for the usual cases: an instructor's availability
against a UE's dates, regroupement bounds against the days a semester needs, an order against
pinned dates), followed by one sentence per rule. Knows nothing of CP-SAT.
"""

from __future__ import annotations

from palliasched.calendar import DateRange
from palliasched.programme import Faculty, SessionSpec
from palliasched.solver.rules import Rule, RuleKind, unit_of
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
    kind, who = rule.kind, rule.subject
    if kind is RuleKind.HOURS:
        return f"{_unit_name(faculty, who)} must hold all its sessions ({_hours(faculty, who)})."
    if kind is RuleKind.WINDOW:
        return f"{_unit_name(faculty, who)} takes place within {_dates(faculty, who)}."
    if kind is RuleKind.AVAILABILITY:
        return f"{faculty.instructor(who).name} {_availability(faculty, who)}."
    if kind is RuleKind.ROOMS:
        site = faculty.site(who)
        rooms = len(faculty.rooms_of(who))
        return f"The rooms of {site.name} hold one session at a time ({rooms} rooms)."
    if kind is RuleKind.INSTRUCTOR_CLASH:
        return f"{faculty.instructor(who).name} teaches one session at a time."
    if kind is RuleKind.COHORT_CLASH:
        return f"{faculty.cohort(who).name} attends one session at a time."
    if kind is RuleKind.COHORT_SITE:
        return f"{faculty.cohort(who).name} is on one site a day."
    if kind is RuleKind.INSTRUCTOR_SITE:
        return f"{faculty.instructor(who).name} teaches on one site a day."
    if kind is RuleKind.PRECEDENCE:
        spec = faculty.session(who)
        before = ", ".join(f"'{_title(faculty, faculty.session(s))}'" for s in spec.after)
        return f"'{_title(faculty, spec)}' comes after {before}."
    if kind is RuleKind.ORDER:
        spec = faculty.session(who)
        order = spec.order.value if spec.order is not None else ""
        title = faculty.programme(spec.programme).title
        return f"'{_title(faculty, spec)}' comes {order} in {title}."
    cohort_rules = _cohort_rule(faculty, rule)
    if cohort_rules is not None:
        return cohort_rules
    limit = faculty.instructor(who).max_days_per_week or 0
    name = faculty.instructor(who).name
    return f"{name} teaches at most {plural_en(limit, 'day')} a week."


def _cohort_rule(faculty: Faculty, rule: Rule) -> str | None:
    if rule.kind not in (RuleKind.REGROUPEMENT, RuleKind.SPACING, RuleKind.PER_SEMESTER):
        return None
    cohort = faculty.cohort(rule.subject)
    weeks = faculty.programme(cohort.programme).teaching_weeks
    if rule.kind is RuleKind.REGROUPEMENT:
        return (
            f"{cohort.name} comes for regroupements of consecutive days, "
            f"at most {plural_en(weeks.max_days, 'day')} each."
        )
    if rule.kind is RuleKind.SPACING:
        gap = plural_en(weeks.min_weeks_between, "week")
        return f"{cohort.name} has at least {gap} between regroupements."
    at_most = plural_en(weeks.max_per_semester or 0, "regroupement")
    return f"{cohort.name} has at most {at_most} per semester."


# --- the usual collisions -----------------------------------------------------------------------


def _availability_against_window(faculty: Faculty, rules: list[Rule]) -> str | None:
    absent = [r.subject for r in rules if r.kind is RuleKind.AVAILABILITY]
    windows = [r.subject for r in rules if r.kind is RuleKind.WINDOW]
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
    limits = [r.subject for r in rules if r.kind is RuleKind.PER_SEMESTER]
    if len(limits) != 1:
        return None
    cohort = faculty.cohort(limits[0])
    programme = faculty.programme(cohort.programme)
    weeks = programme.teaching_weeks
    slots_per_day = len(programme.slots.slots)
    needed = {r.subject for r in rules if r.kind is RuleKind.HOURS}
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
    ordered = [r.subject for r in rules if r.kind is RuleKind.ORDER]
    if len(ordered) != 1:
        return None
    spec = faculty.session(ordered[0])
    span = faculty.session_span(spec)
    if span is None or spec.order is None:
        return None
    first = spec.order.value == "first"
    for rule in rules:
        if rule.kind is not RuleKind.WINDOW or rule.subject == unit_of(spec):
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
