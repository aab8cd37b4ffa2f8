"""The rule catalogue is complete, and every hard rule works alone on a micro programme.

For each catalogued hard rule: a sentence (its entry's ``sentence``), an enforcement in the
solver (``solver/registry.py``), findings of the checker that belong to it, and a micro case
(``rule_cases.py``) showing its CP-SAT constraint exists (a calendar when the rule can hold, a
minimal conflict naming it when it cannot) and its check fires on a designed violation.
For each soft rule: a measure in ``quality`` and a weight. Micro models solve in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from palliasched import Solution, Status, load_programme, solve, verify
from palliasched.domain.weights import SoftWeights
from palliasched.explain import describe_rule
from palliasched.quality import soft_costs
from palliasched.rules import CATALOGUE, HardRule, Rule, SoftRule, check_owner, rule_info
from palliasched.solver.conflicts import minimal_conflict

from .conftest import ROOT
from .rule_cases import (
    BASE,
    CASES,
    FINDINGS,
    MICRO,
    TWICE,
    Edit,
    RuleCase,
    apply,
    instructor,
    pinned,
    session,
    travel,
    unit,
    weeks,
    write_micro,
)

CASE_OF = {case.rule: case for case in CASES}


def test_every_rule_is_catalogued_once_in_both_languages() -> None:
    ids = [info.id for info in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(HardRule) | set(SoftRule)
    for info in CATALOGUE:
        assert info.en and info.fr and info.parameters, info.id
        assert info.hard == bool(info.checks) == bool(info.subject), info.id


def test_every_finding_of_the_checker_belongs_to_one_hard_rule() -> None:
    source = "".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "src" / "palliasched" / "verify").glob("*.py")
    )
    source += "".join(
        path.read_text(encoding="utf-8")
        for path in (ROOT / "src" / "palliasched" / "verify" / "rules").glob("*.py")
    )
    emitted = set(re.findall(r'(?:self|c)\.add\(\s*f?"([a-z-]+)', source))
    emitted |= {
        f"{kind}-{finding}"
        for kind in ("cohort", "instructor")
        for finding in ("two-sites", "travel")
    }
    emitted.discard("")
    claimed = [check for info in CATALOGUE for check in info.checks]
    assert len(claimed) == len(set(claimed))  # one owner each
    assert emitted == set(claimed)
    for check in claimed:
        assert isinstance(check_owner(check), HardRule)


def test_every_hard_rule_has_its_sentence_and_its_micro_case() -> None:
    unsaid = [rule for rule in HardRule if rule_info(rule).sentence is None]
    assert not unsaid, f"hard rules without their explanation sentence: {unsaid}"
    assert set(CASE_OF) == set(HardRule), "a hard rule without its micro case"


def test_every_hard_rule_is_enforced_by_the_solver() -> None:
    from palliasched.solver import model  # noqa: F401  (loads every family and solver/rules/)
    from palliasched.solver.registry import CONSTRAINTS, ENFORCED

    day_rules = {info.id for info in CATALOGUE if info.day_rule is not None}
    unenforced = set(HardRule) - ENFORCED - set(CONSTRAINTS) - day_rules
    assert not unenforced, f"hard rules with no constraint in the solver: {sorted(unenforced)}"
    for info in CATALOGUE:
        assert bool(info.day_rule) == bool(info.day_reason), info.id


def test_every_soft_rule_is_measured_and_weighted(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(MICRO, tmp_path))
    measured = {cost.rule for cost in soft_costs(faculty, BASE)}
    assert measured == {str(rule) for rule in SoftRule}
    assert {f.name for f in fields(SoftWeights)} == {str(rule) for rule in SoftRule}
    for rule in SoftRule:
        assert rule_info(rule).fr[0].isupper()  # a label of the workbook's rule sheet


def test_the_base_calendar_of_the_micro_programme_is_valid(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(MICRO, tmp_path))
    assert verify(faculty, BASE) == []


@pytest.mark.parametrize("case", CASES, ids=[str(c.rule) for c in CASES])
def test_a_rule_that_can_hold_leaves_a_calendar(case: RuleCase, tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply(case.possible), tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL, result.summary()
    assert result.solution is not None and verify(faculty, result.solution) == []


@pytest.mark.parametrize("case", CASES, ids=[str(c.rule) for c in CASES])
def test_a_rule_that_cannot_hold_is_named_in_the_explanation(
    case: RuleCase, tmp_path: Path
) -> None:
    faculty = load_programme(write_micro(apply(case.impossible), tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.INFEASIBLE
    conflict = minimal_conflict(faculty, time_limit=10)
    kinds = {rule.kind for rule in conflict}
    assert case.rule in kinds, f"{case.rule} not in {sorted(kinds)}"
    named = next(rule for rule in conflict if rule.kind is case.rule)
    sentence = describe_rule(faculty, named)
    assert sentence.endswith(".") and "None" not in sentence


@pytest.mark.parametrize("case", CASES, ids=[str(c.rule) for c in CASES])
def test_a_designed_violation_is_caught_by_the_checker(case: RuleCase, tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply(case.broken_edits), tmp_path))
    broken: Solution = case.broken(BASE)
    found = verify(faculty, broken)
    assert found, "the checker accepted a calendar that breaks the rule"
    owners = {violation.hard_rule for violation in found}
    assert case.rule in owners, [str(v) for v in found]


@pytest.mark.parametrize("rule", list(HardRule))
def test_every_sentence_reads_as_a_sentence(rule: HardRule, tmp_path: Path) -> None:
    case = CASE_OF[rule]
    faculty = load_programme(write_micro(apply(case.possible), tmp_path))
    subject = {
        "unit": "u3" if rule is HardRule.INTERNSHIP else "u1",
        "instructor": "ana" if rule is not HardRule.WEEK_LIMIT else "ben",
        "cohort": "du-c",
        "site": "paris",
        "session": "u1-a"
        if rule in (HardRule.PRECEDENCE, HardRule.REPEAT_SPACING, HardRule.IN_TURN)
        else "u1-b",
    }[rule_info(rule).subject]
    sentence = describe_rule(faculty, Rule(rule, subject))
    assert sentence.endswith(".") and "None" not in sentence and "  " not in sentence


def test_every_finding_of_the_checker_fires_on_a_designed_calendar(tmp_path: Path) -> None:
    fired: set[str] = set()
    for case in CASES:
        faculty = load_programme(write_micro(apply(case.broken_edits), tmp_path))
        fired |= {v.rule for v in verify(faculty, case.broken(BASE))}
    for check, (edits, change) in FINDINGS.items():
        faculty = load_programme(write_micro(apply(edits), tmp_path))
        found = {v.rule for v in verify(faculty, change(BASE))}
        assert check in found, f"{check}: the checker reported {sorted(found)}"
        fired |= found
    claimed = {check for info in CATALOGUE for check in info.checks}
    assert claimed <= fired, f"never fired: {sorted(claimed - fired)}"


# Soft rules the micro programme must pay, and how often, at the optimum.
SOFT_CASES: dict[SoftRule, tuple[tuple[Edit, ...], int]] = {
    # UE 1 in the first week, UE 2 in the last: three weeks without teaching (wk 2-4); a
    # rhythm of every 2 weeks allows one, so two weeks are off the rhythm.
    SoftRule.RHYTHM: (
        (
            weeks("du", "max_days: 5, every_weeks: 2"),
            pinned("u1-a", 5),
            pinned("u1-b", 6),
            session("u2-a", "date: 2027-02-01"),
        ),
        2,
    ),
    # The DX cohort has one half-day of teaching in all (and so has DU's UE 2 in S2).
    SoftRule.SHORT_VISITS: ((), 2),
    SoftRule.SITE_CHANGES: (
        (
            session("u1-a", "site: paris, date: 2027-01-05"),
            session("u1-b", "site: brest, date: 2027-01-06"),
        ),
        1,
    ),
    # S1's teaching days span 11 days: the second copy cannot be 14 days after the first,
    # but, worth more than a regroupement here, it can be in another week.
    SoftRule.REPEAT_SPACING: (
        (
            *TWICE,
            lambda t: t + "weights: {repeat_spacing: 500}\n",
            session(
                "u1-a", "spacing: {min_days_between: 14, one_per_regroupement: true, soft: true}"
            ),
        ),
        1,
    ),
    # Ben in Brest on Tuesday, Paris on Wednesday: two trips (a site change splits a run of
    # days); Ana's two sessions are in two semesters: two more.
    SoftRule.INSTRUCTOR_TRIPS: (
        (
            travel,
            session("u1-b", "site: brest, date: 2027-01-05"),
            pinned("x1-a", 6),
        ),
        4,
    ),
    # Ana lives in Brest and teaches twice in Paris: two round trips of 5 h each way.
    SoftRule.TRAVEL_TIME: (
        (
            travel,
            instructor("ana", "home_site: brest"),
            session("u1-a", "site: paris"),
            session("u2-a", "site: paris"),
        ),
        20,
    ),
}


@pytest.mark.parametrize("rule", list(SOFT_CASES), ids=str)
def test_a_soft_rule_is_priced_by_the_solver_as_measured(rule: SoftRule, tmp_path: Path) -> None:
    edits, expected = SOFT_CASES[rule]
    faculty = load_programme(write_micro(apply(edits), tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None, result.summary()
    costs = {cost.rule: cost for cost in soft_costs(faculty, result.solution)}
    assert costs[str(rule)].count == expected, costs[str(rule)]
    assert result.objective == sum(cost.cost for cost in costs.values())


def test_a_unit_in_order_has_its_sessions_in_the_order_written(tmp_path: Path) -> None:
    text = apply((unit("UE 1", "in_order: true"), pinned("u1-a", 6)))
    faculty = load_programme(write_micro(text, tmp_path))
    assert faculty.session("u1-b").after == ("u1-a",)
    result = solve(faculty, time_limit=10, explain=False)
    assert result.solution is not None
    dates = {s.session: s.date for s in result.solution.sessions}
    assert dates["u1-b"] > dates["u1-a"]
    assert verify(faculty, result.solution) == []


def test_regroupement_caps_against_a_semester_load_are_explained(tmp_path: Path) -> None:
    """Four mornings of UE 1 in S1, one regroupement of two days allowed there: the headline
    says how many days the semester needs against how many the caps allow."""
    text = apply(
        (
            weeks("du", "max_days: 2, max_per_semester: 1"),
            session("u1-a", "count: 3"),
            lambda t: t.replace(
                "total_hours: 22\n        presence_hours: 8",
                "total_hours: 22\n        presence_hours: 16",
            ),
        )
    )
    result = solve(load_programme(write_micro(text, tmp_path)), time_limit=30)
    assert result.status is Status.INFEASIBLE
    assert result.conflicts[0] == (
        "du-c needs at least 4 teaching days in S1 (UE 1), but at most 1 regroupement of at "
        "most 2 days are allowed there (2 days)."
    )
