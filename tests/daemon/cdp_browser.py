"""Headless Chromium driven over --remote-debugging-pipe (the DevTools protocol as
NUL-terminated JSON on fds 3 and 4), for the browser tests of the web pages
(browser_test.sh, console_test.sh, participants_browser_test.sh): pages loaded until ready, JavaScript
evaluated, real mouse clicks (Input.dispatchMouseEvent at the element's centre, after
scrolling it into view), typing (Input.insertText), and screenshots at a given
viewport width. A failure raises BrowserError."""
import base64
import fcntl
import json
import os
import select
import subprocess
import time
import urllib.parse


class BrowserError(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise BrowserError(message)


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe: the DevTools protocol as
    NUL-terminated JSON on fds 3 (commands) and 4 (answers and events)."""

    def __init__(self, chromium, profile, downloads=None):
        commands_r, self.commands = os.pipe()
        self.events, events_w = os.pipe()
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_r, events_w)]
        os.close(commands_r)
        os.close(events_w)

        def child_fds():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in high:
            os.close(fd)
        self.pending, self.sent, self.session = b"", 0, None
        try:
            if downloads:
                self.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        except BaseException:
            self.close()
            raise

    def close(self):
        self.proc.kill()
        self.proc.wait()

    def call(self, method, params=None, tolerate=False):
        """Sends METHOD and returns its result; an error answer fails, or gives None
        when TOLERATE."""
        self.sent += 1
        message = {"id": self.sent, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Browser.", "Target.")):
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.time() + 60
        while True:
            while b"\0" not in self.pending:
                left = deadline - time.time()
                expect(left > 0 and select.select([self.events], [], [], left)[0], "no answer to " + method)
                chunk = os.read(self.events, 1 << 16)
                expect(chunk, "chromium closed the pipe during " + method)
                self.pending += chunk
            raw, self.pending = self.pending.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.sent:
                if tolerate and "error" in answer:
                    return None
                expect("error" not in answer, "%s: %s" % (method, answer.get("error")))
                return answer["result"]

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        expect("exceptionDetails" not in result, "%s: %s" % (expression, result.get("exceptionDetails")))
        return result["result"].get("value")

    def wait_ready(self, path, accept=("ready",)):
        """Waits until the page at PATH (a location.pathname) has <body data-state> ready
        or error, tolerating evaluations that fail while a navigation is under way;
        the state must be one of ACCEPT. Returns it."""
        expression = ("location.pathname === %s && document.body ? document.body.dataset.state : ''"
                      % json.dumps(path))
        state, deadline = None, time.time() + 60
        while state not in ("ready", "error") and time.time() < deadline:
            time.sleep(0.1)
            result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                               tolerate=True)
            if result and "exceptionDetails" not in result:
                state = result["result"].get("value")
        expect(state in accept, "%s: page state %r" % (path, state))
        return state

    def open(self, url, accept=("ready",)):
        """Loads URL (afresh, even when only its fragment differs from the current one)
        and waits for its <body data-state> to be one of ACCEPT."""
        self.call("Page.navigate", {"url": "about:blank"})
        self.call("Page.navigate", {"url": url})
        return self.wait_ready(urllib.parse.urlsplit(url).path, accept)

    def width(self, pixels, height=900):
        """Emulates a viewport PIXELS wide (a phone at 390)."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": pixels, "height": height, "deviceScaleFactor": 1, "mobile": pixels < 600})

    def wait(self, expression, what, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if self.js(expression):
                    return
            except BrowserError:
                pass
            time.sleep(0.1)
        raise BrowserError("timed out waiting for " + what)

    def click(self, selector):
        """A real click: the element scrolled into view, then a mouse press and release at
        its centre (what a person's click sends; a covered or hidden element misses)."""
        box = self.js("""(() => {
            const e = document.querySelector(%s);
            if (!e) return null;
            e.scrollIntoView({block: 'center'});
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 ? {x: r.left + r.width / 2, y: r.top + r.height / 2} : null;
        })()""" % json.dumps(selector))
        expect(box, "nothing visible to click at " + selector)
        hit = self.js("(() => { const e = document.elementFromPoint(%f, %f); const t = document.querySelector(%s);"
                      " return Boolean(e && t && (e === t || t.contains(e))); })()"
                      % (box["x"], box["y"], json.dumps(selector)))
        expect(hit, selector + " is covered by another element")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"],
                                                   "button": "left", "clickCount": 1})

    def type(self, selector, text):
        """Clicks the field at SELECTOR, clears it and types TEXT."""
        self.click(selector)
        self.js("document.querySelector(%s).select && document.querySelector(%s).select()"
                % (json.dumps(selector), json.dumps(selector)))
        self.call("Input.insertText", {"text": text})

    def choose_file(self, selector, path):
        """Picks the file at PATH in the file input at SELECTOR, as the file chooser does
        (the input's files set, its input and change events fired)."""
        found = self.call("Runtime.evaluate", {"expression": "document.querySelector(%s)" % json.dumps(selector)})
        object_id = found["result"].get("objectId")
        expect(object_id, "no file input at " + selector)
        self.call("DOM.setFileInputFiles", {"files": [path], "objectId": object_id})

    def no_sideways_scroll(self, pixels):
        """Whether nothing of the page reaches beyond PIXELS (the emulated width)."""
        return self.js("document.documentElement.scrollWidth <= %d && document.body.scrollWidth <= %d"
                       % (pixels, pixels))

    def screenshot(self, path, max_height=6000):
        """The page, from its top down to MAX_HEIGHT pixels, as PNG into PATH."""
        height = self.js("Math.ceil(document.documentElement.scrollHeight)")
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                    "clip": {"x": 0, "y": 0, "scale": 1,
                                                             "width": self.js("window.innerWidth"),
                                                             "height": min(height, max_height)}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
