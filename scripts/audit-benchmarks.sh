#!/usr/bin/env bash
# Audit-log benchmarks (issue 10), each store against the no-op baseline in the same run:
#   listing     listing times per filter (first page of 50) and storage per record with 1,000,000 records,
#               on the embedded store and on PostgreSQL. The first run fills each store with a bulk
#               loader (groups of 1,000 straight into the store, not through HTTP; several minutes);
#               later runs reuse them (target/bench-data/embedded-1m, database cramp_advisor_bench_1m).
#   throughput  evaluations per second and latency at 16 in-process HTTP clients, with the writer's and the
#               indexer's CPU per record: no-op log, embedded store empty and with 1M records, PostgreSQL
#               empty and with 1M records (run "listing" first to fill them).
# Results: target/benchmarks/results.txt. The HTTP benchmark with wrk is scripts/benchmark-http.sh.
#
# Usage: scripts/audit-benchmarks.sh [listing|throughput|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

export ADVISOR_BENCH_POSTGRESQL_USER=cramp_advisor ADVISOR_BENCH_POSTGRESQL_PASSWORD=cramp_advisor
ADVISOR_BENCH_POSTGRESQL_LOADED_URL=$(ADVISOR_PG_DB=cramp_advisor_bench_1m bash .ci/postgresql.sh)
# The "empty" database is made anew for every run.
su postgres -c "psql -qc 'DROP DATABASE IF EXISTS cramp_advisor_bench_empty'" >&2
ADVISOR_BENCH_POSTGRESQL_URL=$(ADVISOR_PG_DB=cramp_advisor_bench_empty bash .ci/postgresql.sh)
export ADVISOR_BENCH_POSTGRESQL_URL ADVISOR_BENCH_POSTGRESQL_LOADED_URL
unset ADVISOR_TEST_POSTGRESQL_URL

listing='EmbeddedQueryBenchmark,PostgresqlQueryBenchmark'
throughput='NoOpThroughputBenchmark,EmbeddedThroughputBenchmark,EmbeddedLoadedThroughputBenchmark,PostgresqlThroughputBenchmark,PostgresqlLoadedThroughputBenchmark'
case "$what" in
  listing) tests=$listing ;;
  throughput) tests=$throughput ;;
  all) tests="$listing,$throughput" ;;
  *) echo "usage: $0 [listing|throughput|all]" >&2; exit 2 ;;
esac
mkdir -p target/benchmarks
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)" >> target/benchmarks/results.txt
# -Dsurefire.runOrder=alphabetical is not enough for "listing before throughput": run the groups in turn.
for group in $(tr ',' ' ' <<< "$tests"); do
  ./mvnw -B -q test -Dtest="$group" -Dsurefire.failIfNoSpecifiedTests=false
done
cat target/benchmarks/results.txt
