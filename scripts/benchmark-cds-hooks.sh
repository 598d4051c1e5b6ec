#!/usr/bin/env bash
# CDS Hooks benchmark (issue 12): builds and starts the packaged service on loopback with a trust file of
# its own, then drives POST /cds-services/leg-cramp-causes with wrk: a patient-view call whose prefetch is
# what our templates return for the Synthea test patient (src/test/resources/fhir/synthea, ~40 KB) plus the
# derived leg cramps Condition, so that every call is evaluated, carded and audited. Each call carries its
# own ES384 token (minted beforehand, one jti each, valid 4 minutes). For comparison, the same run drives
# POST /api/v1/evaluations with the SPEC section 3 example (scripts/wrk/evaluations.lua).
# Usage: scripts/benchmark-cds-hooks.sh [seconds per run, default 20]   (BENCH_CONNECTIONS, default 16)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
port=${BENCH_PORT:-8091}
management_port=${BENCH_MANAGEMENT_PORT:-9091}
connections=${BENCH_CONNECTIONS:-16}
url="http://127.0.0.1:$port"
work=target/benchmark-cds-hooks
readiness_url="http://127.0.0.1:$management_port/q/health/ready"

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null 2>&1 || { sudo apt-get update && sudo apt-get install -y wrk; } >/dev/null
fi
./mvnw -B -q -Dstyle.color=never package -DskipTests >&2
rm -rf "$work" && mkdir -p "$work" target/benchmarks
classpath="target/quarkus-app/app/*:target/quarkus-app/lib/main/*"
mint() {  # count -> tokens file for leg-cramp-causes
  java -cp "$classpath" org.crampadvisor.cdshooks.trust.MintTokenCommand --key-dir "$work/keys" \
    --iss https://bench-ehr.example.org/ --aud "$url/cds-services/leg-cramp-causes" --count "$1" > "$work/tokens.txt"
}
mint 1 2>/dev/null   # creates the key and the trust file

# The call: the Synthea patient's four prefetch keys; the leg cramps Condition (derived from US Core) added
# to its conditions with its subject set to that patient.
python3 - "$work/patient-view.json" <<'PY'
import json, sys
base = "src/test/resources/fhir/"
read = lambda p: json.load(open(base + p))
patient = read("synthea/josue-sipes-stroke-ckd/patient.json")
conditions = read("synthea/josue-sipes-stroke-ckd/conditions.json")
cramps = read("derived/condition-leg-cramps.json")
cramps["subject"]["reference"] = "Patient/" + patient["id"]
conditions["entry"].append({"resource": cramps})
call = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/example", "patientId": patient["id"]},
        "prefetch": {"patient": patient, "labs": read("synthea/josue-sipes-stroke-ckd/labs.json"),
                     "medications": read("synthea/josue-sipes-stroke-ckd/medications.json"), "conditions": conditions}}
json.dump(call, open(sys.argv[1], "w"))
PY

ADVISOR_CDS_HOOKS_TRUST_FILE="$work/keys/trust.json" ADVISOR_DATA_DIR="$work/data" ADVISOR_RULES_WATCH=false \
  QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management_port \
  java -jar target/quarkus-app/quarkus-run.jar > "$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -sf "$readiness_url" >/dev/null && break
  sleep 0.5
done
curl -sf "$readiness_url" >/dev/null || { echo "the service did not become ready" >&2; exit 1; }

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$2"; }
cds() {  # connections seconds -> RESULT line; tokens for up to 2,000 calls a second, minted just before
  local threads=$(( $1 < 2 ? 1 : 2 ))
  mint $(( $2 * 2000 ))
  WRK_BODY="$work/patient-view.json" WRK_TOKENS="$work/tokens.txt" WRK_THREADS=$threads \
    wrk -t"$threads" -c"$1" -d"${2}s" --timeout 10s -s scripts/wrk/cds-patient-view.lua "$url/cds-services/leg-cramp-causes" \
    | grep '^RESULT'
}
evaluations() {
  local threads=$(( $1 < 2 ? 1 : 2 ))
  WRK_MIX=spec wrk -t"$threads" -c"$1" -d"${2}s" --timeout 10s -s scripts/wrk/evaluations.lua "$url/api/v1/evaluations" \
    | grep '^RESULT'
}

echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p), ${seconds}s per run" \
  | tee -a target/benchmarks/cds-hooks.txt
# Warm-up of both paths, twice, not reported: on 2 cores the JIT needs 30-40 s of load to reach its
# plateau (see scripts/benchmark-http.sh); 5 s measured a cold service.
for _ in 1 2; do
  cds 16 "${BENCH_WARMUP:-20}" >/dev/null
  evaluations 16 "${BENCH_WARMUP:-20}" >/dev/null
done
printf '%-28s %5s %10s %9s %9s %9s %8s\n' endpoint conns "req/s" "p50 ms" "p99 ms" "max ms" errors | tee -a target/benchmarks/cds-hooks.txt
for conns in $connections; do
  for name in cds evaluations; do
    line=$($name "$conns" "$seconds")
    label=$([ "$name" = cds ] && echo "cds patient-view (Synthea)" || echo "evaluations (SPEC example)")
    errors=$(( $(field non2xx "$line") + $(field socket_errors "$line") ))
    printf '%-28s %5d %10s %9s %9s %9s %8d\n' "$label" "$conns" "$(field rps "$line")" "$(field p50_ms "$line")" \
      "$(field p99_ms "$line")" "$(field max_ms "$line")" "$errors" | tee -a target/benchmarks/cds-hooks.txt
  done
done
