"""Named groups of hard rules: what an infeasibility explanation is made of.

In the explaining model every group gets one enforcement literal; the solver's
``sufficient_assumptions_for_infeasibility`` then names the groups that cannot hold together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from palliasched.programme import SessionSpec


class RuleKind(StrEnum):
    HOURS = "hours"  # a UE's sessions (its presence hours) are all scheduled
    WINDOW = "window"  # a UE's sessions keep to their dates (semester, windows, pinned dates)
    AVAILABILITY = "availability"  # an instructor's unavailable dates
    ROOMS = "rooms"  # the rooms of a site: capacity, availability, one session at a time
    INSTRUCTOR_CLASH = "instructor-clash"  # an instructor teaches one session at a time
    COHORT_CLASH = "cohort-clash"  # a cohort attends one session at a time
    COHORT_SITE = "cohort-site"  # a cohort is on one site a day
    INSTRUCTOR_SITE = "instructor-site"  # an instructor is on one site a day
    PRECEDENCE = "precedence"  # a session after the sessions it names
    ORDER = "order"  # a session first or last in its programme
    REGROUPEMENT = "regroupement"  # a cohort's days of a week are consecutive, at most max_days
    SPACING = "spacing"  # weeks between a cohort's regroupements
    PER_SEMESTER = "per-semester"  # regroupements per semester
    WEEK_LIMIT = "week-limit"  # an instructor's days per week


@dataclass(frozen=True, slots=True, order=True)
class Rule:
    """One rule group: a kind and the entry it is about (unit, session, instructor, cohort, site).

    Hours and windows are about a UE; a session outside any UE stands for itself.
    """

    kind: RuleKind
    subject: str


def unit_of(spec: SessionSpec) -> str:
    """The subject of a session's hours and window rules: its UE, or itself."""
    return spec.unit if spec.unit is not None else spec.id
