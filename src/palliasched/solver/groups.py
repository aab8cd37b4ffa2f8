"""Identical sessions merged into one group, so that the model has no symmetry between them.

Two sessions are identical when everything but their id is the same (``count: n`` in a
programme file makes n of them). A group is placed ``count`` times; its placements are
handed to its sessions in date order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from palliasched.domain.programme import Faculty, Programme, SessionSpec


@dataclass(frozen=True)
class SessionGroup:
    """Sessions that differ only by id; ``spec`` is the first of them."""

    index: int
    sessions: tuple[SessionSpec, ...]
    programme: Programme

    @property
    def spec(self) -> SessionSpec:
        return self.sessions[0]

    @property
    def count(self) -> int:
        return len(self.sessions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sessions)


def session_groups(faculty: Faculty) -> list[SessionGroup]:
    """Every session of the faculty in exactly one group, in programme file order.

    Sessions with a pinned date or an ``order`` stay alone (their rule is about them alone).
    """
    groups: list[list[SessionSpec]] = []
    programmes: list[Programme] = []
    by_key: dict[SessionSpec, int] = {}
    for programme in faculty.programmes:
        for spec in programme.sessions:
            key = replace(spec, id="")
            alone = spec.date is not None or spec.order is not None
            if not alone and key in by_key:
                groups[by_key[key]].append(spec)
                continue
            if not alone:
                by_key[key] = len(groups)
            groups.append([spec])
            programmes.append(programme)
    # ``after: [x-1]`` naming one copy only: its group cannot stand for it, split it.
    referenced = [set(spec.after) for spec in faculty.sessions if spec.after]
    split: list[tuple[list[SessionSpec], Programme]] = []
    for specs, programme in zip(groups, programmes, strict=True):
        ids = {s.id for s in specs}
        if len(specs) > 1 and any(0 < len(ids & after) < len(ids) for after in referenced):
            split.extend(([spec], programme) for spec in specs)
        else:
            split.append((specs, programme))
    return [
        SessionGroup(index, tuple(specs), programme)
        for index, (specs, programme) in enumerate(split)
    ]
