#!/usr/bin/env python3
"""How a whole check grows: protobuf's public headers for 1, 4 and 9 platforms, and 1, 10 and all
headers, with the time and peak memory of each stage (scan, read, match).

Each configuration runs in a fresh child process, so its peak RSS is its own; stages run in order
inside it and the peak after each stage is reported (RSS only grows, so a stage's own cost is the step
from the one before). Scans are cold (no cache). Only linux-x86_64 has a binary (Debian's
libprotobuf.so); the other platforms are scanned and reported unknown, which is the work a docs job does
before its dumps arrive.

    apt-get install -y libprotobuf-dev
    python benchmarks/bench_scale.py
"""

from __future__ import annotations

import glob
import json
import resource
import subprocess
import sys
import time

HEADERS = sorted(glob.glob("/usr/include/google/protobuf/*.h"))
LIBRARY = "/usr/lib/x86_64-linux-gnu/libprotobuf.so"
PLATFORMS = [
    "linux-x86_64",
    "macos-arm64",
    "windows-x86_64",
    "windows-x86",
    "linux-aarch64",
    "linux-x86",
    "macos-x86_64",
    "windows-arm64",
    "windows-x86_64-mingw",
]


def child(headers: list[str], platforms: list[str]) -> dict:
    from sphinx_nativeapi.binaries import read_symbols
    from sphinx_nativeapi.matching import match
    from sphinx_nativeapi.scanner import ScanRequest, scan

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = {"start_mb": peak_mb()}
    start = time.perf_counter()
    model = scan(ScanRequest(headers=tuple(headers), language="c++", std="c++17", platforms=tuple(platforms)))
    out["scan_s"], out["scan_mb"] = time.perf_counter() - start, peak_mb()
    start = time.perf_counter()
    tables = {"linux-x86_64": read_symbols(LIBRARY)}
    out["read_s"], out["read_mb"] = time.perf_counter() - start, peak_mb()
    start = time.perf_counter()
    report = match(model, tables)
    out["match_s"], out["match_mb"] = time.perf_counter() - start, peak_mb()
    out["declarations"] = len(model.declarations)
    out["exported"] = len(report.platforms["linux-x86_64"].exported)
    return out


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        spec = json.loads(sys.argv[2])
        print(json.dumps(child(spec["headers"], spec["platforms"])))
        return 0
    if not HEADERS or not glob.glob(LIBRARY):
        sys.exit("bench_scale: needs Debian's libprotobuf-dev (apt-get install -y libprotobuf-dev)")
    configs = [(len(HEADERS), 1), (len(HEADERS), 4), (len(HEADERS), 9), (1, 1), (10, 1)]
    print("| headers | platforms | declarations | scan s | read s | match s | peak MB: scan / read / match |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for count, platforms in configs:
        spec = json.dumps({"headers": HEADERS[:count], "platforms": PLATFORMS[:platforms]})
        run = subprocess.run(
            [sys.executable, __file__, "--child", spec], capture_output=True, text=True, check=False
        )
        if run.returncode != 0:
            print(f"| {count} | {platforms} | failed: {run.stderr.strip().splitlines()[-1:]} |")
            continue
        r = json.loads(run.stdout)
        print(
            f"| {count} | {platforms} | {r['declarations']} | {r['scan_s']:.1f} | {r['read_s']:.2f} | "
            f"{r['match_s']:.2f} | {r['scan_mb']:.0f} / {r['read_mb']:.0f} / {r['match_mb']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
