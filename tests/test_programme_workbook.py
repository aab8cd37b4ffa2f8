"""The programme as a workbook: ``palliasched template`` and ``convert``, and every command
reading a workbook programme into the same domain model, with errors at their cells."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palliasched import Faculty, Solution, check_programme, load_programme
from palliasched.io.convert import as_workbook, template_workbook
from palliasched.io.schema import ProgrammeFileIn
from palliasched.io.workbook_read import read_programme_workbook
from palliasched.io.yaml_source import read_yaml
from palliasched.saved import load_solution

from .conftest import FIXTURES, ROOT
from .test_solve import run_cli

BUNDLED = [
    "m2-medecine-palliative-2026-2027",
    "du-pccpu-2026-2027",
    "diu-partenariat-2026-2027",
    "mooc-soins-palliatifs-2027",
    "faculty-2026-2027",
]


def _model(data: dict[str, Any]) -> dict[str, Any]:
    return ProgrammeFileIn.model_validate(data).model_dump(mode="json", warnings=False)


def _round_trip(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    path = folder / "programme.xlsx"
    path.write_bytes(as_workbook(data))
    return read_programme_workbook(path, "programme.xlsx").data  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", BUNDLED)
def test_a_bundled_file_survives_the_round_trip(name: str, tmp_path: Path) -> None:
    data = read_yaml(ROOT / "data" / f"{name}.yaml").data
    assert _model(_round_trip(data, tmp_path)) == _model(data)


def test_the_m2_as_a_workbook_is_the_same_programme_and_calendar(
    m2: Faculty, m2_solution: Solution, tmp_path: Path
) -> None:
    yaml_file = ROOT / "data" / "m2-medecine-palliative-2026-2027.yaml"
    book = tmp_path / "m2.xlsx"
    done = run_cli("convert", str(yaml_file), "--to", "xlsx", "--out", str(book))
    assert done.returncode == 0, done.stderr
    assert "comment lines are not kept in the workbook" in done.stderr  # said, not dropped
    assert dataclasses.replace(load_programme(book), source=m2.source) == m2
    done = run_cli("solve", str(book), "--out", str(tmp_path / "out"), "--time-limit", "30")
    assert done.returncode == 0 and "Status: optimal" in done.stdout, done.stderr
    from_book = load_solution(tmp_path / "out" / "solution.json", book)
    assert from_book.sessions == m2_solution.sessions  # the YAML's calendar (the same solve)
    back = tmp_path / "m2.yaml"
    assert run_cli("convert", str(book), "--to", "yaml", "--out", str(back)).returncode == 0
    assert dataclasses.replace(load_programme(back), source=m2.source) == m2


def test_the_template_is_documented_french_and_valid(tmp_path: Path) -> None:
    path = tmp_path / "programme.xlsx"
    done = run_cli("template", "--out", str(path))
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == template_workbook()  # deterministic
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:10] == [
        "Calendrier", "Sites", "Salles", "Intervenants", "Indisponibilités",
        "Programmes", "Cohortes", "UE", "Séances", "Poids",
    ]  # fmt: skip
    sessions = book["Séances"]
    headers = {c.value: c for c in sessions[1]}
    instructors = headers["Intervenants [instructors]"]
    assert instructors.comment is not None and sessions.max_row >= 2  # a note, an example row
    lists = {str(v.sqref): v.formula1 for v in sessions.data_validations.dataValidation}
    assert f"{instructors.column_letter}2:{instructors.column_letter}2000" in lists
    rooms = headers["Salles possibles [rooms.allowed]"].column_letter
    assert lists[f"{rooms}2:{rooms}2000"] == "=salles"  # a room chosen in a list
    assert check_programme(path).ok


def _mistake(tmp_path: Path, sheet: str, cell: str, value: object) -> str:
    path = tmp_path / "programme.xlsx"
    path.write_bytes(template_workbook())
    book = openpyxl.load_workbook(path)
    book[sheet][cell].value = value
    book.save(path)
    checked = check_programme(path)
    assert not checked.ok, (sheet, cell)
    return "\n".join(str(e) for e in checked.errors)


MISTAKES = [
    ("Calendrier", "B2", "{start: 2026-09-01}", "Calendrier!B2"),
    ("Sites", "A2", "salle 1", "Sites!A2"),
    ("Salles", "C2", "cochn", "did you mean 'cochin'"),
    ("Intervenants", "F2", 9, "Intervenants!F2"),
    ("Indisponibilités", "A2", "dupond", "Indisponibilités!A2: error: unknown instructor or room"),
    ("Programmes", "C2", "licence", "Programmes!C2"),
    ("Cohortes", "A2", "du-exmple", "Cohortes!A2: error: unknown programme 'du-exmple'"),
    ("UE", "H2", "douze", "UE!H2"),
    ("Séances", "H2", "dupnt", "did you mean 'dupont'"),
    ("Séances", "M2", "coc-3062", "Séances!M2: error: session 'ue1-cours'.rooms.allowed: unknown"),
    ("Poids", "B2", -5, "Poids!B2"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "said"), MISTAKES)
def test_a_mistake_in_each_sheet_names_its_cell(
    sheet: str, cell: str, value: object, said: str, tmp_path: Path
) -> None:
    assert said in _mistake(tmp_path, sheet, cell, value)


def test_an_unknown_instructor_in_a_session_names_the_cell_and_exits_2(tmp_path: Path) -> None:
    text = _mistake(tmp_path, "Séances", "H2", "dupnt")
    assert "programme.xlsx:Séances!H2: error: session 'ue1-cours'.instructors" in text
    done = run_cli("solve", str(tmp_path / "programme.xlsx"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "Séances!H2" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_formula_is_refused_where_it_is(tmp_path: Path) -> None:
    assert "UE!H2: error: a formula is not read" in _mistake(tmp_path, "UE", "H2", "=6+4")


TRICKY = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t.strip())


def test_generated_programmes_survive_the_round_trip(tmp_path: Path) -> None:
    reached: list[str] = []

    @settings(max_examples=8, deadline=None)
    @given(
        title=TRICKY,
        name=TRICKY,
        hours=st.sampled_from([None, 1.5, 3, 4]),
        count=st.integers(1, 3),
        online=st.booleans(),
        extra=st.sampled_from(["", "{groups: 2, per_group: 1}", "[x1-a]"]),
    )
    def round_trip(
        title: str, name: str, hours: float | None, count: int, online: bool, extra: str
    ) -> None:
        data = read_yaml(FIXTURES / "micro.yaml").data
        programme = data["programmes"][0]
        programme["title"] = title
        data["instructors"][0]["name"] = name
        session = programme["units"][0]["sessions"][0]
        session.update({"count": count, "title": title})
        if hours is not None:
            session["counted_hours"] = hours
        if online:
            session["online"] = True
            session["link"] = "https://example.org/" + str(count)
        elif extra.startswith("{"):
            session["rooms"] = {"groups": 2, "per_group": 1}
        elif extra:
            session["after"] = ["u1-b"]
        assert _model(_round_trip(data, tmp_path)) == _model(data)
        reached.append(title)

    round_trip()
    assert len(reached) >= 8, f"only {len(reached)} generated programmes reached the assertion"
