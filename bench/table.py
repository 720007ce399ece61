#!/usr/bin/env python3
"""Prints the figures of several JSON reports (from examples/accuracy.rs, bench/score_cli.py
and bench/rapidfuzz_peer.py) side by side as a Markdown table.

    python3 bench/table.py ours.json cli.json rapidfuzz.json
"""

import json
import sys

KINDS = ["exact", "lowercase", "missing-article", "typo1", "typo2", "prefix", "title-year", "no-punct",
         "famous-misspelled", "all"]


def main():
    reports = [json.load(open(p, encoding="utf-8")) for p in sys.argv[1:]]
    if not reports:
        sys.exit("usage: table.py REPORT.json...")
    k = reports[0]["k"]
    rows = [["", *(r["name"] for r in reports)]]

    def row(label, fmt):
        rows.append([label, *(fmt(r) for r in reports)])

    def pct(kind, field):
        return lambda r: f"{100 * r['kinds'][kind][field]:.1f}%" if kind in r["kinds"] else "-"

    def num(path, f="{:.0f}"):
        def get(r):
            v = r
            for p in path:
                v = v.get(p) if isinstance(v, dict) else None
            return "-" if v is None else f.format(v)
        return get

    row("queries/s, top-1 (one core)", num(["top1_timing", "qps"]))
    row(f"queries/s, top-{k}", num(["topk_timing", "qps"]))
    row("median per query, top-1 (µs)", num(["top1_timing", "median_us"], "{:.1f}"))
    row("p99 per query, top-1 (µs)", num(["top1_timing", "p99_us"], "{:.1f}"))
    row(f"median per query, top-{k} (µs)", num(["topk_timing", "median_us"], "{:.1f}"))
    row(f"p99 per query, top-{k} (µs)", num(["topk_timing", "p99_us"], "{:.1f}"))
    for kind in KINDS:
        row(f"top-1 {kind}", pct(kind, "top1"))
    for kind in KINDS:
        row(f"recall@{k} {kind}", pct(kind, "recall"))
    row("index build (ms)", num(["build_ms"], "{:.0f}"))
    row("index memory (MB)", num(["index_mb"], "{:.1f}"))

    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
