#!/usr/bin/env bash
# The organiser's console (console.html) in headless Chromium with real mouse clicks,
# against the real standmatchd: bad input (an unknown supplier, a time outside the day,
# a walk-in with a bad SIRET) is reported and changes nothing; a no-show and a walk-in
# are previewed (no version written), then published, and the published schedule passes
# `standmatch check` against the published event. Screenshots at 1280 and 390 px go to
# $STANDMATCH_SCREENSHOTS (default: ./screenshots); at 390 px nothing scrolls sideways.
#   bash console_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
set -euo pipefail

NAME=console_test
# shellcheck source=daemon_common.sh
source "$(dirname "$0")/daemon_common.sh" "$@"

need_chromium
SHOTS=${STANDMATCH_SCREENSHOTS:-$PWD/screenshots}
mkdir -p "$SHOTS"

start_daemon "$WORK/db.sqlite"
call PUT "/events/$EVENT" "$ORGANISER" --data-binary @"$EVENT_FILE"
expect 201 "PUT event"
run_schedule_job
fetch "/events/$EVENT/schedule" "$WORK/s1.json" "GET schedule"
# A supplier with a meeting before NOW and a later one.
read -r MISSER _ NOW _ < <(pick_no_show "$WORK/s1.json")
CPV=$(json "$EVENT_FILE" 'd["stands"][0]["needs"][0]["cpv"][0]')

step "console in chromium"
PYTHONPATH="$(dirname "$0")" python3 - "$CHROMIUM" "$WORK" "$BASE" "$EVENT" "$ORGANISER" "$MISSER" \
  "$CPV" "$SHOTS" "$NOW" <<'PYTHON' || fail "the console"
import json, os, sys, time, urllib.request
from cdp_browser import Browser, expect  # tests/daemon/cdp_browser.py, on PYTHONPATH

chromium, work, base, event, token, misser, cpv, shots, now = sys.argv[1:10]

def api(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as r:
        return json.loads(r.read())

def versions():
    return len(api("/events/%s/schedules" % event)["schedules"])

b = Browser(chromium, os.path.join(work, "profile"))
try:
    b.width(1280)
    # The supplier opens its page before the re-plan (this browser has seen version 1).
    supplier_token = next(t["token"] for t in api("/events/%s/tokens" % event)["tokens"] if t["supplier"] == misser)
    supplier_url = "%s/ui/supplier.html?event=%s&supplier=%s#token=%s" % (base, event, misser, supplier_token)
    b.open(supplier_url)
    expect(b.js("document.getElementById('changes-banner').hidden"), "a banner on the first visit")
    # The page notes the version it showed in its address (a reload or bookmark keeps it).
    supplier_url = b.js("location.href")
    expect("seen=1" in supplier_url, "the supplier page's address lacks seen=1: %s" % supplier_url.split("#")[0])
    # The same page in English on request: its own words, the reasons and the wish buttons.
    b.open("%s/ui/supplier.html?lang=en&event=%s&supplier=%s#token=%s" % (base, event, misser, supplier_token))
    expect(b.js("document.documentElement.lang") == "en", "the English page keeps <html lang=fr>")
    expect(b.js("document.getElementById('agenda-title').textContent") == "My agenda", "the agenda title in English")
    buttons = b.js("[...document.querySelectorAll('#ranking-body button.level')].map(x => x.textContent)")
    expect("Must" in buttons, "the wish buttons in English: %s" % buttons[:3])
    reasons = b.js("document.getElementById('ranking-body').textContent")
    expect("même" not in reasons and "le CPV" not in reasons, "French reasons on the English page: %s" % reasons[:200])
    b.width(390)
    b.screenshot(os.path.join(shots, "supplier-en-390.png"))
    expect(b.js("document.documentElement.scrollWidth") <= 390, "the English supplier page scrolls sideways at 390 px")
    b.width(1280)
    b.open("%s/ui/console.html?event=%s&now=%s#token=%s" % (base, event, now, token))
    expect(b.js("document.getElementById('now').value") == now, "now is not the given time")
    rows = b.js("document.querySelectorAll('#suppliers li.person').length")
    expect(rows > 10, "the console lists %d suppliers" % rows)
    b.width(1280)
    b.screenshot(os.path.join(shots, "console-1280.png"))
    b.width(390)
    b.screenshot(os.path.join(shots, "console-390.png"))
    width = b.js("document.documentElement.scrollWidth")
    expect(width <= 390, "the console scrolls sideways at 390 px: %d px wide" % width)
    b.width(1280)
    pending = "document.querySelectorAll('#pending li').length"
    error = "document.getElementById('error').hidden ? '' : document.getElementById('error').textContent"

    # Bad input 1: an unknown supplier typed at the desk.
    b.type("#search", "f999-inconnu")
    b.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13})
    b.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13})
    expect("Fournisseur inconnu" in b.js(error) and "Rien n'a été changé" in b.js(error), "unknown supplier: %r" % b.js(error))
    expect(b.js(pending) == 0, "an unknown supplier changed something")

    # Bad input 2: late from a time outside the day.
    b.type("#search", misser)
    row = "#suppliers li[data-supplier='%s']" % misser
    # A time field takes its value per segment, which keystrokes differ on: set it, then click.
    b.js("(() => { const t = document.querySelector(%s); t.value = '15:00';"
         " t.dispatchEvent(new Event('input')); })()" % json.dumps(row + " input.late-time"))
    b.click(row + " button[data-action=late]")
    expect("hors de la journée" in b.js(error), "a time outside the day: %r" % b.js(error))
    expect(b.js(pending) == 0, "a time outside the day changed something")

    # Bad input 3: a walk-in with a bad SIRET (refused by the server, as in an event file).
    b.type("#walk-id", "f900")
    b.type("#walk-name", "Atelier de passage")
    b.type("#walk-siret", "12345678901234")
    b.type("#walk-commune", "94076")
    b.type("#walk-cpv", cpv)
    b.click("#walk-add")
    deadline = time.time() + 20
    while "Refusé" not in b.js(error) and time.time() < deadline:
        time.sleep(0.1)
    expect("Refusé" in b.js(error) and "siret" in b.js(error).lower(), "a bad SIRET: %r" % b.js(error))
    expect(b.js(pending) == 0, "a bad walk-in changed something")

    # A no-show, and the walk-in corrected (no SIRET).
    b.click(row + " button[data-action=no_show]")
    expect(b.js(pending) == 1, "the no-show is not pending")
    b.type("#walk-siret", "")
    b.js("document.getElementById('walk-siret').value = ''")
    b.click("#walk-add")
    deadline = time.time() + 20
    while b.js(pending) < 2 and time.time() < deadline:
        time.sleep(0.1)
    expect(b.js(pending) == 2, "the walk-in is not pending: %r" % b.js(error))

    # Preview: the diff, nothing written.
    b.click("#preview")
    deadline = time.time() + 20
    while b.js("document.getElementById('result').hidden") and time.time() < deadline:
        time.sleep(0.1)
    expect(not b.js("document.getElementById('result').hidden"), "no preview shown: %r" % b.js(error))
    changes = b.js("[...document.querySelectorAll('#diff li')].map(li => li.dataset.change)")
    expect("cancelled" in changes, "the preview shows no lost meeting: %s" % changes)
    expect(versions() == 1, "the preview wrote a schedule version")
    b.width(1280)
    b.screenshot(os.path.join(shots, "console-preview-1280.png"))
    b.width(390)
    b.screenshot(os.path.join(shots, "console-preview-390.png"))
    expect(b.js("document.documentElement.scrollWidth") <= 390, "the preview scrolls sideways at 390 px")
    b.width(1280)

    # Publish (a confirm dialog answers yes when there are warnings).
    b.js("window.confirm = () => true")
    b.click("#publish")
    deadline = time.time() + 30
    while versions() < 2 and time.time() < deadline:
        time.sleep(0.2)
    expect(versions() == 2, "publishing wrote no version: %r" % b.js(error))
    deadline = time.time() + 20
    while "publié" not in b.js("document.getElementById('notice').textContent") and time.time() < deadline:
        time.sleep(0.1)
    expect("publié" in b.js("document.getElementById('notice').textContent"), "no published notice")
    expect(b.js(pending) == 0, "pending changes left after publishing")

    # The supplier's page tells what changed since the version it showed.
    b.open(supplier_url)
    expect(not b.js("document.getElementById('changes-banner').hidden"), "no banner after the re-plan")
    shown = b.js("[...document.querySelectorAll('#changes-list li')].map(li => li.dataset.change)")
    expect(shown == ["cancelled"], "the banner lists %s" % shown)
    statuses = b.js("[...document.querySelectorAll('#agenda-body tr')].map(r => r.dataset.status)")
    expect("no_show" in statuses, "the supplier's agenda does not show the no-show: %s" % statuses)
    b.width(1280)
    b.screenshot(os.path.join(shots, "supplier-banner-1280.png"))
    b.width(390)
    b.screenshot(os.path.join(shots, "supplier-banner-390.png"))
    expect(b.js("document.documentElement.scrollWidth") <= 390, "the supplier page scrolls sideways at 390 px")
    b.click("#changes-seen")
    b.open(b.js("location.href"))
    expect(b.js("document.getElementById('changes-banner').hidden"), "the banner is back after 'J'ai vu'")

    # The timetable shows the attendance.
    b.width(1280)
    b.open("%s/ui/timetable.html?event=%s#token=%s" % (base, event, token))
    marked = b.js("[...document.querySelectorAll('#grid td[data-status]')].map(c => c.dataset.status)")
    expect("no_show" in marked and "held" in marked, "the timetable shows %s" % sorted(set(marked)))
    b.width(1280)
    b.screenshot(os.path.join(shots, "timetable-1280.png"))
    b.width(390)
    b.screenshot(os.path.join(shots, "timetable-390.png"))
    expect(b.js("document.documentElement.scrollWidth") <= 390, "the timetable page scrolls sideways at 390 px")
finally:
    b.close()
PYTHON

step "the published schedule checks"
fetch "/events/$EVENT" "$WORK/e2.json" "GET the published event"
fetch "/events/$EVENT/schedule" "$WORK/s2.json" "GET the published schedule"
check_schedule "$WORK/e2.json" "$WORK/s2.json" "the schedule published from the console"
[[ $(json "$WORK/s2.json" 'sum(1 for m in d["meetings"] if m["status"] == "no_show")') == 1 ]] ||
  fail "the published schedule has no no_show"
[[ $(json "$WORK/e2.json" 'any(s["id"] == "f900" for s in d["suppliers"])') == True ]] ||
  fail "the walk-in is not in the published event"
stop_daemon
echo "$NAME: OK (screenshots in $SHOTS)"
