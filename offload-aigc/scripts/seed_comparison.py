#!/usr/bin/env python3
"""Combines `offload run ... --set eval_episodes=50` outputs of several training seeds (docs/aigc.md, "Results of
the pre-registered comparison").

Usage: seed_comparison.py EVAL_DIR LEARNER [LEARNER ...] -- HEURISTIC [HEURISTIC ...]

EVAL_DIR holds one `offload run` output directory per evaluation: `<learner>-s<seed>` for each training seed of a
learning agent, `<heuristic>` for the others (all on the same evaluation episodes). Reads their episodes.csv.

How seeds are combined: the training seed is the unit. For a learner, each seed's mean over the common episodes is
one value; the table gives the mean of these values and the Student-t 95% interval over seeds (t with seeds - 1
degrees of freedom). For a heuristic (no training) the interval is over episodes. A paired difference A - B is,
per seed, the mean over the common episodes of A's minus B's value (B of the same training seed when B learns);
the interval is again over seeds. Prints Markdown tables.
"""
import csv
import math
import os
import re
import sys

from scipy import stats

METRICS = [("reward", "reward", 1, "%.3f"), ("latency_s", "latency (s)", 1, "%.3f"),
           ("completion_rate", "completion (%)", 100, "%.2f"), ("energy_j", "energy (J)", 1, "%.3f"),
           ("model_switches", "switches / episode", 1, "%.1f")]


def read(path):
    with open(os.path.join(path, "episodes.csv")) as f:
        rows = list(csv.DictReader(f))
    return {m: [float(r[m]) * scale for r in rows] for m, _, scale, _ in METRICS}, [r["seed"] for r in rows]


def mean(v):
    return sum(v) / len(v)


def interval(v):
    """Mean and Student-t 95% interval of the values v."""
    m = mean(v)
    if len(v) < 2:
        return m, float("nan"), float("nan")
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1))
    h = stats.t.ppf(0.975, len(v) - 1) * sd / math.sqrt(len(v))
    return m, m - h, m + h


def fmt(f, est):
    m, lo, hi = est
    return (f % m) + " (" + (f % lo) + ".." + (f % hi) + ")"


def main(argv):
    root = argv[1]
    sep = argv.index("--")
    learners, heuristics = argv[2:sep], argv[sep + 1:]
    runs = {}  # approach -> list of (seed label, {metric: [per episode]})
    episodes = None
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if not os.path.isfile(os.path.join(path, "episodes.csv")):
            continue
        values, eps = read(path)
        if episodes is None:
            episodes = eps
        if eps != episodes:
            sys.exit(name + ": not the same evaluation episodes as the others")
        m = re.fullmatch(r"(.+)-s(\d+)", name)
        approach, seed = (m.group(1), int(m.group(2))) if m and m.group(1) in learners else (name, None)
        runs.setdefault(approach, []).append((seed, values))
    for a in learners + heuristics:
        if a not in runs:
            sys.exit("no evaluation of " + a + " under " + root)

    def per_unit(a, metric):
        """A learner's per-seed means, or a heuristic's per-episode values."""
        if a in learners:
            return [mean(v[metric]) for _, v in sorted(runs[a], key=lambda r: r[0])]
        return runs[a][0][1][metric]

    print("| approach | seeds | " + " | ".join(label for _, label, _, _ in METRICS) + " |")
    print("|---|---|" + "---|" * len(METRICS))
    for a in learners + heuristics:
        seeds = ",".join(str(s) for s, _ in sorted(runs[a], key=lambda r: r[0])) if a in learners else "-"
        print("| " + a + " | " + seeds + " | " + " | ".join(fmt(f, interval(per_unit(a, m)))
                                                           for m, _, _, f in METRICS) + " |")
    print()
    print("Per seed (mean over the %d episodes):" % len(episodes))
    print()
    print("| approach | seed | " + " | ".join(label for _, label, _, _ in METRICS) + " |")
    print("|---|---|" + "---|" * len(METRICS))
    for a in learners:
        for s, v in sorted(runs[a], key=lambda r: r[0]):
            print("| %s | %d | " % (a, s) + " | ".join(f % mean(v[m]) for m, _, _, f in METRICS) + " |")
    print()
    first = learners[0]
    pairs = [(first, b) for b in learners[1:] + heuristics]
    print("Paired differences (95% interval over seeds):")
    print()
    print("| pair | " + " | ".join(label for _, label, _, _ in METRICS) + " |")
    print("|---|" + "---|" * len(METRICS))
    for a, b in pairs:
        cells = []
        for m, _, _, f in METRICS:
            d = []
            for s, va in sorted(runs[a], key=lambda r: r[0]):
                if b in learners:
                    vb = dict(runs[b]).get(s)
                    if vb is None:
                        continue
                else:
                    vb = runs[b][0][1]
                d.append(mean([x - y for x, y in zip(va[m], vb[m])]))
            cells.append(fmt(f, interval(d)))
        print("| %s - %s | " % (a, b) + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv)
