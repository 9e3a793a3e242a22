#!/usr/bin/env python3
"""Prints the benchmark table from bench/run.sh's results.tsv: medians, and ratios taken pair
by pair (run i of Brief against run i of Hugo or of the floor) before the median."""

import statistics
import sys
from collections import defaultdict

TARGETS = {  # at N = 10,000, from issue 6
    "cold / hugo": 0.25,
    "cold / floor": 1.5,
    "peak RSS / hugo": 0.15,
    "no-change / hugo cold": 0.05,
    "one edit / hugo cold": 0.10,
}


def main(path):
    runs = defaultdict(dict)  # (n, name) -> run -> (wall, cpu, rss_kib)
    pages, files = {}, {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        n = int(f[0])
        if f[1].startswith("pages-"):
            pages[(n, f[1][6:])] = int(f[2])
        elif f[1] == "files-brief":
            files[n] = (int(f[2]), int(f[3]))
        elif f[2] != "0":  # run 0 is the warm-up
            runs[(n, f[1])][int(f[2])] = (float(f[3]), float(f[4]) + float(f[5]), int(f[6]))

    def series(n, name, k):
        r = runs.get((n, name), {})
        return {i: v[k] for i, v in r.items()}

    def floor_wall(n):
        md, wr = series(n, "floor-markdown", 0), series(n, "floor-write", 0)
        return {i: md[i] + wr[i] for i in md if i in wr}

    def ratio(a, b):
        pairs = [a[i] / b[i] for i in a if i in b and b[i] > 0]
        return statistics.median(pairs) if pairs else float("nan")

    def med(d):
        return statistics.median(d.values()) if d else float("nan")

    sizes = sorted({n for n, _ in runs})
    print()
    print("%-7s %-26s %8s %8s %10s %9s %11s %11s" % ("N", "what", "wall s", "CPU s", "peak MiB", "pages/s", "/ hugo", "/ floor"))
    print("-" * 98)
    summary = {}
    for n in sizes:
        hugo = series(n, "hugo", 0)
        fl = floor_wall(n)
        rows = [
            ("hugo", "hugo (cold)", hugo),
            ("brief-cold", "brief --no-cache (cold)", series(n, "brief-cold", 0)),
            ("brief-nochange", "brief, nothing changed", series(n, "brief-nochange", 0)),
            ("brief-edit", "brief, one body edited", series(n, "brief-edit", 0)),
        ]
        for key, label, wall in rows:
            if not wall:
                continue
            cpu = med(series(n, key, 1))
            rss = med(series(n, key, 2)) / 1024
            tool = "hugo" if key == "hugo" else "brief"
            pg = pages.get((n, tool), 0)
            pps = pg / med(wall) if key in ("hugo", "brief-cold") and med(wall) > 0 else float("nan")
            rh = ratio(wall, hugo) if key != "hugo" else 1.0
            rf = ratio(wall, fl) if key == "brief-cold" else float("nan")
            print("%-7d %-26s %8.2f %8.2f %10.0f %9s %11s %11s" % (
                n, label, med(wall), cpu, rss, "" if pps != pps else "%.0f" % pps,
                "%.3f" % rh, "" if rf != rf else "%.2f" % rf))
            summary[(n, key)] = (med(wall), rh, rf, rss)
        md, wr = series(n, "floor-markdown", 0), series(n, "floor-write", 0)
        if fl:
            print("%-7d %-26s %8.2f %8.2f %10s %9s %11.3f" % (n, "floor: cmark-gfm x2 + write", med(fl),
                  med(series(n, "floor-markdown", 1)) + med(series(n, "floor-write", 1)), "", "", ratio(fl, hugo)))
            print("%-7s   %-24s %8.2f   (markdown %.2f s, write %.2f s: %d files, %.0f MiB)" % (
                "", "", med(fl), med(md), med(wr), files.get(n, (0, 0))[0], files.get(n, (0, 0))[1] / 2**20))
        print("%-7s   pages: brief %d, hugo %d" % ("", pages.get((n, "brief"), 0), pages.get((n, "hugo"), 0)))
        print()

    if (10000, "brief-cold") in summary:
        cold = summary[(10000, "brief-cold")]
        hugo_rss = med(series(10000, "hugo", 2)) / 1024
        got = {
            "cold / hugo": cold[1],
            "cold / floor": cold[2],
            "peak RSS / hugo": cold[3] / hugo_rss if hugo_rss else float("nan"),
            "no-change / hugo cold": summary.get((10000, "brief-nochange"), (0, float("nan")))[1],
            "one edit / hugo cold": summary.get((10000, "brief-edit"), (0, float("nan")))[1],
        }
        print("targets at N = 10,000 (ratios pair by pair, then the median):")
        for k, limit in TARGETS.items():
            v = got[k]
            print("  %-24s %7.3f   target <= %-5.2f %s" % (k, v, limit, "holds" if v <= limit else "MISSED"))
    linear = [(n, summary[(n, "brief-cold")][0]) for n in sizes if (n, "brief-cold") in summary]
    if len(linear) > 1:
        print("growth (brief cold, seconds per 1,000 briefings): " +
              ", ".join("N=%d: %.3f" % (n, w * 1000 / n) for n, w in linear))


if __name__ == "__main__":
    main(sys.argv[1])
