"""Mutations of valid data files, shared by the fuzz test (tests/test_fuzz.py, driven
by hypothesis) and the long run (bench/fuzz.py, driven by a seeded random).

A mutation is a list of operations on the lines, characters and values of one file
of the fictional base catalog, then an encoding.  Positions are taken modulo the current
size, so any integers make a valid operation (and hypothesis shrinks them freely).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

from generator.problems import Problem
from generator.rules import RULES

BASE = Path(__file__).parent / "cases" / "base"
FILES = tuple(sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*.yaml")))
# The files that use the most of the schemas (guides, scopes, declined and withdrawn
# entries, swaps, policies) are mutated more often.
RICH = ("shili/townships/dongcun.yaml", "shili/townships/xiqiao.yaml", "shili/items/9900000000001.yaml",
        "wanshi/townships/nantang.yaml", "raoshi/townships/fada.yaml", "shili/county.yaml")
WEIGHTED = FILES + RICH * 3

# What a clerk's keyboard, input method or clipboard puts where it does not belong.
CHARS = (
    "０１９：，［］｛｝－　“”‘’（）"  # full-width, from a Chinese input method
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\ufeff\u200b\u2028\ufffe"  # controls, invisible, separators
    "'\"`:[]{}-#&*!|>%@?,~ \t\n\r\\"  # YAML's own punctuation
    "0aZ文"
)
# Values that are YAML traps or schema edges, put in place of a line's value.
VALUES = (
    "~", "null", "''", "yes", "no", "on", "0o17", "010", "1:30", "1_000", "5.0", "-1", "1e3", ".inf", "[]", "{}", "[a, a]",
    "[{a: 1}, {a: 1}]", "[[[]]]", "{a: {b: {c: d}}}", "&x a", "*x", "!!binary eA==", "!!python/object:os.system {}", "<<: {}",
    "'", '"\\e[31m"', "|", ">-", "- x", "2023-02-29", "2024-02-29", "0000-01-01", "２０２４-03-01", "９９００", "9" * 200,
    "a: b", "a：b", "#", "@x", "`x`", "%x", "? x", "直接下放", "委托", "服务窗口前移", "转外就医备案", "示政发〔2024〕1号", "true", "false",
)
KINDS = ("delete", "duplicate", "swap", "char", "insert", "indent", "value")
# Mostly UTF-8, so that most mutations reach the schemas and the rules.
ENCODINGS = ("utf-8",) * 12 + ("utf-8-sig", "utf-16", "gb18030", "cut")

Op = tuple[str, int, int, str]  # kind, position, other position or indent change, character


def apply(text: str, op: Op) -> str:
    """``text`` with one operation applied."""
    kind, a, b, char = op
    if kind in ("char", "insert"):
        if not text:
            return char
        at = a % len(text)
        return text[:at] + char + text[at + (kind == "char"):]
    lines = text.split("\n")
    i, j = a % len(lines), b % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "value":
        key, colon, _ = lines[i].partition(": ")
        lines[i] = (key + colon if colon else lines[i] + ": ") + VALUES[b % len(VALUES)]
    elif kind == "indent":
        change = b % 7 - 3  # three spaces less, up to three more
        stripped = lines[i].lstrip(" ")
        lines[i] = " " * max(0, len(lines[i]) - len(stripped) + change) + stripped
    return "\n".join(lines)


def encode(text: str, how: str, cut: int = 0) -> bytes:
    """The file's bytes: UTF-8 mostly, sometimes an encoding a Windows editor picks,
    or UTF-8 cut short (perhaps in the middle of a character)."""
    if how == "cut":
        raw = text.encode("utf-8")
        return raw[: cut % (len(raw) + 1)]
    if how == "gb18030":
        return text.encode("gb18030", errors="replace")
    return text.encode(how, errors="surrogatepass")


def mutated(file: str, ops: Sequence[Op], how: str, cut: int = 0) -> bytes:
    text = (BASE / file).read_text(encoding="utf-8")
    for op in ops:
        text = apply(text, op)
    return encode(text, how, cut)


def random_case(rng: random.Random) -> tuple[str, list[Op], str, int]:
    """A mutation for the long run: one file, one to four operations, an encoding."""
    ops = [(rng.choice(KINDS), rng.randrange(10_000), rng.randrange(10_000), rng.choice(CHARS)) for _ in range(rng.randint(1, 4))]
    return rng.choice(WEIGHTED), ops, rng.choice(ENCODINGS), rng.randrange(100_000)


_CHINESE = re.compile("[\u4e00-\u9fff]")


def assert_located(problems: Sequence[Problem], data: Path) -> None:
    """Every problem is for people: a file of the folder, a line and column inside it,
    a documented rule id, and a Chinese message on one line."""
    for p in problems:
        assert p.loc.file.startswith(data.as_posix()), p
        assert p.loc.line >= 1 and p.loc.col >= 1, p
        assert p.rule in RULES, p
        assert _CHINESE.search(p.message), p
        assert "\n" not in p.line() and "\r" not in p.line(), p
        path = Path(p.loc.file)
        if path.is_file() and not path.is_symlink():
            text = path.read_bytes().decode("utf-8", errors="replace")
            breaks = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text))
            assert p.loc.line <= breaks + 1, p
