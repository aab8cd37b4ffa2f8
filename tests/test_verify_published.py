"""The published 2026-2027 M2 grid on the bundled programme: the checker finds its defects."""

from __future__ import annotations

import pytest

from palliasched import load_programme
from palliasched.domain.solution import Solution
from palliasched.verify import verify

from .conftest import DATA, M2

PUBLISHED = DATA / "published-2026-2027.json"


@pytest.fixture(scope="module")
def published() -> Solution:
    """The published grid's dates, slots and instructors, transcribed on the programme's ids."""
    return Solution.from_json(PUBLISHED.read_text(encoding="utf-8"), str(PUBLISHED))


def test_the_published_grid_breaks_exactly_the_rules_the_programme_justifies(
    published: Solution,
) -> None:
    faculty = load_programme(M2)
    found = sorted((v.rule, v.sessions) for v in verify(faculty, published))
    assert found == [
        ("missing-session", ("ue10-preparation",)),
        ("missing-session", ("ue10-rsca-1",)),
        ("missing-session", ("ue10-rsca-2",)),
        # UE 8 is a semester-2 unit: its two December days are outside its dates.
        ("outside-window", ("ue8-management-1",)),
        ("outside-window", ("ue8-management-2",)),
        # The grid shows only the RSCA presentations of UE 10's 24 h.
        ("unit-hours", ()),
    ]
