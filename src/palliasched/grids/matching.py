"""A grid cell matched to the session of the programme it shows: UE, title, instructors."""

from __future__ import annotations

import re

from palliasched.domain.programme import Programme, SessionSpec
from palliasched.grids.findings import Cell, GridFinding
from palliasched.grids.labels import GROUP, TIMES, UNIT_LINE
from palliasched.grids.names import normalise
from palliasched.grids.state import ReaderState


class SessionMatching(ReaderState):
    def _parse(self, programme: Programme, cell: Cell) -> tuple[SessionSpec | None, list[str]]:
        lines = [line.strip() for line in cell.text.splitlines() if line.strip()]
        code = None
        words: list[str] = []
        instructors: list[str] = []
        for n, line in enumerate(lines):
            unit = UNIT_LINE.match(line) if n == 0 else None
            if unit:
                code = re.sub(r"\s+", " ", unit[1].upper())
                words.append(unit[2])
                continue
            if GROUP.search(line):
                words.append(GROUP.sub("", line))
                continue
            if TIMES.match(line):
                continue  # a session's own clock times ("9h30-13h30"): its length says them
            found = self.instructors.find(line)
            if found is not None:
                instructors.append(found)
            else:
                words.append(line)
        spec = self._match(programme, cell, code, " ".join(words), instructors)
        if spec is not None:
            # A line that is neither an instructor nor part of the session's name: a name
            # misspelt beyond recognition, or someone the programme does not know.
            names = [normalise(n) for n in self._names_of(spec) if normalise(n)]
            known = " ".join(names)
            for line in words[1:] if code is not None else words:
                said = normalise(line)
                if said and said not in known and not any(n in said for n in names):
                    self.findings.append(
                        GridFinding(
                            "unknown-name",
                            f"'{line}' is neither an instructor of the programme file nor "
                            f"part of the session's name ({spec.id}): not guessed",
                            tuple(cell.refs),
                        )
                    )
        return spec, instructors

    def _names_of(self, spec: SessionSpec) -> list[str]:
        names = [spec.title, spec.id]
        if spec.unit is not None:
            unit = self.faculty.unit(spec.unit)
            names += [unit.title, unit.short_title, unit.code]
        return names

    def _candidates(
        self, programme: Programme, cell: Cell, code: str | None
    ) -> list[SessionSpec] | None:
        """The sessions a cell may show: the programme's and those its cohorts attend, of the
        UE ``code`` names; None (and a finding) when no UE has that code."""
        cohorts = {c.id for c in programme.cohorts}
        candidates = [
            s
            for s in self.faculty.sessions
            if s.programme == programme.id or cohorts & set(s.cohorts)
        ]
        if code is None:
            return candidates
        units = {
            s.unit
            for s in candidates
            if s.unit is not None and normalise(self.faculty.unit(s.unit).code) == normalise(code)
        }
        if not units:
            self.findings.append(
                GridFinding(
                    "unknown-unit", f"'{code}' is not a UE of {programme.title}", tuple(cell.refs)
                )
            )
            return None
        return [s for s in candidates if s.unit in units]

    def _match(
        self,
        programme: Programme,
        cell: Cell,
        code: str | None,
        text: str,
        instructors: list[str],
    ) -> SessionSpec | None:
        noted = self.notes.get((cell.ref.sheet, cell.ref.row, cell.ref.column), "").strip()
        if noted and self.faculty.has("session", noted):
            self.claimed.setdefault(noted, (cell.day, cell.slots))
            return self.faculty.session(noted)
        wanted = normalise(text)
        candidates = self._candidates(programme, cell, code)
        if candidates is None:
            return None

        def score(spec: SessionSpec) -> tuple[int, int, int, int]:
            unit = self.faculty.unit(spec.unit) if spec.unit is not None else None
            label = normalise(unit.short_title) if unit is not None else ""
            rest = wanted[len(label) :].strip() if label and wanted.startswith(label) else wanted
            title = normalise(spec.title)
            if title and title in wanted:
                named = 3
            elif (title and wanted and wanted in title) or (not title and not rest):
                named = 2
            elif not title:
                named = 1
            else:
                named = 0
            span = self.faculty.session_span(spec)
            in_span = int(span is not None and cell.day in span)
            teachers = set(spec.candidate_instructors)
            shared = sum(1 for i in instructors if i in teachers)
            free = int(spec.id not in self.claimed)
            return named, in_span, shared, free

        ranked = sorted(candidates, key=score, reverse=True)
        if not ranked or score(ranked[0])[0] == 0 or (code is None and score(ranked[0])[0] < 2):
            self.findings.append(
                GridFinding(
                    "unreadable-cell",
                    f"'{' / '.join(cell.text.splitlines())}' names no session of {programme.title}",
                    tuple(cell.refs),
                )
            )
            return None
        best = ranked[0]
        # Identical sessions (count: n): the copy already read at this place (a parallel
        # group, or a shared session on another sheet), else the first copy not read yet.
        same = [s for s in ranked if score(s)[:3] == score(best)[:3]]
        here = (cell.day, cell.slots)
        chosen = next((s for s in same if self.claimed.get(s.id) == here), None)
        chosen = chosen or next((s for s in same if s.id not in self.claimed), best)
        self.claimed.setdefault(chosen.id, here)
        return chosen
