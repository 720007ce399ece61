#!/usr/bin/env python3
"""The peer: rapidfuzz on the same files as the movie-trivia matcher, measured the same way.

    python3 bench/rapidfuzz_peer.py DIR [--k 25] [--json FILE] [--processor-per-call]

DIR holds titles.tsv (id<TAB>title<TAB>year) and queries.tsv (query<TAB>id<TAB>kind), as
written by `cargo run --release --example gen_catalog`. Choices are "title year" strings, its most
accurate set-up on this task. Top-1 comes from process.extractOne with fuzz.QRatio and
utils.default_process; recall at k from process.extract(..., limit=k). Each call is timed alone,
on one thread.

The choices are pre-processed once with utils.default_process and each query is processed before
its call, which gives the same answers as passing processor=utils.default_process to every call
without re-processing the whole catalog per query (--processor-per-call does that instead).
"""

import argparse
import json
import sys
import time
from collections import defaultdict

from rapidfuzz import fuzz, process, utils


def read_tsv(path, fields):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != fields:
                sys.exit(f"error: {path}:{n}: expected {fields} tab-separated fields, found {len(parts)}")
            rows.append(parts)
    return rows


def percentile(sorted_ns, p):
    if not sorted_ns:
        return 0
    i = max(1, min(len(sorted_ns), -(-len(sorted_ns) * p // 100)))
    return sorted_ns[int(i) - 1]


def timing(ns):
    ns = sorted(ns)
    return {
        "qps": len(ns) / (sum(ns) / 1e9) if ns else 0.0,
        "median_us": percentile(ns, 50) / 1e3,
        "p99_us": percentile(ns, 99) / 1e3,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--k", type=int, default=25)
    ap.add_argument("--json")
    ap.add_argument("--processor-per-call", action="store_true")
    args = ap.parse_args()

    titles = read_tsv(f"{args.dir}/titles.tsv", 3)
    queries = read_tsv(f"{args.dir}/queries.tsv", 3)
    ids = [t[0] for t in titles]
    labels = [f"{t[1]} {t[2]}" for t in titles]

    start = time.perf_counter()
    if args.processor_per_call:
        choices, processor = labels, utils.default_process
    else:
        choices, processor = [utils.default_process(c) for c in labels], None
    build_ms = (time.perf_counter() - start) * 1e3

    def prepare(q):
        return q if args.processor_per_call else utils.default_process(q)

    first_ns, within_ns = [], []
    score = defaultdict(lambda: {"queries": 0, "first": 0, "within": 0})
    for query, meant, kind in queries:
        q = prepare(query)
        t0 = time.perf_counter_ns()
        best = process.extractOne(q, choices, scorer=fuzz.QRatio, processor=processor)
        t1 = time.perf_counter_ns()
        found = process.extract(q, choices, scorer=fuzz.QRatio, processor=processor, limit=args.k)
        t2 = time.perf_counter_ns()
        first_ns.append(t1 - t0)
        within_ns.append(t2 - t1)
        first = best is not None and ids[best[2]] == meant
        within = any(ids[i] == meant for _, _, i in found)
        for key in (kind, "all"):
            score[key]["queries"] += 1
            score[key]["first"] += first
            score[key]["within"] += within

    kinds = {
        k: {"queries": v["queries"], "top1": v["first"] / v["queries"], "recall": v["within"] / v["queries"]}
        for k, v in score.items()
    }
    result = {
        "name": "rapidfuzz " + getattr(sys.modules["rapidfuzz"], "__version__", "?"),
        "k": args.k,
        "kinds": kinds,
        "top1_timing": timing(first_ns),
        "topk_timing": timing(within_ns),
        "build_ms": build_ms,
        "index_mb": None,
    }
    print(f"{result['name']}: {len(titles)} titles, {len(queries)} queries")
    for k in sorted(kinds):
        print(f"  {k:<18} top-1 {100 * kinds[k]['top1']:5.1f}%  recall@{args.k} {100 * kinds[k]['recall']:5.1f}%")
    for label, t in (("top-1", result["top1_timing"]), (f"top-{args.k}", result["topk_timing"])):
        print(f"  {label}: {t['qps']:.0f} queries/s  median {t['median_us']:.0f} us  p99 {t['p99_us']:.0f} us")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
