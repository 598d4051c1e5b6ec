#!/usr/bin/env bash
# HTTP benchmark: builds and starts the packaged service on loopback with the audit store chosen by
# BENCH_STORE (embedded, the default, or postgresql: then set QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL,
# _USERNAME, _PASSWORD) and the benchmark-only no-op baseline enabled, then drives POST
# /api/v1/evaluations and the baseline POST /api/v1/benchmark/no-op with wrk (Debian package, installed
# when missing) and the same requests, at the connections in BENCH_CONNECTIONS (default "1 16 64").
# BENCH_MIX=mix (default) sends the 10-request mix, BENCH_MIX=spec only the SPEC section 3 example.
# Prints throughput, p50 and p99, and each evaluation result as a share of the baseline's throughput and
# its p99 as a multiple of the baseline's p99 at the same connections.
# BENCH_WARMUP (default 40) is the seconds of each of the four warm-up runs before anything is measured.
# Usage: [BENCH_STORE=postgresql] [BENCH_MIX=spec] scripts/benchmark-http.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
port=${BENCH_PORT:-8089}
url="http://127.0.0.1:$port"
# Readiness is on the management interface, on a port of its own.
management_port=${BENCH_MANAGEMENT_PORT:-9089}
readiness_url="http://127.0.0.1:$management_port/q/health/ready"
store=${BENCH_STORE:-embedded}
export WRK_MIX=${BENCH_MIX:-mix}
connections=${BENCH_CONNECTIONS:-1 16 64}

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null 2>&1 || { sudo apt-get update && sudo apt-get install -y wrk; } >/dev/null
fi
./mvnw -B -q -Dstyle.color=never package -DskipTests >&2

data=target/benchmark-http-data
rm -rf "$data" && mkdir -p target/benchmarks
ADVISOR_BENCHMARK_NO_OP_BASELINE=true ADVISOR_DATA_DIR="$data" ADVISOR_AUDIT_STORE="$store" ADVISOR_RULES_WATCH=false QUARKUS_HTTP_PORT=$port \
  QUARKUS_MANAGEMENT_PORT=$management_port \
  java -jar target/quarkus-app/quarkus-run.jar > target/benchmarks/benchmark-http-service.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$readiness_url" >/dev/null && break
  sleep 0.5
done
curl -sf "$readiness_url" >/dev/null || { echo "the service did not become ready" >&2; exit 1; }

run() {  # endpoint connections seconds -> RESULT line
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d"${3}s" --timeout 10s -s scripts/wrk/evaluations.lua "$url$1" | grep '^RESULT'
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$2"; }

echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), store $store, requests $WRK_MIX, warm-up 4 x ${BENCH_WARMUP:-40}s, $(java -version 2>&1 | sed -n 1p), wrk $(wrk -v 2>&1 | sed -n 1p | cut -d' ' -f2), ${seconds}s per run" \
  | tee -a target/benchmarks/http.txt
# Warm-up, not reported. On 2 cores the JIT needs 30-40 s of load before the no-op reaches its plateau
# (measured 2026-11-27: 5,000/s after 10 s, 8,500/s after 40 s); a shorter warm-up measured a cold
# baseline, about a third of its speed. Both paths, twice, so that neither is measured cold.
warmup=${BENCH_WARMUP:-40}
for _ in 1 2; do
  run /api/v1/benchmark/no-op 16 "$warmup" >/dev/null
  run /api/v1/evaluations 16 "$warmup" >/dev/null
done
printf '%-12s %5s %10s %9s %9s %9s %8s %8s %9s\n' endpoint conns "req/s" "p50 ms" "p99 ms" "max ms" errors "of no-op" "p99 x" \
  | tee -a target/benchmarks/http.txt
for conns in $connections; do
  baseline=$(run /api/v1/benchmark/no-op "$conns" "$seconds")
  evaluations=$(run /api/v1/evaluations "$conns" "$seconds")
  for pair in "no-op:$baseline" "evaluations:$evaluations"; do
    name=${pair%%:*}; line=${pair#*:}
    errors=$(( $(field non2xx "$line") + $(field socket_errors "$line") ))
    share=$(awk -v a="$(field rps "$line")" -v b="$(field rps "$baseline")" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    p99x=$(awk -v a="$(field p99_ms "$line")" -v b="$(field p99_ms "$baseline")" 'BEGIN { printf "%.1f", a / b }')
    printf '%-12s %5d %10s %9s %9s %9s %8d %8s %9s\n' "$name" "$conns" "$(field rps "$line")" "$(field p50_ms "$line")" \
      "$(field p99_ms "$line")" "$(field max_ms "$line")" "$errors" "$share" "$p99x" | tee -a target/benchmarks/http.txt
  done
done
