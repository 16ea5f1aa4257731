#!/usr/bin/env bash
# The standmatch command as a real process: exit codes (docs/interfaces.md: 0, 1 on bad
# input, 2 on bad usage), messages, outputs, for every command.
#   cli_test.sh STANDMATCH SOURCE_DIR [SHARED_DIR]
# SHARED_DIR (default SOURCE_DIR/../shared) holds the official CPV list for --cpv-list.
# Needs python3 (JSON and CSV checks): without it exits 77 (CTest: skipped), or fails
# when CI is set.
set -u
bin=$1
src=$2
shared=${3:-$src/../shared}
if ! command -v python3 >/dev/null 2>&1; then
  [[ -n "${CI:-}" ]] && { echo "FAIL: python3 is not installed and CI is set"; exit 1; }
  echo "SKIP: python3 is not installed (apt-get install python3)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
expect() {  # NAME WANTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [[ $got -eq $want ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got, wanted $want"
    sed 's/^/  stderr: /' "$work/err" | head -5
  fi
}
contains() {  # NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL $1: $2 lacks: $3"
    head -5 "$2" | sed 's/^/  /'
  fi
}

event=$src/datasets/villejuif-2025/event.json
expect "validate ok" 0 "$bin" validate "$event"
contains "validate summary" "$work/out" "valid: villejuif-fad-2025"
# By CPV codes alone (the text criterion off) nobody is eligible at the stand nettoyage.
cat >"$work/cpv-only.json" <<'JSON'
{"format": "standmatch.rules/1", "weights": {"relevance": 0.45, "size": 0.10, "ess": 0.08, "inclusion": 0.10,
 "locality": 0.12, "reuse": 0.07, "mutual": 0.08, "text": 0}}
JSON
expect "validate by CPV codes alone" 0 "$bin" validate "$event" --rules "$work/cpv-only.json"
contains "validate early warning of a stand" "$work/out" 'early warning: stand "nettoyage": no eligible supplier (low_relevance: 41)'
expect "validate with quotas" 0 "$bin" validate "$event" --rules "$src/datasets/rules/quotas.json"
contains "validate early warning of a quota" "$work/out" "early warning: quota inclusion 20.0%: cannot be met, at best 17.1% (7 of 41 meetings)"

cat >"$work/bad.json" <<'JSON'
{"format": "standmatch.event/1",
 "event": {"id": "x", "name": "x", "date": "2025-03-28", "sessions": [{"start": "10:00", "end": "11:00"}]},
 "buyers": [{"id": "b", "name": "B"}],
 "stands": [{"id": "s", "buyer": "b", "title": "S", "needs": [{"id": "n", "title": "N", "cpv": ["3913"]}]}],
 "suppliers": [{"id": "f", "name": "F", "siret": "12345678901234", "wishes": [{"stand": "nope", "level": "must"}]}]}
JSON
expect "validate bad input" 1 "$bin" validate "$work/bad.json"
contains "CPV error" "$work/err" "$work/bad.json: stands[0].needs[0].cpv[0]: \"3913\" is not a CPV code"
contains "SIRET error" "$work/err" "suppliers[0].siret: \"12345678901234\" is not a valid SIRET"
contains "dangling wish" "$work/err" "suppliers[0].wishes[0].stand: \"nope\" names no stand"
expect "missing file" 1 "$bin" validate "$work/none.json"
expect "usage" 2 "$bin" validate
expect "unknown command" 2 "$bin" frobnicate

# py NAME SCRIPT ARGS...: a check in Python; its exit status decides, its output explains.
py() {
  local name=$1
  shift
  if python3 -c "$@" >"$work/py.out" 2>&1; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL $name:"
    head -5 "$work/py.out" | sed 's/^/  /'
  fi
}

"$bin" scores "$event" >"$work/scores.csv" 2>/dev/null
# The ranking is the scores table's pairs of that side, best first (ties: by id), cut at --top.
ranking_check='
import csv, json, sys
side, other, wanted, top, path = sys.argv[1:6]
rows = [r for r in csv.DictReader(open(sys.argv[6])) if r[side] == wanted]
best = {}
for r in rows:  # one entry per participant: its best need
    best[r[other]] = max(best.get(r[other], 0.0), float(r["score"]))
doc = json.load(open(path))
ranking = doc["ranking"]
assert doc[side] == wanted, doc[side]
assert [e["rank"] for e in ranking] == list(range(1, len(ranking) + 1))
scores = [e["score"] for e in ranking]
assert scores == sorted(scores, reverse=True), scores
expected = sorted(best.values(), reverse=True)[:int(top)]
assert [round(x, 3) for x in scores] == [round(x, 3) for x in expected], (scores, expected)
for e in ranking:
    assert abs(best[e[other]] - e["score"]) < 1e-3, e
    assert abs(sum(e["criteria"].values()) - e["score"]) < 2e-3, e
'
expect "rank in French" 0 "$bin" rank "$event" --supplier f001 --top 1
contains "reasons in French by default" "$work/out" "le CPV"
expect "rank --lang en" 0 "$bin" rank "$event" --supplier f001 --top 1 --lang en
contains "reasons in English on request" "$work/out" "CPV"
expect "rank --lang de" 2 "$bin" rank "$event" --supplier f001 --lang de
expect "rank supplier" 0 "$bin" rank "$event" --supplier f001 --top 3 --json
cp "$work/out" "$work/rank-supplier.json"
py "rank --supplier is the scores table, best first" "$ranking_check" supplier stand f001 3 \
  "$work/rank-supplier.json" "$work/scores.csv"
expect "rank stand" 0 "$bin" rank "$event" --stand mobilier --top 4 --json
cp "$work/out" "$work/rank-stand.json"
py "rank --stand is the scores table, best first" "$ranking_check" stand supplier mobilier 4 \
  "$work/rank-stand.json" "$work/scores.csv"
expect "rank unknown stand" 1 "$bin" rank "$event" --stand no-such-stand
contains "rank unknown stand names it" "$work/err" "no-such-stand"
expect "rank both sides" 2 "$bin" rank "$event" --supplier f001 --stand mobilier
expect "rank unknown supplier" 1 "$bin" rank "$event" --supplier no-such-supplier
expect "rank needs a side" 2 "$bin" rank "$event"

expect "scores" 0 "$bin" scores "$event"
contains "scores header" "$work/out" "supplier,stand,score,relevance,size,ess,inclusion,locality,reuse,mutual"
if grep -qF "history" "$work/out"; then failed=$((failed + 1)); echo "FAIL scores without awards show history columns"; else passed=$((passed + 1)); fi

# Award history and fit.
# The test file's awardee (SIRET 73282932000074) made a supplier of the event: its SIRET swapped in.
siret=$(python3 -c 'import json,sys; print(next(s["siret"] for s in json.load(open(sys.argv[1]))["suppliers"] if s.get("siret")))' "$event")
sed "s/73282932000074/$siret/; s/\"732829320\"/\"${siret:0:9}\"/" "$src/tests/data/decp/awards.json" >"$work/awards.json"
expect "scores with awards" 0 "$bin" scores "$event" --awards "$work/awards.json"
contains "scores header with awards" "$work/out" "mutual,text,history,history_text,track_record,size_fit,repeat_buyer"
expect "awards missing" 1 "$bin" scores "$event" --awards "$work/no-such-awards.json"
contains "awards missing names the file" "$work/err" "no-such-awards.json"
expect "fit on too few contracts" 1 "$bin" fit --awards "$src/tests/data/decp/awards.json" --out "$work/fit.json"
contains "fit too few" "$work/err" "too few"
expect "fit needs --out" 2 "$bin" fit --awards "$src/tests/data/decp/awards.json"
python3 - "$work/awards.csv" <<'PYTHON'
import csv, sys
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "acheteur_id", "objet", "codeCPV_raw", "lieu_code", "lieu_typeCode", "dateNotification",
                "montant", "titulaire_id"])
    deps = ["75", "92", "93", "94", "77", "78"]
    for k in range(90):
        d = k % 6
        w.writerow(["c%d" % k, "b%d" % (k % 12), "Nettoyage des locaux", "90910000", deps[d], "Code département",
                    "2019-01-%02d" % (1 + k % 28), 10000 * (1 + k % 3), "10000000%d" % d])
PYTHON
expect "fit" 0 "$bin" fit --awards "$work/awards.csv" --out "$work/fit.json" --json
contains "fit report" "$work/out" '"questions": '
contains "fit weights" "$work/fit.json" '"track_record": '
expect "fitted rules are ordinary rules" 0 "$bin" scores "$event" --rules "$work/fit.json"

expect "schedule" 0 "$bin" schedule "$event" --out "$work/out-dir" --quiet
for f in schedule.json timetable.html; do
  [[ -s "$work/out-dir/$f" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL missing $f"; }
done
ls "$work/out-dir/agendas/suppliers/"*.ics >/dev/null 2>&1 && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL no supplier ICS"; }
expect "check own schedule" 0 "$bin" check "$event" "$work/out-dir/schedule.json"
"$bin" schedule "$event" --json --quiet >"$work/again.json" 2>/dev/null
cmp -s "$work/again.json" "$work/out-dir/schedule.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL schedule not deterministic"; }

# import checks the event it writes: a loader error names the CSV row, nothing is written.
printf 'buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\nvj;Ville de Villejuif;mobilier;Mobilier;m1;Bureaux;39130000-2\n' >"$work/stands.csv"
printf 'id;name;siret\nf001;Atelier;21940076900010\nf002;Menuiserie;21940076900013\n' >"$work/suppliers.csv"
import_args=(import --stands "$work/stands.csv" --suppliers "$work/suppliers.csv" --id fad --name Forum
  --date 2025-03-28 --session 10:40-12:20 --slot-minutes 10)
expect "import refuses an event the loader refuses" 1 "$bin" "${import_args[@]}" --out "$work/imported.json"
contains "import names the CSV row" "$work/err" "suppliers.csv:3: column \"siret\": \"21940076900013\""
[[ ! -e "$work/imported.json" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL import wrote an invalid event"; }
printf 'id;name;siret\nf001;Atelier;21940076900010\n' >"$work/suppliers.csv"
expect "import" 0 "$bin" "${import_args[@]}" --out "$work/imported.json"
expect "validate imported" 0 "$bin" validate "$work/imported.json"

# --- schedule options: --rules, --stats, --cpv-list ----------------------------------
expect "schedule --rules" 0 "$bin" schedule "$event" --rules "$src/datasets/rules/quotas.json" --json --quiet
cp "$work/out" "$work/quotas-schedule.json"
py "schedule --rules names the rule set" 'import json,sys; d=json.load(open(sys.argv[1])); n=json.load(open(sys.argv[2]))["name"]; assert d["rules"] == n, (d["rules"], n)' \
  "$work/quotas-schedule.json" "$src/datasets/rules/quotas.json"
expect "check with the same --rules" 0 "$bin" check "$event" "$work/quotas-schedule.json" --rules "$src/datasets/rules/quotas.json"
echo '{"ess": 2}' >"$work/bad-rules.json"
expect "schedule bad --rules" 1 "$bin" schedule "$event" --rules "$work/bad-rules.json" --quiet
contains "bad rules located" "$work/err" "$work/bad-rules.json: ess: 2 is out of range [0, 1]"
expect "schedule --stats" 0 "$bin" schedule "$event" --out "$work/stats-dir" --quiet --stats
contains "stats on stderr" "$work/err" "stats: load "
contains "stats name the timetable" "$work/err" "timetable "
expect "schedule --lang en" 0 "$bin" schedule "$event" --out "$work/en-dir" --quiet --lang en
contains "English calendar" "$work/en-dir/agendas/suppliers/f001.ics" "SUMMARY:Meeting: "
contains "English pages" "$work/en-dir/timetable.html" "<h2>Meeting grid</h2>"
contains "French pages by default" "$work/out-dir/timetable.html" "<h2>Grille des rendez-vous</h2>"
expect "schedule --lang de" 2 "$bin" schedule "$event" --out "$work/de-dir" --quiet --lang de
contains "schedule --lang de names the value" "$work/err" "de not in {fr,en}"
cpv_list="$shared/data/cpv2008/cpv_2008_fr_en.csv"
if [[ -f "$cpv_list" ]]; then
  expect "rank --cpv-list" 0 "$bin" rank "$event" --supplier f001 --top 1 --json --cpv-list "$cpv_list"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["suppliers"][0]["cpv"][0]="45999999"; json.dump(d, open(sys.argv[2],"w"))' \
    "$event" "$work/unlisted.json"
  expect "validate without the list" 0 "$bin" validate "$work/unlisted.json"
  expect "validate --cpv-list refuses a code not in it" 1 "$bin" validate "$work/unlisted.json" --cpv-list "$cpv_list"
  contains "unlisted code located" "$work/err" "suppliers[0].cpv[0]"
  expect "missing --cpv-list file" 1 "$bin" validate "$event" --cpv-list "$work/none.csv"
else
  failed=$((failed + 1))
  echo "FAIL --cpv-list: the official CPV list is not at $cpv_list (pass SHARED_DIR)"
fi

# --- check: an invalid schedule ---------------------------------------------------------
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["meetings"].append(dict(d["meetings"][0])); json.dump(d, open(sys.argv[2],"w"))' \
  "$work/out-dir/schedule.json" "$work/double.json"
expect "check invalid schedule" 1 "$bin" check "$event" "$work/double.json"
[[ -s "$work/out" || -s "$work/err" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL check invalid: says nothing"; }
expect "check usage" 2 "$bin" check "$event"

# --- replan -------------------------------------------------------------------------------
# The supplier of the last meeting: it has a meeting after 10:50 to cancel.
last=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["meetings"][-1]["supplier"])' "$work/out-dir/schedule.json")
cat >"$work/changes.json" <<JSON
{"format": "standmatch.changes/1", "now": "10:50", "changes": [{"kind": "cancel_supplier", "supplier": "$last"}]}
JSON
expect "replan" 0 "$bin" replan "$event" "$work/out-dir/schedule.json" "$work/changes.json" --json --out "$work/replan"
cp "$work/out" "$work/diff.json"
py "replan cancels the supplier's future meetings" 'import json,sys
d=json.load(open(sys.argv[1])); s=json.load(open(sys.argv[2])); last=sys.argv[3]
assert d["format"] == "standmatch.diff/1", d["format"]
assert d["cancelled"] >= 1, d
assert all(m["supplier"] != last or m["start"] < "10:50" for m in s["meetings"]), "a future meeting of the cancelled supplier remains"
assert all(m["status"] == ("held" if m["start"] < "10:50" else "planned") for m in s["meetings"]), "statuses"
assert s["metrics"]["meetings_held"] == sum(m["start"] < "10:50" for m in s["meetings"]), s["metrics"]' \
  "$work/diff.json" "$work/replan/schedule.json" "$last"
expect "replan output checks" 0 "$bin" check "$work/replan/event.json" "$work/replan/schedule.json"
expect "replan --now" 0 "$bin" replan "$event" "$work/out-dir/schedule.json" "$work/changes.json" --now 10:00
contains "--now overrides the file's now" "$work/out" "replan at 10:00"
expect "replan bad --now" 2 "$bin" replan "$event" "$work/out-dir/schedule.json" "$work/changes.json" --now 25:00
echo '{"format": "standmatch.changes/1", "changes": [{"kind": "cancel_supplier", "supplier": "f999"}]}' >"$work/bad-changes.json"
expect "replan bad changes" 1 "$bin" replan "$event" "$work/out-dir/schedule.json" "$work/bad-changes.json"
contains "bad changes located" "$work/err" "$work/bad-changes.json: changes[0].supplier: \"f999\" names no supplier"
expect "replan usage" 2 "$bin" replan "$event" "$work/out-dir/schedule.json"

# --- compare --------------------------------------------------------------------------------
expect "compare" 0 "$bin" compare "$event" --rules default "$src/datasets/rules/quotas.json" --json --html "$work/compare.html"
cp "$work/out" "$work/compare.json"
py "compare runs each rule set" 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["runs"]) == 2, d.keys()' "$work/compare.json"
contains "compare HTML has its plots" "$work/compare.html" "<svg "
expect "compare bad rules" 1 "$bin" compare "$event" --rules default "$work/bad-rules.json"
contains "compare bad rules located" "$work/err" "$work/bad-rules.json: ess: 2"
expect "compare usage" 2 "$bin" compare "$event"

# --- b2b ------------------------------------------------------------------------------------
expect "b2b" 0 "$bin" b2b "$src/fuzz/corpus/dzn/minimal.dzn" --json
cp "$work/out" "$work/b2b.json"
py "b2b prints breaks, spread and one slot per meeting" 'import json,sys; d=json.load(open(sys.argv[1])); assert {"breaks","spread","seconds","slots"} <= set(d), d; assert all(s >= 1 for s in d["slots"]), d' "$work/b2b.json"
echo 'nBusiness = x;' >"$work/bad.dzn"
expect "b2b bad instance" 1 "$bin" b2b "$work/bad.dzn"
contains "b2b error located" "$work/err" "$work/bad.dzn: line 1"
expect "b2b usage" 2 "$bin" b2b

# --- import ----------------------------------------------------------------------------------
csv=$src/tests/data/csv
expect "import" 0 "$bin" import --stands "$csv/stands.csv" --suppliers "$csv/suppliers.csv" --header "$csv/header.json" --out "$work/imported.json"
expect "imported event validates" 0 "$bin" validate "$work/imported.json"
printf 'a,b\n1,2\n' >"$work/bad-stands.csv"
expect "import bad CSV" 1 "$bin" import --stands "$work/bad-stands.csv" --suppliers "$csv/suppliers.csv" --header "$csv/header.json" --out "$work/not-written.json"
contains "import error located" "$work/err" "$work/bad-stands.csv:1: required column \"stand_id\" is missing"
[[ ! -e "$work/not-written.json" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL import wrote a file on bad input"; }
expect "import usage" 2 "$bin" import --suppliers "$csv/suppliers.csv"

# A supplier with no stand to rank is told why, stand by stand (the unmet reasons).
expect "rank supplier with nothing" 0 "$bin" rank "$event" --supplier f006
contains "unranked reasons" "$work/out" "no stand ranked for f006"
contains "unranked reserved" "$work/out" "restauration  Restauration et traiteur: reserved for inclusion structures (SIAE) (L2113-13)"
expect "rank supplier with nothing, JSON" 0 "$bin" rank "$event" --supplier f006 --json
contains "unranked JSON" "$work/out" '"kind": "reserved"'

# check against another event's schedule: one clear line.
gosb=$src/datasets/gosb-2025/event.json
expect "check against the wrong event" 1 "$bin" check "$gosb" "$work/out-dir/schedule.json"
[[ $(wc -l <"$work/err") -eq 1 ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL wrong event: $(wc -l <"$work/err") lines"; }
contains "wrong event line" "$work/err" "belongs to another event"

# A quota the schedule misses is said, with the reason.
expect "schedule with quotas" 0 "$bin" schedule "$event" --rules "$src/datasets/rules/quotas.json" --quiet
contains "quota line" "$work/out" "quota inclusion: target 20.0%"
contains "schedule summary early warning" "$work/out" "early warning: quota inclusion 20.0%: cannot be met, at best 17.1%"

# import takes --cpv-list; a 7-digit code is restored only when the result is in it.
printf 'code,fr\n03100000-2,Produits agricoles\n39130000-2,Mobilier de bureau\n' >"$work/cpv.csv"
printf 'buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\nvj;V;s;S;n1;N;39130000\n' >"$work/stands.csv"
printf 'id;name;cpv\nf1;A;3915000\nf2;B;3100000\n' >"$work/suppliers.csv"
import_args=(import --stands "$work/stands.csv" --suppliers "$work/suppliers.csv" --id x --name X --date 2025-03-28
             --session 10:00-11:00 --slot-minutes 10)
expect "import with --cpv-list" 1 "$bin" "${import_args[@]}" --cpv-list "$work/cpv.csv"
contains "import cpv list" "$work/err" 'suppliers.csv:2: column "cpv": "3915000" has 7 digits and "03915000" is not in the CPV list'
STANDMATCH_CPV_LIST="$work/cpv.csv" expect "import with STANDMATCH_CPV_LIST" 1 "$bin" "${import_args[@]}"
contains "import cpv env" "$work/err" '"03915000" is not in the CPV list'

# b2b: an instance a count proves infeasible exits 1 with the reason; --json says so.
printf 'nBusiness = 4; nMeetings = 3; nTables = 3; nTotalSlots = 3; nMorningSlots = 3;\nrequested = [|1, 2, 3|1, 3, 3|1, 4, 3|];\nforbidden = [{2}, {0}, {0}, {0}];\n' >"$work/tight.dzn"
expect "b2b infeasible" 1 "$bin" b2b "$work/tight.dzn" --json
contains "b2b reason" "$work/err" "participant 1 has 3 meetings but 2 usable slots"
contains "b2b feasible false" "$work/out" '"feasible": false'
contains "b2b unplaced" "$work/out" '"slots": [null, 3, 1], "unplaced": [1]'

# source: the structures of a directory most worth inviting, per stand.
gosb=$src/datasets/gosb-2025/event.json
directory=$src/tests/data/directory/structures.csv
expect "source text" 0 "$bin" source "$gosb" --directory "$directory" --stand choisy-nettoyage --top 3
contains "source text names the structure" "$work/out" "PROPRETE SOLIDAIRE IVRY  NAF 81.21Z  ACI  Ivry-sur-Seine (94041)"
contains "source reasons in French" "$work/out" "métier NAF 81.21Z ('Nettoyage courant des bâtiments')"
contains "source warns of an ambiguous place" "$work/err" \
  "structures.csv:7: warning: column \"CODE_POSTAL\": postal code \"01700\" serves 4 communes and none named \"NULLE PART\""
expect "source json" 0 "$bin" source "$gosb" --directory "$directory" --top 2 --json --invite must --out "$work/invite.json"
py "source json shape" '
import json, sys
doc = json.load(open(sys.argv[1]))
assert list(doc) == ["stands"], list(doc)
assert len(doc["stands"]) == 24, len(doc["stands"])
for stand in doc["stands"]:
    assert set(stand) == {"stand", "candidates"}, stand
    assert len(stand["candidates"]) <= 2
    scores = [c["score"] for c in stand["candidates"]]
    assert scores == sorted(scores, reverse=True), scores
    for c in stand["candidates"]:
        assert list(c) == ["siret", "name", "naf", "commune", "score", "reasons"], list(c)
first = {s["stand"]: s["candidates"] for s in doc["stands"]}["orly-espaces-verts"][0]
assert first["name"] == "JARDINS DE VILLEJUIF" and first["commune"] == "94076", first
invite = json.load(open(sys.argv[2]))
ids = [s["id"] for s in invite["suppliers"]]
assert len(ids) == len(set(ids)), ids
assert all(i["level"] == "must" and i["supplier"] in ids for i in invite["invitations"]), invite["invitations"]
assert {"stand": "orly-espaces-verts", "supplier": "99900100000028", "level": "must"} in invite["invitations"]
' "$work/out" "$work/invite.json"
printf 'MESURE;CODE_POSTAL;COMMUNE;CODE_NAF2;SIRET;DENOMINATION_SOCIALE\nACI;94200;IVRY SUR SEINE;8121Z;;A\nEI;94800;VILLEJUIF;81Z;;B\n' \
  >"$work/bad-directory.csv"
expect "source merge" 0 "$bin" source "$gosb" --directory "$directory" --top 2 --invite want --out "$work/merged.json" --merge
expect "source merged event is valid" 0 "$bin" validate "$work/merged.json"
py "source merged invitations" '
import json, sys
event = json.load(open(sys.argv[1]))
ids = [s["id"] for s in event["suppliers"]]
assert len(ids) == len(set(ids)) and "99900100000028" in ids, ids[-6:]
assert {"stand": "orly-espaces-verts", "supplier": "99900100000028", "level": "want"} in event["invitations"]
assert {"stand": "lhay-espaces-verts", "supplier": "f079", "level": "want"} in event["invitations"]  # kept
' "$work/merged.json"
expect "source bad directory" 1 "$bin" source "$gosb" --directory "$work/bad-directory.csv"
contains "source error names file and line" "$work/err" "bad-directory.csv:3: column \"CODE_NAF2\": \"81Z\" is not a NAF code"
expect "source missing directory" 1 "$bin" source "$gosb" --directory "$work/no-such-directory.csv"
contains "source missing directory named" "$work/err" "no-such-directory.csv"
expect "source unknown stand" 1 "$bin" source "$gosb" --directory "$directory" --stand nope
expect "source invite needs out" 2 "$bin" source "$gosb" --directory "$directory" --invite want
expect "source needs a directory" 2 "$bin" source "$gosb"

# The README's sample outputs are the real outputs of the commands shown.
python3 - "$src/README.md" >"$work/readme-samples.txt" <<'PYTHON'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for block in re.findall(r"```\n(\$ standmatch [^\n]*)\n(.*?)```", text, re.S):
    print(block[0][2:])
    print(len(block[1].splitlines()))
    sys.stdout.write(block[1])
PYTHON
samples=0
while IFS= read -r command && IFS= read -r count; do
  head -n "$count" >"$work/readme-expected.txt"
  samples=$((samples + 1))
  read -r -a args <<<"${command#standmatch }"
  (cd "$src" && "$bin" "${args[@]}") >"$work/readme-got.txt" 2>/dev/null
  if cmp -s "$work/readme-got.txt" "$work/readme-expected.txt"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL README sample differs: $command"; diff "$work/readme-expected.txt" "$work/readme-got.txt" | head -5
  fi
done <"$work/readme-samples.txt"
[[ $samples -ge 2 ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL README samples: $samples found"; }

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
