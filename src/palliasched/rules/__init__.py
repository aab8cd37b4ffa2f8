"""The rule catalogue: every hard and soft rule's identity, written once (``catalogue.py``)."""

from palliasched.rules.catalogue import CATALOGUE, check_owner, rule_info
from palliasched.rules.day_rules import day_rules_against
from palliasched.rules.groups import Rule, unit_of
from palliasched.rules.identity import HardRule, RuleInfo, SoftRule

__all__ = [
    "CATALOGUE",
    "HardRule",
    "Rule",
    "RuleInfo",
    "SoftRule",
    "check_owner",
    "day_rules_against",
    "rule_info",
    "unit_of",
]
