"""A data file → its bytes → its text, or the reason a clerk must fix first: what a file
on disk is (not a folder, a pipe or a broken link), its size, its encoding (UTF-8; the
message says how to re-save UTF-16 and GBK), control characters, tabs in indentation."""

from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from generator.blobs import BlobPath
from generator.model import Loc
from generator.problems import Problem, error

# A township of a province-scale county is about 10 KB; a file a thousand times
# that is a mistake, and refusing it up front keeps validation fast.
MAX_BYTES = 5 * 1024 * 1024
# Characters YAML does not allow in a file: C0 controls except tab, LF and CR, DEL,
# C1 controls except NEL, U+FFFE and U+FFFF.  libyaml refuses them with an English
# message and no line, so they are found and located first.  Double-quoted escapes
# (\a, \e, \0, \x07) can write them into a value too.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class Refused(Exception):
    """A file that cannot be loaded, and the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_bytes(path: Path | BlobPath, file: str) -> bytes:
    """The bytes of ``path`` (shown to people as ``file``), or :class:`Refused`.  A file
    on disk is checked for what it is before it is read; a revision's blob is a file."""
    if isinstance(path, BlobPath):
        raw = path.read_bytes()
        _check_size(len(raw), file)
        return raw
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise Refused(error(Loc(file, 1, 1), "file-type", "这是一个文件夹，不是 YAML 文件：请改名（去掉 .yaml 后缀）或移走。"))
        # A pipe or a device (a link to /dev/zero) would block or never end.
        if not stat.S_ISREG(info.st_mode):
            raise Refused(error(Loc(file, 1, 1), "file-type", "这不是普通文件（是管道、设备或其他特殊文件）：请换成普通的 YAML 文件。"))
        _check_size(info.st_size, file)
        return path.read_bytes()
    except OSError as exc:
        raise Refused(error(Loc(file, 1, 1), "file-type", _unreadable(path, exc))) from None


def _check_size(size: int, file: str) -> None:
    if size > MAX_BYTES:
        raise Refused(error(Loc(file, 1, 1), "file-size", (
            f"文件有 {size // 1024} KB，超过上限 {MAX_BYTES // 1024 // 1024} MB："
            "一个数据文件不应这么大，请检查是否误存了其他内容，或把乡镇拆成各自的文件。")))


def text_of(raw: bytes, file: str) -> str:
    """The text of a data file's bytes (the file shown to people as ``file``), or :class:`Refused`."""
    text = decoded(raw, file)
    if not text.strip():
        raise Refused(error(Loc(file, 1, 1), "empty-file", "文件是空的：请填写内容，或删除这个文件。"))
    if found := CONTROL.search(text):
        raise Refused(error(place(file, text, found.start()), "control-char", (
            f"这里有一个看不见的控制字符（U+{ord(found.group()):04X}）：它常是从网页、Word 或其他系统复制文字时带进来的，"
            "请删除它（可以把这段文字删掉后重新输入）。")))
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                raise Refused(error(Loc(file, number, indent.index("\t") + 1), "tab", (
                    "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格"
                    "（编辑器里可设置“按 Tab 键插入空格”）。")))
    return text


def decoded(raw: bytes, file: str) -> str:
    """UTF-8 text, with or without a byte-order mark, or :class:`Refused` saying how to
    re-save UTF-16 or GBK (a YAML file, or a CSV table that ``import`` reads)."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark, as Notepad writes
    if _looks_utf16(raw):
        raise Refused(error(Loc(file, 1, 1), "encoding", (
            "文件是 UTF-16 编码（Windows 记事本里叫“Unicode”）：请用编辑器另存为“UTF-8”编码"
            "（记事本：另存为 → 编码选“UTF-8”；VS Code：点右下角的编码 → “通过编码保存”选 UTF-8）。")))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(_encoding_problem(raw, exc.start, file)) from None


def _unreadable(path: Path, exc: OSError) -> str:
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
    head = raw[:400]
    return raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) >= 8 and head.count(0) * 4 >= len(head))


def place(file: str, text: str, index: int) -> Loc:
    # CR LF, LF and a lone CR each end a line, as they do for libyaml.
    line = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return Loc(file, line, index - line_start + 1)


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
