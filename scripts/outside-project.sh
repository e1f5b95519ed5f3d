#!/usr/bin/env bash
# Builds the FX collector of docs/getting-started.md as a Maven project of its own, outside this
# repository: Spring Boot's parent, the collector-dependencies BOM, the starter, H2 and the test kit,
# with no version in its dependencies. The collector's SNAPSHOTs are installed into a local repository
# of this script's own (never ~/.m2), empty unless told otherwise, so that nothing but the BOM and
# Maven Central can provide a version.
#
#   scripts/outside-project.sh [--run] [work directory]
#
#   --run   then start the application against a small fake FX API and backfill three days:
#           prints the first stored record (what "clone to first record" measures)
#
# Environment: OUTSIDE_M2 (the local repository, default <work>/m2, created empty),
# JAVA_HOME as for ./mvnw. Needs Maven Central; with --run also python3 and curl.
set -euo pipefail

run=false
if [[ "${1:-}" == "--run" ]]; then run=true; shift; fi
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
repo="${OUTSIDE_M2:-$work/m2}"
project="$work/fx-outside"
mvn=("$root/mvnw" -B -q -Dmaven.repo.local="$repo")
started=$(date +%s)
step() { echo "[$(( $(date +%s) - started ))s] $*"; }

step "installing the collector's SNAPSHOTs into $repo"
"${mvn[@]}" -f "$root/pom.xml" -DskipTests -Djacoco.skip=true -Dspring-javaformat.skip=true install \
  -pl collector-dependencies,collector-test-support,collector-spring-boot-autoconfigure,collector-spring-boot-starter,collector-spring-boot-test -am

step "writing $project"
rm -rf "$project"
mkdir -p "$project"
cp -r "$root/sample-fx-collector/src" "$project/src"
rm -f "$project/src/test/java/dev/collector/sample/fx/GettingStartedGuideTests.java"
boot_version="$(sed -n 's:.*<spring-boot.version>\(.*\)</spring-boot.version>.*:\1:p' "$root/pom.xml")"
collector_version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/collector-dependencies/pom.xml" | head -1)"
cat > "$project/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>${boot_version}</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>fx-outside</artifactId>
  <version>1.0.0</version>
  <properties>
    <java.version>17</java.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>dev.collector</groupId>
        <artifactId>collector-dependencies</artifactId>
        <version>${collector_version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>dev.collector</groupId>
      <artifactId>collector-spring-boot-starter</artifactId>
    </dependency>
    <dependency>
      <groupId>com.h2database</groupId>
      <artifactId>h2</artifactId>
      <scope>runtime</scope>
    </dependency>
    <dependency>
      <groupId>dev.collector</groupId>
      <artifactId>collector-spring-boot-test</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
POM
if sed -n '/<\/dependencyManagement>/,/<build>/p' "$project/pom.xml" | grep -q '<version>'; then
  echo "the project's dependencies must not carry versions" >&2; exit 1
fi

step "building it (its test runs the FX collector against a FakeUpstream)"
"${mvn[@]}" -f "$project/pom.xml" verify
grep -h "Tests run" "$project"/target/surefire-reports/*.txt
step "built: $project/target/fx-outside-1.0.0.jar"

if ! $run; then exit 0; fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
fx_port=$(free_port)
app_port=$(free_port)
cat > "$work/fx-api.py" <<'PY'
# a fake FX API: every day of [from, to) on page 1, an empty page after it
import datetime, http.server, json, sys, urllib.parse
class Rates(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(self.path).query))
        day, to = datetime.date.fromisoformat(query["from"]), datetime.date.fromisoformat(query["to"])
        rates = []
        while query.get("page") == "1" and day < to:
            rates.append({"date": day.isoformat(), "rate": 1.09})
            day += datetime.timedelta(days=1)
        body = json.dumps(rates).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Rates).serve_forever()
PY
python3 "$work/fx-api.py" "$fx_port" & fx_pid=$!
java -jar "$project/target/fx-outside-1.0.0.jar" --server.port="$app_port" --fx.url="http://127.0.0.1:$fx_port" \
  --collector.schedule.enabled=false > "$work/app.log" 2>&1 & app_pid=$!
trap 'kill $app_pid $fx_pid 2>/dev/null || true' EXIT
step "started the application (pid $app_pid) and the fake FX API (pid $fx_pid)"
# a start-up takes seconds on a quiet machine; give a busy one five minutes
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$app_port/ready" > /dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { tail -50 "$work/app.log"; exit 1; }
  sleep 0.5
done
step "the application is ready"
# three days a week ago: inside the retention horizon (collector.retention.days) whatever the date
first_day=$(date -u -d '9 days ago' +%F)
last_day=$(date -u -d '7 days ago' +%F)
task=$(curl -fs -X POST "http://127.0.0.1:$app_port/backfill" -H 'Content-Type: application/json' \
  -d "{\"start_date\":\"$first_day\",\"end_date\":\"$last_day\",\"symbols\":[\"EUR\"]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])')
for _ in $(seq 1 240); do
  status=$(curl -fs "http://127.0.0.1:$app_port/backfill/$task" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(p["status"], p["records_backfilled"])')
  case "$status" in succeeded*|failed*|cancelled*) break ;; esac
  sleep 0.25
done
step "backfill $task: $status"
[[ "$status" == succeeded* && "${status#* }" -gt 0 ]] || { tail -50 "$work/app.log"; exit 1; }
step "first record stored: $(curl -fs "http://127.0.0.1:$app_port/coverage?symbol=EUR&from=$first_day&to=$last_day")"
