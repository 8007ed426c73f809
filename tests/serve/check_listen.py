"""perfeval serve --listen: an address other than loopback is served with a
warning on standard error, in the user's language; 127.0.0.1 is not warned
about. Each server runs on a copy of rules/ and is stopped with SIGTERM.

usage: check_listen.py PERFEVAL SOURCE_DIR WORK
"""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def serve(perfeval, work, lang, listen):
    """(address line, warning text, status of GET /) of one server."""
    process = subprocess.Popen(
        [perfeval, "serve", "--lang", lang, "--listen", listen, "--port", "0", "rules"],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    found = re.search(r"http://(\S+):(\d+)/", line)
    if not found:
        process.kill()
        fail(f"--listen {listen}: no address printed: {line!r} {process.stderr.read()!r}")
    connection = http.client.HTTPConnection("127.0.0.1", int(found.group(2)), timeout=30)
    connection.request("GET", "/")
    status = connection.getresponse().status
    connection.close()
    process.send_signal(signal.SIGTERM)
    try:
        _, errors = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        fail(f"--listen {listen}: did not stop on SIGTERM")
    if process.returncode != 0:
        fail(f"--listen {listen}: exit status {process.returncode}: {errors!r}")
    return found.group(1), errors, status


def main():
    perfeval, source_dir, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copytree(os.path.join(source_dir, "rules"), os.path.join(work, "rules"))

    host, errors, status = serve(perfeval, work, "en", "0.0.0.0")
    if host != "0.0.0.0" or status != 200:
        fail(f"--listen 0.0.0.0 served {host} with status {status}")
    if "warning" not in errors or "other computers on the network" not in errors:
        fail(f"--listen 0.0.0.0 gave no warning: {errors!r}")

    _, errors, _ = serve(perfeval, work, "zh", "0.0.0.0")
    if "警告" not in errors or "其他计算机" not in errors:
        fail(f"--listen 0.0.0.0 --lang zh gave no warning in Chinese: {errors!r}")

    host, errors, status = serve(perfeval, work, "en", "127.0.0.1")
    if host != "127.0.0.1" or status != 200 or errors.strip():
        fail(f"--listen 127.0.0.1: host {host}, status {status}, standard error {errors!r}")
    print("check_listen: the warning is given for 0.0.0.0 (en, zh) and not for 127.0.0.1")


main()
