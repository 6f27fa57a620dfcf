#!/usr/bin/env python3
"""Writes the input-format test fixtures under Tests/GreenstatTests/Fixtures/inputs/ (deterministic).

The same small register in every supported form (the tests check that all give identical records):

  register.csv            UTF-8, no byte-order mark
  register-bom.csv        UTF-8 with a byte-order mark (Excel's "CSV UTF-8")
  register-gb18030.csv    GB18030 (Excel/WPS "CSV" on Chinese Windows), incl. a 4-byte character
  register-utf16le.tsv    UTF-16LE with a byte-order mark, tab-separated (Excel's "Unicode text")
  register.xlsx           written by openpyxl (shared strings, numbers, an embedded line break)

A hand-made workbook exercising the cell types:

  cells.xlsx              two sheets; shared strings with rich-text and phonetic runs, inline
                          strings, numbers with float noise, booleans, errors, formula strings,
                          ISO dates, date/time number formats (built-in and custom), sparse rows,
                          blank rows, cells without references

Broken and hostile files (each must be refused or reported with a clear message, never crash):

  hostile/truncated.xlsx           register.xlsx cut in half (no central directory)
  hostile/xxe.xlsx                 a sheet with a DOCTYPE declaring an external entity (XXE)
  hostile/billion-laughs.xlsx      shared strings with the "billion laughs" entity expansion
  hostile/zip-bomb.xlsx            a sheet of 24 MiB that compresses about 1000:1
  hostile/zip-bomb-lying.xlsx      the same, with the central directory lying about the size
  hostile/endless-deflate.xlsx     a sheet whose deflate stream never ends
  hostile/bad-crc.xlsx             a stored sheet with one byte changed (CRC-32 mismatch)
  hostile/old-excel.xls            an OLE2/BIFF (Excel 97-2003) file named .xls
  hostile/old-excel-renamed.xlsx   the same named .xlsx
  hostile/not-a-workbook.xlsx      a zip holding a Word document
  hostile/web-export.xls           an HTML table named .xls (what many web systems export)
  hostile/junk.csv                 random binary bytes
  hostile/csv-renamed.xlsx         register.csv named .xlsx (read as CSV, with a warning)
  hostile/mixed-encoding.csv       UTF-8 with one line in GBK
  hostile/invalid-gb18030.csv      GB18030 with a byte that is not GB18030 (0xFF)
  hostile/ragged.csv               rows with more and fewer cells than the header
  hostile/unbalanced-quote.csv     a quoted field that is never closed

Run: pip install openpyxl && python3 scripts/make_input_fixtures.py
"""
import io
import os
import random
import re
import struct
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from credit_code import check_character  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "GreenstatTests", "Fixtures", "inputs")
HOSTILE = os.path.join(OUT, "hostile")
FIXED_TIME = (2025, 1, 1, 0, 0, 0)

HEADER = ["统一社会信用代码", "企业名称", "年份", "行业代码", "经营范围", "主营业务", "营业收入（万元）", "从业人员",
          "绿色业务占比", "街道", "节能量（吨标准煤）"]


def code(body17: str) -> str:
    return body17 + check_character(body17)


# Values as Python objects: the .xlsx keeps numbers as numbers; the text files write str(value).
ROWS = [
    [code("91310109AY4CL12TH"), "上海甲碳核查有限公司", 2025, "7459", "一般项目：技术服务、技术开发；认证咨询。",
     "重点排放单位碳排放核查、碳盘查", 1200, 30, 0.9, "北外滩街道", 120.5],
    [code("913101093BJ1XG612"), "上海乙光伏租赁有限公司", 2025, "6631", "融资租赁业务；租赁业务。", "分布式光伏设备融资租赁",
     8800.5, 20, "85%", "北外滩街道", None],
    [code("91310109DD272HD1T"), "上海丙净化科技有限公司", 2025, "7722", "一般项目：大气污染治理, 环境保护专用设备销售",
     "活性炭吸附及\"催化燃烧\"废气治理", 3000, 45, 0.95, "江湾镇街道", 35],
    [code("91310109J3Y7LLJY1"), "上海丁碳素材料有限公司", 2024, "5163", "石墨及碳素制品销售", "碳素制品贸易", 500, 8, None,
     "广中路街道", None],
    [code("913101099D4H3J9HT"), "上海己能源科技有限公司", 2025, None, "合同能源管理；节能管理服务", None, 2000, 25, 0.3,
     "嘉兴路街道", 0.75],
    [code("91310109HN2J1K6FM"), "上海辛贸易有限公司", 2025, "5179", "光伏组件、逆变器批发\n及进出口", "光伏组件、逆变器批发",
     15000, 40, 0.9, "凉城新村街道", None],
    # A 4-byte GB18030 character (U+20BB7) and a middle dot, which GB2312 converters get wrong.
    [code("91310109MA7B3YFG5"), "上海𠮷能·低碳科技有限公司", 2025, "7514", "节能技术服务", "建筑节能改造（EMC）", 640.25, 12,
     1, "曲阳路街道", 1200],
]


def text_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def delimited(rows, delimiter=",", header=HEADER) -> str:
    def quote(cell: str) -> str:
        if any(c in cell for c in (delimiter, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    lines = [delimiter.join(quote(c) for c in header)]
    for row in rows:
        lines.append(delimiter.join(quote(text_value(v)) for v in row))
    return "\r\n".join(lines) + "\r\n"


def write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    assert len(data) < 100_000, f"{path} is {len(data)} bytes; fixtures must stay small"


def zip_bytes(parts, method=zipfile.ZIP_DEFLATED, level=9) -> bytes:
    """A zip with fixed timestamps, parts in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = method
            archive.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"),
                             compresslevel=level)
    return buffer.getvalue()


def rezip(data: bytes) -> bytes:
    """openpyxl's output with fixed timestamps, so the fixture is reproducible."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    # openpyxl stamps the save time into docProps/core.xml whatever the properties say.
    parts = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data))
             for name, data in parts]
    return zip_bytes(parts)


def register_xlsx() -> bytes:
    import datetime
    import openpyxl
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "企业名录"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    notes = workbook.create_sheet("说明")
    notes.append(["本表为测试用虚构数据"])
    stamp = datetime.datetime(2025, 1, 1)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return rezip(buffer.getvalue())


# ---- the hand-made workbook ------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr/>
<sheets>
<sheet name="类型 &amp; 格式" sheetId="1" r:id="rId1"/>
<sheet name="名录" sheetId="2" r:id="rId2"/>
</sheets>
</workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""

# cellXfs: 0 General, 1 built-in 14 (date), 2 custom yyyy"年"m"月"d"日", 3 built-in 22 (date time),
# 4 custom 0.00% (not a date), 5 built-in 21 (time), 6 custom [$-804]yyyy/mm/dd;@, 7 custom #,##0.00_ "元"
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4">
<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="177" formatCode="0.00%"/>
<numFmt numFmtId="178" formatCode="[$-804]yyyy/mm/dd;@"/>
<numFmt numFmtId="179" formatCode="#,##0.00_ &quot;元&quot;"/>
</numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" xfId="0" applyNumberFormat="1"/><xf numFmtId="177" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="21" xfId="0" applyNumberFormat="1"/><xf numFmtId="178" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="179" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

SHARED_STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>名称</t></si>
<si><r><rPr><b/></rPr><t>上海</t></r><r><t xml:space="preserve"> 富文本 </t></r><r><t>公司</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
<si><t>A &amp; B &lt;c&gt;</t></si>
<si><t/></si>
</sst>"""

SHEET1 = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="A1:F9"/>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>数值</t></is></c><c r="C1" t="inlineStr"><is><t>日期</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>1200.0</v></c><c r="C2" s="1"><v>45658</v></c><c r="D2" s="2"><v>45658</v></c><c r="E2" s="3"><v>45658.5</v></c><c r="F2" s="5"><v>0.75</v></c></row>
<row r="3"/>
<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4"><v>0.30000000000000004</v></c><c r="C4" s="4"><v>0.35</v></c><c r="D4" s="6"><v>60</v></c><c r="E4" s="7"><v>1234.5</v></c></row>
<row r="6"><c r="A6" t="inlineStr"><is><r><t>内联</t></r><r><t>富文本</t></r></is></c><c r="D6" t="b"><v>1</v></c><c r="F6" t="b"><v>0</v></c></row>
<row r="7"><c r="A7" t="s"><v>3</v></c><c r="B7"><v>1.5E-3</v></c><c r="C7"><v>8.8000000000000007</v></c><c r="D7"><v>-0</v></c><c r="E7"><v>12345678901234567890</v></c></row>
<row r="8"><c r="A8" t="str"><f>A1&amp;"x"</f><v>名称x</v></c><c r="B8" t="e"><v>#N/A</v></c><c r="C8" t="d"><v>2025-03-01T00:00:00</v></c><c r="D8" t="s"><v>4</v></c><c r="E8"><v></v></c></row>
<row r="9"><c><v>1</v></c><c><v>2</v></c><c r="E9"><v>5</v></c><c><v>6</v></c></row>
<row r="10"><c r="A10" t="s"><v>99</v></c></row>
</sheetData>
</worksheet>"""

SHEET2 = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row r="2"><c r="B2" t="inlineStr"><is><t>第二张表</t></is></c></row>
</sheetData>
</worksheet>"""


def workbook_parts(sheet1=SHEET1, shared=SHARED_STRINGS, workbook=WORKBOOK):
    return [
        ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", shared), ("xl/worksheets/sheet1.xml", sheet1), ("xl/worksheets/sheet2.xml", SHEET2),
    ]


# ---- hostile workbooks ------------------------------------------------------------------------

XXE_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>
</worksheet>"""

LAUGHS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>"""

BOMB_SIZE = 24 << 20


def bomb_sheet() -> bytes:
    head = SHEET2.split("<sheetData>")[0].encode() + b"<sheetData>"
    tail = b"</sheetData></worksheet>"
    return head + b" " * (BOMB_SIZE - len(head) - len(tail)) + tail


def patch_sizes(data: bytes, name: str, fake_size: int) -> bytes:
    """Makes the local header and central directory of entry `name` declare `fake_size` bytes."""
    out = bytearray(data)
    encoded = name.encode()
    position = 0
    while True:
        position = out.find(b"PK\x03\x04", position)
        if position < 0:
            break
        name_length, = struct.unpack_from("<H", out, position + 26)
        if bytes(out[position + 30:position + 30 + name_length]) == encoded:
            struct.pack_into("<I", out, position + 22, fake_size)
        position += 4
    position = 0
    while True:
        position = out.find(b"PK\x01\x02", position)
        if position < 0:
            break
        name_length, = struct.unpack_from("<H", out, position + 28)
        if bytes(out[position + 46:position + 46 + name_length]) == encoded:
            struct.pack_into("<I", out, position + 24, fake_size)
        position += 4
    return bytes(out)


def endless_deflate_zip() -> bytes:
    """A workbook whose sheet is a raw deflate stream that starts well and then opens a stored
    block longer than the rest of the file: inflating it never reaches the end of the stream."""
    good = zip_bytes(workbook_parts())
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    sheet = SHEET2.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = compressor.compress(sheet[:100]) + compressor.flush(zlib.Z_SYNC_FLUSH)
    stream += bytes([0x00, 0xFF, 0xFF, 0x00, 0x00])  # non-final stored block, 65535 bytes announced
    # Write the zip by hand so the entry can hold this stream.
    out = bytearray()
    central = bytearray()
    for name, data in parts:
        encoded = name.encode()
        if name == "xl/worksheets/sheet1.xml":
            payload, size, crc, method = stream, len(sheet), zlib.crc32(sheet), 8
        else:
            payload, size, crc, method = data, len(data), zlib.crc32(data), 0
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(payload), size,
                           len(encoded), 0) + encoded + payload
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(payload),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0)
    return bytes(out)


def bad_crc_zip() -> bytes:
    data = bytearray(zip_bytes(workbook_parts(), method=zipfile.ZIP_STORED))
    marker = "数值".encode()
    position = data.find(marker)
    data[position + 1] ^= 0x01  # still valid UTF-8 (another CJK character): only the CRC-32 tells
    return bytes(data)


def ole2_file() -> bytes:
    header = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(16)
    header += struct.pack("<HHHHHHIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0)
    body = header.ljust(512, b"\xff")
    directory = "Workbook".encode("utf-16-le").ljust(64, b"\0")
    return body + directory.ljust(512, b"\0") + bytes(1024)


WEB_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta charset="utf-8"></head><body><table>
<tr><td>统一社会信用代码</td><td>企业名称</td></tr>
<tr><td>91310109AY4CL12TH7</td><td>上海甲碳核查有限公司</td></tr>
</table></body></html>
"""


def main() -> None:
    rows = ROWS
    text = delimited(rows)
    write(os.path.join(OUT, "register.csv"), text.encode("utf-8"))
    write(os.path.join(OUT, "register-bom.csv"), b"\xef\xbb\xbf" + text.encode("utf-8"))
    write(os.path.join(OUT, "register-gb18030.csv"), text.encode("gb18030"))
    write(os.path.join(OUT, "register-utf16le.tsv"), b"\xff\xfe" + delimited(rows, "\t").encode("utf-16-le"))
    xlsx = register_xlsx()
    write(os.path.join(OUT, "register.xlsx"), xlsx)
    write(os.path.join(OUT, "cells.xlsx"), zip_bytes(workbook_parts()))

    write(os.path.join(HOSTILE, "truncated.xlsx"), xlsx[: len(xlsx) // 2])
    write(os.path.join(HOSTILE, "xxe.xlsx"), zip_bytes(workbook_parts(sheet1=XXE_SHEET)))
    write(os.path.join(HOSTILE, "billion-laughs.xlsx"), zip_bytes(workbook_parts(shared=LAUGHS)))
    bomb = [(name, bomb_sheet() if name == "xl/worksheets/sheet1.xml" else data)
            for name, data in workbook_parts()]
    bomb_zip = zip_bytes(bomb)
    write(os.path.join(HOSTILE, "zip-bomb.xlsx"), bomb_zip)
    write(os.path.join(HOSTILE, "zip-bomb-lying.xlsx"), patch_sizes(bomb_zip, "xl/worksheets/sheet1.xml", 4096))
    write(os.path.join(HOSTILE, "endless-deflate.xlsx"), endless_deflate_zip())
    write(os.path.join(HOSTILE, "bad-crc.xlsx"), bad_crc_zip())
    write(os.path.join(HOSTILE, "old-excel.xls"), ole2_file())
    write(os.path.join(HOSTILE, "old-excel-renamed.xlsx"), ole2_file())
    write(os.path.join(HOSTILE, "not-a-workbook.xlsx"),
          zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", "<w:document/>")]))
    write(os.path.join(HOSTILE, "web-export.xls"), WEB_EXPORT.encode("utf-8"))
    junk = random.Random(7)
    write(os.path.join(HOSTILE, "junk.csv"), bytes(junk.randrange(256) for _ in range(4096)))
    write(os.path.join(HOSTILE, "csv-renamed.xlsx"), text.encode("utf-8"))

    lines = text.split("\r\n")
    mixed = "\r\n".join(lines[:3]).encode("utf-8") + b"\r\n" + lines[3].encode("gbk") + b"\r\n" + \
        "\r\n".join(lines[4:]).encode("utf-8")
    write(os.path.join(HOSTILE, "mixed-encoding.csv"), mixed)
    gb = text.encode("gb18030")
    # 0xFF right after the credit code and comma of line 5 (a character boundary).
    at = sum(len(line.encode("gb18030")) + 2 for line in lines[:4]) + 19
    write(os.path.join(HOSTILE, "invalid-gb18030.csv"), gb[:at] + b"\xff" + gb[at:])
    ragged = "\r\n".join([
        ",".join(HEADER[:4]),
        f"{rows[0][0]},{rows[0][1]},2025,7459,extra,cells",
        f"{rows[1][0]},{rows[1][1]}",
    ]) + "\r\n"
    write(os.path.join(HOSTILE, "ragged.csv"), ragged.encode("utf-8"))
    unbalanced = "\r\n".join([
        ",".join(HEADER[:4]),
        f"{rows[0][0]},{rows[0][1]},2025,7459",
        f"{rows[1][0]},\"{rows[1][1]},2025,6631",
        f"{rows[2][0]},{rows[2][1]},2025,7722",
    ]) + "\r\n"
    write(os.path.join(HOSTILE, "unbalanced-quote.csv"), unbalanced.encode("utf-8"))
    print(f"wrote fixtures under {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
