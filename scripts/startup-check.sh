#!/usr/bin/env bash
# The start-up goals timed from outside, whole processes (JVM start to exit right after the
# application was ready), the two commands alternately so that a drifting machine load hits both:
#
#   scripts/startup-check.sh [runs]      starter against bare, then starter against the floor
#
# Needs farm-bench (the benchmark harness of this workplace); StartupComparison (scripts/benchmarks.sh
# --only startup) is the in-process counterpart with every row. Builds nothing: run
# scripts/benchmarks.sh --only startup (or ./mvnw -Pbenchmarks -pl benchmarks -am package) first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
command() {
	java -cp "$cp" dev.collector.benchmarks.startup.StartupComparison --command "$1"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== starter (A) against bare (B)"
farm-bench -n "$runs" --timeout 3600 --vs "$(command bare)" -- $(command starter)
echo "== starter (A) against the floor (B)"
farm-bench -n "$runs" --timeout 3600 --vs "$(command floor)" -- $(command starter)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
