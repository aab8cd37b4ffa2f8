"""The weights of the soft rules in the objective (``weights:`` of a programme file)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SoftWeights:
    """Weights of the soft rules in the objective (0 switches a rule off)."""

    regroupements: int = 100
    instructor_trips: int = 10
    unit_spread: int = 1
    preferred_days: int = 2
    own_semester: int = 20
    rhythm: int = 30
    short_visits: int = 100
    site_changes: int = 50
    repeat_spacing: int = 20
    travel_time: int = 2
    late_starts: int = 1
