"""Each validation rule, one fault at a time: the error names the file, line, entry and field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from palliasched import ProgrammeError, Severity, check_programme, load_programme
from palliasched.domain.calendar import DEFAULT_SLOTS, Slot, SlotTemplate
from palliasched.io.validation import reachable_totals

Edit = tuple[str, str]

# (case, edits to the minimal file, expected entry, expected field, words of the message)
CASES: list[tuple[str, list[Edit], str, str, list[str]]] = [
    (
        "unknown instructor, with the closest id suggested",
        [
            (
                "instructors: [serresse]}\n          - {id: ue6-neuro",
                "instructors: [seresse]}\n          - {id: ue6-neuro",
            )
        ],
        "session 'ue6-onco'",
        "instructors",
        ["unknown instructor 'seresse'", "did you mean 'serresse'"],
    ),
    (
        "unknown cohort",
        [
            (
                "{id: ue6-onco, title: Oncologie,",
                "{id: ue6-onco, title: Oncologie, cohorts: [m2-206],",
            )
        ],
        "session 'ue6-onco'",
        "cohorts",
        ["unknown cohort 'm2-206'", "did you mean 'm2-2026'"],
    ),
    (
        "unknown room",
        [("{id: ue6-onco, title: Oncologie,", "{id: ue6-onco, rooms: {allowed: [coc-3062]},")],
        "session 'ue6-onco'",
        "rooms.allowed",
        ["unknown room 'coc-3062'", "did you mean 'coc-3026'"],
    ),
    (
        "unknown site",
        [("site: cochin, capacity: 30", "site: cochn, capacity: 30")],
        "room 'coc-3026'",
        "site",
        ["unknown site 'cochn'", "did you mean 'cochin'"],
    ),
    (
        "unknown session in a precedence",
        [("{id: ue6-neuro, title: Neuro,", "{id: ue6-neuro, after: [ue6-oncol], title: Neuro,")],
        "session 'ue6-neuro'",
        "after",
        ["unknown session 'ue6-oncol'", "did you mean 'ue6-onco'"],
    ),
    (
        "duplicate id",
        [("- {id: mallet, name: Donatien Mallet}", "- {id: serresse, name: Donatien Mallet}")],
        "instructor 'serresse'",
        "id",
        ["duplicate instructor id 'serresse'"],
    ),
    (
        "non-positive presence hours",
        [("presence_hours: 8", "presence_hours: 0")],
        "unit 'ue7'",
        "presence_hours",
        ["presence hours must be positive"],
    ),
    (
        "non-positive total hours",
        [("total_hours: 66", "total_hours: 0")],
        "unit 'ue7'",
        "total_hours",
        ["total hours must be positive"],
    ),
    (
        "presence hours above total hours",
        [
            (
                "total_hours: 66\n        presence_hours: 8",
                "total_hours: 6\n        presence_hours: 8",
            )
        ],
        "unit 'ue7'",
        "presence_hours",
        ["exceed total hours"],
    ),
    (
        "declared hours differ from the sessions, with the reachable totals",
        [("presence_hours: 16", "presence_hours: 21")],
        "unit 'ue6'",
        "presence_hours",
        ["declared presence hours are 21 h", "count 16 h", "20 h or 24 h"],
    ),
    (
        "window outside the academic year",
        [
            (
                "window: {start: 2027-05-10, end: 2027-06-30}",
                "window: {start: 2027-05-10, end: 2027-09-30}",
            )
        ],
        "unit 'ue6'",
        "window",
        ["outside the academic year"],
    ),
    (
        "pinned date outside the academic year",
        [
            (
                "{id: ue6-onco, title: Oncologie,",
                "{id: ue6-onco, date: 2028-01-10, title: Oncologie,",
            )
        ],
        "session 'ue6-onco'",
        "date",
        ["pinned date 10/01/2028 is outside the academic year"],
    ),
    (
        "semester outside the academic year",
        [("S2: {start: 2027-01-01, end: 2027-08-31}", "S2: {start: 2027-01-01, end: 2027-10-31}")],
        "programme 'm2'",
        "semesters",
        ["semester S2", "outside the academic year"],
    ),
    (
        "no room large enough",
        [("{id: m2-2026, size: 20}", "{id: m2-2026, size: 45}")],
        "session 'ue6-onco'",
        "rooms",
        ["no room of cochin holds 45 students"],
    ),
    (
        "unknown session length",
        [("length: matin, count: 2", "length: matinee, count: 2")],
        "session 'ue7-ethique'",
        "length",
        ["unknown length 'matinee'", "did you mean 'matin'"],
    ),
    (
        "unknown semester",
        [("semester: S1\n        sessions", "semester: S3\n        sessions")],
        "unit 'ue7'",
        "semester",
        ["unknown semester 'S3'"],
    ),
    (
        "precedence cycle",
        [
            (
                "{id: ue6-onco, title: Oncologie,",
                "{id: ue6-onco, after: [ue6-neuro], title: Oncologie,",
            ),
            ("{id: ue6-neuro, title: Neuro,", "{id: ue6-neuro, after: [ue6-onco], title: Neuro,"),
        ],
        "session",
        "after",
        ["precedences form a cycle"],
    ),
    (
        "unknown key, with the closest key suggested",
        [("        presence_hours: 16", "        presense_hours: 16")],
        "unit 'ue6'",
        "presense_hours",
        ["unknown key 'presense_hours'", "did you mean 'presence_hours'"],
    ),
    (
        "missing required key",
        [("        title: Ethique\n", "")],
        "unit 'ue7'",
        "title",
        ["'title' is required"],
    ),
    (
        "badly written date",
        [("end: 2027-06-30}", "end: 2027-06-31}")],
        "unit 'ue6'",
        "window.end",
        ["2027-06-31", "YYYY-MM-DD"],
    ),
    (
        "pool larger than its candidates",
        [("instructors: [mallet]}", "instructors: {among: [mallet], count: 2}}")],
        "session 'ue7-ethique'",
        "instructors",
        ["needs 2 instructors among a pool of 1"],
    ),
    (
        "overlapping slots",
        [
            (
                "  semesters:\n",
                "  slots:\n"
                "    - {id: matin, start: '09:30', end: '12:30', counted_hours: 4}\n"
                "    - {id: apres-midi, start: '12:00', end: '18:00', counted_hours: 4}\n"
                "  semesters:\n",
            )
        ],
        "programme 'm2'",
        "slots",
        ["slots 'matin' and 'apres-midi' overlap"],
    ),
    (
        "a teaching period outside the academic year",
        [
            (
                "      - {id: m2-2026, size: 20}\n",
                "      - {id: m2-2026, size: 20}\n    teaching_weeks:\n      periods:\n"
                "        - {start: 2026-10-01, end: 2026-12-31}\n"
                "        - {start: 2027-01-01, end: 2027-11-30}\n",
            )
        ],
        "programme 'm2'",
        "teaching_weeks.periods.1",
        ["teaching period 01/01/2027-30/11/2027 is outside the academic year"],
    ),
    (
        "teaching periods that overlap",
        [
            (
                "      - {id: m2-2026, size: 20}\n",
                "      - {id: m2-2026, size: 20}\n    teaching_weeks:\n      periods:\n"
                "        - {start: 2026-10-01, end: 2027-01-31}\n"
                "        - {start: 2027-01-01, end: 2027-05-31}\n",
            )
        ],
        "programme 'm2'",
        "teaching_weeks.periods",
        ["teaching periods 01/10/2026-31/01/2027 and 01/01/2027-31/05/2027 overlap"],
    ),
]


def _apply(text: str, edits: list[Edit]) -> str:
    for old, new in edits:
        assert old in text, f"the fixture no longer contains {old!r}"
        text = text.replace(old, new, 1)
    return text


def test_the_minimal_fixture_is_valid(minimal_text: str, write: Callable[..., Path]) -> None:
    checked = check_programme(write(minimal_text))
    assert checked.ok, checked.problems
    assert not checked.problems


@pytest.mark.parametrize(
    ("edits", "entry", "field", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_each_error_names_its_entry_field_and_line(
    minimal_text: str,
    write: Callable[..., Path],
    edits: list[Edit],
    entry: str,
    field: str,
    words: list[str],
) -> None:
    path = write(_apply(minimal_text, edits))
    checked = check_programme(path)
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    assert errors, "the fault went unnoticed"
    matching = [p for p in errors if p.entry.startswith(entry) and p.field == field]
    assert matching, f"no error on {entry}.{field}; got: " + "; ".join(map(str, errors))
    problem = matching[0]
    text = str(problem)
    for word in words:
        assert word in text
    assert problem.file == str(path)
    assert problem.line is not None and problem.line > 1
    with pytest.raises(ProgrammeError) as raised:
        load_programme(path)
    assert isinstance(raised.value, ValueError)
    assert raised.value.file == str(path)
    assert problem in raised.value.problems


# Sessions no day can hold: certain to fail, yet a warning; `solve` explains the conflict.
UNSCHEDULABLE: list[tuple[str, list[Edit], str, str, list[str]]] = [
    (
        "instructor unavailable on every day of the window",
        [
            (
                "- {id: serresse, name: Laure Serresse}",
                "- {id: serresse, name: Laure Serresse,"
                " unavailable: [{start: 2027-05-01, end: 2027-07-01}]}",
            )
        ],
        "session 'ue6-onco'",
        "window",
        ["no day of its window (10/05/2027-30/06/2027) can hold it", "Laure Serresse unavailable"],
    ),
    (
        "pinned on a public holiday",
        [
            (
                "{id: ue6-onco, title: Oncologie,",
                "{id: ue6-onco, date: 2027-05-17, title: Oncologie,",
            )
        ],
        "session 'ue6-onco'",
        "date",
        ["no day", "public holiday (Lundi de Pentecôte)"],
    ),
]


@pytest.mark.parametrize(
    ("edits", "entry", "field", "words"),
    [case[1:] for case in UNSCHEDULABLE],
    ids=[case[0] for case in UNSCHEDULABLE],
)
def test_a_session_no_day_can_hold_is_a_located_warning(
    minimal_text: str,
    write: Callable[..., Path],
    edits: list[Edit],
    entry: str,
    field: str,
    words: list[str],
) -> None:
    checked = check_programme(write(_apply(minimal_text, edits)))
    assert checked.ok
    (warning,) = [w for w in checked.warnings if w.entry.startswith(entry)]
    assert warning.field == field and warning.line is not None
    for word in words:
        assert word in str(warning)
    assert "palliasched solve" in str(warning)


def test_a_rhythm_its_longest_gap_makes_moot_is_a_warning(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    text = minimal_text.replace(
        "      - {id: m2-2026, size: 20}\n",
        "      - {id: m2-2026, size: 20}\n    teaching_weeks: {max_gap_weeks: 4, every_weeks: 8}\n",
    )
    checked = check_programme(write(text))
    assert checked.ok
    (warning,) = [w for w in checked.warnings if "every_weeks" in w.message]
    assert "write every_weeks: 5 or less" in str(warning)


def test_ects_that_do_not_make_the_total_hours_is_a_warning(
    minimal_text: str, write: Callable[..., Path], caplog: pytest.LogCaptureFixture
) -> None:
    checked = check_programme(write(minimal_text.replace("ects: 3", "ects: 4")))
    assert checked.ok
    (warning,) = checked.warnings
    assert warning.entry == "unit 'ue7'" and warning.field == "total_hours"
    assert "4 ECTS make 88 h" in warning.message
    caplog.clear()
    load_programme(write(minimal_text.replace("ects: 3", "ects: 4"), "again.yaml"))
    (record,) = caplog.records  # a located line on the library's logger, not a Python warning
    assert record.name == "palliasched" and record.levelname == "WARNING"
    assert re.fullmatch(r".*again\.yaml:\d+:\d+: warning: unit 'ue7'.*88 h.*", record.getMessage())


def test_identical_sessions_fail_once_under_the_id_written(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    text = minimal_text.replace("instructors: [mallet]}", "instructors: [malet]}")
    errors = check_programme(write(text)).errors
    assert [p.entry for p in errors] == ["session 'ue7-ethique'"]


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        pytest.param("", ["the file is empty"], 1, id="empty"),
        pytest.param("# only a comment\n", ["the file is empty"], 1, id="comment only"),
        pytest.param(
            "calendar: {academic_year: {start: 2026-09-01",
            ["YAML syntax error"],
            1,
            id="truncated flow mapping",
        ),
        pytest.param("calendar:\n  academic_year: [\n", ["YAML syntax error"], 3, id="truncated"),
        pytest.param("calendar:\n\tacademic_year: x\n", ["YAML syntax error"], 2, id="tab"),
        pytest.param("a: 1\na: 2\n", ["duplicate key 'a'", "line 1"], 2, id="duplicate key"),
        pytest.param("- 1\n- 2\n", ["must be a mapping"], 1, id="a list"),
        pytest.param("version: 1\n", ["'calendar' is required"], 1, id="no calendar"),
    ],
)
def test_broken_files_are_located(
    write: Callable[..., Path], text: str, words: list[str], line: int
) -> None:
    checked = check_programme(write(text))
    assert not checked.ok
    problem = checked.problems[0]
    for word in words:
        assert word in str(problem)
    assert problem.line == line


def test_a_truncated_programme_is_an_error_not_a_crash(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    for cut in range(40, len(minimal_text), 97):
        checked = check_programme(write(minimal_text[:cut]))
        assert checked.ok or checked.errors  # never an exception


def test_times_stay_clock_times_in_yaml(minimal_text: str, write: Callable[..., Path]) -> None:
    # YAML 1.1 reads 14:00 as the number 840; the loader must not.
    text = minimal_text.replace(
        "  semesters:\n",
        "  slots:\n    - {id: matin, start: 09:30, end: 12:30}\n"
        "    - {id: apres-midi, start: 14:00, end: 18:00}\n  semesters:\n",
    )
    # Counted hours default to clock time: 7 h a day, 3 h a morning.
    text = text.replace("presence_hours: 16", "presence_hours: 14")
    text = text.replace("presence_hours: 8", "presence_hours: 6")
    faculty = load_programme(write(text))
    slots = faculty.programmes[0].slots
    assert [s.label for s in slots] == ["9h30-12h30", "14h-18h"]
    assert [s.counted_minutes for s in slots] == [180, 240]


def test_reachable_totals_bracket_the_target() -> None:
    assert reachable_totals(DEFAULT_SLOTS, 21 * 60) == (20 * 60, 24 * 60)
    assert reachable_totals(DEFAULT_SLOTS, 16 * 60) == (16 * 60, 16 * 60)
    template = SlotTemplate(
        (
            Slot("a", "", DEFAULT_SLOTS.slots[0].start, DEFAULT_SLOTS.slots[0].end, 210),
            Slot("b", "", DEFAULT_SLOTS.slots[1].start, DEFAULT_SLOTS.slots[1].end, 180),
        )
    )
    assert reachable_totals(template, 390) == (390, 390)  # 3,5 h + 3 h


def test_include_of_a_missing_file_points_at_the_include(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    path = write("include: [nowhere.yaml]\n" + minimal_text)
    (problem,) = check_programme(path).errors
    assert "included file" in problem.message and "not found" in problem.message
    assert problem.line == 1


def test_included_entries_must_agree(minimal_text: str, write: Callable[..., Path]) -> None:
    write(
        minimal_text.replace("id: m2\n", "id: other\n")
        .replace("m2-2026", "o-2026")
        .replace("ue6", "o6")
        .replace("ue7", "o7")
        .replace("{id: serresse, name: Laure Serresse}", "{id: serresse, name: L. Serresse}"),
        "other.yaml",
    )
    checked = check_programme(write("include: [other.yaml]\n" + minimal_text))
    (problem,) = checked.errors
    assert "duplicate instructor id 'serresse'" in problem.message
    assert "different values" in problem.message


def test_spacing_the_copies_of_a_session_is_validated_where_it_is_written(
    minimal_text: str, write: Callable[..., Path]
) -> None:
    session = "{id: ue7-ethique, length: matin, count: 2, instructors: [mallet]}"

    def spaced(fields: str) -> str:
        written = "{id: ue7-ethique, length: matin, count: 2, instructors: [mallet], "
        return minimal_text.replace(session, f"{written}{fields}}}")

    fits = check_programme(write(spaced("spacing: {min_days_between: 14}")))
    assert fits.ok and not [w for w in fits.warnings if w.field == "spacing"]

    too_far = check_programme(write(spaced("spacing: {min_days_between: 300}")))
    (error,) = too_far.errors
    assert error.field == "spacing.min_days_between" and error.line is not None
    assert "2 copies at least 300 days apart need 301 days" in error.message
    assert "write soft: true" in str(error)

    empty = check_programme(write(spaced("spacing: {soft: true}")))
    (error,) = empty.errors
    assert "min_days_between" in str(error) and error.line is not None

    alone = minimal_text.replace(
        "{id: ue6-onco, title: Oncologie, instructors: [serresse]}",
        "{id: ue6-onco, title: Oncologie, instructors: [serresse], "
        "spacing: {one_per_regroupement: true}}",
    )
    (warning,) = [w for w in check_programme(write(alone)).warnings if w.field == "spacing"]
    assert "it has one" in warning.message
