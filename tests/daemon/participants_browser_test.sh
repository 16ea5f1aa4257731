#!/usr/bin/env bash
# The participants' pages in headless Chromium with real mouse clicks (Input events at
# the element's centre; tests/daemon/cdp_browser.py), served by the real standmatchd:
#   bash participants_browser_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
# The stand's page shows its agenda and supplier profiles, and its invite buttons write
# the stand's invitations; the supplier page's wish buttons write the supplier's
# wishes (pressing the pressed one removes it); the organiser opens registration on
# the preparation page, which lists the early warnings; the public form refuses a SIRET
# whose check digit fails, with the reason in French, then registers; the organiser
# accepts it and the supplier joins the event; the organiser ranks a directory file for a
# stand, ticks two structures and invites them. Each page is checked for no sideways
# scroll at 390 px and shot at 1280 and 390 px (kept in $STANDMATCH_SCREENSHOTS when
# set). Without Chromium it exits 77 (CTest: skipped), or fails when CI is set.
set -euo pipefail

NAME=participants_browser_test
# shellcheck source=daemon_common.sh
source "$(dirname "$0")/daemon_common.sh" "$@"

need_chromium

call() { call_to "$@"; }

step "start, import $EVENT, schedule"
start_daemon "$WORK/db.sqlite"
code=$(call PUT "/events/$EVENT" "$ORGANISER" "$WORK/put.json" --data-binary @"$EVENT_FILE")
[[ $code == 201 ]] || fail "PUT event: $code $(cat "$WORK/put.json")"
code=$(call POST "/events/$EVENT/schedule" "$ORGANISER" "$WORK/job.json")
[[ $code == 202 ]] || fail "POST schedule: $code"
job=$(json "$WORK/job.json" 'd["job"]')
state=""
for _ in $(seq 600); do
  call GET "/jobs/$job" "$ORGANISER" "$WORK/poll.json" >/dev/null
  state=$(json "$WORK/poll.json" 'd["state"]')
  [[ $state == done || $state == failed ]] && break
  sleep 0.1
done
[[ $state == done ]] || fail "schedule job: $state"
call GET "/events/$EVENT/schedule" "$ORGANISER" "$WORK/schedule.json" >/dev/null
call GET "/events/$EVENT/tokens" "$ORGANISER" "$WORK/tokens.json" >/dev/null

step "pages driven with real clicks"
SHOTS=${STANDMATCH_SCREENSHOTS:-$WORK/shots}
mkdir -p "$SHOTS"
PYTHONPATH="$(dirname "$(realpath "$0")")" python3 - "$CHROMIUM" "$WORK" "$BASE" "$EVENT" "$ORGANISER" "$SHOTS" <<'PYTHON' ||
import json
import sys
import time
import urllib.request

from cdp_browser import Browser, BrowserError, expect

chromium, work, base, event, organiser, shots = sys.argv[1:7]
tokens = json.load(open(work + "/tokens.json"))
schedule = json.load(open(work + "/schedule.json"))


def api(method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def shoot(browser, name, phone_height=1500):
    """Screenshots at 1280 and 390 px (PHONE_HEIGHT pixels of the page at most); at 390
    the page must not scroll sideways."""
    for width in (1280, 390):
        browser.width(width)
        time.sleep(0.3)
        if width == 390:
            expect(browser.no_sideways_scroll(390), name + ": scrolls sideways at 390 px")
        browser.screenshot("%s/%s-%d.png" % (shots, name, width), phone_height if width == 390 else 6000)
    browser.width(1280)


def wait_text(browser, selector, text):
    browser.wait("(document.querySelector(%s) || {}).textContent && document.querySelector(%s).textContent"
                 ".includes(%s)" % (json.dumps(selector), json.dumps(selector), json.dumps(text)),
                 "%r in %s" % (text, selector))


# The stand with meetings that has the most ranked suppliers, and its token.
def ranked_count(stand):
    return len(api("GET", "/events/%s/stands/%s/suppliers?top=0" % (event, stand), organiser)[1]["ranking"])


stand = max(sorted({m["stand"] for m in schedule["meetings"]}), key=ranked_count)
expect(ranked_count(stand) >= 2, "no stand has two ranked suppliers")
met = [m["supplier"] for m in schedule["meetings"] if m["stand"] == stand]
stand_token = next(s["token"] for s in tokens["stands"] if s["stand"] == stand)
browser = Browser(chromium, work + "/profile")
browser.width(1280)
try:
    # --- the stand's page -------------------------------------------------------------
    browser.open("%s/ui/stand.html?event=%s&stand=%s#token=%s" % (base, event, stand, stand_token))
    rows = browser.js("document.querySelectorAll('#agenda-body tr.meeting').length")
    expect(rows == len(met), "stand agenda: %s rows for %d meetings" % (rows, len(met)))
    cards = browser.js("[...document.querySelectorAll('.supplier-card')].map(c => c.dataset.supplier)")
    expect(set(met) <= set(cards), "stand page: a met supplier has no profile card")
    siret = browser.js("document.querySelector('.supplier-card .profile').textContent")
    expect("SIRET" in siret and "Codes CPV" in siret, "profile without SIRET or CPV: " + siret)
    invitee = next((c for c in cards if c not in met), cards[0])
    browser.click("#profile-%s button.level-must" % invitee)
    wait_text(browser, "#invite-status", "enregistrées")
    code, got = api("GET", "/events/%s/stands/%s/invitations" % (event, stand), stand_token)
    expect(code == 200 and {"supplier": invitee, "level": "must"} in got["invitations"],
           "the must invitation was not saved: %s" % got)
    expect(browser.js("document.querySelector('#profile-%s button.level-must').getAttribute('aria-pressed')"
                      % invitee) == "true", "the must button is not shown pressed")
    refused = cards[-1] if cards[-1] != invitee else cards[-2]
    browser.click("#profile-%s button.level-no" % refused)
    browser.wait("document.querySelector('#profile-%s .levels').dataset.level === 'no'" % refused, "no pressed")
    code, got = api("GET", "/events/%s/stands/%s/invitations" % (event, stand), stand_token)
    expect({"supplier": refused, "level": "no"} in got["invitations"] and
           {"supplier": invitee, "level": "must"} in got["invitations"], "invitations after two clicks: %s" % got)
    shoot(browser, "stand")
    print("stand page: agenda, %d profiles, invitations saved by clicks" % len(cards))
    # The stand's page in English on request: its words, the profiles and the reasons.
    browser.open("%s/ui/stand.html?lang=en&event=%s&stand=%s#token=%s" % (base, event, stand, stand_token))
    expect(browser.js("document.getElementById('agenda-title').textContent") == "My meetings", "stand page in English")
    profile = browser.js("document.querySelector('.supplier-card .profile').textContent")
    expect("CPV codes" in profile and "Codes CPV" not in profile, "profile in English: " + profile)
    why = browser.js("[...document.querySelectorAll('.supplier-card details li')].map(l => l.textContent).join(' | ')")
    expect("même" not in why and "le CPV" not in why, "French reasons on the English stand page: " + why[:200])
    shoot(browser, "stand-en")

    # --- the supplier page's wish buttons --------------------------------------------
    # A supplier with a meeting and a ranked stand it has no wish for yet.
    def free_stands(sid):
        ranked = api("GET", "/events/%s/suppliers/%s/stands?top=10" % (event, sid), organiser)[1]["ranking"]
        wished = {w["stand"] for w in api("GET", "/events/%s/suppliers/%s/wishes" % (event, sid), organiser)[1]["wishes"]}
        return [r["stand"] for r in ranked if r["stand"] not in wished]
    supplier = next(s for s in sorted({m["supplier"] for m in schedule["meetings"]}) if free_stands(s))
    supplier_token = next(t["token"] for t in tokens["tokens"] if t["supplier"] == supplier)
    browser.open("%s/ui/supplier.html?event=%s&supplier=%s#token=%s" % (base, event, supplier, supplier_token))
    # The first ranked stand the supplier has no wish for yet.
    first = browser.js("[...document.querySelectorAll('#ranking-body tr.ranked')]"
                       ".find(r => r.querySelector('.levels').dataset.level === '').dataset.stand")
    row = "#ranking-body tr.ranked[data-stand=%s]" % json.dumps(first)
    browser.click(row + " button.level-want")
    wait_text(browser, "#wish-status", "enregistrés")
    code, got = api("GET", "/events/%s/suppliers/%s/wishes" % (event, supplier), supplier_token)
    expect({"stand": first, "level": "want"} in got["wishes"], "the want wish for %s was not saved: %s" % (first, got))
    browser.click(row + " button.level-want")  # pressed again: removed
    browser.wait("document.querySelector(%s).dataset.level === ''" % json.dumps(row + " .levels"), "wish removed")
    code, got = api("GET", "/events/%s/suppliers/%s/wishes" % (event, supplier), supplier_token)
    expect(all(w["stand"] != first for w in got["wishes"]), "the wish was not removed: %s" % got)
    browser.click(row + " button.level-must")
    browser.wait("document.querySelector(%s).dataset.level === 'must'" % json.dumps(row + " .levels"), "must")
    code, got = api("GET", "/events/%s/suppliers/%s/wishes" % (event, supplier), supplier_token)
    expect({"stand": first, "level": "must"} in got["wishes"], "the must wish was not saved: %s" % got)
    shoot(browser, "supplier")
    print("supplier page: wishes saved, removed and saved again by clicks")

    # --- the organiser opens registration; the early warnings -------------------------
    # By CPV codes alone (the text criterion off), nobody is eligible at the stand nettoyage.
    code, got = api("PUT", "/events/%s/rules" % event, organiser,
                    {"format": "standmatch.rules/1", "weights": {"relevance": 0.45, "size": 0.10, "ess": 0.08,
                     "inclusion": 0.10, "locality": 0.12, "reuse": 0.07, "mutual": 0.08, "text": 0}})
    expect(code == 200, "PUT rules: %s %s" % (code, got))
    browser.open("%s/ui/organiser.html?event=%s#token=%s" % (base, event, organiser))
    expect(browser.js("Boolean(document.querySelector('#warnings li[data-kind=stand][data-id=nettoyage]'))"),
           "the organiser's page does not warn that stand nettoyage has no eligible supplier")
    browser.click("#open")
    browser.click("#save-registration")
    wait_text(browser, "#registration-status", "ouvertes")
    code, got = api("GET", "/events/%s/registration" % event)
    expect(code == 200 and got["open"] is True, "registration not opened: %s" % got)

    # --- the public form -------------------------------------------------------------
    # In English on request: the form's words, its fields left as they are.
    browser.open("%s/ui/register.html?lang=en&event=%s" % (base, event))
    expect(browser.js("document.querySelector('h1').textContent") == "Supplier registration", "register page in English")
    form = browser.js("document.getElementById('register').textContent")
    expect("Company name" in form and "Raison sociale" not in form, "the form's labels in English: " + form[:200])
    expect(browser.js("Boolean(document.getElementById('name') && document.getElementById('siret'))"),
           "the English labels lost the form's fields")
    shoot(browser, "register-en")
    browser.open("%s/ui/register.html?event=%s" % (base, event))
    browser.type("#name", "Nettoyage Solidaire du Val")
    browser.type("#siret", "73282932000075")  # check digit wrong
    browser.type("#commune", "94076")
    browser.type("#cpv", "90910000")
    browser.click("#submit")
    wait_text(browser, "#form-error", "clé de contrôle")
    shoot(browser, "register-error")
    browser.type("#siret", "73282932000074")
    browser.click("#ess")
    browser.click("#submit")
    browser.wait("!document.getElementById('done').hidden", "the registration's confirmation")
    rid = browser.js("document.getElementById('registration-id').textContent")
    expect(rid.startswith("reg-"), "registration id " + rid)
    shoot(browser, "register-done")

    # --- the organiser accepts it ----------------------------------------------------
    browser.open("%s/ui/organiser.html?event=%s#token=%s" % (base, event, organiser))
    browser.click("tr.registration[data-id=%s] button.accept" % json.dumps(rid))
    wait_text(browser, "#registration-status", "acceptée")
    browser.wait("document.querySelector('tr.registration[data-id=%s]').dataset.state === 'accepted'" % rid,
                 "the accepted row")
    shoot(browser, "organiser")
    code, got = api("GET", "/events/%s/tokens" % event, organiser)
    expect(any(t["supplier"] == rid and t["name"] == "Nettoyage Solidaire du Val" for t in got["tokens"]),
           "the accepted supplier has no token")
    print("registration: refused with the SIRET reason, registered, accepted by a click")

    # --- the organiser invites structures of a directory --------------------------------
    # A few lines of the SIAE export's layout, in Windows-1252 as the export comes: the
    # file goes to the daemon byte for byte.
    directory = work + "/annuaire.csv"
    with open(directory, "w", encoding="cp1252", newline="") as f:
        f.write("MESURE;CODE_DEPARTEMENT;LIBELLE_DPT;CODE_POSTAL;COMMUNE;CODE_NAF2;NATURE_JURIDIQUE;SIRET;"
                "DENOMINATION_SOCIALE\r\n"
                "ACI;094;VAL-DE-MARNE;94200;IVRY SUR SEINE;8121Z;Association déclarée ;99900100000010;"
                "PROPRETÉ SOLIDAIRE IVRY\r\n"
                "AI;091;ESSONNE;91170;VIRY CHATILLON;8121Z;Association déclarée ;99900100000044;SERVICES VIRY\r\n"
                "EI;094;VAL-DE-MARNE;94800;VILLEJUIF;8121Z;SARL;99900100000077;NET'VILLEJUIF\r\n"
                "EI;094;VAL-DE-MARNE;94800;VILLEJUIF;8130Z;SARL;99900100000028;JARDINS DE VILLEJUIF\r\n"
                "ACI;094;VAL-DE-MARNE;94400;VITRY SUR SEINE;8899B;Association déclarée ;99900100000036;"
                "ACCUEIL VITRY\r\n")
    target = "nettoyage"
    # The default rules again (the text criterion counts), as the API test ranks them.
    code, got = api("PUT", "/events/%s/rules" % event, organiser, {"format": "standmatch.rules/1"})
    expect(code == 200, "PUT rules: %s %s" % (code, got))
    browser.open("%s/ui/organiser.html?event=%s#token=%s" % (base, event, organiser))
    browser.choose_file("#source-file", directory)
    # A native <select> takes no mouse events headless: the option is chosen by its value.
    browser.js("(() => { const s = document.getElementById('source-stand'); s.value = %s;"
               " s.dispatchEvent(new Event('change', {bubbles: true})); })()" % json.dumps(target))
    browser.type("#source-top", "5")
    browser.click("#source-rank")
    browser.wait("!document.getElementById('source-rank').disabled", "the ranking's answer")
    status = browser.js("document.getElementById('source-status').textContent")
    expect("structures classées" in status, "ranking the directory: " + status)
    expect(browser.js("document.querySelectorAll('#candidates li.candidate').length") >= 2,
           "fewer than 2 candidates: " + status)
    ranked = browser.js("[...document.querySelectorAll('#candidates li.candidate')].map(li => li.dataset.siret)")
    first = browser.js("document.querySelector('#candidates li.candidate').textContent")
    expect("NAF 81.21Z" in first and "score" in first and "même EPT Grand-Orly Seine Bièvre" in first,
           "a candidate without its NAF, score or French reasons: " + first)
    names = browser.js("document.getElementById('candidates').textContent")
    expect("PROPRETÉ SOLIDAIRE IVRY" in names, "the Windows-1252 name did not come through: " + names[:300])
    expect("99900100000028" not in ranked, "a green-spaces structure ranked for cleaning: %s" % ranked)
    # Inviting nothing says so; then two ticked, at the level "obligatoire".
    browser.click("#source-invite-button")
    wait_text(browser, "#invite-status", "Cochez au moins une structure")
    chosen = ranked[:2]
    for siret in chosen:
        browser.click("#candidates li[data-siret='%s'] input[type=checkbox]" % siret)
    browser.click("input[name=source-level][value=must]")
    browser.click("#source-invite-button")
    wait_text(browser, "#invite-status", "2 structures invitées (invitation obligatoire)")
    status = browser.js("document.getElementById('invite-status').textContent")
    code, history = api("GET", "/events/%s/history" % event, organiser)
    revision = history["revisions"][-1]["revision"]
    expect("révision %d" % revision in status, "the confirmation does not give revision %d: %s" % (revision, status))
    code, got = api("GET", "/events/%s/stands/%s/invitations" % (event, target), organiser)
    for siret in chosen:
        expect({"supplier": siret, "level": "must"} in got["invitations"],
               "%s is not invited at must by %s: %s" % (siret, target, got))
    code, got = api("GET", "/events/%s" % event, organiser)
    expect({s["siret"] for s in got["suppliers"] if "siret" in s} >= set(chosen),
           "the invited structures are not suppliers of the event")
    expect(browser.js("document.querySelectorAll('#candidates li[data-invited=must]').length") == 2,
           "the invited candidates are not marked")
    shoot(browser, "organiser-sourcing", phone_height=8000)
    print("sourcing: %d candidates ranked, 2 ticked and invited at must by clicks (revision %d)"
          % (len(ranked), revision))
except BrowserError as error:
    print("FAIL:", error)
    sys.exit(1)
finally:
    browser.close()
PYTHON
  fail "a page did not behave (see above)"

step "stop"
stop_daemon
echo "$NAME: ok"
