"""Infeasibility in words: rule groups named by the solver, told as a coordinator would.

``describe_conflict`` turns a minimal set of rule groups (see ``solver/conflicts.py``) into a
first sentence that says what collides (for the usual cases: an instructor's availability
against a UE's dates, regroupement bounds against the days a semester needs, an order against
pinned dates), followed by one sentence per rule. Knows nothing of CP-SAT.
"""

from __future__ import annotations

from collections import Counter

from palliasched.domain.programme import Faculty
from palliasched.rules import HardRule, Rule, rule_info, unit_of
from palliasched.rules.sentences import sessions, span_within, title, unit_name
from palliasched.words import plural_en


def describe_conflict(faculty: Faculty, rules: list[Rule]) -> list[str]:
    headline = (
        _availability_against_window(faculty, rules)
        or _regroupements_against_load(faculty, rules)
        or _order_against_dates(faculty, rules)
        or _rhythm_against_caps(faculty, rules)
        or "These rules cannot all hold together:"
    )
    return [headline, *(describe_rule(faculty, rule) for rule in rules)]


def describe_rule(faculty: Faculty, rule: Rule) -> str:
    """The sentence of one rule group, said by its catalogue entry (every hard rule has one)."""
    sentence = rule_info(rule.kind).sentence
    assert sentence is not None, f"hard rule {rule.kind} has no sentence"
    return sentence(faculty, rule.subject)


# --- the usual collisions -----------------------------------------------------------------------


def _availability_against_window(faculty: Faculty, rules: list[Rule]) -> str | None:
    absent = [r.subject for r in rules if r.kind is HardRule.AVAILABILITY]
    windows = [r.subject for r in rules if r.kind is HardRule.WINDOW]
    if not absent or len(windows) != 1:
        return None
    unit = windows[0]
    for spec in sessions(faculty, unit):
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
                f"{names} {verb} unavailable on every weekday of the {unit_name(faculty, unit)} "
                f"window ({span}), and '{title(faculty, spec)}' needs "
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
            and span_within(faculty, spec, semester)
        ]
        taken = [slot for s in inside for slot in programme.slots.slots_of(s.length)]
        # A day holds each slot once: the sessions of its busiest slot need a day each.
        busiest = max(Counter(taken).values(), default=0)
        days = max(-(-len(taken) // slots_per_day), busiest)
        assert weeks.max_per_semester is not None
        room = weeks.max_per_semester * weeks.max_days
        if days > room:
            units = sorted({unit_name(faculty, unit_of(s)) for s in inside})
            return (
                f"{cohort.name} needs at least {days} teaching days in {name} "
                f"({', '.join(units)}), but at most "
                f"{plural_en(weeks.max_per_semester, 'regroupement')} of at most "
                f"{plural_en(weeks.max_days, 'day')} are allowed there ({plural_en(room, 'day')})."
            )
    return None


def _rhythm_against_caps(faculty: Faculty, rules: list[Rule]) -> str | None:
    gaps = {r.subject for r in rules if r.kind is HardRule.MAX_GAP}
    caps = {r.subject for r in rules if r.kind is HardRule.PER_SEMESTER}
    if len(gaps) != 1 or gaps != caps:
        return None
    cohort = faculty.cohort(next(iter(gaps)))
    weeks = faculty.week_rules(cohort.id)
    return (
        f"{cohort.name} cannot have a regroupement at least every "
        f"{plural_en(weeks.max_gap_weeks or 0, 'week')} with at most "
        f"{plural_en(weeks.max_per_semester or 0, 'regroupement')} per semester, given "
        "when its UEs take place:"
    )


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
        for other in sessions(faculty, rule.subject):
            other_span = faculty.session_span(other)
            if other_span is None:
                continue
            if (first and other_span.end < span.start) or (
                not first and other_span.start > span.end
            ):
                when = "before" if first else "after"
                return (
                    f"'{title(faculty, spec)}' must come {spec.order.value} in its programme, "
                    f"but its dates ({span}) leave no room: {unit_name(faculty, rule.subject)} "
                    f"must take place {when} them ({other_span})."
                )
    return None
