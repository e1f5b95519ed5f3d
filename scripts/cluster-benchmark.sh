#!/usr/bin/env bash
# The cluster benchmarks of issue 21 (module benchmarks/, not part of ./mvnw verify): the rate budget
# schemes compared, scale-out over 1, 2 and 3 replica JVMs, the budget as the bottleneck, and recovery
# (a replica gone for good, a replica frozen for 10 s). Every replica is a JVM of its own on one PostgreSQL.
#
#   BENCH_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/bench [BENCH_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306/bench] \
#     scripts/cluster-benchmark.sh [budget-comparison] [scale] [budget] [recovery]
#
# Without arguments it runs all four (about 25 minutes on 2 cores). Users postgres / root without password;
# the benchmarks create and drop the schema bench_cluster and the tables bucket, collector_rate_* there.
# In JAVA_OPTS: -Dbench.chunks=N (1,000 chunks for scale and budget), -Dbench.replicas=3 (scale: these counts
# only; with -Dbench.one-replica-wall=<s> for the speed-up), -Dbench.budget-rpm=240 (budget: a budget the replicas
# exceed on a slow machine; 600 by default).
# The results, with the machine's load while they ran, go to benchmarks/target/cluster-benchmark.md; the
# tables in docs/performance.md were copied from there.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_POSTGRES_URL:?set BENCH_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/bench}"

./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
out=benchmarks/target/cluster-benchmark.md
samples=$(mktemp)
trap 'kill "$sampler" 2>/dev/null || true; rm -f "$samples"' EXIT

# the load of the machine every 5 s while the benchmarks run (other builds included)
( while true; do cut -d' ' -f1 /proc/loadavg >> "$samples"; sleep 5; done ) &
sampler=$!

{
	echo "## Cluster benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)."
	echo
} > "$out"

modes=("$@")
[[ ${#modes[@]} -eq 0 ]] && modes=(budget-comparison scale budget recovery)
for mode in "${modes[@]}"; do
	: > "$samples"
	started=$(date -u '+%H:%M')
	case "$mode" in
		budget-comparison)
			java ${JAVA_OPTS:-} -cp "$cp" dev.collector.benchmarks.cluster.RateBudgetComparison "$out" \
				"$BENCH_POSTGRES_URL" "${BENCH_MARIADB_URL:-}" ;;
		scale|budget|recovery)
			java ${JAVA_OPTS:-} -cp "$cp" dev.collector.benchmarks.cluster.ClusterBenchmark "$mode" \
				"$BENCH_POSTGRES_URL" "$out" ;;
		*) echo "unknown benchmark $mode" >&2; exit 2 ;;
	esac
	echo "Load average (1 min) during \`$mode\` ($started–$(date -u '+%H:%M') UTC): $(sort -n "$samples" | awk \
		'{a[NR]=$1; s+=$1} END {if (NR) printf "min %.1f, mean %.1f, max %.1f over %d samples", a[1], s/NR, a[NR], NR}')." >> "$out"
	echo >> "$out"
done
echo "wrote $out"
