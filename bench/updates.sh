#!/usr/bin/env bash
# Benchmark of the update check (issue #4): 90 distinct plugins against a local simulated Modrinth that
# answers every request after 100 ms (sequential floor 9 s; target <= 5 s), then a second run the same
# day (--rerun), whose conditional requests should be answered >= 90% by 304 Not Modified.
# It runs UpdateCheckBenchmark (the job on a demo state dir, real HTTP on loopback) and prints its figures. That class
# is not in the default test suite (its name does not end in Test): a wall-clock assertion has no place in a build.
# Usage: bench/updates.sh [RUNS]      (needs the Maven dependencies: mvn -B dependency:go-offline once)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  mvn -B -o -q test -Dtest=org.homeamp.updates.UpdateCheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false > /tmp/homeamp-bench-updates.log 2>&1 \
    || { tail -30 /tmp/homeamp-bench-updates.log; exit 1; }
  echo "   run $i: $(grep -ho 'BENCH update-check: .*' target/surefire-reports/org.homeamp.updates.UpdateCheckBenchmark-output.txt)"
done
