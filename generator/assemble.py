"""Schema-valid plain data → model objects, each remembering where it was written."""

from __future__ import annotations

from typing import Any

from generator.loader import Loaded, Path_
from generator.model import (
    Agreement,
    Contact,
    County,
    Declined,
    Document,
    Entry,
    Fee,
    Guide,
    Item,
    Material,
    Mode,
    Policy,
    ServiceCenter,
    Supervisor,
    Township,
    Withdrawn,
)


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
        documents=tuple(
            Document(d["number"], d["title"], d["issuer"], d["date"], d.get("url"), loaded.where(("documents", i)))
            for i, d in enumerate(data["documents"])
        ),
        policy=Policy(_texts((data.get("policy") or {}).get("claim_all_tags"))),
        where=loaded.where(()),
    )


def item(data: dict[str, Any], loaded: Loaded) -> Item:
    return Item(
        code=str(data["code"]),
        name=data["name"],
        type=data["type"],
        department=data["department"],
        max_mode=Mode(data["max_mode"]),
        sub_items=_texts(data.get("sub_items")),
        baseline=bool(data.get("baseline", False)),
        legal_basis=_texts(data.get("legal_basis")),
        supervisor=_supervisor(data.get("supervisor"), loaded, ("supervisor",)),
        guide=_guide(data.get("guide"), loaded, ("guide",)),
        where=loaded.where(()),
    )


def township(slug: str, data: dict[str, Any], loaded: Loaded, skip: set[Path_]) -> Township:
    """The township of ``data``, leaving out the list elements at the paths in ``skip``."""
    center = data.get("service_center")

    def rows(key: str) -> list[tuple[Path_, dict[str, Any]]]:
        return [((key, i), row) for i, row in enumerate(data.get(key) or ()) if (key, i) not in skip]

    return Township(
        slug=slug,
        name=data["name"],
        division_code=_text(data.get("division_code")),
        tags=_texts(data.get("tags")),
        service_center=ServiceCenter(center["name"], center.get("address"), center.get("hours"), _text(center.get("phone")))
        if center
        else None,
        entries=tuple(_entry(row, loaded, path) for path, row in rows("items")),
        declined=tuple(
            Declined(str(r["code"]), r.get("reason"), r.get("expected"), r.get("document"), loaded.where(p))
            for p, r in rows("declined")
        ),
        withdrawn=tuple(
            Withdrawn(str(r["code"]), r["document"], r["date"], r.get("reason"), loaded.where(p))
            for p, r in rows("withdrawn")
        ),
        where=loaded.where(()),
    )


def _entry(data: dict[str, Any], loaded: Loaded, path: Path_) -> Entry:
    agreement = data.get("agreement")
    return Entry(
        code=str(data["code"]),
        mode=Mode(data["mode"]),
        document=data["document"],
        effective=data.get("effective"),
        scope=_maybe_texts(data.get("scope")),
        replaces=_text(data.get("replaces")),
        agreement=Agreement(agreement.get("number"), agreement.get("date"), agreement.get("signed", True))
        if agreement is not None
        else None,
        supervisor=_supervisor(data.get("supervisor"), loaded, (*path, "supervisor")),
        guide=_guide(data.get("guide"), loaded, (*path, "guide")),
        where=loaded.where(path),
    )


def _supervisor(data: dict[str, Any] | None, loaded: Loaded, path: Path_) -> Supervisor | None:
    if data is None:
        return None
    return Supervisor(data.get("body"), data.get("duties"), loaded.where(path))


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
