"""The delegation rules R1–R12, one module per family, registered by stable id."""

from generator.rules import accountability, claims, dates, files, guides, modes, references
from generator.rules.registry import RULES, Context, Rule, run

__all__ = ["RULES", "Context", "Rule", "accountability", "claims", "dates", "files", "guides", "modes", "references", "run"]
