"""Strict YAML: a data file becomes plain data plus the place of every node.

Clerks edit these files by hand, so YAML's conveniences are traps here (design §3):
every scalar is the text written (no ints, floats, booleans or dates by accident),
and duplicate keys, aliases, tags, tabs, non-UTF-8 bytes, empty files and several
documents in one file are refused with a message that says how to fix them.
Types come later, from the schema (``generator.schemas``).
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.model import Key, Loc, Mark, Where
from generator.problems import Problem, clip, error

# A township of a province-scale county is about 10 KB; a file a thousand times
# that is a mistake, and refusing it up front keeps validation fast.
MAX_BYTES = 5 * 1024 * 1024
# Real files nest five levels deep; the limit stops pathological nesting early.
MAX_DEPTH = 32
# libyaml composes nodes recursively in C, and flow nesting ("[[[[...") a hundred
# thousand deep overflows the C stack.  Files with this many brackets have their
# depth checked on the event stream (parsed without recursion) before composing.
_SCAN_BRACKETS = 10_000
# The longest real value is a sentence or two; a value of several pages is a paste
# mistake, and it would flood the page it is shown on.
MAX_TEXT = 10_000
# Characters YAML does not allow in a file: C0 controls except tab, LF and CR, DEL,
# C1 controls except NEL, U+FFFE and U+FFFF.  libyaml refuses them with an English
# message and no line, so they are found and located first.  Double-quoted escapes
# (\a, \e, \0, \x07) can write them into a value too.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

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
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Refused(error(Loc(file, 1, 1), "file-type", "这是一个文件夹，不是 YAML 文件：请改名（去掉 .yaml 后缀）或移走。"))
        # A pipe or a device (a link to /dev/zero) would block or never end.
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(error(Loc(file, 1, 1), "file-type", "这不是普通文件（是管道、设备或其他特殊文件）：请换成普通的 YAML 文件。"))
        if info.st_size > MAX_BYTES:
            raise _Refused(error(Loc(file, 1, 1), "file-size", (
                f"文件有 {info.st_size // 1024} KB，超过上限 {MAX_BYTES // 1024 // 1024} MB："
                "一个数据文件不应这么大，请检查是否误存了其他内容，或把乡镇拆成各自的文件。")))
        raw = path.read_bytes()
    except OSError as exc:
        raise _Refused(error(Loc(file, 1, 1), "file-type", _unreadable(path, exc))) from None
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    if _looks_utf16(raw):
        raise _Refused(error(Loc(file, 1, 1), "encoding", (
            "文件是 UTF-16 编码（Windows 记事本里叫“Unicode”）：请用编辑器另存为“UTF-8”编码"
            "（记事本：另存为 → 编码选“UTF-8”；VS Code：点右下角的编码 → “通过编码保存”选 UTF-8）。")))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(_encoding_problem(raw, exc.start, file)) from None
    if not text.strip():
        raise _Refused(error(Loc(file, 1, 1), "empty-file", "文件是空的：请填写内容，或删除这个文件。"))
    if found := _CONTROL.search(text):
        raise _Refused(error(_place(file, text, found.start()), "control-char", (
            f"这里有一个看不见的控制字符（U+{ord(found.group()):04X}）：它常是从网页、Word 或其他系统复制文字时带进来的，"
            "请删除它（可以把这段文字删掉后重新输入）。")))
    return text


def _unreadable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be read, in words a clerk can act on."""
    if exc.errno == errno.ELOOP:
        return "这是一个循环链接（链接最终指向它自己）：请删除它，或换成真实的文件。"
    if path.is_symlink() and exc.errno == errno.ENOENT:
        return "这是一个损坏的链接，它指向的文件不存在：请删除这个链接，或把真实的文件放在这里。"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有权限读取这个文件：请检查文件权限。"
    return f"无法读取文件（{exc.strerror}）：请检查它是否存在、是否为损坏的链接。"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 (Notepad's "Unicode"): a UTF-16 byte-order mark, or NUL bytes in every
    other place, as the ASCII keys of a YAML file have them."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:400]
    return len(head) >= 8 and head.count(0) * 4 >= len(head)


def _place(file: str, text: str, index: int) -> Loc:
    """The line and column of character ``index`` of ``text``."""
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return Loc(file, _line_of(text, index), index - line_start + 1)


def _line_of(text: str, index: int) -> int:
    # CR LF, LF and a lone CR each end a line, as they do for libyaml.
    return text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1


def _encoding_problem(raw: bytes, start: int, file: str) -> Problem:
    line = raw.count(b"\n", 0, start) + 1
    col = len(raw[raw.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        # Not GBK either: the GBK steps would not help, so the advice stays general.
        return error(Loc(file, line, col), "encoding", (
            "文件不是 UTF-8 编码，这里有无法识别的字节（可能是用其他编码保存的，或文件已损坏）："
            "请用编辑器打开，核对这里的文字，再另存为“UTF-8”编码。"))
    return error(Loc(file, line, col), "encoding", (
        "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码（Windows 记事本或 WPS 的默认存法）：请用编辑器另存为“UTF-8”编码"
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


def _prescan(text: str, file: str) -> None:
    """Walk the event stream (parsed without recursion) for what composing cannot be
    trusted with: flow nesting deep enough to overflow libyaml's recursive composer,
    and anchors that no alias uses (the builder only meets anchors through aliases)."""
    loader = _StrictLoader(text)
    depth = 0
    anchor: Any = None
    try:
        while (event := loader.get_event()) is not None:
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
    finally:
        loader.dispose()
    if anchor is not None:
        raise _Refused(_anchor_problem(file, anchor.start_mark, anchor.anchor))


def _anchor_problem(file: str, mark: Any, name: str) -> Problem:
    return error(Loc(file, mark.line + 1, mark.column + 1), "alias", (
        f"这里定义了锚点“&{clip(name)}”（YAML 的 & 和 *）：本项目不接受锚点和引用，请删除“&{clip(name)}”，"
        "要重复的内容直接写出来。"))


# Common slips of Chinese input methods, found on the line of a syntax error or the
# line before it: (pattern, what to say).  The error is moved to the slip itself.
_SLIPS = (
    (re.compile(r"^[ \-]*(\u3000)"), "这一行开头有全角空格“　”：缩进只能用半角空格，请切换到半角后重新输入。"),
    (re.compile(r"^ *(?:- +)?[A-Za-z_][A-Za-z0-9_]*(：)"), "键后面用了全角冒号“：”：请改成半角冒号加一个空格“: ”。"),
    (re.compile(r"^ *(?:- +)?[A-Za-z_][A-Za-z0-9_]*:([^ \r\n])"), "冒号后面少了一个空格：请写成“键: 值”（冒号后加一个空格）。"),
    (re.compile(r"^ *([－—–])"), "列表项用了全角或中文的横线：请改成半角减号加一个空格“- ”。"),
)


# libyaml's commonest complaints ("context|problem" or a part of it), said the way a
# clerk can act on them.
_SAID = {
    "could not find expected ':'": "这一行缺少冒号：请写成“键: 值”（半角冒号后加一个空格）；如果是上一行的续行，请检查缩进。",
    "quoted scalar|found unexpected end of stream": "这里开始的引号到文件末尾都没有配对：请补上另一半引号。",
    "did not find expected ',' or ']'": "方括号 [ ] 没有配对，或里面的逗号写错了：请检查这一行及上一行。",
    "did not find expected ',' or '}'": "花括号 { } 没有配对，或里面的逗号写错了：请检查这一行及上一行。",
    "mapping values are not allowed": "这里不应出现“: ”：可能是缩进没有对齐；如果值里本来就有冒号，请给整个值加上引号。",
    "did not find expected key": "缩进没有对齐：同一层的键要从同一列开始，请检查这一行及上一行的缩进。",
    "did not find expected '-' indicator": "缩进没有对齐：列表的每一项都要以同一列的“- ”开头，请检查这一行及上一行。",
    "did not find expected node content": "这里缺少内容：可能是括号里的列表没有写完，或“- ”“: ”后面少了内容，请补全。",
    "cannot start any token": "值不能以 @、`、% 这样的符号开头：请给整个值加上引号。",
    "found unknown escape character": "双引号里的反斜杠“\\”后面不是可用的转义：请删掉反斜杠，或改用单引号。",
}


def _slip(text: str, line: int) -> Problem | None:
    lines = text.splitlines()
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            for pattern, message in _SLIPS:
                if found := pattern.match(lines[number - 1]):
                    return error(Loc("", number, found.start(1) + 1), "yaml-syntax", f"YAML 格式错误：{message}")
    return None


def _compose(text: str, file: str) -> yaml.Node:
    if "&" in text or text.count("[") + text.count("{") > _SCAN_BRACKETS:
        _prescan(text, file)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _Refused(_syntax_problem(exc, text, file)) from None
    except yaml.YAMLError as exc:
        raise _Refused(error(Loc(file, 1, 1), "yaml-syntax", f"YAML 格式错误（{_one_line(exc)}）：请检查文件内容。")) from None
    finally:
        loader.dispose()
    if node is None:
        raise _Refused(error(Loc(file, 1, 1), "empty-file", "文件里只有注释，没有内容：请填写内容，或删除这个文件。"))
    return node


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """libyaml's complaint, placed where the clerk must fix it and said in Chinese."""
    mark = exc.problem_mark or exc.context_mark
    # A key without its colon, or a quote never closed, is noticed lines later
    # (often at the end of the file); the line where it started is the one to fix.
    if exc.context_mark and (exc.context == "while scanning a simple key" or (mark and mark.index >= len(text.rstrip()))):
        mark = exc.context_mark
    loc = Loc(file, mark.line + 1, mark.column + 1) if mark else Loc(file, 1, 1)
    end = _place(file, text, len(text))
    if loc.line > end.line:  # libyaml may point one line past the end of a file cut short
        loc = end
    if exc.problem and "another document" in exc.problem:
        return error(loc, "multi-document", (
            "一个文件里有多个 YAML 文档（“---” 分隔）：每个文件只能写一个事项或一个乡镇，"
            "请把后面的部分移到它自己的文件里。"))
    if exc.context and "duplicate anchor" in exc.context and exc.problem_mark:
        name = re.match(r"&?([^\s,\[\]{}]*)", text[exc.problem_mark.index:])
        return _anchor_problem(file, exc.problem_mark, name.group(1) if name else "")
    if exc.problem and "undefined alias" in exc.problem:
        return error(loc, "alias", "这里引用了一个锚点（YAML 的 *）：本项目不接受锚点和引用，请把要引用的内容直接写出来。")
    if slip := _slip(text, loc.line):
        return error(Loc(file, slip.loc.line, slip.loc.col), slip.rule, slip.message)
    told = f"{exc.context or ''}|{exc.problem or ''}"
    if said := next((chinese for english, chinese in _SAID.items() if english in told), None):
        return error(loc, "yaml-syntax", f"YAML 格式错误：{said}")
    return error(loc, "yaml-syntax", (
        f"YAML 格式错误（{_one_line(exc.problem)}）：请检查这一行及上一行的缩进、冒号和引号是否配对。"))


def _one_line(what: object) -> str:
    """libyaml's words for a problem, on one line (its messages may span several)."""
    return " ".join(str(what).split())


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
            self._check_text(node)
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
            self._check_text(key_node)
            if key == "<<" and not key_node.style:
                raise _Refused(error(self._loc(key_node.start_mark), "alias", (
                    "“<<” 是 YAML 的合并键，本项目不接受：请把要合并的字段直接写在这里。")))
            if key in first_line:
                raise _Refused(error(self._loc(key_node.start_mark), "duplicate-key", (
                    f"键“{clip(key)}”重复了（第一次在第 {first_line[key]} 行）：同一层里每个键只能写一次，"
                    "请删除或合并其中一个。")))
            first_line[key] = key_node.start_mark.line + 1
            self.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key), depth + 1, key_node.end_mark.index)
        return out

    def _check_text(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > MAX_TEXT:
            raise _Refused(error(self._loc(node.start_mark), "too-long", (
                f"这段文字有 {len(node.value)} 个字符，超过上限 {MAX_TEXT}：数据文件里的一项内容不会这么长，"
                "请检查是否误粘贴了其他内容，把它删减到需要的文字。")))
        # Only a double-quoted scalar can hold an escape; the raw text was checked on reading.
        if node.style == '"' and (found := _CONTROL.search(node.value)):
            raise _Refused(error(self._loc(node.start_mark), "control-char", (
                f"引号里的转义写出了一个看不见的控制字符（U+{ord(found.group()):04X}）：数据里不能有控制字符，"
                "请删除这个转义（如 \\a、\\e、\\0、\\x07）。")))

    def _alias_problem(self, node: yaml.Node, after: int) -> Problem:
        star = self.text.find("*", after)
        index = star if star >= 0 else node.start_mark.index
        return error(_place(self.file, self.text, index), "alias", (
            f"这里引用了第 {node.start_mark.line + 1} 行定义的锚点（YAML 的 & 和 *）：本项目不接受锚点和引用，"
            "请把要重复的内容直接写出来。"))
