#!/usr/bin/env bash
# Data-quality sweep of scenarios/quality.yaml (docs/seed000.md, "Data quality"): the joint policy against the naive
# and the existing ones at three loads, and quality-lyapunov's V at one load; one run per point and seed (1-3).
# Writes $OUT/quality.csv (one row per run) and prints the tables of the doc (means over seeds).
set -euo pipefail
OFFLOAD=${OFFLOAD:-./offload}   # run from the repository root
out=${OUT:-results/seed000-quality}
mkdir -p "$out"
run() {  # label devices seed policy [options...]
  local label=$1 n=$2 s=$3 p=$4; shift 4
  local opts=()
  for o in "$@"; do opts+=(--policy-option "$o"); done
  [ -f "$out/$label-n$n-s$s/summary.json" ] || $OFFLOAD run scenarios/quality.yaml --quiet --seed "$s" --devices "$n" \
      --policy "$p" "${opts[@]}" --out "$out/$label-n$n-s$s" > /dev/null
}
for n in 60 150 240; do
  for s in 1 2 3; do
    run greedy "$n" "$s" greedy
    run per-task-rule "$n" "$s" profile-aware variant=resnet18@224
    run accuracy-aware "$n" "$s" accuracy-aware a_min=0.69
    run quality-lyapunov "$n" "$s" quality-lyapunov v=1
    run quality-lyapunov-per-task "$n" "$s" quality-lyapunov v=1 constraint=per_task
  done
done
for v in 0.01 0.1 1 10 100; do
  for s in 1 2 3; do
    run "v$v" 150 "$s" quality-lyapunov "v=$v"
  done
done
python3 - "$out" <<'PY'
import csv, glob, json, os, sys
out = sys.argv[1]
rows = []
for f in sorted(glob.glob(f"{out}/*/summary.json")):
    label, n, s = os.path.basename(os.path.dirname(f)).rsplit("-", 2)
    r = json.load(open(f))
    q = r["quality"]["IMAGE_CLASSIFICATION"]
    rows.append(dict(label=label, devices=int(n[1:]), seed=int(s[1:]), failure_rate=r["failure_rate"],
                     deadline_met_rate=r["deadline_met_rate"], **{k: q[k] for k in
                     ("accuracy_met_rate", "mean_accuracy", "latency_mean_s", "energy_j_per_task",
                      "upload_kb_per_task", "mean_level_px")}))
with open(f"{out}/quality.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
keys = ["accuracy_met_rate", "mean_accuracy", "latency_mean_s", "energy_j_per_task", "upload_kb_per_task",
        "mean_level_px", "failure_rate", "deadline_met_rate"]
def table(labels, devices):
    print("| policy | devices | " + " | ".join(keys) + " | penalty latency/D + J |")
    print("|---" * (len(keys) + 3) + "|")
    for n in devices:
        for l in labels:
            rs = [r for r in rows if r["label"] == l and r["devices"] == n]
            if not rs:
                continue
            m = {k: sum(r[k] for r in rs) / len(rs) for k in keys}
            pen = m["latency_mean_s"] / 0.6 + m["energy_j_per_task"]
            print(f"| {l} | {n} | " + " | ".join(f"{m[k]:.4f}" if k != "upload_kb_per_task" and k != "mean_level_px"
                  else f"{m[k]:.1f}" for k in keys) + f" | {pen:.4f} |")
table(["greedy", "per-task-rule", "accuracy-aware", "quality-lyapunov", "quality-lyapunov-per-task"], [60, 150, 240])
print()
table([f"v{v}" for v in ["0.01", "0.1", "1", "10", "100"]], [150])
PY
