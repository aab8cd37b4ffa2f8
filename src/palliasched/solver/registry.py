"""Where the solver finds each catalogued hard rule, by its identity.

Three kinds of enforcement:

- a rule of an instructor's days (its catalogue entry has a ``day_rule``): the placement space
  never creates a placement that needs them then (or, in an explaining model, blocks it by
  the rule's group);
- a *constraint* adds CP-SAT constraints to the whole model, after the built-in families: a
  new rule goes in its own module of ``solver/rules/`` (imported automatically), with
  ``@constraint``;
- the built-in families (``resources``, ``sequence``, ``teaching_weeks``, the model itself)
  declare the rules they enforce with ``@enforces``.

``tests/test_rule_catalogue.py`` fails while a catalogued hard rule is enforced nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from palliasched.rules import HardRule

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel

Constraint = Callable[["ScheduleModel"], None]
F = TypeVar("F", bound=Callable[..., object])

CONSTRAINTS: dict[HardRule, Constraint] = {}
ENFORCED: set[HardRule] = set()


def constraint(rule: HardRule) -> Callable[[Constraint], Constraint]:
    def register(add: Constraint) -> Constraint:
        CONSTRAINTS[rule] = add
        return add

    return register


def enforces(*rules: HardRule) -> Callable[[F], F]:
    """Mark a built-in family as the constraint of ``rules``."""

    def mark(family: F) -> F:
        ENFORCED.update(rules)
        return family

    return mark
