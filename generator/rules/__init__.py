"""The delegation rules R1–R12, one module per family, registered by stable id."""

from generator.rules import accountability, claims, dates, diff_checks, enforcement, guides, lists, loading, modes, publication, references
from generator.rules.registry import RULES, Context, Rule, run

# The design's order (R1–R12, the overdue warning beside R9), then the checks made while
# loading, then those of `diff --check`.
_DESIGN_ORDER = ("ref", "mode-ceiling", "scope", "unique", "declined", "baseline", "claim-all", "only-fewer",
                 "dates", "overdue", "supervisor", "agreement", "codes")
_LATER = sorted((i for i in RULES if i not in _DESIGN_ORDER), key=lambda i: i in diff_checks.IDS)
for _id in (*_DESIGN_ORDER, *_LATER):
    RULES[_id] = RULES.pop(_id)

__all__ = [
    "RULES", "Context", "Rule", "accountability", "claims", "dates", "diff_checks", "enforcement", "guides", "lists", "loading", "modes",
    "publication", "references", "run",
]
