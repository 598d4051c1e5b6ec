#!/usr/bin/env bash
# Audit-log benchmarks (issue: audit log): evaluation throughput at 16 concurrent clients with the audit
# log on H2, on PostgreSQL and replaced by a no-op (in the test harness only), and listing times per
# filter with one million records on each store. Results: target/benchmarks/results.txt.
# The first run fills each store with 1,000,000 records (several minutes); later runs reuse them
# (H2: target/bench-data/h2, PostgreSQL: database cramp_advisor_bench).
#
# Usage: scripts/audit-benchmarks.sh [throughput|listing|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}

ADVISOR_BENCH_POSTGRESQL_URL=$(ADVISOR_PG_DB=cramp_advisor_bench bash .ci/postgresql.sh)
export ADVISOR_BENCH_POSTGRESQL_URL ADVISOR_BENCH_POSTGRESQL_USER=cramp_advisor ADVISOR_BENCH_POSTGRESQL_PASSWORD=cramp_advisor
unset ADVISOR_TEST_POSTGRESQL_URL

case "$what" in
  throughput) tests='NoOpThroughputBenchmark,H2ThroughputBenchmark,PostgresqlThroughputBenchmark' ;;
  listing) tests='H2QueryBenchmark,PostgresqlQueryBenchmark' ;;
  all) tests='NoOpThroughputBenchmark,H2ThroughputBenchmark,PostgresqlThroughputBenchmark,H2QueryBenchmark,PostgresqlQueryBenchmark' ;;
  *) echo "usage: $0 [throughput|listing|all]" >&2; exit 2 ;;
esac
mkdir -p target/benchmarks
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)" >> target/benchmarks/results.txt
mvn -B test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
cat target/benchmarks/results.txt
