#!/usr/bin/env bash
# Benchmark of remote partitioning (SPEC 11 "Past one host", docs/scaling.md): discovery + drift-scan of
# the demo network on PostgreSQL, first with 'ovh' read through the simulated AMP FileManager API from
# the manager (no worker), then with 'ovh' read from disk by a local `homeamp worker --server ovh`.
# The simulated ovh answers each AMP call after OVH_LATENCY_MS (default 15 ms), like a remote host.
# PostgreSQL: BENCH_PG_URL / BENCH_PG_USER / BENCH_PG_PASSWORD, or else a throwaway cluster started
# from the Debian binaries in /usr/lib/postgresql/<v>/bin as user postgres on port BENCH_PG_PORT (55432).
# The worker runs on the same machine with the same config (so the same fingerprint key), ovh files from disk,
# worker.concurrency (WORKER_CONCURRENCY, default: parallelism) partitions at a time; it shares the CPU with the
# manager, which a real second host would not, so the ovh partitions' own span is printed too.
# Usage: bench/worker.sh [INSTANCES] [PLUGINS] [RUNS]      (needs target/homeamp.jar; default 200 40 2)
set -euo pipefail
cd "$(dirname "$0")/.."
instances=${1:-200}
plugins=${2:-40}
runs=${3:-2}
latency=${OVH_LATENCY_MS:-15}
dir=${BENCH_DIR:-/tmp/homeamp-bench-worker}
source bench/lib-workers.sh

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "== building the demo network ($instances instances x $plugins plugins) in $dir"
java "${java_opts[@]}" -jar "$jar" demo --dir "$dir" --instances "$instances" --plugins "$plugins" --fresh > "$dir.demo.log" 2>&1 || { tail -20 "$dir.demo.log"; exit 1; }
python3 - "$dir/hosts/ovh/host.json" "$latency" <<'PY'
import json, sys
p, ms = sys.argv[1], int(sys.argv[2])
h = json.load(open(p)); h["latencyMillis"] = ms; json.dump(h, open(p, "w"), indent=2)
PY
cfg=$dir/bench.yml
{ cat "$dir/homeamp.yml"; printf '  worker:\n    heartbeat: 2s\n    stale-after: 10s\n    poll-interval: 1s\n%bspring:\n  datasource:\n    url: %s\n    username: %s\n' \
  "${WORKER_CONCURRENCY:+    concurrency: $WORKER_CONCURRENCY\n}" "$url" "$user"; } > "$cfg"

timed() { # label, then the homeamp arguments
  local label=$1; shift
  local s e; s=$(date +%s.%N)
  java "${java_opts[@]}" -jar "$jar" "$@" --config "$cfg" > "$dir.$label.log" 2>&1 || { tail -20 "$dir.$label.log"; exit 1; }
  e=$(date +%s.%N)
  echo "   $label: job $(grep -o 'completed in [0-9.]* [a-z]*' "$dir.$label.log" | head -1); process $(echo "$e - $s" | bc) s wall (incl. JVM start);" \
       "$(grep -o 'ovh: [^;]*' "$dir.$label.log" | grep -E 'served by worker|fell back' | head -1)"
  if [ -n "$pgdata" ]; then # the ovh partitions alone: from the first start to the last end, and their summed durations
    local step=discoveryScanInstance; case $label in *drift*) step=driftScanInstance;; esac
    echo "      ovh partitions: $(pg_query \
      "SELECT COUNT(*) || ' done, span ' || ROUND(EXTRACT(EPOCH FROM MAX(end_time) - MIN(start_time))::numeric, 1) || ' s, summed '
              || ROUND(EXTRACT(EPOCH FROM SUM(end_time - start_time))::numeric, 1) || ' s'
         FROM batch_step_execution WHERE step_name LIKE '$step:ovh/%' AND status = 'COMPLETED'")"
  fi
}

for i in $(seq 1 "$runs"); do
  echo "== run $i: ovh through the AMP API from the manager (no worker)"
  reset_db
  timed "api-discovery-$i" run discovery --date 2026-11-20
  timed "api-drift-$i" run drift-scan --date 2026-11-20

  echo "== run $i: ovh read from disk by a local worker"
  reset_db
  java "${java_opts[@]}" -jar "$jar" history --config "$cfg" > /dev/null 2>&1   # the manager's side creates the tables
  java "${java_opts[@]}" -jar "$jar" worker --server ovh --instances-dir "$dir/hosts/ovh/instances" --config "$cfg" > "$dir.worker-$i.log" 2>&1 &
  worker_pid=$!
  for _ in $(seq 1 60); do grep -q "serves ovh" "$dir.worker-$i.log" && break; sleep 1; done
  grep -q "serves ovh" "$dir.worker-$i.log" || { tail -20 "$dir.worker-$i.log"; exit 1; }
  sleep 3
  timed "worker-discovery-$i" run discovery --date 2026-11-20
  timed "worker-drift-$i" run drift-scan --date 2026-11-20
  kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=""
done
