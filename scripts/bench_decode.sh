#!/usr/bin/env bash
# Decoding throughput: generates a ~200 MB GB18030 register (register-like Chinese text, CSV),
# decodes it to UTF-8 with greenstat's TranscodingByteSource (release build) and prints MB/s and
# peak RSS, next to `iconv` as a reference. Also times the UTF-8 copy (validation only) and the
# full CSV reader over the decoded text.
#
#   scripts/bench_decode.sh [SIZE_MB]        (default 200; files go to ${BENCH_DIR:-/tmp/greenstat-bench})
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-200}
dir=${BENCH_DIR:-/tmp/greenstat-bench}
mkdir -p "$dir"
gb="$dir/register-${size_mb}mb.gb18030.csv"
utf8="$dir/register-${size_mb}mb.utf8.csv"

if [ ! -s "$gb" ]; then
  echo "== generating $gb"
  python3 - "$gb" "$utf8" "$size_mb" <<'PY'
import random, sys
gb_path, utf8_path, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(42)
alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
prefix = ["上海", "虹口", "申城", "浦江", "北外滩", "长三角", "华东", "东方"]
core = ["碳核查", "光伏", "绿色航运", "碳资产", "节能", "环保", "新能源", "氢能", "储能", "低碳", "碳足迹", "绿色金融"]
kind = ["科技有限公司", "技术服务有限公司", "咨询有限公司", "贸易有限公司", "管理有限公司", "租赁有限公司"]
scope = ["技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "合同能源管理", "节能管理服务",
         "太阳能发电技术服务", "碳减排、碳转化、碳捕捉、碳封存技术研发", "融资租赁业务", "货物进出口；技术进出口",
         "环境保护监测", "大气污染治理", "新能源汽车整车销售", "船舶污染物清除服务", "认证咨询"]
streets = ["欧阳路街道", "曲阳路街道", "广中路街道", "嘉兴路街道", "凉城新村街道", "四川北路街道", "北外滩街道", "江湾镇街道"]
lines = []
for i in range(4000):
    code = "91310109" + "".join(rng.choice(alphabet) for _ in range(10))
    name = rng.choice(prefix) + rng.choice(core) + rng.choice(kind)
    sc = "一般项目：" + "；".join(rng.sample(scope, 4)) + "。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
    main = rng.choice(core) + "相关" + rng.choice(["服务", "产品销售", "项目开发", "设备租赁"])
    lines.append(f'{code},{name},2025,{rng.randint(1000, 9999)},"{sc}",{main},{rng.randint(10, 90000)},'
                 f'{rng.randint(1, 500)},0.{rng.randint(10, 99)},{rng.choice(streets)}\n')
header = "统一社会信用代码,企业名称,年份,行业代码,经营范围,主营业务,营业收入（万元）,从业人员,绿色业务占比,街道\n"
encoded_gb = [l.encode("gb18030") for l in lines]
encoded_utf8 = [l.encode("utf-8") for l in lines]
target = size_mb * 1_000_000
with open(gb_path, "wb") as gb, open(utf8_path, "wb") as u8:
    gb.write(header.encode("gb18030"))
    u8.write(header.encode("utf-8"))
    written = 0
    while written < target:
        k = rng.randrange(len(lines))
        gb.write(encoded_gb[k])
        u8.write(encoded_utf8[k])
        written += len(encoded_gb[k])
PY
fi
ls -l "$gb" "$utf8"

echo "== building greenstat-bench-io (release)"
swift build -c release --scratch-path .build-io --product greenstat-bench-io 2>&1 | tail -1
bench=.build-io/release/greenstat-bench-io

measure() {
  # Runs "$@" under /usr/bin/time -v; prints the tool's line and the peak RSS /usr/bin/time saw.
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2>"$log"
  grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$log" | sed 's/^\s*/    /'
  rm -f "$log"
}

echo "== reference: iconv -f GB18030 -t UTF-8"
start=$(date +%s.%N)
iconv -f GB18030 -t UTF-8 "$gb" >/dev/null
end=$(date +%s.%N)
python3 -c "import os,sys; s=os.path.getsize('$gb')/1e6; t=$end-$start; print(f'iconv: {s:.1f} MB in {t:.2f} s, {s/t:.0f} MB/s')"

for run in 1 2 3; do
  echo "== greenstat decode GB18030 (run $run)"
  measure "$bench" decode "$gb"
done
echo "== greenstat decode UTF-8 (validation only)"
measure "$bench" decode "$utf8"
echo "== greenstat CSV rows over decoded GB18030 (TranscodingByteSource + DelimitedReader)"
measure "$bench" rows "$gb"
echo "== greenstat CSV rows over UTF-8 (for comparison)"
measure "$bench" rows "$utf8"
