"""Every bad input gets a located message and exit 2: never a traceback, never a hang, nothing
written. The corpus (``fuzz_corpus.py``) holds a few hundred generated cases across programme
files, changes files, solution files, workbooks and options; each runs in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from palliasched.cli import cli

from .fuzz_corpus import Case, cases

CORPUS_FLOOR = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    return cases(tmp_path_factory.mktemp("corpus"))


def test_the_corpus_is_wide(corpus: list[Case]) -> None:
    assert len(corpus) >= CORPUS_FLOOR
    kinds = {case.argv[0] for case in corpus}
    assert {"validate", "solve", "publish", "replan", "check", "import"} <= kinds


def test_every_bad_input_is_refused_with_its_place(corpus: list[Case]) -> None:
    failures = []
    for case in corpus:
        result = CliRunner().invoke(cli, case.argv)
        problems = []
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            problems.append(f"raised {type(result.exception).__name__}: {result.exception}")
        elif result.exit_code != 2:
            problems.append(f"exit {result.exit_code}")
        if "Traceback" in result.output:
            problems.append("printed a traceback")
        if not case.located(result.output):
            problems.append(f"no location matching {case.where!r}")
        if case.out is not None and case.out.exists() and any(case.out.iterdir()):
            problems.append(f"wrote into {case.out}")
        if problems:
            failures.append(f"{case.name}: {'; '.join(problems)}\n    {result.output[-300:]!r}")
    assert not failures, f"{len(failures)} of {len(corpus)} cases:\n" + "\n".join(failures)


def test_limits_are_stated_in_the_readme() -> None:
    from palliasched import limits

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Limits") : readme.index("### Hours accounting")]
    for name in dir(limits):
        if not name.startswith(("MAX_", "MIN_")):
            continue
        value = getattr(limits, name)
        if name.endswith("_BYTES"):
            shown = f"{value // 1_000_000} MB"
        elif name.endswith("_YEAR"):
            shown = f"years {limits.MIN_YEAR}-{limits.MAX_YEAR}"
        else:
            shown = f"{value:,}"
        assert shown in section, f"{name} = {value} is not stated in the README ({shown})"
