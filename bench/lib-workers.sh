# Sourced by the worker benchmarks (bench/worker.sh, bench/worker-deploy.sh), from the project folder: a
# copy of target/homeamp.jar ($jar), java_opts, the worker's pid ($worker_pid: the cleanup stops it) and
# the database they run on.
# BENCH_PG_URL / BENCH_PG_USER / BENCH_PG_PASSWORD, or else a throwaway cluster started from the Debian
# binaries in /usr/lib/postgresql/<v>/bin as user postgres on port BENCH_PG_PORT (55432), database
# homeamp_bench. Sets url, user and SPRING_DATASOURCE_PASSWORD; defines reset_db (an empty database),
# pg_query SQL (its rows, or nothing when the database is the operator's own) and pg_stop.
jar=target/homeamp.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
copy=$(mktemp /tmp/homeamp-bench-XXXXXX.jar); cp "$jar" "$copy"; jar=$copy
java_opts=(-Xmx512m)
worker_pid=""
pgdata=""
cleanup() {
  [ -z "$worker_pid" ] || kill "$worker_pid" 2>/dev/null || true
  [ -z "$worker_pid" ] || wait "$worker_pid" 2>/dev/null || true
  pg_stop
  rm -f "$copy"
}
trap cleanup EXIT
pg_query() {
  [ -z "$pgdata" ] || runuser -u postgres -- "$pgbin/psql" -h 127.0.0.1 -p "$port" -At -F ' ' -d homeamp_bench -c "$1"
}
pg_stop() {
  if [ -n "$pgdata" ]; then runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdata"; fi
}
if [ -n "${BENCH_PG_URL:-}" ]; then
  url=$BENCH_PG_URL; user=${BENCH_PG_USER:?set BENCH_PG_USER}; export SPRING_DATASOURCE_PASSWORD=${BENCH_PG_PASSWORD:?set BENCH_PG_PASSWORD}
  reset_db() { echo "   (using $url as is: give an empty database per run)"; }
else
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$pgbin" ] || { echo "no PostgreSQL: set BENCH_PG_URL/USER/PASSWORD or install postgresql" >&2; exit 2; }
  port=${BENCH_PG_PORT:-55432}
  pgdata=$(mktemp -d /tmp/homeamp-bench-pg-XXXXXX); chown postgres "$pgdata"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" -l "$pgdata/log" -w start >/dev/null
  user=postgres; url="jdbc:postgresql://127.0.0.1:$port/homeamp_bench"; export SPRING_DATASOURCE_PASSWORD=unused
  reset_db() {
    runuser -u postgres -- "$pgbin/psql" -h 127.0.0.1 -p "$port" -q -c "DROP DATABASE IF EXISTS homeamp_bench" -c "CREATE DATABASE homeamp_bench" postgres
  }
fi
