#!/usr/bin/env bash
# In-process benchmarks (JMH): one evaluation of the SPEC example traced and untraced, an empty request,
# session creation alone, and how the time grows with the input and the ruleset. Run from anywhere;
# results in target/benchmarks/jmh-*.json and on the console.
# Usage: scripts/benchmark-in-process.sh [JMH options, e.g. EvaluationBenchmark -f 1 -wi 1 -i 2]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test >&2
mkdir -p target/benchmarks
stamp=$(date -u +%Y%m%dT%H%M%SZ)
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
    org.openjdk.jmh.Main -rf json -rff "target/benchmarks/jmh-$stamp.json" "${@:-org.crampadvisor.bench.jmh}"
