#!/usr/bin/env python3
"""Writes a rules folder of many `project` declarations, to time loading them.

    python3 bench/make_projects.py --projects 100000 --out /tmp/projects
    /usr/bin/time -v build/cli/perfeval check /tmp/projects

The folder holds one file that uses the shipped rules (`use`), and
`projects/NNNN.perf` files of --per-file declarations each. With --data, it
also writes a JSON Lines file of one table for each project, every actual
meeting its target, to time scoring tables of that many project types:

    python3 bench/make_projects.py --projects 100000 --out /tmp/projects --data /tmp/tables.jsonl
    /usr/bin/time -v build/cli/perfeval -f jsonl /tmp/projects /tmp/tables.jsonl > /dev/null
 Every project has
its own name and its own targets, 7 to 13 indicators (about 10) under the
categories of the seed tables, weights adding up to 90 (新疆2024: 100 less
10 for the funds), and one of the methods 新疆2024 declares. The output is
the same for the same arguments.
"""

import argparse
import json
import os
import random

CATEGORIES = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "满意度指标"),
]
SUBJECTS = ["招聘会", "培训班", "补贴发放", "专项检查", "宣传活动", "人才引进", "就业岗位", "调解案件"]
UNITS = ["人", "人次", "场", "家", "项", "次", "个", "期"]


def weights(count, total, rng):
    """`count` whole weights of at least 2 adding up to `total`."""
    out = [2] * count
    for _ in range(total - 2 * count):
        out[rng.randrange(count)] += 1
    return out


def target(category2, rng):
    if category2 == "数量指标":
        return f">= {rng.randint(2, 5000)}{rng.choice(UNITS)}", "按照完成比例赋分"
    if category2 == "质量指标":
        return f">= {rng.randint(80, 100)}%", "按照完成比例赋分"
    if category2 == "时效指标":
        return f"<= {rng.randint(1, 12)}月", "按照完成比例赋分"
    if category2 == "经济成本指标":
        return f"<= {rng.randint(1, 900)}.{rng.randint(0, 9)}万元", "按照完成比例赋分"
    if category2 == "社会效益指标":
        return rng.choice(["有效促进", "长期", "保障", "提高"]), "按评判等级赋分"
    return f">= {rng.randint(85, 98)}%", "满意度赋分"


def meeting(value):
    """An actual value that meets the target `value`."""
    if value.startswith((">= ", "<= ")):
        return value[3:]
    return "达到预期指标"


def project(k, rng):
    """The declaration of project `k`, and its table: actuals meeting every
    target."""
    count = rng.randint(7, 13)
    table = {"project": f"项目{k:06d}",
             "funds": {"planned": 100, "budget": 100, "executed": 100},
             "indicators": []}
    lines = [f'project "项目{k:06d}" policy 新疆2024 {{']
    groups = {}
    for i, w in enumerate(weights(count, 90, rng)):
        category = CATEGORIES[i % len(CATEGORIES)]
        groups.setdefault(category, []).append((i, w))
    for (category1, category2), indicators in groups.items():
        lines.append(f"  {category1} / {category2} {{")
        for i, w in indicators:
            value, method = target(category2, rng)
            name = f"{rng.choice(SUBJECTS)}{category2[:2]}{i + 1}"
            lines.append(f"    indicator {name}  weight {w}  target {value}  method {method}")
            table["indicators"].append({"name": name, "actual": meeting(value)})
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n", table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100000)
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rules", default=os.path.join(os.path.dirname(__file__), "..", "rules"),
                        help="the rules folder the projects use (新疆2024)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--data", help="also write a table for each project to this .jsonl file")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "projects"), exist_ok=True)
    rules = os.path.abspath(os.path.join(args.rules, "新疆2024.perf"))
    with open(os.path.join(args.out, "policy.perf"), "w", encoding="utf-8") as f:
        f.write(f'use "{rules}"\n')
    data = open(args.data, "w", encoding="utf-8") if args.data else None
    for start in range(0, args.projects, args.per_file):
        path = os.path.join(args.out, "projects", f"{start // args.per_file:04d}.perf")
        with open(path, "w", encoding="utf-8") as f:
            for k in range(start, min(start + args.per_file, args.projects)):
                declaration, table = project(k, rng)
                f.write(declaration)
                f.write("\n")
                if data:
                    data.write(json.dumps(table, ensure_ascii=False) + "\n")
    if data:
        data.close()


if __name__ == "__main__":
    main()
