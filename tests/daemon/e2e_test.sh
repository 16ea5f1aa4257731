#!/usr/bin/env bash
# End to end: the real standmatchd on a loopback port chosen by the OS, driven with curl.
#   bash e2e_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
# Every step asserts; the first failure stops the script with a message and exit 1.
set -euo pipefail

# shellcheck disable=SC2034  # used by daemon_common.sh
NAME=e2e_test
source "$(dirname "$0")/daemon_common.sh" "$@"

# --- refusals at start -------------------------------------------------------------
step "start refusals"
set +e
env -u STANDMATCHD_TOKEN "$DAEMON" --db "$WORK/x.db" --listen 127.0.0.1:0 >/dev/null 2>"$WORK/refuse"
code=$?
set -e
[[ $code == 2 ]] || fail "no token: exit $code, expected 2"
grep -q "STANDMATCHD_TOKEN" "$WORK/refuse" || fail "no token: the message does not say how to give one"
set +e
STANDMATCHD_TOKEN=short "$DAEMON" --db "$WORK/x.db" --listen 127.0.0.1:0 >/dev/null 2>"$WORK/refuse"
code=$?
set -e
[[ $code == 2 ]] || fail "short token: exit $code, expected 2"
grep -q "at least 16" "$WORK/refuse" || fail "short token: message: $(cat "$WORK/refuse")"
set +e
"$DAEMON" --db "$WORK/x.db" --listen nonsense --token-file "$WORK/token" >/dev/null 2>"$WORK/refuse"
code=$?
set -e
[[ $code == 2 ]] || fail "bad --listen: exit $code, expected 2"
set +e
"$DAEMON" --db "$WORK/no/such/dir/x.db" --listen 127.0.0.1:0 --token-file "$WORK/token" >/dev/null 2>"$WORK/refuse"
code=$?
set -e
[[ $code == 1 ]] || fail "unopenable --db: exit $code, expected 1"
set +e
printf 'code;fr\n45000000;Travaux\nnot a code;x\n' >"$WORK/cpv.csv"
"$DAEMON" --db "$WORK/x.db" --listen 127.0.0.1:0 --token-file "$WORK/token" --cpv-list "$WORK/cpv.csv" \
  >/dev/null 2>"$WORK/refuse"
code=$?
set -e
[[ $code == 1 ]] || fail "bad --cpv-list: exit $code, expected 1"
grep -q "cpv.csv: line 3" "$WORK/refuse" || fail "bad --cpv-list: message: $(cat "$WORK/refuse")"

# --- start -------------------------------------------------------------------------
step "start"
start_daemon "$WORK/standmatchd.db" --threads 2 --max-body 1000000 --read-timeout 2 --access-log "$WORK/access.log"

# call METHOD PATH [TOKEN] [curl args...]: sets STATUS; the body is in $WORK/body, headers in $WORK/headers.
expect_error_body() {
  json "$WORK/body" 'd["error"]' >/dev/null 2>&1 || fail "$1: the body is not {\"error\": ...}: $(head -c 200 "$WORK/body")"
}

# --- health and refusals -----------------------------------------------------------
step "health"
call GET /health ""
expect 200 "GET /health"
[[ $(json "$WORK/body" 'd["status"]') == ok ]] || fail "health: $(cat "$WORK/body")"
[[ $(tail -c 1 "$WORK/body" | od -An -c | tr -d ' ') == '\n' ]] || fail "health: the body does not end with a newline"

step "401 403 404 405 413"
call GET /events ""
expect 401 "GET /events without a token"
expect_error_body "401"
call GET /events "not-a-token-at-all-xxxxxxxxxxxxxxxx"
expect 401 "GET /events with an unknown token"
call GET /no/such/route "$ORGANISER"
expect 404 "unknown route"
expect_error_body "404"
call DELETE /health ""
expect 405 "DELETE /health"
grep -qi '^Allow: .*GET' "$WORK/headers" || fail "405 without an Allow header naming GET"
head -c 1500000 /dev/zero | tr '\0' ' ' >"$WORK/big"
call PUT "/events/$EVENT" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$WORK/big"
expect 413 "a 1.5 MB body over --max-body 1000000"
expect_error_body "413"
call PUT "/events/$EVENT" "$ORGANISER" -H 'Content-Type: application/json' --data-binary '{"format": '
expect 400 "malformed JSON"
expect_error_body "400"

# --- import ------------------------------------------------------------------------
step "PUT the event"
call PUT "/events/$EVENT" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$EVENT_FILE"
expect 201 "PUT /events/$EVENT (new)"
[[ $(json "$WORK/body" 'd["id"]') == "$EVENT" ]] || fail "PUT answer: $(cat "$WORK/body")"
[[ $(json "$WORK/body" 'd["suppliers"]') == 41 ]] || fail "PUT answer: suppliers: $(cat "$WORK/body")"
call PUT "/events/$EVENT" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$EVENT_FILE"
expect 200 "PUT /events/$EVENT (replaced)"
REVISION=$(json "$WORK/body" 'd["revision"]')
call PUT "/events/other-id" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$EVENT_FILE"
expect 400 "PUT with an id that is not the event's"
call GET /events "$ORGANISER"
expect 200 "GET /events"
[[ $(json "$WORK/body" '[(e["id"], e["revision"]) for e in d["events"]]') == "[('$EVENT', $REVISION)]" ]] ||
  fail "GET /events: $(cat "$WORK/body")"

step "tokens"
call GET "/events/$EVENT/tokens" "$ORGANISER"
expect 200 "GET tokens"
cp "$WORK/body" "$WORK/tokens.json"
[[ $(json "$WORK/tokens.json" 'len(d["tokens"])') == 41 ]] || fail "41 supplier tokens expected"
TOKEN_F001=$(json "$WORK/tokens.json" '[t["token"] for t in d["tokens"] if t["supplier"]=="f001"][0]')
[[ ${#TOKEN_F001} -ge 32 ]] || fail "supplier token too short: ${#TOKEN_F001} characters"

step "rankings"
# same_ranking WHAT API_BODY CLI_JSON: the daemon's ranking is the command line's, entry by entry.
same_ranking() {
  python3 - "$2" "$3" <<'PY' || fail "$1: the daemon's ranking differs from standmatch rank"
import json, sys
api, cli = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda d: [(e["rank"], e.get("stand", e.get("supplier")), e["need"], round(e["score"], 3)) for e in d["ranking"]]
assert api["ranking"], "empty ranking"
assert key(api) == key(cli), (key(api), key(cli))
PY
}
call GET "/events/$EVENT/suppliers/f035/stands?top=3" "$ORGANISER"
expect 200 "f035's ranking"
"$CLI" rank "$EVENT_FILE" --supplier f035 --top 3 --json >"$WORK/rank-f035.json" || fail "standmatch rank --supplier"
same_ranking "f035's ranking" "$WORK/body" "$WORK/rank-f035.json"
[[ $(json "$WORK/body" 'len(d["ranking"])') == 2 ]] || fail "f035's ranking: $(head -c 300 "$WORK/body")"
call GET "/events/$EVENT/suppliers/f001/stands?top=3" "$TOKEN_F001"
expect 200 "f001's ranking with f001's token"
[[ $(json "$WORK/body" 'd["supplier"]') == f001 ]] || fail "f001's ranking: $(head -c 300 "$WORK/body")"
call GET "/events/$EVENT/suppliers/f002/stands?top=3" "$TOKEN_F001"
expect 403 "f002's ranking with f001's token"
call GET "/events/$EVENT/tokens" "$TOKEN_F001"
expect 403 "tokens with a supplier token"
call GET "/events/$EVENT/stands/mobilier/suppliers?top=5" "$ORGANISER"
expect 200 "a stand's ranking"
"$CLI" rank "$EVENT_FILE" --stand mobilier --top 5 --json >"$WORK/rank-mobilier.json" || fail "standmatch rank --stand"
same_ranking "mobilier's ranking" "$WORK/body" "$WORK/rank-mobilier.json"

# --- schedule ----------------------------------------------------------------------
step "schedule job"
call GET "/events/$EVENT/schedule" "$ORGANISER"
expect 404 "schedule before any job"
run_schedule_job
[[ "$VERSION" == 1 ]] || fail "first schedule version $VERSION"

step "schedule check"
fetch "/events/$EVENT/schedule" "$WORK/schedule.json" "GET schedule"
check_schedule "$EVENT_FILE" "$WORK/schedule.json" "the daemon's schedule"

# --- agendas -----------------------------------------------------------------------
step "agendas"
call GET "/events/$EVENT/suppliers/f001/agenda" "$TOKEN_F001"
expect 200 "f001's agenda (json)"
[[ $(json "$WORK/body" 'd["owner"]["id"]') == f001 ]] || fail "agenda owner: $(head -c 300 "$WORK/body")"
MEETINGS_F001=$(json "$WORK/body" 'len(d["meetings"])')
[[ $(json "$WORK/body" 'all(m["supplier"]=="f001" for m in d["meetings"])') == True ]] || fail "agenda of f001 holds other suppliers"
[[ $(json "$WORK/schedule.json" 'sum(1 for m in d["meetings"] if m["supplier"]=="f001")') == "$MEETINGS_F001" ]] ||
  fail "f001's agenda ($MEETINGS_F001 meetings) differs from the schedule"
call GET "/events/$EVENT/suppliers/f001/agenda?format=csv" "$TOKEN_F001"
expect 200 "f001's agenda (csv)"
grep -qi '^Content-Type: text/csv' "$WORK/headers" || fail "csv agenda content type"
call GET "/events/$EVENT/suppliers/f001/agenda?format=ics" "$TOKEN_F001"
expect 200 "f001's agenda (ics)"
grep -qi '^Content-Type: text/calendar' "$WORK/headers" || fail "ics agenda content type"
grep -q 'BEGIN:VCALENDAR' "$WORK/body" || fail "ics agenda without VCALENDAR"
[[ $(grep -c 'BEGIN:VEVENT' "$WORK/body" || true) == "$MEETINGS_F001" ]] || fail "ics events != json meetings"
call GET "/events/$EVENT/suppliers/f002/agenda" "$TOKEN_F001"
expect 403 "f002's agenda with f001's token"
call GET "/events/$EVENT/stands/mobilier/agenda?format=json" "$TOKEN_F001"
expect 403 "a stand's agenda with a supplier token"
call GET "/events/$EVENT/stands/mobilier/agenda?format=json" "$ORGANISER"
expect 200 "a stand's agenda"
# The stand's agenda is its meetings of the schedule: same suppliers, slots and tables.
python3 - "$WORK/body" "$WORK/schedule.json" <<'PY' || fail "mobilier's agenda differs from the schedule: $(head -c 300 "$WORK/body")"
import json, sys
agenda, schedule = (json.load(open(p)) for p in sys.argv[1:3])
assert agenda["owner"]["id"] == "mobilier", agenda["owner"]
key = lambda m: (m["supplier"], m["stand"], m["start"], m["table"])
mine = sorted(key(m) for m in schedule["meetings"] if m["stand"] == "mobilier")
assert mine, "no meeting at mobilier"
assert sorted(key(m) for m in agenda["meetings"]) == mine, (agenda["meetings"], mine)
PY
call GET "/events/$EVENT/timetable" "$ORGANISER"
expect 200 "timetable"
[[ $(json "$WORK/body" 'len(d["meetings"])') == $(json "$WORK/schedule.json" 'len(d["meetings"])') ]] ||
  fail "timetable meetings != schedule meetings"

# --- re-plan -----------------------------------------------------------------------
step "replan"
# A supplier with meetings withdraws before the session starts.
GONE=$(json "$WORK/schedule.json" 'sorted({m["supplier"] for m in d["meetings"]})[0]')
cat >"$WORK/changes.json" <<EOF
{"format": "standmatch.changes/1", "now": "10:30",
 "changes": [{"kind": "cancel_supplier", "supplier": "$GONE"}]}
EOF
call POST "/events/$EVENT/replan" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$WORK/changes.json"
expect 200 "POST replan"
[[ $(json "$WORK/body" 'd["version"]') == 2 ]] || fail "replan version: $(head -c 300 "$WORK/body")"
call GET "/events/$EVENT/schedules" "$ORGANISER"
expect 200 "GET schedules"
[[ $(json "$WORK/body" '[(s["version"], s["kind"], s["based_on"]) for s in d["schedules"]]') == \
   "[(1, 'computed', 0), (2, 'replanned', 1)]" ]] || fail "schedule versions: $(cat "$WORK/body")"
fetch "/events/$EVENT/schedule" "$WORK/schedule2.json" "GET the re-planned schedule"
[[ $(json "$WORK/schedule2.json" 'sum(1 for m in d["meetings"] if m["supplier"]=="'"$GONE"'")') == 0 ]] ||
  fail "$GONE still has meetings after cancel_supplier"
fetch "/events/$EVENT" "$WORK/event2.json" "GET the event after the re-plan"
check_schedule "$WORK/event2.json" "$WORK/schedule2.json" "the re-planned schedule"
call GET "/events/$EVENT/schedules/1" "$ORGANISER"
expect 200 "GET schedule version 1"
cmp -s "$WORK/body" "$WORK/schedule.json" || fail "schedule version 1 changed after the re-plan"
call POST "/events/$EVENT/replan" "$ORGANISER" -H 'Content-Type: application/json' \
  --data-binary '{"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": "nobody"}]}'
expect 400 "replan naming an unknown supplier"

# --- metrics and logs --------------------------------------------------------------
step "metrics"
call GET /metrics ""
expect 200 "GET /metrics"
grep -q '^standmatchd_requests_total{' "$WORK/body" || fail "/metrics without standmatchd_requests_total"
grep -q 'route="/events/{id}/suppliers/{sid}/agenda"' "$WORK/body" ||
  fail "/metrics without the agenda route pattern"
grep -qF -e "$TOKEN_F001" -e "$ORGANISER" -e f001 "$WORK/body" && fail "/metrics shows a token or an id"
grep -qF -e "$TOKEN_F001" -e "$ORGANISER" "$WORK/access.log" "$WORK/err" "$WORK/out" && fail "a token reached a log"
grep -q '?' "$WORK/access.log" && fail "the access log holds a query string"
grep -q " GET /events/$EVENT/suppliers/f001/agenda 200 " "$WORK/access.log" || fail "the access log misses the agenda"

# --- keep-alive and HEAD -------------------------------------------------------------
step "pages: Content-Security-Policy"
for page in / /ui/timetable.html /ui/supplier.html /ui/app.js; do
  call GET "$page" ""
  expect 200 "GET $page"
  grep -qi "^Content-Security-Policy: default-src 'self'" "$WORK/headers" ||
    fail "GET $page without Content-Security-Policy: default-src 'self': $(cat "$WORK/headers")"
done

step "keep-alive and HEAD"
curl -sS -o /dev/null -o /dev/null -w '%{num_connects}\n' "$BASE/health" "$BASE/health" >"$WORK/connects"
[[ $(paste -sd' ' "$WORK/connects") == "1 0" ]] || fail "keep-alive: connects per request: $(cat "$WORK/connects")"
curl -sS -I "$BASE/health" >"$WORK/headers"
grep -qi '^Content-Length: [1-9]' "$WORK/headers" || fail "HEAD /health without Content-Length"

# --- read timeout ----------------------------------------------------------------------
step "read timeout"
exec 3<>"/dev/tcp/127.0.0.1/${BASE##*:}"
printf 'GET /health HTTP/1.1\r\nHost: x\r\n' >&3  # and never the blank line
T0=$SECONDS
timeout 10 cat <&3 >"$WORK/timeout.out" || fail "a stalled request was not closed within 10 s (--read-timeout 2)"
exec 3<&-
[[ ! -s "$WORK/timeout.out" ]] || fail "a stalled request got an answer: $(head -c 100 "$WORK/timeout.out")"
(( SECONDS - T0 <= 6 )) || fail "a stalled request was closed after $((SECONDS - T0)) s (--read-timeout 2)"
call GET /health ""
expect 200 "GET /health after a stalled connection"

# --- stop --------------------------------------------------------------------------
step "SIGTERM"
stop_daemon
[[ $(wc -l <"$WORK/out") == 1 ]] || fail "stdout has more than the listening line: $(cat "$WORK/out")"
echo "e2e_test: ok"
