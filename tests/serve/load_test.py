"""Hundreds of concurrent scorings against perfeval serve on 127.0.0.1, from a
bounded number of client threads: every answer complete and right, none
lost, the server still serving, all within a time bound.

usage: load_test.py PERFEVAL SOURCE_DIR WORK_DIR [REQUESTS] [THREADS]
"""

import concurrent.futures
import json
import os
import sys
import time

from serve_support import Server, fail

perfeval, source_dir, work = sys.argv[1:4]
requests = int(sys.argv[4]) if len(sys.argv) > 4 else 400
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 16
time_bound = 90.0

examples = os.path.join(source_dir, "examples")
tables = {name: open(os.path.join(examples, name), "rb").read()
          for name in ["weikuan.json", "yuanjiang.json", "jiuye-buzhu-2024.json"]}
workbook = open(os.path.join(source_dir, "tests/xlsx/printed/boshihou-zizhu.xlsx"), "rb").read()

server = Server(perfeval, source_dir, work)
try:
    # What each upload scores, asked once, alone.
    expected = {}
    for name, data in list(tables.items()) + [("boshihou-zizhu.xlsx", workbook)]:
        status, _, body = server.post_files("/api/score", [(name, data)])
        if status != 200:
            fail(f"{name}: {status}")
        expected[name] = [p["total"] for p in json.loads(body)["report"]["projects"]]
    names = list(expected)

    def score(k):
        name = names[k % len(names)]
        data = tables.get(name, workbook)
        status, _, body = server.post_files("/api/score", [(name, data)])
        if status != 200:
            return f"request {k} ({name}): status {status}"
        totals = [p["total"] for p in json.loads(body)["report"]["projects"]]
        if totals != expected[name]:
            return f"request {k} ({name}): totals {totals}, wanted {expected[name]}"
        return None

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(score, range(requests), timeout=time_bound))
    seconds = time.monotonic() - start
    wrong = [o for o in outcomes if o]
    if len(outcomes) != requests:
        fail(f"{requests - len(outcomes)} requests lost")
    if wrong:
        fail(f"{len(wrong)} wrong answers, the first: {wrong[0]}")
    if not server.alive() or server.request("GET", "/", page=False)[0] != 200:
        fail("perfeval serve stopped serving")
    print(f"ok: {requests} scorings from {threads} threads in {seconds:.1f} s, all right")
finally:
    code = server.stop()
if code != 0:
    fail(f"exit status {code} after SIGTERM")
