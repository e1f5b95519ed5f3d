#!/usr/bin/env bash
# Runs every benchmark of the benchmarks/ module and writes docs/performance.md.
#
#   scripts/benchmarks.sh            full run: 500k records per JDBC contender, 2M records in a 256 MB heap
#   scripts/benchmarks.sh --quick    the same with 100k / 200k records, to try it out (writes to target/)
#   scripts/benchmarks.sh --only startup|footprint|jdbc   one part, printed (docs/performance.md untouched)
#
# Start-up and footprint also run the sample as its container image does (no Docker engine needed: the
# Dockerfile's extract, CDS training run, ENTRYPOINT and JAVA_TOOL_OPTIONS, reproduced with plain java).
# BENCH_ROUNDS (default 11) sets the start-up rounds, BENCH_RECORDS (default 500000) the JDBC records. The machine should be quiet: run `uptime` first.
#
# Databases: BENCH_POSTGRES_URL and BENCH_MARIADB_URL (JDBC URLs; users postgres and root, no password),
# each benchmark creates and drops the table bench_item there. Unset: that database is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

records="${BENCH_RECORDS:-500000}"
heap_records=2000000
out=docs/performance.md
only=""
if [[ "${1:-}" == "--quick" ]]; then
	records=100000
	heap_records=200000
	out=benchmarks/target/performance-quick.md
elif [[ "${1:-}" == "--only" ]]; then
	only="${2:?--only startup, footprint or jdbc}"
fi

./mvnw -B -q -Pbenchmarks -pl benchmarks,sample-news-collector -am package -DskipTests -Djacoco.skip=true
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java=(java -cp "$cp")
# absolute paths: the image's extract and training run work in a directory of their own
sample=(-Dbench.sample-jar="$(ls "$PWD"/sample-news-collector/target/sample-news-collector-*-exec.jar)"
	-Dbench.dockerfile="$PWD/sample-news-collector/Dockerfile" -Dbench.rounds="${BENCH_ROUNDS:-11}")

if [[ -n "$only" ]]; then
	part=$(mktemp)
	case "$only" in
		startup) "${java[@]}" "${sample[@]}" dev.collector.benchmarks.startup.StartupComparison "$part" ;;
		footprint) "${java[@]}" "${sample[@]}" dev.collector.benchmarks.startup.Footprint "$part" ;;
		jdbc) "${java[@]}" -Xmx1g dev.collector.benchmarks.JdbcComparison "$records" "$part" ;;
		*) echo "unknown part: $only" >&2; exit 2 ;;
	esac
	echo "--- $only, load average before: see uptime; result:"
	cat "$part"
	rm -f "$part"
	exit 0
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

pg_version=$( [[ -n "${BENCH_POSTGRES_URL:-}" ]] && psql "${BENCH_POSTGRES_URL#jdbc:}" -U postgres -Atc 'show server_version' 2>/dev/null || echo "n/a")
maria_version=$( [[ -n "${BENCH_MARIADB_URL:-}" ]] && mysql -h 127.0.0.1 -u root -N -e 'select version()' 2>/dev/null || echo "n/a")
{
	echo "# Performance"
	echo
	echo "Written by \`scripts/benchmarks.sh\` (module \`benchmarks/\`, not part of \`./mvnw verify\`)."
	echo "**Ratios are what we claim; absolute numbers are context**: they depend on the machine and on what else"
	echo "runs on it."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	echo "| machine | $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr) |"
	echo "| JDK | $(java -version 2>&1 | head -1) |"
	echo "| PostgreSQL | ${pg_version} (loopback, default configuration) |"
	echo "| MariaDB | ${maria_version} (loopback, default configuration) |"
	echo "| H2 | in memory, in the benchmark's JVM |"
	echo "| load average at the start | $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo
	echo "Reproduce: start PostgreSQL and MariaDB, then"
	echo
	echo '```bash'
	echo 'BENCH_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/bench BENCH_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306/bench scripts/benchmarks.sh'
	echo '```'
	echo
	echo 'One part alone (printed, this file untouched): `scripts/benchmarks.sh --only startup` (or `footprint`, `jdbc`).'
	echo
	echo '```bash'
	echo 'scripts/startup-check.sh   # the starter against the bare application, whole processes timed alternately (farm-bench)'
	echo '```'
	echo
} > "$tmp"

"${java[@]}" -Xmx1g dev.collector.benchmarks.JdbcComparison "$records" "$tmp"

if [[ -n "${BENCH_POSTGRES_URL:-}" ]]; then
	line=$("${java[@]}" -Xmx256m dev.collector.benchmarks.HeapRun "$heap_records" "$BENCH_POSTGRES_URL" postgres | grep '^HEAP ')
	read -r _ n inserted peak max seconds <<< "$line"
	{
		echo "## Memory"
		echo
		echo "One collection of ${n} records through the default pipeline into PostgreSQL, in a forked JVM"
		echo "with \`-Xmx256m\`: it completed, ${inserted} inserted, in ${seconds} s; peak heap ${peak} MB"
		echo "(sum of the heap pools' peaks, an upper bound) of ${max} MB. Records stream through in batches,"
		echo "so the heap does not grow with the size of a collection."
		echo
	} >> "$tmp"
fi

"${java[@]}" dev.collector.benchmarks.OverheadReport "$tmp"
"${java[@]}" "${sample[@]}" dev.collector.benchmarks.startup.StartupComparison "$tmp"
"${java[@]}" "${sample[@]}" dev.collector.benchmarks.startup.Footprint "$tmp"

# the hand-written reading of the numbers (from its marker to the end) survives a new run
if [[ -f docs/performance.md ]] && grep -q '^<!-- notes' docs/performance.md; then
	echo >> "$tmp"
	sed -n '/^<!-- notes/,$p' docs/performance.md >> "$tmp"
fi
cp "$tmp" "$out"
echo "wrote $out"
