"""What identifies a rule: its id (hard or soft) and its catalogue entry's fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from palliasched.domain.programme import Faculty, Instructor


class HardRule(StrEnum):
    """Hard rules, by the entry each group is about (its subject)."""

    HOURS = "hours"  # unit: its sessions, each once, make its presence hours
    WINDOW = "window"  # unit: its sessions keep to their dates, teaching days and slots
    AVAILABILITY = "availability"  # instructor: never on an unavailable date
    WEEKDAYS = "weekdays"  # instructor: only on the weekdays they ever teach
    ROOMS = "rooms"  # site: rooms of the right size, available, one session at a time
    INSTRUCTOR_CLASH = "instructor-clash"  # instructor: one session at a time
    COHORT_CLASH = "cohort-clash"  # cohort: one session at a time
    COHORT_SITE = "cohort-site"  # cohort: one site a day
    INSTRUCTOR_SITE = "instructor-site"  # instructor: one site a day
    PRECEDENCE = "precedence"  # session: after the sessions it names
    ORDER = "order"  # session: first or last of its programme
    REGROUPEMENT = "regroupement"  # cohort: a week's days consecutive, at most max_days
    SPACING = "spacing"  # cohort: weeks between regroupements
    PER_SEMESTER = "per-semester"  # cohort: regroupements per semester
    WEEK_LIMIT = "week-limit"  # instructor: days taught per week
    MAX_GAP = "max-gap"  # cohort: weeks in a row without a regroupement, within the period
    BLOCKS = "unit-blocks"  # unit: regroupements its sessions take
    REPEAT_SPACING = "repeat-spacing"  # session as written: its copies kept apart
    COHORT_TRAVEL = "cohort-travel"  # cohort: another site the next day only if reachable
    INSTRUCTOR_TRAVEL = "instructor-travel"  # instructor: the same
    INTERNSHIP = "internship"  # unit: its cohorts have a period free for the internship
    IN_TURN = "in-turn"  # session as written: its groups taught in turn the same day


class SoftRule(StrEnum):
    REGROUPEMENTS = "regroupements"
    INSTRUCTOR_TRIPS = "instructor_trips"
    UNIT_SPREAD = "unit_spread"
    PREFERRED_DAYS = "preferred_days"
    OWN_SEMESTER = "own_semester"
    RHYTHM = "rhythm"
    SHORT_VISITS = "short_visits"
    SITE_CHANGES = "site_changes"
    REPEAT_SPACING = "repeat_spacing"
    TRAVEL_TIME = "travel_time"
    LATE_STARTS = "late_starts"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: HardRule | SoftRule
    en: str
    fr: str
    parameters: tuple[str, ...]  # where the programme file sets it
    subject: str = ""  # hard rules: the kind of entry a group is about
    checks: tuple[str, ...] = ()  # hard rules: the checker's finding ids for it
    # Hard rules: the group's sentence, given the faculty and the group's subject.
    sentence: Callable[[Faculty, str], str] | None = None
    # A rule of an instructor's days: true when it forbids the instructor to teach on the
    # day. The solver never places them there, validation counts it among a session's
    # impossible days with ``day_reason``. (The checker checks it in its own words.)
    day_rule: Callable[[Instructor, dt.date], bool] | None = None
    day_reason: str = ""

    @property
    def hard(self) -> bool:
        return isinstance(self.id, HardRule)
