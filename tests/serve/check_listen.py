"""perfeval serve --listen: an address other than loopback is served with a
warning on standard error, in the user's language; 127.0.0.1 is not warned
about. Each server runs on a copy of rules/ and is stopped with SIGTERM.

usage: check_listen.py PERFEVAL SOURCE_DIR WORK
"""

import os
import sys

from serve_support import Server, fail


def serve(perfeval, source_dir, work, lang, listen):
    """(status of GET /, standard error) of one server, stopped cleanly."""
    server = Server(perfeval, source_dir, os.path.join(work, f"{listen}-{lang}"), lang=lang,
                    listen=listen)
    status, _, _ = server.request("GET", "/", page=False)
    code = server.stop()
    errors = server.process.stderr.read()
    if code != 0:
        fail(f"--listen {listen}: exit status {code}: {errors!r}")
    return status, errors


def main():
    perfeval, source_dir, work = sys.argv[1:4]

    status, errors = serve(perfeval, source_dir, work, "en", "0.0.0.0")
    if status != 200:
        fail(f"--listen 0.0.0.0 served / with status {status}")
    if "warning" not in errors or "other computers on the network" not in errors:
        fail(f"--listen 0.0.0.0 gave no warning: {errors!r}")

    _, errors = serve(perfeval, source_dir, work, "zh", "0.0.0.0")
    if "警告" not in errors or "其他计算机" not in errors:
        fail(f"--listen 0.0.0.0 --lang zh gave no warning in Chinese: {errors!r}")

    status, errors = serve(perfeval, source_dir, work, "en", "127.0.0.1")
    if status != 200 or errors.strip():
        fail(f"--listen 127.0.0.1: status {status}, standard error {errors!r}")
    print("check_listen: the warning is given for 0.0.0.0 (en, zh) and not for 127.0.0.1")


main()
