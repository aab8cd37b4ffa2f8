"""Hours per cohort: a cohort attending only some sessions of a UE (double-enrolled students)
declares its own hours (``cohort_hours``); validation, the checker, the scorecard and the
workbook's hours sheet count that cohort's own sessions, not the UE's total."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from palliasched import Solution, Status, check_programme, load_programme, solve, verify
from palliasched.publish.summaries import HOURS_HEADERS
from palliasched.publish.workbook import calendar_workbook
from palliasched.scorecard import score

from .conftest import ROOT
from .rule_cases import Edit, apply, session, unit, write_micro

# A second DU cohort, du-d, attends UE 1's first session only: 4 h of its 8.
PART: tuple[Edit, ...] = (
    lambda t: t.replace(
        "      - {id: du-c, size: 20}\n",
        "      - {id: du-c, size: 20}\n      - {id: du-d, size: 5}\n",
    ),
    session("u1-b", "cohorts: [du-c]"),
    session("u2-a", "cohorts: [du-c]"),
)


def test_a_cohort_attending_part_of_a_unit_unsaid_is_a_warning(tmp_path: Path) -> None:
    checked = check_programme(write_micro(apply(PART), tmp_path))
    assert checked.ok
    (warning,) = [w for w in checked.warnings if w.field == "cohort_hours"]
    assert "du-d attends 4 h of its 8 h" in warning.message
    assert "cohort_hours: {du-d: 4}" in str(warning)


def test_a_cohorts_own_hours_must_be_what_its_sessions_make(tmp_path: Path) -> None:
    said = check_programme(
        write_micro(apply((*PART, unit("UE 1", "cohort_hours: {du-d: 4}"))), tmp_path)
    )
    assert said.ok and not [w for w in said.warnings if "cohort_hours" in w.field]

    wrong = check_programme(
        write_micro(apply((*PART, unit("UE 1", "cohort_hours: {du-d: 6}"))), tmp_path)
    )
    (error,) = wrong.errors
    assert error.field == "cohort_hours.du-d" and error.line is not None
    assert "declared 6 h of it, but the sessions it attends count 4 h" in error.message

    typo = check_programme(
        write_micro(apply((*PART, unit("UE 1", "cohort_hours: {du-e: 4}"))), tmp_path)
    )
    assert any("did you mean 'du-d'" in str(e) for e in typo.errors)


def test_the_hours_sheet_the_checker_and_the_scorecard_count_the_cohorts_own(
    tmp_path: Path,
) -> None:
    faculty = load_programme(
        write_micro(apply((*PART, unit("UE 1", "cohort_hours: {du-d: 4}"))), tmp_path)
    )
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []

    book = openpyxl.load_workbook(io.BytesIO(calendar_workbook(faculty, result.solution)))
    rows = list(book["Heures par UE"].iter_rows(values_only=True))
    assert list(rows[0]) == HOURS_HEADERS
    unit_rows = [dict(zip(HOURS_HEADERS, r, strict=True)) for r in rows if r[1] == "UE 1"]
    assert [
        (r["Promotion"], r["Heures présentielles déclarées"], r["Heures planifiées"])
        for r in unit_rows
    ] == [("toutes", 8, 8), ("du-d", 4, 4)]

    (card,) = [c for c in score(faculty, result.solution).cohorts if c.cohort == "du-d"]
    assert card.units == 1 and card.hours_off == ()

    # Without its session, du-d misses its hours: the checker says so for the cohort.
    dropped = Solution(tuple(s for s in result.solution.sessions if s.session != "u1-a"))
    messages = [v.message for v in verify(faculty, dropped) if v.rule == "unit-hours"]
    assert "UE 1 counts 0 h scheduled for du-d, 4 h declared" in messages


def test_the_bundled_dus_double_enrolled_cohort_declares_its_part() -> None:
    faculty = load_programme(ROOT / "data" / "du-pccpu-2026-2027.yaml")
    assert faculty.unit("du-ue1").presence_of("c3s-double-2026") == 5 * 60
    assert faculty.unit("du-ue1").presence_of("du-pccpu-2026") == 21 * 60
