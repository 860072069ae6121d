"""Attachments read → the county's files as they should now be: county.yaml (departments, the
document given on the command line, the lists of each attachment: shares.py), items/<key>.yaml
and townships/<slug>.yaml, each merged into what the county already has: where the county
holds the table's facts, however it wrote them, only what differs is edited (held.py).  A file
whose data would not change is not written, so importing the same table again changes no byte."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.catalog import SLUG, load_catalog
from generator.importer.comments import read as read_comments
from generator.importer.emit import dump
from generator.importer.held import Draft, Held, Unsaid, put, shared_elsewhere, smallest
from generator.importer.rows import Attachment, Record, read_attachment
from generator.importer.shares import Line, own_entries, shares
from generator.importer.tables import Place
from generator.lists import SharedList, shared_lists
from generator.loader import Loaded, load_file
from generator.model import Item, Key, Loc
from generator.problems import Problem, Severity, error, warning


@dataclass(frozen=True)
class Given:
    """What the command line says and the table does not."""

    county: str  # the county's folder name
    document: str | None = None  # the decision document's number
    document_title: str | None = None
    issuer: str | None = None
    date: str | None = None
    name: str | None = None  # the county's name, province and city, for a new county
    province: str | None = None
    city: str | None = None
    townships: dict[str, str] = field(default_factory=dict)  # 承接单位 name → file name


@dataclass(frozen=True)
class Plan:
    writes: dict[str, str]  # path under the data folder → its new text
    unchanged: tuple[str, ...]
    problems: tuple[Problem, ...]


def _loaded(path: Path, shown: str, problems: list[Problem]) -> Loaded | None:
    if not path.is_file():
        return None
    loaded, found = load_file(path, shown)
    if loaded is None or not isinstance(loaded.data, dict):
        problems += found or [error(Loc(shown, 1, 1), "import-merge", "这个文件不是一组“键: 值”：请先改好它再导入。")]
        return None
    return loaded


def _source(record: Record) -> str:
    # The file's own name: the folder it was imported from is nothing the data keeps.
    return f"{Path(record.place.file).name}，{record.place.said()}"


class _Planner:
    def __init__(self, data: Path, given: Given) -> None:
        self.root, self.given = data / given.county, given
        self.problems: list[Problem] = []
        self.files: dict[str, tuple[dict[str, Any] | None, dict[str, Any], dict[Key, str], str]] = {}
        # Each file read, as read (for its comments, where an edit keeps them).
        self.read: dict[str, Loaded] = {}
        county = self._read("county.yaml")
        self.county = copy.deepcopy(county) if county else {}
        self.old_county = county
        self.items = self._folder("items")
        self.towns = self._folder("townships")
        self.held = self._held(data)
        # What the tables give each township, by item key; and every item they give.
        self.facts: dict[str, dict[str, Line]] = {}
        self.owned: set[str] = set()
        self.lacking: list[Problem] = []  # what the decision document's record lacks
        self.rewritten: set[int] = set()
        self.comments: dict[Key, str] = {("departments",): "实施部门：照附件的实施部门列，由 import 读入"}
        # The lists this import writes (by id, each kept alive beside its comments) and, per
        # township file, the comment above each entry it writes, by code.
        self.written: dict[int, tuple[dict[str, Any], str, list[str]]] = {}
        self.entry_sources: dict[str, dict[str, str]] = {}

    def known(self) -> set[str]:
        """The townships the county has or the command line names, as printed."""
        return {*(town["name"] for town in self.towns.values() if isinstance(town.get("name"), str)), *self.given.townships}

    def _shown(self, name: str) -> str:
        return (self.root / name).as_posix()

    def _read(self, name: str) -> dict[str, Any] | None:
        loaded = _loaded(self.root / name, self._shown(name), self.problems)
        if loaded is None:
            return None
        self.read[name] = loaded
        data: dict[str, Any] = loaded.data
        return data

    def _folder(self, folder: str) -> dict[str, dict[str, Any]]:
        found = {}
        for path in sorted((self.root / folder).glob("*.yaml")):
            if (data := self._read(f"{folder}/{path.name}")) is not None:
                found[path.stem] = data
        return found

    def _held(self, data: Path) -> Held | None:
        """The county as it resolves now, where its files (and its guide catalog's) are sound."""
        if "county.yaml" not in self.read or self.problems:
            return None
        catalog, found = load_catalog(data, checks=False)
        county = next((c for c in catalog.counties if c.slug == self.given.county), None)
        guide = (data / county.guide_catalog).as_posix() if county and county.guide_catalog else None
        folders = tuple(f"{folder}/" for folder in (self.root.as_posix(), guide) if folder)
        if county is None or any(p.severity is Severity.ERROR and p.loc.file.startswith(folders) for p in found):
            return None
        lists: list[SharedList] = []
        if guide and (loaded := _loaded(Path(guide) / "catalog.yaml", f"{guide}/catalog.yaml", [])):
            lists = shared_lists(loaded.data, loaded)
        return Held(county, self.read["county.yaml"], tuple(lists))

    def plan(self, attachments: list[Attachment]) -> Plan:
        for attachment in attachments:
            self.problems += attachment.problems
        if not self.given.document:
            self.problems.append(error(Loc(attachments[0].file, 1, 1), "import-document", (
                "附件没有写决定文件：请用 --document 写明文号（如 --document 山政办发〔2021〕12号），"
                "新文件再加 --document-title、--issuer、--date，照决定文件原文写。")))
        self._county_fields(attachments[0].file)
        lists = self.county.setdefault("lists", [])
        before = [id(one) for one in lists]
        for attachment in attachments:
            self._list(attachment, lists)
        kept = {id(one) for one in lists}
        # The county's lists the table's shape rewrites or drops.
        self.rewritten = {n for n, one in enumerate(before) if one in self.written or one not in kept}
        for n, one in enumerate(lists):
            if (written := self.written.get(id(one))) is not None:
                self.comments[("lists", n)] = written[1]
                self.comments.update({("lists", n, "items", i): text for i, text in enumerate(written[2])})
        if not lists:
            del self.county["lists"]
        if not self.county["departments"]:
            # The schema asks for one; the table's 实施部门 column gives none.
            del self.county["departments"]
            self._missing(Loc(attachments[0].file, 1, 1), "county.yaml 的 departments（实施部门）",
                          "表格的实施部门列是空的，请照决定文件写上本县（区）的实施部门")
        self._file("county.yaml", self.old_county, self.county, self.comments, "")
        for name, sources in self.entry_sources.items():
            items = self.files[name][1].get("items") or []
            self.files[name][2].update({("items", n): sources[e["code"]] for n, e in enumerate(items) if e.get("code") in sources})
        if self.held and self.given.document:
            self._smallest(self.held, self.given.document)
        if any(d.get("number") == self.given.document for d in self.files["county.yaml"][1].get("documents") or ()):
            self.problems += self.lacking
        writes = {name: dump(new, comments, head) for name, (old, new, comments, head) in self.files.items() if old != new}
        unchanged = tuple(name for name, (old, new, _, _) in self.files.items() if old == new)
        return Plan(writes, unchanged, tuple(self.problems))

    def _smallest(self, held: Held, document: str) -> None:
        """Where the county already holds the table's facts, or a small edit of its own files
        says them, that edit instead of the table's shape (which would list them again)."""
        old = self.read["county.yaml"].data
        # The county's own lists, not the table's; the rest of county.yaml as the import made it.
        county = {key: copy.deepcopy(old[key] if key == "lists" else value) for key, value in self.county.items()
                  if key != "lists" or key in old}
        towns = [f"townships/{slug}.yaml" for slug in self.facts]
        drafts = {"county.yaml": self._draft("county.yaml", county),
                  **{name: self._draft(name, copy.deepcopy(self.read[name].data)) for name in towns if name in self.read}}
        try:
            cited = smallest(held, drafts, self.facts, self.owned, document)
        except Unsaid as unsaid:
            # The table's shape says it, unless a list it does not rewrite gives the same items.
            if shared_elsewhere(held, self.rewritten, self.facts, self.owned):
                self.problems.append(error(Loc(self._shown(f"townships/{unsaid.slug}.yaml"), 1, 1), "import-merge", unsaid.message))
            return
        if cited is None:
            return  # a township the table names has no file yet: the table's shape writes it
        if not cited and document not in {d.get("number") for d in old.get("documents") or ()}:
            county["documents"] = [d for d in county.get("documents") or () if d.get("number") != document]
        for name, draft in drafts.items():
            self._file(name, self.read[name].data, draft.data, draft.comments, draft.head)

    def _draft(self, name: str, data: dict[str, Any]) -> Draft:
        head, comments = read_comments((self.root / name).read_text(encoding="utf-8"), self.read[name])
        return Draft(data, comments, head)

    def _file(self, name: str, old: dict[str, Any] | None, new: dict[str, Any], comments: dict[Key, str], head: str) -> None:
        self.files[name] = (old, new, comments, head)

    def _county_fields(self, file: str) -> None:
        given = self.given
        for key, value, what in (("name", given.name, "名称"), ("province", given.province, "所在省"), ("city", given.city, "")):
            if value:
                self.county[key] = value
            elif key not in self.county and what:
                self._missing(Loc(file, 1, 1), f"county.yaml 的 {key}", f"表格没有写县（区）的{what}，请用 --{key} 给出")
        self.county.setdefault("departments", [])
        documents = self.county.setdefault("documents", [])
        if not given.document:
            return
        document = next((d for d in documents if d.get("number") == given.document), None)
        if document is None:
            document = {"number": given.document}
            documents.append(document)
        fields = (("title", given.document_title, "--document-title"), ("issuer", given.issuer, "--issuer"), ("date", given.date, "--date"))
        for key, value, option in fields:
            if value:
                document[key] = value
            elif key not in document:
                # Said only where the document is written: a table the county already holds writes none.
                self.lacking.append(warning(Loc(file, 1, 1), "import-missing", (
                    f"没有写 决定文件 {given.document} 的 {key}：表格和命令行都没有给出，请用 {option} 照文件原文写。")))

    def _missing(self, loc: Loc, what: str, why: str) -> None:
        self.problems.append(warning(loc, "import-missing", f"没有写 {what}：{why}。"))

    def _list(self, attachment: Attachment, lists: list[dict[str, Any]]) -> None:
        records = [r for r in attachment.records if not r.refused and r.mode is not None]
        if not records:
            return
        receivers = self._receivers(attachment, records)
        named = self._named(records)
        lines: dict[tuple[str, str, tuple[str, ...]], Line] = {}
        for record in records:
            key = self._item(record)
            entry: dict[str, Any] = {"code": key, "mode": record.mode.value if record.mode else ""}
            if record.scope:
                entry["scope"] = list(record.scope)
            line = lines.setdefault((key, entry["mode"], record.scope or ()), Line(entry, f"{_source(record)}：{record.name}"))
            line.townships |= {named[n] for n in record.townships if n in named} if record.townships else set(receivers.values())
        for line in lines.values():
            self.owned.add(line.entry["code"])
            for slug in line.townships:
                self.facts.setdefault(slug, {})[line.entry["code"]] = line
        given = shares([line for line in lines.values() if line.townships], set(receivers.values()))
        tag = attachment.note.tag if attachment.note else None
        others = [slug for slug, town in self.towns.items() if slug not in receivers.values() and tag in (town.get("tags") or [])]
        to: dict[str, list[str]] = {"tags": [tag]} if tag and not others else {"townships": sorted(receivers.values())}
        planned = [(to, given.everyone)] if given.everyone else []
        planned += [({"townships": list(towns)}, group) for towns, group in given.lists]
        document = self.given.document or ""
        owned = {line.entry["code"] for line in lines.values()}
        head = f"{Path(attachment.file).name} 的清单，由 import 读入"
        for n, (to, group) in enumerate(planned):
            # The attachment's title and 注 head its first list; the others are matched by whom they go to.
            new = {**(self._heading(attachment) if n == 0 else {}), "to": to, "document": document, "items": [x.entry for x in group]}
            at = next((i for i, old in enumerate(lists) if id(old) not in self.written and old.get("document") == document
                       and (old.get("title") == new.get("title") if "title" in new else old.get("to") == to)
                       and (n == 0 or not {"title", "note"} & set(old))), None)
            if at is None:
                at = len(lists)
                lists.append(new)
            else:
                lists[at].update(new)  # in its own key order, keeping what the table does not give
            self.written[id(lists[at])] = (lists[at], head, [x.source for x in group])
        # A list on this document that only the items of this table were in, and that the
        # table no longer gives, is gone; so is one written before that it now replaces.
        lists[:] = [one for one in lists if id(one) in self.written or not _stale(one, document, owned)]
        listed: dict[str, dict[str, dict[str, Any]]] = {}
        for line in lines.values():
            for slug in line.townships:
                listed.setdefault(slug, {})[line.entry["code"]] = line.entry
        place = attachment.note.cell.place if attachment.note else attachment.records[0].place
        towns = {slug: (name, place) for name, slug in receivers.items()}
        for record in records:
            for name in record.townships:
                if name in named and record.named:
                    towns.setdefault(named[name], (name, record.named))
        for slug, (name, where) in towns.items():
            self.facts.setdefault(slug, {})
            own = given.own.get(slug, ())
            entries = partial(own_entries, own=own, listed=listed.get(slug, {}), owned=owned, document=document)
            self._township(name, slug, tag if slug in receivers.values() else None, where, entries)
            self.entry_sources.setdefault(f"townships/{slug}.yaml", {}).update({x.entry["code"]: x.source for x in own})

    @staticmethod
    def _heading(attachment: Attachment) -> dict[str, str]:
        shown: dict[str, str] = {}
        if attachment.title:
            shown["title"] = attachment.title.text
        if attachment.note:
            shown["note"] = attachment.note.text
        return shown

    def _receivers(self, attachment: Attachment, records: list[Record]) -> dict[str, str]:
        """Each 承接单位 the 注 names (or, without one, the command line's, or else the townships
        the rows name, where every row names its own) → its file name."""
        names = attachment.note.receivers if attachment.note and attachment.note.receivers else tuple(self.given.townships)
        if not names and all(r.townships for r in records):
            names = tuple(dict.fromkeys(n for r in records for n in r.townships))
        where = attachment.note.cell.place if attachment.note else attachment.records[0].place
        if not names:
            self.problems.append(error(where.loc, "import-receivers", (
                "表格没有写承接单位（表末的“注：……承接单位为……”）：请用 --townships 写明这份清单给哪些乡镇，"
                "如 --townships 西集镇=xiji,桑村镇=sangcun（等号后是乡镇文件名，小写拼音）。")))
            return {}
        bad = sorted(s for s in self.given.townships.values() if not SLUG.fullmatch(s))
        if bad:
            self.problems.append(error(where.loc, "import-receivers", (
                f"--townships 里的文件名 {'、'.join(bad)} 不合格式：只能用小写字母、数字和连字符，如 xiji、xi-ji。")))
        return self._slugs(names, where, "承接单位")

    def _named(self, records: list[Record]) -> dict[str, str]:
        """Each township a row's 备注 or its sheet names → its file name."""
        first: dict[str, Place] = {}
        for record in records:
            for name in record.townships:
                if record.named:
                    first.setdefault(name, record.named)
        found = {n: slug for n in first if (slug := self._slug(n))}
        if lacking := [n for n in first if n not in found]:
            self._slugs(lacking, first[lacking[0]], "乡镇")
        return found

    def _slug(self, name: str) -> str | None:
        existing = {town.get("name"): slug for slug, town in self.towns.items()}
        return self.given.townships.get(name) or existing.get(name)

    def _slugs(self, names: tuple[str, ...] | list[str], where: Place, what: str) -> dict[str, str]:
        """The file name of each township named; those without one are an error saying how to give it."""
        found = {n: self._slug(n) for n in names}
        if lacking := [n for n, slug in found.items() if slug is None]:
            template = ",".join(f"{n}=" for n in lacking)
            self.problems.append(error(where.loc, "import-receivers", (
                f"{where.said()}：{what} {'、'.join(lacking)} 还没有乡镇文件，导入不会替它们编拼音：请用 --townships "
                f"给出每个乡镇的文件名（小写拼音），在等号后补上即可：--townships {template}")))
        return {n: slug for n, slug in found.items() if slug}

    def _item(self, record: Record) -> str:
        known = self._known(record)
        if known is not None and known.catalog:
            return known.key  # the guide catalog's item: the county writes no file for it
        key = known.key if known else record.code or self._local(record)
        old = self.items.get(key)
        name = f"items/{key}.yaml"
        new = copy.deepcopy(self.files[name][1]) if name in self.files else copy.deepcopy(old) if old else {}
        given = {"code": record.code, "name": record.name, "type": record.type, "department": record.department,
                 "implementation_code": record.implementation_code}
        new.update({k: v for k, v in given.items() if v})
        if record.scope:
            new["sub_items"] = list(dict.fromkeys([*(new.get("sub_items") or []), *record.scope]))
        if record.department and record.department not in self.county["departments"]:
            self.county["departments"].append(record.department)
        head = f"{_source(record)}：由 import 读入（python -m generator import）"
        if name not in self.files:
            for column, what in record.missing:
                why = f"“{column}”列这一格是空的" if column else "没有这一列"
                self._missing(record.place.loc, f"{name} 的{what}", f"表格{why}，照原件补上")
            if "max_mode" not in new:
                self._missing(record.place.loc, f"{name} 的 max_mode（最多赋权方式）",
                              "表格不写法律允许的最多方式，页面会显示“未登记”，validate 报 ceiling-unknown；请按法律法规核实后补上")
        self._file(name, old, new, {}, head)
        return key

    def _known(self, record: Record) -> Item | None:
        """The county's item (its own or its guide catalog's) with the record's code, or its name where it has none."""
        items = self.held.county.items if self.held else ()
        if record.code:
            return next((item for item in items if item.code == record.code), None)
        return next((item for item in items if item.code is None and item.name == record.name), None)

    def _local(self, record: Record) -> str:
        """An item the table gives no code: the county's item of that name (one this import has
        read already, on another row or sheet, too), or the next local key."""
        planned = {name.removeprefix("items/").removesuffix(".yaml"): file[1]
                   for name, file in self.files.items() if name.startswith("items/")}
        for key, item in {**self.items, **planned}.items():
            if item.get("name") == record.name and "code" not in item:
                return key
        taken = set(self.items) | {n.removeprefix("items/").removesuffix(".yaml") for n in self.files}
        keys: Iterator[str] = (f"item-{n:03d}" for n in range(1, 10_000))
        return next(k for k in keys if k not in taken)

    def _township(self, name: str, slug: str, tag: str | None, place: Place,
                  entries: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
        file = f"townships/{slug}.yaml"
        old = self.towns.get(slug)
        new: dict[str, Any] = self.files[file][1] if file in self.files else copy.deepcopy(old) if old else {"name": name}
        if tag and tag not in (new.get("tags") or []):
            new["tags"] = [*(new.get("tags") or []), tag]
        if items := entries(new.get("items") or []):
            new = put(new, "items", items)
        elif new.get("items"):
            del new["items"]  # the table took its last entry away
        comments = self.files[file][2] if file in self.files else {}
        self._file(file, old, new, comments, f"{Path(place.file).name}，{place.said()}：承接单位“{name}”，由 import 读入")


def _stale(one: dict[str, Any], document: str, owned: set[str]) -> bool:
    """A list on ``document`` to named townships, without a title or 注, holding only items of the table."""
    return (one.get("document") == document and not {"title", "note"} & set(one) and list(one.get("to") or {}) == ["townships"]
            and all(item.get("code") in owned for item in one.get("items") or []))


def plan(data: Path, given: Given, files: list[Path]) -> Plan:
    """The files ``files`` give, read knowing the county's townships."""
    planner = _Planner(data, given)
    return planner.plan([read_attachment(path, path.as_posix(), planner.known()) for path in files])
