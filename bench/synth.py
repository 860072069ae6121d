"""Deterministic synthetic catalogs for benchmarks.  All names are fictional.

Shapes follow the real notices: 5-30 departments and 50-150 items per county (fixed
at 100 for the named scales), sub-items and guides on some items, townships that
claim 60-100% of the items in all four modes, declined and withdrawn entries.

    python bench/synth.py OUT_DIR --counties N [--townships 15] [--items 100] [--seed 1] [--guide]

``--guide`` writes the guide-catalog shape instead: one provincial 指导目录 of 471 items
(as 安徽's; most of them enforcement powers, a third without a published code, a fifth
baseline), adopted by every county, whose townships receive a baseline list and a list for
their tag and hold only their differences: a lowered mode, declines with approval, some
optional items of their own.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MODES = ("直接下放", "委托", "下放实质性审核权", "服务窗口前移")
TYPES = ("行政许可", "行政处罚", "行政确认", "行政给付", "公共服务", "行政检查", "其他行政权力")
SCALES = {"county": 1, "city": 10, "province": 100}
WORDS = ["登记", "审批", "备案", "核准", "认定", "许可", "给付", "查询", "变更", "注销", "补助", "证明", "审核", "发放", "检查"]
NOUNS = ["个体工商户", "农民专业合作社", "宅基地", "林木采伐", "食品经营", "医疗保险",
         "社会保险", "户外广告", "建筑垃圾", "不动产", "养老服务", "残疾人补贴"]


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
        text = (f"code: {code}\nname: {name}\ntype: {rng.choice(TYPES)}\ndepartment: {rng.choice(departments)}\n"
                f"max_mode: {MODES[ceilings[code]]}\nsupervisor: {{duties: 定期抽查乡镇办理情况}}\n")
        if i % 3 == 0:
            parts[code] = f"{name}（新办）"
            text += f"sub_items: [{name}（新办）, {name}（变更）, {name}（注销）]\n"
        if i % 2 == 0:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--counties", type=int, default=1)
    parser.add_argument("--townships", type=int, default=15)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--guide", action="store_true", help="the guide-catalog shape (471 guide items)")
    args = parser.parse_args()
    if args.guide:
        print(generate_guided(args.out, args.counties, args.townships, seed=args.seed))
    else:
        print(generate(args.out, args.counties, args.townships, args.items, args.seed))


if __name__ == "__main__":
    main()
