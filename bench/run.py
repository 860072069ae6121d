"""The scale-and-speed benchmark (issue 5): generates the synthetic county, city and
province catalogs (bench/synth.py) under bench/out/, measures validation, the site
build, page weight, search downloads and the `mkdocs serve` edit loop, each against a
baseline measured in the same run, and writes bench/RESULTS.md.

    .venv/bin/python bench/run.py            # everything (about three hours on 2 cores)
    .venv/bin/python bench/run.py --quick    # county and city, fewer runs: a smoke run
    .venv/bin/python bench/run.py --browser-only   # the browser tests on a sample of the built province site
    .venv/bin/python bench/run.py --history-only   # P6: builds with a long git history, cold and with the kept log
    .venv/bin/python bench/run.py --resume   # go on with a run that was stopped, from the stage it was in

Every time is the median of several runs; peak memory is the largest resident set of
the whole process tree (a parallel build's processes added up), sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import gzip
import hashlib
import http.client
import json
import os
import pickle
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
PY = sys.executable
sys.path.insert(0, str(BENCH))
from synth import SCALES, generate, generate_guided, grow  # noqa: E402

GUIDED = "guided"  # the guide-catalog province: one 471-item guide, 100 counties, 1,500 townships

COMMIT_DATE = "2024-10-01T00:00:00+08:00"
TODAY = "2026-11-22"  # date rules are checked as of this day, so every run sees the same
ZENSICAL = "zensical==0.0.73"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
for _name in ("SOURCE_DATE_EPOCH", "SITE_URL"):
    ENV.pop(_name, None)


# ---------------------------------------------------------------- running and measuring


@dataclass
class Run:
    seconds: float
    peak_mb: float
    out: str = ""


@dataclass
class Figure:
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    def text(self) -> str:
        spread = f" (runs: {', '.join(f'{r.seconds:.2f}' for r in self.runs)})" if len(self.runs) > 1 else ""
        return f"{self.seconds:.2f} s{spread}"


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rpartition(")")[2].split()
            rss[int(entry)] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run(command: list[str], *, cwd: Path = REPO, env: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run a command to its end: wall time, and peak memory of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{out[-3000:]}")
    return Run(seconds, peak / 1024, out)


def repeat(runs: int, *commands: Callable[[], Run]) -> list[Figure]:
    """Each command ``runs`` times, interleaved, so that a noisy stretch of the machine
    falls on the baseline and the subject alike."""
    figures = [Figure() for _ in commands]
    for _ in range(runs):
        for figure, command in zip(figures, commands, strict=True):
            figure.runs.append(command())
    return figures


def probe(kind: str, data: Path) -> Run:
    """An in-process timing (no interpreter start-up, no imports): see ``_probe``."""
    done = run([PY, str(Path(__file__)), "--probe", kind, str(data)])
    result = json.loads(done.out.strip().splitlines()[-1])
    return Run(result["seconds"], result["peak_mb"])


def _probe(kind: str, data: Path) -> None:
    import gc
    import resource

    import yaml

    if kind == "floor":
        files = sorted(data.rglob("*.yaml"))
        gc.disable()
        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        seconds = time.perf_counter() - start
    elif kind == "changed":
        # Every file version the history holds beyond the newest, read out of git first:
        # what a change log must parse on top of the build (PyYAML's C loader, no places, no checks).
        def git(*args: str) -> str:
            return subprocess.run(["git", *args], cwd=data.parent, capture_output=True, text=True, check=True).stdout

        written = {line.split()[3] for line in git("log", "--root", "--raw", "--no-abbrev", "--format=", "--", "data").splitlines()
                   if line.startswith(":") and line.split()[4] != "D"}
        newest = {line.split()[2] for line in git("ls-tree", "-r", "HEAD", "--", "data").splitlines()}
        blobs = sorted(written - newest)
        read = subprocess.run(["git", "cat-file", "--batch"], cwd=data.parent, input=("\n".join(blobs) + "\n").encode(),
                              capture_output=True, check=True).stdout
        texts, at = [], 0
        while at < len(read):
            end = read.index(b"\n", at)
            size = int(read[at:end].split()[2])
            texts.append(read[end + 1 : end + 1 + size])
            at = end + 2 + size
        gc.disable()
        start = time.perf_counter()
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)
        seconds = time.perf_counter() - start
    elif kind == "changelog":
        # A build's change log as the build makes it, with the catalog it has just loaded
        # (untimed) and whatever log .cache/ keeps: the only step a kept log shortens.
        from generator.catalog import load_catalog
        from generator.history.changelog import change_log

        catalog, _ = load_catalog(data)
        start = time.perf_counter()
        change_log(data, data, catalog)
        seconds = time.perf_counter() - start
    else:
        from generator.catalog import load_catalog

        start = time.perf_counter()
        load_catalog(data)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


# ---------------------------------------------------------------- the datasets


def dataset(scale: str) -> Path:
    """bench/out/<scale>: data/ committed to git (one commit, so the change log is one
    big diff), and the project's mkdocs.yml pointing at it."""
    root = OUT / scale
    stamp = root / ".synth"
    wanted = f"{SCALES.get(scale, scale)} {hashlib.sha256((BENCH / 'synth.py').read_bytes()).hexdigest()}"
    if not (stamp.is_file() and stamp.read_text() == wanted):
        shutil.rmtree(root, ignore_errors=True)
        if scale == GUIDED:
            generate_guided(root / "data", SCALES["province"])
        else:
            generate(root / "data", SCALES[scale])
        _one_commit(root)
        stamp.write_text(wanted)
    _configs(root)
    return root


def _one_commit(root: Path) -> None:
    env = {**ENV, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    for command in (
        ["init", "-q"],
        ["add", "data"],
        ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "synthetic data"],
    ):
        subprocess.run(["git", *command], cwd=root, env=env, check=True)


def _configs(root: Path) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    config = config.replace("      data: data\n", f"      data: data\n      today: '{TODAY}'\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The same without the Pagefind index, to set against a bare mkdocs build.
    (root / "nosearch.yml").write_text(config.replace("      data: data\n", "      data: data\n      search: false\n"), encoding="utf-8")


# The histories P6 measures: commits grown on each scale's data (synth.grow).
HISTORY = {"county": 2000, "province": 1000}


def history_dataset(scale: str) -> tuple[Path, Path]:
    """bench/out/<scale>-history: the scale's data grown by HISTORY[scale] small commits,
    and bench/out/<scale>-history-one: the same data, its last revision, as one commit."""
    root, one = OUT / f"{scale}-history", OUT / f"{scale}-history-one"
    stamp = OUT / f".{scale}-history"
    wanted = f"{SCALES[scale]} {HISTORY[scale]} {hashlib.sha256((BENCH / 'synth.py').read_bytes()).hexdigest()}"
    if not (stamp.is_file() and stamp.read_text() == wanted):
        for folder in (root, one):
            shutil.rmtree(folder, ignore_errors=True)
        generate(root / "data", SCALES[scale])
        grow(root, HISTORY[scale])
        shutil.copytree(root / "data", one / "data")
        _one_commit(one)
        stamp.write_text(wanted)
    for folder in (root, one):
        _configs(folder)
    return root, one


def bare_config(root: Path, site: str) -> Path:
    """Our mkdocs.yml without our plugin, over the generated tree written to disk."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # Relative to the configuration's folder: Zensical panics on absolute ones (0.0.73).
    text = text.replace("docs_dir: docs", "docs_dir: bare-docs").replace("site_dir: site", f"site_dir: {site}")
    text = re.sub(r"\nplugins:\n(?:  .*\n|\s*#.*\n)*", "\nplugins: []\n", text)
    assert "- township-catalog" not in text
    config = root / f"{site}.yml"
    config.write_text(text, encoding="utf-8")
    return config


def material_search_config(root: Path) -> Path:
    """The build as it was before Pagefind: Material's search plugin, jieba segmentation."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "plugins:\n",
        "plugins:\n  - search:\n      separator: '[\\s\\u200b\\u3000\\-、。，．？！；]+'\n",
        1,
    )
    config = root / "material-search.yml"
    config.write_text(text, encoding="utf-8")
    return config


# ---------------------------------------------------------------- page weight


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def first_view(site: Path, page: str) -> dict[str, int]:
    """What a browser fetches to show ``page`` (a path under the site, ending in /):
    the HTML and every stylesheet and script it names, gzip sizes."""
    html = (site / page / "index.html").read_bytes()
    sizes = {"html": gz(html), "css": 0, "js": 0}
    for tag, attr, kind in (("link", "href", "css"), ("script", "src", "js")):
        for match in re.finditer(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]+)\"".encode(), html):
            url = match.group(1).decode()
            if tag == "link" and b"stylesheet" not in match.group(0):
                continue
            target = (site / page / url.split("?")[0]).resolve()
            if target.is_file():
                sizes[kind] += gz(target.read_bytes())
    sizes["total"] = sizes["html"] + sizes["css"] + sizes["js"]
    return sizes


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def search_downloads(site: Path, queries: list[str]) -> list[dict[str, object]]:
    """Each query in a fresh Chromium (cold cache) on the 搜索 page: what it fetched from
    pagefind/, as transferred gzip-compressed (Pagefind's own chunks are already gzip)."""
    from playwright.sync_api import sync_playwright

    results = []
    with static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
        for query in queries:
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            urls: list[str] = []
            page.on("request", lambda r, urls=urls: urls.append(r.url))
            start = time.perf_counter()
            page.goto(f"{base}search/?q={query}")
            page.wait_for_function(
                "() => { const t = document.querySelector('#tc-search-status').textContent; return t && !t.startsWith('正在'); }",
                timeout=60_000,
            )
            page.wait_for_load_state("networkidle")
            seconds = time.perf_counter() - start
            found = page.locator("#tc-search-results li").count()
            index = runtime = 0
            for url in dict.fromkeys(u for u in urls if u.startswith(base + "pagefind/")):
                raw = (site / url[len(base) :].split("?")[0]).read_bytes()
                size = min(len(raw), gz(raw))
                if "/index/" in url or "/fragment/" in url or url.endswith((".pf_meta", "pagefind-entry.json")):
                    index += size
                else:
                    runtime += size
            results.append({"query": query, "results": found, "index_kb": index / 1024, "runtime_kb": runtime / 1024, "seconds": seconds})
            context.close()
        browser.close()
    return results


# ---------------------------------------------------------------- mkdocs serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> str | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return body if response.status == 200 else None
    except OSError:
        return None


def edit_loop(root: Path, runs: int, *, dirty: bool, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> Figure:
    """`mkdocs serve` on 127.0.0.1: save one township file, poll its page until the new
    text is served.  Each run writes a new service-centre name."""
    port = free_port()
    command = [PY, "-m", "mkdocs", "serve", "-f", str(root / config), "-a", f"127.0.0.1:{port}"]
    town = root / "data" / "c001" / "townships" / "t03.yaml"
    original = town.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [*command, *(["--dirty"] if dirty else [])], cwd=root, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    figure = Figure()
    try:
        deadline = time.time() + 600
        while _get(port, "/c001/townships/t03/") is None:
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)
        for n in range(runs):
            marker = f"改名测试{n}号便民服务中心"
            start = time.perf_counter()
            town.write_text(
                re.sub(r"service_center: \{name: [^,]+,", f"service_center: {{name: {marker},", original, count=1), encoding="utf-8"
            )
            while True:
                body = _get(port, "/c001/townships/t03/")
                if body and marker in body:
                    break
                if time.perf_counter() - start > 300:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.05)
            figure.runs.append(Run(time.perf_counter() - start, 0))
            time.sleep(1.5)  # let the server settle before the next save
    finally:
        town.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return figure


# ---------------------------------------------------------------- the benchmark


def machine() -> dict[str, str]:
    import importlib.metadata as meta

    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    versions = {
        name: meta.version(name)
        for name in ("mkdocs", "mkdocs-material", "pagefind", "PyYAML", "jsonschema-rs", "check-jsonschema", "Jinja2", "Markdown")
    }
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{int(memory.split()[1]) // 1024} MB",
        "python": platform.python_version(),
        "os": platform.platform(),
        **versions,
    }


def zensical_python() -> tuple[str | None, str]:
    """A separate venv with Zensical, never the project's; (python, note)."""
    venv = OUT / "zensical-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", ZENSICAL], capture_output=True, text=True)
    if done.returncode != 0:
        return None, f"`pip install {ZENSICAL}` failed: {done.stderr.strip()[-500:]}"
    return str(venv / "bin" / "zensical"), f"{ZENSICAL} in its own venv ({venv.relative_to(REPO)})"


def measure_scale(scale: str, runs: int, results: dict[str, object], *, zensical: str | None, parts: int, build_runs: int) -> None:
    root = dataset(scale)
    data = root / "data"
    r: dict[str, object] = {"files": sum(1 for _ in data.rglob("*.yaml"))}
    print(f"[{scale}] validation", flush=True)
    floor, loaded = repeat(runs, lambda: probe("floor", data), lambda: probe("load", data))
    r["floor"], r["load"] = floor, loaded
    (cli,) = repeat(runs, lambda: run([PY, "-m", "generator", "validate", str(data), "--today", TODAY]))
    r["validate_cli"] = cli
    kinds = {
        "county": sorted(data.glob("*/county.yaml")),
        "item": sorted(data.glob("*/items/*.yaml")),
        "township": sorted(data.glob("*/townships/*.yaml")),
    }
    check = shutil.which("check-jsonschema", path=str(Path(PY).parent)) or "check-jsonschema"

    def peer() -> Run:
        total = Run(0, 0)
        for kind, files in kinds.items():
            done = run([check, "--schemafile", str(REPO / "schemas" / f"{kind}.schema.json"), *map(str, files)], check=False)
            total = Run(total.seconds + done.seconds, max(total.peak_mb, done.peak_mb), total.out + done.out[-300:])
        return total

    peer_runs = max(1, runs if scale != "province" else min(runs, 2))
    (r["check_jsonschema"],) = repeat(peer_runs, peer)

    print(f"[{scale}] site", flush=True)
    tree = root / "tree"
    bare_docs = root / "bare-docs"

    def write_tree() -> Run:
        shutil.rmtree(tree, ignore_errors=True)
        return run([PY, "-m", "generator", "pages", "--data", str(data), "--out", str(tree)])

    (r["pages_cmd"],) = repeat(build_runs, write_tree)
    shutil.rmtree(bare_docs, ignore_errors=True)
    shutil.copytree(REPO / "docs", bare_docs)
    shutil.copytree(tree, bare_docs, dirs_exist_ok=True)
    bare = bare_config(root, "site-bare")
    index = [PY, "-c", "import sys; from pathlib import Path; from generator.site.search import index_site; index_site(Path(sys.argv[1]))"]

    def full() -> Run:
        return run([PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")])

    def plugin_build() -> Run:
        return run([PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "nosearch.yml"), "-d", str(root / "site-nosearch")])

    def bare_build() -> Run:
        return run([PY, "-m", "mkdocs", "build", "-q", "-f", str(bare)])

    def bare_index() -> Run:
        return run([*index, str(root / "site-bare")])

    def split() -> Run:
        command = [PY, "-m", "generator", "build", "--data", str(data), "--config", str(root / "mkdocs.yml")]
        return run([*command, "--site-dir", str(root / "site-split"), "--jobs", str(parts), "--today", TODAY])

    subjects: list[Callable[[], Run]] = [bare_build, plugin_build, bare_index, full]
    if parts > 1:
        subjects.append(split)
    figures = repeat(build_runs, *subjects)
    r["bare_build"], r["plugin_build"], r["bare_index"], r["full_build"] = figures[:4]
    if parts > 1:
        r["split_build"] = figures[4]
        same = subprocess.run(["diff", "-rq", str(root / "site"), str(root / "site-split")], capture_output=True, text=True)
        r["split_identical"] = same.returncode == 0 and not same.stdout
    r["pages"] = sum(1 for p in (root / "site").rglob("index.html") if "pagefind" not in p.parts)
    r["township_html"] = (root / "site" / "c001" / "townships" / "t01" / "index.html").stat().st_size
    r["item_html"] = (root / "site" / "c001" / "items" / "9900010000000" / "index.html").stat().st_size
    r["home_html"] = (root / "site" / "index.html").stat().st_size
    if zensical:
        zconfig = bare_config(root, "site-zensical")

        def zbuild() -> Run:
            return run([zensical, "build", "-f", str(zconfig)], cwd=root, check=False)

        zruns = 1 if scale == "province" else runs
        bare_again, zen = repeat(zruns, bare_build, zbuild)
        r["zensical"], r["bare_for_zensical"] = zen, bare_again
        r["zensical_pages"] = sum(1 for _ in (root / "site-zensical").rglob("index.html"))
        r["zensical_out"] = zen.runs[-1].out[-1500:]
    results[scale] = r


def measure_guided(results: dict[str, object], runs: int) -> None:
    """P1 on the guide-catalog province: the files as written (a guide, lists and each
    township's differences) against the floor of parsing those same files."""
    data = dataset(GUIDED) / "data"
    r: dict[str, object] = {"files": sum(1 for _ in data.rglob("*.yaml"))}
    r["floor"], r["load"] = repeat(runs, lambda: probe("floor", data), lambda: probe("load", data))
    (r["validate_cli"],) = repeat(runs, lambda: run([PY, "-m", "generator", "validate", str(data), "--today", TODAY]))
    results[GUIDED] = r


def measure_guided_build(results: dict[str, object]) -> None:
    """P8: the guide-catalog province built with ``--jobs 2`` (once: it takes many
    minutes), and the first view of its heaviest township page."""
    root = dataset(GUIDED)
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    command = [PY, "-m", "generator", "build", "--data", "data", "--config", "mkdocs.yml", "--today", TODAY, "--site-dir", str(site)]
    build = run([*command, "--jobs", "2"], cwd=root)
    heaviest = max(site.glob("c*/townships/*/index.html"), key=lambda p: p.stat().st_size)
    page = heaviest.parent.relative_to(site).as_posix() + "/"
    items = len(set(re.findall(rb'href="\.\./\.\./items/([^/"]+)/"', heaviest.read_bytes())))
    pages = sum(1 for _ in site.rglob("index.html"))
    r = results[GUIDED]
    assert isinstance(r, dict)
    r.update(build=build, township=page, township_items=items, township_view=first_view(site, page), pages=pages)


def measure_web(scale: str, results: dict[str, object], queries: list[str]) -> None:
    site = OUT / scale / "site"
    views = {
        name: first_view(site, page)
        for name, page in (
            ("home", ""),
            ("county", "c001/"),
            ("township", "c001/townships/t01/"),
            ("item", "c001/items/9900010000000/"),
            ("search", "search/"),
        )
    }
    lookup = (site / "assets" / "lookup.json").read_bytes()
    index_files = list((site / "pagefind").rglob("*"))
    results["web"] = {
        "scale": scale,
        "views": views,
        "lookup_gz": gz(lookup),
        "pagefind_total_mb": sum(p.stat().st_size for p in index_files if p.is_file()) / 2**20,
        "search": search_downloads(site, queries),
    }


def measure_material(results: dict[str, object], runs: int) -> None:
    """Material's own search, as the site had it: the index one county downloads whole."""
    root = OUT / "county"
    config = material_search_config(root)
    (figure,) = repeat(runs, lambda: run([PY, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(root / "site-material")]))
    index = (root / "site-material" / "search" / "search_index.json").read_bytes()
    results["material"] = {"build": figure, "index_mb": len(index) / 2**20, "index_gz_kb": gz(index) / 1024}


def measure_serve(results: dict[str, object], runs: int) -> None:
    root = dataset("county")
    results["serve_dirty"] = edit_loop(root, runs, dirty=True)
    results["serve_full"] = edit_loop(root, max(2, runs // 2), dirty=False)


def measure_before(results: dict[str, Any], rev: str, scales: list[str], runs: int) -> None:
    """The site as commit ``rev`` built it (its code, mkdocs.yml and docs/), same data."""
    code = OUT / f"before-{rev}"  # extracted by readable()
    env = {**ENV, "PYTHONPATH": str(code)}
    before: dict[str, Any] = {"rev": rev, "scales": {}}
    for scale in scales:
        root = dataset(scale)
        text = (code / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {code / 'docs'}")
        (root / "before.yml").write_text(text, encoding="utf-8")
        site = root / "site-before"
        # Interleaved with the same build of today's code, so that both meet the same machine.
        figure, after = repeat(
            runs,
            # From the data's folder: from the repository's, `python -m` would import today's generator.
            lambda root=root, site=site: run(
                [PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "before.yml"), "-d", str(site)], cwd=root, env=env
            ),
            lambda root=root: run([PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site-after")]),
        )
        index = site / "search" / "search_index.json"
        before["scales"][scale] = {
            "build": figure,
            "after": after,
            "search_gz": gz(index.read_bytes()) if index.exists() else 0,
            "township_html": (site / "c001" / "townships" / "t01" / "index.html").stat().st_size,
            "home_html": (site / "index.html").stat().st_size,
        }
    before["serve"] = edit_loop(dataset("county"), 2, dirty=False, config="before.yml", env=env)
    results["before"] = before


SAMPLE_TESTS = "tests/site/test_sample.py"


def browser_command(scale: str) -> list[str]:
    """The site's browser tests on a sample of the scale's built site, as a person runs them
    from the repository's top folder."""
    root = (OUT / scale).relative_to(REPO)
    return [".venv/bin/python", "-m", "pytest", SAMPLE_TESTS, "--sample-site", f"{root}/site", "--sample-data", f"{root}/data"]


def measure_browser(scale: str, results: dict[str, object]) -> None:
    """Issue 5's acceptance: the scale's site, as built by the site stage, passes the site's
    browser tests (tests/site/test_sample.py) on a sample of its pages.  Counts from the
    run's JUnit XML (none if pytest stopped before testing); each test names the pages it
    opened there."""
    import xml.etree.ElementTree as ET

    junit = OUT / scale / "browser-sample.xml"
    junit.unlink(missing_ok=True)
    command = browser_command(scale)
    done = run([PY, *command[1:], "-p", "no:cacheprovider", f"--junitxml={junit}"], check=False)
    cases = ET.parse(junit).getroot().iter("testcase") if junit.is_file() else iter(())
    tests: dict[str, str] = {}
    pages: set[str] = set()
    for case in cases:
        outcome = next((child.tag for child in case if child.tag in ("failure", "error", "skipped")), "passed")
        tests[f"{case.get('classname')}::{case.get('name')}"] = outcome
        pages.update(p.get("value", "") for p in case.iter("property") if p.get("name") == "page")
    results["browser"] = {
        "scale": scale,
        "command": " ".join(command),
        "run": Figure([done]),
        "tests": tests,
        "pages": sorted(pages),
        "out": done.out[-3000:],
    }


def measure_history(results: dict[str, object], runs: int) -> None:
    """P6: the build of a long history against the build of the same data as one commit,
    each without a kept change log (cold); and at the province, what 10 new commits add
    to the change log of a build that finds the log of the others kept (warm), against
    the same build finding the whole log kept."""
    found: dict[str, object] = {}
    for scale in HISTORY:
        root, one = history_dataset(scale)
        jobs = ["--jobs", "2"] if scale == "province" else []

        def build(at: Path, jobs: list[str] = jobs) -> Run:
            shutil.rmtree(at / ".cache", ignore_errors=True)
            command = [PY, "-m", "generator", "build", "--data", "data", "--config", "mkdocs.yml", "--today", TODAY]
            return run([*command, "--site-dir", str(at / "site"), *jobs], cwd=at)

        print(f"[history] {scale}: {HISTORY[scale]} commits, cold", flush=True)
        n = runs if scale == "county" else 1
        flat, grown = repeat(n, lambda one=one: build(one), lambda root=root: build(root))
        (changed,) = repeat(n, lambda root=root: probe("changed", root / "data"))
        found[scale] = {"commits": HISTORY[scale], "one": flat, "grown": grown, "jobs": bool(jobs), "changed": changed}
        if scale == "county":
            print("[history] county: the edit loop on 2,000 commits", flush=True)
            found["serve"] = edit_loop(root, runs, dirty=True)
    root, _ = history_dataset("province")
    kept = OUT / "province-history-kept"
    print("[history] province: 10 new commits on a kept log", flush=True)
    git = ["git", "-c", "advice.detachedHead=false", "checkout", "-q"]
    shutil.rmtree(root / ".cache", ignore_errors=True)
    subprocess.run([*git, "main~10"], cwd=root, check=True)
    probe("changelog", root / "data")  # keeps the log of all but the newest 10 commits
    subprocess.run([*git, "main"], cwd=root, check=True)
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(root / ".cache", kept / "older")
    probe("changelog", root / "data")  # reads the 10 and keeps the whole log
    shutil.copytree(root / ".cache", kept / "all")

    def warm(log: str) -> Run:
        # Only the change log is timed: the rest of a 300-s build is the same with either
        # kept log, and its noise run to run is larger than the 5 s measured.
        shutil.rmtree(root / ".cache", ignore_errors=True)
        shutil.copytree(kept / log, root / ".cache")
        return probe("changelog", root / "data")

    found["warm_all"], found["warm_older"] = repeat(runs, lambda: warm("all"), lambda: warm("older"))
    results["history"] = found


def _same_site(one: Path, other: Path) -> bool:
    """Whether two built sites hold the same folders and the same bytes in every file."""
    def listing(root: Path) -> list[tuple[str, bool]]:
        return sorted((p.relative_to(root).as_posix(), p.is_dir()) for p in root.rglob("*"))

    found = listing(one)
    return found == listing(other) and all(filecmp.cmp(one / path, other / path, shallow=False) for path, folder in found if not folder)


def measure_incremental(results: dict[str, object], runs: int) -> None:
    """P7: after a one-township change on the province (committed, as a pull request or a
    push brings it), ``build --incremental`` against a clean ``build`` of the same commit,
    one process each, interleaved; the two sites compared byte for byte after each."""
    root = OUT / "province-incremental"
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(dataset("province")), str(root)], check=True)
    _configs(root)
    command = [PY, "-m", "generator", "build", "--data", "data", "--config", "mkdocs.yml", "--today", TODAY]

    def incremental() -> Run:
        return run([*command, "--site-dir", str(root / "site-incremental"), "--incremental"], cwd=root)

    def clean() -> Run:
        shutil.rmtree(root / "site-clean", ignore_errors=True)
        return run([*command, "--site-dir", str(root / "site-clean")], cwd=root)

    print("[incremental] province: the first incremental build (whole: no manifest yet)", flush=True)
    first = incremental()
    figures = (Figure(), Figure())
    same: list[bool] = []
    summaries: list[str] = []
    for n in range(runs):
        town = root / "data" / f"c{n + 1:03d}" / "townships" / "t03.yaml"
        text = town.read_text(encoding="utf-8").replace("hours: 工作日 9:00-17:00", f"hours: 工作日 8:{n:02d}-17:00")
        town.write_text(text, encoding="utf-8")
        identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        subprocess.run(["git", *identity, "commit", "-qam", f"{town.parent.parent.name}: service hours"], cwd=root, check=True)
        print(f"[incremental] province: run {n + 1}: one township's service hours", flush=True)
        made = incremental()
        figures[0].runs.append(made)
        figures[1].runs.append(clean())
        summaries.append(next(line for line in made.out.splitlines() if line.startswith("增量生成")))
        same.append(_same_site(root / "site-incremental", root / "site-clean"))
    results["incremental"] = {"first": first, "incremental": figures[0], "clean": figures[1], "same": same, "summaries": summaries}


def measure_memory(results: dict[str, object], scale: str) -> None:
    root = OUT / scale
    results["memory"] = {
        "validate_cli": results[scale]["validate_cli"].peak_mb,  # type: ignore[index]
        "full_build": results[scale]["full_build"].peak_mb,  # type: ignore[index]
        "split_build": results[scale]["split_build"].peak_mb if "split_build" in results[scale] else None,  # type: ignore[index, operator]
        "scale": scale,
        "root": str(root),
    }


MEASURED = ["generator", "schemas", "docs", "mkdocs.yml"]  # what the figures are of; the rest of bench/ measures


def measured(commit: str) -> list[str]:
    """The git objects of what commit ``commit`` measures."""
    show = ["git", "rev-parse", *(f"{commit}:{path}" for path in MEASURED)]
    return subprocess.run(show, cwd=REPO, capture_output=True, text=True, check=True).stdout.split()


def head() -> str:
    """The commit the benchmark's code and the generator are at; a run from a work tree
    with changes would measure code no commit holds, so it is refused."""
    tracked = [*MEASURED, "bench"]
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", *tracked], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    if status.strip():
        sys.exit(f"bench/run.py: commit or stash these changes first, so that the figures belong to a commit:\n{status}")
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()


def resumed(commit: str, options: dict[str, Any]) -> dict[str, Any] | None:
    """The kept results of a run with the same options, of the same generator, schemas,
    docs and mkdocs.yml as ``commit`` (a later commit may fix the benchmark itself), to go
    on with; None (and why) when there is none to go on with."""
    kept = OUT / "results.pickle"
    saved: dict[str, Any] = pickle.loads(kept.read_bytes()) if kept.is_file() else {}
    same = "commit" in saved and measured(saved["commit"]) == measured(commit)
    if not same or saved.get("options") != options or "minutes" in saved:
        why = "it is finished" if "minutes" in saved else f"it ran {saved.get('commit')}'s code with {saved.get('options')}"
        print(f"--resume: nothing to go on with ({why}); starting afresh", flush=True)
        return None
    print(f"--resume: keeping {', '.join(saved['done'])}", flush=True)
    saved["commits"] = [*saved.get("commits", [saved["commit"]]), commit]
    return saved


def readable(rev: str) -> None:
    """Stop at once, not hours in, when commit ``rev``'s code cannot read today's data."""
    code = OUT / f"before-{rev}"
    if not code.exists():
        code.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", rev, "generator", "schemas", "docs", "mkdocs.yml"], cwd=REPO, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    validate = [PY, "-m", "generator", "validate", str(dataset("county") / "data")]
    done = subprocess.run(validate, cwd=code, env={**ENV, "PYTHONPATH": str(code)}, capture_output=True, text=True)
    if done.returncode != 0:
        first = next((line for line in done.stdout.splitlines() if "error[" in line), done.stderr.strip()[-300:])
        sys.exit(f"bench/run.py: commit {rev} cannot read today's synthetic data, so there is nothing to compare:\n{first}")


def apart(out: Path, key: str | None, measure: Callable[[dict[str, Any]], object]) -> None:
    """One stage measured apart from a whole run: into the kept results, marked with the
    commit it ran at (under ``key``), and the report written again."""
    from report import write_report

    saved = pickle.loads((OUT / "results.pickle").read_bytes())
    measure(saved)
    if key is not None:
        saved[key]["separately"] = head()
    (OUT / "results.pickle").write_bytes(pickle.dumps(saved))
    write_report(saved, out, BENCH / "NOTES.md")
    print(f"wrote {out}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="county and city only, two runs each: a smoke run")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3; --quick 2)")
    parser.add_argument("--probe", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md", help="where to write the report")
    parser.add_argument("--scales", help="comma-separated scales (default: county,city,province; --quick county,city)")
    parser.add_argument("--province-runs", type=int, default=2, help="runs per province build figure (default 2: each is minutes)")
    parser.add_argument(
        "--guided-only",
        action="store_true",
        help="measure only P8 (the guide-catalog province: P1, its build, its heaviest township page), update results.pickle, the report",
    )
    parser.add_argument("--report-only", action="store_true", help="write the report again from bench/out/results.pickle")
    parser.add_argument(
        "--browser-only",
        action="store_true",
        help="run only the browser tests on a sample of the largest scale's built site, update bench/out/results.pickle and the report",
    )
    parser.add_argument(
        "--history-only",
        action="store_true",
        help="measure only P6 (long histories), update bench/out/results.pickle and the report",
    )
    parser.add_argument(
        "--incremental-only",
        action="store_true",
        help="measure only P7 (incremental builds), update bench/out/results.pickle and the report",
    )
    parser.add_argument(
        "--before",
        metavar="COMMIT",
        help="also measure this commit's site on the same data, for before/after (its code must read today's synthetic data)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="go on with the run bench/out/results.pickle holds, if it ran with these options and this commit's generator, "
        "schemas, docs and mkdocs.yml: the stages it finished are kept, each of the others measured whole",
    )
    args = parser.parse_args()
    if args.probe:
        _probe(args.probe[0], Path(args.probe[1]))
        return
    if args.guided_only:
        apart(args.out, GUIDED, lambda saved: (measure_guided(saved, args.runs or 3), measure_guided_build(saved)))
        return
    if args.report_only:
        from report import write_report

        write_report(pickle.loads((OUT / "results.pickle").read_bytes()), args.out, BENCH / "NOTES.md")
        return
    if args.browser_only:
        saved = pickle.loads((OUT / "results.pickle").read_bytes())
        largest = args.scales.split(",")[-1] if args.scales else [s for s in SCALES if s in saved][-1]
        print(f"[browser] the site's browser tests on a sample of the {largest} site", flush=True)
        apart(args.out, None, lambda saved: measure_browser(largest, saved))
        return
    if args.history_only:
        apart(args.out, "history", lambda saved: measure_history(saved, args.runs or 3))
        return
    if args.incremental_only:
        apart(args.out, "incremental", lambda saved: measure_incremental(saved, args.runs or 2))
        return
    runs = args.runs or (2 if args.quick else 3)
    scales = args.scales.split(",") if args.scales else ["county", "city"] if args.quick else ["county", "city", "province"]
    OUT.mkdir(exist_ok=True)
    commit = head()
    options = {"runs": runs, "quick": args.quick, "scales": scales, "province_runs": min(runs, args.province_runs), "before": args.before}
    results = resumed(commit, options) if args.resume else None
    if results is None:
        results = {"machine": machine(), "commit": commit, "options": options, "done": {}, "sittings": 0}
        results.update(runs=runs, quick=args.quick, province_runs=options["province_runs"])
    results["sittings"] += 1
    if args.before:
        readable(args.before)
    zensical, note = zensical_python()
    results["zensical_note"] = note
    largest = scales[-1]

    def stage(name: str, measure: Callable[[], None]) -> None:
        """One stage, its results kept at once: a failure or a stop later loses nothing
        measured, and ``--resume`` goes on from the next stage."""
        if name in results["done"]:
            print(f"{name}: kept from the last sitting", flush=True)
            return
        print(name, flush=True)
        started = time.time()
        measure()
        results["done"][name] = time.time() - started
        (OUT / "results.pickle").write_bytes(pickle.dumps(results))

    for scale in scales:
        scale_runs = min(runs, args.province_runs) if scale == "province" else runs
        parts = 2 if scale != "county" else 1
        measure = partial(measure_scale, scale, runs, results, zensical=zensical, parts=parts, build_runs=scale_runs)
        stage(f"[{scale}] validation and the site", measure)
    queries = ["不动产登记", "虚构镇00300", "食品经营许可", "个体工商户登记", "便民服务中心", "暂无专业人员", "虚构县050"]
    stage("[web] page weight and search downloads", lambda: measure_web(largest, results, queries))
    stage("[browser] the site's browser tests on a sample of its pages", lambda: measure_browser(largest, results))
    stage("[material] Material search index of one county", lambda: measure_material(results, 1 if args.quick else runs))
    stage("[serve] edit loop", lambda: measure_serve(results, 3 if args.quick else 5))
    if args.before:
        stage(f"[before] commit {args.before}", lambda: measure_before(results, args.before, ["county", "city"], 1 if args.quick else runs))
    if not args.quick:
        stage("[guided] P1 on the guide-catalog province", lambda: measure_guided(results, runs))
        stage("[guided] P8: the guide-catalog province's build", lambda: measure_guided_build(results))
        stage("[history] P6", lambda: measure_history(results, runs))
        stage("[incremental] P7", lambda: measure_incremental(results, min(runs, args.province_runs)))
    measure_memory(results, largest)
    results["minutes"] = sum(results["done"].values()) / 60
    from report import write_report

    (OUT / "results.pickle").write_bytes(pickle.dumps(results))
    write_report(results, args.out, BENCH / "NOTES.md")
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
