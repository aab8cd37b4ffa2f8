"""Validation of a repeated session's spacing: copies to space, and days enough for them."""

from __future__ import annotations

from palliasched.domain.programme import Faculty, Programme, SessionSpec
from palliasched.errors import Severity
from palliasched.io.locations import Report
from palliasched.words import plural_en


def check_spacing(faculty: Faculty, programme: Programme, report: Report) -> None:
    """A spacing needs copies to space, and room for them between its dates."""
    series: dict[str, list[SessionSpec]] = {}
    for session in programme.sessions:
        if session.spacing is not None:
            series.setdefault(session.spacing.series, []).append(session)
    for copies in series.values():
        first, spacing = copies[0], copies[0].spacing
        assert spacing is not None
        if len(copies) == 1:
            report(
                "session",
                first.id,
                "spacing keeps the copies of a repeated session apart, but it has one",
                field="spacing",
                hint="write count: <n> for a session taught n times, or remove spacing",
                severity=Severity.WARNING,
            )
            continue
        span = faculty.session_span(first)
        needed = (len(copies) - 1) * spacing.min_days_between + 1
        length = 0 if span is None else (span.end - span.start).days + 1
        if span is not None and not spacing.soft and needed > length:
            report(
                "session",
                first.id,
                f"{len(copies)} copies at least {plural_en(spacing.min_days_between, 'day')} "
                f"apart need {needed} days, but its dates span {span} "
                f"({plural_en(length, 'day')})",
                field="spacing.min_days_between",
                hint="lower min_days_between or count, widen its window, or write soft: true",
            )
