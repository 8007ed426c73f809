"""Starting perfeval serve on a copy of rules/ for a test, and asking it things."""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class Server:
    """perfeval serve COPY-OF-RULES --port 0 [--listen ADDRESS], stopped with SIGTERM."""

    def __init__(self, perfeval, source_dir, work, lang="en", listen=None):
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        self.work = work
        self.rules = os.path.join(work, "rules")
        shutil.copytree(os.path.join(source_dir, "rules"), self.rules)
        listening = ["--listen", listen] if listen else []
        self.process = subprocess.Popen(
            [perfeval, "serve", "--lang", lang, *listening, "--port", "0", "rules"],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        found = re.search(r"http://(%s):(\d+)/" % re.escape(listen or "127.0.0.1"), line)
        if not found:
            self.process.kill()
            fail(f"perfeval serve printed no address: {line!r} {self.process.stderr.read()!r}")
        self.host = found.group(1)
        self.port = int(found.group(2))
        self.address = found.group(0)

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                fail("perfeval serve did not stop on SIGTERM")
        return self.process.returncode

    def request(self, method, path, body=None, headers=None, page=True, timeout=60):
        """(status, headers, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"X-Perfeval": "page"} if page else {}
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def post_json(self, path, value):
        body = value if isinstance(value, (bytes, str)) else json.dumps(value)
        status, _, data = self.request("POST", path, body=body,
                                       headers={"Content-Type": "application/json"})
        return status, json.loads(data) if data else None

    def post_files(self, path, files):
        """files: [(name, bytes)] as multipart/form-data under the field 'files'."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body=body,
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_until(condition, seconds, what):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")
