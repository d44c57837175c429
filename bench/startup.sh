#!/usr/bin/env bash
# Start-up time of the command line: 'homeamp --help', '--version' and 'status' (on a small demo),
# each three ways: the packaged jar (java -jar target/homeamp.jar), the unpacked jar install.sh puts
# in /opt/homeamp/lib/app, and the installed launcher (unpacked jar + class-data-sharing archive).
# Prints the median, minimum and maximum wall time of RUNS runs per way, after one warm-up.
# Usage: bench/startup.sh [RUNS]        (needs target/homeamp.jar; takes about a minute per 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$PWD/target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
runs=${1:-5}
work=${BENCH_DIR:-/tmp/homeamp-bench-startup}
rm -rf "$work" && mkdir -p "$work"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"

# a staging install (unpacked jar, CDS training run, launcher) and a small demo for 'status'
HOMEAMP_JAR=$jar ./install.sh --root "$work/root" --skip-doctor >"$work/install.log" 2>&1 || { tail -20 "$work/install.log"; exit 1; }
java -jar "$jar" demo --dir "$work/demo" --instances 5 --plugins 12 >"$work/demo.log" 2>&1 || { tail -20 "$work/demo.log"; exit 1; }
home=$work/root/opt/homeamp
launcher=$work/root/usr/local/bin/homeamp

# one wall time in seconds, from /usr/bin/time
wall() { /usr/bin/time -f '%e' -o "$work/t" "$@" >/dev/null 2>&1 || true; cat "$work/t"; }
measure() {
    local label=$1
    shift
    wall "$@" >/dev/null   # warm-up: page cache, JIT-independent file reads
    local times=() i
    for i in $(seq 1 "$runs"); do times+=("$(wall "$@")"); done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "   %-44s median %5.2f s   min %5.2f   max %5.2f   (%d runs)\n", label, m, t[1], t[NR], NR }'
}

for cmd in "--help" "--version" "status"; do
    args=("$cmd")
    [ "$cmd" = status ] && args=(status --config "$work/demo/homeamp.yml")
    echo "== homeamp $cmd"
    measure "java -jar target/homeamp.jar" java -Xmx512m -jar "$jar" "${args[@]}"
    measure "java -jar lib/app/homeamp.jar (unpacked)" java -Xmx512m -jar "$home/lib/app/homeamp.jar" "${args[@]}"
    measure "launcher (unpacked + CDS archive)" env HOMEAMP_HOME="$home" "$launcher" "${args[@]}"
done
