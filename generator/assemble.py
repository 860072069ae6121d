"""Schema-valid plain data → model objects, each remembering where it was written."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from generator.lists import Written
from generator.loader import Loaded, Path_
from generator.model import (
    Agreement,
    Assist,
    Attachment,
    Contact,
    County,
    Declined,
    Document,
    Enforcement,
    Entry,
    Fee,
    Filing,
    Guide,
    Item,
    Kind,
    Level,
    Material,
    Mode,
    Policy,
    Publication,
    Refusal,
    ServiceCenter,
    Status,
    Supervisor,
    Township,
    Withdrawn,
)

_E = TypeVar("_E", bound=StrEnum)


def _texts(value: list[str] | None) -> tuple[str, ...]:
    return tuple(value or ())


def _maybe_texts(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _text(value: Any) -> str | None:
    # Codes and phones may be written unquoted; the loader already kept them as text.
    return None if value is None else str(value)


def county(slug: str, data: dict[str, Any], loaded: Loaded) -> County:
    contact = data.get("contact")
    return County(
        slug=slug,
        name=data["name"],
        province=data["province"],
        city=data.get("city"),
        division_code=_text(data.get("division_code")),
        contact=Contact(_text(contact.get("phone")), contact.get("email"), contact.get("address")) if contact else None,
        departments=tuple(data["departments"]),
        documents=documents(data["documents"], loaded),
        policy=_policy(data.get("policy") or {}, loaded),
        guide_catalog=data.get("guide_catalog"),
        attachments=tuple(
            Attachment(one["document"], one.get("title"), one.get("note"))
            for one in data.get("lists") or () if one.get("title") or one.get("note")
        ),
        refused=tuple(Refusal(str(r["code"]), r["township"], r["reason"], r["document"], loaded.where(("refused", n)))
                      for n, r in enumerate(data.get("refused") or ())),
        published=Publication(data["published"]["date"], data["published"].get("url")) if data.get("published") else None,
        filed=Filing(data["filed"]["to"], data["filed"]["date"], data["filed"].get("number")) if data.get("filed") else None,
        where=loaded.where(()),
    )


def documents(data: list[dict[str, Any]], loaded: Loaded) -> tuple[Document, ...]:
    return tuple(
        Document(d["number"], d["title"], d["issuer"], d["date"], d.get("url"), _enum(Level, d.get("level")),
                 _enum(Status, d.get("status")), d.get("replaced_by"), _texts(d.get("basis")), loaded.where(("documents", n)))
        for n, d in enumerate(data)
    )


def _enum(kind: type[_E], value: str | None) -> _E | None:
    return None if value is None else kind(value)


def item(key: str, data: dict[str, Any], loaded: Loaded, catalog: str | None = None) -> Item:
    department = data.get("department")
    return Item(
        key=key,
        name=data["name"],
        type=data["type"],
        code=_text(data.get("code")),
        departments=(department,) if isinstance(department, str) else _texts(department),
        max_mode=_enum(Mode, data.get("max_mode")),
        sub_items=_texts(data.get("sub_items")),
        aliases=_texts(data.get("aliases")),
        baseline=bool(data.get("baseline", False)),
        legal_basis=_texts(data.get("legal_basis")),
        supervisor=_supervisor(data.get("supervisor"), loaded, ("supervisor",)),
        guide=_guide(data.get("guide"), loaded, ("guide",)),
        domain=data.get("domain"),
        level=_enum(Level, data.get("level")),
        implementation_code=_text(data.get("implementation_code")),
        agency_code=_text(data.get("agency_code")),
        catalog=catalog,
        reserved=data.get("reserved"),
        enforcement=_enforcement(data.get("enforcement")),
        where=loaded.where(()),
    )


def _enforcement(data: dict[str, Any] | None) -> Enforcement | None:
    if data is None:
        return None
    return Enforcement(_maybe_texts(data.get("basis")), data.get("penalty"), data.get("discretion"), data.get("inspection"),
                       _text(data.get("report_phone")), _text(data.get("complaint_phone")))


def township(slug: str, data: dict[str, Any], loaded: Loaded, skip: Iterable[Path_], entries: list[Entry]) -> Township:
    """The township of ``data`` with these (resolved) ``entries``, leaving out the declined
    and withdrawn rows at the paths in ``skip``."""
    skip = frozenset(skip)
    center = data.get("service_center")

    def rows(key: str) -> list[tuple[Path_, dict[str, Any]]]:
        return [((key, i), row) for i, row in enumerate(data.get(key) or ()) if (key, i) not in skip]

    return Township(
        slug=slug,
        name=data["name"],
        division_code=_text(data.get("division_code")),
        kind=_enum(Kind, data.get("kind")),
        administered_by=data.get("administered_by"),
        tags=_texts(data.get("tags")),
        service_center=ServiceCenter(center["name"], center.get("address"), center.get("hours"), _text(center.get("phone")))
        if center
        else None,
        agreement=_agreement(data.get("agreement")),
        entries=tuple(entries),
        declined=tuple(
            Declined(str(r["code"]), r.get("reason"), r.get("expected"), r.get("document"), loaded.where(p))
            for p, r in rows("declined")
        ),
        withdrawn=tuple(
            Withdrawn(str(r["code"]), r["document"], r["date"], r.get("reason"), loaded.where(p))
            for p, r in rows("withdrawn")
        ),
        assists=tuple(
            Assist(r["name"], r["department"], r["document"], r.get("duties"), loaded.where(p)) for p, r in rows("assists")
        ),
        where=loaded.where(()),
    )


def entry(written: Written) -> Entry:
    """An entry of a township, as written in its file or in a list given to it."""
    data, loaded, path = written.data, written.loaded, written.path
    return Entry(
        code=str(data["code"]),
        mode=Mode(data["mode"]),
        document=data["document"],
        effective=data.get("effective"),
        scope=_maybe_texts(data.get("scope")),
        replaces=_text(data.get("replaces")),
        agreement=_agreement(data.get("agreement")),
        supervisor=_supervisor(data.get("supervisor"), loaded, (*path, "supervisor")),
        guide=_guide(data.get("guide"), loaded, (*path, "guide")),
        reserved=data.get("reserved"),
        transition_until=data.get("transition_until"),
        where=loaded.where(path),
    )


def _agreement(data: dict[str, Any] | None) -> Agreement | None:
    return None if data is None else Agreement(data.get("number"), data.get("date"), data.get("signed", True))


def _policy(data: dict[str, Any], loaded: Loaded) -> Policy:
    adopts = tuple(sorted((str(rule), str(number)) for rule, number in (data.get("adopts") or {}).items()))
    return Policy(_texts(data.get("claim_all_tags")), adopts, _texts(data.get("city_enforcement")), loaded.where(("policy",)))


def _supervisor(data: dict[str, Any] | None, loaded: Loaded, path: Path_) -> Supervisor | None:
    return None if data is None else Supervisor(data.get("body"), data.get("duties"), loaded.where(path))


def _guide(data: dict[str, Any] | None, loaded: Loaded, path: Path_) -> Guide | None:
    if data is None:
        return None
    materials = data.get("materials")
    fees = data.get("fees")
    return Guide(
        basis=_maybe_texts(data.get("basis")),
        conditions=_maybe_texts(data.get("conditions")),
        materials=None
        if materials is None
        else tuple(Material(m["name"], m.get("form"), m.get("copies"), m.get("notes")) for m in materials),
        steps=_maybe_texts(data.get("steps")),
        legal_limit=data.get("legal_limit"),
        promised_limit=data.get("promised_limit"),
        fees=None if fees is None else tuple(Fee(f["name"], f["standard"], f.get("basis")) for f in fees),
        location=data.get("location"),
        hours=data.get("hours"),
        consult_phone=_text(data.get("consult_phone")),
        complaint_phone=_text(data.get("complaint_phone")),
        result=data.get("result"),
        where=loaded.where(path),
    )
