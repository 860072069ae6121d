"""The catalog as typed, frozen values, built by ``generator.assemble`` from schema-valid
data.  Texts are kept as written; dates are ``YYYY-MM-DD`` strings (they sort as dates).
Most objects carry a ``where`` so a later problem can point at them; it never takes part
in equality, so the same catalog at two revisions compares equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from functools import cached_property
from typing import Literal


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a data file: 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0


Mark = tuple[int, int]
Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Where:
    """Where an object and each of its fields were written: a view into the marks the
    loader recorded for the whole file, so building the model costs nothing per field."""

    file: str
    path: Key = ()
    marks: Mapping[Key, Mark] = field(default_factory=dict)

    @property
    def loc(self) -> Loc:
        return Loc(self.file, *self.marks.get(self.path, (1, 1)))

    def of(self, name: str) -> Loc:
        """The place of field ``name``, or of the object itself when it is absent."""
        mark = self.marks.get((*self.path, name))
        return Loc(self.file, *mark) if mark else self.loc


_DATA_FIELDS: dict[type, tuple[str, ...] | None] = {}


def data_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a model class that hold data (all but ``where``), in declaration
    order; None when ``kind`` is not a model class.  Cached: exports and diffs ask for
    every record they walk."""
    if kind not in _DATA_FIELDS:
        _DATA_FIELDS[kind] = tuple(f.name for f in fields(kind) if f.compare) if is_dataclass(kind) else None
    return _DATA_FIELDS[kind]


# Objects made in code rather than loaded from a file (tests, the site) are nowhere.
NOWHERE = Where("")


class Mode(StrEnum):
    """赋权方式, from most to least delegated (design §4)."""

    DIRECT = "直接下放"
    ENTRUSTED = "委托"
    REVIEW = "下放实质性审核权"
    WINDOW = "服务窗口前移"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {mode: n for n, mode in enumerate(Mode)}  # the rules compare a mode per entry


# Which of the three lists (三清单, seed 002 二（三）) a delegated item belongs to, by its
# nature; the third, 配合事项, are township records of their own (:class:`Assist`).
ListKind = Literal["审批服务", "行政执法"]
SERVICE: ListKind = "审批服务"
ENFORCEMENT: ListKind = "行政执法"
LIST_KINDS: tuple[ListKind, ...] = (SERVICE, ENFORCEMENT)
# The types of 行政执法 (处罚, 强制, 检查); every other type is 审批服务.
ENFORCEMENT_TYPES = frozenset({"行政处罚", "行政强制", "行政检查"})


class Status(StrEnum):
    """Where a document stands: a draft for comment is no decision; a repealed one no longer binds."""

    DRAFT = "征求意见稿"
    ISSUED = "正式"
    REPEALED = "废止"


class Level(StrEnum):
    """The level of government a body belongs to."""

    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"


@dataclass(frozen=True)
class Document:
    """文件: a decision document that enacts changes."""

    number: str
    title: str
    issuer: str
    date: str
    url: str | None = None
    level: Level | None = None  # the issuer's level, where the data says it
    status: Status | None = None  # 征求意见稿, 正式 or 废止, where the data says it
    replaced_by: str | None = None  # the number of the document that replaces it
    basis: tuple[str, ...] = ()  # the documents it rests on (依据), as it names them
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    @property
    def in_force(self) -> bool:
        """Whether nothing the data says takes the document out of force."""
        return self.status is not Status.REPEALED and self.replaced_by is None


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Policy:
    """County-wide delegation policy: tags whose townships must claim every item (应领尽领),
    and the rules the county adopted by its own document where no notice binds it to them."""

    claim_all_tags: tuple[str, ...] = ()
    adopts: tuple[tuple[str, str], ...] = ()  # (rule id, document number)
    city_enforcement: tuple[str, ...] = ()  # 领域 under 市级综合行政执法 (seed 002 二（一）4)
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    @property
    def adopted(self) -> frozenset[str]:
        return frozenset(rule for rule, _ in self.adopts)


@dataclass(frozen=True)
class Supervisor:
    """监管责任主体 and what it supervises (seed 001)."""

    body: str | None = None
    duties: str | None = None
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Material:
    """申请材料: one material a citizen brings."""

    name: str
    form: str | None = None
    copies: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Fee:
    """收费标准: one fee and its legal basis."""

    name: str
    standard: str
    basis: str | None = None


@dataclass(frozen=True)
class Guide:
    """办事指南 after the national guide elements.  Every element is optional:
    on an entry, a guide holds only the township's local differences."""

    basis: tuple[str, ...] | None = None
    conditions: tuple[str, ...] | None = None
    materials: tuple[Material, ...] | None = None
    steps: tuple[str, ...] | None = None
    legal_limit: int | None = None
    promised_limit: int | None = None
    fees: tuple[Fee, ...] | None = None
    location: str | None = None
    hours: str | None = None
    consult_phone: str | None = None
    complaint_phone: str | None = None
    result: str | None = None
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Enforcement:
    """What an enforcement item's page shows in place of a 办事指南; every element optional."""

    basis: tuple[str, ...] | None = None  # 执法依据
    penalty: str | None = None  # 处罚种类和幅度
    discretion: str | None = None  # the 裁量基准 it follows
    inspection: str | None = None  # 检查方式, e.g. 双随机、一公开
    report_phone: str | None = None  # 举报电话
    complaint_phone: str | None = None  # 投诉电话


@dataclass(frozen=True)
class Item:
    """赋权事项: a matter that can be delegated, with its legal ceiling where one is known.

    ``key`` names it in the data (its file, the entries that take it, its page): the
    official code where one is published, else a local key, which is never shown as a code."""

    key: str
    name: str
    type: str
    code: str | None = None  # 事项编码 as published
    departments: tuple[str, ...] = ()
    max_mode: Mode | None = None
    sub_items: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # 俗称, the names citizens use for it
    baseline: bool = False
    legal_basis: tuple[str, ...] = ()
    supervisor: Supervisor | None = None
    guide: Guide | None = None
    domain: str | None = None  # 领域, the field of administration (市场监管, 生态环境保护 …)
    level: Level | None = None  # 市级: an item of a city department (seed 000 一（三）)
    implementation_code: str | None = None  # 实施编码 / 业务办理项编码 of the provincial service system
    agency_code: str | None = None  # 实施主体编码
    catalog: str | None = None  # the guide catalog (指导目录) it comes from
    reserved: str | None = None  # what stays with the county department, e.g. 重大行政处罚
    enforcement: Enforcement | None = None
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    @property
    def department(self) -> str | None:
        """The implementing departments as one text, or None where the data names none."""
        return "、".join(self.departments) or None

    @property
    def list_kind(self) -> ListKind:
        return ENFORCEMENT if self.type in ENFORCEMENT_TYPES else SERVICE


@dataclass(frozen=True)
class Agreement:
    """承接确认书 / 协议书 signed between the department and the township."""

    number: str | None = None
    date: str | None = None
    signed: bool = True


@dataclass(frozen=True)
class Entry:
    """One delegated item of a township."""

    code: str
    mode: Mode
    document: str
    effective: str | None = None
    scope: tuple[str, ...] | None = None
    replaces: str | None = None
    agreement: Agreement | None = None
    supervisor: Supervisor | None = None
    guide: Guide | None = None
    reserved: str | None = None  # what this township leaves with the county, where it differs from the item's
    transition_until: str | None = None  # the last day the county still finishes what it received before
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Assist:
    """配合事项: a power a county department holds and the township assists with."""

    name: str
    department: str
    document: str
    duties: str | None = None  # what the township does
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Declined:
    """暂不承接: an item the township does not take yet."""

    code: str
    reason: str | None = None
    expected: str | None = None
    document: str | None = None
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Withdrawn:
    """An item taken back from the township, kept so the public history stays visible."""

    code: str
    document: str
    date: str
    reason: str | None = None
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class ServiceCenter:
    """便民服务中心 / 为民服务中心: where the township receives citizens."""

    name: str
    address: str | None = None
    hours: str | None = None
    phone: str | None = None


class Kind(StrEnum):
    """The kind of a receiver of delegated powers."""

    TOWN = "镇"
    TOWNSHIP = "乡"
    SUBDISTRICT = "街道"
    COMMITTEE = "管委会"  # of a development zone or scenic area, which may run townships


@dataclass(frozen=True)
class Township:
    """一镇一目录: one township's catalog, resolved: the lists given to it with its own
    differences applied (:mod:`generator.lists`)."""

    slug: str
    name: str
    division_code: str | None = None
    kind: Kind | None = None
    administered_by: str | None = None  # the 管委会 that runs it (代管), where one does
    tags: tuple[str, ...] = ()
    service_center: ServiceCenter | None = None
    agreement: Agreement | None = None  # one for all its entries, where an entry names none
    entries: tuple[Entry, ...] = ()
    declined: tuple[Declined, ...] = ()
    withdrawn: tuple[Withdrawn, ...] = ()
    assists: tuple[Assist, ...] = ()  # 配合事项
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Refusal:
    """An item a township claimed and the county declined to delegate, with the document giving its reason."""

    code: str
    township: str  # the township's slug
    reason: str
    document: str
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Publication:
    """When (and where) the county published its catalog to the public."""

    date: str
    url: str | None = None


@dataclass(frozen=True)
class Filing:
    """备案: with whom the county filed its catalog, when, and under which number."""

    to: str  # 备案机关
    date: str
    number: str | None = None  # 备案编号, where the data gives it


@dataclass(frozen=True)
class Attachment:
    """附件: how a decision document's attachment heads and closes one of the county's lists."""

    document: str
    title: str | None = None
    note: str | None = None  # the attachment's closing 注


@dataclass(frozen=True)
class County:
    """The delegating government (县/区) with its items and townships, sorted."""

    slug: str
    name: str
    province: str
    city: str | None = None
    division_code: str | None = None
    contact: Contact | None = None
    departments: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    policy: Policy = Policy()
    guide_catalog: str | None = None  # the 指导目录 it adopts
    attachments: tuple[Attachment, ...] = ()  # of its own lists, where the data gives a title or a 注
    refused: tuple[Refusal, ...] = ()
    published: Publication | None = None
    filed: Filing | None = None
    items: tuple[Item, ...] = ()
    townships: tuple[Township, ...] = ()
    where: Where = field(default=NOWHERE, compare=False, repr=False)

    def item(self, key: str) -> Item | None:
        return self.items_by_key.get(key)

    def document(self, number: str) -> Document | None:
        return self.documents_by_number.get(number)

    @cached_property
    def items_by_key(self) -> Mapping[str, Item]:
        return {item.key: item for item in self.items}

    @cached_property
    def documents_by_number(self) -> Mapping[str, Document]:
        return {doc.number: doc for doc in self.documents}


@dataclass(frozen=True)
class GuideCatalog:
    """指导目录: the items a province or city offers its counties' townships, kept once."""

    slug: str
    name: str
    issuer: str
    level: Level
    documents: tuple[Document, ...] = ()
    departments: tuple[str, ...] = ()
    replaces: str | None = None  # the edition this one replaces
    items: tuple[Item, ...] = ()
    where: Where = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Catalog:
    """Every guide catalog and county of a data folder, each sorted by slug."""

    counties: tuple[County, ...] = ()
    guides: tuple[GuideCatalog, ...] = ()

    def guide(self, slug: str) -> GuideCatalog | None:
        return next((g for g in self.guides if g.slug == slug), None)

    def county(self, slug: str) -> County | None:
        return next((c for c in self.counties if c.slug == slug), None)
