"""Availability forms: ``palliasched availability forms`` writes one workbook per instructor,
``collect`` merges the returned ones (filled here by a script, as an instructor would in a
spreadsheet) into the programme file; a tampered form is refused at its cell and nothing is
merged."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from palliasched import load_programme, solve, verify
from palliasched.cli import cli
from palliasched.io.availability import collect_forms, form_name, write_forms
from palliasched.io.availability_collect import FormProblems
from palliasched.io.availability_forms import BUSY, FIRST_ROW, FORM_SHEET, RECORD_SHEET
from palliasched.io.availability_merge import merged_dates
from palliasched.io.yaml_edit import edited, flow
from palliasched.io.yaml_source import parse_yaml

from .conftest import DATA, M2

D = dt.date
# Calvel's answers: away three days in November, Tuesday 12 January preferred; the two weeks
# the file had him away are left blank (he is free after all).
CALVEL_AWAY = {D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 4)}
CALVEL_PREFERS = {D(2027, 1, 12)}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def fill(
    path: Path,
    away: set[dt.date] = frozenset(),  # type: ignore[assignment]
    prefers: set[dt.date] = frozenset(),  # type: ignore[assignment]
    comment: tuple[dt.date, str] | None = None,
    clear: bool = False,
) -> None:
    """Answer a form as its instructor would: ``clear`` empties the answers filled in."""
    book = openpyxl.load_workbook(path)
    sheet = book[FORM_SHEET]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        written = sheet.cell(row, 1).value
        assert isinstance(written, dt.datetime)
        day = written.date()
        if clear:
            sheet.cell(row, 5).value = None
        if day in away:
            sheet.cell(row, 5).value = "indisponible"
        if day in prefers:
            sheet.cell(row, 5).value = "De préférence"  # case and accents as typed
        if comment is not None and day == comment[0]:
            sheet.cell(row, 6).value = comment[1]
    book.save(path)


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The forms of the M2, written once for the module by the command line."""
    folder = tmp_path_factory.mktemp("sent")
    done = run("availability", "forms", str(M2), "--out", str(folder))
    assert done.exit_code == 0, done.output
    assert f"wrote 20 forms in {folder}" in done.output
    return folder


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    path = tmp_path / M2.name  # its name is recorded in the forms
    shutil.copy(M2, path)
    return path


@pytest.fixture
def returned(sent: Path, tmp_path: Path) -> Path:
    """Two of the forms returned: Calvel's answered, Chevalier's as sent."""
    back = tmp_path / "back"
    back.mkdir()
    for who in ("calvel", "chevalier"):
        shutil.copy(sent / form_name(who), back)
    fill(back / form_name("calvel"), CALVEL_AWAY, CALVEL_PREFERS, (D(2026, 11, 2), "congrès"), True)
    return back


def test_a_form_lists_the_days_its_instructors_sessions_may_take(
    sent: Path, programme: Path, tmp_path: Path
) -> None:
    sheet = openpyxl.load_workbook(sent / form_name("calvel"))[FORM_SHEET]
    assert "Laurent Calvel" in str(sheet["A1"].value)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=FIRST_ROW) if row[0].value]
    days = [r[0].date() for r in rows]
    assert days == sorted(days) and days[0] == D(2026, 9, 1)
    assert D(2026, 11, 11) not in days  # a public holiday: no session may take it
    assert all(d.weekday() < 5 for d in days)
    by_day = {r[0].date(): r for r in rows}
    # What the file says is filled in: Calvel is away 19-23 October.
    assert by_day[D(2026, 10, 19)][4] == "indisponible"
    assert by_day[D(2026, 10, 19)][1] == "Lundi"
    assert "UE 1" in by_day[D(2026, 10, 19)][2]
    assert sheet.protection.sheet  # only the answers are to be written
    # Same programme, same bytes (from Python as from the command line).
    again = write_forms(programme, tmp_path / "again")
    assert len(again) == 20
    assert all(p.read_bytes() == (sent / p.name).read_bytes() for p in again)
    # One form sent again: the same as in the full set; an unknown id is refused.
    (one,) = write_forms(programme, tmp_path / "one", only=["calvel"])
    assert one.read_bytes() == (sent / one.name).read_bytes()
    with pytest.raises(FormProblems, match="--only calvell") as raised:
        write_forms(programme, tmp_path / "none", only=["calvell"])
    assert raised.value.problems[0].hint == "did you mean 'calvel'?"
    assert not (tmp_path / "none").exists()


def test_collected_forms_make_a_programme_that_solves_without_the_days_marked(
    programme: Path, returned: Path, tmp_path: Path
) -> None:
    merged = tmp_path / "merged.yaml"
    done = run("availability", "collect", str(programme), str(returned), "--out", str(merged))
    assert done.exit_code == 0, done.output
    assert "Forms returned: 2 of 20" in done.output
    assert "Laurent Calvel (disponibilites-calvel.xlsx): 3 days unavailable (02/11-04/11/2026)" in (
        done.output
    )
    assert "10 days no longer unavailable" in done.output
    assert "1 day preferred (12/01/2027)" in done.output
    assert "02/11/2026: « congrès »" in done.output
    assert "Catherine Chevalier (disponibilites-chevalier.xlsx): no change" in done.output
    assert "No form from 18 instructors: " in done.output and "Laure Serresse" in done.output
    faculty = load_programme(merged)
    calvel = faculty.instructor("calvel")
    assert {d for d in CALVEL_AWAY if not calvel.available_on(d)} == CALVEL_AWAY
    assert calvel.available_on(D(2026, 10, 19)) and calvel.prefers(D(2027, 1, 12))
    result = solve(faculty, time_limit=8)  # a calendar, verified; its proof takes longer
    assert result.solution is not None
    assert verify(faculty, result.solution) == []
    for placed in result.solution.sessions:
        if "calvel" in placed.instructors:
            assert placed.date not in CALVEL_AWAY
    # The file as written is kept: only Calvel's entry changed, comments included.
    before = programme.read_text(encoding="utf-8").splitlines()
    after = merged.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before) + 1
    assert [line for line in after if line not in before] == [
        "    unavailable: [{start: 2026-11-02, end: 2026-11-04}]",
        "    preferred_dates: [2027-01-12]",
    ]


def test_collect_in_place_into_a_workbook_programme(returned: Path, tmp_path: Path) -> None:
    book = tmp_path / "m2.xlsx"
    assert run("convert", str(M2), "--to", "xlsx", "--out", str(book)).exit_code == 0
    done = run("availability", "collect", str(book), str(returned), "--in-place")
    assert done.exit_code == 0, done.output
    calvel = load_programme(book).instructor("calvel")
    assert not calvel.available_on(D(2026, 11, 3)) and calvel.available_on(D(2027, 2, 15))


def _tamper(form: Path, sheet: str, cell: str, value: object) -> None:
    book = openpyxl.load_workbook(form)
    book[sheet][cell].value = value
    book.save(form)


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "found"),
    [
        (FORM_SHEET, "A10", dt.datetime(2027, 3, 1), "Disponibilités!A10: error: the date 07/09"),
        (FORM_SHEET, "E11", '=IF(1,"indisponible")', "Disponibilités!E11: error: a formula"),
        (FORM_SHEET, "E12", "peut-être", "Disponibilités!E12: error: unknown answer 'peut-être'"),
        (FORM_SHEET, "A900", dt.datetime(2027, 3, 1), "Disponibilités!A900: error: a row the form"),
        (RECORD_SHEET, "A2", "calvell", "Formulaire!A2: error: a form of an unknown instructor"),
    ],
    ids=["date-changed", "formula", "unknown-answer", "row-added", "unknown-instructor"],
)
def test_a_tampered_form_is_refused_at_its_cell_and_nothing_is_merged(
    programme: Path, returned: Path, sheet: str, cell: str, value: object, found: str
) -> None:
    form = returned / form_name("calvel")
    _tamper(form, sheet, cell, value)
    before = programme.read_bytes()
    done = run("availability", "collect", str(programme), str(returned), "--in-place")
    assert done.exit_code == 2
    assert f"disponibilites-calvel.xlsx:{found}" in done.output
    assert "Traceback" not in done.output
    assert programme.read_bytes() == before
    if cell == "A2":
        assert "did you mean 'calvel'?" in done.output


def test_two_forms_of_one_instructor_or_a_stranger_workbook_are_refused(
    programme: Path, returned: Path, tmp_path: Path
) -> None:
    shutil.copy(returned / form_name("calvel"), returned / "calvel-bis.xlsx")
    openpyxl.Workbook().save(returned / "notes.xlsx")
    with pytest.raises(FormProblems) as raised:
        collect_forms(programme, returned, tmp_path / "merged.yaml")
    messages = [p.message for p in raised.value.problems]
    assert any(m.startswith("a second form of 'calvel'") for m in messages)
    assert "not an availability form" in messages
    assert not (tmp_path / "merged.yaml").exists()


def test_answers_replace_the_asked_dates_and_keep_the_others_with_their_reason() -> None:
    entries = [{"start": "2026-10-19", "end": "2026-10-23", "reason": "congé"}, "2026-12-01"]
    asked = {D(2026, 10, 21), D(2026, 10, 22), D(2026, 12, 2)}
    new, added, removed = merged_dates(entries, asked, {D(2026, 12, 2)})
    assert new == [
        {"start": "2026-10-19", "end": "2026-10-20", "reason": "congé"},
        {"start": "2026-10-23", "end": "2026-10-23", "reason": "congé"},
        "2026-12-01",
        "2026-12-02",
    ]
    assert added == [D(2026, 12, 2)] and removed == [D(2026, 10, 21), D(2026, 10, 22)]
    assert merged_dates(entries, asked, {D(2026, 10, 21), D(2026, 10, 22)}) == (entries, [], [])


def test_a_yaml_entry_is_edited_in_place_or_not_at_all() -> None:
    text = (
        "instructors:\n"
        "  - id: a  # first\n"
        "    name: A\n"
        "    unavailable:\n"
        "      - 2026-10-01\n"
        "  # b comes next\n"
        "  - {id: b, name: B}\n"
    )
    data = parse_yaml(text, "t").data
    data["instructors"][0]["unavailable"] = ["2026-10-02"]
    data["instructors"][1]["preferred_dates"] = [{"start": "2026-11-02", "end": "2026-11-03"}]
    edits = {
        ("instructors", 0): {"unavailable": ["2026-10-02"]},
        ("instructors", 1): {"preferred_dates": [{"start": "2026-11-02", "end": "2026-11-03"}]},
    }
    assert edited(text, edits, data) == (
        "instructors:\n"
        "  - id: a  # first\n"
        "    name: A\n"
        "    unavailable: [2026-10-02]\n"
        "  # b comes next\n"
        "  - {id: b, name: B, preferred_dates: [{start: 2026-11-02, end: 2026-11-03}]}\n"
    )
    # An entry written through an alias cannot be edited alone: the whole file is rewritten.
    aliased = "base: &x {id: a, name: A}\ninstructors: [*x]\n"
    wanted = parse_yaml(aliased, "t").data
    wanted["instructors"][0] = {"id": "a", "name": "A", "unavailable": ["2026-10-02"]}
    assert edited(aliased, {("instructors", 0): {"unavailable": ["2026-10-02"]}}, wanted) is None
    assert flow(["2026-10-02", "a: b"]) == "[2026-10-02, 'a: b']"


def test_a_faculty_merges_each_answer_into_the_files_that_write_the_instructor(
    tmp_path: Path,
) -> None:
    """Donatien Mallet teaches in the M2 and the DU: his answer goes into both files, in
    place; the faculty file, which writes no instructor, is left as it was."""
    for source in [*DATA.glob("*.yaml"), DATA / "calendars"]:
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / source.name)
    faculty = tmp_path / "faculty-2026-2027.yaml"
    forms, back = tmp_path / "forms", tmp_path / "back"
    write_forms(faculty, forms)
    # Emmanuel Allory's agenda (data/calendars/allory.ics) is read: his busy days are shown.
    allory = load_programme(faculty).instructor("allory")
    sheet = openpyxl.load_workbook(forms / form_name("allory"))[FORM_SHEET]
    rows = [r for r in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if r[0]]
    shown = {r[0].date() for r in rows if r[3] == BUSY}
    busy = {r[0].date() for r in rows if any(r[0].date() in span for span in allory.busy)}
    assert shown and shown == busy
    back.mkdir()
    shutil.copy(forms / form_name("mallet"), back)
    fill(back / form_name("mallet"), {D(2027, 3, 9)})
    before = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.yaml")}
    with pytest.raises(FormProblems, match="written in included files"):
        collect_forms(faculty, back, tmp_path / "merged.yaml")
    assert not (tmp_path / "merged.yaml").exists()
    report = collect_forms(faculty, back)
    assert [Path(p).name for p in report.written] == [
        "m2-medecine-palliative-2026-2027.yaml",
        "du-pccpu-2026-2027.yaml",
    ]
    assert [m.unavailable_added for m in report.merged] == [(D(2027, 3, 9),)]
    for name in report.written:
        changed = Path(name).read_text(encoding="utf-8").splitlines()
        assert [line for line in changed if line not in before[Path(name).name]] == [
            "    unavailable: [{start: 2026-10-05, end: 2026-10-09}, "
            "{start: 2027-02-22, end: 2027-03-05}, 2027-03-09]"
        ]
    assert faculty.read_text(encoding="utf-8") == before[faculty.name]
    assert not load_programme(faculty).instructor("mallet").available_on(D(2027, 3, 9))
