# shellcheck shell=bash disable=SC2034
# What the daemon's script tests share; not a test itself (no _test.sh suffix).
#   NAME=e2e_test; source "$(dirname "$0")/daemon_common.sh" "$@"
# with the test's arguments STANDMATCHD STANDMATCH SOURCE_DIR. Sets DAEMON, CLI,
# SOURCE, EVENT_FILE and EVENT (villejuif-2025), WORK (a temporary directory removed
# at exit, with the daemon killed if it still runs), ORGANISER (a random organiser
# token, also in $WORK/token); defines fail, step, skip, need_tool, need_chromium, json,
# call_to, start_daemon and stop_daemon. curl and python3, which every script uses, are required here: a
# missing one skips the test (exit 77), or fails it when CI is set.

DAEMON=$(realpath "$1")
CLI=$(realpath "$2")
SOURCE=$(realpath "$3")
EVENT_FILE="$SOURCE/datasets/villejuif-2025/event.json"
EVENT=villejuif-fad-2025

WORK=$(mktemp -d)
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill -9 "$PID" 2>/dev/null || true; fi
  [[ -n "${KEEP_WORK:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "$NAME: FAIL: $*" >&2
  if [[ -s "$WORK/err" ]]; then echo "--- daemon stderr:" >&2; tail -20 "$WORK/err" >&2; fi
  exit 1
}
step() { echo "$NAME: [${SECONDS}s] $*"; }

# skip WHY: the test cannot run here; exit 77, which CTest shows as skipped. With CI
# set (.ci/run sets it), nothing a test needs may be missing: the test fails instead.
skip() {
  if [[ -n "${CI:-}" ]]; then fail "$* (CI is set: every tool a test needs must be installed, see scripts/packages.txt)"; fi
  echo "$NAME: SKIP: $*"
  exit 77
}

# need_tool COMMAND PACKAGE: skips (or fails in CI) when COMMAND is not installed.
need_tool() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed (apt-get install $2; scripts/packages.txt lists it)"
}

# json FILE EXPR: evaluates the Python expression EXPR over the JSON document d.
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

need_tool curl curl
need_tool python3 python3

# need_chromium: sets CHROMIUM to the installed Chromium (or Chrome); skips (or fails in
# CI) when there is none. For the browser tests.
need_chromium() {
  CHROMIUM=""
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then CHROMIUM=$(command -v "$candidate"); break; fi
  done
  [[ -n "$CHROMIUM" ]] || skip "chromium is not installed (apt-get install chromium; scripts/packages.txt lists it)"
}

# call_to METHOD PATH TOKEN OUT [curl args...]: the body goes to OUT; prints the status.
call_to() {
  local method=$1 path=$2 token=$3 out=$4
  shift 4
  local auth=()
  [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
  curl -sS -o "$out" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$BASE$path"
}

ORGANISER=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
printf '%s\n' "$ORGANISER" >"$WORK/token"

# start_daemon DB [flags...]: starts standmatchd on 127.0.0.1:0 with the organiser
# token; waits for its one line and sets PID and BASE (http://127.0.0.1:PORT).
start_daemon() {
  local db=$1
  shift
  : >"$WORK/out"
  "$DAEMON" --db "$db" --listen 127.0.0.1:0 --token-file "$WORK/token" "$@" >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  for _ in $(seq 300); do
    [[ -s "$WORK/out" ]] && break
    kill -0 "$PID" 2>/dev/null || fail "the daemon exited at start"
    sleep 0.05
  done
  local line
  line=$(head -1 "$WORK/out")
  [[ "$line" =~ ^standmatchd\ listening\ on\ http://127\.0\.0\.1:([0-9]+)$ ]] || fail "start line: '$line'"
  [[ "${BASH_REMATCH[1]}" != 0 ]] || fail "the start line shows port 0"
  BASE="http://127.0.0.1:${BASH_REMATCH[1]}"
}

# stop_daemon: SIGTERM; fails unless the daemon exits 0 within 5 s.
stop_daemon() {
  kill -TERM "$PID"
  for _ in $(seq 50); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$PID" 2>/dev/null && fail "still running 5 s after SIGTERM"
  local code=0
  wait "$PID" || code=$?
  PID=""
  [[ $code == 0 ]] || fail "exit $code after SIGTERM"
}

# kill_daemon: kill -9, no questions.
kill_daemon() {
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}

# call METHOD PATH [TOKEN] [curl args...]: sets STATUS; the body in $WORK/body, headers in
# $WORK/headers. expect, fetch and check_schedule assert on them.
call() {
  local method=$1 path=$2 token=${3:-}
  shift 3 || shift $#
  local auth=()
  [[ -n "$token" ]] && auth=(-H "Authorization: Bearer $token")
  STATUS=$(curl -sS -X "$method" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "${auth[@]}" "$@" \
    "$BASE$path") || fail "$method $path: curl failed"
}
expect() {  # expect CODE WHAT
  [[ "$STATUS" == "$1" ]] || fail "$2: status $STATUS, expected $1; body: $(head -c 400 "$WORK/body")"
}
fetch() {  # fetch PATH FILE WHAT: GET with the organiser's token, 200 expected, body kept in FILE
  call GET "$1" "$ORGANISER"
  expect 200 "$3"
  cp "$WORK/body" "$2"
}
check_schedule() {  # check_schedule EVENT SCHEDULE WHAT: standmatch check must pass
  "$CLI" check "$1" "$2" >"$WORK/check.out" 2>&1 || fail "standmatch check on $3: $(cat "$WORK/check.out")"
}
# run_schedule_job [QUERY]: POST /events/$EVENT/schedule[QUERY] (202 with a Location) and
# waits for the job; sets VERSION.
run_schedule_job() {
  call POST "/events/$EVENT/schedule${1:-}" "$ORGANISER"
  expect 202 "POST schedule${1:-}"
  local job state=""
  job=$(json "$WORK/body" 'd["job"]')
  grep -qi "^Location: /jobs/$job" "$WORK/headers" || fail "202 without Location: /jobs/$job"
  for _ in $(seq 600); do
    call GET "/jobs/$job" "$ORGANISER"
    expect 200 "GET /jobs/$job"
    state=$(json "$WORK/body" 'd["state"]')
    [[ "$state" == "done" || "$state" == "failed" ]] && break
    sleep 0.1
  done
  [[ "$state" == "done" ]] || fail "job ended '$state': $(cat "$WORK/body")"
  VERSION=$(json "$WORK/body" 'd["result"]["version"]')
}

# need_chromium: sets CHROMIUM, or skips (fails in CI) when no Chromium is installed.
need_chromium() {
  CHROMIUM=""
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then CHROMIUM=$(command -v "$candidate"); break; fi
  done
  [[ -n "$CHROMIUM" ]] || skip "chromium is not installed (apt-get install chromium; scripts/packages.txt lists it)"
}

# pick_no_show SCHEDULE_JSON: prints "SUPPLIER STAND NOW LATER" for the day's tests: the
# earliest meeting of a supplier who has a later one (history at NOW, the next start after
# it, so a no-show there cancels the later one), and LATER, the start after NOW.
pick_no_show() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
starts = sorted({m["start"] for m in d["meetings"]})
first = min((m["start"], m["supplier"], m["stand"]) for m in d["meetings"]
            if any(n["supplier"] == m["supplier"] and n["start"] > m["start"] for n in d["meetings"]))
now = next(s for s in starts if s > first[0])
print(first[1], first[2], now, next(s for s in starts if s > now))
PY
}
