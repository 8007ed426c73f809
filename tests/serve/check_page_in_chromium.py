"""The page of perfeval serve in a real browser: headless chromium, driven
through the DevTools protocol over a pipe (no other package needed),
uploads a workbook and sees its total, introduces an error in a rule file
and sees it at its line with the command line's words, fixes it, saves,
and sees the new total. Screenshots of each step are left in WORK_DIR
(docs/images holds copies of them).

usage: check_page_in_chromium.py PERFEVAL SOURCE_DIR WORK_DIR
"""

import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from serve_support import Server, fail

perfeval, source_dir, work = sys.argv[1:4]
chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
if not os.access(chromium, os.X_OK):
    fail(f"{chromium} is missing (sh tools/install-deps.sh --tests installs chromium)")

workbook = os.path.join(source_dir, "tests/xlsx/converted/weikuan.xlsx")
rule_name = "projects/weikuan.perf"


def cli_totals(rules):
    out = subprocess.run([perfeval, "-f", "json", "--lang", "zh", rules, workbook],
                         capture_output=True, text=True, check=False).stdout
    return [p["total"] for p in json.loads(out)["projects"]]


def cli_check_errors(rules):
    return subprocess.run([perfeval, "check", "--lang", "zh", rules],
                          capture_output=True, text=True, check=False).stderr


class Browser:
    """Chromium with --remote-debugging-pipe: JSON messages, each ended by a
    NUL byte, written to its fd 3 and read from its fd 4."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="perfeval-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # The child's fds 3 and 4 are the pipe ends it reads and writes;
        # moved out of the way first, so that neither is 3 or 4 already.
        high_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
        high_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_read)
        os.close(from_browser_write)

        def child_fds():
            os.dup2(high_read, 3)  # dup2 leaves the copies open across exec
            os.dup2(high_write, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "--window-size=1440,900", "about:blank"],
            close_fds=False, preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(high_read)
        os.close(high_write)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    fail(f"{method}: {reply['error']}")
                return reply["result"]

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                fail("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1440, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            fail(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, seconds=60):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        fail(f"timed out waiting for {what} ({expression})")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


server = Server(perfeval, source_dir, os.path.join(work, "server"), lang="zh")
browser = Browser()
try:
    before = cli_totals(server.rules)
    browser.open(server.address + "?lang=zh")
    browser.wait_for(f"document.querySelector('#rule-files li[data-name=\"{rule_name}\"]') !== null",
                     "the rule files")

    # 1. A workbook chosen with the file picker is scored.
    document = browser.send("DOM.getDocument")["root"]["nodeId"]
    picker = browser.send("DOM.querySelector", {"nodeId": document, "selector": "#files"})["nodeId"]
    browser.send("DOM.setFileInputFiles", {"nodeId": picker, "files": [workbook]})
    shown = browser.wait_for("[...document.querySelectorAll('#totals td.total')]"
                             ".map(td => td.textContent).join(',')", "the total")
    if shown.split(",") != before:
        fail(f"the page shows {shown}, perfeval {before}")
    print(f"ok: the page shows the total {shown}, as perfeval does")
    browser.wait_for("document.getElementById('report').contentDocument"
                     ".querySelector('section.sheet.table tr.pick') !== null", "the report")
    # The arithmetic of a figure, on a click.
    browser.evaluate("document.getElementById('report').contentDocument"
                     ".querySelector('section.sheet.table table.indicators tbody tr').click()")
    working = browser.wait_for("document.getElementById('explain').textContent", "the working")
    if "×" not in working and "÷" not in working:
        fail(f"no arithmetic in the working: {working!r}")
    browser.screenshot(os.path.join(work, "serve-score.png"))

    # 2. An error typed into a rule file is shown at its line, in the
    # command line's words.
    browser.evaluate("document.getElementById('tab-rules').click()")
    browser.evaluate(f"document.querySelector('#rule-files li[data-name=\"{rule_name}\"]').click()")
    original = open(os.path.join(server.rules, rule_name), encoding="utf-8").read()
    broken = original.replace("weight 20", "wieght 20", 1)
    line = original[:original.index("weight 20")].count("\n") + 1
    browser.evaluate(f"(() => {{ const area = document.getElementById('rule-text');"
                     f" area.value = {json.dumps(broken)};"
                     f" area.dispatchEvent(new Event('input')); }})()")
    browser.wait_for(f"document.querySelector('#gutter #line-{line}.error') !== null",
                     f"the error marked at line {line}")
    # Coloured by the TextMate grammar: keywords, and the misspelt word not.
    browser.wait_for("[...document.querySelectorAll('#highlight span.tm-keyword')]"
                     ".some(s => s.textContent === 'indicator')", "the syntax colours")
    if browser.evaluate("[...document.querySelectorAll('#highlight span.tm-keyword')]"
                        ".some(s => s.textContent.includes('wieght'))"):
        fail("the misspelt keyword is coloured as a word of the language")
    shown = browser.evaluate("document.querySelector('#rule-problems li.error').textContent")
    # The same file checked by the command line says the same.
    elsewhere = os.path.join(work, "cli")
    shutil.rmtree(elsewhere, ignore_errors=True)
    shutil.copytree(server.rules, os.path.join(elsewhere, "rules"))
    with open(os.path.join(elsewhere, "rules", rule_name), "w", encoding="utf-8") as out:
        out.write(broken)
    said = subprocess.run([perfeval, "check", "--lang", "zh", "rules"], cwd=elsewhere,
                          capture_output=True, text=True, check=False).stderr
    if shown.strip() not in said:
        fail(f"the page says {shown!r}; perfeval check says {said!r}")
    print(f"ok: the error is marked at line {line} with perfeval check's words")
    if browser.evaluate("document.getElementById('save').disabled") is not False:
        fail("Save is not offered for an edited file")
    browser.evaluate("document.getElementById('rule-text').scrollTop = 0")
    browser.screenshot(os.path.join(work, "serve-rule-error.png"))

    # 3. Fixed (and the target changed), saved, and the table re-scored.
    fixed = original.replace(">= 3项", ">= 4项", 1)
    browser.evaluate(f"(() => {{ const area = document.getElementById('rule-text');"
                     f" area.value = {json.dumps(fixed)};"
                     f" area.dispatchEvent(new Event('input')); }})()")
    browser.wait_for("document.querySelector('#rule-problems li.error') === null"
                     " && document.getElementById('check-status').classList.contains('good')",
                     "the error gone")
    browser.evaluate("document.getElementById('save').click()")
    browser.wait_for("document.getElementById('check-status').textContent.startsWith('已保存')",
                     "the save")
    if open(os.path.join(server.rules, rule_name), encoding="utf-8").read() != fixed:
        fail("the rule file on disk is not what was saved")
    after = cli_totals(server.rules)
    if after == before:
        fail(f"the change did not change the total ({after})")
    browser.screenshot(os.path.join(work, "serve-rule-saved.png"))
    browser.evaluate("document.getElementById('tab-score').click()")
    shown = browser.wait_for("[...document.querySelectorAll('#totals td.total')]"
                             ".map(td => td.textContent).join(',')", "the new total")
    if shown.split(",") != after:
        fail(f"after the save the page shows {shown}, perfeval {after}")
    print(f"ok: saved; the page shows the new total {shown}, as perfeval does")
    browser.screenshot(os.path.join(work, "serve-rescored.png"))
finally:
    browser.close()
    server.stop()
