#!/usr/bin/env bash
# Benchmark of the report step (issue #5): HTML pages + approvals workbook for a network of 200
# instances with ~5,000 drift findings and ~2,000+ update rows, heap capped at 512 MiB.
# The demo's nightly gives the update rows; a benchmark-only baseline for server.properties whose
# numeric values are all off by one gives ~25 CHANGED findings per instance.
# Usage: bench/report.sh [INSTANCES] [RUNS]        (needs target/homeamp.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
copy=$(mktemp /tmp/homeamp-bench-XXXXXX.jar); cp "$jar" "$copy"; jar=$copy; trap 'rm -f "$copy"' EXIT
n=${1:-200}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/homeamp-bench-report}
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java -Xmx512m -jar "$jar" demo --dir "$dir" --instances "$n" --plugins 40 --fresh > "$dir.demo.log" 2>&1 || { tail -20 "$dir.demo.log"; exit 1; }
first=$(ls "$dir/hosts/hetzner/instances" | grep -v OldHub01 | sed -n 1p)
# every numeric value of server.properties + 1 (ports and templated values too: they differ anyway)
awk -F= '/^[a-z]/ && $2 ~ /^[0-9]+$/ { print $1 "=" $2 + 1; next } /^[a-z]/ { print }' \
  "$dir/hosts/hetzner/instances/$first/Minecraft/server.properties" > "$dir/baselines/server/server.properties"
java -Xmx512m -jar "$jar" run drift-scan --rerun --config "$dir/homeamp.yml" > "$dir.drift.log" 2>&1
grep -o 'drift: [0-9]* new, [0-9]* open, [0-9]* resolved' "$dir.drift.log" | head -1
for i in $(seq 1 "$runs"); do
  out=$( { /usr/bin/time -f 'maxrss_kb=%M' java -Xmx512m -jar "$jar" run report --rerun --config "$dir/homeamp.yml"; } 2>&1 )
  job=$(grep -o 'completed in [0-9.]* s' <<<"$out" | head -1)
  wb=$(grep -o 'workbook .* with [0-9]* changes' <<<"$out" | sed 's/.*with/workbook with/' | head -1 || true)
  rss=$(grep -o 'maxrss_kb=[0-9]*' <<<"$out" | cut -d= -f2)
  echo "   run $i: report job $job; $wb; max RSS $((rss / 1024)) MiB"
done
du -sh "$dir/state/reports/$(ls "$dir/state/reports" | grep -E '^[0-9]{4}-' | tail -1)"
