"""The published 2026-2027 M2 grid on the bundled programme: the checker finds its defects."""

from __future__ import annotations

import datetime as dt

import pytest

from palliasched import load_programme
from palliasched.solution import ScheduledSession, Solution
from palliasched.verify import verify

from .conftest import M2

RSCA = ("bauthamy", "calvel", "sanchez", "vinant", "sessa", "de-buyer")
DAY = ("matin", "apres-midi")

# (session id, date, slots, instructors) as the published grid places them.
PUBLISHED = [
    ("ouverture", "2026-10-05", DAY, ("calvel", "vinant")),
    ("ue1-pedagogie-s1-1", "2026-10-06", DAY, ("calvel", "chevalier")),
    ("ue1-pedagogie-s1-2", "2026-10-07", DAY, ("calvel", "chevalier")),
    ("ue11-recherche", "2026-10-08", DAY, ("perceau-chambard", "bouleuc")),
    ("ue4-relation-1", "2026-11-02", DAY, ("alric", "maille")),
    ("ue4-relation-2", "2026-11-03", DAY, ("alric", "maille")),
    ("ue5-rsca-s1", "2026-11-04", DAY, RSCA),
    ("ue2-pharmacologie", "2026-11-05", ("matin",), ("thomas-schoemann",)),
    ("ue2-douleurs", "2026-11-05", ("apres-midi",), ("guastella",)),
    ("ue2-sedation", "2026-11-06", ("matin",), ("pommier", "picard", "guastella")),
    ("ue2-psychiatrie", "2026-11-06", ("apres-midi",), ("dauchy",)),
    ("ue3-ethique-1", "2026-11-23", DAY, ("mallet",)),
    ("ue3-ethique-2", "2026-11-24", DAY, ("mallet",)),
    ("ue3-ethique-3", "2026-11-25", DAY, ("mallet",)),
    ("ue8-management-1", "2026-12-01", DAY, ("triol", "calvel", "bauthamy")),
    ("ue8-management-2", "2026-12-02", DAY, ("triol", "calvel", "bauthamy")),
    ("ue5-rsca-s2", "2027-01-11", DAY, RSCA),
    ("ue7-ethique-1", "2027-01-12", DAY, ("mallet",)),
    ("ue7-ethique-2", "2027-01-13", DAY, ("mallet",)),
    ("ue7-ethique-3", "2027-01-14", DAY, ("mallet",)),
    ("ue4-relation-s2", "2027-01-15", DAY, ("van-lander",)),
    ("ue11-recherche-documentaire", "2027-03-15", DAY, ("perceau-chambard", "bouleuc")),
    ("ue8-projet", "2027-03-16", ("matin",), ("triol", "calvel")),
    ("ue1-pedagogie-s2-1", "2027-03-17", DAY, ("calvel", "chevalier")),
    ("ue1-pedagogie-s2-2", "2027-03-18", DAY, ("calvel", "chevalier")),
    ("ue6-neuro-pneumo-geriatrie", "2027-05-10", DAY, ("serresse",)),
    ("ue6-oncologie", "2027-05-11", DAY, ("serresse",)),
]


@pytest.fixture(scope="module")
def published() -> Solution:
    sessions = [
        ScheduledSession(sid, dt.date.fromisoformat(day), slots, who, ("coc-3026",), "cochin")
        for sid, day, slots, who in PUBLISHED
    ]
    sessions.append(
        ScheduledSession(
            "ue10-presentations",
            dt.date(2027, 9, 24),
            ("matin",),
            ("bauthamy", "calvel", "vinant", "sessa"),
            ("coc-3026", "coc-3024", "coc-2010", "coc-2012"),
            "cochin",
        )
    )
    return Solution(tuple(sessions))


def test_the_published_grid_breaks_exactly_the_rules_the_programme_justifies(
    published: Solution,
) -> None:
    with pytest.warns(UserWarning):
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
