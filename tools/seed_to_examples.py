#!/usr/bin/env python3
"""Transcribe the seed's self-evaluation tables into rule files and data files.

Usage (from the repository root):

    python3 tools/seed_to_examples.py ../shared/seed/000_28f8349cd1ae9b03.txt
        writes rules/projects/<slug>.perf and examples/<slug>.json for the
        单位整体支出绩效自评表 and every 项目支出绩效自评表 of the seed.

    python3 tools/seed_to_examples.py --check ../shared/seed/000_28f8349cd1ae9b03.txt
        re-reads the seed and prints a report of its own arithmetic (rows per
        table, weights, printed scores against the printed total, printed
        完成率 against actual / target, the funds execution rate) and whether
        the files on disk are exactly what the transcription would write.
        Exit status 0 when the files are up to date (the seed's own
        mismatches are reported, not failed on), 1 when they are stale.
        The checked-in copy is docs/seed-check.txt:
        python3 tools/seed_to_examples.py --check SEED > docs/seed-check.txt

The seed is plain text in which every table cell is one line starting with a
TAB (an empty cell is a line holding just a TAB) and table rows are separated
by an empty line. A non-empty line inside a row that does not start with a TAB
continues the cell above it (the seed has two: in the 年度总体目标 rows of
劳动人事争议调解仲裁工作经费 and 州人社局尾款项目); it is joined with "\\n".

Python 3 standard library only; output is deterministic. Numbers are parsed
with fractions.Fraction, never float.
"""

import json
import os
import re
import sys
import unicodedata
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "seed/000_28f8349cd1ae9b03.txt"

PROJECT_TITLE = "项目支出绩效自评表"
UNIT_TITLE = "单位整体支出绩效自评表"

# 项目名称 / 单位名称 -> file slug. Every table of the seed must be listed here,
# so that a new or renamed table is an error rather than an ugly file name.
SLUGS = {
    "昌吉回族自治州人力资源和社会保障局": "danwei-zhengti",
    "2019年自治区高层次人才引进工程专项经费": "gaocengci-rencai-2019",
    "2022年和2023年博士后资助经费": "boshihou-zizhu",
    "2024年自治区就业补助资金": "jiuye-buzhu-2024",
    "事业单位新聘人员岗前公共科目培训工作": "gangqian-peixun",
    "人社局机关运行补助经费": "renshe-jiguan-yunxing-buzhu",
    "农村劳动力外出务工工作经费": "nongcun-laodongli-waichu-wugong",
    "劳动人事争议调解仲裁工作经费": "laodong-zhengyi-tiaojie-zhongcai",
    "劳动保障监察工作经费": "laodong-baozhang-jiancha",
    "就业工作经费": "jiuye-gongzuo",
    "州人社局尾款项目": "weikuan",
    "援疆工作经费": "yuanjiang",
    "昌吉州“庭州英才”人才计划2024年支持资金": "tingzhou-yingcai-2024",
    "昌吉州人社政策、新闻宣传经费": "renshe-zhengce-xuanchuan",
    "机关运行补助经费": "jiguan-yunxing-buzhu",
    "社保基金监督检查审计经费": "shebao-jijin-shenji",
    "行政复议案件应诉及工作经费": "xingzheng-fuyi-yingsu",
}

PROJECT_POLICY = "新疆2024"
UNIT_POLICY = "新疆2024单位整体"
UNIT_METHOD = "达标赋分"

PROJECT_INDICATOR_HEADER = [
    "", "一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率",
    "指标得分", "指标值设定依据", "上年完成情况", "赋分规则", "佐证资料",
    "偏差原因分析及改进措施",
]
UNIT_INDICATOR_HEADER = [
    "一级指标", "二级指标", "三级指标", "预期指标值", "指标值设定依据", "分值权重",
    "实际完成指标值", "得分",
]
PROJECT_FUNDS_HEADER = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
UNIT_FUNDS_HEADER = ["部门资金（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分"]
GOALS_HEADER = ["年度总体目标", "预期目标", "实际完成情况"]

KEYWORDS = {
    "policy", "政策", "method", "方法", "赋分规则", "project", "项目", "indicator", "指标",
    "total", "总分", "round", "舍入", "rate", "完成率", "explain", "说明", "if", "如果",
    "else", "否则", "not", "非", "true", "真", "funds", "资金", "weight", "权重",
    "target", "目标", "grade", "等级", "band", "档次", "score", "得分", "met", "达标",
    "when", "当", "then", "则", "and", "并且", "or", "或者", "false", "假",
}


class SeedError(Exception):
    pass


# ---------------------------------------------------------------- reading

def read_rows(path):
    """Return the seed's table rows as (line, [cells]); cells keep their text."""
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    rows = []
    cur = None  # (first line, cells)
    for number, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]
        if line == "":
            if cur is not None:
                rows.append(cur)
                cur = None
            continue
        if line.startswith("\t"):
            if cur is None:
                cur = (number, [])
            cur[1].append(line[1:])
        elif cur is not None:
            # a line without a TAB inside a row continues the cell above it
            cur[1][-1] += "\n" + line
        # else: narrative text outside the tables
    if cur is not None:
        rows.append(cur)
    return rows


def split_tables(rows):
    """Group rows into tables, each starting at its title row."""
    tables = []
    cur = None
    for line, cells in rows:
        if len(cells) == 1 and cells[0] in (PROJECT_TITLE, UNIT_TITLE):
            cur = {"title": cells[0], "line": line, "rows": []}
            tables.append(cur)
        elif cur is not None:
            cur["rows"].append((line, cells))
    return tables


def expect(cond, table, line, what):
    if not cond:
        raise SeedError(f"{SEED_NAME}:{line}: {table}: {what}")


class Cursor:
    def __init__(self, table):
        self.title = table["title"]
        self.rows = table["rows"]
        self.i = 0

    def peek(self):
        return self.rows[self.i] if self.i < len(self.rows) else (None, None)

    def take(self, n_cells=None, first=None, what="row"):
        expect(self.i < len(self.rows), self.title, "?", f"missing {what}")
        line, cells = self.rows[self.i]
        self.i += 1
        if n_cells is not None:
            expect(len(cells) == n_cells, self.title, line,
                   f"{what}: expected {n_cells} cells, found {len(cells)}: {cells}")
        if first is not None:
            expect(cells[0] == first, self.title, line,
                   f"{what}: expected first cell {first!r}, found {cells[0]!r}")
        return line, cells


def parse_year(cur):
    line, cells = cur.take(1, what="year row")
    m = re.fullmatch(r"[（(](\d{4})年度[）)]", cells[0])
    expect(m is not None, cur.title, line, f"year row: {cells[0]!r}")
    return int(m.group(1))


def parse_goals(cur):
    line, cells = cur.take(3, what="年度总体目标 header")
    expect(cells == GOALS_HEADER, cur.title, line, f"年度总体目标 header: {cells}")
    line, cells = cur.take(what="年度总体目标 row")
    expect(len(cells) >= 3 and cells[0] == "", cur.title, line, f"年度总体目标 row: {cells}")
    return {"planned": cells[1], "achieved": "\n".join(cells[2:])}


def parse_project(table):
    cur = Cursor(table)
    t = {"kind": "project", "title": table["title"], "line": table["line"]}
    t["year"] = parse_year(cur)
    line, cells = cur.take(2, "项目名称", "项目名称 row")
    t["name"] = cells[1]
    line, cells = cur.take(4, "主管部门", "主管部门 row")
    expect(cells[2] == "实施单位", cur.title, line, f"实施单位 expected: {cells}")
    t["department"], t["implementer"] = cells[1], cells[3]
    line, cells = cur.take(8, what="funds header")
    expect(cells == PROJECT_FUNDS_HEADER, cur.title, line, f"funds header: {cells}")
    line, cells = cur.take(8, "", "年度资金总额 row")
    expect(cells[1] == "年度资金总额", cur.title, line, f"年度资金总额 expected: {cells}")
    t["funds"] = {"planned": cells[2], "budget": cells[3], "executed": cells[4],
                  "weight": cells[5], "rate": cells[6], "score": cells[7], "line": line}
    t["sources"] = []
    while cur.peek()[1] is not None and cur.peek()[1][0] == "" and len(cur.peek()[1]) == 8:
        line, cells = cur.take(8, "", "funds source row")
        t["sources"].append({"name": cells[1].strip(), "planned": cells[2], "budget": cells[3],
                             "executed": cells[4], "line": line, "rest": cells[5:]})
    t["goals"] = parse_goals(cur)
    line, cells = cur.take(14, what="indicator header")
    expect(cells == PROJECT_INDICATOR_HEADER, cur.title, line, f"indicator header: {cells}")
    t["indicators"] = []
    level1 = level2 = None
    first = True
    while True:
        line, cells = cur.peek()
        expect(cells is not None, cur.title, "?", "missing 总分 row")
        if cells[0] == "总分":
            break
        line, cells = cur.take(14, what="indicator row")
        if first:
            expect(cells[0] == "年度绩效指标完成情况", cur.title, line, f"first indicator row: {cells[0]!r}")
            first = False
        else:
            expect(cells[0] == "", cur.title, line, f"indicator row: first cell {cells[0]!r}")
        level1 = cells[1] or level1
        level2 = cells[2] or level2
        expect(level1 and level2, cur.title, line, "indicator row without 一级/二级指标")
        t["indicators"].append({
            "line": line, "level1": level1, "level2": level2, "name": cells[3],
            "weight": cells[4], "target": cells[5], "actual": cells[6], "rate": cells[7],
            "score": cells[8], "basis": cells[9], "last_year": cells[10], "rule": cells[11],
            "evidence": cells[12], "explanation": cells[13],
        })
    line, cells = cur.take(11, "总分", "总分 row")
    expect(all(c == "" for i, c in enumerate(cells) if i not in (0, 1, 5)), cur.title, line,
           f"总分 row: unexpected cells {cells}")
    expect(cells[5].endswith("分"), cur.title, line, f"总分 score {cells[5]!r} without 分")
    t["total_weight"] = cells[1]
    t["total"] = cells[5][:-1]
    t["total_line"] = line
    expect(cur.peek()[1] is None, cur.title, cur.peek()[0], "rows after 总分")
    return t


def parse_unit(table):
    cur = Cursor(table)
    t = {"kind": "unit", "title": table["title"], "line": table["line"]}
    t["year"] = parse_year(cur)
    line, cells = cur.take(2, "单位名称", "单位名称 row")
    t["name"] = cells[1]
    line, cells = cur.take(8, what="funds header")
    expect(cells == UNIT_FUNDS_HEADER, cur.title, line, f"funds header: {cells}")
    rows = {}
    order = []
    while cur.peek()[1] is not None and cur.peek()[1][0] == "":
        line, cells = cur.take(8, "", "funds row")
        rows[cells[1].strip()] = {"planned": cells[2], "budget": cells[3], "executed": cells[4],
                                  "weight": cells[5], "rate": cells[6], "score": cells[7], "line": line}
        order.append(cells[1].strip())
    expect(order == ["上级资金", "本级资金", "其他资金", "合计"], cur.title, line, f"funds rows: {order}")
    total = rows["合计"]
    top = rows["上级资金"]
    t["funds"] = {"planned": total["planned"], "budget": total["budget"], "executed": total["executed"],
                  "weight": top["weight"], "rate": top["rate"], "score": top["score"],
                  "line": total["line"], "printed_line": top["line"]}
    t["sources"] = [dict(rows[n], name=n) for n in order[:-1]]
    for n in order[1:]:
        expect(rows[n]["rate"] == "-" and rows[n]["score"] == "-", cur.title, rows[n]["line"],
               f"{n}: unexpected rate/score")
    t["goals"] = parse_goals(cur)
    line, cells = cur.take(8, what="indicator header")
    expect(cells == UNIT_INDICATOR_HEADER, cur.title, line, f"indicator header: {cells}")
    t["indicators"] = []
    level1 = level2 = None
    while cur.peek()[1] is not None:
        line, cells = cur.take(8, what="indicator row")
        level1 = cells[0] or level1
        level2 = cells[1] or level2
        expect(level1 and level2, cur.title, line, "indicator row without 一级/二级指标")
        t["indicators"].append({
            "line": line, "level1": level1, "level2": level2, "name": cells[2],
            "target": cells[3], "basis": cells[4], "weight": cells[5], "actual": cells[6],
            "score": cells[7], "rule": UNIT_METHOD,
        })
    return t


def parse_seed(path):
    tables = []
    for table in split_tables(read_rows(path)):
        if table["title"] == UNIT_TITLE:
            tables.append(parse_unit(table))
        else:
            tables.append(parse_project(table))
    for t in tables:
        if t["name"] not in SLUGS:
            raise SeedError(f"{SEED_NAME}:{t['line']}: no slug for table {t['name']!r}; add it to SLUGS")
        t["slug"] = SLUGS[t["name"]]
    slugs = [t["slug"] for t in tables]
    if len(set(slugs)) != len(slugs):
        raise SeedError("two tables share a slug")
    return tables


# ---------------------------------------------------------------- writing rule files

def is_cjk(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FFFF)


def is_bare(name):
    if not name or name in KEYWORDS or name[0].isascii() and name[0].isdigit():
        return False
    return all(is_cjk(c) or (c.isascii() and (c.isalnum() or c == "_")) for c in name)


def quoted(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def perf_name(name):
    """A name as the rule language wants it: bare when it may be, else quoted."""
    return name if is_bare(name) else quoted(name)


NUM_TARGET = re.compile(r"(>=|<=|=|>|<)(\d+(?:\.\d+)?)((?:万|亿)?(?:%|[\u4e00-\u9fff]+)?)")
DATE_TARGET = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日前?|\d{4}-\d{2}-\d{2}")


def perf_target(text):
    m = NUM_TARGET.fullmatch(text)
    if m:
        return f"{m.group(1)} {m.group(2)}{m.group(3)}"
    if DATE_TARGET.fullmatch(text):
        return text
    return perf_name(text)  # a qualitative word


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def pad(s, w):
    return s + " " * (w - width(s))


def render_perf(t):
    policy = UNIT_POLICY if t["kind"] == "unit" else PROJECT_POLICY
    out = [
        f"// {t['title']}（{t['year']}年度）: {t['name']}",
        f"// transcribed from {SEED_NAME}:{t['line']} by tools/seed_to_examples.py;",
        "// regenerate rather than edit by hand.",
        "",
        f"project {quoted(t['name'])} policy {policy} {{",
    ]
    blocks = []
    for ind in t["indicators"]:
        key = (ind["level1"], ind["level2"])
        if not blocks or blocks[-1][0] != key:
            blocks.append((key, []))
        blocks[-1][1].append(ind)
    for n, ((l1, l2), inds) in enumerate(blocks):
        if n:
            out.append("")
        out.append(f"  {perf_name(l1)} / {perf_name(l2)} {{")
        cols = [(perf_name(i["name"]), i["weight"], perf_target(i["target"]),
                 perf_name(i["rule"])) for i in inds]
        wn = max(width(c[0]) for c in cols)
        ww = max(width(c[1]) for c in cols)
        wt = max(width(c[2]) for c in cols)
        for name, weight, target, method in cols:
            out.append(f"    indicator {pad(name, wn)}  weight {pad(weight, ww)}  "
                       f"target {pad(target, wt)}  method {method}")
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- writing data files

def render_json(t):
    d = {"project": t["name"], "kind": t["kind"], "year": t["year"]}
    if t["kind"] == "project":
        d["department"] = t["department"]
        d["implementer"] = t["implementer"]
    f = t["funds"]
    funds = {"planned": f["planned"], "budget": f["budget"], "executed": f["executed"],
             "sources": [{"name": s["name"], "planned": s["planned"], "budget": s["budget"],
                          "executed": s["executed"]} for s in t["sources"]],
             "reported": {"rate": f["rate"], "score": f["score"]}}
    if t["kind"] == "unit":
        funds["note"] = (f"The table prints 执行率 {f['rate']} and 得分 {f['score']} on the 上级资金 row "
                         f"(whose own figures are {t['sources'][0]['executed']} / {t['sources'][0]['budget']}); "
                         f"they are the 合计 row's ratio {strip_commas(f['executed'])} / "
                         f"{strip_commas(f['budget'])}, so they are recorded here against the 合计 figures.")
    d["funds"] = funds
    d["goals"] = dict(t["goals"])
    inds = []
    for i in t["indicators"]:
        if t["kind"] == "unit":
            inds.append({"name": i["name"], "actual": i["actual"], "basis": i["basis"],
                         "reported": {"score": i["score"]}})
        else:
            inds.append({"name": i["name"], "actual": i["actual"], "basis": i["basis"],
                         "last_year": i["last_year"], "rule": i["rule"], "evidence": i["evidence"],
                         "explanation": i["explanation"],
                         "reported": {"rate": i["rate"], "score": i["score"]}})
    d["indicators"] = inds
    if t["kind"] == "project":
        d["reported_total"] = t["total"]
    d["source"] = f"{SEED_NAME}:{t['line']}"
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


def strip_commas(s):
    return s.replace(",", "")


def outputs(tables):
    files = {}
    for t in tables:
        files[f"rules/projects/{t['slug']}.perf"] = render_perf(t)
        files[f"examples/{t['slug']}.json"] = render_json(t)
    return files


# ---------------------------------------------------------------- checking

VALUE = re.compile(r"(>=|<=|=|>|<)?(-?\d[\d,]*(?:\.\d+)?)(万|亿)?(%|[\u4e00-\u9fff]*)")
DATE = re.compile(r"(>=|<=|=|>|<)?(\d{4})年(\d{1,2})月(\d{1,2})日(前)?")


def num(s):
    return Fraction(strip_commas(s))


def parse_value(text):
    """('num', op, Fraction, unit) | ('date', op, (y, m, d)) | ('word', text)."""
    m = VALUE.fullmatch(text)
    if m:
        op, n, mult, unit = m.groups()
        v = num(n)
        if mult == "万":
            v *= 10000
        elif mult == "亿":
            v *= 100000000
        if unit == "%":
            v /= 100
        unit = {"天": "日"}.get(unit, unit)
        return ("num", op or "", v, unit)
    m = DATE.fullmatch(text)
    if m:
        op = m.group(1) or ("<=" if m.group(5) else "")
        return ("date", op, (int(m.group(2)), int(m.group(3)), int(m.group(4))))
    return ("word", text)


def round_half_up(x, digits):
    q = Fraction(10) ** digits
    v = x * q
    sign = -1 if v < 0 else 1
    v = abs(v)
    r = (v.numerator * 2 + v.denominator) // (v.denominator * 2)
    return Fraction(sign * r) / q


def fmt(x, digits=2):
    """A Fraction as a decimal with `digits` places (after half-up rounding)."""
    r = round_half_up(x, digits)
    sign = "-" if r < 0 else ""
    r = abs(r)
    whole = r.numerator // r.denominator
    frac = r - whole
    if digits == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{int(frac * 10 ** digits):0{digits}d}"


def pct(x):
    return fmt(x * 100) + "%"


def printed_pct(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)%", s)
    return Fraction(m.group(1)) / 100 if m else None


def fnum(x):
    """A Fraction printed without trailing zeros."""
    s = fmt(x, 4)
    return s.rstrip("0").rstrip(".") if "." in s else s


def bare(text):
    """A printed value without its leading operator."""
    return re.sub(r"^(>=|<=|=|>|<)", "", text)


GRADES = {"达到预期指标": Fraction(1), "达到预期指标值": Fraction(1),
          "部分达到预期指标": Fraction(3, 5), "未达到预期指标": Fraction(0)}


def expected_score(ind, kind, rate):
    """The score under the methods of rules/新疆2024.perf, as this tool reads them
    (an independent re-computation for the report; the interpreter is the authority).
    Returns (Fraction, how) or (None, why)."""
    w = num(ind["weight"])
    rule = ind["rule"]
    tgt = parse_value(ind["target"])
    act = parse_value(ind["actual"])
    graded = act[0] == "word" and ind["actual"] in GRADES
    if act[0] == "word" and not graded:
        return None, f"unknown grade {ind['actual']!r}"
    if kind == "date":
        is_met = act[2] <= tgt[2]
    elif kind == "zero":
        is_met = act[2] <= 0
    elif kind == "num":
        is_met = met(tgt[1], act[2], tgt[2])
    else:
        is_met = None
    if rule == "直接赋分":
        if is_met is None:
            return None, "直接赋分 needs a comparable actual"
        return (w if is_met else Fraction(0)), "met" if is_met else "not met"
    if graded:
        return w * GRADES[ind["actual"]], f"grade {ind['actual']}"
    if kind == "zero":
        return (w if is_met else Fraction(0)), "target 0"
    if kind != "num":
        return None, "not computable"
    if rule == "按照完成比例赋分":
        return w * max(Fraction(0), 1 - abs(rate - 1)), "weight × (1 − |rate − 100%|)"
    if rule == "按评判等级赋分":
        return (w if is_met else w * min(rate, Fraction(1))), "met → weight" if is_met else "weight × rate"
    if rule == "满意度赋分":
        return w * min(rate, Fraction(1)), "weight × min(rate, 100%)"
    if rule == UNIT_METHOD:
        return (w if is_met else w * min(rate, Fraction(1))), "met → weight" if is_met else "weight × rate"
    return None, f"unknown 赋分规则 {rule!r}"


def met(op, actual, target):
    return {"": actual <= target, ">=": actual >= target, "<=": actual <= target,
            "=": actual == target, ">": actual > target, "<": actual < target}[op]


def row_rate(ind):
    """(kind, computed rate or None, note) for one indicator row."""
    tgt = parse_value(ind["target"])
    act = parse_value(ind["actual"])
    if tgt[0] == "num" and act[0] == "num":
        if act[1] not in ("", "="):
            return ("odd", None, f"actual has operator {act[1]!r}")
        if tgt[3] != act[3] and tgt[2] != 0:
            return ("odd", None, f"units differ: {tgt[3]!r} vs {act[3]!r}")
        if tgt[2] == 0:
            return ("zero", None, f"target 0, actual {fnum(act[2])}: actual/target undefined "
                                  f"(met: {'yes' if met(tgt[1], act[2], tgt[2]) else 'no'})")
        note = f"{bare(ind['actual'])} / {bare(ind['target'])}"
        if "万" in ind["actual"] + ind["target"] or "亿" in ind["actual"] + ind["target"]:
            note += f" = {fnum(act[2])}{act[3]} / {fnum(tgt[2])}{tgt[3]}"
        return ("num", act[2] / tgt[2], note)
    if tgt[0] == "date" and act[0] == "date":
        ok = act[2] <= tgt[2]
        return ("date", None, f"date {act[2][0]}-{act[2][1]:02d}-{act[2][2]:02d} against "
                              f"{tgt[2][0]}-{tgt[2][1]:02d}-{tgt[2][2]:02d}: {'on time' if ok else 'LATE'}")
    if act[0] == "word":
        if tgt[0] == "word":
            return ("grade", None, f"qualitative target {ind['target']!r}, actual grade {ind['actual']!r}")
        return ("odd", None, f"numeric target {ind['target']!r} but actual is the grade word {ind['actual']!r}")
    return ("odd", None, f"cannot compare target {ind['target']!r} with actual {ind['actual']!r}")


class Report:
    def __init__(self):
        self.lines = []
        self.mismatches = []
        self.notes = []
        self.score_notes = []

    def out(self, s=""):
        self.lines.append(s)


def check_table(t, rep):
    tag = f"{t['name']} ({t['slug']}, line {t['line']})"
    rep.out(f"== {t['title']}: {t['name']}")
    rep.out(f"   source {SEED_NAME}:{t['line']} -> rules/projects/{t['slug']}.perf, examples/{t['slug']}.json")
    n = len(t["indicators"])
    names = [i["name"] for i in t["indicators"]]
    dups = sorted({x for x in names if names.count(x) > 1})
    rep.out(f"   indicator rows: {n}" + (f"; DUPLICATE names {dups}" if dups else "; names unique"))
    if dups:
        rep.mismatches.append(f"{tag}: duplicate indicator names {dups}")

    weights = sum(num(i["weight"]) for i in t["indicators"])
    fw = num(t["funds"]["weight"])
    ok = weights == 90 and fw == 10
    line = f"   weights: indicators {fnum(weights)} + funds {fnum(fw)} = {fnum(weights + fw)}"
    if t["kind"] == "project":
        line += f" (printed 总分 weight {t['total_weight']})"
        ok = ok and num(t["total_weight"]) == weights + fw
    rep.out(line + ("  OK" if ok else "  MISMATCH"))
    if not ok:
        rep.mismatches.append(f"{tag}: weights {fnum(weights)} + {fnum(fw)} != 90 + 10")

    f = t["funds"]
    budget, executed = num(f["budget"]), num(f["executed"])
    rate = executed / budget if budget else None
    prate = printed_pct(f["rate"])
    where = "上级资金 row" if t["kind"] == "unit" else "年度资金总额 row"
    if rate is None:
        rep.out(f"   funds: 全年预算数 0, rate undefined (printed {f['rate']})")
    else:
        ok = prate is not None and round_half_up(rate * 100, 2) == prate * 100
        rep.out(f"   funds rate: printed {f['rate']} ({where}); 全年执行数 / 全年预算数 = "
                f"{f['executed']} / {f['budget']} = {pct(rate)}" + ("  OK" if ok else "  MISMATCH"))
        if not ok:
            rep.mismatches.append(f"{tag}: funds rate printed {f['rate']}, computed {pct(rate)}")
        fscore = round_half_up(fw * min(rate, Fraction(1)), 1)
        ok = num(f["score"]) == fscore
        rep.out(f"   funds score: printed {f['score']}; round({fnum(fw)} × min(rate, 100%), 1) = "
                f"{fmt(fscore, 1)}" + ("  OK" if ok else "  MISMATCH"))
        if not ok:
            rep.mismatches.append(f"{tag}: funds score printed {f['score']}, computed {fmt(fscore, 1)}")
    if t["kind"] == "unit":
        top = t["sources"][0]
        rep.out(f"   note: the 上级资金 row's own ratio is {top['executed']} / {top['budget']} = "
                f"{pct(num(top['executed']) / num(top['budget']))}; the printed {f['rate']} is the 合计 row's")
    for s in t["sources"]:
        if t["kind"] == "project" and s.get("rest") and any(c != "—" for c in s["rest"]):
            rep.notes.append(f"{tag}: source row {s['name']} has cells {s['rest']}")

    scores = sum(num(i["score"]) for i in t["indicators"])
    fscore_p = num(f["score"])
    if t["kind"] == "project":
        ok = scores + fscore_p == num(t["total"])
        rep.out(f"   total: indicator scores {fnum(scores)} + funds {f['score']} = {fnum(scores + fscore_p)}; "
                f"printed 总分 {t['total']}" + ("  OK" if ok else "  MISMATCH"))
        if not ok:
            rep.mismatches.append(f"{tag}: printed total {t['total']}, printed scores add up to "
                                  f"{fnum(scores + fscore_p)}")
    else:
        rep.out(f"   total: indicator scores {fnum(scores)} + funds {f['score']} = "
                f"{fnum(scores + fscore_p)} (the table prints no total)")

    rep.out("   rows:")
    for k, i in enumerate(t["indicators"], 1):
        kind, rate, note = row_rate(i)
        head = (f"   {k:2d}. line {i['line']} {i['name']}: weight {i['weight']}, target {i['target']}, "
                f"actual {i['actual']}")
        rid = f"{tag}, row {k} (line {i['line']}) {i['name']}"
        if t["kind"] == "unit":
            head += f", printed score {i['score']}"
            if kind == "num":
                tgt = parse_value(i["target"])
                is_met = met(tgt[1], rate * tgt[2], tgt[2])
                head += f" | {note} = {pct(rate)}, {'met' if is_met else 'NOT met'} (no rate printed)"
            else:
                head += f" | {note}"
            if num(i["score"]) > num(i["weight"]):
                rep.mismatches.append(f"{rid}: printed score {i['score']} exceeds weight {i['weight']}")
            rep.out(head)
            score_check(rep, rid, i, kind, rate)
            continue
        head += f", printed rate {i['rate']}, score {i['score']}"
        p = printed_pct(i["rate"])
        if kind == "num":
            r2 = round_half_up(rate * 100, 2)
            ok = p is not None and p * 100 == r2
            rep.out(head + f" | {note} = {pct(rate)}" + ("  OK" if ok else "  MISMATCH"))
            if not ok:
                rep.mismatches.append(f"{rid}: printed 完成率 {i['rate']}, actual/target = {note} = {pct(rate)}")
        else:
            rep.out(head + f" | {note}; printed rate not computable, not checked")
            if kind == "odd":
                rep.notes.append(f"{rid}: {note} (printed rate {i['rate']}, score {i['score']})")
        score_check(rep, rid, i, kind, rate)
        # facts the interpreter will judge; listed here as observations only
        if num(i["score"]) > num(i["weight"]):
            rep.mismatches.append(f"{rid}: printed score {i['score']} exceeds weight {i['weight']}")
        if p is not None and p != 1 and not i["explanation"].strip():
            rep.notes.append(f"{rid}: printed rate {i['rate']} but no 偏差原因分析")
        if p is not None and p == 1 and i["explanation"].strip():
            rep.notes.append(f"{rid}: printed rate 100% but 偏差原因分析 given: {i['explanation']!r}")
        if i["rule"] not in ("按照完成比例赋分", "按评判等级赋分", "满意度赋分", "直接赋分"):
            rep.notes.append(f"{rid}: unknown 赋分规则 {i['rule']!r}")
    rep.out()


def score_check(rep, rid, ind, kind, rate):
    exp, how = expected_score(ind, kind, rate)
    if exp is None:
        rep.out(f"       score: not re-computed ({how})")
        rep.score_notes.append(f"{rid}: score not re-computed ({how})")
        return
    exp = round_half_up(exp, 2)
    ok = num(ind["score"]) == exp
    rep.out(f"       score: printed {ind['score']}; {ind['rule']}: {how} = {fmt(exp)}"
            + ("  OK" if ok else "  DIFFERS"))
    if not ok:
        rep.score_notes.append(f"{rid}: printed score {ind['score']}, {ind['rule']} "
                               f"({how}, unrounded rate {pct(rate) if rate is not None else '-'}) "
                               f"gives {fmt(exp)}")


def check(seed, tables):
    rep = Report()
    rep.out("seed check — generated by: python3 tools/seed_to_examples.py --check "
            "../shared/seed/000_28f8349cd1ae9b03.txt")
    rep.out(f"source: {SEED_NAME}")
    rep.out("Numbers are exact (fractions.Fraction); 万 multiplies by 10000; percentages are")
    rep.out("compared after half-up rounding to 2 decimals of a percent.")
    rep.out("")
    units = [t for t in tables if t["kind"] == "unit"]
    projects = [t for t in tables if t["kind"] == "project"]
    rep.out(f"tables: {len(tables)} ({len(units)} 单位整体支出绩效自评表, {len(projects)} 项目支出绩效自评表)")
    rep.out(f"indicator rows: {sum(len(t['indicators']) for t in tables)} "
            f"({sum(len(t['indicators']) for t in projects)} in project tables)")
    rep.out("")
    for t in tables:
        check_table(t, rep)

    # are the checked-in files what this tool writes?
    stale = []
    for rel, content in sorted(outputs(tables).items()):
        p = ROOT / rel
        if not p.exists():
            stale.append(f"{rel}: missing")
        elif p.read_text(encoding="utf-8") != content:
            stale.append(f"{rel}: differs from a fresh transcription")
    rep.out(f"== generated files: {len(outputs(tables))} expected; "
            + ("all present and identical to a fresh transcription" if not stale else f"{len(stale)} stale"))
    for s in stale:
        rep.out(f"   {s}")
    rep.out("")

    rep.out(f"== MISMATCHES ({len(rep.mismatches)})")
    for m in rep.mismatches:
        rep.out(f" - {m}")
    if not rep.mismatches:
        rep.out(" (none)")
    rep.out("")
    rep.out(f"== SCORES THAT DO NOT FOLLOW FROM THE RULES ({len(rep.score_notes)}) — informational:")
    rep.out("   re-computed with the methods of rules/新疆2024.perf as this tool reads them")
    rep.out("   (score rounded half-up to 2 decimals); the perfeval interpreter is the authority.")
    for m in rep.score_notes:
        rep.out(f" - {m}")
    if not rep.score_notes:
        rep.out(" (none)")
    rep.out("")
    rep.out(f"== OBSERVATIONS ({len(rep.notes)}) — not arithmetic errors, but worth a look")
    for m in rep.notes:
        rep.out(f" - {m}")
    rep.out("")
    return "\n".join(rep.lines), not stale


# ---------------------------------------------------------------- main

def main(argv):
    args = argv[1:]
    do_check = False
    if args and args[0] == "--check":
        do_check = True
        args = args[1:]
    if len(args) != 1:
        sys.stderr.write("usage: seed_to_examples.py [--check] SEED\n")
        return 2
    try:
        tables = parse_seed(args[0])
    except (SeedError, OSError) as e:
        sys.stderr.write(f"seed_to_examples: {e}\n")
        return 1
    if do_check:
        text, ok = check(args[0], tables)
        sys.stdout.write(text)
        return 0 if ok else 1
    files = outputs(tables)
    for rel, content in sorted(files.items()):
        p = ROOT / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
    print(f"wrote {len(files)} files ({len(tables)} tables) under {ROOT.name}/rules/projects and "
          f"{ROOT.name}/examples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
