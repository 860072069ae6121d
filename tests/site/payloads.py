"""A fictional data folder where every free text field of the schemas is an injection
payload, and a harmless twin of it with the same structure.

Nothing here exists: the county, its townships, items, documents and phone numbers are
made up.  Every text field gets one value made of a tag naming the field (``«town.jia.name»``)
and :data:`BODY`, which holds every kind of payload at once: HTML and script, ``<img
onerror>``, ``javascript:`` URLs, Markdown links, images and emphasis, MkDocs/Jinja syntax,
Material attribute lists (last, where they would apply), a long unbroken string, RTL
override and zero-width characters.  Values start in turn with ``= + - @``, a tab or
nothing, so that every spreadsheet cell gets a formula-like start.

The same data with every text replaced by a plain word (:func:`neutral`) gives the site
the data *should* give: page by page, the payload site must have exactly its elements.
Both are committed to a git repository in two steps, so the change logs and Atom feeds
carry payloads too.

    python -m tests.site.payloads OUT     # writes OUT/zhuru/... (the payload data folder)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

COUNTY = "zhuru"
GUIDE = "zhidao"  # the guide catalog the county adopts
TOWNS = ("jia", "yi", "bing")
CODES = ("Z0001", "Z0002", "Z0003", "Z0004", "Z0005")
LONG = "长" + "W" * 500 + "尾"  # no space or punctuation to break at
BODY = (
    "<script>alert('script')</script>"
    "<img src=x onerror=alert('img')>"
    "<svg/onload=alert('svg')>"
    "<iframe src=\"http://evil.invalid/frame\"></iframe>"
    "<a href=\"javascript:alert('href')\">链接</a>"
    "<style>body{display:none}</style>"
    "\"'><b>引号</b>"
    "[md链接](javascript:alert('md')) [外链](http://evil.invalid/x)"
    "![md图](http://evil.invalid/p.png) <http://evil.invalid/auto>"
    " *斜* __粗__ `码` ~~删~~ | 表 | &lt;b&gt; &amp; &#60;i&#62;"
    "\n# 标题\n- 列表\n> 引用\n\n1. 编号"
    " {{ 7*7 }}{% if true %}模板{% endif %}{# 注释 #}{{ config.site_name }}"
    " \u202e右到左\u202c\u2067隔离 零\u200b宽\u200d字\u2060符\ufeff 未闭合的\u202e覆盖"
    f" {LONG}"
    " {: .k #k onclick=\"alert('attr1')\" } { .x #y onclick=alert('attr2') }"
)
# Each value starts with the next of these: CSV and XLSX cells get formula-like starts.
STARTS = ("=", "+", "-", "@", "\t", "")


@dataclass(frozen=True)
class Text:
    """A free text field, named by its tag."""

    tag: str
    kind: str = "text"  # "email" and "url" have a pattern to keep


def _t(tag: str) -> Text:
    return Text(tag)


def _guide(prefix: str, *, local: bool = False) -> dict[str, Any]:
    """A service guide; a township's own (``local``) only leaves things out or shortens them."""
    guide: dict[str, Any] = {
        "basis": [_t(f"{prefix}.basis.1")],
        "conditions": [_t(f"{prefix}.cond.1"), _t(f"{prefix}.cond.2")],
        "materials": [
            {"name": _t(f"{prefix}.mat.1"), "form": "原件", "copies": 1, "notes": _t(f"{prefix}.mat.1.notes")},
            {"name": _t(f"{prefix}.mat.2"), "form": "复印件", "copies": 2},
        ],
        "steps": [_t(f"{prefix}.step.1"), _t(f"{prefix}.step.2")],
        "legal_limit": 20,
        "promised_limit": 10,
        "fees": [{"name": _t(f"{prefix}.fee"), "standard": _t(f"{prefix}.fee.standard"), "basis": _t(f"{prefix}.fee.basis")}],
        "location": _t(f"{prefix}.location"),
        "hours": _t(f"{prefix}.hours"),
        "consult_phone": "(0999) 1234",
        "complaint_phone": "12345",
        "result": _t(f"{prefix}.result"),
    }
    if local:
        # Fewer materials and steps, shorter limits (只减不增), and its own place and hours.
        guide["materials"] = guide["materials"][:1]
        guide["steps"] = guide["steps"][:1]
        guide["conditions"] = guide["conditions"][:1]
        guide["promised_limit"] = 5
        guide["location"] = _t("town.jia.guide.location")
        guide["hours"] = _t("town.jia.guide.hours")
        del guide["legal_limit"]
    return guide


def _item(n: int) -> dict[str, Any]:
    code = CODES[n]
    item: dict[str, Any] = {
        "code": code,
        "name": _t(f"item.{n + 1}.name"),
        "type": ("行政许可", "行政检查", "行政确认", "行政处罚", "其他行政权力")[n],
        "department": _t(f"dept.{n % 2 + 1}"),
        "max_mode": ("直接下放", "委托", "直接下放", "下放实质性审核权", "服务窗口前移")[n],
    }
    if n == 0:
        item.update(
            domain=_t("item.1.domain"),
            sub_items=[_t("item.1.sub.1"), _t("item.1.sub.2"), _t("item.1.sub.3")],
            legal_basis=[_t("item.1.basis.1"), _t("item.1.basis.2")],
            aliases=[_t("item.1.alias")],
            supervisor={"body": _t("item.1.supervisor"), "duties": _t("item.1.duties")},
            guide=_guide("item.1.guide"),
        )
    if n == 1:
        item.update(baseline=True, supervisor={"duties": _t("item.2.duties")}, guide={"fees": []})
    if n == 3:
        # Six new tags (its domain is the county's first field), so the values after them keep their starts.
        item.update(domain=_t("policy.field.1"), reserved=_t("item.4.reserved"), enforcement={
            "basis": [_t("item.4.basis.1"), _t("item.4.basis.2")], "penalty": _t("item.4.penalty"),
            "discretion": _t("item.4.discretion"), "inspection": _t("item.4.inspection"),
            "report_phone": "12315", "complaint_phone": "(0999) 4321"})
    return item


def _entry(code: str, mode: str, document: int, n: int, **more: Any) -> dict[str, Any]:
    return {
        "code": code,
        "mode": mode,
        "document": _t(f"doc.{document}.number"),
        "agreement": {"number": _t(f"agreement.{n}"), "date": "2024-01-20"},
        "supervisor": {"duties": _t(f"entry.{n}.duties")},
        **more,
    }


def structure() -> dict[str, Any]:
    """The data folder as {relative path: file content}, texts still as :class:`Text`."""
    county = {
        "name": _t("county.name"),
        "province": _t("county.province"),
        "city": _t("county.city"),
        "division_code": "990999",
        "contact": {"phone": "(0999) 1234", "email": Text("county.email", "email"), "address": _t("county.address")},
        # Tags used before (no value moves): the catalog filed with the county itself under its city's name, published at a
        # document's address.
        "published": {"date": "2024-03-10", "url": Text("doc.1.url", "url")},
        "filed": {"to": _t("county.name"), "date": "2024-03-12", "number": _t("county.city")},
        "refused": [{"code": "Z0003", "township": "jia", "reason": _t("town.yi.declined.reason"), "document": _t("doc.1.number")}],
        "departments": [_t("dept.1"), _t("dept.2")],
        "documents": [
            {"number": _t("doc.1.number"), "title": _t("doc.1.title"), "issuer": _t("doc.1.issuer"), "date": "2024-01-02",
             "url": Text("doc.1.url", "url"), "replaced_by": _t("doc.2.number")},
            # The numbers again (no new tags, so every value keeps its start): 2 rests on 1 and replaces it.
            {"number": _t("doc.2.number"), "title": _t("doc.2.title"), "issuer": _t("doc.2.issuer"), "date": "2024-03-01",
             "basis": [_t("doc.1.number")]},
        ],
        # Six fields under 市级综合行政执法, so the values after them keep their starts.
        "policy": {"claim_all_tags": [_t("tag.claim")], "city_enforcement": [_t(f"policy.field.{n}") for n in range(1, 7)]},
        "guide_catalog": GUIDE,
        "lists": [{
            "to": {"tags": [_t("tag.yi")]},
            "document": _t("doc.1.number"),
            "items": [
                {"code": "Z0001", "mode": "委托", "scope": [_t("item.1.sub.1"), _t("item.1.sub.3")]},
                {"code": "Z0005", "mode": "服务窗口前移", "document": _t("doc.2.number"), "effective": "2024-03-05",
                 "supervisor": {"body": _t("list.1.supervisor"), "duties": _t("list.1.duties")}},
            ],
            # Last, so that the tags before them keep their values.
            "note": _t("list.1.note"),
            "title": _t("list.1.title"),  # a title starting with @ heads the county's XLSX
        }, {
            "to": {"groups": ["乙组"]},
            "document": _t("doc.1.number"),
            # A tag used before, so that no value moves; 丙 writes its own for Z0002 over it.
            "items": [{"code": "Z0002", "mode": "委托", "reserved": _t("town.bing.reserved")}],
        }],
        "groups": {"乙组": ["bing"]},
    }
    guide = {
        "name": _t("guide.name"),
        "issuer": _t("guide.issuer"),
        "level": "省级",
        "departments": [_t("guide.dept")],
        "documents": [{"number": _t("guide.doc.number"), "title": _t("guide.doc.title"), "issuer": _t("guide.doc.issuer"),
                       "date": "2023-12-01", "url": Text("guide.doc.url", "url"),
                       "basis": [_t("doc.1.number")], "replaced_by": _t("doc.2.number")}],  # tags used before: no value moves
        "lists": [{
            "to": {"all": True},
            "document": _t("guide.doc.number"),
            "items": [{"code": "G0001", "mode": "服务窗口前移", "scope": [_t("guide.item.sub")], "document": _t("guide.doc.number"),
                       "supervisor": {"body": _t("guide.list.supervisor"), "duties": _t("guide.list.duties")},
                       "reserved": _t("item.4.reserved")}],  # a tag used before: no value moves
        }],
    }
    guide_item = {"code": "G0001", "name": _t("guide.item.name"), "type": "行政检查", "department": [_t("guide.dept")],
                  "sub_items": [_t("guide.item.sub")], "domain": _t("guide.item.domain")}
    jia = {
        "name": _t("town.jia.name"),
        "division_code": "990999100",
        "tags": [_t("tag.claim"), _t("tag.jia")],
        "service_center": {"name": _t("town.jia.center"), "address": _t("town.jia.address"), "hours": _t("town.jia.hours"),
                           "phone": "(0999) 5678"},
        "items": [
            _entry("Z0001", "直接下放", 1, 1, scope=[_t("item.1.sub.1"), _t("item.1.sub.3")], effective="2024-02-01",
                   supervisor={"body": _t("entry.1.supervisor"), "duties": _t("entry.1.duties")}, guide=_guide("item.1.guide", local=True)),
            _entry("Z0002", "委托", 1, 2),
            _entry("Z0003", "下放实质性审核权", 1, 3),
            _entry("Z0004", "下放实质性审核权", 1, 4),
            _entry("Z0005", "服务窗口前移", 1, 5),
        ],
    }
    yi = {
        "name": _t("town.yi.name"),
        "tags": [_t("tag.yi")],
        "service_center": {"name": _t("town.yi.center")},
        "items": [
            _entry("Z0001", "委托", 1, 6),
            _entry("Z0002", "委托", 1, 7),
        ],
        "declined": [
            {"code": "Z0003", "reason": _t("town.yi.declined.reason"), "expected": "2030-01-01", "document": _t("doc.2.number")},
        ],
        "withdrawn": [
            {"code": "Z0004", "document": _t("doc.2.number"), "date": "2024-03-01", "reason": _t("town.yi.withdrawn.reason")},
        ],
    }
    bing = {
        "name": _t("town.bing.name"),
        "kind": "镇",
        "administered_by": _t("town.bing.administered"),
        "agreement": {"number": _t("town.bing.agreement"), "date": "2024-01-25"},
        "items": [
            _entry("Z0001", "直接下放", 2, 8, scope=[_t("item.1.sub.2")]),
            _entry("Z0002", "委托", 1, 9, reserved=_t("town.bing.reserved")),
        ],
        # With the entry's reserved part, six new tags, so the values after them keep their starts.
        "assists": [
            {"name": _t("town.bing.assist.1"), "department": _t("dept.1"), "document": _t("doc.1.number"),
             "duties": _t("town.bing.assist.1.duties")},
            {"name": _t("town.bing.assist.2"), "department": _t("dept.2"), "document": _t("doc.2.number"),
             "duties": _t("town.bing.assist.2.duties")},
            {"name": _t("town.bing.assist.3"), "department": _t("dept.1"), "document": _t("doc.1.number")},
        ],
        "declined": [{"code": "Z0005", "reason": _t("town.bing.declined.reason"), "expected": "2031-06-30"}],
        "withdrawn": [{"code": "Z0003", "document": _t("doc.2.number"), "date": "2024-03-01"}],
    }
    files: dict[str, Any] = {f"{COUNTY}/county.yaml": county, f"{GUIDE}/catalog.yaml": guide, f"{GUIDE}/items/G0001.yaml": guide_item}
    for n, code in enumerate(CODES):
        files[f"{COUNTY}/items/{code}.yaml"] = _item(n)
    for slug, town in zip(TOWNS, (jia, yi, bing), strict=True):
        files[f"{COUNTY}/townships/{slug}.yaml"] = town
    return files


def _tags() -> list[str]:
    """Every tag, in the order the files first use them: the order values take their starts."""
    seen: dict[str, None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Text):
            seen.setdefault(node.tag)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(structure())
    return list(seen)


def payload(text: Text) -> str:
    """The payload value of a field."""
    start = STARTS[_tags().index(text.tag) % len(STARTS)]
    if text.kind == "email":  # ^[^@\s]+@[^@\s]+$
        return f"<img/src=x/onerror=alert('mail')>«{text.tag}»@evil.invalid"
    if text.kind == "url":  # ^https?://
        return f"https://example.invalid/\"><script>alert('url')</script>«{text.tag}»"
    return f"{start}«{text.tag}»{BODY}"


def neutral(text: Text, word: str = "文本") -> str:
    """A plain value for the field: the same data without any markup."""
    if text.kind == "email":
        return f"{word}{_ascii(text.tag)}@example.invalid"
    if text.kind == "url":
        return f"https://example.invalid/{_ascii(text.tag)}"
    return f"{word}{text.tag.replace('.', '')}"


def _ascii(tag: str) -> str:
    return tag.replace(".", "")


def values() -> dict[str, str]:
    """Every tag and its payload value."""
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Text):
            found[node.tag] = payload(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(structure())
    return found


def fields() -> Iterator[tuple[str, str, str]]:
    """(file kind, field path, tag) of every text value: ``township``, ``items[].scope[]``."""

    def walk(node: Any, path: str, kind: str) -> Iterator[tuple[str, str, str]]:
        if isinstance(node, Text):
            yield kind, path, node.tag
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}" if path else key, kind)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, f"{path}[]", kind)

    for name, content in structure().items():
        folder = name.split("/")[1]
        yield from walk(content, "", {"items": "item", "townships": "township", "catalog.yaml": "catalog"}.get(folder, "county"))


def _fill(node: Any, value: Callable[[Text], str]) -> Any:
    if isinstance(node, Text):
        return value(node)
    if isinstance(node, dict):
        return {k: _fill(v, value) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, value) for v in node]
    return node


def _older(files: dict[str, Any]) -> dict[str, Any]:
    """An earlier state for the git history: each township had only its first entry, and
    the county had neither its lists nor its guide catalog."""
    older = {name: content for name, content in files.items() if not name.startswith(f"{GUIDE}/")}
    for name, content in older.items():
        if "/townships/" in name:
            older[name] = {k: v[:1] if k == "items" else v for k, v in content.items() if k not in ("declined", "withdrawn")}
        elif name.endswith("/county.yaml"):
            later = ("lists", "groups", "guide_catalog", "published", "filed", "refused")
            older[name] = {k: v for k, v in content.items() if k not in later}
    return older


def write(data: Path, value: Callable[[Text], str], files: dict[str, Any] | None = None) -> Path:
    """The data folder with these values, one YAML file per record."""
    for name, content in (files or structure()).items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(_fill(content, value), allow_unicode=True, sort_keys=False, width=1 << 20)
        path.write_text("# 虚构数据，仅供测试：每个文本字段都是注入载荷。\n" + text, encoding="utf-8")
    return data


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "测试员", "GIT_AUTHOR_EMAIL": "tester@example.invalid",
        "GIT_COMMITTER_NAME": "测试员", "GIT_COMMITTER_EMAIL": "tester@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def repository(root: Path, value: Callable[[Text], str], older: Callable[[Text], str]) -> Path:
    """A git repository at ``root`` whose ``data`` folder was first written with ``older``
    values and fewer entries, then with ``value``; gives the data folder."""
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    data = root / "data"
    write(data, older, _older(structure()))
    _git(root, "add", "-A", "data")
    _git(root, "commit", "-q", "-m", "虚构：首批", date="2024-01-02T10:00:00+08:00")
    for path in data.rglob("*.yaml"):
        path.unlink()
    write(data, value)
    _git(root, "add", "-A", "data")
    _git(root, "commit", "-q", "-m", "虚构：调整", date="2024-03-10T10:00:00+08:00")
    return data


def payload_repository(root: Path) -> Path:
    return repository(root, payload, lambda t: neutral(t, "旧"))


def neutral_repository(root: Path) -> Path:
    return repository(root, neutral, lambda t: neutral(t, "旧"))


if __name__ == "__main__":
    print(write(Path(sys.argv[1]), payload))
