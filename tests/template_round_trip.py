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

    # One LibreOffice run opens and saves both, with a profile of its own so
    # that tests running at once do not share one.
    with tempfile.TemporaryDirectory() as profile:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "xlsx", "--outdir", os.path.join(WORK, "saved")] + books)

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


main()
