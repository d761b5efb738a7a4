#!/usr/bin/env bash
# crownpath: run a Neo4j 5.26 Community server on 127.0.0.1 without Docker (issue 7).
#
#   scripts/neo4j-local.sh start    fetch the jars (first time), start, wait until Bolt answers
#   scripts/neo4j-local.sh stop     stop the server started by this script (by its pid file)
#   scripts/neo4j-local.sh status   say whether it runs and answers
#   scripts/neo4j-local.sh reset    stop and delete its data directory
#   scripts/neo4j-local.sh fetch    only fetch the jars
#
# The jars come from Maven Central through `mvn` (scripts/neo4j-local/pom.xml) into a cache outside
# the checkout; Neo4j Community is GPLv3, so nothing of it is ever committed. The server is
# scripts/neo4j-local/Launcher.java, run as a single source file on Java 17 (5.26 is the last Neo4j
# line that runs on 17). Users with Docker use docker-compose.yml instead.
#
# Environment:
#   CROWNPATH_NEO4J_HOME      cache + data root (default ~/.cache/crownpath-neo4j)
#   CROWNPATH_NEO4J_PORT      Bolt port on 127.0.0.1 (default 7687)
#   CROWNPATH_NEO4J_DATA      data directory (default $CROWNPATH_NEO4J_HOME/data-<port>)
#   CROWNPATH_NEO4J_PASSWORD  set → auth on with user neo4j / this password; unset → auth off
#   CROWNPATH_NEO4J_HEAP      JVM heap (default 1g)
#   CROWNPATH_NEO4J_TIMEOUT   seconds to wait for Bolt (default 240)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
POM="$ROOT/scripts/neo4j-local/pom.xml"
LAUNCHER="$ROOT/scripts/neo4j-local/Launcher.java"
NEO4J_ROOT=${CROWNPATH_NEO4J_HOME:-$HOME/.cache/crownpath-neo4j}
PORT=${CROWNPATH_NEO4J_PORT:-7687}
DATA=${CROWNPATH_NEO4J_DATA:-$NEO4J_ROOT/data-$PORT}
PIDFILE="$NEO4J_ROOT/neo4j-$PORT.pid"
LOG="$NEO4J_ROOT/neo4j-$PORT.log"
TIMEOUT=${CROWNPATH_NEO4J_TIMEOUT:-240}
VERSION=$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM")
LIB="$NEO4J_ROOT/lib-$VERSION"

say() { echo "neo4j-local: $*" >&2; }

# Java 17 (or 21) runs 5.26; prefer Debian's 17 over whatever `java` is first on PATH.
pick_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      local v
      v=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
      if [ "$v" = 17 ] || [ "$v" = 21 ]; then echo "$candidate/bin/java"; return; fi
    fi
  done
  echo java
}

fetch() {
  if [ -f "$LIB/.complete" ]; then return; fi
  command -v mvn >/dev/null || { say "mvn is required to fetch Neo4j $VERSION (apt-get install maven)"; exit 1; }
  say "fetching Neo4j $VERSION jars from Maven Central into $LIB (first time only)"
  mkdir -p "$NEO4J_ROOT"
  rm -rf "$LIB.tmp"
  local t0=$SECONDS
  mvn -B -q -f "$POM" dependency:copy-dependencies -DoutputDirectory="$LIB.tmp" >&2
  rm -rf "$LIB" && mv "$LIB.tmp" "$LIB" && touch "$LIB/.complete"
  say "fetched $(ls "$LIB" | wc -l) jars in $((SECONDS - t0)) s"
}

# The pid in the pid file, when that process is alive and is our launcher.
running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'Launcher.java' || return 1
  echo "$pid"
}

# Does Bolt accept a session? Asked with the project's own driver (verifyConnectivity).
bolt_ok() {
  (cd "$ROOT" && NEO4J_PROBE_URI="bolt://127.0.0.1:$PORT" node --input-type=module -e '
    import neo4j from "neo4j-driver"
    const password = process.env.CROWNPATH_NEO4J_PASSWORD
    const auth = password ? neo4j.auth.basic("neo4j", password) : undefined
    const driver = neo4j.driver(process.env.NEO4J_PROBE_URI, auth, { connectionTimeout: 2000 })
    try { await driver.verifyConnectivity(); process.exitCode = 0 } catch { process.exitCode = 1 } finally { await driver.close() }
  ' >/dev/null 2>&1)
}

start() {
  if pid=$(running_pid); then
    say "already running (pid $pid) on bolt://127.0.0.1:$PORT"
    wait_ready "$pid"
    return
  fi
  fetch
  mkdir -p "$DATA"
  local java
  java=$(pick_java)
  say "starting Neo4j $VERSION on bolt://127.0.0.1:$PORT (data $DATA, log $LOG)"
  T0=$(date +%s%N)
  # The --add-opens flags are the ones the 5.x start scripts pass (netty and the page cache use them).
  CROWNPATH_NEO4J_DATA="$DATA" CROWNPATH_NEO4J_PORT="$PORT" \
    setsid "$java" -Xms256m -Xmx"${CROWNPATH_NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true -Djdk.attach.allowAttachSelf=true \
    -cp "$LIB/*" "$LAUNCHER" >"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  wait_ready "$pid"
}

wait_ready() {
  local pid=$1
  local deadline=$((SECONDS + TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the server exited before it was ready; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    if grep -q 'crownpath-neo4j: ready' "$LOG" 2>/dev/null && bolt_ok; then
      if [ -n "${T0:-}" ]; then
        say "ready on bolt://127.0.0.1:$PORT (pid $pid) after $((($(date +%s%N) - T0) / 1000000)) ms"
      else
        say "ready on bolt://127.0.0.1:$PORT (pid $pid)"
      fi
      return
    fi
    sleep 1
  done
  say "Bolt did not answer on 127.0.0.1:$PORT within $TIMEOUT s; last lines of $LOG:"
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    say "not running (no live pid in $PIDFILE)"
    rm -f "$PIDFILE"
    return
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not stop in 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(running_pid); then
    if bolt_ok; then say "running (pid $pid), bolt://127.0.0.1:$PORT answers"; else say "running (pid $pid), bolt://127.0.0.1:$PORT does not answer yet"; exit 1; fi
  else
    say "not running"
    exit 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) fetch ;;
  reset) stop; rm -rf "$DATA"; say "deleted $DATA" ;;
  *) echo "usage: $0 {start|stop|status|reset|fetch}" >&2; exit 2 ;;
esac
