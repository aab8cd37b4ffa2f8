"""A cohort's own rhythm: where it is not its programme's (students enrolled in two
programmes follow the other one's regroupements), the cohort writes its own rules, and the
solver, the checker, the scorecard and validation read them instead of the programme's."""

from __future__ import annotations

from pathlib import Path

from palliasched import Status, check_programme, load_programme, solve, verify
from palliasched.rules import HardRule
from palliasched.scorecard import score

from . import rule_cases
from .conftest import ROOT
from .rule_cases import BASE, Edit, apply, pinned, session, weeks, write_micro

# UE 1 in the first week, UE 2 in the last: three weeks without teaching between.
FAR_APART = (pinned("u1-a", 5), pinned("u1-b", 6), session("u2-a", "date: 2027-02-01"))


def cohort(fields: str) -> Edit:
    """The micro DU's cohort with ``fields`` of its own."""
    return rule_cases.cohort("du-c", fields)


def test_a_cohort_without_the_programmes_longest_gap_is_solved_without_it(
    tmp_path: Path,
) -> None:
    programme_gap = weeks("du", "max_days: 5, max_gap_weeks: 2")
    bound = load_programme(write_micro(apply((programme_gap, *FAR_APART)), tmp_path))
    assert solve(bound, time_limit=10, explain=False).status is Status.INFEASIBLE

    own = cohort("teaching_weeks: {max_gap_weeks: null}")
    free = load_programme(write_micro(apply((programme_gap, own, *FAR_APART)), tmp_path))
    assert free.week_rules("du-c").max_gap_weeks is None
    assert free.week_rules("du-c").max_days == 5  # what it does not write is the programme's
    result = solve(free, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL, result.summary()
    assert result.solution is not None and verify(free, result.solution) == []


def test_the_checker_reads_the_cohorts_own_longest_gap(tmp_path: Path) -> None:
    # BASE teaches the DU in weeks 1 and 3, then leaves weeks 4 and 5 without teaching.
    programme_gap = weeks("du", "max_days: 5, max_gap_weeks: 1")
    assert verify(load_programme(write_micro(apply((programme_gap,)), tmp_path)), BASE)
    looser = cohort("teaching_weeks: {max_gap_weeks: 2}")
    assert verify(load_programme(write_micro(apply((programme_gap, looser)), tmp_path)), BASE) == []

    tighter = cohort("teaching_weeks: {max_gap_weeks: 1}")  # the programme has none
    found = verify(load_programme(write_micro(apply((tighter,)), tmp_path)), BASE)
    assert {v.hard_rule for v in found} == {HardRule.MAX_GAP}, [str(v) for v in found]


def test_the_cohorts_own_periods_measure_its_gaps(tmp_path: Path) -> None:
    own = cohort("teaching_weeks: {periods: [{start: 2027-01-04, end: 2027-01-24}]}")
    faculty = load_programme(write_micro(apply((own,)), tmp_path))
    (card,) = [c for c in score(faculty, BASE).cohorts if c.cohort == "du-c"]
    assert card.longest_gap == 1  # week 2 only; weeks 4 and 5 are outside its period


def test_a_cohorts_rules_are_validated_where_they_are_written(tmp_path: Path) -> None:
    outside = cohort("teaching_weeks: {periods: [{start: 2026-01-04, end: 2026-02-01}]}")
    checked = check_programme(write_micro(apply((outside,)), tmp_path))
    (error,) = checked.errors
    assert error.field == "cohorts.0.teaching_weeks.periods.0" and error.line is not None
    assert "outside the academic year" in error.message

    not_a_rhythm = cohort("teaching_weeks: {max_days: 2}")
    checked = check_programme(write_micro(apply((not_a_rhythm,)), tmp_path))
    (error,) = checked.errors
    assert "max_days" in str(error) and error.line is not None


def test_the_bundled_dus_double_enrolled_cohort_keeps_the_masters_rhythm() -> None:
    faculty = load_programme(ROOT / "data" / "du-pccpu-2026-2027.yaml")
    assert faculty.week_rules("du-pccpu-2026").max_gap_weeks == 8
    double = faculty.week_rules("c3s-double-2026")
    assert double.max_gap_weeks is None and double.every_weeks is None
