"""Change logs from git history: what each commit that touched the data folder changed,
county by county, newest first; and the date each county, township and item last changed.
The same history gives the same log.  A shallow clone has lost its oldest commits'
parents: what they changed, and when, is unknown, so the log stops there and says so
instead of dating the whole catalog to that commit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.catalog import gc_paused
from generator.history import cache
from generator.history.changes import CountyDiff
from generator.history.describe import Section, sections
from generator.history.diff import diff_catalogs
from generator.history.git import Commit, GitError, Repository
from generator.history.snapshot import Revisions, comparable
from generator.model import Catalog


@dataclass(frozen=True)
class Event:
    """What one commit changed in one county."""

    commit: Commit
    county: CountyDiff

    @cached_property
    def sections(self) -> list[Section]:
        """The county diff as sections, made once: the change-log pages, the feeds and
        最近更新 all show them."""
        return sections(self.county)

    @property
    def documents(self) -> tuple[str, ...]:
        """The decision documents the township changes cite, in order of first mention."""
        cited = (c.document for t in self.county.townships for c in t.changes)
        return tuple(dict.fromkeys(d for d in cited if d))

    def touches(self, township: str) -> bool:
        return any(t.slug == township for t in self.county.townships)


# What a 最后更新 date is of: (county, township, item); None for "any".
_Dated = tuple[str | None, str | None, str | None]


@dataclass(frozen=True)
class History:
    """Every change the git history tells, newest first."""

    events: tuple[Event, ...]
    tracked: bool  # whether the data folder is in a git repository with commits
    shallow: bool  # whether the clone is shallow, so older changes are unknown
    since: str | None = None  # for a shallow clone: the date from which changes are known

    @property
    def note(self) -> str | None:
        """Why the log may be incomplete, for the pages; None when it is complete."""
        if not self.tracked:
            return "这份数据不在 git 仓库里（或还没有提交），没有变更记录。"
        if self.shallow:
            since = f"{self.since} 以来" if self.since else "最近"
            return f"生成本站时只取得了{since}的 git 历史（浅克隆），更早的变更和日期无法得知，这里没有列出。"
        return None

    def county(self, slug: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.county.slug == slug)

    def years(self, county: str) -> tuple[str, ...]:
        """The years a county's log spans, newest first: a long log is paged by year."""
        return self._years.get(county, ())

    @cached_property
    def _years(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, dict[str, None]] = {}
        for event in self.events:
            found.setdefault(event.county.slug, {})[event.commit.date[:4]] = None
        return {slug: tuple(years) for slug, years in found.items()}

    def updated(self, county: str | None = None, *, township: str | None = None, item: str | None = None) -> str | None:
        """最后更新: the date of the newest change to the site (no county), a county, one of its
        townships or one of its items; None when the history does not tell (see ``note``)."""
        return self._dates.get((county, township, None) if township is not None else (county, None, item))

    @cached_property
    def _dates(self) -> dict[_Dated, str]:
        """Every 最后更新 in one pass over the log, newest first: a page each for thousands
        of items would otherwise walk the whole log each."""
        dates: dict[_Dated, str] = {}
        for event in self.events:
            slug, diff = event.county.slug, event.county
            keys: list[_Dated] = [(None, None, None), (slug, None, None), *((slug, t.slug, None) for t in diff.townships)]
            keys += [(slug, None, i.key) for i in diff.items]
            keys += [(slug, None, c.code) for t in diff.townships for c in t.changes]
            for key in keys:
                dates.setdefault(key, event.commit.date)
        return dates


# The history of data that is not in git: every page says its date is unknown, and why.
UNTRACKED = History((), tracked=False, shallow=False)


def head(folder: Path) -> str | None:
    """The commit HEAD names in the repository holding ``folder``; None outside git."""
    try:
        return Repository(folder).resolve("HEAD")
    except GitError:
        return None


def change_log(repo: Path, data: Path, current: Catalog | None = None, *, kept: bool = True) -> History:
    """The change log of the data folder ``data`` (absolute, or relative to ``repo``).

    ``current`` is the catalog just loaded from that folder without errors: when the
    folder is exactly as HEAD has it, it stands for the newest revision, which is then not
    read and loaded again (for a province, a third of the time of the log).  ``kept``: take
    what the last build kept (:mod:`generator.history.cache`) and keep this log, except in
    a shallow clone, whose oldest commits are not the history's."""
    folder = data if data.is_absolute() else repo / data
    try:
        repository = Repository(repo)
        path = repository.path_of(folder)
        commits = repository.commits(path)
        shallow = repository.is_shallow()
    except GitError:
        return UNTRACKED
    kept = kept and not shallow
    earlier = cache.read(repository.root, path) if kept else None
    newer = earlier.newer(commits) if earlier else None
    events: list[Event] = []
    since = None
    todo = commits if newer is None else newer
    if todo:  # with nothing new, not even git's status of the folder is needed
        with Revisions(repository, folder, checks=False) as revisions, gc_paused():
            if current is not None and repository.is_clean(path):
                revisions.prime(commits[0].sha, current)
            for commit in todo:
                if shallow and commit.parent is None:
                    since = commit.date  # a boundary: its parent, and so its change, is unknown
                    continue
                # The newer side first: it is the older side of the last commit, still at hand.
                after = revisions.at(commit.sha)
                diff = diff_catalogs(*comparable(revisions.at(commit.parent), after))
                events += [Event(commit, county) for county in diff.counties]
    if earlier is not None and newer is not None:
        events += earlier.events
    if kept and commits and newer != []:
        cache.write(repository.root, cache.Kept(cache.version(), path, tuple(commits), tuple(events)))
    return History(tuple(events), tracked=bool(commits), shallow=shallow, since=since)
