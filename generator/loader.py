"""Strict YAML: a data file becomes plain data plus the place of every node.

Clerks edit these files by hand, so YAML's conveniences are traps here (see the README):
every scalar is the text written (no ints, floats, booleans or dates by accident),
and duplicate keys, aliases, tags, tabs, non-UTF-8 bytes, empty files and several
documents in one file are refused with a message that says how to fix them.
Types come later, from the schema (``generator.schemas``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.blobs import BlobPath
from generator.model import Key, Loc, Mark, Where
from generator.problems import Problem, clip, error
from generator.source import CONTROL, Refused, place, read_bytes, text_of
from generator.syntax import anchor_problem, one_line, syntax_problem

# Real files nest five levels deep; the limit stops pathological nesting early.
MAX_DEPTH = 32
# Flow nesting ("[[[[...") a hundred thousand deep overflows the C stack of libyaml's
# recursive composer: files with this many brackets are checked by _prescan first.
_SCAN_BRACKETS = 10_000
# The longest real value is a sentence or two; a value of several pages is a paste
# mistake, and it would flood the page it is shown on.
MAX_TEXT = 10_000

Path_ = Key
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_PLAIN_TAGS = frozenset(_DEFAULT_TAGS.values())


@dataclass(frozen=True)
class Loaded:
    """A loaded file: its plain data and where each value and key was written."""

    file: str
    data: Any
    values: dict[Path_, Mark]
    keys: dict[Path_, Mark]

    def at(self, path: Path_) -> Loc:
        """The place of the value at ``path``, or of its nearest written parent."""
        while path not in self.values and path:
            path = path[:-1]
        return Loc(self.file, *self.values.get(path, (1, 1)))

    def key_at(self, path: Path_) -> Loc:
        """The place of the key that holds ``path``, falling back to the value."""
        mark = self.keys.get(path)
        return Loc(self.file, *mark) if mark else self.at(path)

    def where(self, path: Path_) -> Where:
        return Where(self.file, path, self.values)


class _StrictLoader(yaml.CSafeLoader):
    """libyaml's C parser with no implicit types: every untagged node is text, a list or a map."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


def load_file(path: Path | BlobPath, file: str) -> tuple[Loaded | None, list[Problem]]:
    """Load ``path`` (shown to people as ``file``); on failure, the problems say why."""
    try:
        return load(file, read_bytes(path, file))
    except Refused as refused:
        return None, [refused.problem]


def load(file: str, raw: bytes) -> tuple[Loaded | None, list[Problem]]:
    try:
        text = text_of(raw, file)
        builder = _Builder(file, text)
        data = builder.build(_compose(text, file), (), 0)
    except Refused as refused:
        return None, [refused.problem]
    return Loaded(file, data, builder.values, builder.keys), []


def _too_deep(file: str, mark: Any) -> Refused:
    return Refused(error(Loc(file, mark.line + 1, mark.column + 1), "too-deep", (
        f"嵌套超过 {MAX_DEPTH} 层：数据文件不会这么深，请检查缩进或括号是否写错。")))


def _prescan(text: str, file: str) -> None:
    """Walk the event stream (parsed without recursion) for what composing cannot be
    trusted with: flow nesting deep enough to overflow libyaml's recursive composer,
    and anchors that no alias uses (the builder only meets anchors through aliases)."""
    depth = 0
    anchor: Any = None
    try:
        for event in yaml.parse(text, _StrictLoader):
            if isinstance(event, yaml.AliasEvent):
                return  # the builder reports the alias, with the line of its anchor
            if getattr(event, "anchor", None) and anchor is None:
                anchor = event
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the builder counts the top node as depth 0
                    raise _too_deep(file, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # composing reports the syntax error with its place
    if anchor is not None:
        raise Refused(anchor_problem(file, anchor.start_mark, anchor.anchor))


def _compose(text: str, file: str) -> yaml.Node:
    if "&" in text or text.count("[") + text.count("{") > _SCAN_BRACKETS:
        _prescan(text, file)
    try:
        node = yaml.compose(text, _StrictLoader)
    except yaml.MarkedYAMLError as exc:
        raise Refused(syntax_problem(exc, text, file)) from None
    except yaml.YAMLError as exc:
        raise Refused(error(Loc(file, 1, 1), "yaml-syntax", f"YAML 格式错误（{one_line(exc)}）：请检查文件内容。")) from None
    if node is None:
        raise Refused(error(Loc(file, 1, 1), "empty-file", "文件里只有注释，没有内容：请填写内容，或删除这个文件。"))
    return node


class _Builder:
    """Turns a composed node tree into plain data, recording places as it goes."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.values: dict[Path_, Mark] = {}
        self.keys: dict[Path_, Mark] = {}
        self._seen: set[int] = set()

    def _loc(self, mark: Any) -> Loc:
        return Loc(self.file, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int, after: int = 0) -> Any:
        # libyaml composes an alias as the very node its anchor names, so a
        # node met twice is an alias; stopping there also defuses alias bombs.
        if id(node) in self._seen:
            star = self.text.find("*", after)
            raise Refused(error(place(self.file, self.text, star if star >= 0 else node.start_mark.index), "alias", (
                f"这里引用了第 {node.start_mark.line + 1} 行定义的锚点（YAML 的 & 和 *）：本项目不接受锚点和引用，"
                "请把要重复的内容直接写出来。")))
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _too_deep(self.file, node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            raise Refused(error(self._loc(node.start_mark), "yaml-tag", (
                f"不支持 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}：请删除“!”开头的标签，直接写内容。")))
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            self._check_text(node)
            return None if not node.style and node.value in _NULLS else node.value
        if isinstance(node, yaml.SequenceNode):
            ends = [node.start_mark.index + 1, *(child.end_mark.index for child in node.value)]
            return [self.build(child, (*path, i), depth + 1, ends[i]) for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise Refused(error(self._loc(key_node.start_mark), "yaml-syntax", (
                    "键必须是一段文字：请检查这一行是否多写了“?”、方括号或花括号。")))
            key = key_node.value
            self._check_text(key_node)
            if key == "<<" and not key_node.style:
                raise Refused(error(self._loc(key_node.start_mark), "alias", (
                    "“<<” 是 YAML 的合并键，本项目不接受：请把要合并的字段直接写在这里。")))
            if first := self.keys.get((*path, key)):
                raise Refused(error(self._loc(key_node.start_mark), "duplicate-key", (
                    f"键“{clip(key)}”重复了（第一次在第 {first[0]} 行）：同一层里每个键只能写一次，"
                    "请删除或合并其中一个。")))
            self.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key), depth + 1, key_node.end_mark.index)
        return out

    def _check_text(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > MAX_TEXT:
            raise Refused(error(self._loc(node.start_mark), "too-long", (
                f"这段文字有 {len(node.value)} 个字符，超过上限 {MAX_TEXT}：数据文件里的一项内容不会这么长，"
                "请检查是否误粘贴了其他内容，把它删减到需要的文字。")))
        # Only a double-quoted scalar can hold an escape; the raw text was checked on reading.
        if node.style == '"' and (found := CONTROL.search(node.value)):
            raise Refused(error(self._loc(node.start_mark), "control-char", (
                f"引号里的转义写出了一个看不见的控制字符（U+{ord(found.group()):04X}）：数据里不能有控制字符，"
                "请删除这个转义（如 \\a、\\e、\\0、\\x07）。")))
