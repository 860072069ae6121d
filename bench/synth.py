"""Deterministic synthetic catalogs for benchmarks.  All names are fictional.

Shapes follow the real notices: 5-30 departments and 50-150 items per county (fixed
at 100 for the named scales), sub-items and guides on some items, townships that
claim 60-100% of the items in all four modes, declined and withdrawn entries.

    python bench/synth.py OUT_DIR --counties N [--townships 15] [--items 100] [--seed 1] [--guide] [--commits N]

``--guide`` writes the guide-catalog shape instead: one provincial 指导目录 of 471 items
(as 安徽's; most of them enforcement powers, a third without a published code, a fifth
baseline), adopted by every county, whose townships receive a baseline list and a list for
their tag and hold only their differences: a lowered mode, declines with approval, some
optional items of their own.

``--commits N`` makes OUT_DIR a git repository whose data/ grows by N small commits after
the first, several a day as a county's staff make them (:func:`grow`).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

MODES = ("直接下放", "委托", "下放实质性审核权", "服务窗口前移")
TYPES = ("行政许可", "行政处罚", "行政确认", "行政给付", "公共服务", "行政检查", "其他行政权力")
SERVICE_TYPES = ("行政许可", "行政确认", "行政给付", "公共服务", "其他行政权力")
SCALES = {"county": 1, "city": 10, "province": 100}
WORDS = ["登记", "审批", "备案", "核准", "认定", "许可", "给付", "查询", "变更", "注销", "补助", "证明", "审核", "发放", "检查"]
NOUNS = ["个体工商户", "农民专业合作社", "宅基地", "林木采伐", "食品经营", "医疗保险",
         "社会保险", "户外广告", "建筑垃圾", "不动产", "养老服务", "残疾人补贴"]


def _item_type(rng: random.Random) -> str:
    """A county item's type in the proportions of real lists, which are mostly enforcement (卫滨区: 2,152 of 3,064
    powers are 行政处罚; 甘肃's guide 205 of 215 items): seven in ten 行政处罚, one in ten 检查 or 强制, two 审批服务."""
    roll = rng.random()
    if roll < 0.7:
        return "行政处罚"
    if roll < 0.8:
        return "行政检查" if roll < 0.78 else "行政强制"
    return rng.choice(SERVICE_TYPES)


def _county(root: Path, index: int, townships: int, items: int, rng: random.Random) -> int:
    slug = f"c{index:03d}"
    folder = root / slug
    (folder / "items").mkdir(parents=True)
    (folder / "townships").mkdir()
    departments = [f"虚构县{index:03d}第{d}局" for d in range(1, rng.randint(5, 30) + 1)]
    docs = [(f"虚政发〔2024〕{index}号", "2024-03-01"), (f"虚政办发〔2024〕{index}号", "2024-09-01")]
    (folder / "county.yaml").write_text(
        "# 虚构数据，仅供基准测试。\n"
        f"name: 虚构县{index:03d}\nprovince: 虚构省\ncity: 虚构市\ndivision_code: \"99{index:04d}\"\n"
        f"departments: [{', '.join(departments)}]\n"
        "documents:\n"
        + "".join(f"  - number: {n}\n    title: 关于赋权的通知（虚构）\n    issuer: 虚构县{index:03d}人民政府\n    date: {d}\n"
                  for n, d in docs)
        + "policy:\n  claim_all_tags: [经济发达镇]\n",
        encoding="utf-8",
    )
    codes = []
    ceilings = {}
    parts = {}
    for i in range(items):
        code = f"99{index:04d}{i:07d}"
        codes.append(code)
        ceilings[code] = rng.randrange(4)
        name = f"{rng.choice(NOUNS)}{rng.choice(WORDS)}{i}"
        kind = _item_type(rng)
        text = (f"code: {code}\nname: {name}\ntype: {kind}\ndepartment: {rng.choice(departments)}\n"
                f"max_mode: {MODES[ceilings[code]]}\nsupervisor: {{duties: 定期抽查乡镇办理情况}}\ndomain: {FIELDS[i % len(FIELDS)]}\n")
        if i % 3 == 0:
            parts[code] = f"{name}（新办）"
            text += f"sub_items: [{name}（新办）, {name}（变更）, {name}（注销）]\n"
        enforced = kind in ("行政处罚", "行政检查", "行政强制")
        if enforced and i % 2 == 0:
            text += ("reserved: 重大行政处罚由县级部门实施\nenforcement:\n  basis: [《行政处罚法》第二十四条]\n"
                     "  penalty: 警告、罚款\n  discretion: 虚构县行政处罚裁量基准\n  report_phone: \"12345\"\n")
        elif i % 2 == 0:
            text += ("guide:\n  conditions: [申请人符合法定条件]\n  materials:\n"
                     "    - {name: 申请书, form: 原件, copies: 1}\n    - {name: 居民身份证, form: 原件和复印件, copies: 1}\n"
                     "    - {name: 相关证明材料, form: 复印件, copies: 1}\n"
                     "  steps: [受理, 审查, 决定, 送达]\n  legal_limit: 20\n  promised_limit: 10\n  fees: []\n"
                     "  consult_phone: \"0999-1234567\"\n  result: 批准文书\n")
        (folder / "items" / f"{code}.yaml").write_text(text, encoding="utf-8")
    entries = 0
    for t in range(townships):
        claim_all = t == 0
        share = 1.0 if claim_all else rng.uniform(0.6, 1.0)
        lines = [f"# 虚构数据，仅供基准测试。\nname: 虚构镇{index:03d}{t:02d}\ndivision_code: \"99{index:04d}{t:03d}\"\n",
                 f"tags: [{'经济发达镇' if claim_all else '一般镇'}]\n",
                 f"service_center: {{name: 虚构镇{index:03d}{t:02d}便民服务中心, hours: 工作日 9:00-17:00}}\nitems:\n"]
        declined, withdrawn = [], []
        for i, code in enumerate(codes):
            roll = rng.random()
            if roll > share:
                declined.append(code)
            elif not claim_all and roll > share - 0.02:
                withdrawn.append(code)
            else:
                mode = MODES[rng.randint(ceilings[code], 3)]
                lines.append(f"  - code: {code}\n    mode: {mode}\n    document: {docs[0][0]}\n"
                             f"    agreement: {{number: 协-{t}-{i}, date: 2024-03-15}}\n")
                if code in parts and t % 2:
                    lines.append(f"    scope: [{parts[code]}]\n")
                entries += 1
        # 配合事项: what the township assists the county's departments with.
        lines.append("assists:\n")
        lines += [f"  - {{name: 配合事项{a}, department: {departments[a % len(departments)]}, document: {docs[0][0]}, "
                  "duties: 发现违法线索及时报告}\n" for a in range(3)]
        lines.append("declined:\n")
        lines += [f"  - code: {c}\n    reason: 暂无专业人员\n    expected: 2027-06-30\n    document: {docs[1][0]}\n" for c in declined]
        lines.append("withdrawn:\n")
        lines += [f"  - code: {c}\n    document: {docs[1][0]}\n    date: 2024-09-01\n" for c in withdrawn]
        (folder / "townships" / f"t{t:02d}.yaml").write_text("".join(lines), encoding="utf-8")
    return entries


ENFORCEMENT = ("行政处罚",) * 6 + ("行政检查", "行政强制")
FIELDS = ("市场监管", "生态环境保护", "文化市场", "交通运输", "农业", "自然资源", "应急管理", "卫生健康")
GUIDE = "g-xu"

Guided = tuple[str, int, bool]  # a guide item: key, ceiling (index into MODES), baseline


def _guide(root: Path, items: int, rng: random.Random) -> list[Guided]:
    folder = root / GUIDE
    (folder / "items").mkdir(parents=True)
    (folder / "catalog.yaml").write_text(
        "# 虚构数据，仅供基准测试。\nname: 虚构省赋予乡镇（街道）县级权限指导目录\nissuer: 虚构省人民政府\nlevel: 省级\n"
        "documents:\n  - number: 虚政〔2024〕1号\n    title: 关于赋予乡镇街道县级权限的决定（虚构）\n"
        "    issuer: 虚构省人民政府\n    date: 2024-01-10\n",
        encoding="utf-8",
    )
    found = []
    for i in range(items):
        coded = i % 3 != 0  # a third of the items have no published code
        key = f"99{i:011d}" if coded else f"cf-{i:04d}"
        ceiling = rng.randrange(4) if i % 4 else 0  # a quarter have no recorded ceiling
        text = "# 虚构数据，仅供基准测试。\n" + (f"code: {key}\n" if coded else "")
        text += f"name: {rng.choice(NOUNS)}{rng.choice(WORDS)}事项{i}\n"
        text += f"type: {ENFORCEMENT[i % len(ENFORCEMENT)] if i % 5 else rng.choice(TYPES)}\ndomain: {FIELDS[i % len(FIELDS)]}\n"
        text += f"max_mode: {MODES[ceiling]}\n" if i % 4 else ""
        text += "baseline: true\n" if i % 5 == 0 else ""
        text += "supervisor: {duties: 定期抽查乡镇执法和办理情况}\n"
        (folder / "items" / f"{key}.yaml").write_text(text, encoding="utf-8")
        found.append((key, ceiling, i % 5 == 0))
    return found


def _listed(items: list[Guided]) -> str:
    return "".join(f"      - {{code: {key}, mode: {MODES[min(3, ceiling + 1)]}}}\n" for key, ceiling, _ in items)


def _guided_county(root: Path, index: int, townships: int, guide: list[Guided], rng: random.Random) -> int:
    folder = root / f"c{index:03d}"
    (folder / "townships").mkdir(parents=True)
    baseline = [g for g in guide if g[2]]
    optional = [g for g in guide if not g[2]]
    tagged = rng.sample(optional, 150)
    rest = [g for g in optional if g not in tagged]
    docs = [(f"虚政发〔2024〕{index}号", "2024-03-01"), (f"虚政办发〔2024〕{index}号", "2024-09-01")]
    (folder / "county.yaml").write_text(
        "# 虚构数据，仅供基准测试。\n"
        f"name: 虚构县{index:03d}\nprovince: 虚构省\ncity: 虚构市\ndivision_code: \"99{index:04d}\"\n"
        f"departments: [虚构县{index:03d}综合行政执法局]\nguide_catalog: {GUIDE}\ndocuments:\n"
        + "".join(f"  - number: {n}\n    title: 关于赋权的通知（虚构）\n    issuer: 虚构县{index:03d}人民政府\n    date: {d}\n"
                  for n, d in docs)
        + f"lists:\n  - to: {{all: true}}\n    document: {docs[0][0]}\n    items:\n{_listed(baseline)}"
        + f"  - to: {{tags: [经济发达镇]}}\n    document: {docs[0][0]}\n    items:\n{_listed(tagged)}",
        encoding="utf-8",
    )
    entries = 0
    for t in range(townships):
        tag = "经济发达镇" if t % 3 == 0 else "一般镇"
        lines = [f"# 虚构数据，仅供基准测试。\nname: 虚构镇{index:03d}{t:02d}\ndivision_code: \"99{index:04d}{t:03d}\"\n",
                 f"tags: [{tag}]\nservice_center: {{name: 虚构镇{index:03d}{t:02d}便民服务中心}}\nitems:\n"]
        declined = rng.sample(baseline, 2)
        lowered = rng.sample([b for b in baseline if b not in declined], 3)
        lines += [f"  - code: {key}\n    mode: 服务窗口前移\n    document: {docs[1][0]}\n" for key, _, _ in lowered]
        own = rng.sample(rest, rng.randint(20, 60))
        lines += [f"  - code: {key}\n    mode: {MODES[min(3, ceiling + 1)]}\n    document: {docs[1][0]}\n"
                  f"    agreement: {{number: 协-{t}-{key}, date: 2024-09-15}}\n" for key, ceiling, _ in own]
        lines.append("declined:\n")
        lines += [f"  - code: {key}\n    reason: 暂无专业人员\n    expected: 2027-06-30\n    document: {docs[1][0]}\n"
                  for key, _, _ in declined]
        (folder / "townships" / f"t{t:02d}.yaml").write_text("".join(lines), encoding="utf-8")
        entries += len(baseline) - len(declined) + (len(tagged) if t % 3 == 0 else 0) + len(own)
    return entries


def generate_guided(root: Path, counties: int, townships: int = 15, items: int = 471, seed: int = 1) -> int:
    """Write the guide-catalog shape under ``root``; return the number of resolved entries."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    guide = _guide(root, items, rng)
    return sum(_guided_county(root, c, townships, guide, rng) for c in range(1, counties + 1))


def generate(root: Path, counties: int, townships: int = 15, items: int = 100, seed: int = 1) -> int:
    """Write ``counties`` fictional counties under ``root``; return the number of entries."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    return sum(_county(root, c, townships, items, rng) for c in range(1, counties + 1))


# ---------------------------------------------------------------- a history


CHINA = timezone(timedelta(hours=8))
START = 1735660800  # 2025-01-01 00:00 +08:00: the history runs from here
SPAN = 545 * 86400  # to the end of June 2026, before the benchmarks' pinned today
_BLOCK = re.compile(r"(?m)^  - code: ")


class _Township:
    """A township file as the parts an edit changes: the head, then its items, declined
    and withdrawn rows (each a block of lines); its 配合事项 (assists) are kept as written."""

    def __init__(self, text: str) -> None:
        head, rest = text.split("items:\n", 1)
        items, rest = rest.split("declined:\n", 1)
        items, _, self.assists = items.partition("assists:\n")  # after the items: an item added goes before it
        declined, withdrawn = rest.split("withdrawn:\n", 1)
        self.head = head
        self.items, self.declined, self.withdrawn = (
            ["  - code: " + b for b in _BLOCK.split(part)[1:]] for part in (items, declined, withdrawn))

    def text(self) -> str:
        assists = ("assists:\n", self.assists) if self.assists else ()
        parts = (self.head, "items:\n", *self.items, *assists, "declined:\n", *self.declined, "withdrawn:\n", *self.withdrawn)
        return "".join(parts)


def _code(block: str) -> str:
    return block.split("\n", 1)[0].removeprefix("  - code: ")


def _edit(files: dict[str, str], county: str, n: int, date: str, rng: random.Random) -> tuple[str, list[str]]:
    """One day's change to ``county``, as its staff make them: a township's service
    centre, an item's supervision, an entry withdrawn or newly taken up, a new decision
    document with the withdrawal it decides.  Returns the message and the changed paths."""
    towns = sorted(p for p in files if p.startswith(f"data/{county}/townships/"))
    town = rng.choice(towns)
    slug = town.rsplit("/", 1)[1].removesuffix(".yaml")
    parsed = _Township(files[town])
    roll = rng.random()
    docs = re.findall(r"number: (\S+)", files[f"data/{county}/county.yaml"])
    if roll < 0.2:
        items = sorted(p for p in files if p.startswith(f"data/{county}/items/"))
        item = rng.choice(items)
        files[item] = re.sub(r"(?m)^supervisor: .*$", f"supervisor: {{duties: 定期抽查乡镇办理情况（{date} 起按新办法）}}", files[item])
        return f"fictional: {county} changes the supervision of {item.rsplit('/', 1)[1]}", [item]
    if roll < 0.35 and parsed.declined:
        block = parsed.declined.pop(rng.randrange(len(parsed.declined)))
        parsed.items.append(f"  - code: {_code(block)}\n    mode: 服务窗口前移\n    document: {docs[0]}\n"
                            f"    agreement: {{number: 协-{n}, date: {date}}}\n")
        files[town] = parsed.text()
        return f"fictional: {county}/{slug} takes up {_code(block)}", [town]
    if roll < 0.6 and parsed.items:
        block = parsed.items.pop(rng.randrange(len(parsed.items)))
        changed = [town]
        document = docs[-1]
        if roll >= 0.5:  # a new document decides it
            document = f"虚政办发〔{date[:4]}〕{county}-{n}号"
            path = f"data/{county}/county.yaml"
            files[path] = files[path].replace("policy:\n", f"  - number: {document}\n    title: 关于调整赋权事项的通知（虚构）\n"
                                              f"    issuer: 虚构县{county[1:]}人民政府\n    date: {date}\npolicy:\n", 1)
            changed.insert(0, path)
        parsed.withdrawn.append(f"  - code: {_code(block)}\n    document: {document}\n    date: {date}\n")
        files[town] = parsed.text()
        return f"fictional: {county}/{slug} withdraws {_code(block)} ({document})", changed
    parsed.head = re.sub(r"hours: [^}]*", f"hours: 工作日 8:30-17:30（{date} 起）", parsed.head)
    files[town] = parsed.text()
    return f"fictional: {county}/{slug} changes its service centre's hours", [town]


def _blob(path: str, text: str) -> bytes:
    data = text.encode("utf-8")
    return f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"


def _commit(n: int, when: int, message: str, blobs: list[bytes]) -> bytes:
    text = message.encode("utf-8")
    head = f"commit refs/heads/main\nmark :{n + 1}\ncommitter bench <bench@example.invalid> {when} +0800\ndata {len(text)}\n"
    return head.encode() + text + b"\n" + (f"from :{n}\n".encode() if n else b"") + b"".join(blobs)


def grow(root: Path, commits: int, seed: int = 1) -> None:
    """Make ``root`` (holding data/ in the plain shape) a git repository: the data as its first commit, then
    ``commits`` deterministic small changes, each to one county, spread evenly over a year
    and a half (several a day), written with one ``git fast-import``."""
    rng = random.Random(seed)
    files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "data").rglob("*.yaml"))}
    counties = sorted({p.split("/")[1] for p in files if p.endswith("/county.yaml")})
    stream = [_commit(0, START, "fictional data: the first catalog", [_blob(p, t) for p, t in files.items()])]
    for n in range(1, commits + 1):
        when = START + n * SPAN // commits
        date = datetime.fromtimestamp(when, CHINA).date().isoformat()
        message, changed = _edit(files, rng.choice(counties), n, date, rng)
        stream.append(_commit(n, when, message, [_blob(p, files[p]) for p in changed]))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--counties", type=int, default=1)
    parser.add_argument("--townships", type=int, default=15)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--guide", action="store_true", help="the guide-catalog shape (471 guide items)")
    parser.add_argument("--commits", type=int, help="write OUT/data and grow it by this many commits in a git repository")
    args = parser.parse_args()
    data = args.out / "data" if args.commits is not None else args.out
    if args.guide:
        print(generate_guided(data, args.counties, args.townships, seed=args.seed))
    else:
        print(generate(data, args.counties, args.townships, args.items, args.seed))
    if args.commits is not None:
        grow(args.out, args.commits, args.seed)


if __name__ == "__main__":
    main()
