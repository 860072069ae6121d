"""The delegation rules R1–R12, one module per family, registered by stable id."""

from generator.rules import accountability, claims, dates, files, guides, modes, references, review
from generator.rules.registry import RULES, Context, Rule, run

# The design's order (R1–R12, the overdue warning beside R9), then the file checks.
_DESIGN_ORDER = ("ref", "mode-ceiling", "scope", "unique", "declined", "baseline", "claim-all", "only-fewer",
                 "dates", "overdue", "supervisor", "agreement", "codes")
for _id in (*_DESIGN_ORDER, *(i for i in list(RULES) if i not in _DESIGN_ORDER)):
    RULES[_id] = RULES.pop(_id)

__all__ = ["RULES", "Context", "Rule", "accountability", "claims", "dates", "files", "guides", "modes", "references", "review", "run"]
