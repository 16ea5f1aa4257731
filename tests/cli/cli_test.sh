#!/usr/bin/env bash
# The standmatch command as a real process: exit codes, messages, outputs.
#   cli_test.sh STANDMATCH SOURCE_DIR
set -u
bin=$1
src=$2
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

expect "rank supplier" 0 "$bin" rank "$event" --supplier f001 --top 3 --json
contains "rank json" "$work/out" '"supplier": "f001"'
expect "rank unknown supplier" 1 "$bin" rank "$event" --supplier no-such-supplier
expect "rank needs a side" 2 "$bin" rank "$event"

expect "scores" 0 "$bin" scores "$event"
contains "scores header" "$work/out" "supplier,stand,score,relevance,size,ess,inclusion,locality,reuse,mutual"

expect "schedule" 0 "$bin" schedule "$event" --out "$work/out-dir" --quiet
for f in schedule.json timetable.html; do
  [[ -s "$work/out-dir/$f" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL missing $f"; }
done
ls "$work/out-dir/agendas/suppliers/"*.ics >/dev/null 2>&1 && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL no supplier ICS"; }
expect "check own schedule" 0 "$bin" check "$event" "$work/out-dir/schedule.json"
"$bin" schedule "$event" --json --quiet >"$work/again.json" 2>/dev/null
cmp -s "$work/again.json" "$work/out-dir/schedule.json" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL schedule not deterministic"; }

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
