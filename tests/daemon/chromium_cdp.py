"""Headless Chromium over the DevTools protocol (--remote-debugging-pipe), shared by
the browser tests of standmatchd's pages (browser_test.sh, console_test.sh)."""
import fcntl
import json
import os
import select
import subprocess
import sys
import time
import urllib.parse


def expect(condition, message):
    if not condition:
        print("check: " + message, file=sys.stderr)
        sys.exit(1)


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

    def click(self, selector):
        """A real mouse click (pressed, released) at the centre of the first element
        matching SELECTOR, scrolled into view first."""
        box = self.js("(() => { const e = document.querySelector(%s); if (!e) return null;"
                      " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                      " return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; })()"
                      % json.dumps(selector))
        expect(box is not None and box[2] > 0 and box[3] > 0, "nothing visible to click at %s" % selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": box[0], "y": box[1]}
            if kind != "mouseMoved":
                params.update({"button": "left", "clickCount": 1})
            self.call("Input.dispatchMouseEvent", params)

    def type(self, selector, text):
        """Clicks the field at SELECTOR, selects its content and types TEXT over it."""
        self.click(selector)
        self.js("document.querySelector(%s).select && document.querySelector(%s).select()"
                % (json.dumps(selector), json.dumps(selector)))
        self.call("Input.insertText", {"text": text})

    def screenshot(self, path, width, height=900):
        """A PNG of the whole page at WIDTH css pixels to PATH."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        size = self.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True,
                          "clip": {"x": 0, "y": 0, "width": width, "height": size[1], "scale": 1}})
        import base64
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return size
