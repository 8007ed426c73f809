#!/usr/bin/env python3
"""Rewrites data files that name a declared project type as tables that carry
their own indicator table (docs/data-format.md): each indicator gets the
category1, category2, weight, target and method its project type declares in
the rule files, and the table the "policy" the type is scored by.

    carry_tables.py RULES_FOLDER IN OUT [--rename SUFFIX]

IN and OUT are both .json files (written indented, as in examples/) or both
.jsonl files (one table a line, compact). With --rename every project name
gets SUFFIX, so that no table can be mistaken for a declared type. Used for
examples-tables/ and for the benchmark of tables that carry their targets
(bench/README.md)."""

import argparse
import json
import pathlib
import re
import sys

NAME = r'("(?:[^"\\]|\\.)*"|\S+)'
PROJECT = re.compile(r'^\s*project\s+' + NAME + r'\s+policy\s+(\S+)\s*\{')
GROUP = re.compile(r'^\s*(\S+)\s*/\s*(\S+)\s*\{')
INDICATOR = re.compile(r'^\s*indicator\s+' + NAME + r'\s+weight\s+(\S+)\s+target\s+(.*?)\s+'
                       r'method\s+(\S+)\s*(?://.*)?$')


def unquote(text):
    if text.startswith('"') and text.endswith('"'):
        return re.sub(r'\\(.)', r'\1', text[1:-1])
    return text


def read_types(rules):
    """{project name: (policy, {indicator name: row fields})} from every
    *.perf file under `rules` written in the layout `perfeval fmt` gives."""
    types = {}
    for path in sorted(pathlib.Path(rules).rglob("*.perf")):
        project = None
        group = ("", "")
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := PROJECT.match(line):
                project = unquote(m.group(1))
                types[project] = (m.group(2), {})
            elif project and (m := GROUP.match(line)):
                group = (m.group(1), m.group(2))
            elif project and (m := INDICATOR.match(line)):
                types[project][1][unquote(m.group(1))] = {
                    "category1": group[0], "category2": group[1],
                    "weight": m.group(2), "target": unquote(m.group(3)),
                    "method": m.group(4)}
    return types


def carry(table, types, suffix):
    policy, rows = types[table["project"]]
    out = {}
    for key, value in table.items():
        if key == "project":
            out["project"] = value + suffix
            out["policy"] = policy
        elif key == "indicators":
            out["indicators"] = [{"name": row["name"], **rows[row["name"]],
                                  **{k: v for k, v in row.items() if k != "name"}}
                                 for row in value]
        else:
            out[key] = value
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("rules")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--rename", default="", metavar="SUFFIX")
    args = p.parse_args()
    types = read_types(args.rules)
    if args.input.endswith(".jsonl"):
        with open(args.input, encoding="utf-8") as src, \
                open(args.output, "w", encoding="utf-8") as dst:
            for line in src:
                if line.strip():
                    table = carry(json.loads(line), types, args.rename)
                    dst.write(json.dumps(table, ensure_ascii=False, separators=(",", ":")))
                    dst.write("\n")
    else:
        table = json.loads(pathlib.Path(args.input).read_text(encoding="utf-8"))
        text = json.dumps(carry(table, types, args.rename), ensure_ascii=False, indent=2)
        pathlib.Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
