#!/usr/bin/env bash
# The music store's game day as an experiment: start the catalog backend and the store (with
# chaos-agent watching a plan), warm them up, then install the experiment (examples/game-day.yaml):
# the agent measures the steady state (success >= 99%, p99 < 500 ms) on the store's own calls, gates
# the chaos on it, runs the phases, aborts on the call that breaks the hypothesis, and gives the
# verdict; the load goes on meanwhile and the day ends with one table and report.html.
#
#   examples/game-day.sh                 the protected store (expected to pass)
#   examples/game-day.sh --unprotected   the same day against the unprotected store (expected to fail)
#   options: --phase-seconds N (default 8), --rebuild (build even if the jars exist)
#   ports: each server binds a free port of 127.0.0.1 and says which; CHAOS_GAME_DAY_PORT=N asks
#          for N (the backend) and N+1 (the store) instead, which must then be free.
#   exit: 0 the hypothesis held until the abort demo (where the agent aborted, as it should), 1 the
#         agent aborted earlier or the hypothesis broke, 2 bad usage or a missing tool, 3 not steady
#         (no fault was injected).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
mode="protected"
phase_seconds=8
rebuild=false
while [ $# -gt 0 ]; do
  case "$1" in
    --unprotected) mode="unprotected" ;;
    --phase-seconds) phase_seconds="$2"; shift ;;
    --rebuild) rebuild=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "game-day: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf 'game-day: %s\n' "$*" >&2; }

command -v java >/dev/null || { say "java is not on the PATH (install a JDK 17 or later)"; exit 2; }
java_version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${java_version%%.*}" -lt 17 ] 2>/dev/null; then
  say "java $java_version is too old (chaos-agent needs 17 or later)"; exit 2
fi

# Port 0 unless asked: each server binds a free port and prints it, and the script reads it back.
backend_port=0
store_port=0
if [ -n "${CHAOS_GAME_DAY_PORT:-}" ]; then
  backend_port=$CHAOS_GAME_DAY_PORT
  store_port=$((backend_port + 1))
  for port in "$backend_port" "$store_port"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      say "port $port on 127.0.0.1 is in use; free it, set CHAOS_GAME_DAY_PORT to another base port, or unset it"; exit 2
    fi
  done
fi

agent_jar="$root/chaos-agent/target/chaos-agent.jar"
classpath_file="$root/examples/target/classpath.txt"
if $rebuild || [ ! -f "$agent_jar" ] || [ ! -f "$classpath_file" ]; then
  command -v mvn >/dev/null || { say "mvn is not on the PATH (install Maven 3.8 or later to build)"; exit 2; }
  say "building chaos-agent and the example (mvn -DskipTests package) ..."
  (cd "$root" && mvn -B -q -DskipTests package -pl examples -am)
fi
classpath="$root/examples/target/classes:$(cat "$classpath_file")"

work="$root/examples/target/game-day"
mkdir -p "$work"
journal="$work/journal.jsonl"
plan="$work/plan.yaml"
rm -f "$journal" "$work/report.html"
printf 'rules: []\n' > "$plan"   # the store starts with no chaos; the experiment comes once it is warm

# Short-lived JVMs on what may be a small machine shared with other work: the JIT's first tier only
# (the warm-up compiles the hot paths; no second-tier compilations compete with the day for the
# cores), the serial collector and small heaps.
jvm=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m)

pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# The port a server started in the background listens on, from its "listening on 127.0.0.1:PORT" line.
listening_port() { # log, pid, what
  for _ in $(seq 1 300); do
    local port
    port=$(sed -n 's/.* listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$1" | head -n 1)
    if [ -n "$port" ]; then echo "$port"; return 0; fi
    kill -0 "$2" 2>/dev/null || { say "the $3 did not start:"; cat "$1" >&2; return 1; }
    sleep 0.2
  done
  say "the $3 does not listen on 127.0.0.1 after 60 s:"; cat "$1" >&2; return 1
}

"${jvm[@]}" -cp "$classpath" dev.chaosagent.examples.musicstore.CatalogBackendServer "$backend_port" > "$work/backend.log" 2>&1 &
backend_pid=$!
pids+=("$backend_pid")
backend_port=$(listening_port "$work/backend.log" "$backend_pid" "catalog backend")
say "the catalog backend listens on 127.0.0.1:$backend_port"

store_args=("$store_port" "http://127.0.0.1:$backend_port")
[ "$mode" = "unprotected" ] && store_args+=(--unprotected)
"${jvm[@]}" "-javaagent:$agent_jar=config=$plan,journal=$journal" \
  -cp "$classpath" dev.chaosagent.examples.musicstore.MusicStoreServer "${store_args[@]}" > "$work/store.log" 2>&1 &
store_pid=$!
pids+=("$store_pid")
store_port=$(listening_port "$work/store.log" "$store_pid" "$mode music store")
say "the $mode music store listens on 127.0.0.1:$store_port, with chaos-agent"

say "game day: warm-up, then the experiment's 6 phases of ${phase_seconds}s; 4 clients, each at most 100 requests a second"
status=0
"${jvm[@]}" -cp "$classpath" dev.chaosagent.examples.musicstore.GameDay "http://127.0.0.1:$store_port" "$store_pid" "$agent_jar" \
  "$plan" "$root/examples/game-day.yaml" "$journal" --phase-seconds "$phase_seconds" || status=$?
say "journal: $journal"
if java -jar "$agent_jar" report "$journal" -o "$work/report.html" >/dev/null; then
  say "report for the postmortem: $work/report.html"
fi
say "store log: $work/store.log"
exit $status
