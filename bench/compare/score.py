#!/usr/bin/env python3
"""A hand-written scorer of the 新疆2024 convention, to compare with perfeval.

    score.py [--rules DIR] DATA.jsonl [OUT]

Reads the project types (weights, targets, methods) from the rule files of DIR
(perf_rules.py), and implements by hand what rules/新疆2024.perf says: the five
methods (按照完成比例赋分, 按评判等级赋分, 满意度赋分, 直接赋分, 达标赋分), the
grade words, the funds rule, and rounding (indicator scores to 2 decimals,
half-up, before summing; the funds score to 1 decimal). Both policies of the
file (新疆2024 and 新疆2024单位整体) score alike; they differ in grade words and
in explanations, which do not change a total.

Reads DATA one project (one JSON object) per line and writes one line per
project, in order: {"line": N, "project": "...", "total": "99.80"}, the total
null when the project cannot be scored (an unknown project or indicator, an
unreadable value, a unit mismatch), with the reason in "error".

Exact like perfeval: decimal.Decimal with the Inexact trap on, so no operation
may round silently; a score that is a quotient (weight × actual / target) is
rounded half-up from the exact quotient, never from a rounded one
(11 × 63/88 = 7.875 -> 7.88). Standard library only.
"""

import argparse
import json
import pathlib
import sys
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, setcontext

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from perf_rules import load_project_types, parse_value  # noqa: E402

setcontext(Context(prec=60, rounding=ROUND_HALF_UP, traps=[Inexact]))

ZERO = Decimal(0)
ONE = Decimal(1)
TWO = Decimal(2)
CENT = Decimal("0.01")

# Grade words and their share of the weight, by policy (rules/新疆2024.perf).
GRADES = {
    "新疆2024": {
        "达到预期指标": ONE,
        "达到预期指标值": ONE,
        "部分达到预期指标": Decimal("0.6"),
        "未达到预期指标": ZERO,
    },
    "新疆2024单位整体": {
        "达到预期指标": ONE,
        "部分达到预期指标": Decimal("0.6"),
        "未达到预期指标": ZERO,
    },
}
FUNDS_WEIGHT = Decimal(10)
SCORE_DIGITS = 2  # round score 2
FUNDS_DIGITS = 1  # score = round(weight * min(rate, 100%), 1)


class CannotScore(Exception):
    pass


def round_quotient(n, d, digits):
    """n / d rounded half-up (away from zero) to `digits` decimals, exactly."""
    if d < 0:
        n, d = -n, -d
    negative = n < 0
    q, r = divmod(abs(n).scaleb(digits), d)
    if 2 * r >= d:
        q += 1
    q = q.scaleb(-digits)
    return -q if negative else q


def compare(a, t):
    return (a > t) - (a < t)


def is_met(op, target, actual, grade):
    if grade is not None:
        return grade >= ONE
    kind = target[0]
    if kind == "word":
        return actual[0] == "word" and actual[1] == target[1]
    order = compare(actual[1], target[1])
    if op == ">=":
        return order >= 0
    if op == ">":
        return order > 0
    if op == "<=":
        return order <= 0
    if op == "<":
        return order < 0
    return order == 0  # "=" or none


def rate_share(w, a, t):
    """weight × min(rate, 100%) with rate = actual / target (t != 0), as (n, d)."""
    if (a <= t) if t > 0 else (a >= t):  # rate <= 100%
        return w * a, t
    return w, ONE


def score_indicator(indicator, actual, grades):
    """The unrounded score as a quotient (n, d)."""
    op, target = indicator.op, indicator.target
    w = indicator.weight
    grade = grades.get(actual[1]) if actual[0] == "word" else None
    if actual[0] == "word" and grade is None:
        raise CannotScore(f"{indicator.name}: {actual[1]} is not a grade word")
    if grade is None:
        if target[0] == "word":
            raise CannotScore(f"{indicator.name}: a qualitative target needs a grade word")
        if target[0] != actual[0]:
            raise CannotScore(f"{indicator.name}: a {actual[0]} against a {target[0]} target")
        if target[0] == "qty" and target[2] != actual[2]:
            bare_zero = lambda q: q[1] == 0 and q[2] == ""  # noqa: E731
            if not (bare_zero(target) or bare_zero(actual)):
                raise CannotScore(f"{indicator.name}: unit {actual[2]} against {target[2]}")
    met = is_met(op, target, actual, grade)
    method = indicator.method

    if method == "直接赋分":  # rate = met ? 100% : 0%; score = weight * rate
        return (w if met else ZERO), ONE

    # rate = if graded then grade else if target = 0 then (actual <= 0 ? 100% : 0%)
    #        else actual / target
    if grade is None and target[0] != "qty":
        raise CannotScore(f"{indicator.name}: {method} needs a number, not a date")
    t = target[1] if grade is None else None
    a = actual[1] if grade is None else None
    zero_rate = None
    if grade is None and t == 0:
        zero_rate = ONE if a <= 0 else ZERO

    if method == "按照完成比例赋分":  # weight * max(0, 1 - |rate - 100%|)
        if grade is not None:
            return w * max(ZERO, ONE - abs(grade - ONE)), ONE
        if zero_rate is not None:
            return w * max(ZERO, ONE - abs(zero_rate - ONE)), ONE
        # 1 - |a/t - 1| = (|t| - |a - t|) / |t|
        return w * max(ZERO, abs(t) - abs(a - t)), abs(t)

    # 按评判等级赋分, 满意度赋分, 达标赋分: graded -> weight * grade; met ->
    # weight; a missed ceiling (<=, <) -> weight * target / actual; else
    # weight * min(rate, 100%)
    if method not in ("按评判等级赋分", "满意度赋分", "达标赋分"):
        raise CannotScore(f"{indicator.name}: unknown method {method}")
    if grade is not None:
        return w * grade, ONE
    if met:
        return w, ONE
    if op in ("<=", "<"):
        return w * t, a
    if zero_rate is not None:
        return w * min(zero_rate, ONE), ONE
    return rate_share(w, a, t)


def amount(value, what):
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, str):
        try:
            # Only the Inexact trap is set: "x" gives NaN rather than an error.
            number = Decimal(value.strip().replace(",", ""))
            if number.is_finite():
                return number
        except ArithmeticError:
            pass
    raise CannotScore(f"{what}: cannot read {value!r}")


def score_project(data, types):
    ptype = types.get(data.get("project"))
    if ptype is None:
        raise CannotScore(f"unknown project type {data.get('project')!r}")
    grades = GRADES.get(ptype.policy)
    if grades is None:
        raise CannotScore(f"policy {ptype.policy} is not implemented here")

    # 预算执行率: rate = executed / budget; score = round(10 * min(rate, 100%), 1)
    funds = data.get("funds") or {}
    budget = amount(funds.get("budget"), "funds.budget")
    executed = amount(funds.get("executed"), "funds.executed")
    if budget == 0:
        raise CannotScore("funds.budget is 0")
    if (executed <= budget) if budget > 0 else (executed >= budget):  # rate <= 100%
        total = round_quotient(FUNDS_WEIGHT * executed, budget, FUNDS_DIGITS)
    else:
        total = FUNDS_WEIGHT

    rows = {}
    for row in data.get("indicators") or []:
        name = row.get("name")
        if name not in ptype.by_name:
            raise CannotScore(f"unknown indicator {name!r}")
        if name in rows:
            raise CannotScore(f"indicator {name!r} appears twice")
        rows[name] = row
    for indicator in ptype.indicators:
        row = rows.get(indicator.name)
        if row is None:
            raise CannotScore(f"indicator {indicator.name!r} is missing")
        text = row.get("actual")
        if isinstance(text, (int, Decimal)):
            actual = ("qty", Decimal(text), "")
        else:
            parsed = parse_value(text) if isinstance(text, str) else None
            if parsed is None:
                raise CannotScore(f"{indicator.name}: cannot read the actual value {text!r}")
            actual = parsed[1]
        n, d = score_indicator(indicator, actual, grades)
        total += round_quotient(n, d, SCORE_DIGITS)
    return total.quantize(CENT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    rules = pathlib.Path(__file__).resolve().parents[2] / "rules"
    parser.add_argument("--rules", default=str(rules))
    parser.add_argument("data", help="JSON Lines file, one project a line ('-' for stdin)")
    parser.add_argument("out", nargs="?", default="-", help="where the totals go (default stdout)")
    args = parser.parse_args()

    types = load_project_types(args.rules)
    source = sys.stdin if args.data == "-" else open(args.data, encoding="utf-8")
    sink = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    failed = 0
    with source, sink:
        write = sink.write
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            project = None
            try:
                data = json.loads(line, parse_float=Decimal)
                project = data.get("project")
                total = str(score_project(data, types))
                write(f'{{"line":{number},"project":{json.dumps(project, ensure_ascii=False)},'
                      f'"total":"{total}"}}\n')
            except (CannotScore, ValueError, AttributeError) as e:
                failed += 1
                error = json.dumps(str(e), ensure_ascii=False)
                write(f'{{"line":{number},"project":{json.dumps(project, ensure_ascii=False)},'
                      f'"total":null,"error":{error}}}\n')
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
