"""The instructors' week packing (solver/instructor_weeks.py): a lower bound on their weeks.

The reference is the whole dated model without the packing, asked for the fewest weeks of
one instructor: the packing may never promise more weeks than a real calendar needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from ortools.sat.python import cp_model

from palliasched import load_programme
from palliasched.solver.instructor_weeks import fewest_weeks
from palliasched.solver.model import ScheduleModel

from .conftest import DATA
from .test_solve_property import generated_examples, load_generated, programmes


def packed(m: ScheduleModel) -> dict[str, int]:
    """Each instructor's packing bound, on the places of ``m`` (built without the packing)."""
    return {
        instructor: fewest_weeks(
            m, instructor, [g for g in m.groups if instructor in g.spec.instructors]
        )
        for instructor in sorted(m.instructor_weeks)
    }


def fewest_in_a_calendar(m: ScheduleModel, instructor: str) -> int | None:
    """The fewest weeks the instructor teaches in any calendar of the whole model ``m``
    (built without the packing bounds), proven; None when not proven with this work."""
    m.model.minimize(sum(m.instructor_weeks[instructor].values()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_deterministic_time = 2.0
    solver.parameters.max_time_in_seconds = 30
    if solver.solve(m.model) != cp_model.OPTIMAL:
        return None
    return round(solver.objective_value)


def test_the_packing_never_exceeds_the_weeks_a_calendar_needs(tmp_path: Path) -> None:
    compared = 0
    above_one = 0

    @generated_examples(5)
    @given(data=programmes())
    def checked(data: dict[str, Any]) -> None:
        nonlocal compared, above_one
        faculty = load_generated(data, tmp_path)
        whole = ScheduleModel(faculty, packing_bounds=False)
        for instructor, bound in packed(whole).items():
            fewest = fewest_in_a_calendar(whole, instructor)
            if fewest is None:  # no calendar, or not proven with this work: nothing to compare
                continue
            assert bound <= fewest, f"{instructor}: packing {bound} > {fewest} in a calendar"
            compared += 1
            above_one += bound > 1

    checked()
    assert compared >= 5, f"only {compared} instructors compared"
    assert above_one >= 1, "no example where the packing says more than one week"


def test_the_du_instructors_need_the_weeks_their_series_and_full_weeks_take() -> None:
    """Moreau: 4 follow-up meetings one per regroupement, and UE 7 and UE 8 (three full days
    each, in regroupements of at most 3 days) beside them; Lefèvre: three full days at two a
    week. The LP relaxation of the whole model sees about one week each."""
    du = load_programme(DATA / "du-pccpu-2026-2027.yaml")
    weeks = packed(ScheduleModel(du, packing_bounds=False))
    assert weeks["moreau"] == 5
    assert weeks["dumont"] == 4
    assert weeks["garnier"] == 4
    assert weeks["lefevre"] == 2
