"""The rules of an instructor's days: the catalogue entries with a ``day_rule``."""

from __future__ import annotations

import datetime as dt

from palliasched.domain.programme import Instructor
from palliasched.rules.catalogue import CATALOGUE
from palliasched.rules.identity import RuleInfo

DAY_RULES: tuple[RuleInfo, ...] = tuple(info for info in CATALOGUE if info.day_rule is not None)


def day_rules_against(instructor: Instructor, day: dt.date) -> list[RuleInfo]:
    """The rules of an instructor's days that forbid ``instructor`` to teach on ``day``."""
    return [info for info in DAY_RULES if info.day_rule and info.day_rule(instructor, day)]
