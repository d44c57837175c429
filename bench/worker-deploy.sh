#!/usr/bin/env bash
# Benchmark of `homeamp deploy` through a worker (SPEC 11 "Past one host", decision D-W5): the deploy of
# bench/deploy.sh (every server.properties row of a 10-instance demo, 5 changed values per instance, and 5
# jar swaps; the simulated AMP restarts in 1.5 s) on PostgreSQL, first with ovh's instances written
# through the simulated AMP FileManager API from the manager (no worker), then by a local
# `homeamp worker --server ovh` from disk. The simulated ovh answers each AMP call after OVH_LATENCY_MS
# (default 15 ms), like a remote host. Prints per deploy the wall time, the restart and health waits, the
# rest, and the ovh instances' own span. PostgreSQL: see bench/lib-workers.sh.
# Usage: bench/worker-deploy.sh [RUNS]      (needs target/homeamp.jar; default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
latency=${OVH_LATENCY_MS:-15}
dir=${BENCH_DIR:-/tmp/homeamp-bench-worker-deploy}
source bench/lib-workers.sh
cfg=$dir/bench.yml

prepare() { # a fresh demo network on an empty database: nightly on PostgreSQL, the rows approved
  local label=$1
  reset_db
  rm -rf "$dir"
  java "${java_opts[@]}" -jar "$jar" demo --dir "$dir" --instances 10 --plugins 14 --fresh > "$dir.$label.demo.log" 2>&1 \
    || { tail -20 "$dir.$label.demo.log"; exit 1; }
  python3 - "$dir/hosts/ovh/host.json" "$latency" <<'PY'
import json, sys
p, ms = sys.argv[1], int(sys.argv[2])
h = json.load(open(p)); h["latencyMillis"] = ms; json.dump(h, open(p, "w"), indent=2)
PY
  # as bench/deploy.sh: 5 numeric keys of server.properties in the baseline, 5 CHANGED findings per instance
  sed -i -e 's/^simulation-distance=8$/simulation-distance=9/' -e 's/^spawn-protection=0$/spawn-protection=1/' \
    -e 's/^network-compression-threshold=256$/network-compression-threshold=257/' -e 's/^enable-query=false$/enable-query=true/' \
    -e 's/^enforce-whitelist=false$/enforce-whitelist=true/' "$dir/baselines/server/server.properties"
  { cat "$dir/homeamp.yml"; printf '  worker:\n    heartbeat: 2s\n    stale-after: 10s\n    poll-interval: 1s\nspring:\n  datasource:\n    url: %s\n    username: %s\n' \
    "$url" "$user"; } > "$cfg"
  java "${java_opts[@]}" -jar "$jar" run nightly --date 2026-11-20 --config "$cfg" > "$dir.$label.nightly.log" 2>&1 \
    || { tail -20 "$dir.$label.nightly.log"; exit 1; }
  python3 bench/approve.py "$dir/state/reports/2026-11-20/approvals-2026-11-20.xlsx" "$dir/approved.xlsx"
}

deploy_timed() {
  local label=$1 log="$dir.$1.deploy.log" worker_log=${2:-/dev/null} start end waits applied first last job
  start=$(date +%s.%N)
  java "${java_opts[@]}" -jar "$jar" deploy "$dir/approved.xlsx" --config "$cfg" > "$log" 2>&1 || true
  end=$(date +%s.%N)
  # the waits of the instances a worker deployed are in its own log
  waits=$(cat "$log" "$worker_log" | grep -o 'restart and health check took [0-9]* ms' | awk '{s+=$6} END {print s/1000}')
  applied=$(grep -o '[0-9]* applied, [0-9]* refused, [0-9]* failed, [0-9]* rolled back' "$log" | tail -1)
  first=$(grep -o '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' "$log" | head -1); last=$(grep -o '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' "$log" | tail -1)
  job=$(( $(date -d "$last" +%s) - $(date -d "$first" +%s) ))
  echo "   $label: $applied; wall $(echo "$end - $start" | bc) s, restart+health waits ${waits} s (summed over instances); job $job s;" \
       "$(grep -o 'ovh: [^;]*' "$log" | grep -E 'served by worker|no live worker|fell back' | head -1)"
  echo "      ovh instances: $(pg_query "SELECT COUNT(*) || ' deployed, span ' || ROUND(EXTRACT(EPOCH FROM MAX(end_time) - MIN(start_time))::numeric, 1)
      || ' s, summed ' || ROUND(EXTRACT(EPOCH FROM SUM(end_time - start_time))::numeric, 1) || ' s'
      FROM batch_step_execution WHERE step_name LIKE 'deployInstance:ovh/%' AND status = 'COMPLETED'")"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  echo "== run $i: ovh written through the AMP API from the manager (no worker)"
  prepare "api-$i"
  deploy_timed "api-$i"

  echo "== run $i: ovh written from disk by a local worker"
  prepare "worker-$i"
  java "${java_opts[@]}" -jar "$jar" worker --server ovh --instances-dir "$dir/hosts/ovh/instances" --config "$cfg" > "$dir.worker-$i.log" 2>&1 &
  worker_pid=$!
  for _ in $(seq 1 60); do grep -q "serves ovh" "$dir.worker-$i.log" && break; sleep 1; done
  grep -q "serves ovh" "$dir.worker-$i.log" || { tail -20 "$dir.worker-$i.log"; exit 1; }
  sleep 3
  deploy_timed "worker-$i" "$dir.worker-$i.log"
  kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=""
done
