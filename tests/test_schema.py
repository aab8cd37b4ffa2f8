"""The JSON Schema editors use: valid, and satisfied by every bundled file."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from palliasched import check_programme
from palliasched.io.schema import json_schema
from palliasched.io.yaml_source import read_yaml

from .conftest import DATA, FIXTURES, PROGRAMME_FILES


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", PROGRAMME_FILES, ids=lambda p: p.name)
def test_bundled_files_satisfy_the_schema(path: Path) -> None:
    data = read_yaml(path).data
    errors = list(Draft202012Validator(json_schema()).iter_errors(data))
    assert not errors, [e.message for e in errors]


def test_the_schema_rejects_an_unknown_key() -> None:
    data = read_yaml(DATA / "m2-medecine-palliative-2026-2027.yaml").data
    data["programmes"][0]["units"][0]["presense_hours"] = 3
    assert list(Draft202012Validator(json_schema()).iter_errors(data))


def test_the_schema_documents_the_fields() -> None:
    unit = json_schema()["$defs"]["UnitIn"]["properties"]
    assert "présentiel" in unit["presence_hours"]["description"]


def test_the_changes_schema_accepts_the_example_and_rejects_a_typo() -> None:
    from palliasched.io.changes_file import changes_json_schema

    schema = changes_json_schema()
    Draft202012Validator.check_schema(schema)
    data = read_yaml(DATA / "changes-example.yaml").data
    assert not list(Draft202012Validator(schema).iter_errors(data))
    data["changes"][0]["unavailabe"] = data["changes"][0].pop("unavailable")
    assert list(Draft202012Validator(schema).iter_errors(data))


def test_a_french_date_in_a_list_is_one_error_naming_its_entry(tmp_path: Path) -> None:
    text = (FIXTURES / "micro.yaml").read_text(encoding="utf-8")
    bad = text.replace(
        "{id: ana, name: Ana Roux}", "{id: ana, name: Ana Roux, unavailable: [15/03/2027]}"
    )
    path = tmp_path / "programme.yaml"
    path.write_text(bad, encoding="utf-8")
    (problem,) = check_programme(path).errors
    assert problem.entry == "instructor 'ana'" and problem.field == "unavailable.0"
    assert "write dates as YYYY-MM-DD (got '15/03/2027')" in str(problem)


# A value other than the default for every field of an instructor in the file.
AGENDA = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\nBEGIN:VEVENT\r\nUID:a@t\r\n"
    "DTSTAMP:20261201T000000Z\r\nDTSTART:20270111T100000\r\nDTEND:20270111T110000\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
INSTRUCTOR_VALUES = {
    "home_site": "paris",
    "unavailable": "[2027-01-04]",
    "unavailable_from": "[agenda.ics]",
    "available_only": "[{start: 2027-01-05, end: 2027-01-29}]",
    "max_days_per_week": "2",
    "preferred_days": "[tue]",
    "preferred_dates": "[2027-01-06]",
    "weekdays": "[tue, wed]",
}


def test_every_field_of_an_instructor_reaches_the_domain_model(tmp_path: Path) -> None:
    """A field added to the file's instructors and forgotten in the build fails here, with
    its name; so does one without a value in INSTRUCTOR_VALUES."""
    from dataclasses import fields

    from palliasched.domain.programme import Instructor
    from palliasched.io.schema import InstructorIn

    written = set(InstructorIn.model_fields) - {"id", "name"}
    assert written == set(INSTRUCTOR_VALUES), "give INSTRUCTOR_VALUES a value for each field"
    entry = ", ".join(f"{k}: {v}" for k, v in INSTRUCTOR_VALUES.items())
    text = (FIXTURES / "micro.yaml").read_text(encoding="utf-8")
    path = tmp_path / "programme.yaml"
    (tmp_path / "agenda.ics").write_text(AGENDA, encoding="utf-8")
    path.write_text(
        text.replace("{id: ana, name: Ana Roux}", f"{{id: ana, name: Ana Roux, {entry}}}")
    )
    checked = check_programme(path)
    assert checked.faculty is not None, [str(p) for p in checked.errors]
    built = checked.faculty.instructor("ana")
    default = Instructor("ana", "Ana Roux")
    unset = [
        f.name
        for f in fields(Instructor)
        if f.name not in ("id", "name") and getattr(built, f.name) == getattr(default, f.name)
    ]
    assert not unset, f"fields of the file not carried into Instructor: {unset}"
