#!/usr/bin/python3
"""Write the small workbooks the workbook reader is tested on, XML by hand.

Usage (from the repository root):

    /usr/bin/python3 tests/xlsx/make_reader_cases.py

writes
  tests/xlsx/reader/cells.xlsx     every kind of cell a sheet can hold
  tests/xlsx/reader/prefixed.xlsx  the same parts with namespace prefixes (x:)
                                   and a chart sheet, as some writers do
and the damaged workbooks of tests/bad_inputs/xlsx-*/data/.

Each part is written out here rather than by a spreadsheet program so that
the test knows exactly what the file holds: tests/unit/test_xlsx_workbook.cpp
checks the text read from each cell against what is written below. Standard
library only; the output is the same on every run.
"""

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>'
                   for i, t, target in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{body}</Relationships>'


def write_zip(path, parts):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}">
 <numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
 <cellXfs count="5">
  <xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="4"/>
 </cellXfs>
</styleSheet>"""

SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4">
 <si><t>三级指标</t></si>
 <si><r><rPr><b/></rPr><t>偏差原因</t></r><r><t xml:space="preserve">分析及 </t></r><r><t>改进措施</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si>
 <si><t>第一行_x000D_
第二行</t></si>
 <si><t xml:space="preserve">  其他资金</t></si>
</sst>"""

# Row 1: strings; row 2: numbers; row 3: formats; A5:C6 merged.
CELLS = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData>
 <row r="1">
  <c r="A1" t="s"><v>0</v></c>
  <c r="B1" t="s"><v>1</v></c>
  <c r="C1" t="inlineStr"><is><t>&gt;=13人</t></is></c>
  <c r="D1" t="inlineStr"><is><r><t>=13.41</t></r><r><rPr><i/></rPr><t>万人次</t></r></is></c>
  <c r="E1" t="str"><f>"达到"&amp;"预期指标"</f><v>达到预期指标</v></c>
  <c r="F1" t="s"><v>2</v></c>
  <c r="G1" t="b"><v>1</v></c>
  <c r="H1" t="e"><v>#DIV/0!</v></c>
  <c r="I1" t="s"><v>3</v></c>
 </row>
 <row r="2">
  <c r="A2"><v>13.41</v></c>
  <c r="B2"><v>0.99839999999999995</v></c>
  <c r="C2"><v>1.5E-3</v></c>
  <c r="D2"><v>74.010000000000005</v></c>
  <c r="E2"><v>-0.1</v></c>
  <c r="F2"><v>4329.46</v></c>
  <c r="G2"><v>100</v></c>
  <c r="H2" s="4"><v>1400</v></c>
 </row>
 <row r="3">
  <c r="A3" s="1"><v>0.9984</v></c>
  <c r="B3" s="1"><v>1</v></c>
  <c r="C3" s="2"><v>1.1111</v></c>
  <c r="D3" s="3"><v>45636</v></c>
  <c r="E3" s="9"><v>7</v></c>
 </row>
 <row r="5">
  <c r="A5" t="inlineStr"><is><t>产出指标</t></is></c>
  <c r="B5"/>
  <c r="C5"/>
 </row>
 <row>
  <c><v>1</v></c>
  <c><v>2</v></c>
  <c><v>3</v></c>
  <c><v>4</v></c>
 </row>
</sheetData>
<mergeCells count="1"><mergeCell ref="A5:C6"/></mergeCells>
</worksheet>"""

SECOND = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{MAIN}"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>第二张表</t></is></c></row></sheetData></worksheet>"""


def cells_workbook():
    workbook = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>
 <sheet name="单元格" sheetId="1" r:id="rId1"/>
 <sheet name="第二" sheetId="2" r:id="rId2"/>
 <sheet name="缺失" sheetId="3" r:id="rId9"/>
</sheets></workbook>"""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels([("rId1", "officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": rels([
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId2", "worksheet", "/xl/worksheets/sheet2.xml"),
            ("rId3", "sharedStrings", "sharedStrings.xml"),
            ("rId4", "styles", "styles.xml")]),
        "xl/worksheets/sheet1.xml": CELLS,
        "xl/worksheets/sheet2.xml": SECOND,
        "xl/sharedStrings.xml": SHARED,
        "xl/styles.xml": STYLES,
    }


def prefixed_workbook():
    workbook = f"""<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets>
 <x:sheet name="图表" sheetId="1" rel:id="rId2"/>
 <x:sheet name="表" sheetId="2" rel:id="rId1"/>
</x:sheets></x:workbook>"""
    sheet = f"""<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1">
 <x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>2.5</x:v></x:c>
</x:row></x:sheetData></x:worksheet>"""
    shared = f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>项目名称</x:t></x:si></x:sst>'
    chart = f'<chartsheet xmlns="{MAIN}" xmlns:r="{REL}"><drawing r:id="rId1"/></chartsheet>'
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": rels([("rId1", "officeDocument", "book/main.xml")]),
        "book/main.xml": workbook,
        "book/_rels/main.xml.rels": rels([
            ("rId1", "worksheet", "sheets/one.xml"),
            ("rId2", "chartsheet", "charts/../chartsheets/c1.xml"),
            ("rId3", "sharedStrings", "strings.xml")]),
        "book/sheets/one.xml": sheet,
        "book/chartsheets/c1.xml": chart,
        "book/strings.xml": shared,
    }


def bad_inputs():
    cases = ROOT / "tests" / "bad_inputs"
    # Text saved under an .xlsx name.
    (cases / "xlsx-not-a-zip" / "data").mkdir(parents=True, exist_ok=True)
    (cases / "xlsx-not-a-zip" / "data" / "尾款.xlsx").write_text(
        "项目名称,州人社局尾款项目\n年初预算数,74.13\n", "utf-8")
    # How Office stores a workbook with a password: an OLE compound file
    # whose directory names an EncryptionInfo stream. The header and one
    # directory entry are enough to be told apart from a zip.
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    entry = "EncryptionInfo".encode("utf-16-le") + bytes(128 - 28)
    (cases / "xlsx-encrypted" / "data").mkdir(parents=True, exist_ok=True)
    (cases / "xlsx-encrypted" / "data" / "加密.xlsx").write_bytes(header + entry)
    # A zip that holds a document but no workbook.
    write_zip(cases / "xlsx-not-a-workbook" / "data" / "文档.xlsx",
              {"[Content_Types].xml": CONTENT_TYPES,
               "_rels/.rels": rels([("rId1", "officeDocument", "word/document.xml")]),
               "word/document.xml": "<document/>"})
    # A workbook cut off half way, as a failed download leaves it.
    whole = (HERE / "printed" / "weikuan.xlsx").read_bytes()
    (cases / "xlsx-cut-off" / "data").mkdir(parents=True, exist_ok=True)
    (cases / "xlsx-cut-off" / "data" / "尾款.xlsx").write_bytes(whole[: len(whole) // 2])
    # A header row, one cell in the last row Excel has, and 5,000 merged
    # ranges plus some the size of the sheet: read in time, no table.
    header = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>'
                     for c, t in zip("ABCD", ["一级指标", "三级指标", "业绩值", "项目名称"]))
    merges = [f'<mergeCell ref="A{r}:B{r}"/>' for r in range(2, 5002)]
    merges += [f'<mergeCell ref="C{r}:XFD1048575"/>' for r in range(2, 202)]
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{header}</row>'
             f'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
             f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells></worksheet>')
    parts = cells_workbook()
    parts["xl/worksheets/sheet1.xml"] = sheet
    write_zip(cases / "xlsx-5000-merges-to-the-last-row" / "data" / "大表.xlsx", parts)
    # A chart sheet beside a sheet of figures: no table anywhere.
    parts = prefixed_workbook()
    write_zip(cases / "xlsx-only-a-chart" / "data" / "图表.xlsx", parts)


def main():
    write_zip(HERE / "reader" / "cells.xlsx", cells_workbook())
    write_zip(HERE / "reader" / "prefixed.xlsx", prefixed_workbook())
    bad_inputs()


if __name__ == "__main__":
    main()
