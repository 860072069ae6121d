"""Argument types and options shared by the commands."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def today_argument(text: str) -> str:
    """``--today``: a real calendar date written YYYY-MM-DD."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期")


def data_argument(text: str) -> Path:
    """A data folder that exists."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"找不到数据文件夹“{text}”")
    return path


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """``--data DIR`` for the commands that take the folder as an option."""
    parser.add_argument("--data", type=data_argument, default=Path("data"), help="数据文件夹（默认 data）")


def add_check_options(parser: argparse.ArgumentParser, *, strict_help: str = "警告也算失败") -> None:
    """The options every command that validates data shares."""
    parser.add_argument("--strict", action="store_true", help=strict_help)
    parser.add_argument("--today", type=today_argument, help="按这一天检查与日期有关的规则（YYYY-MM-DD，默认今天）")
