#!/usr/bin/env bash
# The web pages in headless Chromium, served by the real standmatchd on a loopback port.
#   bash browser_test.sh STANDMATCHD STANDMATCH SOURCE_DIR
# Imports villejuif-2025, builds a schedule, then loads the timetable and a supplier's
# page with --dump-dom and checks the rendered DOM against the API's JSON: every
# meeting of the schedule is a cell of the grid and no other cell holds one; the
# supplier's agenda rows and ranking order are the API's; its ICS and CSV buttons save
# the API's files byte for byte (Chromium driven over --remote-debugging-pipe); names
# holding markup render as text; the filters, the print view and the home page's form
# work when typed and clicked; an open timetable shows a re-plan; wrong, missing and
# out-of-scope tokens show their error text. Without Chromium it exits 77 (CTest:
# skipped), or fails when CI is set.
set -euo pipefail

NAME=browser_test
TESTS_DIR=$(dirname "$(realpath "$0")")
# shellcheck source=daemon_common.sh
source "$(dirname "$0")/daemon_common.sh" "$@"

need_chromium

# call METHOD PATH TOKEN OUT [curl args...]: the body goes to OUT; prints the status.
call() { call_to "$@"; }

# page NAME URL: dumps the DOM of URL, as Chromium renders it, to $WORK/NAME.html.
page() {
  local name=$1 url=$2
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --disable-extensions --disable-background-networking \
    --disable-sync --user-data-dir="$WORK/chromium" --virtual-time-budget=10000 \
    --dump-dom "$url" >"$WORK/$name.html" 2>>"$WORK/chromium.log" ||
    fail "chromium could not load $name (see its log: $(tail -3 "$WORK/chromium.log"))"
  [[ -s "$WORK/$name.html" ]] || fail "chromium dumped an empty DOM for $name"
}

# check WHAT ARGS...: runs the DOM checks below (Python) on the dumped pages.
check() { PYTHONPATH="$TESTS_DIR" python3 "$WORK/check.py" "$@" || fail "$1"; }

cat >"$WORK/check.py" <<'PYTHON'
"""DOM checks of the dumped pages: check.py CHECK ARGS..."""
import fcntl
import html.parser
import json
import os
import select
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from cdp_browser import Browser  # tests/daemon/cdp_browser.py, on PYTHONPATH (check below)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, pred):
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    yield c
                yield from c.all(pred)

    def by_id(self, ident):
        return next(self.all(lambda n: n.attrs.get("id") == ident), None)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def hidden(self):
        node = self
        while node is not None:
            if "hidden" in node.attrs:
                return True
            node = node.parent
        return False


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def load_dom(path):
    builder = Builder()
    with open(path, encoding="utf-8") as f:
        builder.feed(f.read())
    return builder.root


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def body_state(dom):
    body = next(dom.all(lambda n: n.tag == "body"), None)
    return body.attrs.get("data-state") if body else None


def expect(condition, message):
    if not condition:
        print("check: " + message, file=sys.stderr)
        sys.exit(1)


def timetable(dom_path, schedule_path, timetable_path):
    dom, schedule, doc = load_dom(dom_path), load_json(schedule_path), load_json(timetable_path)
    expect(body_state(dom) == "ready", "timetable page state %r, error %r" % (
        body_state(dom), dom.by_id("error").text() if dom.by_id("error") else None))
    names = {s["id"]: s["name"] for s in doc["suppliers"]}
    cells = list(dom.all(lambda n: n.tag == "td" and "data-slot" in n.attrs))
    slots = [s["index"] for s in doc["slots"]]
    expect(len(cells) == sum(s["tables"] for s in doc["stands"]) * len(slots),
           "%d grid cells for %d stand tables x %d slots" % (
               len(cells), sum(s["tables"] for s in doc["stands"]), len(slots)))
    shown = sorted((c.attrs["data-stand"], int(c.attrs["data-table"]), int(c.attrs["data-slot"]),
                    c.attrs["data-supplier"]) for c in cells if "data-supplier" in c.attrs)
    wanted = sorted((m["stand"], m["table"], m["slot"], m["supplier"]) for m in schedule["meetings"])
    expect(len(wanted) > 0, "the schedule has no meeting")
    missing = sorted(set(wanted) - set(shown))
    extra = sorted(set(shown) - set(wanted))
    expect(shown == wanted, "grid != schedule: %d cells, %d meetings; missing %s; extra %s" % (
        len(shown), len(wanted), missing[:5], extra[:5]))
    for c in cells:
        if "data-supplier" in c.attrs:
            expect(c.text().strip() == names[c.attrs["data-supplier"]],
                   "cell %s shows %r" % (c.attrs, c.text()))
            expect("meeting" in c.classes(), "a meeting cell without class meeting")
        else:
            expect(c.text().strip() == "", "an empty cell shows %r" % c.text())
    heads = [int(h.attrs["data-slot"]) for h in dom.all(lambda n: n.tag == "th" and "data-slot" in n.attrs)]
    expect(heads == slots, "slot columns %s, expected %s" % (heads, slots))
    for h, s in zip(dom.all(lambda n: n.tag == "th" and "data-slot" in n.attrs), doc["slots"]):
        expect(s["start"] in h.text() and s["end"] in h.text(), "slot header %r for %s" % (h.text(), s))
    rows = [b.attrs["data-stand"] for b in dom.all(lambda n: n.tag == "tbody" and "data-stand" in n.attrs)]
    expect(rows == [s["id"] for s in doc["stands"]], "stand rows %s" % rows)
    expect(not any(c.hidden() for c in cells), "hidden rows without a filter")
    expect(doc["event"]["name"] in dom.by_id("event-name").text(), "the event's name is not the title")
    print("timetable: %d meetings in %d cells, all from the schedule" % (len(shown), len(cells)))


def filtered(dom_path, schedule_path, stand, supplier):
    dom, schedule = load_dom(dom_path), load_json(schedule_path)
    expect(body_state(dom) == "ready", "filtered page state %r" % body_state(dom))
    bodies = list(dom.all(lambda n: n.tag == "tbody" and "data-stand" in n.attrs))
    if stand:
        visible = [b.attrs["data-stand"] for b in bodies if not b.hidden()]
        expect(visible == [stand], "stand filter %s shows %s" % (stand, visible))
    if supplier:
        lit = sorted((c.attrs["data-stand"], int(c.attrs["data-slot"]))
                     for c in dom.all(lambda n: n.tag == "td" and "highlight" in n.classes()))
        wanted = sorted((m["stand"], m["slot"]) for m in schedule["meetings"] if m["supplier"] == supplier)
        expect(lit == wanted, "supplier filter %s highlights %s, expected %s" % (supplier, lit, wanted))
    print("filter stand=%r supplier=%r: ok" % (stand, supplier))


def supplier(dom_path, agenda_path, ranking_path, cli_ranking_path):
    dom, agenda, ranking = load_dom(dom_path), load_json(agenda_path), load_json(ranking_path)
    expect(body_state(dom) == "ready", "supplier page state %r" % body_state(dom))
    for box in ("error", "agenda-error", "ranking-error"):
        expect(dom.by_id(box).hidden(), "%s shown: %r" % (box, dom.by_id(box).text()))
    expect(agenda["owner"]["name"] == dom.by_id("supplier-name").text().strip(),
           "supplier name %r" % dom.by_id("supplier-name").text())
    rows = list(dom.by_id("agenda-body").all(lambda n: n.tag == "tr"))
    shown = [(int(r.attrs["data-slot"]), r.attrs["data-stand"], int(r.attrs["data-table"]), r.attrs["data-need"])
             for r in rows]
    wanted = [(m["slot"], m["stand"], m["table"], m["need"]) for m in agenda["meetings"]]
    expect(len(wanted) > 0, "the supplier has no meeting")
    expect(shown == wanted, "agenda rows %s, expected %s" % (shown, wanted))
    for r, m in zip(rows, agenda["meetings"]):
        cells = [c.text().strip() for c in r.children if not isinstance(c, str)]
        expect(cells == ["%s–%s" % (m["start"], m["end"]), m["stand_name"], str(m["table"]), m["need_title"]],
               "agenda row %s for %s" % (cells, m))
    items = list(dom.by_id("ranking-body").all(lambda n: n.tag == "tr"))
    order = [(int(r.attrs["data-rank"]), r.attrs["data-stand"]) for r in items]
    wanted = [(i["rank"], i["stand"]) for i in ranking["ranking"]]
    expect(len(wanted) > 0, "empty ranking")
    expect(order == wanted, "ranking %s, expected %s" % (order, wanted))
    cli = [i["stand"] for i in load_json(cli_ranking_path)["ranking"]]
    expect([s for _, s in order] == cli, "ranking %s, the CLI ranks %s" % (order, cli))
    for r, i in zip(items, ranking["ranking"]):
        text = r.text()
        expect(i["name"] in text and "%.2f" % i["score"] in text, "ranking row %r for %s" % (text, i))
        first_reason = i["reasons"][0] if isinstance(i["reasons"], list) else i["reasons"].split(" · ")[0]
        expect(first_reason in text, "ranking row without its reasons: %r" % text)
    expect("disabled" not in dom.by_id("ics-download").attrs, "the ICS download is disabled")
    print("supplier: %d agenda rows and %d ranked stands as the API gives them" % (len(shown), len(order)))


def markup(dom_path):
    dom = load_dom(dom_path)
    main = next(dom.all(lambda n: n.tag == "main"))
    header = next(dom.all(lambda n: n.tag == "header"))
    tags = sorted({n.tag for root in (main, header) for n in root.all(lambda n: n.tag in ("img", "b", "i", "script"))})
    expect(not tags, "names became elements: %s" % tags)
    expect("<script>" in dom.by_id("event-name").text(), "the event's name lost its text")
    print("markup: names shown as text")


def dump(chromium, profile, directory, *names_and_urls):
    """Loads each URL in turn in one browser and writes its rendered DOM, once the page
    is ready or shows its error, to DIRECTORY/NAME.html: --dump-dom without one
    browser start per page."""
    browser = Browser(chromium, profile)
    try:
        for name, url in zip(names_and_urls[::2], names_and_urls[1::2]):
            browser.open(url, accept=("ready", "error"))
            with open(os.path.join(directory, name + ".html"), "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html>\n" + browser.js("document.documentElement.outerHTML"))
    finally:
        browser.close()


def download(chromium, url, directory, *buttons_and_files):
    """Clicks each #BUTTON in turn on the page at URL and checks that the file it saves
    in DIRECTORY holds the bytes of its EXPECTED file."""
    os.makedirs(directory)
    browser = Browser(chromium, directory + ".profile", downloads=directory)
    try:
        browser.open(url)
        for button, expected_path in zip(buttons_and_files[::2], buttons_and_files[1::2]):
            before = set(os.listdir(directory))
            browser.js("document.getElementById(%s).click()" % json.dumps(button))
            with open(expected_path, "rb") as f:
                wanted = f.read()
            files, got, deadline = [], None, time.time() + 60
            while got != wanted and time.time() < deadline:
                time.sleep(0.2)
                files = [f for f in set(os.listdir(directory)) - before if not f.endswith(".crdownload")]
                if len(files) == 1:
                    with open(os.path.join(directory, files[0]), "rb") as f:
                        got = f.read()
            expect(len(files) == 1, "#%s downloaded %s" % (button, files))
            expect(got == wanted, "%s differs from the API's answer (%d bytes, expected %d)" % (
                files[0], len(got or b""), len(wanted)))
            print("download: #%s saved %s, %d bytes, as the API serves it" % (button, files[0], len(got)))
    finally:
        browser.close()


def interact(chromium, url, profile, schedule_path, timetable_path, supplier_id):
    """The home page's form opens the timetable at URL; there, typing the supplier's name
    in the search highlights its meetings, "only matching rows" hides the other stands,
    the stand select keeps one stand, the print button prints, the print media hides
    the controls, and a meeting's cell opens its supplier's page with the token."""
    schedule, doc = load_json(schedule_path), load_json(timetable_path)
    name = next(s["name"] for s in doc["suppliers"] if s["id"] == supplier_id)
    mine = [m for m in schedule["meetings"] if m["supplier"] == supplier_id]
    lit_js = ("[...document.querySelectorAll('#grid td.highlight')]"
              ".map(c => c.dataset.stand + '/' + c.dataset.slot).sort()")
    shown_js = "[...document.querySelectorAll('#grid tbody.stand')].filter(b => !b.hidden).map(b => b.dataset.stand)"
    browser = Browser(chromium, profile)
    try:
        # The home page's form opens the timetable with the token in the fragment.
        parts = urllib.parse.urlsplit(url)
        token = urllib.parse.unquote(parts.fragment.split("token=", 1)[1])
        browser.open(urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/", "", "")))
        browser.js("document.getElementById('event').value = %s;"
                   " document.getElementById('token').value = %s;"
                   " document.getElementById('open-timetable').click()" % (
                       json.dumps(doc["event"]["id"]), json.dumps(token)))
        browser.wait_ready("/ui/timetable.html")
        expect(browser.js("location.search") == "?event=" + urllib.parse.quote(doc["event"]["id"]),
               "the home page opened %s" % browser.js("location.href").split("#")[0])
        browser.js("window.printed = 0; window.print = () => { window.printed += 1; }")
        browser.js("(() => { const box = document.getElementById('supplier-search'); box.value = %s;"
                   " box.dispatchEvent(new Event('input')); })()" % json.dumps(name.upper()))
        lit = browser.js(lit_js)
        expect(lit == sorted("%s/%d" % (m["stand"], m["slot"]) for m in mine),
               "search %r highlights %s" % (name, lit))
        browser.js("(() => { const box = document.getElementById('only-matching'); box.checked = true;"
                   " box.dispatchEvent(new Event('change')); })()")
        shown = browser.js(shown_js)
        expect(shown == [s["id"] for s in doc["stands"] if any(m["stand"] == s["id"] for m in mine)],
               "only matching rows shows %s" % shown)
        summary = browser.js("document.getElementById('summary').textContent")
        expect(summary.startswith("%d rendez-vous sélectionnés sur %d" % (len(mine), len(schedule["meetings"]))),
               "summary %r" % summary)
        stand = doc["stands"][-1]["id"]
        browser.js("(() => { document.getElementById('supplier-search').value = '';"
                   " document.getElementById('only-matching').checked = false;"
                   " const s = document.getElementById('stand-filter'); s.value = %s;"
                   " s.dispatchEvent(new Event('change')); })()" % json.dumps(stand))
        expect(browser.js(shown_js) == [stand], "the stand select shows %s" % browser.js(shown_js))
        expect(browser.js("new URLSearchParams(location.search).get('stand')") == stand,
               "the stand filter is not in the query string")
        expect("token=" not in browser.js("location.search") and "token=" in browser.js("location.hash"),
               "the token left the fragment")
        browser.js("document.getElementById('print').click()")
        expect(browser.js("window.printed") == 1, "the print button did not print")
        browser.call("Emulation.setEmulatedMedia", {"media": "print"})
        display = browser.js("['controls', 'print', 'grid'].map(id =>"
                             " getComputedStyle(document.getElementById(id)).display)")
        expect(display == ["none", "none", "table"], "print media: controls, button, grid display %s" % display)
        browser.call("Emulation.setEmulatedMedia", {"media": "screen"})
        # A meeting's cell opens the supplier's page, the token still in the fragment only.
        first = browser.js("document.querySelector('#grid tbody:not([hidden]) td.meeting a').click();"
                           " document.querySelector('#grid tbody:not([hidden]) td.meeting').dataset.supplier")
        browser.wait_ready("/ui/supplier.html")
        expect(browser.js("new URLSearchParams(location.search).get('supplier')") == first,
               "the cell of %s opened %s" % (first, browser.js("location.search")))
        expect("token=" not in browser.js("location.search") and "token=" in browser.js("location.hash"),
               "the token left the fragment on the supplier page")
        print("interact: home form, search, only-matching rows, stand select, print button, print media, cell link")
    finally:
        browser.close()


def refresh(chromium, url, profile, timetable_path, token, keep):
    """Opens the timetable at URL (with ?refresh=1), re-plans through the API with one
    supplier (not KEEP) cancelled, and checks that the page shows the new version's
    meetings, exactly, without a reload."""
    doc = load_json(timetable_path)
    parts = urllib.parse.urlsplit(url)
    api = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/events/" + doc["event"]["id"], "", ""))
    gone = min(m["supplier"] for m in doc["meetings"] if m["supplier"] != keep)
    cells_js = ("[...document.querySelectorAll('#grid td[data-supplier]')]"
                ".map(c => [c.dataset.stand, +c.dataset.table, +c.dataset.slot, c.dataset.supplier])")
    browser = Browser(chromium, profile)
    try:
        browser.open(url)
        expect(browser.js("document.getElementById('grid').dataset.version") == str(doc["version"]),
               "the page does not show version %s" % doc["version"])
        changes = {"format": "standmatch.changes/1", "now": doc["slots"][0]["start"],
                   "changes": [{"kind": "cancel_supplier", "supplier": gone}]}
        request = urllib.request.Request(api + "/replan", data=json.dumps(changes).encode(), method="POST",
                                         headers={"Authorization": "Bearer " + token,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            version = json.load(answer)["version"]
        request = urllib.request.Request(api + "/timetable", headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=60) as answer:
            fresh = json.load(answer)
        expect(fresh["version"] == version, "timetable version %s after re-plan %s" % (fresh["version"], version))
        shown, deadline = None, time.time() + 60
        while time.time() < deadline:
            time.sleep(0.2)
            if browser.js("document.getElementById('grid').dataset.version") == str(version):
                shown = sorted(tuple(c) for c in browser.js(cells_js))
                break
        expect(shown is not None, "the page still shows version %s" % doc["version"])
        wanted = sorted((m["stand"], m["table"], m["slot"], m["supplier"]) for m in fresh["meetings"])
        expect(shown == wanted, "after the re-plan the grid shows %d cells, the schedule has %d" % (
            len(shown), len(wanted)))
        expect(not any(c[3] == gone for c in shown), "%s still has cells" % gone)
        expect(browser.js("document.getElementById('event-meta').textContent").endswith(
            "planning version %d" % version), "the header does not name version %d" % version)
        print("refresh: re-plan without %s shown as version %d, %d meetings" % (gone, version, len(shown)))
    finally:
        browser.close()


def error(dom_path, box, status, text):
    dom = load_dom(dom_path)
    node = dom.by_id(box)
    expect(node is not None and not node.hidden(), "no visible #%s" % box)
    expect(node.attrs.get("data-status") == status, "#%s data-status %r, expected %s" % (
        box, node.attrs.get("data-status"), status))
    expect(text in node.text(), "#%s says %r, expected %r" % (box, node.text(), text))
    expect(not list(dom.all(lambda n: "data-supplier" in n.attrs or "ranked" in n.classes())),
           "data shown despite the error")
    print("error page: #%s %s %r" % (box, status, node.text()))


def unranked(dom_path, ranking_path):
    """A supplier with no ranked stand sees, in French, why for each stand; no error box."""
    dom, ranking = load_dom(dom_path), load_json(ranking_path)
    expect(body_state(dom) == "ready", "unranked page state %r" % body_state(dom))
    expect(dom.by_id("ranking-error").hidden(), "ranking-error shown: %r" % dom.by_id("ranking-error").text())
    expect(not dom.by_id("unranked").hidden(), "the unranked box is hidden")
    items = list(dom.by_id("unranked").all(lambda n: n.tag == "li"))
    wanted = [(u["stand"], u["kind"]) for u in ranking["unranked"]]
    shown = [(i.attrs["data-stand"], i.attrs["data-kind"]) for i in items]
    expect(len(wanted) > 0 and shown == wanted, "unranked items %s, expected %s" % (shown, wanted))
    texts = [i.text() for i in items]
    expect(all(("Activités trop éloignées" in t) or ("Marchés réservés" in t) or ("« non »" in t) for t in texts),
           "unranked reasons not in French: %s" % texts[:2])
    print("unranked: %d stands explained" % len(items))


globals()[sys.argv[1]](*sys.argv[2:])
PYTHON

# --- start -------------------------------------------------------------------------
step "start the daemon (organiser token from STANDMATCHD_TOKEN)"
STANDMATCHD_TOKEN="$ORGANISER" "$DAEMON" --db "$WORK/standmatchd.db" --listen 127.0.0.1:0 \
  >"$WORK/out" 2>"$WORK/err" &
PID=$!
for _ in $(seq 300); do
  [[ -s "$WORK/out" ]] && break
  kill -0 "$PID" 2>/dev/null || fail "the daemon exited at start"
  sleep 0.05
done
[[ "$(head -1 "$WORK/out")" =~ listening\ on\ (http://127\.0\.0\.1:[1-9][0-9]*)$ ]] ||
  fail "no listening line: '$(head -1 "$WORK/out")'"
BASE=${BASH_REMATCH[1]}
UI="$BASE/ui"

# --- data --------------------------------------------------------------------------
step "import $EVENT"
code=$(call PUT "/events/$EVENT" "$ORGANISER" "$WORK/put.json" -H 'Content-Type: application/json' \
  --data-binary @"$EVENT_FILE")
[[ $code == 201 || $code == 200 ]] || fail "PUT event: $code $(cat "$WORK/put.json")"

step "timetable before any schedule"
page noschedule "$UI/timetable.html?event=$EVENT#token=$ORGANISER"
check error "$WORK/noschedule.html" error 404 "no schedule yet"

# build_schedule ID: starts a schedule job for the imported event ID, waits for it,
# and saves the schedule and the timetable JSON as $WORK/ID.schedule.json and
# $WORK/ID.timetable.json.
build_schedule() {
  local id=$1 code job state=""
  code=$(call POST "/events/$id/schedule" "$ORGANISER" "$WORK/job.json")
  [[ $code == 202 ]] || fail "POST schedule of $id: $code $(cat "$WORK/job.json")"
  job=$(json "$WORK/job.json" 'd["job"]')
  for _ in $(seq 600); do
    code=$(call GET "/jobs/$job" "$ORGANISER" "$WORK/poll.json")
    [[ $code == 200 ]] || fail "GET /jobs/$job: $code"
    state=$(json "$WORK/poll.json" 'd["state"]')
    [[ $state == done || $state == failed ]] && break
    sleep 0.1
  done
  [[ $state == done ]] || fail "schedule job of $id: state '$state': $(cat "$WORK/poll.json")"
  code=$(call GET "/events/$id/schedule" "$ORGANISER" "$WORK/$id.schedule.json")
  [[ $code == 200 ]] || fail "GET schedule of $id: $code"
  code=$(call GET "/events/$id/timetable" "$ORGANISER" "$WORK/$id.timetable.json")
  [[ $code == 200 ]] || fail "GET timetable of $id: $code"
}

step "schedule"
build_schedule "$EVENT"
cp "$WORK/$EVENT.schedule.json" "$WORK/schedule.json"
cp "$WORK/$EVENT.timetable.json" "$WORK/timetable.json"
code=$(call GET "/events/$EVENT/tokens" "$ORGANISER" "$WORK/tokens.json")
[[ $code == 200 ]] || fail "GET tokens: $code"

# The supplier with the most meetings (ties: the smallest id), and another one.
SUPPLIER=$(json "$WORK/schedule.json" \
  'sorted({m["supplier"] for m in d["meetings"]}, key=lambda s: (-sum(m["supplier"] == s for m in d["meetings"]), s))[0]')
OTHER=$(json "$WORK/tokens.json" '[t["supplier"] for t in d["tokens"] if t["supplier"] != "'"$SUPPLIER"'"][0]')
SUPPLIER_TOKEN=$(json "$WORK/tokens.json" '[t["token"] for t in d["tokens"] if t["supplier"] == "'"$SUPPLIER"'"][0]')
OTHER_TOKEN=$(json "$WORK/tokens.json" '[t["token"] for t in d["tokens"] if t["supplier"] == "'"$OTHER"'"][0]')
code=$(call GET "/events/$EVENT/suppliers/$SUPPLIER/agenda?format=json" "$SUPPLIER_TOKEN" "$WORK/agenda.json")
[[ $code == 200 ]] || fail "GET agenda of $SUPPLIER: $code"
code=$(call GET "/events/$EVENT/suppliers/$SUPPLIER/stands?top=10" "$SUPPLIER_TOKEN" "$WORK/ranking.json")
[[ $code == 200 ]] || fail "GET ranking of $SUPPLIER: $code"
"$CLI" rank "$EVENT_FILE" --supplier "$SUPPLIER" --top 10 --json >"$WORK/cli-ranking.json" ||
  fail "standmatch rank --supplier $SUPPLIER"

# --- pages -------------------------------------------------------------------------
step "timetable page"
page timetable "$UI/timetable.html?event=$EVENT#token=$ORGANISER"
check timetable "$WORK/timetable.html" "$WORK/schedule.json" "$WORK/timetable.json"

step "supplier page with the supplier's own token ($SUPPLIER)"
page supplier "$UI/supplier.html?event=$EVENT&supplier=$SUPPLIER#token=$SUPPLIER_TOKEN"
check supplier "$WORK/supplier.html" "$WORK/agenda.json" "$WORK/ranking.json" "$WORK/cli-ranking.json"

step "supplier page of a supplier with no ranked stand (f006)"
call GET "/events/$EVENT/suppliers/f006/stands" "$ORGANISER" "$WORK/unranked.json" >/dev/null
page unranked "$UI/supplier.html?event=$EVENT&supplier=f006#token=$ORGANISER"
check unranked "$WORK/unranked.html" "$WORK/unranked.json"

step "an event whose names hold markup"
python3 - "$EVENT_FILE" "$WORK/markup.json" <<'PYTHON'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["event"]["id"] = "markup-check"
d["event"]["name"] = '<script>document.body.dataset.state="owned"</script>Forum <b>&amp;</b> co'
for s in d["suppliers"]:
    s["name"] = '<img src=x onerror="document.body.dataset.state=\'owned\'"><b>' + s["name"] + '</b> & "co"'
for t in d["stands"]:
    t["title"] = "<i>" + t["title"] + "</i>"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PYTHON
code=$(call PUT "/events/markup-check" "$ORGANISER" "$WORK/put.json" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/markup.json")
[[ $code == 201 ]] || fail "PUT markup-check: $code $(cat "$WORK/put.json")"
build_schedule markup-check

step "more pages in one browser: markup, filters in the query, the organiser's view of a supplier, bad tokens"
STAND=$(json "$WORK/timetable.json" 'd["stands"][1]["id"]')
check dump "$CHROMIUM" "$WORK/dump.profile" "$WORK" \
  markup "$UI/timetable.html?event=markup-check#token=$ORGANISER" \
  filtered "$UI/timetable.html?event=$EVENT&stand=$STAND&supplier=$SUPPLIER#token=$ORGANISER" \
  supplier-org "$UI/supplier.html?event=$EVENT&supplier=$SUPPLIER#token=$ORGANISER" \
  wrong "$UI/timetable.html?event=$EVENT#token=not-a-valid-token-at-all" \
  missing "$UI/supplier.html?event=$EVENT&supplier=$SUPPLIER" \
  scope "$UI/supplier.html?event=$EVENT&supplier=$SUPPLIER#token=$OTHER_TOKEN" \
  scope-tt "$UI/timetable.html?event=$EVENT#token=$SUPPLIER_TOKEN"
check timetable "$WORK/markup.html" "$WORK/markup-check.schedule.json" "$WORK/markup-check.timetable.json"
check markup "$WORK/markup.html"
check filtered "$WORK/filtered.html" "$WORK/schedule.json" "$STAND" "$SUPPLIER"
check supplier "$WORK/supplier-org.html" "$WORK/agenda.json" "$WORK/ranking.json" "$WORK/cli-ranking.json"
check error "$WORK/wrong.html" error 401 "token missing or wrong"
check error "$WORK/missing.html" agenda-error 401 "token missing or wrong"
check error "$WORK/missing.html" ranking-error 401 "token missing or wrong"
check error "$WORK/scope.html" agenda-error 403 "token outside its scope"
check error "$WORK/scope-tt.html" error 403 "token outside its scope"

step "home page form, then the timetable filters typed and clicked"
check interact "$CHROMIUM" "$UI/timetable.html?event=$EVENT#token=$ORGANISER" "$WORK/interact.profile" \
  "$WORK/schedule.json" "$WORK/timetable.json" "$SUPPLIER"

step "ICS and CSV downloads from the supplier page"
for format in ics csv; do
  code=$(call GET "/events/$EVENT/suppliers/$SUPPLIER/agenda?format=$format" "$SUPPLIER_TOKEN" "$WORK/agenda.$format")
  [[ $code == 200 ]] || fail "GET agenda $format of $SUPPLIER: $code"
done
check download "$CHROMIUM" "$UI/supplier.html?event=$EVENT&supplier=$SUPPLIER#token=$SUPPLIER_TOKEN" \
  "$WORK/downloads" ics-download "$WORK/agenda.ics" csv-download "$WORK/agenda.csv"
for format in ics csv; do
  [[ -f "$WORK/downloads/agenda-$EVENT-$SUPPLIER.$format" ]] || fail "no file agenda-$EVENT-$SUPPLIER.$format"
done

step "a re-plan reaches an open timetable (?refresh=1)"
check refresh "$CHROMIUM" "$UI/timetable.html?event=$EVENT&refresh=1#token=$ORGANISER" "$WORK/refresh.profile" \
  "$WORK/timetable.json" "$ORGANISER" "$SUPPLIER"

# --- the token stays out of the daemon's output ---------------------------------------
for t in "$ORGANISER" "$SUPPLIER_TOKEN" "$OTHER_TOKEN"; do
  ! grep -qF "$t" "$WORK/out" "$WORK/err" || fail "a token appears in the daemon's output"
done

step "stop"
stop_daemon
echo "browser_test: ok"
