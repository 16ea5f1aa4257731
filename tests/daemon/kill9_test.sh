#!/usr/bin/env bash
# Crash safety: kill -9 standmatchd in the middle of a large import, several times at
# different moments; each restart on the same database must find the event committed
# before intact (same revision, same tokens), the database consistent, and the large
# event either absent or complete (never half imported).
#   bash kill9_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
set -euo pipefail

# shellcheck disable=SC2034  # used by daemon_common.sh
NAME=kill9_test
source "$(dirname "$0")/daemon_common.sh" "$@"
need_tool sqlite3 sqlite3
DB="$WORK/standmatchd.db"

start() { start_daemon "$DB" --max-body 200000000; }
get() {  # get PATH OUT: 200 expected
  local status
  status=$(curl -sS -o "$2" -w '%{http_code}' -H "Authorization: Bearer $ORGANISER" "$BASE$1") ||
    fail "GET $1: curl failed"
  [[ "$status" == 200 ]] || fail "GET $1: status $status: $(head -c 300 "$2")"
}
put_event() {  # put_event ID FILE OUT: the status on stdout
  curl -sS -o "$3" -w '%{http_code}' -X PUT -H "Authorization: Bearer $ORGANISER" \
    -H 'Content-Type: application/json' --data-binary @"$2" "$BASE/events/$1" || true
}

# The state that must survive: an event, committed.
step "commit the first event"
start
status=$(put_event "$EVENT" "$EVENT_FILE" "$WORK/put.json")
[[ "$status" == 201 ]] || fail "PUT $EVENT: $status: $(cat "$WORK/put.json")"
get /events "$WORK/events.json"
get "/events/$EVENT/tokens" "$WORK/tokens.json"
get "/events/$EVENT" "$WORK/event.json"
REVISION=$(json "$WORK/put.json" 'd["revision"]')

# The large import: a generated 20,000-supplier forum.
"$CLI" generate --suppliers 20000 --stands 300 --seed 7 --out "$WORK/big.json" >/dev/null ||
  fail "standmatch generate"
BIG=$(json "$WORK/big.json" 'd["event"]["id"]')
BIG_SUPPLIERS=$(json "$WORK/big.json" 'len(d["suppliers"])')
step "large event $BIG: $BIG_SUPPLIERS suppliers, $(stat -c %s "$WORK/big.json") bytes"

# delete_big WANTED: DELETE the large event; WANTED is 204 (it is there) or 404.
delete_big() {
  local status
  status=$(curl -sS -o "$WORK/delete.json" -w '%{http_code}' -X DELETE -H "Authorization: Bearer $ORGANISER" \
    "$BASE/events/$BIG") || fail "DELETE $BIG: curl failed"
  [[ "$status" == "$1" ]] || fail "DELETE $BIG: status $status, wanted $1: $(head -c 300 "$WORK/delete.json")"
}
big_present() { [[ $(json "$WORK/events.now" '"'"$BIG"'" in [e["id"] for e in d["events"]]') == True ]]; }

# verify: after a crash, everything committed is there and nothing half-done is.
verify() {
  local what=$1
  start
  local health
  health=$(curl -sS "$BASE/health") || fail "$what: /health unreachable"
  [[ $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$health") == ok ]] ||
    fail "$what: /health: $health"
  get "/events/$EVENT/tokens" "$WORK/tokens.now"
  cmp -s "$WORK/tokens.json" "$WORK/tokens.now" || fail "$what: the first event's tokens changed"
  get "/events/$EVENT" "$WORK/event.now"
  cmp -s "$WORK/event.json" "$WORK/event.now" || fail "$what: the first event changed"
  get /events "$WORK/events.now"
  [[ $(json "$WORK/events.now" '[e["revision"] for e in d["events"] if e["id"]=="'"$EVENT"'"]') == "[$REVISION]" ]] ||
    fail "$what: the first event's revision: $(cat "$WORK/events.now")"
  if big_present; then
    get "/events/$BIG/tokens" "$WORK/big-tokens.now"
    [[ $(json "$WORK/big-tokens.now" 'len(d["tokens"])') == "$BIG_SUPPLIERS" ]] ||
      fail "$what: $BIG is there with $(json "$WORK/big-tokens.now" 'len(d["tokens"])') tokens of $BIG_SUPPLIERS"
    get "/events/$BIG" "$WORK/big.now"
    [[ $(json "$WORK/big.now" 'len(d["suppliers"])') == "$BIG_SUPPLIERS" ]] || fail "$what: $BIG is incomplete"
    echo "kill9_test:   $what: $BIG complete"
  else
    echo "kill9_test:   $what: $BIG absent"
  fi
  stop_daemon
  [[ $(sqlite3 "$DB" 'PRAGMA integrity_check;') == ok ]] || fail "$what: integrity_check: $(sqlite3 "$DB" 'PRAGMA integrity_check;')"
}

stop_daemon

step "the import runs to its end when left alone"
start
T0=$(date +%s.%N)
status=$(put_event "$BIG" "$WORK/big.json" "$WORK/put-big.json")
T1=$(date +%s.%N)
[[ "$status" == 201 ]] || fail "PUT $BIG: $status: $(head -c 300 "$WORK/put-big.json")"
IMPORT_SECONDS=$(python3 -c "print(f'{$T1-$T0:.2f}')")
step "  the import took $IMPORT_SECONDS s"
kill_daemon
verify "after kill -9 once the import answered"
big_present || fail "an import answered 201 is lost after kill -9"
# Remove it again: each round below starts without it, so every kill hits an import.
start
delete_big 204
stop_daemon

# The kills: at these fractions of the undisturbed import's time (upload, parsing,
# the store's transaction and its commit).
DELAYS=$(python3 -c "print(' '.join(f'{$IMPORT_SECONDS*f:.2f}' for f in (0.15, 0.5, 0.8, 0.95)))")
for delay in $DELAYS; do
  step "kill -9 ${delay}s into the import"
  start
  put_event "$BIG" "$WORK/big.json" "$WORK/put-big.json" >"$WORK/put-big.status" 2>/dev/null &
  CURL=$!
  sleep "$delay"
  kill_daemon
  wait "$CURL" || true
  # What the client was told before the kill: 201 (committed), or no final answer (000;
  # 100 when only the interim "100 Continue" came).
  answered=$(cat "$WORK/put-big.status")
  [[ "$answered" == 201 || "$answered" == 000 || "$answered" == 100 ]] || fail "the killed import was answered $answered"
  verify "after kill -9 at ${delay}s (the import was answered: $answered)"
  if [[ "$answered" == 201 ]]; then
    big_present || fail "an import answered 201 is lost after kill -9 at ${delay}s"
  fi
  # Start the next round from the large event absent, so every kill hits an import.
  start
  if big_present; then delete_big 204; else delete_big 404; fi
  stop_daemon
done

echo "kill9_test: ok"
