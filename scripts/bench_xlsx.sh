#!/usr/bin/env bash
# .xlsx reading throughput: generates 200k rows x 8 columns as a workbook with shared strings and
# as one with inline strings, reads each with XlsxRowReader (release build) and prints rows/s and
# peak RSS (getrusage and /usr/bin/time -v).
#
#   scripts/bench_xlsx.sh [ROWS]       (default 200000; files go to ${BENCH_DIR:-/tmp/greenstat-bench})
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
dir=${BENCH_DIR:-/tmp/greenstat-bench}
mkdir -p "$dir"

for kind in shared inline; do
  file="$dir/register-${rows}-${kind}.xlsx"
  if [ ! -s "$file" ]; then
    echo "== generating $file"
    python3 - "$file" "$rows" "$kind" <<'PY'
import random, sys, zipfile
from xml.sax.saxutils import escape
path, rows, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(7)
alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
core = ["碳核查", "光伏", "绿色航运", "碳资产", "节能", "环保", "新能源", "氢能", "储能", "低碳"]
scope = ["技术服务、技术开发、技术咨询", "合同能源管理", "节能管理服务", "太阳能发电技术服务", "融资租赁业务",
         "货物进出口；技术进出口", "环境保护监测", "大气污染治理"]
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
strings, index = [], {}
def cell(ref, text):
    if kind == "inline":
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    if text not in index:
        index[text] = len(strings)
        strings.append(text)
    return f'<c r="{ref}" t="s"><v>{index[text]}</v></c>'
def cols():
    return "ABCDEFGH"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    parts = []
    header = ["统一社会信用代码", "企业名称", "年份", "行业代码", "经营范围", "主营业务", "营业收入（万元）", "从业人员"]
    body = [f'<worksheet xmlns="{M}"><sheetData>']
    body.append('<row r="1">' + "".join(cell(f"{c}1", h) for c, h in zip(cols(), header)) + "</row>")
    for r in range(2, rows + 2):
        code = "91310109" + "".join(rng.choice(alphabet) for _ in range(10))
        name = "上海" + rng.choice(core) + f"第{r}号科技有限公司"
        sc = "一般项目：" + "；".join(rng.sample(scope, 3))
        body.append(f'<row r="{r}">' + cell(f"A{r}", code) + cell(f"B{r}", name) + f'<c r="C{r}"><v>2025</v></c>'
                    + cell(f"D{r}", str(rng.randint(1000, 9999))) + cell(f"E{r}", sc)
                    + cell(f"F{r}", rng.choice(core) + "服务") + f'<c r="G{r}"><v>{rng.randint(10, 90000)}.5</v></c>'
                    + f'<c r="H{r}"><v>{rng.randint(1, 500)}</v></c></row>')
    body.append("</sheetData></worksheet>")
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = f'<Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/>'
    if kind == "shared":
        rels += f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", "".join(body))
    if kind == "shared":
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{M}" uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
PY
  fi
done
ls -l "$dir"/register-"$rows"-*.xlsx

echo "== building greenstat-bench-io (release)"
swift build -c release --scratch-path .build-io --product greenstat-bench-io 2>&1 | tail -1
bench=.build-io/release/greenstat-bench-io
for kind in shared inline; do
  for run in 1 2; do
    echo "== $kind strings (run $run)"
    log=$(mktemp)
    /usr/bin/time -v "$bench" rows "$dir/register-${rows}-${kind}.xlsx" 2>"$log"
    grep -E "Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU" "$log" | sed 's/^\s*/    /'
    rm -f "$log"
  done
done
