#!/usr/bin/env python3
"""Tables that carry their own targets against the same tables naming one of
the 17 declared project types: wall time and peak memory of `perfeval -f
jsonl`, at several sizes, with every total checked to agree.

    python3 bench/carried.py [--sizes 250000,1000000] [--jobs 1,2] [--repeat 3]

For each size it makes N indicators of synthetic tables with perfeval_bench
(the generator compare.py uses; about 100,000 tables at 1,000,000), rewrites
each table with its project type's indicator rows and policy
(bench/carry_tables.py), and scores

  declared: perfeval -j J -f jsonl rules/ declared.jsonl
  carried:  perfeval -j J -f jsonl POLICIES/ carried.jsonl

where POLICIES holds only rules/新疆2024.perf and rules/library/. See
bench/README.md for the figures."""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

SOURCE = pathlib.Path(__file__).resolve().parent.parent


def log(message):
    print(f"carried: {message}", file=sys.stderr, flush=True)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="250000,1000000", help="indicators, comma-separated")
    p.add_argument("--jobs", default="1,2", help="perfeval -j values, comma-separated")
    p.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is shown")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--build", default=str(SOURCE / "build"))
    p.add_argument("--rules", default=str(SOURCE / "rules"))
    p.add_argument("--work", default=None, help="default BUILD/bench-carried")
    args = p.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.jobs = [int(j) for j in args.jobs.split(",")]
    args.build = pathlib.Path(args.build)
    args.work = pathlib.Path(args.work) if args.work else args.build / "bench-carried"
    return args


def make_data(args, size):
    work = args.work / str(size)
    work.mkdir(parents=True, exist_ok=True)
    declared, carried = work / "declared.jsonl", work / "carried.jsonl"
    if not declared.exists():
        subprocess.run(["nice", args.build / "bench/perfeval_bench", "--indicators", str(size),
                        "--seed", str(args.seed), "--rules", args.rules, "--jsonl", declared,
                        "--no-bench"], check=True, stdout=subprocess.DEVNULL)
    if not carried.exists():
        subprocess.run([sys.executable, SOURCE / "bench/carry_tables.py", args.rules, declared,
                        carried], check=True)
    tables = sum(1 for line in open(declared, encoding="utf-8") if line.strip())
    return work, tables


def policies_folder(args):
    folder = args.work / "policies"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(pathlib.Path(args.rules) / "新疆2024.perf", folder)
    shutil.copytree(pathlib.Path(args.rules) / "library", folder / "library")
    return folder


def run(args, rules, data, jobs, output):
    """The fastest wall time and the largest peak RSS (MB) of --repeat runs."""
    walls, peaks = [], []
    for _ in range(args.repeat):
        time_file = output.with_suffix(".time")
        command = ["/usr/bin/time", "-f", "%e %M", "-o", time_file, "nice",
                   args.build / "cli/perfeval", "-j", str(jobs), "-f", "jsonl", rules, data]
        with open(output, "wb") as out:
            started = time.monotonic()
            done = subprocess.run([str(c) for c in command], stdout=out)
            walls.append(time.monotonic() - started)
        if done.returncode != 0:
            sys.exit(f"carried: {' '.join(map(str, command))} exited {done.returncode}")
        peaks.append(int(time_file.read_text().split()[-1]) / 1024)
    return min(walls), max(peaks), walls


def totals(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if "file" in row:
                out.append((row["file"].rsplit(":", 1)[1], row.get("total")))
    return out


def main():
    args = parse_args()
    policies = policies_folder(args)
    rows = []
    for size in args.sizes:
        work, tables = make_data(args, size)
        for jobs in args.jobs:
            figures = {}
            for side, rules in (("declared", args.rules), ("carried", policies)):
                output = work / f"out-{side}-j{jobs}.jsonl"
                log(f"{size:,} indicators, {side}, -j {jobs}")
                figures[side] = run(args, rules, work / f"{side}.jsonl", jobs, output)
            a = totals(work / f"out-declared-j{jobs}.jsonl")
            b = totals(work / f"out-carried-j{jobs}.jsonl")
            if a != b or len(a) != tables or any(t is None for _, t in a):
                sys.exit(f"carried: at {size:,} -j {jobs} the totals do not agree")
            d, c = figures["declared"], figures["carried"]
            rows.append((f"{size:,}", f"{tables:,}", str(jobs), f"{d[0]:.2f}", f"{c[0]:.2f}",
                         f"{c[0] / d[0]:.2f}", f"{d[1]:.0f}", f"{c[1]:.0f}"))
            log("runs (s): declared " + ", ".join(f"{w:.2f}" for w in d[2]) +
                "; carried " + ", ".join(f"{w:.2f}" for w in c[2]))
    header = ("indicators", "tables", "-j", "declared s", "carried s", "carried × declared",
              "declared peak MB", "carried peak MB")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nAll totals agree. Fastest of {args.repeat} runs; machine: "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} after the runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
