#!/usr/bin/env bash
# The forum day through the API: attendance, re-plan preview, a corrected event
# re-planned with its history kept, the rebuild guard, calendar feeds without a header.
#   bash forumday_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
set -euo pipefail

# shellcheck disable=SC2034  # used by daemon_common.sh
NAME=forumday_test
source "$(dirname "$0")/daemon_common.sh" "$@"

start_daemon "$WORK/db.sqlite"
call PUT "/events/$EVENT" "$ORGANISER" -H 'Content-Type: application/json' --data-binary @"$EVENT_FILE"
expect 201 "PUT event"
run_schedule_job
fetch "/events/$EVENT/schedule" "$WORK/s1.json" "GET schedule"
[[ $(json "$WORK/s1.json" 'sorted({m["status"] for m in d["meetings"]})') == "['planned']" ]] ||
  fail "a new schedule's meetings are not all planned"

# --- feeds before any re-plan: no header needed ---------------------------------------
step "feed tokens"
fetch "/events/$EVENT/tokens" "$WORK/tokens.json" "GET tokens"
read -r MISSER MISSED_STAND NOW LATER < <(pick_no_show "$WORK/s1.json")
[[ -n "$LATER" ]] || fail "no supplier with two meetings in the first schedule"
export NOW LATER
FEED=$(json "$WORK/tokens.json" 'next(t["feed"] for t in d["tokens"] if t["supplier"] == "'"$MISSER"'")')
[[ "$FEED" =~ ^/feeds/[A-Za-z0-9_-]{43}\.ics$ ]] || fail "feed path: $FEED"
call GET "$FEED" ""
expect 200 "GET feed without a header"
grep -q '^Content-Type: text/calendar' "$WORK/headers" || fail "feed content type: $(cat "$WORK/headers")"
cp "$WORK/body" "$WORK/feed1.ics"
grep -q 'METHOD:PUBLISH' "$WORK/feed1.ics" || fail "feed without METHOD:PUBLISH"
grep -q '^ORGANIZER' "$WORK/feed1.ics" || fail "feed without ORGANIZER"
call GET "/feeds/not-a-feed.ics" ""
expect 404 "unknown feed"
grep -q '^SUMMARY:Rendez-vous: ' "$WORK/feed1.ics" || fail "the feed is not in French by default"
call GET "$FEED?lang=en" ""
expect 200 "GET feed in English"
grep -q '^SUMMARY:Meeting: ' "$WORK/body" || fail "the feed in English: $(grep SUMMARY "$WORK/body" | head -2)"
call GET "/events/$EVENT/suppliers/$MISSER/agenda?format=ics&lang=de" "$ORGANISER"
expect 400 "an agenda in an unknown language"
grep -q 'de' "$WORK/body" || fail "the refusal does not name the language: $(cat "$WORK/body")"

# --- preview writes nothing ----------------------------------------------------------
step "preview"
cat >"$WORK/changes.json" <<JSON
{"format": "standmatch.changes/1", "now": "$NOW",
 "changes": [{"kind": "no_show", "supplier": "$MISSER", "stand": "$MISSED_STAND"}]}
JSON
call POST "/events/$EVENT/replan?preview=1" "$ORGANISER" --data-binary @"$WORK/changes.json"
expect 200 "preview"
[[ $(json "$WORK/body" '(d["version"], d["preview"], d["based_on"])') == "(None, True, 1)" ]] ||
  fail "preview body: $(head -c 300 "$WORK/body")"
json "$WORK/body" 'd["diff"]["format"]' >/dev/null || fail "preview without a diff"
call GET "/events/$EVENT/schedules" "$ORGANISER"
[[ $(json "$WORK/body" 'len(d["schedules"])') == 1 ]] || fail "preview wrote a schedule version"

# --- the re-plan records attendance ------------------------------------------------------
step "replan with a no-show"
call POST "/events/$EVENT/replan" "$ORGANISER" --data-binary @"$WORK/changes.json"
expect 200 "replan"
[[ $(json "$WORK/body" '(d["version"], d["preview"])') == "(2, False)" ]] || fail "replan body: $(head -c 300 "$WORK/body")"
fetch "/events/$EVENT/schedule" "$WORK/s2.json" "GET schedule 2"
python3 - "$WORK/s2.json" "$MISSER" "$MISSED_STAND" <<'PY' || fail "statuses after the re-plan"
import json, os, sys
NOW = os.environ["NOW"]
d = json.load(open(sys.argv[1]))
for m in d["meetings"]:
    want = "planned" if m["start"] >= NOW else (
        "no_show" if (m["supplier"], m["stand"]) == (sys.argv[2], sys.argv[3]) else "held")
    assert m["status"] == want, (m, want)
assert d["metrics"]["no_shows"] == 1, d["metrics"]
assert d["metrics"]["meetings_held"] == sum(m["start"] < NOW for m in d["meetings"]) - 1
PY
fetch "/events/$EVENT" "$WORK/e2.json" "GET event 2"
check_schedule "$WORK/e2.json" "$WORK/s2.json" "the re-planned schedule"
call GET "/events/$EVENT/suppliers/$MISSER/agenda?format=csv" "$ORGANISER"
expect 200 "agenda csv"
grep -q ',no_show' "$WORK/body" || fail "the agenda does not show the no-show: $(cat "$WORK/body")"

# --- the agendas that changed, to print again ------------------------------------------------
step "changed agendas"
call GET "/events/$EVENT/agendas.html?since=1" "$ORGANISER"
expect 200 "agendas changed since version 1"
python3 - "$WORK/body" "$WORK/s1.json" "$WORK/s2.json" <<'PY' || fail "the changed agendas"
import json, re, sys
html = open(sys.argv[1]).read()
a, b = (json.load(open(p)) for p in sys.argv[2:4])
key = lambda m: (m["slot"], m["table"])
before = {(m["supplier"], m["stand"]): key(m) for m in a["meetings"]}
after = {(m["supplier"], m["stand"]): key(m) for m in b["meetings"]}
changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
pages = len(re.findall(r'<section class="page"', html))
owners = {s for s, _ in changed} | {t for _, t in changed}
assert pages == len(owners), (pages, sorted(owners))
assert "Grille des rendez-vous" not in html.split("<body>")[1][:200]
PY
call GET "/events/$EVENT/agendas.html?since=0" "$ORGANISER"
expect 400 "since=0"

# --- a stand's feed, rotated -------------------------------------------------------------
step "feed rotation"
call POST "/events/$EVENT/stands/$MISSED_STAND/feed" "$ORGANISER"
expect 200 "a stand's feed"
STAND_FEED=$(json "$WORK/body" 'd["feed"]')
call GET "$STAND_FEED" ""
expect 200 "the stand's feed"
grep -q 'BEGIN:VEVENT' "$WORK/body" || fail "the stand's feed has no meeting"
call POST "/events/$EVENT/stands/$MISSED_STAND/feed" "$ORGANISER"
expect 200 "rotate the stand's feed"
call GET "$STAND_FEED" ""
expect 404 "the old feed after rotation"

# --- the rebuild guard ---------------------------------------------------------------
step "rebuild guard"
call POST "/events/$EVENT/schedule" "$ORGANISER"
expect 409 "a full rebuild over history"
grep -q 'replan' "$WORK/body" || fail "the refusal does not point to re-planning: $(cat "$WORK/body")"
grep -q 'rebuild=1' "$WORK/body" || fail "the refusal does not say how to confirm: $(cat "$WORK/body")"

# --- a corrected event: re-planned onto the new revision, history kept -----------------
step "edit on the day"
python3 - "$WORK/e2.json" "$WORK/e3.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["suppliers"][0]["name"] = d["suppliers"][0]["name"] + " (corrigé)"
# Relevant to every stand (each stand's first need's CPV), local, small: worth meeting.
new = {"id": "f-added", "name": "Entreprise ajoutée", "commune": d["event"]["commune"], "employees": 5,
       "cpv": [st["needs"][0]["cpv"][0] for st in d["stands"]]}
d["suppliers"].append(new)
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
call PUT "/events/$EVENT" "$ORGANISER" --data-binary @"$WORK/e3.json"
expect 200 "PUT corrected event"
cat >"$WORK/changes3.json" <<JSON
{"format": "standmatch.changes/1", "now": "$LATER", "changes": []}
JSON
call POST "/events/$EVENT/replan" "$ORGANISER" --data-binary @"$WORK/changes3.json"
expect 200 "replan onto the corrected event"
cp "$WORK/body" "$WORK/replan3.json"
fetch "/events/$EVENT/schedule" "$WORK/s3.json" "GET schedule 3"
python3 - "$WORK/s2.json" "$WORK/s3.json" <<'PY' || fail "history changed by the re-plan onto the new revision"
import json, os, sys
NOW, LATER = os.environ["NOW"], os.environ["LATER"]
a, b = (json.load(open(p)) for p in sys.argv[1:3])
key = lambda m: (m["supplier"], m["stand"], m["slot"], m["table"])
hist_a = sorted((key(m), m["status"]) for m in a["meetings"] if m["start"] < NOW)
hist_b = sorted((key(m), m["status"]) for m in b["meetings"] if m["start"] < NOW)
assert hist_a == hist_b, (hist_a, hist_b)
# Meetings between NOW and LATER became history: held, where they were.
later_a = sorted(key(m) for m in a["meetings"] if NOW <= m["start"] < LATER)
later_b = sorted(key(m) for m in b["meetings"] if NOW <= m["start"] < LATER)
assert later_a == later_b
assert all(m["status"] == "held" for m in b["meetings"] if NOW <= m["start"] < LATER)
PY
fetch "/events/$EVENT" "$WORK/e3b.json" "GET event 3"
check_schedule "$WORK/e3b.json" "$WORK/s3.json" "the schedule re-planned onto the corrected event"
[[ $(json "$WORK/e3b.json" 'd["suppliers"][0]["name"].endswith("(corrigé)")') == True ]] ||
  fail "the correction was lost by the re-plan"
[[ $(json "$WORK/s3.json" 'sum(1 for m in d["meetings"] if m["supplier"] == "f-added")') -ge 1 ]] ||
  fail "the added supplier got no meeting from the waiting list: $(cat "$WORK/replan3.json")"

# --- the feed after the re-plans: the cancelled meeting, raised SEQUENCE --------------------
step "feed after the re-plan"
call GET "$FEED" ""
expect 200 "GET feed after the re-plan"
cp "$WORK/body" "$WORK/feed2.ics"
python3 - "$WORK/feed1.ics" "$WORK/feed2.ics" <<'PY' || fail "the feed after the re-plan"
import re, sys
def events(path):
    text = open(path).read().replace("\r\n ", "")
    out = {}
    for block in re.findall(r"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", text, re.S):
        fields = dict(l.split(":", 1)[0].split(";")[0:1] + [l.split(":", 1)[1]] for l in block.splitlines() if ":" in l)
        assert fields["UID"] not in out, "duplicate UID " + fields["UID"]
        out[fields["UID"]] = fields
    return out
before, after = events(sys.argv[1]), events(sys.argv[2])
assert set(before) <= set(after), "a meeting vanished from the feed instead of being cancelled"
for uid, f in after.items():
    assert "ATTENDEE" not in f, "ATTENDEE in a PUBLISH feed"
cancelled = [u for u, f in after.items() if f.get("STATUS") == "CANCELLED"]
assert cancelled, "no cancelled meeting in the feed after the no-show"
for u in cancelled:
    assert int(after[u]["SEQUENCE"]) > int(before[u]["SEQUENCE"]), (before[u], after[u])
PY

# --- last, a confirmed full rebuild (it forgets the no-show: the feed above is read first) ---
call POST "/events/$EVENT/schedule?rebuild=1" "$ORGANISER"
expect 202 "a confirmed rebuild"
stop_daemon
echo "$NAME: OK"
