#!/usr/bin/env python3
"""Times perfeval against the simdjson parse-only floor, hand-written Python
and Node.js scorers and zen-engine, on the same synthetic project tables, and
checks that all the scorers give the same totals.

    bench/compare.py [--indicators N | --projects N] [--memory-sizes N,N,...] [options]

1. builds perfeval, perfeval_bench and perfeval_json_floor (or takes them:
   --perfeval, --bench, --floor, --no-build);
2. makes the data with perfeval_bench (--jsonl; and --write for the folder
   mode), kept in WORK and reused while the size and seed stay the same;
3. runs, one after the other, each timed by /usr/bin/time (wall, peak RSS),
   and with --repeat R all of them R times over, in turn, keeping each
   tool's fastest wall time and its largest peak memory:
   - perfeval -j 1 RULES DATA.jsonl, and -j NPROC (default): its summary,
     one line a project with the total, what the other scorers write too;
   - perfeval -j 1 -f jsonl RULES DATA.jsonl, and -j NPROC: every
     indicator's rate, score and explanation flags as well (27 times the
     output of the summary);
     or, with --perfeval-input folder, perfeval -f json RULES DIR (one thread:
     for a perfeval without JSON Lines input);
   - perfeval_json_floor DATA.jsonl: the file read and every value parsed
     with simdjson On-Demand, nothing scored: the floor (its AVX2 kernel when
     the processor has it), and again with the kernel perfeval's own loader
     is compiled with (--kernel generic);
   - bench/compare/score.py, the hand-written Python scorer;
   - bench/compare/score.js, the same scorer written by hand in Node.js;
   - bench/compare/zen/run.js, zen-engine with the JDM made by
     bench/compare/zen/make_jdm.py (npm ci into WORK/zen first);
4. checks that every tool gave the same total for every project, and lists
   the projects that differ (exit 1 if any does, or if a tool failed);
5. prints a Markdown table: wall time, indicators per second, peak memory, and
   the ratio of each tool's wall time and memory to the first perfeval row
   (one thread, the summary: the same output as the other scorers'), and of
   its wall time to the floor, with the machine it ran on; also written to
   WORK/results.md;
6. with --memory-sizes, runs perfeval -j 1 and -j NPROC again on data of
   each of those numbers of indicators (reusing the runs above for the main
   size) and prints a second table: peak resident memory and wall time by
   size, which should stay flat as the size grows.

Standard library only.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent
COMPARE = HERE / "compare"
TOOLS = ("perfeval", "floor", "python", "node", "zen")
DECIMAL = re.compile(r"-?[0-9][0-9,]*\.[0-9]+")


def log(message):
    print(f"compare: {message}", file=sys.stderr, flush=True)


def fail(message):
    log(message)
    sys.exit(2)


def run(command, **kwargs):
    log("$ " + " ".join(shlex.quote(str(c)) for c in command))
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def default_python():
    # The Debian interpreter when there is one, as CI has it.
    return "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    size = p.add_mutually_exclusive_group()
    size.add_argument("--indicators", type=int, default=None,
                      help="projects enough to reach N indicators (default 1000000)")
    size.add_argument("--projects", type=int, default=None, help="exactly N projects")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--build", default=str(SOURCE / "build"), help="CMake build folder")
    p.add_argument("--perfeval", help="perfeval binary (default BUILD/cli/perfeval)")
    p.add_argument("--bench", help="perfeval_bench binary (default BUILD/bench/perfeval_bench)")
    p.add_argument("--floor",
                   help="perfeval_json_floor binary (default BUILD/bench/perfeval_json_floor)")
    p.add_argument("--no-build", action="store_true", help="take the binaries as they are")
    p.add_argument("--rules", default=str(SOURCE / "rules"))
    p.add_argument("--work", help="data and outputs (default BUILD/bench-compare)")
    p.add_argument("--perfeval-input", choices=["jsonl", "folder", "auto"], default="jsonl",
                   help="jsonl: perfeval -j N -f jsonl RULES DATA.jsonl (default); folder: "
                        "perfeval -f json RULES DIR, one data file a project; auto: jsonl "
                        "when perfeval --help offers it, else folder")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="threads for the all-cores perfeval run (default: nproc)")
    p.add_argument("--zen-in-flight", type=int, default=1,
                   help="zen evaluations kept in flight at once (default 1)")
    p.add_argument("--tools", default=",".join(TOOLS),
                   help=f"comma-separated subset of {','.join(TOOLS)} (default: all)")
    p.add_argument("--repeat", type=int, default=1,
                   help="run every tool R times, in turn, and report each one's fastest "
                        "wall time and largest peak memory: on a shared machine one run "
                        "can be 10-30%% slow (default 1)")
    p.add_argument("--memory-sizes", default="",
                   help="comma-separated numbers of indicators (10000,100000,1000000): "
                        "perfeval's peak memory and wall time at each, -j 1 and -j NPROC")
    p.add_argument("--python", default=default_python(), help="Python for score.py")
    p.add_argument("--node", default="node")
    p.add_argument("--npm", default="npm")
    args = p.parse_args()
    if args.indicators is None and args.projects is None:
        args.indicators = 1_000_000
    args.build = pathlib.Path(args.build).resolve()
    args.perfeval = pathlib.Path(args.perfeval or args.build / "cli" / "perfeval").resolve()
    args.bench = pathlib.Path(args.bench or args.build / "bench" / "perfeval_bench").resolve()
    args.floor = pathlib.Path(args.floor or args.build / "bench" / "perfeval_json_floor").resolve()
    args.work = pathlib.Path(args.work or args.build / "bench-compare").resolve()
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for tool in args.tools:
        if tool not in TOOLS:
            fail(f"unknown tool {tool!r} in --tools")
    try:
        args.memory_sizes = [int(n.replace("_", "")) for n in args.memory_sizes.split(",")
                             if n.strip()]
    except ValueError:
        fail(f"--memory-sizes takes whole numbers separated by commas, not "
             f"{args.memory_sizes!r}")
    if any(n < 1 for n in args.memory_sizes):
        fail("--memory-sizes: each size is at least 1")
    if args.repeat < 1:
        fail("--repeat is at least 1")
    return args


# ------------------------------------------------------------------ the data


def make_data(args, work=None, indicators=None):
    """Makes (or reuses) WORK/data.jsonl, and WORK/files/ in folder mode; or,
    given `work` and `indicators`, WORK/data.jsonl of that many indicators."""
    folder = work is None and args.perfeval_input == "folder" and "perfeval" in args.tools
    if work is not None:
        size = ["--indicators", indicators]
    else:
        work = args.work
        size = (["--indicators", args.indicators] if args.indicators is not None
                else ["--projects", args.projects])
    work.mkdir(parents=True, exist_ok=True)
    command = [args.bench, *size, "--seed", args.seed, "--rules", args.rules,
               "--jsonl", work / "data.jsonl", "--no-bench"]
    if folder:
        command += ["--write", work / "files"]
    stamp_path = work / "data.stamp.json"
    key = {"command": [str(c) for c in command],
           "bench_mtime": args.bench.stat().st_mtime,
           "rules": sorted((str(p.relative_to(args.rules)), p.stat().st_mtime)
                           for p in pathlib.Path(args.rules).rglob("*.perf"))}
    if stamp_path.exists():
        stamp = json.loads(stamp_path.read_text())
        if (stamp.get("key") == key and (work / "data.jsonl").exists()
                and (not folder or (work / "files").is_dir())):
            log(f"reusing {work / 'data.jsonl'}")
            return stamp["data"]
    if (work / "files").exists():
        shutil.rmtree(work / "files")
    stamp_path.unlink(missing_ok=True)
    started = time.monotonic()
    out = run(["nice", *command], stdout=subprocess.PIPE, text=True).stdout
    sys.stderr.write(out)
    data = {"projects": None, "indicators": None,
            "bytes": (work / "data.jsonl").stat().st_size,
            "seconds": round(time.monotonic() - started, 1)}
    for line in out.splitlines():
        if line.startswith("data: "):
            words = line.split()
            data["projects"] = int(words[1].replace(",", ""))
            data["indicators"] = int(words[words.index("indicators") - 1].replace(",", ""))
        elif "printed figures that differ" in line:
            data["audit"] = line.strip()
    if data["indicators"] is None:
        fail("perfeval_bench did not say how many indicators it made")
    stamp_path.write_text(json.dumps({"key": key, "data": data}, indent=1))
    return data


# ------------------------------------------------------------------ the tools


class Tool:
    def __init__(self, name, command, output, reader, env=None, stdout_to_output=False,
                 floor=False):
        self.name = name
        self.floor = floor  # parses only: no totals, counted documents instead
        self.command = command
        self.output = output
        self.reader = reader
        self.env = env
        self.stdout_to_output = stdout_to_output
        self.walls = []  # every run's
        self.peaks_kb = []
        self.exit_code = None
        self.totals = None

    @property
    def wall(self):
        """The fastest run: what the tool takes when nothing else gets in
        its way."""
        return min(self.walls) if self.walls else None

    @property
    def peak_kb(self):
        return max(self.peaks_kb) if self.peaks_kb else None


def time_tool(tool, work):
    """Runs the tool under /usr/bin/time: wall seconds and peak RSS."""
    time_file = work / ("".join(c if c.isalnum() else "-" for c in tool.name) + ".time")
    command = ["/usr/bin/time", "-f", "%e %M", "-o", time_file, "nice", *tool.command]
    log(f"{tool.name}: " + " ".join(shlex.quote(str(c)) for c in tool.command))
    env = dict(os.environ, **(tool.env or {}))
    stdout = open(tool.output, "wb") if tool.stdout_to_output else open(os.devnull, "wb")
    with stdout:
        started = time.monotonic()
        completed = subprocess.run([str(c) for c in command], stdout=stdout, env=env)
        wall = time.monotonic() - started
    # The first failure is kept: a later run that succeeds does not hide it.
    if not tool.exit_code:
        tool.exit_code = completed.returncode
    peak_kb = None
    try:
        _, peak = time_file.read_text().split()[-2:]
        peak_kb = int(peak)
        tool.peaks_kb.append(peak_kb)
    except (OSError, ValueError):
        pass
    tool.walls.append(wall)
    log(f"{tool.name}: {wall:.2f} s, peak {peak_kb / 1024 if peak_kb else 0:.0f} MB, "
        f"exit {completed.returncode}")


def time_tools(tools, work, repeat):
    """Every tool once, then again, `repeat` times over: a disturbance that
    lasts a while slows one run of each rather than every run of one."""
    for _ in range(repeat):
        for tool in tools:
            time_tool(tool, work)


def read_lines_output(path):
    """score.py and run.js: {"line": N, "total": ...} a line."""
    totals = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                totals[row["line"]] = (row.get("project"), row.get("total"))
    return totals


def read_perfeval_summary(path):
    """perfeval RULES DATA.jsonl, the terminal summary: "Summary", then one
    line a project in the order read ("  NAME  97.69  优", then notes such as
    "differ 2"; "  FILE:LINE  —  not scored"), then "  projects N, scored
    ...". The total is the first word after the name that is a decimal
    figure: a project name with such a word of its own would be misread."""
    totals = {}
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "Summary":
        raise ValueError("the summary does not start with 'Summary'")
    for number, line in enumerate(lines[1:-1], start=1):
        words = line.split()
        if "—" in words:
            totals[number] = (" ".join(words[:words.index("—")]), None)
            continue
        at = next((k for k in range(1, len(words)) if DECIMAL.fullmatch(words[k])), None)
        if at is None:
            raise ValueError(f"no total in the summary line {line!r}")
        totals[number] = (" ".join(words[:at]), words[at])
    if not lines[-1].lstrip().startswith("projects "):
        raise ValueError("the summary does not end with the line of totals")
    return totals


def read_perfeval_jsonl(path):
    """perfeval -f jsonl: {"file": "PATH:LINE", "project", "complete", "total"} a
    line, then {"summary": ...}."""
    totals = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if "summary" in row and "file" not in row:
                continue
            number = int(str(row["file"]).rsplit(":", 1)[1])
            total = row.get("total") if row.get("complete", True) else None
            totals[number] = (row.get("project"), total)
    return totals


def read_floor(path):
    """perfeval_json_floor: its report, from which the kernel and the number of
    documents (checked against the number of projects)."""
    report = {"documents": None, "kernel": None}
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        words = line.split()
        if "documents:" in words:
            report["documents"] = int(words[words.index("documents:") - 1].replace(",", ""))
        if "kernel" in words:
            report["kernel"] = words[words.index("kernel") + 1].rstrip(",")
    return report


def read_perfeval_folder(path):
    """perfeval -f json RULES DIR: projects[].file is .../NNNNNN.json, the
    project made NNNNNN-th, which is line NNNNNN + 1 of the JSON Lines file."""
    report = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    totals = {}
    for p in report.get("projects", []):
        number = int(pathlib.Path(p["file"]).stem) + 1
        totals[number] = (p.get("project"), p.get("total"))
    return totals


def setup_zen(args):
    zen = args.work / "zen"
    zen.mkdir(parents=True, exist_ok=True)
    lock = (COMPARE / "zen" / "package-lock.json").read_bytes()
    installed = zen / "node_modules" / "@gorules" / "zen-engine" / "package.json"
    if not installed.exists() or (zen / "package-lock.json").read_bytes() != lock:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(COMPARE / "zen" / name, zen / name)
        # Not `npm ci`: the lock holds only the platform packages the registry
        # served when it was made (linux-x64), and npm ci refuses a lock that
        # lacks any of zen-engine's optional platform packages. npm install
        # --no-save installs the locked versions all the same.
        run([args.npm, "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=zen, stdout=sys.stderr)
    jdm = args.work / "perfeval.jdm.json"
    run([args.python, COMPARE / "zen" / "make_jdm.py", "--rules", args.rules, jdm])
    return zen / "node_modules", jdm


def job_counts(args):
    """The thread counts perfeval runs with: 1, and JOBS when it is not 1."""
    return [1] + ([args.jobs] if args.jobs != 1 else [])


def perfeval_tools(args, work, jsonl):
    """perfeval -j 1 and -j JOBS on WORK/data.jsonl: with -f jsonl, or with
    the default output, the summary (its English words, whatever the
    locale, for read_perfeval_summary)."""
    if jsonl:
        return [Tool(f"perfeval -j {j} -f jsonl",
                     [args.perfeval, "-j", j, "-f", "jsonl", args.rules, work / "data.jsonl"],
                     work / f"out-perfeval-j{j}.jsonl", read_perfeval_jsonl,
                     stdout_to_output=True)
                for j in job_counts(args)]
    return [Tool(f"perfeval -j {j}",
                 [args.perfeval, "-j", j, "--lang", "en", args.rules, work / "data.jsonl"],
                 work / f"out-perfeval-j{j}.txt", read_perfeval_summary, stdout_to_output=True)
            for j in job_counts(args)]


def make_tools(args):
    data = args.work / "data.jsonl"
    tools = []
    if "perfeval" in args.tools:
        if args.perfeval_input == "jsonl":
            tools += perfeval_tools(args, args.work, jsonl=False)
            tools += perfeval_tools(args, args.work, jsonl=True)
        else:
            tools.append(Tool("perfeval (folder)",
                              [args.perfeval, "-f", "json", args.rules, args.work / "files"],
                              args.work / "out-perfeval-folder.json", read_perfeval_folder,
                              stdout_to_output=True))
    if "floor" in args.tools:
        tools.append(Tool("simdjson parse only (floor)", [args.floor, data],
                          args.work / "out-floor.txt", read_floor, stdout_to_output=True,
                          floor=True))
        tools.append(Tool("simdjson parse only, perfeval's build", [args.floor, "--kernel",
                                                                     "generic", data],
                          args.work / "out-floor-generic.txt", read_floor,
                          stdout_to_output=True, floor=True))
    if "python" in args.tools:
        tools.append(Tool("Python score.py",
                          [args.python, COMPARE / "score.py", "--rules", args.rules, data,
                           args.work / "out-python.jsonl"],
                          args.work / "out-python.jsonl", read_lines_output))
    if "node" in args.tools:
        tools.append(Tool("Node.js score.js",
                          [args.node, COMPARE / "score.js", "--rules", args.rules, data,
                           args.work / "out-node.jsonl"],
                          args.work / "out-node.jsonl", read_lines_output))
    if "zen" in args.tools:
        node_modules, jdm = setup_zen(args)
        k = args.zen_in_flight
        tools.append(Tool(f"zen-engine" + (f" ({k} in flight)" if k != 1 else ""),
                          [args.node, COMPARE / "zen" / "run.js", "--in-flight", k, jdm, data,
                           args.work / "out-zen.jsonl"],
                          args.work / "out-zen.jsonl", read_lines_output,
                          env={"NODE_PATH": str(node_modules)}))
    return tools


# ------------------------------------------------------------------ checking


def check_totals(all_tools, projects):
    """Every scorer, every project: the same total; every floor run, every
    project read. Returns the problems found."""
    problems = []
    for tool in all_tools:
        if tool.floor and tool.totals.get("documents") != projects:
            problems.append(f"{tool.name}: read {tool.totals.get('documents')} documents, "
                            f"not {projects}")
    tools = [t for t in all_tools if not t.floor]
    if not tools:
        return problems
    reference = tools[0]
    expected = range(1, projects + 1)
    for tool in tools:
        missing = [n for n in expected if n not in tool.totals]
        null = [n for n in expected if n in tool.totals and tool.totals[n][1] is None]
        if missing:
            problems.append(f"{tool.name}: no result for {len(missing)} of {projects} projects "
                            f"(lines {', '.join(map(str, missing[:10]))}"
                            f"{', ...' if len(missing) > 10 else ''})")
        if null:
            problems.append(f"{tool.name}: no total for {len(null)} projects (lines "
                            f"{', '.join(map(str, null[:10]))}{', ...' if len(null) > 10 else ''})")
    for tool in tools[1:]:
        differ = [n for n in expected
                  if n in tool.totals and n in reference.totals
                  and tool.totals[n][1] != reference.totals[n][1]]
        if differ:
            problems.append(f"{tool.name} and {reference.name} give different totals for "
                            f"{len(differ)} projects:")
            for n in differ[:10]:
                project = reference.totals[n][0] or tool.totals[n][0]
                problems.append(f"  line {n} ({project}): {reference.name} "
                                f"{reference.totals[n][1]}, {tool.name} {tool.totals[n][1]}")
    return problems


# ------------------------------------------------------------------ the table


def machine():
    model = "unknown"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}){memory}"


def versions(args, tools):
    parts = []
    try:
        parts.append(subprocess.run([str(args.perfeval), "--version"],
                                                  capture_output=True, text=True
                                                  ).stdout.strip().splitlines()[0])
    except (OSError, IndexError):
        pass
    if any(t.name.startswith("Python") for t in tools):
        out = subprocess.run([args.python, "--version"], capture_output=True, text=True)
        parts.append((out.stdout or out.stderr).strip() + f" ({args.python})")
    if any(t.name.startswith(("zen", "Node")) for t in tools):
        node = subprocess.run([args.node, "--version"], capture_output=True, text=True)
        part = f"Node.js {node.stdout.strip()}"
        if any(t.name.startswith("zen") for t in tools):
            zen = json.loads((args.work / "zen" / "node_modules" / "@gorules" / "zen-engine" /
                              "package.json").read_text())["version"]
            part += f", @gorules/zen-engine {zen}"
        parts.append(part)
    kernels = [f"{t.totals['kernel']} ({t.name})" for t in tools
               if t.floor and t.totals and t.totals.get("kernel")]
    if kernels:
        parts.append("simdjson " + simdjson_version() + " On-Demand kernels: " + ", ".join(kernels))
    return "; ".join(parts)


def simdjson_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libsimdjson-dev"],
                             capture_output=True, text=True)
        return out.stdout.strip() if out.returncode == 0 else "?"
    except OSError:
        return "?"


def ratio(a, b):
    r = a / b
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def table(tools, data):
    base = tools[0]
    floor = next((t for t in tools if t.floor), None)
    rows = [("tool", "wall s", "indicators/s", "peak MB", f"wall × {base.name}",
             f"memory × {base.name}") + (("wall × floor",) if floor else ())]
    for t in tools:
        per_second = data["indicators"] / t.wall if t.wall else 0
        peak = t.peak_kb / 1024 if t.peak_kb else float("nan")
        rows.append((t.name, f"{t.wall:.2f}", f"{per_second:,.0f}", f"{peak:,.0f}",
                     ratio(t.wall, base.wall),
                     ratio(t.peak_kb, base.peak_kb) if t.peak_kb and base.peak_kb else "?")
                    + ((ratio(t.wall, floor.wall),) if floor else ()))
    return markdown(rows)


def markdown(rows):
    """A Markdown table padded to read as plain text: the first column
    left-aligned, the others right-aligned."""
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "|".join(["-" * (widths[0] + 2)] +
                                        ["-" * (w + 1) + ":" for w in widths[1:]]) + "|")
    return "\n".join(lines)


def floor_summary(tools):
    """perfeval's wall time over the floor's, the line the issue asks for."""
    floor = next((t for t in tools if t.floor), None)
    runs = [t for t in tools if t.name.startswith("perfeval")]
    if not floor or not runs or not floor.wall:
        return None
    return ("perfeval / simdjson parse-only floor (wall time): " +
            ", ".join(f"{t.name} {t.wall / floor.wall:.2f}×" for t in runs) + ".")


def spread(tools):
    """How far apart the repeated runs were."""
    return ("Wall times are the fastest of " + str(len(tools[0].walls)) +
            " runs of each tool, taken in turn; all runs (s): " +
            "; ".join(f"{t.name} " + ", ".join(f"{w:.2f}" for w in t.walls) for t in tools) +
            ".")


def memory_table(args, data, tools):
    """perfeval -j 1 and -j JOBS at each of --memory-sizes: peak RSS and wall.
    Returns (the table's lines, problems)."""
    problems = []
    rows = [("indicators", "projects", "JSON Lines MB")]
    jobs = job_counts(args)
    rows[0] += tuple(f"-j {j} peak MB" for j in jobs) + tuple(f"-j {j} wall s" for j in jobs)
    main_runs = [t for t in tools if t.name.startswith("perfeval -j") and
                 t.name.endswith("-f jsonl")]
    for n in args.memory_sizes:
        if (n == args.indicators and args.perfeval_input == "jsonl" and
                len(main_runs) == len(jobs)):
            log(f"memory at {n:,} indicators: the runs above")
            runs, size = main_runs, data
        else:
            work = args.work / f"memory-{n}"
            size = make_data(args, work, n)
            runs = perfeval_tools(args, work, jsonl=True)
            time_tools(runs, work, args.repeat)
            for tool in runs:
                try:
                    tool.totals = tool.reader(tool.output)
                except (OSError, ValueError, KeyError, IndexError) as e:
                    problems.append(f"{tool.name} at {n:,}: cannot read {tool.output}: {e}")
                    tool.totals = {}
            problems += [f"at {n:,} indicators: {p}"
                         for p in check_totals(runs, size["projects"])]
        mb = size["bytes"] / 1e6
        rows.append((f"{size['indicators']:,}", f"{size['projects']:,}",
                     f"{mb:,.{0 if mb >= 10 else 1}f}")
                    + tuple(f"{t.peak_kb / 1024:,.0f}" if t.peak_kb else "?" for t in runs)
                    + tuple(f"{t.wall:.2f}" for t in runs))
    return [f"perfeval -f jsonl, peak resident memory (`/usr/bin/time -f %M`) and wall time "
            f"by size:", "", markdown(rows)], problems


def main():
    args = parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.tools:
        fail("--tools is empty")
    if not os.access("/usr/bin/time", os.X_OK):
        fail("/usr/bin/time is missing (Debian package time)")
    if not args.no_build:
        run(["nice", "cmake", "--build", args.build, "--target", "perfeval", "perfeval_bench",
             *(["perfeval_json_floor"] if "floor" in args.tools else [])])
    for binary in (args.bench, args.perfeval) + ((args.floor,) if "floor" in args.tools else ()):
        if not binary.exists():
            fail(f"{binary} does not exist: build it, or give --perfeval / --bench / --floor")

    if args.perfeval_input == "auto":
        help_text = subprocess.run([str(args.perfeval), "--help"], capture_output=True,
                                   text=True).stdout
        args.perfeval_input = "jsonl" if "jsonl" in help_text else "folder"
        log(f"perfeval input: {args.perfeval_input}")
    data = make_data(args)
    tools = make_tools(args)
    load_before = os.getloadavg()[0]
    time_tools(tools, args.work, args.repeat)
    load_after = os.getloadavg()[0]
    failed_to_run = []
    for tool in tools:
        try:
            tool.totals = tool.reader(tool.output)
        except (OSError, ValueError, KeyError, IndexError) as e:
            failed_to_run.append(f"{tool.name}: cannot read its output {tool.output}: {e}")
            tool.totals = {}
    problems = failed_to_run + check_totals(tools, data["projects"])
    memory_lines = []
    if args.memory_sizes:
        if args.perfeval_input != "jsonl":
            fail("--memory-sizes needs perfeval's JSON Lines input")
        memory_lines, memory_problems = memory_table(args, data, tools)
        problems += memory_problems

    size = data["bytes"] / 1e6
    agree = ("all totals agree" if not problems else "TOTALS DO NOT AGREE")
    if not any(not t.floor for t in tools):
        agree = "nothing scored" if not problems else "NOT EVERY DOCUMENT READ"
    lines = [
        f"{data['projects']:,} projects, {data['indicators']:,} indicators, "
        f"{size:,.{0 if size >= 10 else 1}f} MB of JSON Lines (perfeval_bench seed {args.seed}); {agree}.",
        "",
        table(tools, data),
        "",
        *([floor_summary(tools), ""] if floor_summary(tools) else []),
        *([spread(tools), ""] if args.repeat > 1 else []),
        f"Machine: {machine()}. {versions(args, tools)}. "
        f"{datetime.date.today().isoformat()}, {platform.system()} {platform.release()}; "
        f"load average {load_before:.1f} before the runs, {load_after:.1f} after.",
    ]
    if args.perfeval_input == "folder" and "perfeval" in args.tools:
        lines.append("perfeval read one data file a project (folder mode), the others the "
                     "JSON Lines file.")
    if memory_lines:
        lines += ["", *memory_lines]
    report = "\n".join(lines) + "\n"
    (args.work / "results.md").write_text(report, encoding="utf-8")
    print(report)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    failed = [t.name for t in tools if t.exit_code not in (0, None)]
    if failed:
        log("exit codes other than 0 (the totals agree): " + ", ".join(
            f"{t.name} {t.exit_code}" for t in tools if t.exit_code))
    return 0


if __name__ == "__main__":
    sys.exit(main())
