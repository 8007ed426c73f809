#!/usr/bin/env python3
"""Writes the 新疆2024 scoring rules as a JDM decision graph for zen-engine.

    make_jdm.py [--rules DIR] [OUT]          (default OUT: perfeval.jdm.json here)
    make_jdm.py --check [--rules DIR] [OUT]  (exit 1 if OUT is not what DIR gives)

The graph scores one project table (the object of a data file, as the input):

  项目 (input)
   -> 预算执行率      expression node: funds figures read, funds score
   -> 指标目录        decision table, one row per indicator of every project
                      type (from the rule files): weight, operator, target, method
   -> 等级            decision table: the policy's grade words and their shares
   -> 业绩值          expression node: the actual value read (万 folded, %, dates)
   -> 达标            decision table: met, by the target's operator
   -> 赋分规则        decision table: the score, by method, graded or not, met or not
   -> 总分            expression node: indicator scores rounded to 2 decimals and
                      summed, plus the funds score
   -> 结果 (output)   {"complete": bool, "total": "99.80" | null}

The per-indicator nodes run in loop mode over `rows` (one element per
indicator row of the table). The project types' catalogue is generated from
the rule files, as a person would fill the decision table in; the methods,
grades and the funds rule are written here by hand from rules/新疆2024.perf.

zen computes in decimals (rust_decimal, 28 significant digits), so a quotient
that does not terminate is rounded at the 28th digit: 63/88*11 is
7.8749999999999999999999999999 and rounds to 7.87, where the exact 7.875 rounds
to 7.88. Every score formula below therefore divides last
(weight * actual / target), which is exact whenever the exact score has few
decimals, i.e. whenever rounding to 2 decimals could go either way.

Standard library only.
"""

import argparse
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from perf_rules import load_project_types, written_unit  # noqa: E402

# Grade words by policy (rules/新疆2024.perf).
GRADES = [
    ("新疆2024", "达到预期指标", "1"),
    ("新疆2024", "达到预期指标值", "1"),
    ("新疆2024", "部分达到预期指标", "0.6"),
    ("新疆2024", "未达到预期指标", "0"),
    ("新疆2024单位整体", "达到预期指标", "1"),
    ("新疆2024单位整体", "部分达到预期指标", "0.6"),
    ("新疆2024单位整体", "未达到预期指标", "0"),
]

# A number with thousands separators (up to 999,999,999,999.99) as a decimal:
# zen 0.54 has split() but neither replace() nor join().
def _read_amount(field):
    parts = f'split(string({field}), ",")'
    return (
        f"type({field}) == 'number' ? {field} : number("
        f"len({parts}) == 1 ? {parts}[0] : "
        f"len({parts}) == 2 ? {parts}[0] + {parts}[1] : "
        f"len({parts}) == 3 ? {parts}[0] + {parts}[1] + {parts}[2] : "
        f"{parts}[0] + {parts}[1] + {parts}[2] + {parts}[3])"
    )


# No backslashes in the patterns: " *" for spaces, "[.]" for a point.
QTY = "^(?:>=|<=|>|<|=|＝)? *(-?[0-9][0-9,]*(?:[.][0-9]+)?) *(万|亿|)(.*)$"
DATE = "^(?:=|＝)? *([0-9]{4})(?:年|-)([0-9]{1,2})(?:月|-)([0-9]{1,2})日? *(?:前|以前|之前)?$"


def s(text):
    """A zen string literal."""
    return json.dumps(text, ensure_ascii=False)


def expression_node(node_id, name, expressions, *, loop_over=None, output_path=None):
    content = {
        "expressions": [
            {"id": f"{node_id}-{k}", "key": key, "value": value}
            for k, (key, value) in enumerate(expressions)
        ],
        "passThrough": True,
        "inputField": loop_over,
        "outputPath": output_path,
        "executionMode": "loop" if loop_over else "single",
    }
    return {"id": node_id, "type": "expressionNode", "name": name, "content": content}


def table_node(node_id, name, inputs, outputs, rules, *, loop_over, output_path):
    """inputs: [(field, label)], outputs: [(field, label)], rules: [[cells...]]."""
    ins = [{"id": f"{node_id}-in{k}", "name": label, "field": field}
           for k, (field, label) in enumerate(inputs)]
    outs = [{"id": f"{node_id}-out{k}", "name": label, "field": field}
            for k, (field, label) in enumerate(outputs)]
    rows = []
    for r, cells in enumerate(rules):
        row = {"_id": f"{node_id}-r{r}"}
        for column, cell in zip(ins + outs, cells):
            row[column["id"]] = cell
        rows.append(row)
    content = {
        "hitPolicy": "first",
        "inputs": ins,
        "outputs": outs,
        "rules": rows,
        "passThrough": True,
        "inputField": loop_over,
        "outputPath": output_path,
        "executionMode": "loop",
    }
    return {"id": node_id, "type": "decisionTableNode", "name": name, "content": content}


def target_cells(indicator):
    """(op, kind, target, unit, written unit, factor) as decision-table output
    expressions. The target is in the base unit (万 folded, % as a fraction),
    the written unit is the target's own ("万人"), and factor turns a number
    written in it into the base unit (10000)."""
    kind, *value = indicator.target
    if kind == "qty":
        amount, unit = value
        written = written_unit(indicator.target_text)
        factor = "0.01" if unit == "%" else "1"
        for prefix, times in (("万", 10_000), ("亿", 100_000_000)):
            if written.startswith(prefix) and len(written) > len(prefix):
                factor = str(times)
        return (s(indicator.op or "="), s("qty"), format(amount, "f"), s(unit), s(written), factor)
    if kind == "date":
        y, m, d = value[0]
        return (s(indicator.op or "<="), s("date"), str(y * 10000 + m * 100 + d), s(""), s(""), "1")
    return s(indicator.op or "="), s("word"), s(value[0]), s(""), s(""), "1"


def build(rules_dir):
    types = load_project_types(rules_dir)
    nodes = [{"id": "input", "type": "inputNode", "name": "项目", "content": {}}]

    # 预算执行率: rate = executed / budget; score = round(10 * min(rate, 100%), 1),
    # divided last.
    nodes.append(expression_node("funds", "预算执行率", [
        ("funds_budget", _read_amount("funds.budget")),
        ("funds_executed", _read_amount("funds.executed")),
        ("funds_score", "round(10 * min([$.funds_executed, $.funds_budget]) / $.funds_budget, 1)"),
    ]))  # fmt: skip

    catalogue = []
    for ptype in types.values():
        for indicator in ptype.indicators:
            op, kind, target, unit, written, factor = target_cells(indicator)
            catalogue.append([
                s(ptype.name), s(indicator.name),
                s(ptype.policy), format(indicator.weight, "f"), op, kind, target, unit,
                written, factor, s(indicator.method), str(len(ptype.indicators)), "true",
            ])  # fmt: skip
    catalogue.append(["", "", '""', "0", '""', '""', "0", '""', '""', "1", '""', "0", "false"])
    nodes.append(table_node(
        "catalogue", "指标目录",
        [("project", "项目"), ("name", "三级指标")],
        [("policy", "政策"), ("weight", "权重"), ("op", "比较"), ("kind", "目标类型"),
         ("target", "目标值"), ("unit", "单位"), ("wunit", "目标单位"), ("factor", "折算"),
         ("method", "赋分规则"),
         ("count", "指标个数"), ("known", "已知指标")],
        catalogue,
        loop_over="map(indicators, {project: project, name: #.name, actual: #.actual})",
        output_path="rows",
    ))  # fmt: skip

    grade_rules = [[s(p), s(w), "true", g] for p, w, g in GRADES]
    grade_rules.append(["", "", "false", "null"])
    nodes.append(table_node(
        "grades", "等级",
        [("policy", "政策"), ("actual", "业绩值")],
        [("graded", "已评级"), ("grade", "等级值")],
        grade_rules, loop_over="rows", output_path="rows",
    ))  # fmt: skip

    # The actual value: a grade word (above), a date (y*10000 + m*100 + d, like
    # the catalogue's), or a quantity in the base unit (万 folded, % as a
    # fraction). The usual spellings are read with split(): a quantity in the
    # target's own unit ("=2.42万人" against ">= 2.30万人"), 2024年12月9日 and
    # 2024-12-09. Anything else goes through a regular expression, which zen
    # compiles at every call (about 0.1 ms).
    nodes.append(expression_node("actual", "业绩值", [
        ("t", "type(actual) == 'string' ? trim(actual) : ''"),
        ("v",
         "trim(startsWith($.t, '=') or startsWith($.t, '>=') or startsWith($.t, '<=')"
         " ? split($.t, '=')[1] : startsWith($.t, '＝') ? split($.t, '＝')[1] : $.t)"),
        ("n",
         "graded or kind != 'qty' ? ''"
         " : wunit == '' ? $.v"
         " : endsWith($.v, wunit) ? trim(split($.v, wunit)[0]) : ''"),
        ("fast", "isNumeric($.n)"),
        ("q",
         "not graded and kind == 'qty' and $.t != '' and not $.fast"
         f" ? extract($.t, {s(QTY)}) : []"),
        ("d",
         "graded or kind != 'date' ? []"
         " : contains($.v, '年') ? (ymd = split($.v, '年'); md = split(ymd[1], '月');"
         " [ymd[0], md[0], split(md[1], '日')[0]]) : split($.v, '-')"),
        ("date_ok", "len($.d) == 3 and all($.d, isNumeric(#))"),
        ("readable", "graded or type(actual) == 'number' or $.fast or len($.q) == 4 or $.date_ok"),
        ("actual_unit",
         "$.fast ? unit : len($.q) == 4"
         " ? ($.q[3] == '％' ? '%' : $.q[3] == '天' ? '日' : $.q[3]) : ''"),
        ("amount",
         "not $.readable or graded ? null"
         " : type(actual) == 'number' ? actual"
         " : kind == 'date' ? number($.d[0]) * 10000 + number($.d[1]) * 100 + number($.d[2])"
         " : $.fast ? number($.n) * factor"
         f" : ({_read_amount('$.q[1]')})"
         " * ($.q[2] == '万' ? 10000 : $.q[2] == '亿' ? 100000000 : 1)"
         " / ($.actual_unit == '%' ? 100 : 1)"),
        # units must agree (a bare 0 goes with any unit)
        ("scorable",
         "$.readable and known and (graded or kind == 'date'"
         " or $.actual_unit == unit or ($.amount == 0 and $.actual_unit == '')"
         " or (target == 0 and unit == ''))"),
    ], loop_over="rows", output_path="rows"))  # fmt: skip

    nodes.append(table_node(
        "met", "达标",
        [("graded", "已评级"), ("kind", "目标类型"), ("op", "比较")],
        [("met", "达标")],
        [
            ["true", "", "", "grade >= 1"],
            ["", '"word"', "", "false"],
            ["", "", '">="', "amount >= target"],
            ["", "", '">"', "amount > target"],
            ["", "", '"<="', "amount <= target"],
            ["", "", '"<"', "amount < target"],
            ["", "", "", "amount == target"],
        ],
        loop_over="rows", output_path="rows",
    ))  # fmt: skip

    # 赋分规则, from rules/新疆2024.perf; rate = actual / target unless graded
    # or the target is 0 (then 100% when actual <= 0, else 0%).
    rate_methods = '"按评判等级赋分", "满意度赋分", "达标赋分"'
    nodes.append(table_node(
        "score", "赋分规则",
        [("method", "赋分规则"), ("graded", "已评级"), ("met", "达标"), ("op", "比较"),
         ("target", "目标值")],
        [("score", "得分")],
        [
            # 直接赋分: weight * (met ? 100% : 0%)
            ['"直接赋分"', "", "true", "", "", "weight"],
            ['"直接赋分"', "", "", "", "", "0"],
            # 按照完成比例赋分: weight * max(0, 1 - |rate - 100%|)
            ['"按照完成比例赋分"', "true", "", "", "", "weight * max([0, 1 - abs(grade - 1)])"],
            ['"按照完成比例赋分"', "", "", "", "0", "amount <= 0 ? weight : 0"],
            ['"按照完成比例赋分"', "", "", "", "",
             "weight * max([0, abs(target) - abs(amount - target)]) / abs(target)"],
            # 按评判等级赋分, 满意度赋分, 达标赋分: graded -> weight * grade;
            # met -> weight; a missed ceiling -> weight * target / actual;
            # else weight * min(rate, 100%)
            [rate_methods, "true", "", "", "", "weight * grade"],
            [rate_methods, "", "true", "", "", "weight"],
            [rate_methods, "", "", '"<=", "<"', "", "weight * target / amount"],
            [rate_methods, "", "", "", "0", "amount <= 0 ? weight : 0"],
            [rate_methods, "", "", "", "", "weight * min([amount, target]) / target"],
            ["", "", "", "", "", "null"],
        ],
        loop_over="rows", output_path="rows",
    ))  # fmt: skip

    # 总分: indicator scores rounded to 2 decimals (half-up), summed, plus the
    # funds score. Every declared indicator must be there, readable, scored.
    total = {
        "id": "total", "type": "expressionNode", "name": "总分",
        "content": {
            "expressions": [
                {"id": "total-0", "key": "complete",
                 "value": "len(rows) > 0 and len(rows) == rows[0].count"
                          " and all(rows, #.scorable and #.score != null)"},
                {"id": "total-1", "key": "total",
                 "value": "$.complete"
                          " ? string(round(sum(map(rows, round(#.score, 2))) + funds_score, 2))"
                          " : null"},
            ],
            "passThrough": False, "inputField": None, "outputPath": None, "executionMode": "single",
        },
    }  # fmt: skip
    nodes.append(total)
    nodes.append({"id": "output", "type": "outputNode", "name": "结果", "content": {}})

    for k, node in enumerate(nodes):
        node["position"] = {"x": 80 + 260 * k, "y": 200}
    edges = [
        {"id": f"edge-{a['id']}-{b['id']}", "sourceId": a["id"], "targetId": b["id"],
         "type": "edge"}
        for a, b in zip(nodes, nodes[1:])
    ]  # fmt: skip
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules", default=str(HERE.parents[2] / "rules"))
    parser.add_argument("--check", action="store_true", help="compare with OUT instead of writing")
    parser.add_argument("out", nargs="?", default=str(HERE / "perfeval.jdm.json"))
    args = parser.parse_args()
    text = json.dumps(build(args.rules), ensure_ascii=False, indent=2) + "\n"
    out = pathlib.Path(args.out)
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is out of date: run {pathlib.Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
