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

# import checks the event it writes: a loader error names the CSV row, nothing is written.
printf 'buyer_id;buyer_name;stand_id;stand_title;need_id;need_title;cpv\nvj;Ville de Villejuif;mobilier;Mobilier;m1;Bureaux;39130000-2\n' >"$work/stands.csv"
printf 'id;name;siret\nf001;Atelier;21940076900010\nf002;Menuiserie;21940076900013\n' >"$work/suppliers.csv"
import_args=(import --stands "$work/stands.csv" --suppliers "$work/suppliers.csv" --id fad --name Forum
  --date 2025-03-28 --session 10:40-12:20 --slot-minutes 10)
expect "import refuses an event the loader refuses" 1 "$bin" "${import_args[@]}" --out "$work/imported.json"
contains "import names the CSV row" "$work/err" "suppliers.csv:3: suppliers[1].siret: \"21940076900013\""
[[ ! -e "$work/imported.json" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL import wrote an invalid event"; }
printf 'id;name;siret\nf001;Atelier;21940076900010\n' >"$work/suppliers.csv"
expect "import" 0 "$bin" "${import_args[@]}" --out "$work/imported.json"
expect "validate imported" 0 "$bin" validate "$work/imported.json"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
