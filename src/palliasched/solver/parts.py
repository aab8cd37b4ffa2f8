"""Split the year at a date when nothing couples the two sides (typically S1 | S2).

Exact: every session's dates lie on one side (a session first or last in its programme goes
to the side its programme's other sessions force), no week has teaching days on both sides,
regroupement spacing, per-semester counts and the rhythm of regroupements do not reach
across, and no precedence runs backwards. The soft rules then add up over the parts, except
a UE present in k parts, whose spread counts k - 1 weeks more in the parts than in the whole
(``spread_correction``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace

from palliasched.domain.calendar import DateRange
from palliasched.domain.programme import (
    Faculty,
    Programme,
    SessionOrder,
    SessionSpec,
)
from palliasched.domain.solution import Solution
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.verify import Violation, verify

UNIT_HOURS = "unit-hours"  # the checker's finding of a unit's hours


def split_by_dates(faculty: Faculty, *, across_rhythm: bool = False) -> list[Faculty]:
    """The faculty cut at every date that allows an exact split (one part when none does).

    With ``across_rhythm`` a cut may also cross a programme's rhythm (its teaching period):
    each part then keeps the rhythm within its own side of the cut. The parts are no longer
    exact but still a relaxation: a run of weeks without teaching across the cut costs at
    least what its two sides cost apart, and is no longer than either side.
    """
    cuts = sorted(
        {
            semester.start
            for programme in faculty.programmes
            for _, semester in programme.semesters
            if semester.start > faculty.calendar.year.start
        }
    )
    parts = [faculty]
    for cut in cuts:
        last = parts[-1]
        halves = _split(last, cut, across_rhythm)
        if halves is not None:
            parts[-1:] = list(halves)
    return parts


def spread_correction(faculty: Faculty, parts: list[Faculty]) -> int:
    """What to add to the sum of the parts' objectives to get the whole's objective."""
    extra = 0
    for programme in faculty.programmes:
        for unit in programme.units:
            present = sum(
                1
                for part in parts
                if any(s.unit == unit.id for p in part.programmes for s in p.sessions)
            )
            extra += max(0, present - 1)
    return extra * faculty.weights.unit_spread


def _split(
    faculty: Faculty, cut: dt.date, across_rhythm: bool = False
) -> tuple[Faculty, Faculty] | None:
    year = faculty.calendar.year
    if not (year.start < cut <= year.end):
        return None
    before_range = DateRange(year.start, cut - dt.timedelta(days=1))
    after_range = DateRange(cut, year.end)
    if _week_straddles(faculty, cut) or not _semesters_apart(faculty, cut):
        return None
    sides: dict[str, int] = {}
    before: dict[str, list[SessionSpec]] = {}
    after: dict[str, list[SessionSpec]] = {}
    for programme in faculty.programmes:
        before[programme.id], after[programme.id] = [], []
        ordered = []
        for spec in programme.sessions:
            span = faculty.session_span(spec)
            if span is None:
                return None
            if spec.order is not None:
                ordered.append(spec)
                continue
            side = _side(span, cut)
            if side is None:
                return None
            sides[spec.id] = side
            (before if side == 0 else after)[programme.id].append(spec)
        for spec in ordered:
            side = _ordered_side(faculty, spec, programme, cut, sides)
            if side is None:
                return None
            sides[spec.id] = side
            window = before_range if side == 0 else after_range
            restricted = replace(
                spec, window=window if spec.window is None else spec.window.intersect(window)
            )
            if restricted.window is None:
                return None
            (before if side == 0 else after)[programme.id].append(restricted)
    for spec in faculty.sessions:
        if any(sides.get(b, 0) > sides[spec.id] for b in spec.after):
            return None  # a precedence running backwards: let the whole model say so
    if not _spacing_apart(faculty, cut) or (not across_rhythm and _rhythm_across(faculty, cut)):
        return None

    def part(sessions: dict[str, list[SessionSpec]], side: DateRange) -> Faculty:
        programmes = tuple(
            replace(p, sessions=tuple(sessions[p.id])).with_week_rules(
                functools.partial(_rhythm_within, p, side=side)
            )
            for p in faculty.programmes
        )
        return replace(faculty, programmes=programmes)

    if not any(before.values()) or not any(after.values()):
        return None
    return part(before, before_range), part(after, after_range)


def _rhythm_within(
    programme: Programme, rules: TeachingWeekRules, side: DateRange
) -> TeachingWeekRules:
    """A rhythm of the programme kept to one side of a cut (its periods clipped to it)."""
    periods = programme.rhythm_periods(rules)
    clipped = tuple(c for p in periods if (c := p.intersect(side)) is not None)
    if clipped == periods:
        return rules
    if not clipped:
        return replace(rules, periods=(), max_gap_weeks=None, every_weeks=None)
    return replace(rules, periods=clipped)


def _side(span: DateRange, cut: dt.date) -> int | None:
    if span.end < cut:
        return 0
    if span.start >= cut:
        return 1
    return None


def _ordered_side(
    faculty: Faculty, spec: SessionSpec, programme: Programme, cut: dt.date, sides: dict[str, int]
) -> int | None:
    """The side a first (last) session must take: before (after) its programme's others."""
    others = [sides[s.id] for s in programme.sessions if s.id in sides]
    span = faculty.session_span(spec)
    assert span is not None
    own = _side(span, cut)
    if not others:
        return own
    forced = min(others) if spec.order is SessionOrder.FIRST else max(others)
    if own is not None and own != forced:
        return None
    return forced


def _week_straddles(faculty: Faculty, cut: dt.date) -> bool:
    """True when the week of ``cut`` has teaching days (of any programme) on both sides."""
    monday = cut - dt.timedelta(days=cut.weekday())
    week = [monday + dt.timedelta(days=n) for n in range(7)]

    def teaching(days: list[dt.date]) -> bool:
        return any(
            faculty.no_teaching_reason(p, d) is None for p in faculty.programmes for d in days
        )

    return teaching([d for d in week if d < cut]) and teaching([d for d in week if d >= cut])


def _semesters_apart(faculty: Faculty, cut: dt.date) -> bool:
    return all(
        semester.end < cut or semester.start >= cut
        for programme in faculty.programmes
        for _, semester in programme.semesters
    )


def _rhythm_across(faculty: Faculty, cut: dt.date) -> bool:
    """True when a programme's rhythm (its longest gap, or the rhythm wanted) spans the cut."""
    for programme in faculty.programmes:
        for rules in programme.all_week_rules():
            wanted = rules.keeps_rhythm(faculty.weights.rhythm)
            if wanted and any(p.start < cut <= p.end for p in programme.rhythm_periods(rules)):
                return True
    return False


def _spacing_apart(faculty: Faculty, cut: dt.date) -> bool:
    """Regroupements on either side are at least ``min_weeks_between`` weeks apart anyway."""
    for programme in faculty.programmes:
        apart = programme.teaching_weeks.min_weeks_between
        if apart <= 1:
            continue
        teaching = [
            d
            for d in faculty.calendar.year.days()
            if faculty.no_teaching_reason(programme, d) is None
        ]
        last = max((d for d in teaching if d < cut), default=None)
        first = min((d for d in teaching if d >= cut), default=None)
        if last is None or first is None:
            continue
        weeks = (
            (first - dt.timedelta(days=first.weekday()))
            - (last - dt.timedelta(days=last.weekday()))
        ).days // 7
        if weeks < apart:
            return False
    return True


def part_violations(part: Faculty, solution: Solution) -> list[Violation]:
    """What the checker finds in a calendar of ``part``, the units' hours aside: a part of the
    year holds some of a unit's sessions only, and the hours are checked on the whole year
    (a session of the part left out is still found, as missing)."""
    return [v for v in verify(part, solution) if v.rule != UNIT_HOURS]
