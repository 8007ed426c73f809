"""perfeval serve refuses what it should, answers every malformed request with
a 4xx, never writes outside the listed rule files, and keeps serving.

usage: check_requests.py PERFEVAL SOURCE_DIR WORK_DIR
"""

import json
import os
import socket
import sys

from serve_support import Server, fail

perfeval, source_dir, work = sys.argv[1:4]
server = Server(perfeval, source_dir, work)
examples = os.path.join(source_dir, "examples")
weikuan = open(os.path.join(examples, "weikuan.json"), "rb").read()


def tree(folder):
    listing = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            listing[path] = open(path, "rb").read()
    return listing


def expect(what, got, wanted):
    if got != wanted:
        fail(f"{what}: got {got}, wanted {wanted}")
    print(f"ok: {what}: {got}")


try:
    status, headers, body = server.request("GET", "/", page=False)
    expect("the page", status, 200)
    if b"page.js" not in body or not headers.get("Content-Type", "").startswith("text/html"):
        fail("/ is not the page")
    expect("its script", server.request("GET", "/page.js", page=False)[0], 200)

    # Addresses and methods there are not.
    expect("an unknown address", server.request("GET", "/etc/passwd", page=False)[0], 404)
    expect("an unknown API", server.request("GET", "/api/nothing")[0], 404)
    expect("a path climbing out", server.request("GET", "/../../etc/passwd", page=False)[0], 404)
    expect("POST to the page", server.request("POST", "/", body="x", page=False)[0], 405)
    expect("GET of score", server.request("GET", "/api/score")[0], 405)
    expect("PUT of save", server.request("PUT", "/api/save", body="{}")[0], 405)
    expect("DELETE of a rule", server.request("DELETE", "/api/save")[0], 405)

    # Requests not made by the page, or for another host name.
    expect("a post from elsewhere", server.request(
        "POST", "/api/save", body=json.dumps({"name": "新疆2024.perf", "text": ""}),
        page=False)[0], 403)
    expect("another host name", server.request(
        "GET", "/", headers={"Host": "attacker.example:80"}, page=False)[0], 403)

    # Bodies that are not what the address takes.
    expect("check: not JSON", server.post_json("/api/check", b"{not json")[0], 400)
    expect("check: bytes that are not UTF-8", server.post_json("/api/check", b"\xff\xfe\x00")[0], 400)
    expect("check: no text", server.post_json("/api/check", {"name": "新疆2024.perf"})[0], 400)
    expect("check: a list", server.post_json("/api/check", [1, 2])[0], 400)
    expect("check: text not a string",
           server.post_json("/api/check", {"name": "新疆2024.perf", "text": 5})[0], 400)
    expect("check: an unknown file",
           server.post_json("/api/check", {"name": "../新疆2024.perf", "text": ""})[0], 404)
    expect("score: no files", server.post_files("/api/score", [])[0], 400)
    expect("score: not multipart", server.request("POST", "/api/score", body="x")[0], 400)
    expect("score: a file that is no table", server.post_files(
        "/api/score", [("notes.txt", b"hello")])[0], 415)
    expect("report: an unknown format", server.post_files(
        "/api/report?format=exe", [("weikuan.json", weikuan)])[0], 400)

    # A body larger than the limit is refused before it is read.
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", "/api/score")
    connection.putheader("X-Perfeval", "page")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(200 * 1024 * 1024))
    connection.endheaders()
    expect("an upload over the limit", connection.getresponse().status, 413)
    connection.close()

    # A request line that is not HTTP.
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
        raw.sendall(b"\x00\x01garbage\r\n\r\n")
        answer = raw.recv(100)
    if not answer.startswith(b"HTTP/1.1 4"):
        fail(f"garbage got {answer!r}")
    print("ok: garbage gets a 4xx")

    # Saving: only the listed files, never a path from the request.
    before = tree(work)
    for name in ["../x.perf", "../../etc/passwd", "/etc/passwd",
                 os.path.join(server.rules, "新疆2024.perf"), "projects/../新疆2024.perf",
                 "新疆2024.perf\u0000.txt", "", "rules", "new.perf"]:
        status, answer = server.post_json("/api/save", {"name": name, "text": "// x\n"})
        expect(f"save {name!r}", status, 404)
    if tree(work) != before:
        fail("a refused save changed the folder")
    status, answer = server.post_json("/api/save", {"name": "projects/weikuan.perf",
                                                    "text": "project {"})
    expect("save of rules with errors", status, 422)
    if tree(work) != before:
        fail("a save of rules with errors changed the folder")

    # A file changed outside the page is not overwritten; the page, opened
    # again, shows it as it is now.
    changed_path = os.path.join(server.rules, "projects/weikuan.perf")
    original = open(changed_path, encoding="utf-8").read()
    elsewhere = original + "// changed in another editor\n"
    with open(changed_path, "w", encoding="utf-8") as out:
        out.write(elsewhere)
    status, answer = server.post_json("/api/save", {"name": "projects/weikuan.perf",
                                                    "text": original + "// edited in the page\n"})
    expect("save over a file changed elsewhere", status, 409)
    if open(changed_path, encoding="utf-8").read() != elsewhere:
        fail("a file changed elsewhere was overwritten")
    status, _, body = server.request("GET", "/api/rules")
    texts = {f["name"]: f["text"] for f in json.loads(body)["files"]}
    if texts.get("projects/weikuan.perf") != elsewhere:
        fail("the rule files, asked again, do not show the change made elsewhere")
    print("ok: the change made elsewhere is read again")

    # Tables that cannot be read are reported, not fatal.
    status, _, body = server.post_files("/api/score", [("broken.xlsx", b"PK\x03\x04 not a zip"),
                                                       ("broken.json", b"{\"project\": "),
                                                       ("weikuan.json", weikuan)])
    expect("score: broken tables beside a good one", status, 200)
    view = json.loads(body)
    if len(view["report"]["projects"]) != 1 or len(view["problems"]) < 2:
        fail(f"broken tables: {view['problems']}")

    # Downloads.
    for format, start in [("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf"), ("html", b"<!DOCTYPE html>")]:
        status, headers, body = server.post_files(f"/api/report?format={format}",
                                                  [("weikuan.json", weikuan)])
        expect(f"download {format}", status, 200)
        if not body.startswith(start) or "attachment" not in headers.get("Content-Disposition", ""):
            fail(f"download {format}: {body[:20]!r} {headers}")

    expect("still serving", server.request("GET", "/", page=False)[0], 200)
    if not server.alive():
        fail("perfeval serve stopped")
finally:
    code = server.stop()
expect("exit status after SIGTERM", code, 0)
