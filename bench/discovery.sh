#!/usr/bin/env bash
# Benchmark of the discovery job (issue #2): a demo network of 200 instances x 40 plugins (8,000 jars),
# 60% on the 'local' server, 40% read through the simulated AMP FileManager API, heap capped at 512 MiB.
# Usage: bench/discovery.sh [INSTANCES] [PLUGINS] [RUNS]     (needs target/homeamp.jar: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
instances=${1:-200}
plugins=${2:-40}
runs=${3:-3}
dir=${BENCH_DIR:-/tmp/homeamp-bench-discovery}
jar=target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
# run a copy, so that a rebuild during the benchmark cannot pull the jar from under the JVM
copy=$(mktemp /tmp/homeamp-bench-XXXXXX.jar); cp "$jar" "$copy"; jar=$copy; trap 'rm -f "$copy"' EXIT
java_opts=(-Xmx512m)

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "== building the demo network ($instances instances x $plugins plugins) in $dir"
start=$(date +%s.%N)
java "${java_opts[@]}" -jar "$jar" demo --dir "$dir" --instances "$instances" --plugins "$plugins" --fresh > "$dir.demo.log" 2>&1 || { cat "$dir.demo.log"; exit 1; }
echo "   demo (generation + first nightly) took $(echo "$(date +%s.%N) - $start" | bc) s; $(grep -m1 'Demo network' "$dir.demo.log")"
for i in $(seq 1 "$runs"); do
  out=$( { /usr/bin/time -f 'maxrss_kb=%M wall_s=%e' java "${java_opts[@]}" -jar "$jar" run discovery --rerun --config "$dir/homeamp.yml"; } 2>&1 )
  job=$(grep -o 'completed in [0-9.]* s' <<<"$out" | head -1)
  summary=$(grep -o 'discovery: [0-9]* instances, [0-9]* jars' <<<"$out" | head -1)
  rss=$(grep -o 'maxrss_kb=[0-9]*' <<<"$out" | cut -d= -f2)
  wall=$(grep -o 'wall_s=[0-9.]*' <<<"$out" | cut -d= -f2)
  echo "   run $i: job $job; process wall ${wall} s (incl. JVM + Spring start); max RSS $((rss / 1024)) MiB; $summary"
done
