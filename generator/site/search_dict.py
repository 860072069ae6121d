"""A jieba user dictionary from the data, so Chinese search finds whole names.

Material segments page text with jieba when it builds the search index, and matches a
query word against the start of an indexed word.  Without these entries jieba splits
不动产登记 into 不动产/登记 and 西集镇 into 西集/镇, and a search for the whole name finds
nothing.  Only runs of 2–6 Han characters are added: jieba never joins across
punctuation, and making a long name one word would hide the words inside it.
"""

from __future__ import annotations

import re

from generator.model import Catalog

_RUN = re.compile(r"[\u4e00-\u9fd5]+")


def _names(catalog: Catalog) -> set[str]:
    names: set[str] = set()
    for county in catalog.counties:
        names.update((county.name, *county.departments))
        for item in county.items:
            names.update((item.name, item.department, *item.sub_items))
        for town in county.townships:
            names.add(town.name)
            if town.service_center:
                names.add(town.service_center.name)
    return names


def user_dictionary(catalog: Catalog) -> str:
    """One word a line, sorted (jieba's user dictionary format, frequency left to jieba)."""
    words = {run for name in _names(catalog) for run in _RUN.findall(name) if 2 <= len(run) <= 6}
    return "".join(f"{word}\n" for word in sorted(words))
