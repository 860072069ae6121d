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
from playwright.sync_api import Browser, Page, sync_playwright

from tests.site import axecore
from tests.site.payloads import neutral_repository, payload_repository

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


def generator_build(*args: str, cwd: Path = REPO, today: str = TODAY) -> str:
    """``python -m generator build ARGS --strict --today TODAY`` as a person runs it, with no
    SITE_URL or SOURCE_DATE_EPOCH set: its output, the build having passed with no warning."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("SITE_URL", None)
    command = [sys.executable, "-m", "generator", "build", *args, "--strict", "--today", today]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return done.stdout


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path there: its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build_site(data: Path, out: Path, *, site_url: str | None = None) -> Path:
    """``mkdocs build`` with the repository's mkdocs.yml and docs/, reading ``data``; the
    site's address is ``site_url`` (SITE_URL), unset by default."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
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


def data_of(name: str, out: Path) -> Path:
    """The data folder a site is built from: ``data`` (the real catalog), ``base`` (the
    fictional counties of tests/cases), ``payloads`` and its harmless twin ``payloads-neutral``
    (generated in git repositories under ``out``), or a folder of scenarios/."""
    if name == "data":
        return REPO / "data"
    if name == "base":
        return REPO / "tests" / "cases" / "base"
    if name == "payloads":
        return payload_repository(out / "repo")
    if name == "payloads-neutral":
        return neutral_repository(out / "repo")
    return SCENARIOS / name


@pytest.fixture(scope="session")
def site_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The built site of a data folder named as :func:`data_of` names it, built once."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            out = tmp_path_factory.mktemp(name)
            built[name] = build_site(data_of(name, out), out)
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


CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, once for the whole session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page whose requests, console errors and dialogs are recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def check(self, base: str) -> None:
        assert self.errors == [] and self.dialogs == []
        assert [u for u in self.requests if not u.startswith((base, "data:"))] == []


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js at the version pinned in tests/site/axe/ (see tests/site/axecore.py)."""
    return axecore.source()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    yield Watched(context.new_page())
    context.close()
