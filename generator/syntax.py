"""libyaml's complaints, placed where the clerk must fix them and said in Chinese."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.model import Loc
from generator.problems import Problem, clip, error
from generator.source import place


def anchor_problem(file: str, mark: Any, name: str) -> Problem:
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


def _slip(text: str, line: int, file: str) -> Problem | None:
    lines = text.splitlines()
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            for pattern, message in _SLIPS:
                if found := pattern.match(lines[number - 1]):
                    return error(Loc(file, number, found.start(1) + 1), "yaml-syntax", f"YAML 格式错误：{message}")
    return None


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    # A key without its colon, or a quote never closed, is noticed lines later
    # (often at the end of the file); the line where it started is the one to fix.
    if exc.context_mark and (exc.context == "while scanning a simple key" or (mark and mark.index >= len(text.rstrip()))):
        mark = exc.context_mark
    loc = Loc(file, mark.line + 1, mark.column + 1) if mark else Loc(file, 1, 1)
    end = place(file, text, len(text))
    if loc.line > end.line:  # libyaml may point one line past the end of a file cut short
        loc = end
    if exc.problem and "another document" in exc.problem:
        return error(loc, "multi-document", (
            "一个文件里有多个 YAML 文档（“---” 分隔）：每个文件只能写一个事项或一个乡镇，"
            "请把后面的部分移到它自己的文件里。"))
    if exc.context and "duplicate anchor" in exc.context and exc.problem_mark:
        name = re.match(r"&?([^\s,\[\]{}]*)", text[exc.problem_mark.index:])
        return anchor_problem(file, exc.problem_mark, name.group(1) if name else "")
    if exc.problem and "undefined alias" in exc.problem:
        return error(loc, "alias", "这里引用了一个锚点（YAML 的 *）：本项目不接受锚点和引用，请把要引用的内容直接写出来。")
    if slip := _slip(text, loc.line, file):
        return slip
    told = f"{exc.context or ''}|{exc.problem or ''}"
    if said := next((chinese for english, chinese in _SAID.items() if english in told), None):
        return error(loc, "yaml-syntax", f"YAML 格式错误：{said}")
    return error(loc, "yaml-syntax", (
        f"YAML 格式错误（{one_line(exc.problem)}）：请检查这一行及上一行的缩进、冒号和引号是否配对。"))


def one_line(what: object) -> str:
    """libyaml's words for a problem, on one line (its messages may span several)."""
    return " ".join(str(what).split())
