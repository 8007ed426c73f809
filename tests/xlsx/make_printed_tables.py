#!/usr/bin/python3
"""Write seed tables as Excel workbooks laid out the way they are printed.

Usage (from the repository root):

    /usr/bin/python3 tests/xlsx/make_printed_tables.py   (Debian python3-openpyxl)

writes tests/xlsx/printed/*.xlsx with openpyxl, from examples/<slug>.json
(the figures as filled in) and rules/projects/<slug>.perf (each indicator's
一级/二级 category, weight, target and method). Each workbook is what a unit
sends in: a title, the 项目名称/主管部门/实施单位 block, the 年度资金总额
block with its 其中 rows, 年度总体目标, the indicator table with merged
一级/二级 cells, and 总分. The layouts differ on purpose, as regions' forms
do: column order and header words (目标值 or 年度指标值, 业绩值 or
实际完成值), figures as text or as numbers with number formats, headers
broken over lines. tests/unit/test_xlsx_tables.cpp scores each against the
JSON it came from.

Regenerate the files after changing this script and commit them with it.
"""

import json
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = Path(__file__).resolve().parent / "printed"


def read_perf(slug):
    """Each indicator's categories, weight, target and method, by name."""
    rows = {}
    cat1 = cat2 = None
    for line in (ROOT / "rules" / "projects" / f"{slug}.perf").read_text("utf-8").splitlines():
        m = re.match(r"\s*(\S+)\s*/\s*(\S+)\s*\{\s*$", line)
        if m:
            cat1, cat2 = m.group(1), m.group(2)
            continue
        m = re.match(r'\s*indicator\s+("[^"]*"|\S+)\s+weight\s+(\S+)\s+target\s+(.*?)\s+method\s+(\S+)\s*$',
                     line)
        if m:
            name = m.group(1).strip('"')
            target = re.sub(r"^(>=|<=|=|>|<)\s+", r"\1", m.group(3).strip('"'))
            rows[name] = (cat1, cat2, m.group(2), target, m.group(4))
    return rows


def number(text):
    """A figure as the number a spreadsheet holds: "1,400.00" -> 1400.0."""
    return float(Decimal(text.replace(",", "").rstrip("分")))


def percent(text):
    """"98.95%" -> 0.9895, shown with a percent format."""
    return float(Decimal(text.rstrip("%")) / 100)


class Sheet:
    def __init__(self, ws, width):
        self.ws = ws
        self.width = width
        self.row = 1

    def put(self, col, value, fmt=None):
        cell = self.ws.cell(row=self.row, column=col, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # "=3项" is text as printed, not a formula
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if fmt:
            cell.number_format = fmt
        return cell

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def write_table(ws, slug, layout):
    data = json.loads((ROOT / "examples" / f"{slug}.json").read_text("utf-8"))
    perf = read_perf(slug)
    unit = data["kind"] == "unit"
    columns = layout["columns"]
    width = len(columns)
    s = Sheet(ws, width)
    numbers = layout["numbers"]

    # Title and header block.
    s.put(1, "单位整体支出绩效自评表" if unit else "项目支出绩效自评表")
    s.merge(s.row, 1, s.row, width)
    s.row += 1
    s.put(1, f"（{data['year']}年度）")
    s.merge(s.row, 1, s.row, width)
    s.row += 1
    s.put(1, "单位名称" if unit else "项目名称")
    s.merge(s.row, 1, s.row, 2)
    s.put(3, data["project"])
    s.merge(s.row, 3, s.row, width)
    s.row += 1
    if data.get("department"):
        s.put(1, "主管部门")
        s.merge(s.row, 1, s.row, 2)
        s.put(3, data["department"])
        s.merge(s.row, 3, s.row, 6)
        s.put(7, "实施单位")
        s.put(8, data.get("implementer", ""))
        s.merge(s.row, 8, s.row, width)
        s.row += 1

    # Funds: the block title down the left, the row labels in the column(s)
    # before the amounts.
    funds = data["funds"]
    first = layout["funds_at"]
    top = s.row
    s.put(1, "部门资金（万元）" if unit else "项目资金（万元）")
    heads = ["年初预算数", "全年预算数", "全年执行数", "分值权重" if unit else "分值", "执行率", "得分"]
    if unit:
        s.put(2, "资金来源")
    for k, h in enumerate(heads):
        s.put(first + k, h)
    s.row += 1

    def amounts(row, fmt_numbers):
        for k, key in enumerate(["planned", "budget", "executed"]):
            value = row[key]
            s.put(first + k, number(value) if fmt_numbers else value, "#,##0.00" if fmt_numbers else None)

    def dashes():
        for k in range(3, 6):
            s.put(first + k, "—")

    reported = funds.get("reported", {})

    def figures():
        s.put(first + 3, 10)
        rate = reported.get("rate")
        if rate:
            s.put(first + 4, percent(rate) if numbers else rate, "0.00%" if numbers else None)
        score = reported.get("score")
        if score:
            s.put(first + 5, number(score) if numbers else score, "0.00" if numbers else None)

    label_col = first - 1
    if unit:
        # As the seed prints it: the rate and score on the first 资金来源 row,
        # 合计 last.
        for k, source in enumerate(funds["sources"]):
            s.put(label_col, source["name"])
            amounts(source, numbers)
            if k == 0:
                figures()
            else:
                dashes()
            s.row += 1
        s.put(label_col, "合计")
        amounts(funds, numbers)
        dashes()
        s.row += 1
    else:
        s.put(2, "年度资金总额")
        s.merge(s.row, 2, s.row, label_col)
        amounts(funds, numbers)
        figures()
        s.row += 1
        for source in funds["sources"]:
            s.put(2, source["name"])
            s.merge(s.row, 2, s.row, label_col)
            amounts(source, numbers)
            dashes()
            s.row += 1
    s.merge(top, 1, s.row - 1, 1)

    # Goals.
    goals = data.get("goals", {})
    s.put(1, "年度总体目标")
    s.merge(s.row, 1, s.row + 1, 2)
    half = 3 + (width - 3) // 2
    s.put(3, "预期目标")
    s.merge(s.row, 3, s.row, half - 1)
    s.put(half, "实际完成情况")
    s.merge(s.row, half, s.row, width)
    s.row += 1
    s.put(3, goals.get("planned", ""))
    s.merge(s.row, 3, s.row, half - 1)
    s.put(half, goals.get("achieved", ""))
    s.merge(s.row, half, s.row, width)
    s.row += 1

    # Indicators.
    for k, (head, _) in enumerate(columns):
        s.put(k + 1, head)
    s.row += 1
    where = {key: k + 1 for k, (_, key) in enumerate(columns)}
    spans = {"category1": [], "category2": []}
    first_row = s.row
    for indicator in data["indicators"]:
        cat1, cat2, weight, target, method = perf[indicator["name"]]
        rep = indicator.get("reported", {})
        values = {
            "category1": cat1, "category2": cat2, "name": indicator["name"],
            "weight": int(weight) if numbers else weight, "target": target,
            "actual": indicator["actual"], "basis": indicator.get("basis", ""),
            "last_year": indicator.get("last_year", ""), "rule": indicator.get("rule", ""),
            "evidence": indicator.get("evidence", ""),
            "explanation": indicator.get("explanation", ""),
        }
        for key, value in values.items():
            if key in where and value != "":
                s.put(where[key], value)
        if "rate" in where and rep.get("rate"):
            s.put(where["rate"], percent(rep["rate"]) if numbers else rep["rate"],
                  "0.00%" if numbers else None)
        if "score" in where and rep.get("score"):
            s.put(where["score"], number(rep["score"]) if numbers else rep["score"])
        for key in spans:
            if spans[key] and spans[key][-1][0] == values[key] and (
                    key == "category1" or spans["category1"][-1][0] == cat1):
                spans[key][-1][2] = s.row
            else:
                spans[key].append([values[key], s.row, s.row])
        s.row += 1
    for key in spans:
        for _, r1, r2 in spans[key]:
            s.merge(r1, where[key], r2, where[key])
    if "side" in layout:
        # The seed's label down the left of the whole indicator table.
        s.ws.cell(row=first_row, column=1, value=layout["side"])
        s.merge(first_row, 1, s.row - 1, 1)

    # Total.
    s.put(1, "总分")
    s.merge(s.row, 1, s.row, where["name"])
    s.put(where["weight"], 100)
    total = data.get("reported_total")
    if total:
        s.put(where["score"], number(total) if numbers else total + "分")


# The seed's own project layout: every column, figures as printed text.
SEED_PROJECT = {
    "columns": [("", "side"), ("一级指标", "category1"), ("二级指标", "category2"),
                ("三级指标", "name"), ("权重", "weight"), ("目标值", "target"),
                ("业绩值", "actual"), ("完成率", "rate"), ("指标得分", "score"),
                ("指标值设定依据", "basis"), ("上年完成情况", "last_year"),
                ("赋分规则", "rule"), ("佐证资料", "evidence"),
                ("偏差原因分析及改进措施", "explanation")],
    "side": "年度绩效指标完成情况",
    "funds_at": 3,
    "numbers": False,
}

# The common national form: fewer columns in another order, headers broken
# over lines, figures as numbers with number formats.
COMMON_PROJECT = {
    "columns": [("一级指标", "category1"), ("二级指标", "category2"), ("三级指标", "name"),
                ("年度\n指标值", "target"), ("实际\n完成值", "actual"), ("分值", "weight"),
                ("完成率", "rate"), ("得分", "score"), ("赋分规则", "rule"),
                ("偏差原因分析\n及改进措施", "explanation")],
    "funds_at": 4,
    "numbers": True,
}

# The seed's unit layout.
SEED_UNIT = {
    "columns": [("一级指标", "category1"), ("二级指标", "category2"), ("三级指标", "name"),
                ("预期指标值", "target"), ("指标值设定依据", "basis"), ("分值权重", "weight"),
                ("实际完成指标值", "actual"), ("得分", "score")],
    "funds_at": 3,
    "numbers": False,
}

WORKBOOKS = {
    "weikuan.xlsx": [("自评表", "weikuan", SEED_PROJECT)],
    "boshihou-zizhu.xlsx": [("自评表", "boshihou-zizhu", COMMON_PROJECT)],
    "danwei-zhengti.xlsx": [("单位整体", "danwei-zhengti", SEED_UNIT)],
    # Several tables in one workbook, with a sheet of notes that holds none.
    "several.xlsx": [("就业补助", "jiuye-buzhu-2024", COMMON_PROJECT),
                     ("说明", None, None),
                     ("岗前培训", "gangqian-peixun", SEED_PROJECT),
                     ("援疆", "yuanjiang", COMMON_PROJECT)],
}


def save(book, path):
    # The same bytes on every run, so that regenerating shows no change.
    book.properties.created = book.properties.modified = datetime(2024, 12, 31)
    book.save(path)
    # openpyxl stamps each zip entry with the time of writing: stamp them again.
    with zipfile.ZipFile(path) as z:
        parts = [(info.filename, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 12, 31, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)


def bad_cells():
    """tests/bad_inputs/xlsx-bad-cells: weikuan with a blank 业绩值 and an
    amount in words, beside a good table on the next sheet."""
    book = load_workbook(OUT / "weikuan.xlsx")
    ws = book["自评表"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "=2024年12月10日":
                cell.value = None
            elif cell.value == "74.13" and cell.column == 3:
                cell.value = "七十四点一三"
    other = load_workbook(OUT / "boshihou-zizhu.xlsx")["自评表"]
    copy = book.create_sheet("博士后")
    for row in other.iter_rows():
        for cell in row:
            if cell.value is not None:
                target = copy.cell(row=cell.row, column=cell.column, value=cell.value)
                target.number_format = cell.number_format
                target.data_type = cell.data_type
    for merged in other.merged_cells.ranges:
        copy.merge_cells(str(merged))
    folder = ROOT / "tests" / "bad_inputs" / "xlsx-bad-cells" / "data"
    folder.mkdir(parents=True, exist_ok=True)
    save(book, folder / "尾款.xlsx")


def converted_csv():
    """tests/xlsx/converted/weikuan.csv: the seed layout of weikuan as CSV,
    each merged cell's value in its first cell only, for LibreOffice to
    convert (tests/xlsx/convert_with_libreoffice.sh)."""
    import csv
    folder = Path(__file__).resolve().parent / "converted"
    folder.mkdir(exist_ok=True)
    ws = load_workbook(OUT / "weikuan.xlsx")["自评表"]
    with open(folder / "weikuan.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])

# Every table of the seed in one workbook, a sheet each, the project tables
# in the two layouts by turns.
SLUGS = sorted(path.stem for path in (ROOT / "examples").glob("*.json"))
WORKBOOKS["seed.xlsx"] = [
    (slug[:31], slug, SEED_UNIT if slug == "danwei-zhengti" else  # Excel: 31 characters
     (SEED_PROJECT, COMMON_PROJECT)[k % 2])
    for k, slug in enumerate(SLUGS)]


def main():
    OUT.mkdir(exist_ok=True)
    for file, sheets in WORKBOOKS.items():
        book = Workbook()
        book.remove(book.active)
        for title, slug, layout in sheets:
            ws = book.create_sheet(title)
            if slug is None:
                ws["A1"] = "本工作簿各表由各项目单位填报，汇总前请勿改动表格结构。"
                continue
            write_table(ws, slug, layout)
        save(book, OUT / file)
    bad_cells()
    converted_csv()


if __name__ == "__main__":
    main()
