#!/usr/bin/env python3
"""Scores `movie-trivia lookup --top K --timings` from outside, the way rapidfuzz is scored.

    python3 bench/score_cli.py DIR LOOKUP_OUT PERF_ERR [--json FILE]

LOOKUP_OUT holds the lookup's standard output (query<TAB>id1,id2,...), PERF_ERR its standard
error (perf: build_ms=N, then one perf: query_ns=N per query).
"""

import argparse
import json
from collections import defaultdict


def percentile(sorted_ns, p):
    i = max(1, min(len(sorted_ns), -(-len(sorted_ns) * p // 100)))
    return sorted_ns[int(i) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("err")
    ap.add_argument("--json")
    args = ap.parse_args()
    queries = [l.rstrip("\n").split("\t") for l in open(f"{args.dir}/queries.tsv", encoding="utf-8") if l.strip()]
    lines = [l.rstrip("\n").split("\t") for l in open(args.out, encoding="utf-8")]
    perf = [l.split("=", 1) for l in open(args.err, encoding="utf-8") if l.startswith("perf: ")]
    build_ms = next(float(v) for k, v in perf if k == "perf: build_ms")
    ns = sorted(int(v) for k, v in perf if k == "perf: query_ns")
    if len(lines) != len(queries) or len(ns) != len(queries):
        raise SystemExit(f"error: {len(queries)} queries but {len(lines)} answers and {len(ns)} timings")
    k = max((len(l[1].split(",")) for l in lines if len(l) > 1 and l[1]), default=0)
    score = defaultdict(lambda: [0, 0, 0])
    for (query, meant, kind), line in zip(queries, lines):
        ids = line[1].split(",") if len(line) > 1 and line[1] else []
        for key in (kind, "all"):
            s = score[key]
            s[0] += 1
            s[1] += bool(ids) and ids[0] == meant
            s[2] += meant in ids
    kinds = {key: {"queries": q, "top1": f / q, "recall": w / q} for key, (q, f, w) in score.items()}
    timing = {"qps": len(ns) / (sum(ns) / 1e9), "median_us": percentile(ns, 50) / 1e3, "p99_us": percentile(ns, 99) / 1e3}
    result = {"name": "movie-trivia lookup (CLI)", "k": k, "kinds": kinds, "top1_timing": None,
              "topk_timing": timing, "build_ms": build_ms, "index_mb": None}
    if args.json:
        json.dump(result, open(args.json, "w", encoding="utf-8"), indent=2)
    print(f"{result['name']}: top-1 {100 * kinds['all']['top1']:.1f}%  recall@{k} {100 * kinds['all']['recall']:.1f}%  "
          f"{timing['qps']:.0f} queries/s  median {timing['median_us']:.1f} us  p99 {timing['p99_us']:.1f} us  build {build_ms:.0f} ms")


if __name__ == "__main__":
    main()
