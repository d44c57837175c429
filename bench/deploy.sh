#!/usr/bin/env bash
# Benchmark of `homeamp deploy` (SPEC §10): 50 config rows and 5 jar swaps over 10 instances (half of
# them amp-api), the simulated AMP restarting in 1.5 s. Reports the deploy's wall time and the part of
# it that is not restart and health waits (target: at most 5 s).
# A benchmark-only baseline changes 5 server.properties values, so each of the 10 instances gets 5
# CHANGED findings; the demo's update source gives the plugin updates. Approve = YES is set by editing
# the Changes sheet's XML, as a spreadsheet tool would.
# Usage: bench/deploy.sh [RUNS]        (needs target/homeamp.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
copy=$(mktemp /tmp/homeamp-bench-XXXXXX.jar); cp "$jar" "$copy"; jar=$copy; trap 'rm -f "$copy"' EXIT
runs=${1:-3}
dir=${BENCH_DIR:-/tmp/homeamp-bench-deploy}
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  rm -rf "$dir"
  java -Xmx512m -jar "$jar" demo --dir "$dir" --instances 10 --plugins 14 --fresh > "$dir.demo.log" 2>&1 || { tail -20 "$dir.demo.log"; exit 1; }
  # 5 numeric keys of server.properties + 1 in the baseline: 5 CHANGED findings per instance
  sed -i -e 's/^simulation-distance=8$/simulation-distance=9/' -e 's/^spawn-protection=0$/spawn-protection=1/' \
    -e 's/^network-compression-threshold=256$/network-compression-threshold=257/' -e 's/^enable-query=false$/enable-query=true/' \
    -e 's/^enforce-whitelist=false$/enforce-whitelist=true/' "$dir/baselines/server/server.properties"
  java -Xmx512m -jar "$jar" run drift-scan --rerun --config "$dir/homeamp.yml" > "$dir.drift.log" 2>&1
  java -Xmx512m -jar "$jar" run report --rerun --config "$dir/homeamp.yml" > "$dir.report.log" 2>&1
  wb=$(ls -t "$dir"/state/reports/*/approvals-*.xlsx | head -1)
  python3 bench/approve.py "$wb" "$dir/approved.xlsx"
  start=$(date +%s.%N)
  java -Xmx512m -jar "$jar" deploy "$dir/approved.xlsx" --config "$dir/homeamp.yml" > "$dir.deploy.log" 2>&1 || true
  end=$(date +%s.%N)
  waits=$(grep -o 'restart and health check took [0-9]* ms' "$dir.deploy.log" | awk '{s+=$6} END {print s/1000}')
  rows=$(head -1 "$dir.deploy.log")
  applied=$(grep -o '[0-9]* applied, [0-9]* refused, [0-9]* failed, [0-9]* rolled back' "$dir.deploy.log" | tail -1)
  # the job as the other benchmarks measure it: first to last log line (whole seconds), without JVM start
  first=$(grep -o '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' "$dir.deploy.log" | head -1); last=$(grep -o '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' "$dir.deploy.log" | tail -1)
  job=$(( $(date -d "$last" +%s) - $(date -d "$first" +%s) ))
  echo "   run $i: $rows; $applied; wall $(echo "$end - $start" | bc) s, restart+health waits ${waits} s, rest $(echo "$end - $start - $waits" | bc) s; job $job s, job beyond the waits $(echo "$job - $waits" | bc) s"
done
