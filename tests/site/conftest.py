"""Shared fixtures of the site tests: real MkDocs builds in temporary folders, a local
static server for them, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = Path(__file__).parent / "scenarios"
ARTIFACTS = REPO / "test-artifacts"
TODAY = "2026-11-22"


def write_config(data: Path, out: Path) -> Path:
    """The repository's mkdocs.yml, with its docs/, reading ``data`` as of TODAY."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    text = text.replace("      data: data\n", f"      data: {data}\n      today: '{TODAY}'\n")
    config = out / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build_site(data: Path, out: Path) -> Path:
    """``mkdocs build`` with the repository's mkdocs.yml and docs/, reading ``data``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("SITE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(write_config(data, out)), "-d", str(out / "site")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # Every warning fails: broken links, unknown anchors, pages missing from the build.
    assert not [line for line in done.stderr.splitlines() if line.startswith("WARNING")], done.stderr
    return out / "site"


@pytest.fixture(scope="session")
def site_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The built site of ``data`` (the real catalog) or of a scenario folder, built once."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            data = REPO / "data" if name == "data" else SCENARIOS / name
            built[name] = build_site(data, tmp_path_factory.mktemp(name))
        return built[name]

    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a built site from 127.0.0.1 on a free port; gives its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(root: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
