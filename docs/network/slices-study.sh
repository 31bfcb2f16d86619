#!/usr/bin/env bash
# The QoS-slices study of docs/network.md: scenarios/slices.yaml with and without the critical class's slice,
# 30-120 devices, 3 replications each (common random numbers), then one table of the per-class metrics
# (mean and min-max over replications). Run from the repository root; OUT defaults to results/slices-study.
set -euo pipefail
out=${OUT:-results/slices-study}
./offload sweep scenarios/slices.yaml --devices 30,60,90,120 --replications 3 --threads 2 --no-report --force \
  --out "$out/sliced"
./offload sweep scenarios/slices.yaml --devices 30,60,90,120 --replications 3 --threads 2 --no-report --force \
  --set 'qos.classes[0].slice=none' --out "$out/unsliced"
python3 - "$out" <<'PY'
import json, pathlib, sys, statistics
root = pathlib.Path(sys.argv[1])
rows = {}
for f in sorted(root.glob("*/**/summary.json")):
    s = json.loads(f.read_text())
    variant = f.relative_to(root).parts[0]
    for cls, q in s["qos"].items():
        rows.setdefault((variant, s["devices"], cls), []).append(q)
def fmt(vals):
    vals = [v for v in vals if v is not None]
    return f"{statistics.mean(vals):.3f} [{min(vals):.3f}, {max(vals):.3f}]"
print("| variant | devices | class | latency_met_rate | mean_throughput_mbps | carried_mbps | runs |")
print("|---|---|---|---|---|---|---|")
for (variant, devices, cls), qs in sorted(rows.items(), key=lambda r: (r[0][2], r[0][1], r[0][0])):
    print(f"| {variant} | {devices} | {cls} | {fmt([q['latency_met_rate'] for q in qs])} | "
          f"{fmt([q['mean_throughput_mbps'] for q in qs])} | {fmt([q['carried_mbps'] for q in qs])} | {len(qs)} |")
PY
