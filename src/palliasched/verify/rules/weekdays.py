"""Weekdays: an instructor with ``weekdays:`` teaches on no other day of the week."""

from __future__ import annotations

from palliasched.domain.calendar import ENGLISH_WEEKDAYS, french_date
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks


@checks(HardRule.WEEKDAYS)
def weekdays(c: CheckerBase) -> None:
    for placed in c.placed.values():
        day = placed.date
        for instructor_id in sorted(set(placed.instructors)):
            if not c.faculty.has("instructor", instructor_id):
                continue  # reported by the instructors check
            instructor = c.faculty.instructor(instructor_id)
            if instructor.weekdays is None or day.weekday() in instructor.weekdays:
                continue
            c.add(
                "instructor-weekday",
                f"{instructor.name} never teaches on a {ENGLISH_WEEKDAYS[day.weekday()]} "
                f"({c.name(placed)}, {french_date(day)})",
                [placed.session],
                day,
            )
