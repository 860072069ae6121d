"""Strict YAML: a data file becomes plain data plus the place of every node.

Clerks edit these files by hand, so YAML's conveniences are traps here (design §3):
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

from generator.model import Key, Loc, Mark, Where
from generator.problems import Problem, error

# A township of a province-scale county is about 10 KB; a file a thousand times
# that is a mistake, and refusing it up front keeps validation fast.
MAX_BYTES = 5 * 1024 * 1024
# Real files nest five levels deep; the limit stops pathological nesting early.
MAX_DEPTH = 32
# libyaml composes nodes recursively in C, and flow nesting ("[[[[...") a hundred
# thousand deep overflows the C stack.  Files with this many brackets have their
# depth checked on the event stream (parsed without recursion) before composing.
_SCAN_BRACKETS = 10_000

Path_ = Key
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
_BOM = b"\xef\xbb\xbf"


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
        """The model's view of the places below ``path``."""
        return Where(self.file, path, self.values)


_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _StrictLoader(yaml.CSafeLoader):
    """libyaml's C parser with no implicit types: every untagged node is text, a list or a map."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_file(path: Path, file: str) -> tuple[Loaded | None, list[Problem]]:
    """Load ``path`` (shown to people as ``file``); on failure, the problems say why."""
    try:
        text = _read_text(path, file)
        _refuse_tabs(text, file)
        node = _compose(text, file)
        builder = _Builder(file, text)
        data = builder.build(node, (), 0)
    except _Refused as refused:
        return None, [refused.problem]
    return Loaded(file, data, builder.values, builder.keys), []


def _read_text(path: Path, file: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Refused(error(Loc(file, 1, 1), "file-size", (
                f"文件有 {size // 1024} KB，超过上限 {MAX_BYTES // 1024 // 1024} MB："
                "一个数据文件不应这么大，请检查是否误存了其他内容，或把乡镇拆成各自的文件。")))
        raw = path.read_bytes()
    except IsADirectoryError:
        raise _Refused(error(Loc(file, 1, 1), "file-type", "这是一个文件夹，不是 YAML 文件：请改名（去掉 .yaml 后缀）或移走。")) from None
    except OSError as exc:
        raise _Refused(error(Loc(file, 1, 1), "file-type", (
            f"无法读取文件（{exc.strerror}）：请检查它是否存在、是否为损坏的链接。"))) from None
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(_encoding_problem(raw, exc.start, file)) from None
    if not text.strip():
        raise _Refused(error(Loc(file, 1, 1), "empty-file", "文件是空的：请填写内容，或删除这个文件。"))
    return text


def _encoding_problem(raw: bytes, start: int, file: str) -> Problem:
    line = raw.count(b"\n", 0, start) + 1
    col = len(raw[raw.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
    try:
        raw.decode("gb18030")
        guess = "看起来是 GBK/GB18030 编码（Windows 记事本或 WPS 的默认存法）"
    except UnicodeDecodeError:
        guess = "其中有无法识别的字节"
    return error(Loc(file, line, col), "encoding", (
        f"文件不是 UTF-8 编码，{guess}：请用编辑器另存为“UTF-8”编码"
        "（VS Code：点右下角的编码 → “通过编码重新打开”选 GBK → 再“通过编码保存”选 UTF-8）。"))


def _refuse_tabs(text: str, file: str) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Refused(error(Loc(file, number, indent.index("\t") + 1), "tab", (
                "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格"
                "（编辑器里可设置“按 Tab 键插入空格”）。")))


def _too_deep(file: str, mark: Any) -> _Refused:
    return _Refused(error(Loc(file, mark.line + 1, mark.column + 1), "too-deep", (
        f"嵌套超过 {MAX_DEPTH} 层：数据文件不会这么深，请检查缩进或括号是否写错。")))


def _refuse_deep_flow(text: str, file: str) -> None:
    loader = _StrictLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the builder counts the top node as depth 0
                    raise _too_deep(file, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # composing reports the syntax error with its place
    finally:
        loader.dispose()


def _compose(text: str, file: str) -> yaml.Node:
    if text.count("[") + text.count("{") > _SCAN_BRACKETS:
        _refuse_deep_flow(text, file)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(file, mark.line + 1, mark.column + 1) if mark else Loc(file, 1, 1)
        if exc.problem and "another document" in exc.problem:
            raise _Refused(error(loc, "multi-document", (
                "一个文件里有多个 YAML 文档（“---” 分隔）：每个文件只能写一个事项或一个乡镇，"
                "请把后面的部分移到它自己的文件里。"))) from None
        raise _Refused(error(loc, "yaml-syntax", (
            f"YAML 格式错误（{exc.problem}）：请检查这一行及上一行的缩进、冒号和引号是否配对。"))) from None
    except yaml.YAMLError as exc:
        raise _Refused(error(Loc(file, 1, 1), "yaml-syntax", f"YAML 格式错误（{exc}）：请检查文件内容。")) from None
    finally:
        loader.dispose()
    if node is None:
        raise _Refused(error(Loc(file, 1, 1), "empty-file", "文件里只有注释，没有内容：请填写内容，或删除这个文件。"))
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
            raise _Refused(self._alias_problem(node, after))
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _too_deep(self.file, node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(error(self._loc(node.start_mark), "yaml-tag", (
                f"不支持 YAML 标签 {node.tag.replace('tag:yaml.org,2002:', '!!')}：请删除“!”开头的标签，直接写内容。")))
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            out: list[Any] = []
            previous = node.start_mark.index + 1
            for index, child in enumerate(node.value):
                out.append(self.build(child, (*path, index), depth + 1, previous))
                previous = child.end_mark.index
            return out
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _Refused(error(self._loc(key_node.start_mark), "yaml-syntax", (
                    "键必须是一段文字：请检查这一行是否多写了“?”、方括号或花括号。")))
            key = key_node.value
            if key in first_line:
                raise _Refused(error(self._loc(key_node.start_mark), "duplicate-key", (
                    f"键“{key}”重复了（第一次在第 {first_line[key]} 行）：同一层里每个键只能写一次，"
                    "请删除或合并其中一个。")))
            first_line[key] = key_node.start_mark.line + 1
            self.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key), depth + 1, key_node.end_mark.index)
        return out

    def _alias_problem(self, node: yaml.Node, after: int) -> Problem:
        star = self.text.find("*", after)
        index = star if star >= 0 else node.start_mark.index
        line = self.text.count("\n", 0, index) + 1
        col = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return error(Loc(self.file, line, col), "alias", (
            f"这里引用了第 {node.start_mark.line + 1} 行定义的锚点（YAML 的 & 和 *）：本项目不接受锚点和引用，"
            "请把要重复的内容直接写出来。"))
