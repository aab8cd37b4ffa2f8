"""The bundled 2026-2027 programmes load, validate, and say what the seeds say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palliasched import Faculty, Severity, check_programme, load_programme
from palliasched.domain.calendar import FULL_DAY
from palliasched.domain.programme import SessionOrder

from .conftest import DATA, M2, PROGRAMME_FILES

BUNDLED = PROGRAMME_FILES


def test_every_programme_of_the_brief_is_bundled() -> None:
    names = {p.name for p in BUNDLED}
    assert {
        "m2-medecine-palliative-2026-2027.yaml",
        "diu-partenariat-2026-2027.yaml",
        "du-pccpu-2026-2027.yaml",
        "faculty-2026-2027.yaml",
    } <= names


def test_the_example_changes_apply_to_the_m2() -> None:
    from palliasched.replan.changes import load_changes

    faculty = load_programme(M2)
    changed, changes = load_changes(faculty, DATA / "changes-example.yaml")
    assert [c.text for c in changes] == [
        "Laure Serresse unavailable: congrès",
        "Coc 3024 closed: travaux",
        "UE 8 now 24 h in person",
        "UE 8 : MANAGEMENT PROJET (SUITE) added: UE 8 passe à 24 h",
    ]
    assert changes[2].french == "UE 8 passe à 24 h en présentiel"
    assert changed.has("session", "ue8-projet-suite")
    assert changed.changes.endswith("changes-example.yaml")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_validate_without_errors(path: Path) -> None:
    checked = check_programme(path)
    assert checked.ok, "\n".join(map(str, checked.errors))
    # The only warnings are deliberate: the M2 internship's hours are not 22 h per ECTS.
    for warning in checked.warnings:
        assert warning.entry == "unit 'ue9'" and warning.field == "total_hours"


@pytest.fixture(scope="module")
def m2() -> Faculty:
    return load_programme(M2)


def test_m2_has_the_eleven_units_of_the_brochure(m2: Faculty) -> None:
    (programme,) = m2.programmes
    units = {u.code: u for u in programme.units}
    assert list(units) == [
        "UE 1",
        "UE 2",
        "UE 3",
        "UE 4",
        "UE 5",
        "UE 11",
        "UE 6",
        "UE 7",
        "UE 8",
        "UE 9",
        "UE 10",
    ]
    ects = {code: u.ects for code, u in units.items()}
    assert sum(ects[f"UE {n}"] for n in (1, 2, 3, 4, 5, 11)) == 30  # semester 1
    assert sum(ects[f"UE {n}"] for n in (6, 7, 8, 9, 10)) == 30  # semester 2
    presence = {code: u.presence_minutes // 60 for code, u in units.items()}
    assert presence == {
        "UE 1": 32,
        "UE 2": 16,
        "UE 3": 24,
        "UE 4": 24,
        "UE 5": 16,
        "UE 11": 16,
        "UE 6": 16,
        "UE 7": 24,
        "UE 8": 20,
        "UE 9": 0,
        "UE 10": 24,
    }
    assert units["UE 8"].semester == "S2"
    assert units["UE 9"].internship is not None
    assert not programme.sessions_of(units["UE 9"].id)


def test_m2_sessions_count_the_declared_hours(m2: Faculty) -> None:
    (programme,) = m2.programmes
    for unit in programme.units:
        if unit.internship is None:
            assert programme.scheduled_minutes(unit.id) == unit.presence_minutes, unit.code


def test_m2_counts_eight_hours_a_day_like_the_published_grid(m2: Faculty) -> None:
    slots = m2.programmes[0].slots
    assert [s.label for s in slots] == ["9h30-12h30", "14h-18h"]
    assert slots.counted_minutes(FULL_DAY) == 8 * 60
    assert sum(s.clock_minutes for s in slots) == 7 * 60


def test_m2_opens_with_the_opening_day_and_ends_with_rsca_in_quarter_groups(m2: Faculty) -> None:
    (programme,) = m2.programmes
    first = [s for s in programme.sessions if s.order is SessionOrder.FIRST]
    last = [s for s in programme.sessions if s.order is SessionOrder.LAST]
    assert [s.title for s in first] == ["Journée d'ouverture"]
    assert first[0].length == FULL_DAY
    (presentations,) = last
    assert presentations.unit == "ue10" and presentations.groups == 4
    assert presentations.rooms_needed == 4
    assert len(m2.rooms_of("cochin")) >= 4


def test_m2_keeps_every_published_instructor(m2: Faculty) -> None:
    names = {i.name for i in m2.instructors}
    for name in (
        "Laure Serresse",
        "Donatien Mallet",
        "Françoise Bauthamy",
        "Sarah Dauchy",
        "Axelle Van Lander",
        "Audrey Thomas Schoemann",
        "Elise Perceau-Chambard",
    ):
        assert name in names
    mallet = {s.unit for s in m2.sessions if "mallet" in s.instructors}
    assert mallet == {"ue3", "ue7"}


def test_m2_illustrative_availability_keeps_the_published_dates_possible(m2: Faculty) -> None:
    published = {
        "calvel": ["2026-10-06", "2026-10-07", "2026-11-04", "2027-01-11", "2027-03-16"],
        "mallet": ["2026-11-23", "2026-11-24", "2026-11-25", "2027-01-12", "2027-01-14"],
        "serresse": ["2027-05-10", "2027-05-11", "2027-05-12"],
        "dauchy": ["2026-11-06"],
        "triol": ["2026-12-01", "2026-12-02", "2027-03-16"],
        "van-lander": ["2027-01-15"],
    }
    for instructor_id, days in published.items():
        instructor = m2.instructor(instructor_id)
        for day in days:
            assert instructor.available_on(dt.date.fromisoformat(day)), (instructor_id, day)


def test_du_shares_sessions_with_the_master_c3s_cohort() -> None:
    faculty = load_programme(DATA / "du-pccpu-2026-2027.yaml")
    shared = [s for s in faculty.sessions if len(s.cohorts) == 2]
    shared_units = {s.unit for s in shared}
    assert shared_units == {"du-ue1", "du-ue2", "du-ue4", "du-ue5", "du-ue9"}
    (programme,) = faculty.programmes
    c3s_minutes = sum(
        programme.counted_minutes(s) for s in shared if s.unit in {"du-ue1", "du-ue4"}
    )
    assert c3s_minutes == (5 + 14) * 60  # 5 h of UE 1 and 14 h of UE 4 for the C3S students
    assert programme.scheduled_minutes("du-ue3") == 16.5 * 60


def test_diu_alternates_brest_and_rennes_and_ends_with_the_presentations() -> None:
    faculty = load_programme(DATA / "diu-partenariat-2026-2027.yaml")
    (programme,) = faculty.programmes
    hours = {u.code: programme.scheduled_minutes(u.id) / 60 for u in programme.units}
    assert sum(v for k, v in hours.items() if k.startswith("Module")) == 84
    assert hours["Évaluation"] == 7
    sites = {s.unit: s.sites for s in programme.sessions}
    assert sites["diu-m1"] == sites["diu-m3"] == ("brest",)
    assert sites["diu-m2"] == sites["diu-m4"] == ("rennes",)
    assert set(sites["diu-evaluation"]) == {"brest", "rennes"}
    span = programme.semester("S2")
    assert span is not None and span.start.month == 1 and span.end.month == 6


def test_faculty_combines_the_programmes_and_their_shared_entries() -> None:
    faculty = load_programme(DATA / "faculty-2026-2027.yaml")
    assert {p.id for p in faculty.programmes} == {"m2-mp", "du-pccpu", "diu-partenariat", "mooc-sp"}
    teachers = {p.id for p in faculty.programmes for s in p.sessions if "mallet" in s.instructors}
    assert teachers == {"m2-mp", "du-pccpu"}  # one instructor, two programmes
    rooms = {
        p.id: {r.id for s in p.sessions for site in s.sites for r in faculty.rooms_of(site)}
        for p in faculty.programmes
    }
    assert rooms["m2-mp"] & rooms["du-pccpu"]  # shared rooms at Cochin
    du = faculty.programme("du-pccpu")
    m2 = faculty.programme("m2-mp")
    assert du.slots != m2.slots  # each keeps its own slot template
    assert [c.reason for c in du.closures]  # and its own closures


def test_no_bundled_file_warns_about_anything_but_known_facts() -> None:
    for path in BUNDLED:
        for problem in check_programme(path).problems:
            assert problem.severity is Severity.WARNING
