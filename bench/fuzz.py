"""The long fuzz run: ten thousand mutations of the fictional base catalog
(tests/cases/base), each validated in a fresh copy of one file, with a fixed seed.

Counts how many mutated folders are accepted (no error), which rule ids reject the
rest, and how many runs raised an exception or broke a property of the problems
(both must be 0).  Not collected by pytest; run it by hand or in a nightly job:

    .venv/bin/python bench/fuzz.py [--runs 10000] [--seed 20261122]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.catalog import load_catalog
from generator.problems import Severity
from generator.report import REPORTERS
from tests.mutations import BASE, assert_located, mutated, random_case

TODAY = "2026-11-22"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()

    import random

    rng = random.Random(args.seed)
    accepted = 0
    first_rule: Counter[str] = Counter()  # the rule of the first error: what a clerk sees first
    any_rule: Counter[str] = Counter()  # every rule id that fired in a run
    failures: list[str] = []
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(BASE, data)
        started = time.perf_counter()
        for run in range(args.runs):
            file, ops, how, cut = random_case(rng)
            target = data / file
            target.write_bytes(mutated(file, ops, how, cut))
            began = time.perf_counter()
            try:
                _, problems = load_catalog(data, today=TODAY)
                assert_located(problems, data)
                for report in REPORTERS.values():
                    report(problems)
            except BaseException as exc:  # every escape is a finding, even SystemExit
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures.append(f"run {run}: {file} {ops!r} {how} {cut}\n{traceback.format_exc()}")
                continue
            finally:
                shutil.copyfile(BASE / file, target)
            took = time.perf_counter() - began
            if took > slowest[0]:
                slowest = (took, f"run {run}: {file} {how}")
            errors = [p for p in problems if p.severity is Severity.ERROR]
            if not errors:
                accepted += 1
            else:
                first_rule[errors[0].rule] += 1
            any_rule.update({p.rule for p in problems})
        elapsed = time.perf_counter() - started

    print(f"mutations: {args.runs} (seed {args.seed}) in {elapsed:.1f} s, {1000 * elapsed / args.runs:.1f} ms each; "
          f"slowest {1000 * slowest[0]:.0f} ms ({slowest[1]})")
    print(f"accepted (no error): {accepted}")
    print(f"rejected: {sum(first_rule.values())}")
    print("  by the rule of the first error:")
    for rule, count in first_rule.most_common():
        print(f"    {rule:16} {count}")
    print("  runs in which each rule fired (errors and warnings):")
    for rule, count in any_rule.most_common():
        print(f"    {rule:16} {count}")
    print(f"exceptions or broken properties: {len(failures)}")
    for failure in failures[:5]:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
