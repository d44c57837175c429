#!/usr/bin/env bash
# Benchmark of the drift scan (issue #3) on demo networks of several sizes, heap capped at 512 MiB.
# The shipped example baselines cover 4 server files and 11 plugins; to scan every plugin config the
# demo writes (~45 files per instance), baselines are added for the remaining plugins by copying one
# instance's file (so those compare equal everywhere, as on a clean network).
# Usage: bench/drift.sh [INSTANCES...]        default: 50 200 800   (needs target/homeamp.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
# run a copy, so that a rebuild during the benchmark cannot pull the jar from under the JVM
copy=$(mktemp /tmp/homeamp-bench-XXXXXX.jar); cp "$jar" "$copy"; jar=$copy; trap 'rm -f "$copy"' EXIT
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(50 200 800)
plugins=${BENCH_PLUGINS:-40}
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
for n in "${sizes[@]}"; do
  dir=${BENCH_DIR:-/tmp/homeamp-bench-drift}-$n
  java -Xmx512m -jar "$jar" demo --dir "$dir" --instances "$n" --plugins "$plugins" --fresh > "$dir.demo.log" 2>&1 || { tail -20 "$dir.demo.log"; exit 1; }
  first=$(ls "$dir/hosts/hetzner/instances" | grep -v OldHub01 | sed -n 1p)
  for cfg in "$dir/hosts/hetzner/instances/$first/Minecraft/plugins"/*/config.yml; do
    name=$(basename "$(dirname "$cfg")")
    [ -e "$dir/baselines/plugins/$name" ] || { mkdir -p "$dir/baselines/plugins/$name"; cp "$cfg" "$dir/baselines/plugins/$name/config.yml"; }
  done
  for i in 1 2; do
    out=$( { /usr/bin/time -f 'maxrss_kb=%M' java -Xmx512m -jar "$jar" run drift-scan --rerun --config "$dir/homeamp.yml"; } 2>&1 )
    plan=$(grep -o 'drift plan: [0-9]* instances, [0-9]* expected files' <<<"$out" | head -1)
    job=$(grep -o 'completed in [0-9.]* s' <<<"$out" | head -1)
    summary=$(grep -o 'drift: [0-9]* new, [0-9]* open, [0-9]* resolved' <<<"$out" | head -1)
    rss=$(grep -o 'maxrss_kb=[0-9]*' <<<"$out" | cut -d= -f2)
    echo "   $n instances, run $i: $plan; job $job; max RSS $((rss / 1024)) MiB; $summary"
  done
done
