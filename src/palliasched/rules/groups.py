"""A rule group: one catalogued hard rule about one entry, what explanations are made of.

In the explaining model every group gets one enforcement literal; the solver's
``sufficient_assumptions_for_infeasibility`` then names the groups that cannot hold together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from palliasched.domain.programme import SessionSpec

if TYPE_CHECKING:  # the catalogue's sentences name subjects with ``unit_of``
    from palliasched.rules.identity import HardRule


@dataclass(frozen=True, slots=True, order=True)
class Rule:
    """One rule group: a kind and the entry it is about (unit, session, instructor, cohort, site).

    Hours and windows are about a UE; a session outside any UE stands for itself.
    """

    kind: HardRule
    subject: str


def unit_of(spec: SessionSpec) -> str:
    """The subject of a session's hours and window rules: its UE, or itself."""
    return spec.unit if spec.unit is not None else spec.id
