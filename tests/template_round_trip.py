#!/usr/bin/env python3
"""The fillable template, filled in and saved by LibreOffice, scores as the
same actual values do as JSON.

`perfeval template` writes the template of the shipped rules, in Chinese and
in English; each sheet is filled here (openpyxl) from the seed table of its
project type (examples/*.json): the department, the funds, the goals, every
实际完成值 and 偏差原因分析, found by their header words as an officer finds
them. LibreOffice Calc then opens and saves both workbooks (one soffice run,
with a profile of its own), and `perfeval RULES saved.xlsx` must score every
sheet, without an error or a warning, exactly as `perfeval RULES examples/`
scores the JSON: the same total and the same score for every indicator.

The same holds for the funds rows a policy reads (tests/rules/funds-rows.perf,
`executed[本级资金]`): the template of each of its project types has the 其中
rows under 年度资金总额, filled here from tests/rules/data/funds-rows-three.json,
and scores as that table does as JSON with the rows the template offers.

Run as: template_round_trip.py PERFEVAL SOURCE WORK (tests/CMakeLists.txt).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import load_workbook

PERFEVAL, SOURCE, WORK = sys.argv[1:4]
RULES = os.path.join(SOURCE, "rules")

# The header words the template writes, in either language.
WORDS = {
    "name": ("项目名称", "Project"),
    "department": ("主管部门", "Department"),
    "implementer": ("实施单位", "Implementing unit"),
    "planned": ("年初预算数", "Initial budget"),
    "budget": ("全年预算数", "Full-year budget"),
    "executed": ("全年执行数", "Executed"),
    "goals_planned": ("预期目标", "Expected"),
    "goals_achieved": ("实际完成情况", "Achieved"),
    "indicator": ("三级指标", "Indicator"),
    "actual": ("实际完成值", "Actual"),
    "explanation": ("偏差原因分析及改进措施", "Reasons for deviation and improvements"),
    "total": ("总分", "Total"),
    "funds_total": ("年度资金总额", "Total funds for the year"),
}


def fail(message):
    print("template round trip: " + message, file=sys.stderr)
    sys.exit(1)


def run(args, expect_ok=True):
    done = subprocess.run(args, capture_output=True, text=True)
    if expect_ok and done.returncode != 0:
        fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done


def find(sheet, key):
    """The (row, column) of the first cell holding one of WORDS[key]."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value in WORDS[key]:
                return cell.row, cell.column
    fail(f"sheet '{sheet.title}' has no cell {WORDS[key]}")


def as_typed(value):
    """A value as an officer types it: a number stays a number; text
    loses a leading '=', which Excel would take for a formula."""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return text[1:] if text.startswith("=") else text


def amount(text):
    return float(text.replace(",", "")) if isinstance(text, str) else text


def fill(sheet, table):
    row, col = find(sheet, "department")
    sheet.cell(row, col + 2, table.get("department", ""))
    row, col = find(sheet, "implementer")
    sheet.cell(row, col + 2, table.get("implementer", ""))
    for key in ("planned", "budget", "executed"):
        row, col = find(sheet, key)
        sheet.cell(row + 1, col, amount(table["funds"][key]))
    goals = table.get("goals", {})
    for key, field in (("goals_planned", "planned"), ("goals_achieved", "achieved")):
        row, col = find(sheet, key)
        sheet.cell(row + 1, col, goals.get(field, ""))
    header, name_col = find(sheet, "indicator")
    _, actual_col = find(sheet, "actual")
    _, explanation_col = find(sheet, "explanation")
    by_name = {i["name"]: i for i in table["indicators"]}
    filled = 0
    for row in range(header + 1, sheet.max_row + 1):
        if sheet.cell(row, 1).value in WORDS["total"]:
            break
        indicator = by_name[sheet.cell(row, name_col).value]
        sheet.cell(row, actual_col, as_typed(indicator["actual"]))
        if indicator.get("explanation"):
            sheet.cell(row, explanation_col, indicator["explanation"])
        filled += 1
    if filled != len(by_name):
        fail(f"sheet '{sheet.title}' has {filled} indicator rows; its table has {len(by_name)}")


def row_key(label):
    """A funds row's label as perfeval compares it (values/row_label.hpp),
    enough for the labels here."""
    label = str(label).replace(" ", "").replace("\u3000", "")
    return label[len("其中："):] if label.startswith("其中：") else label


def fill_funds_rows(sheet, table):
    """Fills the rows under 年度资金总额 from the table's sources, and returns
    the table with the rows the template offers, in its order."""
    total_row, label_col = find(sheet, "funds_total")
    _, planned_col = find(sheet, "planned")
    sources = {row_key(s["name"]): s for s in table["funds"]["sources"]}
    offered = []
    row = total_row + 1
    while sheet.cell(row, label_col).value:
        label = sheet.cell(row, label_col).value
        source = sources[row_key(label)]
        for offset, key in enumerate(("planned", "budget", "executed")):
            sheet.cell(row, planned_col + offset, amount(source[key]))
        offered.append(dict(source, name=label))
        row += 1
    if not offered:
        fail(f"sheet '{sheet.title}' has no funds row under its total")
    return dict(table, funds=dict(table["funds"], sources=offered))


def scores(document):
    """Each project's total and indicator scores, by project name."""
    return {
        p["project"]: (p["total"], [(i["name"], i["score"]) for i in p["indicators"]])
        for p in json.loads(document)["projects"]
    }


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    for folder in ("blank", "filled", "saved"):
        os.makedirs(os.path.join(WORK, folder))
    tables = {}
    for name in sorted(os.listdir(os.path.join(SOURCE, "examples"))):
        if name.endswith(".json"):
            with open(os.path.join(SOURCE, "examples", name), encoding="utf-8") as f:
                table = json.load(f)
            tables[table["project"]] = table

    books = []
    for lang in ("zh", "en"):
        blank = os.path.join(WORK, "blank", f"template-{lang}.xlsx")
        run([PERFEVAL, "template", "--lang", lang, RULES, "-o", blank])
        workbook = load_workbook(blank)
        sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
        if len(sheets) != len(tables):
            fail(f"{blank} has {len(sheets)} sheets; the rules declare {len(tables)} project types")
        for sheet in sheets:
            row, col = find(sheet, "name")
            fill(sheet, tables[sheet.cell(row, col + 2).value])
        books.append(os.path.join(WORK, "filled", f"template-{lang}.xlsx"))
        workbook.save(books[-1])

    # A policy that reads funds rows: a rules folder of the shipped rules and
    # tests/rules/funds-rows.perf, a template per project type of it.
    rows_rules = os.path.join(WORK, "rows-rules")
    shutil.copytree(RULES, rows_rules)
    shutil.copy(os.path.join(SOURCE, "tests", "rules", "funds-rows.perf"), rows_rules)
    with open(os.path.join(SOURCE, "tests", "rules", "data", "funds-rows-three.json"),
              encoding="utf-8") as f:
        three_rows = json.load(f)
    os.makedirs(os.path.join(WORK, "rows-json"))
    rows_books = []
    for n, (project, lang) in enumerate((("本级资金示例", "zh"), ("分级资金示例", "en"))):
        blank = os.path.join(WORK, "blank", f"rows-{n}.xlsx")
        run([PERFEVAL, "template", "--lang", lang, rows_rules, "-p", project, "-o", blank])
        workbook = load_workbook(blank)
        sheet = workbook.worksheets[0]
        table = dict(three_rows, project=project)
        fill(sheet, table)
        with open(os.path.join(WORK, "rows-json", f"{n}.json"), "w", encoding="utf-8") as f:
            json.dump(fill_funds_rows(sheet, table), f, ensure_ascii=False)
        rows_books.append(os.path.join(WORK, "filled", f"rows-{n}.xlsx"))
        workbook.save(rows_books[-1])

    # One LibreOffice run opens and saves both, with a profile of its own so
    # that tests running at once do not share one.
    with tempfile.TemporaryDirectory() as profile:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "xlsx", "--outdir", os.path.join(WORK, "saved")] + books + rows_books)

    expected = scores(run([PERFEVAL, "-f", "json", "--lang", "en", RULES,
                           os.path.join(SOURCE, "examples")]).stdout)
    for book in books:
        saved = os.path.join(WORK, "saved", os.path.basename(book))
        done = run([PERFEVAL, "-f", "json", "--lang", "en", RULES, saved])
        if done.stderr.strip():
            fail(f"scoring {saved} said:\n{done.stderr}")
        got = scores(done.stdout)
        if got != expected:
            for project in sorted(set(got) | set(expected)):
                if got.get(project) != expected.get(project):
                    print(f"{project}:\n  workbook {got.get(project)}\n  JSON     "
                          f"{expected.get(project)}", file=sys.stderr)
            fail(f"{saved} does not score as examples/")
        print(f"{saved}: {len(got)} project types score as examples/")

    expected = scores(run([PERFEVAL, "-f", "json", "--lang", "en", rows_rules,
                           os.path.join(WORK, "rows-json")]).stdout)
    saved = [os.path.join(WORK, "saved", os.path.basename(b)) for b in rows_books]
    done = run([PERFEVAL, "-f", "json", "--lang", "en", rows_rules] + saved)
    if done.stderr.strip():
        fail(f"scoring {' '.join(saved)} said:\n{done.stderr}")
    got = scores(done.stdout)
    if got != expected or len(got) != len(rows_books):
        fail(f"the templates with funds rows score {got}; their JSON {expected}")
    print(f"{len(got)} templates with funds rows score as their JSON: {got}")


main()
