#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/) and the
dictionaries' scenario words (fuzz/dict/params.dict) from a built
`interleave` (default: build/app/interleave). Run it again when scenarios,
parameters or the run file format change; commit what it writes.

    fuzz/make_seeds.py [path/to/interleave]

Seeds are small on purpose: libFuzzer mutates them, and short inputs run
faster. Each input's first byte(s) steer the target (see fuzz/*.cpp)."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/app/interleave")
CORPUS = os.path.join(ROOT, "fuzz/corpus")


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True).stdout


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


scenarios = [s["id"] for s in json.loads(cli("list", "--json"))]  # catalog order
words = set()

# fuzz_params: byte 0 picks the scenario (catalog index), then name=value lines.
for i, sid in enumerate(scenarios):
    params = json.loads(cli("describe", sid, "--json"))["params"]
    words.update(p["name"] for p in params)
    for p in params:
        words.update(p.get("choices", []))
    write("fuzz_params", f"{sid}-defaults", bytes([i]) + "\n".join(f"{p['name']}={p['default']}" for p in params).encode())
    edges = []
    for p in params:
        if p["type"] in ("int", "real"):
            edges += [f"{p['name']}={p['min']:g}", f"{p['name']}={p['max']:g}"]
        elif p["type"] == "choice":
            edges += [f"{p['name']}={c}" for c in p["choices"]]
        elif p["type"] == "bool":
            edges += [f"{p['name']}=off", f"{p['name']}=TRUE"]
    if edges:
        write("fuzz_params", f"{sid}-edges", bytes([i]) + "\n".join(edges).encode())
write("fuzz_params", "bad-forms", bytes([0]) + b"threads=\n=5\nthreads\nthreads=1e3\nthreads=0x10\nthreads= 4")
write("fuzz_params", "none", bytes([0]))

# fuzz_cli_args: the arguments after the program name, one per line.
lines = {
    "help": ["help"], "version": ["--version"], "list": ["list", "--json"],
    "describe": ["describe", "counter", "--json"],
    "run": ["run", "counter", "threads=4", "locked=false", "--json", "--timeout", "2.5",
            "--stall", "0", "--max-events", "100000"],
    "run-files": ["run", "dining-philosophers", "variant=ordered", "--trace", "t.json", "--csv",
                  "s.csv", "--chart", "lock-wait=w.png", "--chart", "timeline=t.svg", "--save", "r.ilrun"],
    "open": ["open", "r.ilrun", "--csv", "s.csv", "--chart", "utilisation=u.svg", "--json"],
    "sweep": ["sweep", "performance-comparison", "workers=1..4", "--repeat", "2", "--seed", "7",
              "--chart", "speedup.png", "--csv", "s.csv", "--timeout", "30"],
    "sweep-real": ["sweep", "async-gather", "time_scale=0.01..0.1:0.01", "--json"],
    "serve": ["serve", "--model", "async", "--port", "0"],
    "bad": ["run", "--timeout", "-1", "counter"],
}
for name, argv in lines.items():
    write("fuzz_cli_args", name, "\n".join(argv))

# fuzz_runfile: mode byte (1: fix the checksum) + a real saved run.
runs = {
    "counter": ["counter", "threads=2", "increments=3"],
    "deadlock": ["dining-philosophers", "philosophers=2", "meals=1"],
    "pingpong": ["event-pingpong", "rounds=2"],
    "gather": ["async-gather", "time_scale=0.001"],
}
with tempfile.TemporaryDirectory() as tmp:
    for name, args in runs.items():
        path = os.path.join(tmp, name + ".ilrun")
        subprocess.run([CLI, "run", *args, "--save", path], capture_output=True)
        data = open(path, "rb").read()
        write("fuzz_runfile", name, b"\x00" + data)
        write("fuzz_runfile", name + "-fixsum", b"\x01" + data)
write("fuzz_runfile", "magic-only", b"\x00\x89ILRUN\r\n\x01\x00\x00\x00")

# fuzz_http_request: chunk size byte, flags byte (1: small limits), the bytes sent.
reqs = {
    "get": (0, 0, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    "pipelined": (7, 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\nHEAD /hello HTTP/1.1\r\n\r\n"
                        "GET /sleep?ms=5 HTTP/1.1\r\n\r\nGET /work?ms=0 HTTP/1.0\r\n\r\n"),
    "range": (3, 0, "GET /file/1000 HTTP/1.1\r\nRange: bytes=10-99\r\n\r\n"
                    "GET /file/100 HTTP/1.1\r\nRange: bytes=-5\r\n\r\nGET /file/10 HTTP/1.1\r\nRange: bytes=50-\r\n\r\n"),
    "post-body": (1, 0, "POST /hello HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"),
    "chunked": (16, 0, "PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
    "bad-ms": (0, 0, "GET /work?ms=99999&x=1 HTTP/1.1\r\n\r\nGET /file/abc HTTP/1.1\r\n\r\n"),
    "too-big": (64, 1, "GET /" + "a" * 300 + " HTTP/1.1\r\n\r\n"),
    "body-too-big": (0, 1, "POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n"),
    "http2": (0, 0, "GET / HTTP/2.0\r\n\r\n"),
    "garbage": (2, 0, "\x00\x01GET\r\n\r\n"),
    "upgrade": (0, 0, "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"),
    "keepalive-10": (5, 0, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /missing HTTP/1.1\r\n\r\n"),
}
for name, (chunk, flags, text) in reqs.items():
    write("fuzz_http_request", name, bytes([chunk, flags]) + text.encode("latin-1"))

def token(w):
    """A libFuzzer dictionary entry: its only escapes are backslash, quote and hex (xNN)."""
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\x{ord(c):02X}"
                         for c in w) + '"'


with open(os.path.join(ROOT, "fuzz/dict/params.dict"), "w") as f:
    f.write("# Scenario parameter names and choice words (written by fuzz/make_seeds.py)\n")
    for w in sorted(words):
        f.write(token(w) + "\n")
    for w in ["=", "\n", "true", "false", "yes", "off", "0", "-1", "1e308", "0.5", "nan", "inf"]:
        f.write(token(w) + "\n")
print("seeds written under", CORPUS)
