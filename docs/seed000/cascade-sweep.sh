#!/usr/bin/env bash
# Threshold sweep of scenarios/cascade.yaml (docs/seed000.md, "Cascaded inference"): one run per threshold and seed, one table row per threshold (mean over seeds).
set -euo pipefail
OFFLOAD=${OFFLOAD:-./offload}   # run from the repository root
out=${OUT:-results/seed000-cascade}
mkdir -p "$out"
for t in 0 0.2 0.4 0.5 0.6 0.7 0.8 0.9 1; do
  for s in 1 2 3; do
    $OFFLOAD run scenarios/cascade.yaml --quiet --seed "$s" --set "applications.CLASSIFY.cascade.threshold=$t" \
        --out "$out/t$t-s$s" > /dev/null
  done
done
python3 - "$out" <<'PY'
import json, sys, glob
out = sys.argv[1]
print("| threshold | escalated share (closed form t^4) | accuracy (closed form) | mean latency (s) | escalated latency (s) | failure rate |")
print("|---|---|---|---|---|---|")
for t in ["0", "0.2", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]:
    runs = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/t{t}-s*/summary.json"))]
    c = [r["cascade"]["CLASSIFY"] for r in runs]
    m = lambda k: sum((x[k] or 0) for x in c) / len(c)
    tt = float(t)
    share, acc = tt ** 4, 0.8 * (1 - tt ** 5) + tt ** 4 * 0.95
    esc = "—" if all(x["escalated_latency_mean_s"] is None for x in c) else f'{m("escalated_latency_mean_s"):.3f}'
    fr = sum(r["failure_rate"] for r in runs) / len(runs)
    print(f'| {t} | {m("escalated_share"):.4f} ({share:.4f}) | {m("accuracy"):.4f} ({acc:.4f}) | {m("latency_mean_s"):.3f} | {esc} | {fr:.4f} |')
PY
