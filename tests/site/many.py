"""A fictional data folder of any size, for tests and measurements of how the site scales.

Nothing here exists: the county 虚构县 (slug ``xugou``), its townships 虚构一镇, 虚构二镇, …
and its items are made up.
"""

from __future__ import annotations

from pathlib import Path

MODES = ("直接下放", "委托", "下放实质性审核权", "服务窗口前移")


def write_many(data: Path, townships: int, items: int = 13) -> Path:
    """``data/xugou`` with this many townships, each taking every item."""
    county = data / "xugou"
    (county / "items").mkdir(parents=True)
    (county / "townships").mkdir()
    (county / "county.yaml").write_text(
        "# 虚构数据，仅供测试。\n"
        "name: 虚构县\nprovince: 虚构省\ndepartments: [县虚构局]\n"
        "documents:\n  - {number: 虚政发〔2024〕1号, title: 虚构的决定, issuer: 虚构县人民政府, date: 2024-01-02}\n",
        encoding="utf-8",
    )
    codes = [f"X{n:04d}" for n in range(1, items + 1)]
    for n, code in enumerate(codes):
        (county / "items" / f"{code}.yaml").write_text(
            f"code: {code}\nname: 虚构事项{n + 1}号\ntype: 公共服务\ndepartment: 县虚构局\nmax_mode: 直接下放\n", encoding="utf-8"
        )
    rows = "".join(
        f"  - {{code: {code}, mode: {MODES[n % 4]}, document: 虚政发〔2024〕1号, "
        f"agreement: {{number: A{n}, date: 2024-01-03}}, supervisor: {{duties: 虚构的监管}}}}\n"
        for n, code in enumerate(codes)
    )
    for t in range(1, townships + 1):
        (county / "townships" / f"t{t:03d}.yaml").write_text(f"name: 虚构{t}镇\nitems:\n{rows}", encoding="utf-8")
    return data
