"""A corpus of malformed and hostile inputs for every file the command line reads.

Each case is one command line (in-process) that must end with exit 2, a message that locates
the fault (file and line, sheet and cell, or the entry of a JSON file), no traceback, and
nothing written. The cases are generated from the small valid files below by replacing one
value at a time, plus structural attacks on each format (alias bombs, deep nesting, binary
data, huge sheets).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"


@dataclass(frozen=True)
class Case:
    """One command line over generated files; ``where`` must match its output."""

    name: str
    argv: list[str]
    where: str  # a regular expression: the located part of the message
    out: Path | None = None  # a folder that must stay empty (or absent)

    def located(self, output: str) -> bool:
        return re.search(self.where, output) is not None


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def _write(file: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")


def _line_of(file: str) -> str:
    """A location in ``file``: a line number, maybe a column."""
    return re.escape(file) + r":\d+"


# --- programme files --------------------------------------------------------------------------

NUMBERS = [-1, 1e308, float("inf"), float("nan"), "abc", [], {"a": 1}, 10**30, True]
DATES = ["9999-12-31", "0001-01-01", "15/03/2027", 20270315, "2027-02-30", "", [1]]
TEXTS = [
    "a\rb",
    "=1+1\r@SUM(1)",
    "x\x00y",
    "\x1b[31mred",
    "bell\x07",
    "line\nbreak",
    "",
    "a" * 5000,
]
IDS = [*TEXTS[:6], "", 12, None, ["a"]]  # bad as a definition and as a reference
REFS = [*IDS, "unknown-id"]  # a reference must also name something defined

# (path in the minimal programme, values that must be refused there)
PROGRAMME_FIELDS: list[tuple[tuple[Any, ...], list[Any]]] = [
    (("calendar", "academic_year", "start"), DATES),
    (("calendar", "academic_year", "end"), [*DATES, "2026-08-01"]),
    (("calendar", "academic_year"), [{"start": "0001-01-01", "end": "9999-12-31"}, "2026"]),
    (("calendar", "semesters", "S1", "start"), DATES),
    (("calendar", "semesters", "S2", "end"), DATES),
    (("calendar", "timezone"), ["Mars/Olympus", 3, ""]),
    (("calendar", "weekdays"), [["lun"], "mon", [], [1, 2]]),
    (("calendar", "holidays"), ["atlantis", 1, []]),
    (
        ("calendar", "slots"),
        [
            [{"id": "matin", "start": 930, "end": "12:30"}],
            [{"id": "matin", "start": "25:00", "end": "26:00"}],
            [{"id": "matin", "start": "12:30", "end": "09:30"}],
            [{"id": "m\nx", "start": "09:30", "end": "12:30"}],
            [],
            "matin",
            [{"id": "matin", "start": "09:30", "end": "12:30", "counted_hours": 1e308}],
        ],
    ),
    (("calendar", "closures"), [[{"start": "2027-01-10", "end": "2027-01-01"}], [{"x": 1}], 5]),
    (("sites", 0, "id"), IDS),
    (("sites", 0, "name"), TEXTS),
    (("rooms", 0, "id"), IDS),
    (("rooms", 0, "name"), TEXTS),
    (("rooms", 0, "site"), REFS),
    (("rooms", 0, "capacity"), [*NUMBERS, 0]),
    (("rooms", 0, "unavailable"), [["2027-13-01"], [{"start": "2027-02-10", "end": "2027-02-01"}]]),
    (("instructors", 0, "id"), IDS),
    (("instructors", 0, "name"), TEXTS),
    (("instructors", 0, "max_days_per_week"), [*NUMBERS, 0, 8]),
    (("instructors", 0, "preferred_days"), [["dimanche"], "mon", [3]]),
    (("instructors", 0, "unavailable"), [["9999-12-31"], [{"start": None}], "x"]),
    (("instructors", 0, "available_only"), [["2027-02-30"], "x", [{"end": "2027-01-01"}]]),
    (("programmes", 0, "id"), IDS),
    (("programmes", 0, "title"), TEXTS),
    (("programmes", 0, "site"), REFS),
    (("programmes", 0, "kind"), ["ecole", 1]),
    (("programmes", 0, "cohorts", 0, "id"), IDS),
    (("programmes", 0, "cohorts", 0, "size"), [*NUMBERS, 0]),
    (("programmes", 0, "teaching_weeks"), [{"max_days": 0}, {"max_days": 1e308}, "x"]),
    (("programmes", 0, "units", 0, "id"), IDS),
    (("programmes", 0, "units", 0, "code"), TEXTS),
    (("programmes", 0, "units", 0, "title"), TEXTS),
    (("programmes", 0, "units", 0, "ects"), NUMBERS),
    (("programmes", 0, "units", 0, "total_hours"), NUMBERS),
    (("programmes", 0, "units", 0, "presence_hours"), [*NUMBERS, 15]),
    (("programmes", 0, "units", 0, "semester"), ["S3", 1, None]),
    (("programmes", 0, "units", 0, "window"), [{"start": "9999-01-01", "end": "9999-12-31"}, 1]),
    (("programmes", 0, "units", 0, "sessions"), [[], None, "x"]),
    (("programmes", 0, "units", 0, "sessions", 0, "id"), IDS),
    (("programmes", 0, "units", 0, "sessions", 0, "title"), TEXTS[:6]),
    (("programmes", 0, "units", 0, "sessions", 0, "length"), ["soir", 1, None]),
    (("programmes", 0, "units", 0, "sessions", 0, "count"), [*NUMBERS, 0, 1_000_000]),
    (("programmes", 0, "units", 0, "sessions", 0, "instructors"), REFS),
    (("programmes", 0, "units", 0, "sessions", 0, "date"), DATES),
    (("programmes", 0, "units", 0, "sessions", 0, "after"), [["nowhere"], ["ue6-onco"]]),
    (("programmes", 0, "units", 0, "sessions", 0, "counted_hours"), NUMBERS),
    (("programmes", 0, "units", 0, "sessions", 0, "rooms"), [{"groups": 10**9}, {"groups": -1}]),
    (("weights",), [{"regroupements": 10**30}, {"regroupements": -5}, {"unknown": 1}, 5]),
    (("version",), [2, "1", None]),
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _programme_cases(root: Path, base: dict[str, Any]) -> Iterator[Case]:
    folder = root / "programmes"
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for path, values in PROGRAMME_FIELDS:
        for value in values:
            data = copy.deepcopy(base)
            _set(data, path, value)
            n += 1
            file = folder / f"field-{n}.yaml"
            file.write_text(_dump(data), encoding="utf-8")
            label = ".".join(map(str, path))
            yield Case(
                f"programme {label} = {value!r:.40}", ["validate", str(file)], _line_of(file.name)
            )


RAW_PROGRAMMES: dict[str, str | bytes] = {
    "empty": "",
    "only a comment": "# nothing\n",
    "a list": "- 1\n- 2\n",
    "a scalar": "hello\n",
    "tab indentation": "version: 1\ncalendar:\n\tacademic_year: 1\n",
    "unclosed flow": "calendar: {academic_year: [2026-09-01\n",
    "duplicate key": "version: 1\nversion: 1\n",
    "recursive alias": "version: 1\nsites: &a [*a]\n",
    "self-merge": "version: 1\nsites: &a {<<: *a}\n",
    "alias bomb": "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    ),
    "merge bomb": "version: 1\na: &a {x1: 1, x2: 2, x3: 3}\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} {{<<: [{', '.join(['*' + chr(97 + i)] * 9)}], y{i}: 1}}\n"
        for i in range(8)
    ),
    "deep nesting": "version: 1\nsites: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep mappings": "version: 1\nsites: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n",
    "NUL byte": b"version: 1\x00\n",
    "binary": bytes(range(256)) * 4,
    "UTF-16": "version: 1\n".encode("utf-16"),
    "Latin-1": "version: 1\ncalendar: {timezone: é}\n".encode("latin-1"),
    "BOM then garbage": b"\xef\xbb\xbf\xff\xfe",
    "huge": "version: 1\n" + "# padding\n" * 1_200_000,
    "long line": "version: 1\ntitle: " + "x" * 3_000_000 + "\n",
    "python tag": "version: !!python/object/apply:os.system ['true']\n",
    "unknown tag": "version: !custom 1\n",
    "include missing": "version: 1\ninclude: [nowhere.yaml]\n",
    "include itself": "version: 1\ninclude: [self.yaml]\n",
    "include a folder": "version: 1\ninclude: ['.']\n",
    "include /dev/zero": "version: 1\ninclude: [/dev/zero]\n",
    "include a list item": "version: 1\ninclude: [[a]]\n",
    "no programmes": "version: 1\ncalendar:\n  academic_year: {start: 2026-09-01, end: 2027-08-31}"
    "\n",
}


def _raw_programme_cases(root: Path, base: dict[str, Any]) -> Iterator[Case]:
    folder = root / "raw"
    folder.mkdir(parents=True, exist_ok=True)
    for n, (label, content) in enumerate(RAW_PROGRAMMES.items()):
        file = folder / ("self.yaml" if label == "include itself" else f"raw-{n}.yaml")
        _write(file, content)
        yield Case(f"raw programme: {label}", ["validate", str(file)], re.escape(file.name))
    yield Case("programme /dev/zero", ["validate", "/dev/zero"], re.escape("/dev/zero"))
    yield Case("programme is a folder", ["validate", str(folder)], re.escape(folder.name))
    yield Case("programme missing", ["validate", str(folder / "none.yaml")], "none.yaml")
    # Every session removed, in two ways.
    for label, mutate in (
        ("sessions: []", lambda d: d["programmes"][0]["units"][0].update(sessions=[])),
        ("no units", lambda d: d["programmes"][0].update(units=[])),
        ("programmes: []", lambda d: d.update(programmes=[])),
    ):
        data = copy.deepcopy(base)
        mutate(data)
        file = folder / f"no-sessions-{len(label)}.yaml"
        file.write_text(_dump(data), encoding="utf-8")
        yield Case(f"programme with {label}", ["validate", str(file)], _line_of(file.name))
    data = copy.deepcopy(base)
    data["programmes"][0]["units"] = []
    data["programmes"][0]["sessions"] = []
    file = folder / "nothing-at-all.yaml"
    file.write_text(_dump(data), encoding="utf-8")
    yield Case(
        "solve a programme without sessions",
        ["solve", str(file), "--out", str(root / "o0")],
        _line_of(file.name),
        root / "o0",
    )
    # A name written as a block scalar ends with a newline.
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "{id: serresse, name: Laure Serresse}", "{id: serresse, name: 'Laure\n\n    Serresse'}"
    )
    file = folder / "block-name.yaml"
    file.write_text(text, encoding="utf-8")
    yield Case("instructor name with a newline", ["validate", str(file)], _line_of(file.name))


# --- solution files --------------------------------------------------------------------------


def minimal_solution() -> dict[str, Any]:
    """A valid calendar of tests/fixtures/minimal.yaml, as solution.json holds it."""

    def session(sid: str, day: str, slots: list[str], who: str, room: str) -> dict[str, Any]:
        return {
            "session": sid,
            "date": day,
            "slots": slots,
            "instructors": [who],
            "rooms": [room],
            "site": "cochin",
        }

    return {
        "format": 1,
        "programme": {"file": "programme.yaml", "sha256": ""},
        "sessions": [
            session("ue7-ethique-1", "2026-10-05", ["matin"], "mallet", "coc-3026"),
            session("ue7-ethique-2", "2026-10-06", ["matin"], "mallet", "coc-3026"),
            session("ue6-onco", "2027-05-10", ["matin", "apres-midi"], "serresse", "coc-3026"),
            session("ue6-neuro", "2027-05-11", ["matin", "apres-midi"], "serresse", "coc-3026"),
        ],
    }


SOLUTION_EDITS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "unknown session": lambda d: d["sessions"][0].update(session="nowhere"),
    "unknown instructor": lambda d: d["sessions"][0].update(instructors=["nobody"]),
    "unknown room": lambda d: d["sessions"][0].update(rooms=["cave"]),
    "unknown site": lambda d: d["sessions"][0].update(site="mars"),
    "empty slots": lambda d: d["sessions"][0].update(slots=[]),
    "unknown slot": lambda d: d["sessions"][0].update(slots=["soir"]),
    "slots a string": lambda d: d["sessions"][0].update(slots="matin"),
    "sessions null": lambda d: d.update(sessions=None),
    "sessions a dict": lambda d: d.update(sessions={"a": 1}),
    "sessions empty": lambda d: d.update(sessions=[]),
    "session a number": lambda d: d["sessions"].__setitem__(0, 5),
    "no date": lambda d: d["sessions"][0].pop("date"),
    "date 9999": lambda d: d["sessions"][0].update(date="9999-12-31"),
    "date French": lambda d: d["sessions"][0].update(date="05/10/2026"),
    "date a number": lambda d: d["sessions"][0].update(date=20261005),
    "programme a string": lambda d: d.update(programme="programme.yaml"),
    "programme missing file": lambda d: d.update(programme={"file": "gone.yaml"}),
    "programme a folder": lambda d: d.update(programme={"file": "."}),
    "programme file a number": lambda d: d.update(programme={"file": 3}),
    "format 2": lambda d: d.update(format=2),
    "no format": lambda d: d.pop("format"),
    "a session twice": lambda d: d["sessions"].append(dict(d["sessions"][0])),
    "instructors null": lambda d: d["sessions"][0].update(instructors=None),
    "instructor with a newline": lambda d: d["sessions"][0].update(instructors=["mal\nlet"]),
    "room a dict": lambda d: d["sessions"][0].update(rooms=[{"id": 1}]),
    "changes a list": lambda d: d.update(changes=[1]),
    "site a list": lambda d: d["sessions"][0].update(site=["cochin"]),
}

RAW_SOLUTIONS: dict[str, str | bytes] = {
    "empty": "",
    "not JSON": "{sessions: }",
    "deep JSON": "[" * 100_000 + "]" * 100_000,
    "binary": bytes(range(256)) * 4,
    "UTF-16": json.dumps({"format": 1, "sessions": []}).encode("utf-16"),
    "a list": "[1, 2]",
    "a number": "12",
    "huge number": '{"format": 1e999, "sessions": []}',
    "NaN": '{"format": NaN, "sessions": []}',
}


def _solution_cases(root: Path, programme: Path) -> Iterator[Case]:
    folder = root / "solutions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programme.yaml").write_text(programme.read_text(encoding="utf-8"), encoding="utf-8")
    for n, (label, edit) in enumerate(SOLUTION_EDITS.items()):
        data = minimal_solution()
        edit(data)
        file = folder / f"solution-{n}.json"
        file.write_text(json.dumps(data), encoding="utf-8")
        out = root / f"published-{n}"
        yield Case(
            f"solution: {label}",
            ["publish", str(file), "--out", str(out)],
            re.escape(file.name) + r"(:\d+|: (sessions|programme|changes|format))",
            out,
        )
    for n, (label, content) in enumerate(RAW_SOLUTIONS.items()):
        file = folder / f"raw-{n}.json"
        _write(file, content)
        out = root / f"raw-published-{n}"
        yield Case(
            f"raw solution: {label}",
            ["publish", str(file), "--out", str(out)],
            re.escape(file.name),
            out,
        )
        yield _replan_from(
            f"replan --from raw solution: {label}", programme, file, root / f"raw-replanned-{n}"
        )


def _replan_from(label: str, programme: Path, previous: Path, out: Path) -> Case:
    """``replan`` from a bad previous calendar: refused at that file."""
    argv = ["replan", str(programme), "--from", str(previous), "--out", str(out)]
    return Case(label, [*argv, "--today", "2026-09-01"], re.escape(previous.name), out)


# --- changes files ---------------------------------------------------------------------------

CHANGE_ENTRIES: list[Any] = [
    {"room": "coc-3026", "closed": [{"start": "2027-01-08", "end": "2027-01-04"}]},
    {"site": "cochin", "closed": [{"start": "2027-01-08", "end": "2027-01-04"}]},
    {"instructor": "serresse", "unavailable": [{"start": "2027-05-14", "end": "2027-05-10"}]},
    {"instructor": "serese", "unavailable": ["2027-05-10"]},
    {"instructor": "serresse", "unavailable": ["15/03/2027"]},
    {"instructor": "serresse", "unavailable": "2027-05-10"},
    {"instructor": "serresse", "unavailable": ["9999-12-31"]},
    {"instructor": "serresse"},
    {"room": "cave", "closed": ["2027-01-04"]},
    {"site": "mars", "closed": ["2027-01-04"]},
    {"unit": "ue6", "presence_hours": 1e308},
    {"unit": "ue6", "presence_hours": float("inf")},
    {"unit": "ue6", "presence_hours": -4},
    {"unit": "ue6", "presence_hours": "many"},
    {"unit": "ue6", "presence_hours": 20},
    {"unit": "ue99", "presence_hours": 16},
    {"add_session": {"id": "x", "title": "X", "length": "matin", "instructors": ["mallet"]}},
    {"add_session": {"id": "x", "length": "soir", "instructors": ["mallet"]}, "unit": "ue7"},
    {
        "add_session": {"id": "ue6-onco", "length": "matin", "instructors": ["mallet"]},
        "unit": "ue7",
    },
    {"add_session": "x", "unit": "ue7"},
    {"add_session": {"id": "x\ny", "length": "matin", "instructors": ["mallet"]}, "unit": "ue7"},
    {"remove_session": "nowhere"},
    {"remove_session": ["ue6-onco"]},
    {"unit": "ue6", "window": {"start": "2027-06-30", "end": "2027-05-10"}},
    {"session": "ue6-onco", "window": {"start": "0001-01-01", "end": "0001-01-02"}},
    {"session": "nowhere", "window": {"start": "2027-05-10", "end": "2027-05-20"}},
    {"unit": "ue6", "window": "May"},
    {"bogus": 1},
    {},
    "just text",
    None,
    {"instructor": "serresse", "unavailable": ["2027-05-10"], "reason": "a\rb"},
    {"instructor": "serresse", "unavailable": ["2027-05-10"], "reason": "\x1b[2J"},
]

RAW_CHANGES: dict[str, str | bytes] = {
    "empty": "",
    "no changes key": "version: 1\n",
    "version 2": "version: 2\nchanges: []\n",
    "changes a string": "version: 1\nchanges: many\n",
    "binary": bytes(range(256)) * 4,
    "alias bomb": RAW_PROGRAMMES["alias bomb"],
    "recursive alias": "version: 1\nchanges: &a [*a]\n",
    "two errors": "version: 1\nchanges:\n  - {instructor: serese, unavailable: [2027-05-10]}\n"
    "  - {room: cave, closed: [2027-01-04]}\n",
}


def _changes_cases(root: Path, programme: Path, solution: Path) -> Iterator[Case]:
    folder = root / "changes"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n, entry in enumerate(CHANGE_ENTRIES):
        file = folder / f"changes-{n}.yaml"
        file.write_text(_dump({"version": 1, "changes": [entry]}), encoding="utf-8")
        files.append((f"changes entry {entry!r:.50}", file))
    for n, (label, content) in enumerate(RAW_CHANGES.items()):
        file = folder / f"raw-changes-{n}.yaml"
        _write(file, content)
        files.append((f"raw changes: {label}", file))
    for n, (label, file) in enumerate(files):
        out = root / f"replanned-{n}"
        yield Case(
            label,
            [
                "replan",
                str(programme),
                "--from",
                str(solution),
                "--change",
                str(file),
                "--out",
                str(out),
                "--today",
                "2026-09-01",
            ],
            re.escape(file.name),
            out,
        )


# --- workbooks -------------------------------------------------------------------------------

SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dimension}"/><sheetData>{rows}</sheetData>{merges}</worksheet>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="M2" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)


def _workbook(path: Path, rows: str, dimension: str = "A1", merges: str = "") -> None:
    """A hand-written .xlsx: the sheet XML says what openpyxl would never write."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        archive.writestr(
            "xl/worksheets/sheet1.xml", SHEET.format(dimension=dimension, rows=rows, merges=merges)
        )


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook_cases(root: Path, programme: Path) -> Iterator[Case]:
    folder = root / "workbooks"
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def add(label: str, write: Callable[[Path], None]) -> None:
        path = folder / f"grid-{len(made)}.xlsx"
        write(path)
        made[label] = path

    add("empty file", lambda p: p.write_bytes(b""))
    add("text file", lambda p: p.write_text("Semaine 1\n", encoding="utf-8"))
    add("binary", lambda p: p.write_bytes(bytes(range(256)) * 8))
    add("zip without a workbook", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "a"))
    add("no grid", lambda p: _workbook(p, f'<row r="1">{_cell("A1", "Bonjour")}</row>'))
    add("blank sheet", lambda p: _workbook(p, ""))
    add(
        "far cell",
        lambda p: _workbook(
            p, f'<row r="1048576">{_cell("XFD1048576", "x")}</row>', "A1:XFD1048576"
        ),
    )
    add(
        "huge merge",
        lambda p: _workbook(
            p,
            f'<row r="1">{_cell("A1", "Semaine 1")}</row>',
            "A1:XFD1048576",
            '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
    )
    add(
        "many cells",
        lambda p: _workbook(
            p,
            "".join(
                f'<row r="{r}">'
                + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ")
                + "</row>"
                for r in range(1, 120_001)
            ),
            "A1:J120000",
        ),
    )
    add(
        "week with bad days",
        lambda p: _workbook(
            p,
            f'<row r="1">{_cell("A1", "Semaine 1")}{_cell("B1", "Lundi 31/02/2027")}</row>'
            f'<row r="2">{_cell("A2", "9h30-12h30")}{_cell("B2", "UE 99 : NOTHING")}</row>',
            "A1:B2",
        ),
    )
    for n, (label, path) in enumerate(made.items()):
        yield Case(
            f"check workbook: {label}", ["check", str(programme), str(path)], re.escape(path.name)
        )
        out = root / f"imported-{n}"
        yield Case(
            f"import workbook: {label}",
            ["import", str(programme), str(path), "--out", str(out)],
            re.escape(path.name),
            out,
        )
        yield _replan_from(
            f"replan --from workbook: {label}", programme, path, root / f"replanned-wb-{n}"
        )
        # The same files as a programme workbook, and as a returned availability form.
        yield Case(f"programme workbook: {label}", ["validate", str(path)], re.escape(path.name))
        forms = root / f"forms-{n}"
        forms.mkdir(exist_ok=True)
        shutil.copy(path, forms / path.name)
        merged = root / f"collected-{n}"
        yield Case(
            f"availability form: {label}",
            [
                "availability",
                "collect",
                str(programme),
                str(forms),
                "--out",
                str(merged / "p.yaml"),
            ],
            re.escape(path.name),
            merged,
        )


# --- options ---------------------------------------------------------------------------------


def _option_cases(root: Path, programme: Path, solution: Path) -> Iterator[Case]:
    for n, url in enumerate(
        ["javascript:alert(1)//", "ftp://x", "data:text/html,x", "//evil", "http://a b"]
    ):
        out = root / f"url-{n}"
        yield Case(
            f"--base-url {url}",
            ["publish", str(solution), "--out", str(out), "--base-url", url],
            "--base-url",
            out,
        )
    out = root / "keep-missing"
    yield Case(
        "--keep binary",
        ["solve", str(programme), "--keep", str(solution), "--out", str(out)],
        re.escape(solution.name),
        out,
    )
    file = root / "out-is-a-file"
    file.write_text("x", encoding="utf-8")
    yield Case(
        "--out is a file", ["publish", str(solution), "--out", str(file)], re.escape(file.name)
    )


def cases(root: Path) -> list[Case]:
    """Every case, its files written under ``root``."""
    base = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    assert isinstance(base, dict)
    folder = root / "valid"
    folder.mkdir(parents=True, exist_ok=True)
    programme = folder / "programme.yaml"
    programme.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    solution = folder / "solution.json"
    solution.write_text(json.dumps(minimal_solution()), encoding="utf-8")
    found: list[Case] = []
    found += _programme_cases(root, base)
    found += _raw_programme_cases(root, base)
    found += _solution_cases(root, programme)
    found += _changes_cases(root, programme, solution)
    found += _workbook_cases(root, programme)
    found += _option_cases(root, programme, solution)
    return found


def today() -> dt.date:
    return dt.date(2026, 9, 1)
