"""bench/RESULTS.md from the figures bench/run.py measured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BUDGET_MB = 2048


def _s(figure: Any) -> float:
    return float(figure.seconds)


def _ok(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _apart(stage: str, found: dict[str, Any]) -> str:
    """Where a stage was measured apart from the whole run (``bench/run.py --STAGE-only``), that sentence."""
    commit = found.get("separately")
    return f"Measured with `bench/run.py --{stage}-only` at commit {commit}, apart from the rest of this report. " if commit else ""


def _sittings(results: dict[str, Any]) -> str:
    """At which commit the run measured, and whether it was stopped and taken up again."""
    commits = list(dict.fromkeys(results.get("commits", [results["commit"]] if "commit" in results else [])))
    if not commits:
        return ""
    again = results.get("sittings", 1) - 1
    resumed = (
        f", in {again + 1} sittings: stopped and taken up again with `bench/run.py --resume`, "
        "which keeps the stages finished and measures each of the others whole"
        if again
        else ""
    )
    if len(commits) > 1:
        later = ", ".join(commits[1:])
        resumed += (
            f"; taken up at {later}, which changes only the benchmark (its generator, schemas, docs and mkdocs.yml are "
            f"{commits[0]}'s)"
        )
    return f", at commit {commits[0]}{resumed}"


def _command(results: dict[str, Any]) -> str:
    """The options the run was given, as typed after ``bench/run.py``."""
    options = results.get("options", {"quick": results["quick"]})
    quick = options["quick"]
    runs = options.get("runs", 2 if quick else 3)
    given = [" --quick"] if quick else []
    given += [f" --runs {runs}"] if runs != (2 if quick else 3) else []
    given += [f" --province-runs {options['province_runs']}"] if options.get("province_runs", min(runs, 2)) != min(runs, 2) else []
    default = ["county", "city"] if quick else ["county", "city", "province"]
    given += [f" --scales {','.join(options['scales'])}"] if options.get("scales", default) != default else []
    given += [f" --before {options['before']}"] if options.get("before") else []
    return "".join(given)


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def _header(lines: list[str], results: dict[str, Any]) -> None:
    m = results["machine"]
    quick = _command(results)
    lines += [
        "# Scale and speed: results",
        "",
        "Produced by one command, from the repository's top folder (it writes this file):",
        "",
        f"    .venv/bin/python bench/run.py{quick}",
        "",
        f"Every time is the median of {results['runs']} runs ({results.get('province_runs', results['runs'])} for the "
        "province's builds, minutes each; each run listed in brackets), interleaved with its "
        "baseline in the same run of the script, so a noisy stretch of the machine hits both. Peak memory is the "
        "largest resident set of the whole process tree, sampled every 50 ms (a parallel build's processes and "
        f"Pagefind added up). This run took {results['minutes']:.0f} minutes{_sittings(results)}.",
        "",
    ]
    if results["quick"]:
        lines += ["**Quick mode: county and city only, fewer runs. The targets are about the province.**", ""]
    versions = ", ".join(f"{k} {v}" for k, v in m.items() if k not in ("cores", "cpu", "memory", "python", "os"))
    lines += [
        "## Machine",
        "",
        f"{m['cores']} cores ({m['cpu']}), {m['memory']} RAM, Python {m['python']}, {m['os']}.  ",
        f"{versions}.  ",
        f"Zensical: {results['zensical_note']}.",
        "",
        "Data: `bench/synth.py`, fictional: county = 1 county × 15 townships × 100 items; city = 10 counties; "
        "province = 100 counties, 1,500 townships, 10,000 item files (about four in five of each county's items are "
        "enforcement powers, 行政处罚 most of them, as in published county lists), 150,000 township × item rows (about 119,000 "
        "delegated entries, the rest declined or withdrawn). Each data folder is one git commit, so its change log "
        "is one big diff. Generated under bench/out/ (ignored by git).",
        "",
    ]


def _targets(lines: list[str], results: dict[str, Any], scales: list[str]) -> None:
    largest = scales[-1]
    big, web, memory = results[largest], results["web"], results["memory"]
    p1_floor = _s(big["load"]) / _s(big["floor"])
    p1_peer = _s(big["validate_cli"]) / _s(big["check_jsonschema"])
    per_page = {s: _s(results[s]["full_build"]) / results[s]["pages"] for s in scales}
    growth = per_page[largest] / per_page["county"]
    bare = _s(big["bare_build"])
    overhead = _s(big["plugin_build"]) / bare - 1
    whole = _s(big["full_build"])
    split = _s(big["split_build"]) if "split_build" in big else None
    fastest = min(whole, split) if split else whole
    towns = {s: results[s]["township_html"] for s in scales}
    heaviest_name, heaviest = max(web["views"].items(), key=lambda kv: kv[1]["total"])
    worst = max(web["search"], key=lambda q: q["index_kb"])
    serve = results["serve_dirty"]
    peaks = {k: v for k, v in memory.items() if k in ("validate_cli", "full_build", "split_build") and v}
    top = max(peaks.values())
    built = f"one process {whole:.0f} s" + (
        f"; `build --jobs 2` {split:.0f} s, merged site identical: {big['split_identical']}" if split else ""
    )
    lines += [
        f"## Targets ({largest})",
        "",
        "| target | measured | ratio to its baseline | |",
        "|---|---|---|---|",
        _row(
            "P1 load + validate ≤ 2× the floor",
            f"{_s(big['load']):.2f} s; floor (PyYAML CSafeLoader, GC paused) {_s(big['floor']):.2f} s",
            f"{p1_floor:.2f}×",
            _ok(p1_floor <= 2),
        ),
        *(
            [_row(
                "P1 on the guide-catalog province (a 471-item guide, shared lists, townships' differences) ≤ 2× the floor",
                f"{_s(results['guided']['load']):.2f} s; floor {_s(results['guided']['floor']):.2f} s "
                f"({results['guided']['files']:,} files as written)",
                f"{_s(results['guided']['load']) / _s(results['guided']['floor']):.2f}×",
                _ok(_s(results["guided"]["load"]) / _s(results["guided"]["floor"]) <= 2),
            )]
            if "guided" in results
            else []
        ),
        _row(
            "P1 faster than check-jsonschema's schema-only run",
            f"`validate` {_s(big['validate_cli']):.1f} s; check-jsonschema {_s(big['check_jsonschema']):.1f} s",
            f"{p1_peer:.2f}×",
            _ok(p1_peer < 1),
        ),
        _row(
            f"P2 build cost per page within 1.2× from county to {largest}",
            f"{per_page[largest] * 1000:.1f} ms; county {per_page['county'] * 1000:.1f} ms",
            f"{growth:.2f}×",
            _ok(growth <= 1.2),
        ),
        _row(
            "P2 township page HTML does not grow",
            ", ".join(f"{s} {v:,} B" for s, v in towns.items()),
            f"{towns[largest] / towns['county']:.3f}×",
            _ok(len(set(towns.values())) == 1),
        ),
        _row(
            "P2 generator overhead ≤ 30% over a bare `mkdocs build` of the same tree",
            f"{_s(big['plugin_build']):.1f} s (search index off); bare {bare:.1f} s",
            f"{overhead:+.0%}",
            _ok(overhead <= 0.30),
        ),
        _row(f"P2 the {largest} site builds in ≤ 5 min", built, f"{fastest / 300:.2f}× of 300 s", _ok(fastest <= 300)),
        _row(
            "P3 first view ≤ 150 KB gzip (HTML, CSS, JS)",
            f"heaviest: {heaviest_name} {_kb(heaviest['total'])}",
            f"{heaviest['total'] / 1024 / 150:.2f}× of 150 KB",
            _ok(heaviest["total"] <= 150 * 1024),
        ),
        _row(
            "P3 a search downloads ≤ 300 KB gzip of index",
            f"worst of {len(web['search'])} queries: “{worst['query']}” {worst['index_kb']:.0f} KB",
            f"{worst['index_kb'] / 300:.2f}× of 300 KB",
            _ok(worst["index_kb"] <= 300),
        ),
        _row(
            "P4 `mkdocs serve --dirty` on the county: a saved township shown in ≤ 2 s",
            serve.text(),
            f"{_s(serve) / 2:.2f}× of 2 s",
            _ok(_s(serve) <= 2),
        ),
        _row(
            "Memory: peak of validating and of building < 2 GB",
            ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items()),
            f"{top / BUDGET_MB:.2f}× of 2 GB",
            _ok(top < BUDGET_MB),
        ),
        "",
    ]


def _browser(lines: list[str], results: dict[str, Any]) -> None:
    browser = results.get("browser")
    if not browser:
        return
    scale, outcomes = browser["scale"], browser["tests"]
    passed = sum(1 for o in outcomes.values() if o == "passed")
    failed = sorted(name for name, o in outcomes.items() if o != "passed")
    ok = passed > 0 and not failed
    total = results.get(scale, {}).get("pages")
    pages = [p for p in browser["pages"] if "?" not in p]
    searches = len(browser["pages"]) - len(pages)
    of = f" of its {total:,} pages" if total else " pages"
    lines += [
        f"## Acceptance: the {scale} site in the browser",
        "",
        f"The {scale} site passes the site's browser tests on a sample of its pages: {_ok(ok)}. "
        f"{passed} of {len(outcomes)} tests passed, {len(failed)} failed, on a sample of {len(pages)}{of} and "
        f"{searches} searches, in {browser['run'].seconds:.0f} s (pytest's start-up and loading the data included). "
        "The site is the one the site stage above built, served from 127.0.0.1 to Debian's Chromium. "
        "`tests/site/test_sample.py` checks, with every expected value read from the data: no console error, "
        "dialog or request off the site on any page; the home page lists every township, and has the lookup or "
        "only the search form as the catalog's size calls for; each county page counts its townships and items; "
        "each township page shows its name and exactly its delegated items, by mode, then those declined and "
        "withdrawn; each item page lists exactly the townships that handle, declined or gave it back; searching "
        "a township's name finds its page; a township and an item page fit a phone's width; axe-core finds no "
        "serious or critical violation. The sample is the first, middle and last county, and in each the first, "
        "middle and last township and item. CI runs the same tests on the fictional counties of tests/cases/base. "
        "To run just this, from the repository's top folder (`bench/run.py --browser-only` does it and rewrites "
        "this section):",
        "",
        f"    {browser['command']}",
        "",
        "Pages and searches: " + ", ".join(f"`/{p}`" for p in browser["pages"]) + ".",
        "",
    ]
    if failed or not ok:
        names = ", ".join(f"`{name}`" for name in failed) or "(see the output)"
        lines += [f"Failed: {names}.", "", "```", browser["out"].strip(), "```", ""]


def _validation(lines: list[str], results: dict[str, Any], scales: list[str]) -> None:
    lines += [
        "## P1: validation",
        "",
        "| scale | files | floor | load + validate | ratio | `generator validate` | check-jsonschema | ratio | peak memory |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in scales:
        r = results[s]
        lines.append(
            _row(
                s,
                f"{r['files']:,}",
                r["floor"].text(),
                r["load"].text(),
                f"{_s(r['load']) / _s(r['floor']):.2f}×",
                r["validate_cli"].text(),
                r["check_jsonschema"].text() if "check_jsonschema" in r else "—",
                f"{_s(r['validate_cli']) / _s(r['check_jsonschema']):.2f}×" if "check_jsonschema" in r else "—",
                f"{r['validate_cli'].peak_mb:.0f} MB",
            )
        )
    lines += [
        "",
        "The floor (`yaml.load(..., Loader=yaml.CSafeLoader)` of every file, GC paused) and load + validate "
        "(`generator.catalog.load_catalog`: strict loading, the schemas and every delegation rule) are timed inside "
        "one process, without start-up or imports. The two commands are timed whole, start-up included, as a person "
        "runs them: `python -m generator validate DATA` against `check-jsonschema --schemafile "
        "schemas/<kind>.schema.json <files>`, once per kind (schemas only; it also reports errors our loader "
        "avoids, e.g. YAML 1.1 reading codes as numbers).",
        "",
    ]


def _build(lines: list[str], results: dict[str, Any], scales: list[str]) -> None:
    lines += [
        "## P2: the site build",
        "",
        "| scale | pages | `mkdocs build`, our plugin | per page | vs county | the same, search index off "
        "| bare `mkdocs build` | overhead | Pagefind on the bare site | `build --jobs 2` | peak memory: one process; parts |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    county = _s(results["county"]["full_build"]) / results["county"]["pages"]
    for s in scales:
        r = results[s]
        split = r.get("split_build")
        per = _s(r["full_build"]) / r["pages"]
        lines.append(
            _row(
                s,
                f"{r['pages']:,}",
                r["full_build"].text(),
                f"{per * 1000:.1f} ms",
                f"{per / county:.2f}×",
                r["plugin_build"].text(),
                r["bare_build"].text(),
                f"{_s(r['plugin_build']) / _s(r['bare_build']) - 1:+.0%}",
                r["bare_index"].text(),
                split.text() if split else "—",
                f"{r['full_build'].peak_mb:.0f} MB; " + (f"{split.peak_mb:.0f} MB" if split else "—"),
            )
        )
    pages_cmd = ", ".join(f"{s} {results[s]['pages_cmd'].text()}" for s in scales)
    sizes = "; ".join(
        f"{s}: township {results[s]['township_html']:,}, item {results[s]['item_html']:,}, home {results[s]['home_html']:,}" for s in scales
    )
    lines += [
        "",
        "Pages: every `index.html` (townships, items, counties, documents, change logs, hand-written pages). The bare "
        "build is the same Markdown tree written to disk by `python -m generator pages` (with docs/), built with our "
        "mkdocs.yml minus our plugin; it has no search index, so the overhead compares it with our plugin's build "
        "with the index turned off (`search: false`): loading and validating, the change log from git, every page, "
        "export and feed. Pagefind's own time is shown on the bare site. "
        f"`python -m generator pages` alone: {pages_cmd}.",
        "",
        f"Page HTML, bytes: {sizes}.",
        "",
    ]


def _zensical(lines: list[str], results: dict[str, Any], scales: list[str]) -> None:
    lines += ["### Zensical (an anchor, not a dependency)", ""]
    measured = [s for s in scales if "zensical" in results[s]]
    if not measured:
        lines += [f"Not measured: {results['zensical_note']}", ""]
        return
    lines += ["| scale | bare `mkdocs build` | `zensical build`, same tree and config | ratio | pages written |", "|---|---|---|---|---|"]
    for s in measured:
        r = results[s]
        ratio = _s(r["zensical"]) / _s(r["bare_for_zensical"])
        lines.append(_row(s, r["bare_for_zensical"].text(), r["zensical"].text(), f"{ratio:.2f}×", f"{r['zensical_pages']:,}"))
    lines += [
        "",
        f"Zensical's last words ({measured[-1]}):",
        "",
        "```",
        results[measured[-1]]["zensical_out"].strip() or "(none)",
        "```",
        "",
    ]


def _web(lines: list[str], results: dict[str, Any]) -> None:
    web, mat, county = results["web"], results["material"], results["county"]
    lines += [f"## P3: page weight and search ({web['scale']})", "", "| page | HTML | CSS | JS | first view |", "|---|---|---|---|---|"]
    for name, v in web["views"].items():
        lines.append(_row(name, _kb(v["html"]), _kb(v["css"]), _kb(v["js"]), f"**{_kb(v['total'])}**"))
    lines += [
        "",
        "gzip -6 of the page and of every stylesheet and script it names. `assets/lookup.json`, the index of the "
        f"home page's township/item lookup, is {_kb(web['lookup_gz'])} gzip at this scale; above 300 items the home "
        "page leaves the lookup out (and so never fetches it) and offers the search and each county's item table.",
        "",
        f"Search: the Pagefind index of the site is {web['pagefind_total_mb']:.1f} MB on disk, split into chunks by "
        "word. Each query ran in a fresh Chromium (cold cache) on the 搜索 page, served from 127.0.0.1; index = "
        "index chunks, metadata and the excerpts of the results shown (already gzip, as Pagefind writes them); "
        "runtime = pagefind.js and its WebAssembly, the same for every query and cached after the first.",
        "",
        "| query | results | index | runtime | time to results |",
        "|---|---|---|---|---|",
    ]
    for q in web["search"]:
        lines.append(_row(q["query"], q["results"], f"{q['index_kb']:.0f} KB", f"{q['runtime_kb']:.0f} KB", f"{q['seconds']:.1f} s"))
    per_county = mat["index_gz_kb"]
    lines += [
        "",
        "Material's own search scoped per county, measured: the county built with Material's search plugin (and "
        f"jieba) has a {mat['index_mb']:.2f} MB index, {per_county:.0f} KB gzip, which a county-scoped search "
        f"downloads whole before its first result; searching the province would take 100 of them "
        f"({per_county * 100 / 1024:.1f} MB gzip). That build took {mat['build'].text()}, against "
        f"{county['full_build'].text()} with Pagefind. Pagefind was chosen: province-wide search, a bounded "
        "download per query, nothing from other hosts, byte-identical output.",
        "",
    ]


def _serve(lines: list[str], results: dict[str, Any]) -> None:
    lines += [
        "## P4: the edit loop",
        "",
        "A real `mkdocs serve --dirty` on the county data on 127.0.0.1; each run saves "
        "`data/c001/townships/t03.yaml` with a new service-centre name and polls `/c001/townships/t03/` until the "
        f"new name is served: **{results['serve_dirty'].text()}**. The same without `--dirty`, every page rendered "
        f"again: {results['serve_full'].text()}.",
        "",
    ]


def _before(lines: list[str], results: dict[str, Any]) -> None:
    before = results.get("before")
    if not before:
        return
    lines += [
        f"## Before and after (same run; before = commit {before['rev']}, its code and its mkdocs.yml)",
        "",
        "| scale | measure | before | after | ratio |",
        "|---|---|---|---|---|",
    ]
    for s, b in before["scales"].items():
        a = results[s]
        after = b.get("after", a["full_build"])  # measured interleaved with the before build
        lines.append(_row(s, "`mkdocs build`", b["build"].text(), after.text(), f"{_s(after) / _s(b['build']):.2f}×"))
        lines.append(_row(s, "peak memory of the build", f"{b['build'].peak_mb:.0f} MB", f"{a['full_build'].peak_mb:.0f} MB", ""))
        lines.append(_row(s, "search data a search downloads first", _kb(b["search_gz"]), "see P3", ""))
        lines.append(_row(s, "township page HTML", f"{b['township_html']:,} B", f"{a['township_html']:,} B", ""))
        lines.append(_row(s, "home page HTML", f"{b['home_html']:,} B", f"{a['home_html']:,} B", ""))
    if "serve" in before:
        after = results["serve_full"]
        lines.append(_row("county", "`mkdocs serve`: saved township shown", before["serve"].text(), results["serve_dirty"].text(), ""))
        lines.append(_row("county", "`mkdocs serve` without `--dirty`", before["serve"].text(), after.text(), ""))
    lines.append("")


def _history(lines: list[str], results: dict[str, Any]) -> None:
    history = results.get("history")
    if not history:
        return
    lines += [
        "## P6: builds with a long git history",
        "",
        "The data of each scale grown by small commits, several a day over a year and a half (`bench/synth.py --commits`: a "
        "township's service centre, an item's supervision, an entry taken up or withdrawn, a new decision document), against "
        "the same data as one commit. Cold: no kept change log. "
        + _apart("history", history),
        "",
        "| target | measured | ratio to its baseline | |",
        "|---|---|---|---|",
    ]
    for scale in ("county", "province"):
        h = history[scale]
        how = "`build --jobs 2`" if h["jobs"] else "`build`"
        time_ratio, memory_ratio = _s(h["grown"]) / _s(h["one"]), h["grown"].peak_mb / h["one"].peak_mb
        floor = _s(h["changed"]) / _s(h["one"]) + 1 if "changed" in h else None
        lines.append(_row(
            f"P6 {scale}, {h['commits']:,} commits: {how} ≤ 1.25× the time of one commit",
            f"{h['grown'].text()}; one commit {h['one'].text()}"
            + (f"; only parsing what the commits wrote (PyYAML's C loader) takes {h['changed'].text()}, "
               f"so no build can be faster than {floor:.2f}× here" if floor else ""),
            f"{time_ratio:.2f}×",
            _ok(time_ratio <= 1.25) + (" (out of reach: see the floor)" if floor and floor > 1.25 and time_ratio > 1.25 else ""),
        ))
        lines.append(_row(
            f"P6 {scale}, {h['commits']:,} commits: peak memory ≤ 1.25× one commit's",
            f"{h['grown'].peak_mb:.0f} MB; one commit {h['one'].peak_mb:.0f} MB",
            f"{memory_ratio:.2f}×",
            _ok(memory_ratio <= 1.25),
        ))
    if "serve" in history:
        serve = history["serve"]
        lines.append(_row(
            f"P4 on the county with {history['county']['commits']:,} commits: a saved township shown in ≤ 2 s",
            serve.text(), f"{_s(serve) / 2:.2f}× of 2 s", _ok(_s(serve) <= 2),
        ))
    added = _s(history["warm_older"]) - _s(history["warm_all"])
    lines += [
        _row(
            "P6 province: 10 new commits on a kept log add ≤ 5 s",
            f"the build's change log with all but the 10 kept {history['warm_older'].text()}; "
            f"with the whole log kept {history['warm_all'].text()}",
            f"{added:+.1f} s",
            _ok(added <= 5),
        ),
        "",
    ]


def _guided(lines: list[str], results: dict[str, Any]) -> None:
    found = results.get("guided")
    if not found or "build" not in found:
        return
    build, view = found["build"], found["township_view"]
    ratio = _s(found["load"]) / _s(found["floor"])
    warnings = [line for line in build.out.splitlines() if line.startswith("WARNING ")]
    warned, first = len(warnings), f"`{warnings[0].removeprefix('WARNING -').strip()}`" if warnings else ""
    lines += [
        "## P8: the guide-catalog province",
        "",
        "A province whose counties adopt one guide catalog (指导目录) of 471 items: 100 counties × 15 townships, each "
        "county giving its townships lists drawn from the guide and each township writing only its differences "
        f"(`bench/synth.py`, fictional; {found['files']:,} files as written). "
        + _apart("guided", found),
        "",
        "| target | measured | ratio to its baseline | |",
        "|---|---|---|---|",
        _row(
            "P8 validates ≤ 2× the floor",
            f"load + validate {found['load'].text()}; floor {found['floor'].text()}",
            f"{ratio:.2f}×",
            _ok(ratio <= 2),
        ),
        _row(
            "P8 `build --jobs 2` ≤ 15 minutes",
            f"{_s(build) / 60:.1f} min ({_s(build):.0f} s, {found['pages']:,} pages)",
            f"{_s(build) / 900:.2f}× of 15 min",
            _ok(_s(build) <= 900),
        ),
        _row("P8 peak memory of that build < 4 GB", f"{build.peak_mb:.0f} MB", f"{build.peak_mb / 4096:.2f}× of 4 GB",
             _ok(build.peak_mb < 4096)),
        _row(
            "P8 that build resolves every link (MkDocs warns of none)",
            f"{warned:,} MkDocs warnings" + (f", the first: {first}" if warned else ""),
            "—",
            _ok(warned == 0),
        ),
        _row(
            f"P8 the heaviest township page ({found['township_items']} items) ≤ 150 KB gzip on first view",
            f"`/{found['township']}`: HTML {_kb(view['html'])}, CSS {_kb(view['css'])}, JS {_kb(view['js'])}: "
            f"**{_kb(view['total'])}**",
            f"{view['total'] / 1024 / 150:.2f}× of 150 KB",
            _ok(view["total"] <= 150 * 1024),
        ),
        "",
    ]


def _incremental(lines: list[str], results: dict[str, Any]) -> None:
    found = results.get("incremental")
    if not found:
        return
    ratio = _s(found["incremental"]) / _s(found["clean"])
    lines += [
        "## P7: incremental builds",
        "",
        "The province, cloned with its git history: each run commits a change to one township's service hours (a different "
        "county each run), then builds the site with `build --incremental` into the folder the previous incremental build "
        "left, and clean (`build`, into an emptied folder), one process each, interleaved; then compares the two sites' "
        "folders and every byte. "
        + _apart("incremental", found)
        + found.get("note", ""),
        "",
        "| target | measured | ratio to its baseline | |",
        "|---|---|---|---|",
        _row(
            "P7 province: after a one-township change, `build --incremental` ≤ 20% of a clean build",
            f"{found['incremental'].text()}; clean {found['clean'].text()}",
            f"{ratio:.2f}×",
            _ok(ratio <= 0.20),
        ),
        _row(
            "P7 the incremental site is byte-identical to the clean one",
            f"{sum(found['same'])} of {len(found['same'])} runs identical",
            "",
            _ok(all(found["same"])),
        ),
        "",
        f"The first incremental build, with no manifest yet, builds everything: {found['first'].seconds:.2f} s. "
        f"Peak memory: incremental {found['incremental'].peak_mb:.0f} MB, clean {found['clean'].peak_mb:.0f} MB. "
        "What each incremental build said: " + "; ".join(f"“{s}”" for s in found["summaries"]),
        "",
    ]


def write_report(results: dict[str, Any], out: Path, notes: Path | None = None) -> None:
    scales = [s for s in ("county", "city", "province") if s in results]
    lines: list[str] = []
    _header(lines, results)
    _targets(lines, results, scales)
    _browser(lines, results)
    _validation(lines, results, [*scales, *(["guided"] if "guided" in results else [])])
    _build(lines, results, scales)
    _zensical(lines, results, scales)
    _web(lines, results)
    _serve(lines, results)
    _history(lines, results)
    _incremental(lines, results)
    _guided(lines, results)
    _before(lines, results)
    if notes and notes.exists():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    out.write_text("\n".join(lines), encoding="utf-8")
