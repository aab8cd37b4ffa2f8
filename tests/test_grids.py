"""Reading grids: the published 2026-2027 grid checked cell by cell, our own exports read back
exactly, hand-made variations tolerated, and a solve that keeps a grid's sessions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given

from palliasched import Faculty, Solution, load_solution, solve, verify
from palliasched.grids import GridError, check_grid, read_grid
from palliasched.publish import publish
from palliasched.publish.workbook import calendar_workbook

from .conftest import DATA, M2
from .test_solve import run_cli
from .test_solve_property import generated_examples, load_generated, programmes

PUBLISHED = DATA / "published-2026-2027.xlsx"
SHEET = "M2 2026-2027"


@pytest.fixture(scope="module")
def exported(m2: Faculty, m2_solution: Solution, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    publish(m2, m2_solution, folder)
    return folder


def test_the_published_grid_shows_its_known_defects_and_nothing_else(m2: Faculty) -> None:
    reading, findings = check_grid(m2, PUBLISHED)
    found = {(f.rule, tuple(str(c).split("!")[1] for c in f.where)) for f in findings}
    expected = {
        # "Mardi 15/03/2027" over a Monday.
        ("day-label", ("B33",)),
        # UE 8, a semester-2 unit, twice in December.
        ("outside-window", ("B21",)),
        ("outside-window", ("C21",)),
        # Hours against the declared presence hours: UE 6 has a third day repeating the
        # first, UE 8 its project as a whole day, UE 10 only its presentations.
        ("unit-hours", ("B40", "C40", "D40")),
        ("unit-hours", ("B21", "C21", "C35")),
        ("unit-hours", ("B45", "C45", "D45")),
        ("repeated-session", ("D40",)),
        ("wrong-slots", ("C35",)),  # the project is a morning in the programme
        # The programme's UE 10 analysis days and preparation morning are not in the grid.
        ("missing-session", ()),
        # People the programme names that the grid leaves out.
        ("instructors", ("B6",)),  # the opening day's hosts
        ("instructors", ("B45", "C45", "D45")),  # the presentations' jury
        # "Salle - Coc": no room of that name (Coc 3024? 3026?): reported, not guessed.
        ("unknown-room", ("C11", "B16", "C16", "D16", "B45", "C45", "D45")),
        # Blank room rows: a note, not a problem.
        ("no-room", ()),
    }
    assert found == expected
    messages = {f.rule: str(f) for f in findings}
    assert "15/03/2027 is a Monday" in messages["day-label"]
    assert "UE 8 is a S2 unit" in messages["outside-window"]
    hours = [str(f) for f in findings if f.rule == "unit-hours"]
    assert any("UE 6 counts 24 h in the grid, 16 h" in h for h in hours)
    assert any("UE 8 counts 24 h in the grid, 20 h" in h for h in hours)
    # Every readable session was read: 28 placed, one repeated.
    assert len(reading.solution.sessions) == 28 and len(reading.extras) == 1
    assert reading.solution.by_session()["ue5-rsca-s2"][0].instructors[0] == "bauthamy"


def test_check_exits_1_on_the_published_grid_and_0_on_our_export(exported: Path) -> None:
    done = run_cli("check", str(M2), str(PUBLISHED))
    assert done.returncode == 1, done.stderr
    assert f"{SHEET}!B33" in done.stdout and "names the wrong day" in done.stdout
    done = run_cli("check", str(M2), str(exported / "calendar.xlsx"))
    assert done.returncode == 0, done.stdout
    assert "no problem found" in done.stdout


def test_our_export_reads_back_exactly(m2: Faculty, exported: Path) -> None:
    reading = read_grid(m2, exported / "calendar.xlsx")
    saved = Solution.from_json((exported / "solution.json").read_text("utf-8"))
    assert reading.solution == saved
    assert reading.findings == [] and reading.extras == []


def test_hand_made_variations_read_the_same(m2: Faculty, exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported / "calendar.xlsx")
    sheet = book["MASTER 2 MEDECINE PALLIATIVE"]
    # Text in both slot rows of a full day instead of a merged cell.
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_col == merged.max_col and merged.max_row == merged.min_row + 1:
            value = sheet.cell(merged.min_row, merged.min_col).value
            sheet.unmerge_cells(str(merged))
            sheet.cell(merged.max_row, merged.min_col).value = value
            break
    # Names typed by hand: no accents, other case, extra spaces.
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "Françoise" in cell.value:
                cell.value = cell.value.replace("Françoise", "  francoise ")
    # Two blank rows inside the sheet and a blank column before everything (copied into a
    # new workbook: openpyxl's insert_rows does not move merged cells).
    moved = openpyxl.Workbook()
    copy = moved.active
    copy.title = sheet.title

    def shift(row: int, column: int) -> tuple[int, int]:
        return row + (2 if row >= 10 else 0), column + 1

    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                copy.cell(*shift(cell.row, cell.column)).value = cell.value
    for merged in sheet.merged_cells.ranges:
        top, left = shift(merged.min_row, merged.min_col)
        bottom, right = shift(merged.max_row, merged.max_col)
        copy.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    copy.column_dimensions["C"].width = 9
    path = tmp_path / "hand-made.xlsx"
    moved.save(path)
    reading = read_grid(m2, path)
    saved = Solution.from_json((exported / "solution.json").read_text("utf-8"))
    assert [(s.session, s.date, s.slots, s.instructors) for s in reading.solution.sessions] == [
        (s.session, s.date, s.slots, s.instructors) for s in saved.sessions
    ]
    assert reading.findings == []


def test_an_unreadable_cell_and_an_unknown_name_are_reported(
    m2: Faculty, exported: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(exported / "calendar.xlsx")
    sheet = book["MASTER 2 MEDECINE PALLIATIVE"]
    target = next(
        c for row in sheet.iter_rows() for c in row if str(c.value).startswith("UE 3 : ETHIQUE\n")
    )
    target.value = "UE 3 : ETHIQUE\nDonatien Mallet\nDr Inconnu"
    lunch = sheet.cell(target.row + 1, target.column)
    spare = next(
        c
        for row in sheet.iter_rows(min_row=target.row, max_row=target.row + 1)
        for c in row
        if c.value is None and c.column > 1 and c.coordinate not in sheet.merged_cells
    )
    spare.value = "Réunion de rentrée"
    del lunch
    path = tmp_path / "edited.xlsx"
    book.save(path)
    _, findings = check_grid(m2, path)
    rules = {f.rule: f for f in findings}
    assert "Dr Inconnu" in str(rules["unknown-name"])
    assert str(rules["unknown-name"].where[0]).endswith(target.coordinate)
    unreadable = [f for f in findings if f.rule == "unreadable-cell"]
    assert unreadable and unreadable[0].where[0].column == spare.column


def test_a_file_that_is_no_grid_is_a_clear_error(m2: Faculty, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(GridError, match="no week block"):
        read_grid(m2, empty)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    done = run_cli("check", str(M2), str(broken))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "broken.xlsx" in done.stderr


def test_solve_keep_keeps_every_readable_published_session_in_place(
    m2: Faculty, tmp_path: Path
) -> None:
    done = run_cli(
        "solve", str(M2), "--keep", str(PUBLISHED), "--out", str(tmp_path), "--time-limit", "5"
    )
    assert done.returncode == 0, done.stderr
    assert "not kept: ue8-management-1" in done.stderr  # December: outside UE 8's dates
    result = load_solution(tmp_path / "solution.json")
    assert verify(m2, result) == []
    published = read_grid(m2, PUBLISHED).solution.by_session()
    placed = result.by_session()
    kept = [sid for sid in published if not sid.startswith("ue8-management")]
    assert len(kept) == 26
    for sid in kept:
        assert placed[sid][0].date == published[sid][0].date, sid


def test_import_publishes_a_grid_like_solve_does(m2: Faculty, tmp_path: Path) -> None:
    done = run_cli("import", str(M2), str(PUBLISHED), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Read 28 sessions" in done.stdout
    for name in ("solution.json", "sessions.csv", "calendar.xlsx", "index.html"):
        assert (tmp_path / name).is_file()
    saved = json.loads((tmp_path / "solution.json").read_text("utf-8"))
    assert len(saved["sessions"]) == 28
    assert (tmp_path / "feeds" / "instructor-serresse.ics").is_file()


@generated_examples(8)
@given(data=programmes())
def test_any_exported_calendar_reads_back_exactly(data: dict[str, Any], tmp_path: Path) -> None:
    faculty = load_generated(data, tmp_path)
    result = solve(faculty, time_limit=2, explain=False)
    if result.solution is None:
        return
    grid = tmp_path / "calendar.xlsx"
    grid.write_bytes(calendar_workbook(faculty, result.solution))
    reading = read_grid(faculty, grid)
    assert reading.findings == []
    assert reading.solution == result.solution


def test_a_week_block_over_two_weeks_is_reported(
    m2: Faculty, exported: Path, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(exported / "calendar.xlsx")
    sheet = book["MASTER 2 MEDECINE PALLIATIVE"]
    header = next(
        c for row in sheet.iter_rows() for c in row if str(c.value).startswith("Vendredi 06/11")
    )
    header.value = "Vendredi 13/11/2026"
    path = tmp_path / "two-weeks.xlsx"
    book.save(path)
    _, findings = check_grid(m2, path)
    (block,) = [f for f in findings if f.rule == "week-block"]
    assert "2 different weeks" in block.message and "13/11/2026" in block.message
