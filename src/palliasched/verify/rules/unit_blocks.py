"""Unit blocks: a UE with ``max_blocks: k`` is taught in at most k weeks."""

from __future__ import annotations

from palliasched.domain.calendar import iso_week
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks
from palliasched.words import plural_en


@checks(HardRule.BLOCKS)
def unit_blocks(c: CheckerBase) -> None:
    weeks: dict[str, set[tuple[int, int]]] = {}
    sessions: dict[str, list[str]] = {}
    for placed in c.placed.values():
        unit_id = c.spec(placed).unit
        if unit_id is not None:
            weeks.setdefault(unit_id, set()).add(iso_week(placed.date))
            sessions.setdefault(unit_id, []).append(placed.session)
    for programme in c.faculty.programmes:
        for unit in programme.units:
            used = len(weeks.get(unit.id, ()))
            if unit.max_blocks is not None and used > unit.max_blocks:
                c.add(
                    "unit-blocks",
                    f"{unit.code} is taught in {plural_en(used, 'week')}, "
                    f"at most {plural_en(unit.max_blocks, 'regroupement')} allowed",
                    sorted(sessions[unit.id]),
                )
