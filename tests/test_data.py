"""data/shanting is the 山亭区 catalog of 山政办发〔2021〕12号, complete and as published."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator.catalog import load_catalog
from generator.model import Mode

DATA = Path(__file__).resolve().parent.parent / "data"


def test_shanting_matches_the_notice() -> None:
    catalog, problems = load_catalog(DATA, today="2026-11-22")
    assert [p for p in problems if p.severity == "error"] == []
    county = catalog.counties[0]
    assert (county.slug, county.name, [d.number for d in county.documents]) == ("shanting", "山亭区", ["山政办发〔2021〕12号"])
    assert len(county.items) == 13
    assert [t.name for t in county.townships] == ["北庄镇", "城头镇", "店子镇", "冯卯镇", "凫城镇", "桑村镇", "水泉镇", "西集镇", "徐庄镇"]
    for town in county.townships:
        assert Counter(e.mode for e in town.entries) == {Mode.DIRECT: 5, Mode.REVIEW: 3, Mode.WINDOW: 5}
        assert {e.code: e.mode for e in town.entries} == {i.code: i.max_mode for i in county.items}
    item = county.item("3700002036027")
    assert item is not None and item.sub_items == ("转外就医备案",)
