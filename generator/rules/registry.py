"""The registry of delegation rules: each rule has a stable id, a severity, its source
notice, a Chinese explanation with a wrong and a right example, and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.model import County, Entry, Item, Loc
from generator.problems import Problem, Severity
from generator.rules.sources import Binding


@dataclass(frozen=True)
class Context:
    """What a check may need beyond the county: the pinned date, and the codes of
    item files that failed their schema (they exist, so references to them are fine)."""

    today: str
    broken_codes: frozenset[str] = frozenset()
    broken_townships: bool = False  # a township file, or the folder, could not be read


Finding = tuple[Loc, str]
Check = Callable[[County, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule and its documentation.  ``check`` is None for the checks the loader and
    the schemas make; they are registered here so every id can be looked up."""

    id: str
    severity: Severity
    title: str
    source: str
    summary: str
    wrong: str
    right: str
    check: Check | None = None
    # Where the source notices bind; none: everywhere (a law, the data's own consistency).
    binds: tuple[Binding, ...] = ()

    def applies(self, county: County) -> bool:
        """Whether the rule binds the county, or the county adopted it by its own document."""
        return not self.binds or any(b.binds(county) for b in self.binds) or self.id in county.policy.adopted

    def cited(self, county: County) -> str:
        """Why a rule that not every county follows holds in this one, as its messages end:
        the notice that binds the county, else the county's own document adopting it."""
        notice = next((b.notice for b in self.binds if b.binds(county)), None)
        if notice is not None:
            return f"依据：{notice}。"
        return f"依据：本县采用这条规则的{dict(county.policy.adopts)[self.id]}（county.yaml 的 policy.adopts）。"


RULES: dict[str, Rule] = {}


def rule(
    id: str, severity: Severity, *, title: str, source: str, summary: str, wrong: str, right: str, binds: tuple[Binding, ...] = ()
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[id] = Rule(id, severity, title, source, summary, wrong, right, check, binds)
        return check

    return register


def document(
    id: str, *, title: str, summary: str, wrong: str, right: str, source: str, severity: Severity = Severity.ERROR,
    binds: tuple[Binding, ...] = (),
) -> None:
    """Register the documentation of a check that the loader or the schemas make, or of a
    duty the pages state where it binds."""
    RULES[id] = Rule(id, severity, title, source, summary, wrong, right, binds=binds)


def item_file(item: Item) -> str:
    """The file an item is written in, as a clerk finds it."""
    return f"items/{item.key}.yaml" if item.catalog is None else f"指导目录{item.catalog}的 items/{item.key}.yaml"


def ceiling_of(item: Item) -> str:
    """Where an item's ceiling is written: its file's max_mode, or the county's ceilings."""
    narrowed = item.catalog is not None and item.where.file.endswith("/county.yaml")
    return "county.yaml 的 ceilings" if narrowed else f"{item_file(item)} 的 max_mode"


def distinct_entries(county: County) -> Iterator[Entry]:
    """Every entry of the county's townships, each once: a list's entry is one object shared
    by every township it goes to, and a check of the entry alone need not see it again."""
    return iter({id(entry): entry for town in county.townships for entry in town.entries}.values())


def run(county: County, ctx: Context) -> Iterator[Problem]:
    """Every problem every registered rule finds in ``county``, each once: an entry of a
    list given to many townships is checked in each, and found at the list's line.  A
    rule that holds only where a notice binds says which notice (or document) it holds by."""
    for r in RULES.values():
        if not (r.check and r.applies(county)):
            continue
        cited = r.cited(county) if r.binds else ""
        for loc, message in dict.fromkeys(r.check(county, ctx)):
            yield Problem(loc, r.id, r.severity, message + cited)
